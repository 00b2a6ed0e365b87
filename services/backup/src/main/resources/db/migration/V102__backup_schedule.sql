-- The scheduled time each policy last ran for: the scheduler's memory across restarts (missed times run once).
CREATE TABLE backup_schedule_run (
    policy_id VARCHAR(140) PRIMARY KEY,
    last_run  TIMESTAMPTZ  NOT NULL
);
