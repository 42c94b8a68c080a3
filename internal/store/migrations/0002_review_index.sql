-- The dashboard's "needs review" block: unreviewed changes by severity.
CREATE INDEX changes_unreviewed ON changes(severity, recorded_at DESC) WHERE reviewed_at IS NULL;
