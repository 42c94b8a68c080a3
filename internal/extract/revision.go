package extract

// Revision numbers the extractor's behaviour. Raise it whenever a change to
// this package can change the text extracted from the same page: documents
// recorded with an older revision are then extracted again from their
// stored raw body, and a different text is recorded as a technical version
// instead of a change.
const Revision = 2
