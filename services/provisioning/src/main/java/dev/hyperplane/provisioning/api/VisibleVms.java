package dev.hyperplane.provisioning.api;

import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.provisioning.query.VmQueries;
import dev.hyperplane.provisioning.query.VmView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The VMs the calling token may see: another tenant's VM is answered like a missing one (404, never 403). */
@ApplicationScoped
public class VisibleVms {

    @Inject
    VmQueries queries;
    @Inject
    Caller caller;

    public VmView get(String vmId) {
        return queries.vm(vmId).filter(vm -> caller.canSee(vm.tenantId()))
                .orElseThrow(() -> ProblemException.notFound("VM", vmId));
    }
}
