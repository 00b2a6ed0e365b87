package dev.hyperplane.backup.domain;

import java.time.Duration;

/**
 * How long a backup and a restore may take, from configuration ({@code hyperplane.backup.*}).
 *
 * @param runTimeout   from its start on its host to the host's answer; past it the backup fails (the host or its
 *                     agent is gone), so no job stays running forever
 * @param queueTimeout how long an on-demand backup may wait for its turn (a scheduled one waits for its window)
 * @param restoreTimeout how long provisioning may take to create or restore the VM; past it the restore fails
 */
public record BackupSettings(Duration runTimeout, Duration queueTimeout, Duration restoreTimeout) {
}
