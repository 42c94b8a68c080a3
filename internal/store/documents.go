package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// DocInfo is a tracked document as the database knows it.
type DocInfo struct {
	ID           int64
	Vendor       string
	Type         string
	URL          string
	ETag         string
	LastModified string
	Failures     int        // failed checks in a row
	FailingSince *time.Time // when the first of them happened
	LastCheck    *CheckInfo // nil before the first check
	// ValidatorsURL is the document's url when its page was last read
	// (ETag and LastModified were answered for it): after an edit of the
	// url in vendors.yaml they differ until a check reads the new page.
	ValidatorsURL string
	// PendingSHA256 is a drastic new text waiting for confirmation, seen
	// by the last PendingSeen checks in a row ("" and 0: none).
	PendingSHA256 string
	PendingSeen   int
}

// SyncDocument makes sure the vendor and document exist, updates the
// document's URL, and returns the document's id.
func (s *Store) SyncDocument(ctx context.Context, d model.Document) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO vendors (name) VALUES (?) ON CONFLICT (name) DO NOTHING", d.Vendor); err != nil {
			return err
		}
		var vid int64
		if err := tx.QueryRowContext(ctx, "SELECT id FROM vendors WHERE name = ?", d.Vendor).Scan(&vid); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `
			INSERT INTO documents (vendor_id, type, url) VALUES (?, ?, ?)
			ON CONFLICT (vendor_id, type) DO UPDATE SET url = excluded.url
			RETURNING id`, vid, d.Type, d.URL).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("sync document %s/%s: %w", d.Vendor, d.Type, err)
	}
	return id, nil
}

const docColumns = `d.id, v.name, d.type, d.url, d.etag, d.last_modified, d.failures, d.failing_since,
	d.validators_url, d.pending_sha256, d.pending_seen`

// docDest returns the scan destinations of docColumns; since is failing_since.
func docDest(d *DocInfo, since *sql.NullString) []any {
	return []any{&d.ID, &d.Vendor, &d.Type, &d.URL, &d.ETag, &d.LastModified, &d.Failures, since,
		&d.ValidatorsURL, &d.PendingSHA256, &d.PendingSeen}
}

func (s *Store) scanDoc(sc interface{ Scan(...any) error }) (DocInfo, error) {
	var d DocInfo
	var since sql.NullString
	err := sc.Scan(docDest(&d, &since)...)
	d.FailingSince = s.nullTime(since)
	return d, err
}

// FindDocument returns the document of a vendor by names, compared case-insensitively.
func (s *Store) FindDocument(ctx context.Context, vendor, docType string) (DocInfo, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+docColumns+`
		FROM documents d JOIN vendors v ON v.id = d.vendor_id
		WHERE v.name = ? AND d.type = ?`, vendor, docType)
	d, err := s.scanDoc(row)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %s/%s: %w", vendor, docType, ErrNotFound)
	}
	return d, err
}

// GetDocument returns a document by id.
func (s *Store) GetDocument(ctx context.Context, id int64) (DocInfo, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+docColumns+`
		FROM documents d JOIN vendors v ON v.id = d.vendor_id WHERE d.id = ?`, id)
	d, err := s.scanDoc(row)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %d: %w", id, ErrNotFound)
	}
	return d, s.fail(OpRead, err)
}

// ListDocuments returns every document with its last check, by vendor and type.
// With vendor set, only that vendor's documents.
func (s *Store) ListDocuments(ctx context.Context, vendor string) ([]DocInfo, error) {
	return s.listDocuments(ctx, "? = '' OR v.name = ?", vendor, vendor)
}

// FailingDocuments returns the documents whose last minFailures checks or
// more failed, and those whose every check so far failed (no version yet:
// a first run where most fetches fail must not look like a quiet one),
// with their last check.
func (s *Store) FailingDocuments(ctx context.Context, minFailures int) ([]DocInfo, error) {
	return s.listDocuments(ctx, `d.failures > 0 AND (d.failures >= ?
		OR NOT EXISTS (SELECT 1 FROM versions WHERE document_id = d.id))`, minFailures)
}

func (s *Store) listDocuments(ctx context.Context, where string, args ...any) ([]DocInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+docColumns+`, `+checkColumns+`
		FROM documents d JOIN vendors v ON v.id = d.vendor_id
		LEFT JOIN checks c ON c.id = (SELECT MAX(id) FROM checks WHERE document_id = d.id)
		WHERE `+where+`
		ORDER BY v.name COLLATE NOCASE, d.type COLLATE NOCASE`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []DocInfo
	for rows.Next() {
		var d DocInfo
		var since sql.NullString
		var c nullCheck
		if err := rows.Scan(append(docDest(&d, &since), c.dest()...)...); err != nil {
			return nil, err
		}
		d.FailingSince = s.nullTime(since)
		d.LastCheck = c.info(s)
		out = append(out, d)
	}
	return out, rows.Err()
}
