package dev.hyperplane.backup.control;

import dev.hyperplane.backup.command.FailBackup;
import dev.hyperplane.backup.command.StartBackup;
import dev.hyperplane.backup.domain.BackupAdmission;
import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.platform.cluster.Leadership;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The backup queue, on the leading replica every {@code hyperplane.backup.admission-interval}: re-reads the queued
 * backups with their VMs (one query) and the running ones and starts those the limits allow ({@link BackupAdmission}), each on the host its VM runs on
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
        Set<String> vmsTaken = new HashSet<>(); // one backup per VM at a time, also within a round
        for (Backups.Queued queued : backups.queued()) {
            if (queued.vmState() == null || GONE.contains(queued.vmState())) {
                send(new FailBackup(queued.backupId(), "VM " + queued.vmId() + " is " + (queued.vmState() == null
                        ? "unknown to this service" : queued.vmState().toLowerCase())));
                continue;
            }
            boolean onHost = ON_A_HOST.contains(queued.vmState()) && !queued.vmBackupRunning()
                    && vmsTaken.add(queued.vmId());
            queue.add(new BackupAdmission.Queued(queued.backupId(), onHost ? queued.hostId() : null));
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
