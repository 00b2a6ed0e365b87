-- What became of each rebalance decision: the migration that executes it (cause rebalance, from
-- hyperplane.migration.events) and how it ended. A decision that failed or was cancelled frees its host's cooldown.
ALTER TABLE mb_decision ADD COLUMN migration_id   TEXT;
ALTER TABLE mb_decision ADD COLUMN outcome        TEXT;
ALTER TABLE mb_decision ADD COLUMN outcome_reason TEXT;
ALTER TABLE mb_decision ADD COLUMN outcome_at     TIMESTAMPTZ;
CREATE INDEX mb_decision_migration ON mb_decision (migration_id);
CREATE INDEX mb_decision_from_host ON mb_decision (from_host_id, decided_at DESC);
