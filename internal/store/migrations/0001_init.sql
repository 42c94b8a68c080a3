-- Vendors and their documents, as last seen in vendors.yaml.
CREATE TABLE vendors (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    vendor_id     INTEGER NOT NULL REFERENCES vendors(id),
    type          TEXT NOT NULL COLLATE NOCASE,
    url           TEXT NOT NULL,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    -- failures in a row, and when the first of them happened
    failures      INTEGER NOT NULL DEFAULT 0,
    failing_since TEXT,
    UNIQUE (vendor_id, type)
);

-- Content-addressed, compressed texts and raw bodies: identical content is stored once.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size   INTEGER NOT NULL,       -- uncompressed
    data   BLOB NOT NULL           -- DEFLATE-compressed
) WITHOUT ROWID;

CREATE TABLE versions (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    recorded_at TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('first', 'change', 'technical')),
    text_sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    raw_sha256  TEXT REFERENCES blobs(sha256),
    media_type  TEXT NOT NULL DEFAULT '',
    source_url  TEXT NOT NULL DEFAULT '',
    -- which extraction settings produced the text (selectors, extractor revision)
    extract_key TEXT NOT NULL,
    reverts_to  INTEGER REFERENCES versions(id)
);
CREATE INDEX versions_document ON versions(document_id, id);
CREATE INDEX versions_text ON versions(document_id, text_sha256);

-- Every check attempt.
CREATE TABLE checks (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    started_at  TEXT NOT NULL,
    duration_ms INTEGER NOT NULL,
    http_status INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    version_id  INTEGER REFERENCES versions(id)
);
CREATE INDEX checks_document ON checks(document_id, id);

-- Recorded changes (versions of kind 'change') with their clause analysis.
CREATE TABLE changes (
    id             INTEGER PRIMARY KEY,
    document_id    INTEGER NOT NULL REFERENCES documents(id),
    from_version   INTEGER NOT NULL REFERENCES versions(id),
    to_version     INTEGER NOT NULL UNIQUE REFERENCES versions(id),
    recorded_at    TEXT NOT NULL,
    reverts_to     INTEGER REFERENCES versions(id),
    clause_changes TEXT NOT NULL DEFAULT '[]',   -- JSON array of model.ClauseChange
    severity       TEXT NOT NULL DEFAULT '',     -- highest clause severity, '' when no clause moved
    liability      INTEGER NOT NULL DEFAULT 0,   -- a liability clause moved
    indemnification INTEGER NOT NULL DEFAULT 0,  -- an indemnification clause moved
    reviewed_by    TEXT NOT NULL DEFAULT '',
    reviewed_at    TEXT,
    review_note    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX changes_recorded ON changes(recorded_at DESC, id DESC);
CREATE INDEX changes_document ON changes(document_id, id);
