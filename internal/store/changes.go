package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// ChangeFilter selects recorded changes. Zero fields select everything.
type ChangeFilter struct {
	Since    time.Time
	Vendor   string // case-insensitive
	Document string // case-insensitive; with Vendor
	Clause   string // model.Liability or model.Indemnification: only changes that moved such a clause
	Severity string // only changes whose highest clause severity is this one
	// Unreviewed selects only changes nobody has reviewed yet.
	Unreviewed bool
	// ReviewStates selects only changes whose latest review has one of
	// these decisions (model.Decision*).
	ReviewStates []string
	// Alerting selects only changes that raise an alert (model.Alert):
	// what feeds, digests, needs-review and notifications show.
	Alerting bool
	// NotDateOnly leaves out the changes where only a date changed.
	NotDateOnly bool
	Limit       int
	Offset      int
}

const changeColumns = `ch.id, v.name, d.type, ch.from_version, ch.to_version, ch.recorded_at, ch.reverts_to,
	(SELECT number FROM versions WHERE id = ch.from_version), (SELECT number FROM versions WHERE id = ch.to_version),
	COALESCE((SELECT number FROM versions WHERE id = ch.reverts_to), 0),
	ch.clause_changes, ch.diff_summary, ch.severity, ch.date_only, ch.alert,
	CASE WHEN ch.alert = 'alternation' THEN (SELECT recorded_at FROM versions WHERE id = ch.from_version) END, ` + reviewsColumn

func (s *Store) scanChange(sc interface{ Scan(...any) error }) (model.Change, error) {
	var c model.Change
	var at, js, summary, reviews, alert string
	var rev sql.NullInt64
	var since sql.NullString
	if err := sc.Scan(&c.ID, &c.Vendor, &c.Document, &c.FromVersion, &c.ToVersion, &at, &rev,
		&c.FromNumber, &c.ToNumber, &c.RevertsToNumber, &js, &summary, &c.Severity, &c.DateOnly, &alert, &since, &reviews); err != nil {
		return c, err
	}
	c.Alert = model.Alert(alert)
	c.AlternatesSince = s.nullTime(since)
	c.RecordedAt = s.parseTime(at)
	c.RevertsTo = nullInt(rev)
	if summary != "" {
		c.DiffSummary = []byte(summary)
	}
	if err := json.Unmarshal([]byte(js), &c.ClauseChanges); err != nil {
		return c, fmt.Errorf("change %d: clause changes: %w", c.ID, err)
	}
	var err error
	if c.Reviews, err = s.parseReviews(reviews); err != nil {
		return c, fmt.Errorf("change %d: reviews: %w", c.ID, err)
	}
	return c, nil
}

const changeFrom = ` FROM changes ch JOIN documents d ON d.id = ch.document_id JOIN vendors v ON v.id = d.vendor_id `

// Changes returns recorded changes, newest first.
func (s *Store) Changes(ctx context.Context, f ChangeFilter) ([]model.Change, error) {
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where = append(where, "ch.recorded_at >= ?")
		args = append(args, formatTime(f.Since))
	}
	if f.Vendor != "" {
		where = append(where, "v.name = ?")
		args = append(args, f.Vendor)
	}
	if f.Document != "" {
		where = append(where, "d.type = ?")
		args = append(args, f.Document)
	}
	switch f.Clause {
	case "":
	case model.Liability:
		where = append(where, "ch.liability")
	case model.Indemnification:
		where = append(where, "ch.indemnification")
	default:
		return nil, fmt.Errorf("unknown clause type %q (want liability or indemnification)", f.Clause)
	}
	if f.Severity != "" {
		where = append(where, "ch.severity = ?")
		args = append(args, f.Severity)
	}
	if f.Unreviewed {
		where = append(where, "NOT EXISTS (SELECT 1 FROM reviews r WHERE r.change_id = ch.id)")
	}
	if f.Alerting {
		where = append(where, "ch.alert <> 'none'")
	}
	if f.NotDateOnly {
		where = append(where, "NOT ch.date_only")
	}
	if len(f.ReviewStates) > 0 {
		where = append(where, "("+latestDecision+") IN (?"+strings.Repeat(", ?", len(f.ReviewStates)-1)+")")
		for _, d := range f.ReviewStates {
			args = append(args, d)
		}
	}
	q := `SELECT ` + changeColumns + changeFrom
	if len(where) > 0 {
		q += "WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY ch.recorded_at DESC, ch.id DESC"
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = -1 // SQLite's "no limit"
		}
		q += fmt.Sprintf(" LIMIT %d OFFSET %d", limit, max(f.Offset, 0))
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Change
	for rows.Next() {
		c, err := s.scanChange(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Change returns one recorded change.
func (s *Store) Change(ctx context.Context, id int64) (model.Change, error) {
	c, err := s.scanChange(s.db.QueryRowContext(ctx, `SELECT `+changeColumns+changeFrom+`WHERE ch.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("change %d: %w", id, ErrNotFound)
	}
	return c, err
}

// ChangeForVersion returns the change that recorded a version.
func (s *Store) ChangeForVersion(ctx context.Context, versionID int64) (model.Change, error) {
	c, err := s.scanChange(s.db.QueryRowContext(ctx, `SELECT `+changeColumns+changeFrom+`WHERE ch.to_version = ?`, versionID))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("change to version %d: %w", versionID, ErrNotFound)
	}
	return c, err
}

// LastAlert is a document's latest change that raised an alert.
type LastAlert struct {
	Alert      model.Alert
	RecordedAt time.Time
	// FromSHA256 and ToSHA256 are the texts the change went from and to.
	FromSHA256, ToSHA256 string
}

// LatestAlert returns the document's latest change that raised an alert,
// or nil when none did.
func (s *Store) LatestAlert(ctx context.Context, docID int64) (*LastAlert, error) {
	var a LastAlert
	var alert, at string
	err := s.db.QueryRowContext(ctx, `SELECT ch.alert, ch.recorded_at, f.text_sha256, t.text_sha256
		FROM changes ch JOIN versions f ON f.id = ch.from_version JOIN versions t ON t.id = ch.to_version
		WHERE ch.document_id = ? AND ch.alert <> 'none' ORDER BY ch.id DESC LIMIT 1`, docID).Scan(&alert, &at, &a.FromSHA256, &a.ToSHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.fail(OpRead, fmt.Errorf("latest alert of document %d: %w", docID, err))
	}
	a.Alert, a.RecordedAt = model.Alert(alert), s.parseTime(at)
	return &a, nil
}

// TextSeenSince reports whether the document showed the text with this
// hash at some time since the given one: a version with it was recorded
// since, or was still the latest then.
func (s *Store) TextSeenSince(ctx context.Context, docID int64, sha string, since time.Time) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM versions v WHERE v.document_id = ?1 AND v.text_sha256 = ?2
		AND (v.recorded_at >= ?3 OR COALESCE((SELECT MIN(n.recorded_at) FROM versions n WHERE n.document_id = v.document_id AND n.id > v.id), ?3) >= ?3)`,
		docID, sha, formatTime(since)).Scan(&n)
	return n > 0, s.fail(OpRead, err)
}
