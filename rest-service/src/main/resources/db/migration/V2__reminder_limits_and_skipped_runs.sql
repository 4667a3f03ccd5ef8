-- a run of a blocked user's reminder is recorded as skipped (nothing is sent)
ALTER TABLE reminder_runs DROP CONSTRAINT reminder_runs_status_check;
ALTER TABLE reminder_runs ADD CONSTRAINT reminder_runs_status_check
    CHECK (status IN ('delivered', 'late', 'missed', 'failed', 'skipped'));

-- counting a user's active reminders against REMINDER_MAX_ACTIVE_PER_USER
CREATE INDEX reminders_user_active_idx ON reminders (user_id) WHERE status = 'active';
