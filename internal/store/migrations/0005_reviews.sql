-- Reviews are a history: each change keeps every review it was given, in
-- order, and the latest one is its review state. The single review a
-- change could hold before (overwritten by the next one) becomes the first
-- entry of its history, as "acknowledged".
CREATE TABLE reviews (
    id          INTEGER PRIMARY KEY,
    change_id   INTEGER NOT NULL REFERENCES changes(id),
    reviewed_at TEXT NOT NULL,
    reviewer    TEXT NOT NULL,
    decision    TEXT NOT NULL CHECK (decision IN ('acknowledged', 'needs-follow-up', 'accepted', 'escalated')),
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reviews_change ON reviews(change_id, id);

INSERT INTO reviews (change_id, reviewed_at, reviewer, decision, note)
    SELECT id, reviewed_at, reviewed_by, 'acknowledged', review_note FROM changes
    WHERE reviewed_at IS NOT NULL ORDER BY reviewed_at, id;

-- A review, once given, is never rewritten or removed.
CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;

DROP INDEX changes_unreviewed;
ALTER TABLE changes DROP COLUMN reviewed_by;
ALTER TABLE changes DROP COLUMN reviewed_at;
ALTER TABLE changes DROP COLUMN review_note;
-- The dashboard's "needs review" block: changes by severity.
CREATE INDEX changes_severity ON changes(severity, recorded_at DESC);
