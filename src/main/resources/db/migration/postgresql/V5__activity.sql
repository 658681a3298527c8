-- What the service did for each event it handled, per incident, for `prodsupport explain`: done, observed (what it
-- would have done in observe mode) or failed. Instants are epoch milliseconds, as in V1. Pruned after 90 days.
CREATE TABLE activity (
  id         BIGSERIAL PRIMARY KEY,
  issue_key  TEXT    NOT NULL,
  at         BIGINT  NOT NULL,
  source     TEXT    NOT NULL,
  event      TEXT    NOT NULL,
  mode       TEXT    NOT NULL CHECK (mode IN ('ENFORCED', 'OBSERVED', 'FAILED')),
  did        TEXT    NOT NULL
);

CREATE INDEX activity_by_issue ON activity (issue_key, id);
CREATE INDEX activity_by_time ON activity (at);
