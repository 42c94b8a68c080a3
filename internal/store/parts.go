package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// rawBlobs are the raw parts of a new version, hashed and compressed before
// the write transaction (see blob).
func rawBlobs(parts []model.RawPage) []blob {
	out := make([]blob, len(parts))
	for i, p := range parts {
		out[i] = makeBlob(p.Body)
	}
	return out
}

// putParts stores the raw parts of a multi-page version; a single page's
// is in the versions row.
func putParts(ctx context.Context, tx *sql.Tx, versionID int64, parts []model.RawPage, blobs []blob) error {
	for i, p := range parts {
		if err := putBlob(ctx, tx, blobs[i]); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO version_parts (version_id, position, raw_sha256, media_type, url)
			VALUES (?, ?, ?, ?, ?)`, versionID, i, blobs[i].sha, p.MediaType, p.URL); err != nil {
			return fmt.Errorf("store part %d of version %d: %w", i+1, versionID, err)
		}
	}
	return nil
}

// RawPages returns the raw bodies a version's text was extracted from, in
// order: one for a single page, one per page for a multi-page document
// (each its own content-addressed blob), none when they were not kept.
func (s *Store) RawPages(ctx context.Context, versionID int64) ([]model.RawPage, error) {
	parts, err := s.rawPages(ctx, versionID)
	return parts, s.fail(OpRead, err)
}

func (s *Store) rawPages(ctx context.Context, versionID int64) ([]model.RawPage, error) {
	var raw sql.NullString
	var one model.RawPage
	err := s.db.QueryRowContext(ctx, "SELECT raw_sha256, media_type, source_url FROM versions WHERE id = ?", versionID).
		Scan(&raw, &one.MediaType, &one.URL)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("version %d: %w", versionID, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	if raw.Valid {
		if one.Body, err = getBlob(ctx, s.db, raw.String); err != nil {
			return nil, err
		}
		return []model.RawPage{one}, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT raw_sha256, media_type, url FROM version_parts
		WHERE version_id = ? ORDER BY position`, versionID)
	if err != nil {
		return nil, err
	}
	var parts []model.RawPage
	var shas []string
	for rows.Next() {
		var p model.RawPage
		var sha string
		if err := rows.Scan(&sha, &p.MediaType, &p.URL); err != nil {
			rows.Close()
			return nil, err
		}
		parts, shas = append(parts, p), append(shas, sha)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range parts {
		if parts[i].Body, err = getBlob(ctx, s.db, shas[i]); err != nil {
			return nil, err
		}
	}
	return parts, nil
}

// legacyCombined is the media type of the container in which toswatch kept
// the raw bodies of a multi-page document before version_parts: each part a
// header line "\x00part MEDIATYPE URL LENGTH\n" (spaces of the media type
// written as "_") followed by LENGTH bytes.
const legacyCombined = "multipart/x-toswatch-parts"

// partsMigration moves the raw bodies kept in legacy containers to
// version_parts, one blob per part, and deletes the containers no version
// refers to any more. A container that cannot be read (it never could be
// re-extracted either) is dropped with a warning: the version's text and
// history are untouched.
func (s *Store) partsMigration(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, raw_sha256 FROM versions WHERE media_type = ? AND raw_sha256 IS NOT NULL", legacyCombined)
	if err != nil {
		return err
	}
	type container struct {
		version int64
		sha     string
	}
	var cs []container
	for rows.Next() {
		var c container
		if err := rows.Scan(&c.version, &c.sha); err != nil {
			rows.Close()
			return err
		}
		cs = append(cs, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range cs {
		body, err := getBlob(ctx, tx, c.sha)
		var parts []model.RawPage
		if err == nil {
			parts, err = readLegacyParts(body)
		}
		if err != nil {
			s.logger().Warn("migration: the raw body of a multi-page version cannot be read and is dropped",
				slog.Int64("version", c.version), slog.Any("error", err))
			parts = nil
		}
		if err := putParts(ctx, tx, c.version, parts, rawBlobs(parts)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE versions SET raw_sha256 = NULL, media_type = '' WHERE id = ?", c.version); err != nil {
			return err
		}
	}
	for _, c := range cs {
		if _, err := tx.ExecContext(ctx, `DELETE FROM blobs WHERE sha256 = ?1
			AND NOT EXISTS (SELECT 1 FROM versions WHERE raw_sha256 = ?1 OR text_sha256 = ?1)
			AND NOT EXISTS (SELECT 1 FROM version_parts WHERE raw_sha256 = ?1)`, c.sha); err != nil {
			return err
		}
	}
	return nil
}

// readLegacyParts reads a legacy container (see legacyCombined).
func readLegacyParts(raw []byte) ([]model.RawPage, error) {
	const magic = "\x00part "
	var out []model.RawPage
	for len(raw) > 0 {
		if !bytes.HasPrefix(raw, []byte(magic)) {
			return nil, fmt.Errorf("combined body: part %d: bad header", len(out)+1)
		}
		nl := bytes.IndexByte(raw, '\n')
		if nl < 0 {
			return nil, fmt.Errorf("combined body: part %d: truncated header", len(out)+1)
		}
		f := strings.Fields(string(raw[len(magic):nl]))
		if len(f) != 3 {
			return nil, fmt.Errorf("combined body: part %d: bad header", len(out)+1)
		}
		n, err := strconv.Atoi(f[2])
		if err != nil || n < 0 || nl+1+n > len(raw) {
			return nil, fmt.Errorf("combined body: part %d: bad length", len(out)+1)
		}
		out = append(out, model.RawPage{MediaType: strings.ReplaceAll(f[0], "_", " "), URL: f[1], Body: raw[nl+1 : nl+1+n]})
		raw = raw[nl+1+n:]
	}
	return out, nil
}
