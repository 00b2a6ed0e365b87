-- Which way each host's memory need is going (FleetBalancer's NeedTrend), remembered between rounds with the heat,
-- so that a new leader goes on with the trend where the old one stopped.
ALTER TABLE mb_host_heat ADD COLUMN trend_at            TIMESTAMPTZ;
ALTER TABLE mb_host_heat ADD COLUMN trend_need_mb       BIGINT           NOT NULL DEFAULT 0;
ALTER TABLE mb_host_heat ADD COLUMN trend_membership    INT              NOT NULL DEFAULT 0;
ALTER TABLE mb_host_heat ADD COLUMN trend_mb_per_minute DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE mb_host_heat ADD COLUMN trend_peak_mb       BIGINT           NOT NULL DEFAULT 0;
