package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// ErrConflict is returned by RecordCheck when another process recorded a
// version of the document since the caller read its latest one; the caller
// compares again against the new latest version.
var ErrConflict = errors.New("the document's latest version changed meanwhile")

// Check is the outcome of one check of a document, written in one transaction.
type Check struct {
	DocumentID int64
	StartedAt  time.Time
	Duration   time.Duration
	HTTPStatus int
	Outcome    model.Outcome
	Error      string // for failed and unconfirmed checks

	// ETag and LastModified are kept for the next conditional request
	// when the check succeeded, as answered for ValidatorsURL, the
	// document's url then (see DocInfo).
	ETag, LastModified string
	ValidatorsURL      string

	// PendingSHA256 and PendingSeen are the drastic text waiting for
	// confirmation after this check and how many checks in a row saw it;
	// zero: none. A failed check leaves them as they were: it saw nothing.
	PendingSHA256 string
	PendingSeen   int

	// ExpectLatest is the id of the latest version the caller compared
	// against (0: none). When it is no longer the latest, nothing is written
	// and ErrConflict comes back.
	ExpectLatest int64
	// New holds the versions to record, in order (a technical version
	// first when the extraction settings changed, then a change).
	New []NewVersion
}

// NewVersion is a version to record.
type NewVersion struct {
	Kind          string // model.KindFirst, KindChange or KindTechnical
	Text          string
	Raw           []model.RawPage // the bodies it was extracted from, a page each; nil when not kept
	ExtractKey    string
	ClauseChanges []model.ClauseChange // for KindChange
	Analysis      int                  // for KindChange: the revision of the analyser that classified ClauseChanges
	Diff          Diff                 // for KindChange: the diff from the version before
	// Notify names the notification targets (config.NotifyTarget.Name)
	// that want this change, for KindChange: they are queued in the
	// outbox with it.
	Notify []string
	// Facts are what the text says about liability and indemnities
	// (model.DocFacts as JSON), read by analyser revision FactsAnalysis;
	// nil: not read (reanalyze reads them later).
	Facts         []byte
	FactsAnalysis int
	// Alert says whether the change alerts, for KindChange ("": AlertChange).
	Alert model.Alert
	// DateOnly: only an effective or last-updated date changed, for
	// KindChange; the change's severity is then low.
	DateOnly bool
}

// Recorded says what RecordCheck wrote.
type Recorded struct {
	VersionID int64  // the last version recorded, or the current latest; 0 when none
	RevertsTo *int64 // when the last version recorded repeats an earlier text
	// PriorFailures is how many checks in a row had failed before this
	// successful one (0 after a failed check).
	PriorFailures int
}

// RecordCheck writes a check and the versions and change it produced in one
// transaction.
func (s *Store) RecordCheck(ctx context.Context, c Check) (Recorded, error) {
	var rec Recorded
	texts := make([]blob, len(c.New))
	raws := make([][]blob, len(c.New))
	for i, nv := range c.New {
		texts[i], raws[i] = makeBlob([]byte(nv.Text)), rawBlobs(nv.Raw)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rec = Recorded{}
		var cur sql.NullInt64
		if err := tx.QueryRowContext(ctx, "SELECT MAX(id) FROM versions WHERE document_id = ?", c.DocumentID).Scan(&cur); err != nil {
			return err
		}
		if cur.Int64 != c.ExpectLatest {
			return ErrConflict
		}
		rec.VersionID = cur.Int64
		for i, nv := range c.New {
			id, rev, err := s.insertVersion(ctx, tx, c.DocumentID, rec.VersionID, nv, texts[i], raws[i])
			if err != nil {
				return err
			}
			rec.VersionID, rec.RevertsTo = id, rev
		}
		prior, err := s.updateFailures(ctx, tx, c)
		if err != nil {
			return err
		}
		rec.PriorFailures = prior
		var vid any
		if rec.VersionID != 0 {
			vid = rec.VersionID
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO checks (document_id, started_at, duration_ms, http_status, outcome, error, version_id)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			c.DocumentID, formatTime(c.StartedAt), c.Duration.Milliseconds(), c.HTTPStatus, string(c.Outcome), c.Error, vid)
		return err
	})
	if err != nil {
		return Recorded{}, fmt.Errorf("record check of document %d: %w", c.DocumentID, err)
	}
	return rec, nil
}

