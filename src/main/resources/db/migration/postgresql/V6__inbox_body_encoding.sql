-- Bodies are stored deflated ('deflate'): a Jira webhook of 5-10 KB of JSON shrinks to about a fifth, and the bytes
-- each commit must sync to disk are what bounds how many deliveries the intake acknowledges per second.
-- Rows written before this migration keep their bytes as they came ('identity').
ALTER TABLE inbox_event ADD COLUMN body_encoding TEXT NOT NULL DEFAULT 'identity';
