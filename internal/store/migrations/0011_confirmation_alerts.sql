-- A drastic new text (much shorter, most paragraphs or every clause gone, a
-- truncation) is recorded only once checks in a row have seen it: the text
-- waiting and how many checks in a row saw it.
ALTER TABLE documents ADD COLUMN pending_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN pending_seen INTEGER NOT NULL DEFAULT 0;
-- The URL the stored validators (etag, last_modified) were answered for:
-- after an edit of the document's url they are not sent.
ALTER TABLE documents ADD COLUMN validators_url TEXT NOT NULL DEFAULT '';
UPDATE documents SET validators_url = url;
-- The document's declared URL(s) when the version was recorded, to tell an
-- edit of vendors.yaml from a change of the page ('' before it was kept).
ALTER TABLE versions ADD COLUMN declared_url TEXT NOT NULL DEFAULT '';
-- Whether a change raises an alert (feeds, digest, needs-review,
-- notifications): 'change' for a new text, 'alternation' for the first
-- return to a text seen in the last 30 days, 'none' for a further flip among
-- texts already alerted. Every change stays a recorded version either way.
ALTER TABLE changes ADD COLUMN alert TEXT NOT NULL DEFAULT 'change' CHECK (alert IN ('change', 'alternation', 'none'));
-- Only an effective or last-updated date changed: severity 'low', kept out
-- of needs-review and the digest's headline.
ALTER TABLE changes ADD COLUMN date_only INTEGER NOT NULL DEFAULT 0;
CREATE INDEX changes_alert ON changes(document_id, id) WHERE alert <> 'none';
