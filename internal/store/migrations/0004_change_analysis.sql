-- Which revision of the clause analyser classified each change's
-- clause_changes (clause.Revision); 0 for changes recorded before it was
-- kept. `toswatch reanalyze` reclassifies the changes an older analyser
-- judged.
ALTER TABLE changes ADD COLUMN analysis INTEGER NOT NULL DEFAULT 0;
