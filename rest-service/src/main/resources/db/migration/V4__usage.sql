-- What the models cost per user, day (UTC), assistant and model (docs/usage.md). The assistant
-- adds to a line after every turn; the assistant id is kept without a reference, so usage outlives
-- a deleted assistant.
CREATE TABLE usage_daily (
    user_id           BIGINT         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day               DATE           NOT NULL,
    assistant_id      UUID           NOT NULL,
    provider          TEXT           NOT NULL,
    model             TEXT           NOT NULL,
    calls             BIGINT         NOT NULL CHECK (calls >= 0),
    prompt_tokens     BIGINT         NOT NULL CHECK (prompt_tokens >= 0),
    completion_tokens BIGINT         NOT NULL CHECK (completion_tokens >= 0),
    cost              NUMERIC(20, 8) NOT NULL CHECK (cost >= 0),
    updated_at        TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (user_id, day, assistant_id, provider, model)
);
CREATE INDEX usage_daily_day_idx ON usage_daily (day);
