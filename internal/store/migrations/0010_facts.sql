-- What each version of a document says about liability and indemnities
-- (caps, carve-outs, exclusions, who indemnifies whom: model.DocFacts as
-- JSON), read by the clause analyser when the version is recorded and by
-- `toswatch reanalyze`, so that the facts pages never analyse a text.
-- analysis is the analyser revision that read them (clause.Revision).
CREATE TABLE facts (
    version_id INTEGER PRIMARY KEY REFERENCES versions(id),
    analysis   INTEGER NOT NULL,
    facts      TEXT NOT NULL
);
