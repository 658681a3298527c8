-- The mail ledger: one row per e-mail taken from the mailbox, keyed by the SHA-256 of its Message-ID, written before
-- the comment and finished after it, so a message is posted once across restarts and instances. Instants are epoch
-- milliseconds, as in V1.
CREATE TABLE mail_ledger (
  message_key  TEXT    PRIMARY KEY,
  message_id   TEXT    NOT NULL,
  state        TEXT    NOT NULL CHECK (state IN ('CLAIMED', 'COMMENTED', 'UNMATCHED', 'IGNORED')),
  issue_key    TEXT,
  comment_id   TEXT,
  claimed_by   TEXT    NOT NULL,
  lease_until  BIGINT  NOT NULL,
  claimed_at   BIGINT  NOT NULL,
  updated_at   BIGINT  NOT NULL
);
