package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// CheckInfo is one recorded check attempt.
type CheckInfo struct {
	ID         int64
	StartedAt  time.Time
	Duration   time.Duration
	HTTPStatus int
	Outcome    model.Outcome
	Error      string
	VersionID  *int64
	// VersionNumber is VersionID's number within the document, or 0.
	VersionNumber int
}

const checkColumns = `c.id, c.started_at, c.duration_ms, c.http_status, c.outcome, c.error, c.version_id,
	(SELECT number FROM versions WHERE id = c.version_id)`

// nullCheck scans the columns of a LEFT JOINed check.
type nullCheck struct {
	id, ms, status, version, number sql.NullInt64
	started, outcome, err           sql.NullString
}

func (n *nullCheck) dest() []any {
	return []any{&n.id, &n.started, &n.ms, &n.status, &n.outcome, &n.err, &n.version, &n.number}
}

func (n *nullCheck) info(s *Store) *CheckInfo {
	if !n.id.Valid {
		return nil
	}
	return &CheckInfo{
		ID:            n.id.Int64,
		StartedAt:     s.parseTime(n.started.String),
		Duration:      time.Duration(n.ms.Int64) * time.Millisecond,
		HTTPStatus:    int(n.status.Int64),
		Outcome:       model.Outcome(n.outcome.String),
		Error:         n.err.String,
		VersionID:     nullInt(n.version),
		VersionNumber: int(n.number.Int64),
	}
}

// Checks returns the latest checks of a document, newest first.
func (s *Store) Checks(ctx context.Context, docID int64, limit int) ([]CheckInfo, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+checkColumns+` FROM checks c
		WHERE c.document_id = ? ORDER BY c.id DESC LIMIT ?`, docID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CheckInfo
	for rows.Next() {
		var n nullCheck
		if err := rows.Scan(n.dest()...); err != nil {
			return nil, err
		}
		out = append(out, *n.info(s))
	}
	return out, rows.Err()
}
