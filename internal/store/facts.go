package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FactsRow is the stored facts of one version of a document.
type FactsRow struct {
	VersionID  int64
	Number     int // within the document
	RecordedAt time.Time
	ChangeID   int64  // the change the version recorded; 0: none (first or technical)
	Analysis   int    // the analyser revision that read the facts; 0: none read yet
	Facts      []byte // JSON (model.DocFacts); nil: none read yet
}

// DocumentFacts returns the facts of every version of a document, oldest
// first; a version whose facts were not read yet has nil Facts.
func (s *Store) DocumentFacts(ctx context.Context, docID int64) ([]FactsRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ve.id, ve.number, ve.recorded_at, COALESCE(ch.id, 0), f.analysis, f.facts
		FROM versions ve LEFT JOIN changes ch ON ch.to_version = ve.id LEFT JOIN facts f ON f.version_id = ve.id
		WHERE ve.document_id = ? ORDER BY ve.id`, docID)
	if err != nil {
		return nil, s.fail(OpRead, err)
	}
	defer rows.Close()
	var out []FactsRow
	for rows.Next() {
		var r FactsRow
		var at string
		var rev sql.NullInt64
		var js sql.NullString
		if err := rows.Scan(&r.VersionID, &r.Number, &at, &r.ChangeID, &rev, &js); err != nil {
			return nil, s.fail(OpRead, err)
		}
		r.RecordedAt = s.parseTime(at)
		r.Analysis = int(rev.Int64)
		if js.Valid {
			r.Facts = []byte(js.String)
		}
		out = append(out, r)
	}
	return out, s.fail(OpRead, rows.Err())
}

// VersionsWithoutFacts returns the ids of the versions whose facts were
// not read yet or were read by an analyser older than revision rev,
// oldest first.
func (s *Store) VersionsWithoutFacts(ctx context.Context, rev int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ve.id FROM versions ve LEFT JOIN facts f ON f.version_id = ve.id
		WHERE f.analysis IS NULL OR f.analysis < ? ORDER BY ve.id`, rev)
	if err != nil {
		return nil, s.fail(OpRead, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, s.fail(OpRead, err)
		}
		ids = append(ids, id)
	}
	return ids, s.fail(OpRead, rows.Err())
}

// SetFacts stores the facts of a version, read by analyser revision rev.
func (s *Store) SetFacts(ctx context.Context, versionID int64, rev int, facts []byte) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return putFacts(ctx, tx, versionID, rev, facts)
	})
	if err != nil {
		return s.fail(OpWrite, fmt.Errorf("facts of version %d: %w", versionID, err))
	}
	return nil
}

func putFacts(ctx context.Context, tx *sql.Tx, versionID int64, rev int, facts []byte) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO facts (version_id, analysis, facts) VALUES (?, ?, ?)
		ON CONFLICT (version_id) DO UPDATE SET analysis = excluded.analysis, facts = excluded.facts`,
		versionID, rev, string(facts))
	return err
}
