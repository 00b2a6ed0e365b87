-- RetentionPruner deletes command answers by age, once the command can no longer be redelivered.
CREATE INDEX command_log_applied_at ON command_log (applied_at);
