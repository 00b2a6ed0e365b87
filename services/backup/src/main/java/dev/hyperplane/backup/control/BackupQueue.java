package dev.hyperplane.backup.control;

import dev.hyperplane.backup.command.FailBackup;
import dev.hyperplane.backup.command.StartBackup;
import dev.hyperplane.backup.domain.BackupAdmission;
import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.platform.cluster.Leadership;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The backup queue, on the leading replica every {@code hyperplane.backup.admission-interval}: re-reads the queued
 * and running backups and starts those the limits allow ({@link BackupAdmission}), each on the host its VM runs on
 * now. A backup whose VM is gone fails; one whose VM has no host to run on now (being placed or moved, its host
 * silent) waits its turn again until its start-by deadline. Each start is an idempotent command to the job, so a
 * round repeated by a new leader starts nothing twice.
 */
@ApplicationScoped
public class BackupQueue {
    private static final Logger LOG = Logger.getLogger(BackupQueue.class);
    /** VM states in which its host holds it and can back it up (offline when it is not running). */
    private static final Set<String> ON_A_HOST = Set.of("Running", "Stopped", "Paused", "Saved");
    private static final Set<String> GONE = Set.of("Deleted", "Failed");

    @Inject
    Backups backups;
    @Inject
    BackupVms vms;
    @Inject
    BackupAdmission admission;
    @Inject
    CommandGateway commands;
    @Inject
    Leadership leadership;

    @Scheduled(every = "${hyperplane.backup.admission-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void admit() {
        if (!leadership.isLeader()) {
            return;
        }
        List<BackupAdmission.Queued> queue = new ArrayList<>();
        for (Backups.Queued queued : backups.queued()) {
            Optional<BackupVms.Vm> vm = vms.find(queued.vmId());
            if (vm.isEmpty() || GONE.contains(vm.get().state())) {
                send(new FailBackup(queued.backupId(), "VM " + queued.vmId() + " is "
                        + vm.map(v -> v.state().toLowerCase()).orElse("unknown to this service")));
                continue;
            }
            boolean onHost = ON_A_HOST.contains(vm.get().state()) && !backups.busy(queued.vmId(), queued.backupId());
            queue.add(new BackupAdmission.Queued(queued.backupId(), onHost ? vm.get().hostId() : null));
        }
        for (BackupAdmission.Queued start : admission.admit(queue, backups.runningPerHost())) {
            send(new StartBackup(start.backupId(), start.hostId()));
        }
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            LOG.warnf("%s not sent this round: %s", command, e.toString()); // the next round reads again
        }
    }
}
