package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Notification is a pending delivery of a recorded change to a target.
type Notification struct {
	ID       int64
	ChangeID int64
	Target   string // config.NotifyTarget.Name()
	Attempts int    // failed attempts so far
}

// enqueue adds a change's notifications to the outbox, inside the
// transaction that records the change.
func enqueue(ctx context.Context, tx *sql.Tx, changeID int64, targets []string, now string) error {
	for _, t := range targets {
		if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (change_id, target, created_at, next_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (change_id, target) DO NOTHING`, changeID, t, now, now); err != nil {
			return fmt.Errorf("enqueue notification: %w", err)
		}
	}
	return nil
}

func inList(col string, n int) string {
	return col + " IN (?" + strings.Repeat(", ?", n-1) + ")"
}

func stringArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// NextNotification returns when the next pending notification for the
// given targets is due; ok is false when none is pending.
func (s *Store) NextNotification(ctx context.Context, targets []string) (at time.Time, ok bool, err error) {
	if len(targets) == 0 {
		return time.Time{}, false, nil
	}
	var next sql.NullString
	err = s.db.QueryRowContext(ctx, `SELECT MIN(next_at) FROM notifications
		WHERE delivered_at IS NULL AND gave_up_at IS NULL AND `+inList("target", len(targets)), stringArgs(targets)...).Scan(&next)
	if err != nil || !next.Valid {
		return time.Time{}, false, err
	}
	return s.parseTime(next.String), true, nil
}

// NotificationDelivered marks a notification delivered.
func (s *Store) NotificationDelivered(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE notifications SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?`,
			formatTime(s.Now()), id)
		return err
	})
}

// NotificationFailed records a failed attempt: the next one is due at
// next, or, when next is nil, the notification is given up.
func (s *Store) NotificationFailed(ctx context.Context, id int64, msg string, next *time.Time) error {
	now := formatTime(s.Now())
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if next == nil {
			_, err = tx.ExecContext(ctx, `UPDATE notifications SET attempts = attempts + 1, last_error = ?,
				last_failure = ?, gave_up_at = ? WHERE id = ?`, msg, now, now, id)
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE notifications SET attempts = attempts + 1, last_error = ?,
				last_failure = ?, next_at = ? WHERE id = ?`, msg, now, formatTime(*next), id)
		}
		return err
	})
}

// NotifyTrouble is a target whose deliveries are failing.
type NotifyTrouble struct {
	Target      string
	Retrying    int // notifications whose attempts failed so far and are retried
	GaveUp      int // notifications given up since the time asked for
	LastError   string
	LastFailure time.Time
}

// GaveUpShownFor is how long a notification that was given up is
// reported by NotifyTroubles.
const GaveUpShownFor = 7 * 24 * time.Hour

// NotifyTroubles returns, per target, the notifications that are being
// retried after a failure and those given up within GaveUpShownFor, with
// the latest error.
func (s *Store) NotifyTroubles(ctx context.Context) ([]NotifyTrouble, error) {
	since := s.Now().Add(-GaveUpShownFor)
	rows, err := s.db.QueryContext(ctx, `SELECT target,
			SUM(gave_up_at IS NULL),
			SUM(gave_up_at IS NOT NULL),
			MAX(last_failure),
			(SELECT n2.last_error FROM notifications n2 WHERE n2.target = n.target AND n2.last_failure IS NOT NULL
				ORDER BY n2.last_failure DESC, n2.id DESC LIMIT 1)
		FROM notifications n
		WHERE delivered_at IS NULL AND last_failure IS NOT NULL AND (gave_up_at IS NULL OR gave_up_at >= ?)
		GROUP BY target ORDER BY target`, formatTime(since))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NotifyTrouble
	for rows.Next() {
		var t NotifyTrouble
		var last string
		if err := rows.Scan(&t.Target, &t.Retrying, &t.GaveUp, &last, &t.LastError); err != nil {
			return nil, err
		}
		t.LastFailure = s.parseTime(last)
		out = append(out, t)
	}
	return out, rows.Err()
}

// ClaimNotifications returns up to limit notifications for the given
// targets that are due at now, oldest first, and moves their next attempt
// lease ahead, so that another process delivering the outbox meanwhile
// does not send them too. Rows for targets no longer configured stay in
// the outbox untouched.
func (s *Store) ClaimNotifications(ctx context.Context, targets []string, now time.Time, lease time.Duration, limit int) ([]Notification, error) {
	if len(targets) == 0 {
		return nil, nil
	}
	var out []Notification
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		out = nil
		args := append(stringArgs(targets), formatTime(now), limit)
		rows, err := tx.QueryContext(ctx, `SELECT id, change_id, target, attempts FROM notifications
			WHERE delivered_at IS NULL AND gave_up_at IS NULL AND `+inList("target", len(targets))+` AND next_at <= ?
			ORDER BY next_at, id LIMIT ?`, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var n Notification
			if err := rows.Scan(&n.ID, &n.ChangeID, &n.Target, &n.Attempts); err != nil {
				rows.Close()
				return err
			}
			out = append(out, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, n := range out {
			if _, err := tx.ExecContext(ctx, "UPDATE notifications SET next_at = ? WHERE id = ?", formatTime(now.Add(lease)), n.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim notifications: %w", err)
	}
	return out, nil
}

// PendingNotifications counts the notifications for the given targets
// that are neither delivered nor given up.
func (s *Store) PendingNotifications(ctx context.Context, targets []string) (int, error) {
	if len(targets) == 0 {
		return 0, nil
	}
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications
		WHERE delivered_at IS NULL AND gave_up_at IS NULL AND `+inList("target", len(targets)), stringArgs(targets)...).Scan(&n)
	return n, err
}
