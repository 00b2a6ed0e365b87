-- One database per service (compose only; on Kubernetes CloudNativePG creates them).
CREATE DATABASE inventory;
CREATE DATABASE provisioning;
CREATE DATABASE hypervisor_agent;
CREATE DATABASE memory;
CREATE DATABASE migration;
CREATE DATABASE backup;
CREATE DATABASE integrations;
