-- The outbox of notifications: one row per recorded change and target
-- (settings.notify), written in the transaction that records the change,
-- so that a crash neither loses one nor sends one for a change that was
-- not recorded. Rows are delivered and retried by `run` and `check`, and
-- survive restarts.
CREATE TABLE notifications (
    id           INTEGER PRIMARY KEY,
    change_id    INTEGER NOT NULL REFERENCES changes(id),
    target       TEXT NOT NULL,               -- config.NotifyTarget.Name(): "webhook:HOOK_URL"
    created_at   TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_at      TEXT NOT NULL,               -- when the next attempt is due
    delivered_at TEXT,
    gave_up_at   TEXT,                        -- after the last attempt failed
    last_error   TEXT NOT NULL DEFAULT '',
    last_failure TEXT,                        -- when an attempt last failed
    UNIQUE (change_id, target)
);
CREATE INDEX notifications_due ON notifications(next_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
