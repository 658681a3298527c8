-- Messages to people's channels (Slack, Teams, e-mail), one row per message and channel: written when the incident's
-- event decides to tell people, delivered by the outbox worker with its own retries. The unique (message_id, channel)
-- is what keeps a retried event from queuing a message twice;
-- a message with a fold_key is folded into a waiting, untried one with the same key (a burst of changes, one message).
-- Instants are epoch milliseconds, as in V1.
CREATE TABLE message_outbox (
  id               BIGSERIAL PRIMARY KEY,
  message_id       TEXT    NOT NULL,
  channel          TEXT    NOT NULL,
  issue_key        TEXT    NOT NULL,
  body             TEXT    NOT NULL,
  fold_key         TEXT,
  queued_at        BIGINT  NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT  NOT NULL,
  claimed_by       TEXT,
  claimed_until    BIGINT,
  last_error       TEXT,
  delivered_at     BIGINT,
  UNIQUE (message_id, channel)
);

CREATE INDEX message_outbox_waiting ON message_outbox (channel, id) WHERE delivered_at IS NULL;
CREATE INDEX message_outbox_folding ON message_outbox (fold_key, channel) WHERE delivered_at IS NULL;

-- The timers of several instances on one database (stale-incident nudges, forgotten prevention): the instance that
-- moves next_at forward runs that look; the others skip it.
CREATE TABLE notify_timer (
  name     TEXT    PRIMARY KEY,
  holder   TEXT    NOT NULL,
  next_at  BIGINT  NOT NULL
);