// insertVersion writes a version. A single page's raw body is kept in the
// versions row, the pages of a multi-page document in version_parts; the
// row's source_url is the (first) page's URL either way.
func (s *Store) insertVersion(ctx context.Context, tx *sql.Tx, docID, prev int64, nv NewVersion, text blob, raws []blob) (int64, *int64, error) {
	if err := putBlob(ctx, tx, text); err != nil {
		return 0, nil, err
	}
	textSHA := text.sha
	var rawSHA any
	var mediaType, sourceURL string
	if len(nv.Raw) > 0 {
		sourceURL = nv.Raw[0].URL
	}
	if len(nv.Raw) == 1 {
		if err := putBlob(ctx, tx, raws[0]); err != nil {
			return 0, nil, err
		}
		rawSHA, mediaType = raws[0].sha, nv.Raw[0].MediaType
	}
	var revertsTo *int64
	var rev sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT MAX(id) FROM versions WHERE document_id = ? AND text_sha256 = ? AND id <> ?`,
		docID, textSHA, prev).Scan(&rev)
	if err != nil {
		return 0, nil, err
	}
	revertsTo = nullInt(rev)
	now := formatTime(s.Now())
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO versions
		(document_id, number, recorded_at, kind, text_sha256, raw_sha256, media_type, source_url, extract_key, reverts_to)
		VALUES (?, (SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE document_id = ?), ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		docID, docID, now, nv.Kind, textSHA, rawSHA, mediaType, sourceURL, nv.ExtractKey, rev).Scan(&id)
	if err != nil {
		return 0, nil, fmt.Errorf("insert version: %w", err)
	}
	if len(nv.Raw) > 1 {
		if err := putParts(ctx, tx, id, nv.Raw, raws); err != nil {
			return 0, nil, err
		}
	}
	if nv.Facts != nil {
		if err := putFacts(ctx, tx, id, nv.FactsAnalysis, nv.Facts); err != nil {
			return 0, nil, fmt.Errorf("insert facts: %w", err)
		}
	}
	if nv.Kind != model.KindChange {
		return id, revertsTo, nil
	}
	cols, err := clauseColumns(nv.ClauseChanges)
	if err != nil {
		return 0, nil, err
	}
	alert := nv.Alert
	if alert == "" {
		alert = model.AlertChange
	}
	if nv.DateOnly {
		cols.severity = model.SeverityLow
	}
	var changeID int64
	err = tx.QueryRowContext(ctx, `INSERT INTO changes
		(document_id, from_version, to_version, recorded_at, reverts_to, clause_changes, severity, liability, indemnification, analysis, alert, date_only)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		docID, prev, id, now, rev, cols.json, cols.severity, cols.liability, cols.indemnity, nv.Analysis,
		string(alert), nv.DateOnly).Scan(&changeID)
	if err != nil {
		return 0, nil, fmt.Errorf("insert change: %w", err)
	}
	if err := putDiff(ctx, tx, changeID, nv.Diff); err != nil {
		return 0, nil, err
	}
	if alert.Raised() {
		if err := enqueue(ctx, tx, changeID, nv.Notify, now); err != nil {
			return 0, nil, err
		}
	}
	return id, revertsTo, nil
}

// updateFailures keeps the count of failures in a row and the conditional
// request validators; after a success it returns the failures that preceded it.
func (s *Store) updateFailures(ctx context.Context, tx *sql.Tx, c Check) (int, error) {
	var failures int
	if err := tx.QueryRowContext(ctx, "SELECT failures FROM documents WHERE id = ?", c.DocumentID).Scan(&failures); err != nil {
		return 0, err
	}
	if c.Outcome.Failed() {
		_, err := tx.ExecContext(ctx, `UPDATE documents SET failures = failures + 1,
			failing_since = COALESCE(failing_since, ?) WHERE id = ?`, formatTime(c.StartedAt), c.DocumentID)
		return 0, err
	}
	_, err := tx.ExecContext(ctx, `UPDATE documents SET failures = 0, failing_since = NULL,
		pending_sha256 = ?, pending_seen = ? WHERE id = ?`, c.PendingSHA256, c.PendingSeen, c.DocumentID)
	if err != nil || c.Outcome == model.OutcomeUnconfirmed {
		// The validators of a page not trusted yet would make the next
		// check answer "not modified" instead of showing it again.
		return failures, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE documents SET etag = ?, last_modified = ?, validators_url = ? WHERE id = ?`,
		c.ETag, c.LastModified, c.ValidatorsURL, c.DocumentID)
	return failures, err
}
