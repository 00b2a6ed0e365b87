-- The fleet read model (Hibernate Reactive), fed from hyperplane.host.events and hyperplane.vm.events.
CREATE TABLE host_view (
    host_id                VARCHAR(64)  PRIMARY KEY,
    name                   VARCHAR(128) NOT NULL,
    agent_id               VARCHAR(64)  NOT NULL,
    windows_server_version VARCHAR(32)  NOT NULL,
    logical_processors     INT          NOT NULL,
    memory_mb              BIGINT       NOT NULL,
    root_reserve_mb        BIGINT       NOT NULL,
    state                  VARCHAR(32)  NOT NULL,
    registered_at          TIMESTAMPTZ  NOT NULL
);

CREATE TABLE fleet_vm (
    vm_id              VARCHAR(64)  PRIMARY KEY,
    tenant_id          VARCHAR(64),
    name               VARCHAR(128),
    vcpus              INT,
    memory_mb          BIGINT,
    guest_family       VARCHAR(16),
    guest_distribution VARCHAR(64),
    guest_version      VARCHAR(64),
    host_id            VARCHAR(64),
    state              VARCHAR(32)  NOT NULL,
    failure_reason     TEXT,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX fleet_vm_tenant ON fleet_vm (tenant_id, vm_id);
CREATE INDEX fleet_vm_host ON fleet_vm (host_id, vm_id);
