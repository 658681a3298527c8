-- Processed deliveries are kept for store.dedupeRetention and then deleted in small batches, oldest first.
CREATE INDEX inbox_event_done_by_finish ON inbox_event (finished_at) WHERE state = 'DONE';

-- One row that /health rewrites while deliveries are being refused, to learn whether the store takes writes again
-- (a full disk still answers reads).
CREATE TABLE store_probe (
  id         INTEGER PRIMARY KEY,
  written_at BIGINT  NOT NULL
);
