-- Idempotency-Key of the request that created a reminder or appended a message, with a digest of
-- that request: the same key of the same user answers the first result, a different request under
-- the same key is refused (409). Keys without a row (NULL) are not constrained.
ALTER TABLE reminders ADD COLUMN idempotency_key TEXT;
ALTER TABLE reminders ADD COLUMN request_digest TEXT;
ALTER TABLE reminders ADD CONSTRAINT reminders_idempotency_key_uq UNIQUE (user_id, idempotency_key);

ALTER TABLE messages ADD COLUMN idempotency_key TEXT;
ALTER TABLE messages ADD COLUMN request_digest TEXT;
ALTER TABLE messages ADD CONSTRAINT messages_idempotency_key_uq UNIQUE (user_id, idempotency_key);
