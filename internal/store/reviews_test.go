package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// TestReviewHistoryIsKept: a second review is added to the history, never
// written over the first (a second `review 3 --by Bob` used to erase Ana's
// name and note).
func TestReviewHistoryIsKept(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	doc := syncDoc(t, s)
	v1 := record(t, s, doc, 0, model.KindFirst, "one")
	record(t, s, doc, v1.VersionID, model.KindChange, "two")
	chs, err := s.Changes(ctx, ChangeFilter{})
	if err != nil || len(chs) != 1 {
		t.Fatalf("changes: %v, %v", chs, err)
	}
	id := chs[0].ID
	if got := chs[0].ReviewState(); got != model.ReviewStateUnreviewed {
		t.Errorf("before any review: state %q, want %q", got, model.ReviewStateUnreviewed)
	}
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return t0 }
	if _, err := s.AddReview(ctx, id, model.Review{By: "Ana", Decision: model.DecisionNeedsFollowUp, Note: "ask counsel"}); err != nil {
		t.Fatal(err)
	}
	open, _ := s.Changes(ctx, ChangeFilter{ReviewStates: model.OpenDecisions()})
	if len(open) != 1 {
		t.Errorf("open follow-ups after Ana: got %d, want 1", len(open))
	}
	s.Now = func() time.Time { return t0.Add(time.Hour) }
	if _, err := s.AddReview(ctx, id, model.Review{By: "Bob"}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Change(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	want := []model.Review{
		{By: "Ana", At: t0, Decision: model.DecisionNeedsFollowUp, Note: "ask counsel"},
		{By: "Bob", At: t0.Add(time.Hour), Decision: model.DecisionAcknowledged},
	}
	if len(c.Reviews) != len(want) {
		t.Fatalf("got %d reviews, want %d: %+v", len(c.Reviews), len(want), c.Reviews)
	}
	for i := range want {
		if got := c.Reviews[i]; got.By != want[i].By || !got.At.Equal(want[i].At) || got.Decision != want[i].Decision || got.Note != want[i].Note {
			t.Errorf("review %d: got %+v, want %+v", i, got, want[i])
		}
	}
	if got := c.ReviewState(); got != model.DecisionAcknowledged {
		t.Errorf("state: got %q, want the last decision %q", got, model.DecisionAcknowledged)
	}
	if open, _ := s.Changes(ctx, ChangeFilter{ReviewStates: model.OpenDecisions()}); len(open) != 0 {
		t.Errorf("open follow-ups after Bob acknowledged: got %d, want 0", len(open))
	}
	if _, err := s.AddReview(ctx, id, model.Review{By: "Eve", Decision: "ignored"}); !errors.Is(err, ErrInvalidDecision) {
		t.Errorf("unknown decision: got %v, want ErrInvalidDecision", err)
	}
	// The table itself refuses to rewrite or drop a review.
	if _, err := s.db.ExecContext(ctx, "UPDATE reviews SET reviewer = 'Mallory'"); err == nil {
		t.Error("a review was updated")
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM reviews"); err == nil {
		t.Error("a review was deleted")
	}
}

// TestMigrationKeepsExistingReviews: the one review a change held before
// review histories becomes the first entry of its history, acknowledged.
func TestMigrationKeepsExistingReviews(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := databaseBefore(t, path, "reviews.sql") // the schema before review histories
	for _, q := range []string{
		"INSERT INTO vendors (id, name) VALUES (1, 'Acme')",
		"INSERT INTO documents (id, vendor_id, type, url) VALUES (1, 1, 'Terms', 'http://127.0.0.1/')",
		"INSERT INTO blobs (sha256, size, data) VALUES ('x', 0, x'')",
		"INSERT INTO versions (id, document_id, recorded_at, kind, text_sha256, extract_key) VALUES (1, 1, '2026-01-01T00:00:00Z', 'first', 'x', 'k'), (2, 1, '2026-01-02T00:00:00Z', 'change', 'x', 'k'), (3, 1, '2026-01-03T00:00:00Z', 'change', 'x', 'k')",
		`INSERT INTO changes (id, document_id, from_version, to_version, recorded_at, reviewed_by, reviewed_at, review_note)
			VALUES (1, 1, 1, 2, '2026-01-02T00:00:00Z', 'Ana', '2026-01-05T10:00:00Z', 'fine by legal'),
			       (2, 1, 2, 3, '2026-01-03T00:00:00Z', '', NULL, '')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Change(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Review{By: "Ana", At: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC), Decision: model.DecisionAcknowledged, Note: "fine by legal"}
	if len(c.Reviews) != 1 || c.Reviews[0] != want {
		t.Errorf("migrated reviews: got %+v, want [%+v]", c.Reviews, want)
	}
	c2, err := s.Change(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(c2.Reviews) != 0 {
		t.Errorf("an unreviewed change got reviews: %+v", c2.Reviews)
	}
	// Versions recorded before numbers were kept are numbered in order.
	if c2.FromNumber != 2 || c2.ToNumber != 3 {
		t.Errorf("change 2: v%d → v%d, want v2 → v3", c2.FromNumber, c2.ToNumber)
	}
}

// TestVersionNumbersPerDocument: each document counts its own versions.
func TestVersionNumbersPerDocument(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	a := syncDoc(t, s)
	b, err := s.SyncDocument(ctx, model.Document{Vendor: "Beta", Type: "DPA", URL: "http://127.0.0.1/dpa"})
	if err != nil {
		t.Fatal(err)
	}
	a1 := record(t, s, a, 0, model.KindFirst, "one")
	b1 := record(t, s, b, 0, model.KindFirst, "beta one")
	a2 := record(t, s, a, a1.VersionID, model.KindChange, "two")
	record(t, s, b, b1.VersionID, model.KindChange, "beta two")
	a3 := record(t, s, a, a2.VersionID, model.KindChange, "one")
	vs, err := s.Versions(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range vs {
		if v.Number != i+1 {
			t.Errorf("Acme version id %d: number %d, want %d", v.ID, v.Number, i+1)
		}
	}
	c, err := s.ChangeForVersion(ctx, a3.VersionID)
	if err != nil {
		t.Fatal(err)
	}
	if c.FromNumber != 2 || c.ToNumber != 3 || c.RevertsToNumber != 1 {
		t.Errorf("flip-flop: v%d → v%d reverting to v%d, want v2 → v3 reverting to v1", c.FromNumber, c.ToNumber, c.RevertsToNumber)
	}
	v, err := s.Version(ctx, a3.VersionID)
	if err != nil || v.Number != 3 || v.RevertsToNumber != 1 {
		t.Errorf("version: %+v, %v; want number 3 reverting to 1", v, err)
	}
}
