package dev.hyperplane.backup.control;

import dev.hyperplane.backup.command.RequestBackup;
import dev.hyperplane.backup.domain.BackupSchedule;
import dev.hyperplane.backup.query.BackupPolicies;
import dev.hyperplane.backup.query.BackupPolicyView;
import dev.hyperplane.backup.query.BackupVms;
import dev.hyperplane.backup.query.Backups;
import dev.hyperplane.platform.cluster.Leadership;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The persistent scheduler, on the leading replica every {@code hyperplane.backup.schedule-interval}: for each
 * policy whose schedule has a time due since the one it last ran for ({@link BackupSchedule#due}, so the times
 * missed while the service was down run once), every VM it governs gets a backup for that time, which must start
 * within the policy's window. A backup's id is derived from the policy, the VM and the time, and the time run for is
 * recorded only after all are requested: a round cut short, or repeated by a new leader, requests each backup once.
 */
@ApplicationScoped
public class BackupScheduler {
    private static final Logger LOG = Logger.getLogger(BackupScheduler.class);
    static final String REQUESTED_BY = "schedule";

    @Inject
    BackupPolicies policies;
    @Inject
    Backups backups;
    @Inject
    CommandGateway commands;
    @Inject
    Leadership leadership;
    @Inject
    Clock clock;

    @Scheduled(every = "${hyperplane.backup.schedule-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (leadership.isLeader()) {
            round(clock.instant());
        }
    }

    /** One round as of {@code now}: each policy that has a time due runs for it. */
    public void round(Instant now) {
        String after = "";
        for (var page = policies.list(null, after, 500); !page.isEmpty(); page = policies.list(null, after, 500)) {
            for (BackupPolicyView policy : page) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> run(policy, now));
                } catch (RuntimeException e) {
                    LOG.warnf("policy %s not run this round: %s", policy.policyId(), e.toString());
                }
            }
            after = page.get(page.size() - 1).policyId();
        }
    }

    private void run(BackupPolicyView policy, Instant now) {
        BackupSchedule schedule = BackupSchedule.of(policy.schedule(), policy.timeZone());
        Optional<Instant> due = schedule.due(policies.lastRun(policy.policyId()).orElse(null), policy.setAt(), now);
        if (due.isEmpty()) {
            return;
        }
        Instant startBy = due.get().plus(Duration.ofMinutes(policy.windowMinutes()));
        int requested = 0;
        for (BackupVms.Vm vm : policies.governed(policy.policyId())) {
            String backupId = backupIdOf(policy.policyId(), vm.vmId(), due.get());
            if (backups.find(backupId).isEmpty()) {
                commands.sendAndWait(new RequestBackup(backupId, vm.vmId(), vm.tenantId(), policy.policyId(),
                        REQUESTED_BY, policy.consistency(), due.get(), startBy, REQUESTED_BY));
                requested++;
            }
        }
        policies.ran(policy.policyId(), due.get());
        LOG.infof("policy %s ran for %s: %d backups requested", policy.policyId(), due.get(), requested);
    }

    /** One backup per policy, VM and scheduled time. */
    static String backupIdOf(String policyId, String vmId, Instant scheduledFor) {
        return UUID.nameUUIDFromBytes((policyId + "|" + vmId + "|" + scheduledFor).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
