-- what becomes of a run the scheduler could not fire on time (it was down): delivered late (the
-- behaviour before this column, hence the default) or skipped with one note to the user
ALTER TABLE reminders ADD COLUMN missed_run_policy TEXT NOT NULL DEFAULT 'deliver_late';
ALTER TABLE reminders ADD CONSTRAINT reminders_missed_run_policy_check
    CHECK (missed_run_policy IN ('deliver_late', 'skip'));
