-- A change's diff in pages (JSON arrays of changed paragraphs, see
-- internal/diff's Paginate), so that a change page reads one page however
-- large the documents; the change keeps the diff's summary (counts).
CREATE TABLE diff_pages (
	change_id INTEGER NOT NULL REFERENCES changes (id) ON DELETE CASCADE,
	page      INTEGER NOT NULL, -- from 0
	lines     TEXT NOT NULL,
	PRIMARY KEY (change_id, page)
) WITHOUT ROWID;

ALTER TABLE changes ADD COLUMN diff_summary TEXT NOT NULL DEFAULT '';

-- Diffs recorded whole until now: 200 paragraphs a page.
INSERT INTO diff_pages (change_id, page, lines)
	SELECT c.id, j.key / 200, json_group_array(json(j.value) ORDER BY j.key)
	FROM changes c, json_each(c.diff, '$.lines') j
	WHERE c.diff <> ''
	GROUP BY c.id, j.key / 200;

UPDATE changes SET diff_summary = json_object(
		'stats', json(json_extract(diff, '$.stats')),
		'lines', json_array_length(diff, '$.lines'),
		'pages', (json_array_length(diff, '$.lines') + 199) / 200)
	WHERE diff <> '';

ALTER TABLE changes DROP COLUMN diff;
