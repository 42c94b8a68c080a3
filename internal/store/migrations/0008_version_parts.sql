-- The raw bodies of a multi-page document, one content-addressed blob per
-- page, in order; a single page's stays in versions.raw_sha256. The Go step
-- of this migration (partsMigration) moves the bodies that were kept in one
-- home-made container blob (media type multipart/x-toswatch-parts) here.
CREATE TABLE version_parts (
    version_id INTEGER NOT NULL REFERENCES versions(id),
    position   INTEGER NOT NULL,                        -- 0, 1, … in the document's order
    raw_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    media_type TEXT NOT NULL,
    url        TEXT NOT NULL,
    PRIMARY KEY (version_id, position)
) WITHOUT ROWID;
