-- An edit of a document's url is told by documents.validators_url (the url
-- when its page was last read), which every successful check updates; the
-- url kept with each version (0011) said nothing once an edited url gave
-- the same text, and is dropped.
ALTER TABLE versions DROP COLUMN declared_url;
