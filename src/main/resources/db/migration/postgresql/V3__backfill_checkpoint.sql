-- Backfill checkpoints: how far each backfill got, so `prodsupport backfill --resume` continues after the last
-- finished ticket. A run is named by the JQL it searches (ordered by key, so positions are stable). Instants are
-- epoch milliseconds, as in V1.
CREATE TABLE backfill_checkpoint (
  jql           TEXT    PRIMARY KEY,
  watermark     TEXT,
  finished      BIGINT  NOT NULL,
  started_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  completed_at  BIGINT
);

-- Tickets of a run that failed: reported, and tried again first by --resume (the watermark has moved past them).
CREATE TABLE backfill_failure (
  jql        TEXT    NOT NULL,
  issue_key  TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  failed_at  BIGINT  NOT NULL,
  PRIMARY KEY (jql, issue_key)
);
