-- The paragraph and word diff of each change (JSON, changed paragraphs
-- only), recorded with it so that feeds and digests need not load and diff
-- two whole versions per item. Empty for changes recorded before.
ALTER TABLE changes ADD COLUMN diff TEXT NOT NULL DEFAULT '';
