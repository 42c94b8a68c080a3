package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Diffs recorded whole before diffs were paginated are cut into pages of
// 200 paragraphs by the migration, their counts kept as the summary.
func TestWholeDiffsMigrateToPages(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "toswatch.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	before := slices.IndexFunc(ms, func(m migration) bool { return strings.HasSuffix(m.name, "_diff_pages.sql") })
	for _, m := range ms[:before] { // their Go steps have no rows to work on
		if _, err := db.Exec(m.sql); err != nil {
			t.Fatalf("migration %s: %v", m.name, err)
		}
	}
	var lines []string
	for i := range 450 {
		lines = append(lines, fmt.Sprintf(`{"op":"insert","new_line":%d,"new":"paragraph %d"}`, i+1, i))
	}
	whole := `{"lines":[` + strings.Join(lines, ",") + `],"stats":{"inserted":450,"deleted":0,"changed":0,"moved":0}}`
	for _, q := range []string{
		"INSERT INTO vendors (id, name) VALUES (1, 'Acme')",
		"INSERT INTO documents (id, vendor_id, type, url) VALUES (1, 1, 'Terms', 'https://acme.example/terms')",
		"INSERT INTO versions (id, document_id, number, recorded_at, kind, text_sha256, extract_key) VALUES (1, 1, 1, '2026-01-01T00:00:00Z', 'first', 'a', 'k'), (2, 1, 2, '2026-01-02T00:00:00Z', 'change', 'b', 'k')",
		"INSERT INTO changes (id, document_id, from_version, to_version, recorded_at, diff) VALUES (1, 1, 1, 2, '2026-01-02T00:00:00Z', '" + whole + "')",
		fmt.Sprintf("PRAGMA user_version = %d", before),
	} {
		if _, err := db.Exec(q); err != nil {
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
	var sum struct {
		Stats        struct{ Inserted int }
		Lines, Pages int
	}
	if err := json.Unmarshal(c.DiffSummary, &sum); err != nil || sum.Lines != 450 || sum.Pages != 3 || sum.Stats.Inserted != 450 {
		t.Errorf("summary %s (%v), want 450 lines in 3 pages", c.DiffSummary, err)
	}
	for n, want := range []int{200, 200, 50} {
		p, err := s.DiffPage(ctx, 1, n)
		var ls []struct{ New string }
		if err == nil {
			err = json.Unmarshal(p, &ls)
		}
		if err != nil || len(ls) != want || ls[0].New != fmt.Sprintf("paragraph %d", 200*n) {
			t.Errorf("page %d: %d lines (%v), want %d from paragraph %d", n, len(ls), err, want, 200*n)
		}
	}
}
