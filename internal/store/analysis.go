package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/toswatch/toswatch/internal/model"
)

// clauseCols are the columns of a change derived from its clause changes.
type clauseCols struct {
	json                 string
	severity             string // the highest severity; "" when no clause moved
	liability, indemnity bool
}

func clauseColumns(cc []model.ClauseChange) (clauseCols, error) {
	if cc == nil {
		cc = []model.ClauseChange{}
	}
	js, err := json.Marshal(cc)
	if err != nil {
		return clauseCols{}, err
	}
	cols := clauseCols{json: string(js)}
	for _, ch := range cc {
		cols.liability = cols.liability || ch.Type == model.Liability
		cols.indemnity = cols.indemnity || ch.Type == model.Indemnification
		if model.SeverityRank(ch.Severity) > model.SeverityRank(cols.severity) {
			cols.severity = ch.Severity
		}
	}
	return cols, nil
}

// ChangesAnalysedBefore returns the ids of the changes whose clause
// changes an analyser older than revision rev classified, oldest first.
func (s *Store) ChangesAnalysedBefore(ctx context.Context, rev int) ([]int64, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM changes WHERE analysis < ? ORDER BY id", rev)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ChangeTexts returns the texts of the two versions a change is between.
func (s *Store) ChangeTexts(ctx context.Context, id int64) (from, to string, err error) {
	var fromSHA, toSHA string
	err = s.db.QueryRowContext(ctx, `SELECT f.text_sha256, t.text_sha256 FROM changes ch
		JOIN versions f ON f.id = ch.from_version JOIN versions t ON t.id = ch.to_version
		WHERE ch.id = ?`, id).Scan(&fromSHA, &toSHA)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", fmt.Errorf("change %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return "", "", err
	}
	if from, err = s.Text(ctx, fromSHA); err != nil {
		return "", "", fmt.Errorf("change %d: %w", id, err)
	}
	if to, err = s.Text(ctx, toSHA); err != nil {
		return "", "", fmt.Errorf("change %d: %w", id, err)
	}
	return from, to, nil
}

// SetClauseChanges replaces the clause changes of change id with cc,
// classified by analyser revision rev, and its diff with d (whose
// paragraphs are marked with the clauses they belong to), and reports
// whether the clause changes differ from those stored. The reviews of the
// change are kept.
func (s *Store) SetClauseChanges(ctx context.Context, id int64, cc []model.ClauseChange, rev int, d Diff) (changed bool, err error) {
	cols, err := clauseColumns(cc)
	if err != nil {
		return false, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		var old string
		err := tx.QueryRowContext(ctx, "SELECT clause_changes FROM changes WHERE id = ?", id).Scan(&old)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("change %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		changed = old != cols.json
		// A date-only change stays low whatever the analyser says of it.
		_, err = tx.ExecContext(ctx, `UPDATE changes SET clause_changes = ?,
			severity = CASE WHEN date_only THEN 'low' ELSE ? END, liability = ?,
			indemnification = ?, analysis = ? WHERE id = ?`,
			cols.json, cols.severity, cols.liability, cols.indemnity, rev, id)
		if err != nil {
			return err
		}
		return putDiff(ctx, tx, id, d)
	})
	return changed, err
}
