package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Diff is a change's diff as recorded: its summary and its pages, JSON
// that internal/diff writes (Paginate) and reads.
type Diff struct {
	Summary []byte
	Pages   [][]byte
}

// DiffPage returns page n (from 0) of the diff recorded with a change.
func (s *Store) DiffPage(ctx context.Context, changeID int64, n int) ([]byte, error) {
	var lines string
	err := s.db.QueryRowContext(ctx, "SELECT lines FROM diff_pages WHERE change_id = ? AND page = ?", changeID, n).Scan(&lines)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("change %d: diff page %d: %w", changeID, n, ErrNotFound)
	}
	if err != nil {
		return nil, s.fail(OpRead, err)
	}
	return []byte(lines), nil
}

// putDiff records the diff of a change in place of any it had.
func putDiff(ctx context.Context, tx *sql.Tx, changeID int64, d Diff) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM diff_pages WHERE change_id = ?", changeID); err != nil {
		return err
	}
	for n, p := range d.Pages {
		if _, err := tx.ExecContext(ctx, "INSERT INTO diff_pages (change_id, page, lines) VALUES (?, ?, ?)", changeID, n, string(p)); err != nil {
			return fmt.Errorf("insert diff page: %w", err)
		}
	}
	_, err := tx.ExecContext(ctx, "UPDATE changes SET diff_summary = ? WHERE id = ?", string(d.Summary), changeID)
	return err
}
