-- Calendar reminder rules ("15 minutes before each meeting", docs/scheduler.md "Calendar rules"):
-- cron-service turns each rule into one-time reminders for the user's upcoming calendar events.
CREATE TABLE calendar_reminder_rules (
    id             UUID        PRIMARY KEY,
    user_id        BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    minutes_before INTEGER     NOT NULL CHECK (minutes_before BETWEEN 0 AND 10080),
    -- case-insensitive substring of the event title; NULL = every event
    title_filter   TEXT,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX calendar_reminder_rules_user_idx ON calendar_reminder_rules (user_id);
-- one rule per user, minutes and filter (the filter compared as the rule compares it)
CREATE UNIQUE INDEX calendar_reminder_rules_uq
    ON calendar_reminder_rules (user_id, minutes_before, (lower(coalesce(title_filter, ''))));

-- A reminder made by a rule names the rule and the event it stands for. One reminder per rule,
-- event and event start: syncing twice adds nothing; a moved event gets a new one (the old one is
-- removed).
ALTER TABLE reminders
    ADD COLUMN calendar_rule_id     UUID REFERENCES calendar_reminder_rules (id) ON DELETE CASCADE,
    ADD COLUMN calendar_event_id    TEXT,
    ADD COLUMN calendar_event_start TIMESTAMPTZ;
ALTER TABLE reminders ADD CONSTRAINT reminders_calendar_event_check CHECK (
    (calendar_rule_id IS NULL AND calendar_event_id IS NULL AND calendar_event_start IS NULL)
    OR (calendar_rule_id IS NOT NULL AND calendar_event_id IS NOT NULL
        AND calendar_event_start IS NOT NULL));
CREATE UNIQUE INDEX reminders_calendar_event_uq
    ON reminders (calendar_rule_id, calendar_event_id, calendar_event_start)
    WHERE calendar_rule_id IS NOT NULL;

ALTER TABLE tools DROP CONSTRAINT tools_type_check;
ALTER TABLE tools ADD CONSTRAINT tools_type_check CHECK (type IN ('time', 'reminder_create',
    'reminder_list', 'reminder_delete', 'calendar_list', 'calendar_create', 'weather',
    'sub_assistant', 'memory_save', 'memory_search', 'memory_forget', 'mcp',
    'calendar_reminder_rule_set', 'calendar_reminder_rule_list', 'calendar_reminder_rule_remove'));
