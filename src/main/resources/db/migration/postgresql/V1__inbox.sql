-- Webhook events from Jira, one row per delivery id, kept after they are done so a late retry is still recognised.
-- Instants are epoch milliseconds (BIGINT) so the same queries run on SQLite and PostgreSQL.
CREATE TABLE inbox_event (
  id            BIGSERIAL PRIMARY KEY,
  delivery_id   TEXT    NOT NULL UNIQUE,
  ordering_key  TEXT    NOT NULL,
  webhook_event TEXT    NOT NULL,
  body          BYTEA   NOT NULL,
  received_at   BIGINT  NOT NULL,
  state         TEXT    NOT NULL CHECK (state IN ('PENDING', 'IN_PROGRESS', 'DONE', 'DEAD')),
  attempt       INTEGER NOT NULL DEFAULT 0,
  available_at  BIGINT  NOT NULL,
  claimed_by    TEXT,
  lease_until   BIGINT,
  last_error    TEXT,
  finished_at   BIGINT
);

-- Done rows pile up; the worker's queries only look at open ones.
CREATE INDEX inbox_event_open_by_key ON inbox_event (ordering_key, id) WHERE state IN ('PENDING', 'IN_PROGRESS');
CREATE INDEX inbox_event_open_by_due ON inbox_event (available_at) WHERE state IN ('PENDING', 'IN_PROGRESS');
CREATE INDEX inbox_event_dead ON inbox_event (id) WHERE state = 'DEAD';
