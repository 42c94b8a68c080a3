package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/toswatch/toswatch/internal/model"
)

// Head is the latest version of a document with what is needed to compare
// a new capture against it. Version.Text is not loaded: most checks find
// the same text, which comparing hashes tells (see Text).
type Head struct {
	Version    model.Version
	ExtractKey string // the settings the text was extracted with (see RawPages)
}

const versionColumns = `ve.id, ve.number, v.name, d.type, ve.recorded_at, ve.text_sha256, ve.kind, ve.reverts_to,
	COALESCE((SELECT number FROM versions r WHERE r.id = ve.reverts_to), 0)`

func (s *Store) scanVersion(sc interface{ Scan(...any) error }) (model.Version, error) {
	var ver model.Version
	var at string
	var rev sql.NullInt64
	err := sc.Scan(&ver.ID, &ver.Number, &ver.Vendor, &ver.Document, &at, &ver.SHA256, &ver.Kind, &rev, &ver.RevertsToNumber)
	if err != nil {
		return ver, err
	}
	ver.RecordedAt = s.parseTime(at)
	ver.RevertsTo = nullInt(rev)
	return ver, err
}

const versionFrom = ` FROM versions ve JOIN documents d ON d.id = ve.document_id JOIN vendors v ON v.id = d.vendor_id `

// Latest returns the latest version of a document, or nil when it has none.
func (s *Store) Latest(ctx context.Context, docID int64) (*Head, error) {
	h, err := s.latest(ctx, s.db, docID)
	return h, s.fail(OpRead, err)
}

func (s *Store) latest(ctx context.Context, q queryer, docID int64) (*Head, error) {
	var h Head
	row := q.QueryRowContext(ctx, `SELECT `+versionColumns+`, ve.extract_key`+versionFrom+`
		WHERE ve.document_id = ? ORDER BY ve.id DESC LIMIT 1`, docID)
	var at string
	var rev sql.NullInt64
	err := row.Scan(&h.Version.ID, &h.Version.Number, &h.Version.Vendor, &h.Version.Document, &at, &h.Version.SHA256, &h.Version.Kind, &rev, &h.Version.RevertsToNumber,
		&h.ExtractKey)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("latest version of document %d: %w", docID, err)
	}
	h.Version.RecordedAt = s.parseTime(at)
	h.Version.RevertsTo = nullInt(rev)
	return &h, nil
}

// Text returns a stored text by its hash.
func (s *Store) Text(ctx context.Context, sha string) (string, error) {
	b, err := getBlob(ctx, s.db, sha)
	return string(b), s.fail(OpRead, err)
}

// Versions returns a document's versions oldest first, without their texts.
func (s *Store) Versions(ctx context.Context, docID int64) ([]model.Version, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+versionColumns+versionFrom+`WHERE ve.document_id = ? ORDER BY ve.id`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Version
	for rows.Next() {
		v, err := s.scanVersion(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// VersionInfo returns one version without its text.
func (s *Store) VersionInfo(ctx context.Context, id int64) (model.Version, error) {
	v, err := s.scanVersion(s.db.QueryRowContext(ctx, `SELECT `+versionColumns+versionFrom+`WHERE ve.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("version %d: %w", id, ErrNotFound)
	}
	return v, s.fail(OpRead, err)
}

// Version returns one version with its text.
func (s *Store) Version(ctx context.Context, id int64) (model.Version, error) {
	v, err := s.VersionInfo(ctx, id)
	if err != nil {
		return v, err
	}
	text, err := getBlob(ctx, s.db, v.SHA256)
	if err != nil {
		return v, err
	}
	v.Text = string(text)
	return v, nil
}
