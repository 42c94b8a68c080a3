-- Each version's number within its document (v1, v2, …), which people
-- read, beside the global id, which commands and URLs keep using.
ALTER TABLE versions ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
UPDATE versions SET number = (SELECT COUNT(*) FROM versions v2
    WHERE v2.document_id = versions.document_id AND v2.id <= versions.id);
CREATE UNIQUE INDEX versions_number ON versions(document_id, number);
