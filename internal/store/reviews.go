package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/toswatch/toswatch/internal/model"
)

// reviewsColumn is a change's reviews, oldest first, as one JSON array, so
// that a list of changes comes with their histories in one query.
const reviewsColumn = `(SELECT json_group_array(json_object('by', r.reviewer, 'at', r.reviewed_at,
	'decision', r.decision, 'note', r.note) ORDER BY r.id) FROM reviews r WHERE r.change_id = ch.id)`

// latestDecision is the decision of a change's latest review (NULL when none).
const latestDecision = `SELECT r.decision FROM reviews r WHERE r.change_id = ch.id ORDER BY r.id DESC LIMIT 1`

func (s *Store) parseReviews(js string) ([]model.Review, error) {
	var rows []struct{ By, At, Decision, Note string }
	if err := json.Unmarshal([]byte(js), &rows); err != nil {
		return nil, err
	}
	var out []model.Review
	for _, r := range rows {
		out = append(out, model.Review{By: r.By, At: s.parseTime(r.At), Decision: r.Decision, Note: r.Note})
	}
	return out, nil
}

// ErrInvalidDecision is returned by AddReview for a decision that is not
// one of model.Decisions.
var ErrInvalidDecision = errors.New("invalid review decision")

// AddReview appends a review to a change's history, at the store's Now; an
// empty decision is model.DecisionAcknowledged. Earlier reviews are kept:
// the table refuses updates and deletes.
func (s *Store) AddReview(ctx context.Context, changeID int64, r model.Review) (model.Review, error) {
	if r.Decision == "" {
		r.Decision = model.DecisionAcknowledged
	}
	if !model.ValidDecision(r.Decision) {
		return r, fmt.Errorf("%w %q (want one of %v)", ErrInvalidDecision, r.Decision, model.Decisions())
	}
	r.At = s.Now().UTC()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM changes WHERE id = ?", changeID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("change %d: %w", changeID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO reviews (change_id, reviewed_at, reviewer, decision, note) VALUES (?, ?, ?, ?, ?)`,
			changeID, formatTime(r.At), r.By, r.Decision, r.Note)
		return err
	})
	if err != nil {
		return r, fmt.Errorf("review change %d: %w", changeID, err)
	}
	return r, nil
}
