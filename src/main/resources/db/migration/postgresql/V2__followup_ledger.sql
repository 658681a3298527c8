-- The follow-up ledger: one row per (incident, prevention action), the claim that lets one creator make its
-- follow-up, and how far that got. Instants are epoch milliseconds, as in V1.
CREATE TABLE followup_ledger (
  incident_key  TEXT    NOT NULL,
  action_id     TEXT    NOT NULL,
  state         TEXT    NOT NULL CHECK (state IN ('CLAIMED', 'CREATED', 'LINKED', 'COMMENTED')),
  followup_key  TEXT,
  summary       TEXT,
  claimed_by    TEXT    NOT NULL,
  lease_until   BIGINT  NOT NULL,
  seq           BIGINT  NOT NULL,
  claimed_at    BIGINT  NOT NULL,
  updated_at    BIGINT  NOT NULL,
  PRIMARY KEY (incident_key, action_id)
);
