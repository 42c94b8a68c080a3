package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

// TestRawPagesRoundTrip: every page of a multi-page version comes back as
// it was given, media types with spaces or underscores included, and a
// page whose body another page has is stored once.
func TestRawPagesRoundTrip(t *testing.T) {
	ctx := context.Background()
	s, _ := open(t)
	doc := syncDoc(t, s)
	parts := []model.RawPage{
		{MediaType: "text/html; rendered", URL: "https://acme.example/a", Body: []byte("<p>part a</p>")},
		{MediaType: "application/x_custom", URL: "https://acme.example/b", Body: []byte("part b")},
		{MediaType: "text/html", URL: "https://acme.example/c", Body: []byte("<p>part a</p>")},
	}
	rec, err := s.RecordCheck(ctx, Check{DocumentID: doc, StartedAt: s.Now(), Outcome: model.OutcomeNew,
		New: []NewVersion{{Kind: model.KindFirst, Text: "a\nb\na", Raw: parts, ExtractKey: "k"}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.RawPages(ctx, rec.VersionID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, parts) {
		t.Errorf("RawPages:\ngot  %+v\nwant %+v", got, parts)
	}
	if n := count(t, s.db, "SELECT COUNT(*) FROM blobs"); n != 3 { // the text and two distinct bodies
		t.Errorf("%d blobs, want 3", n)
	}
	if _, err := s.RawPages(ctx, rec.VersionID+1); err == nil {
		t.Error("RawPages of a version that does not exist: no error")
	}
}

// TestPartsMigration opens a database written before version_parts, whose
// multi-page versions keep their pages in one container blob, and checks
// that every page comes back, that the containers are gone, and that a
// container that cannot be read costs only its own raw body.
func TestPartsMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := databaseBefore(t, path, "version_parts.sql")
	pages := []model.RawPage{
		{MediaType: "text/html; rendered", URL: "https://acme.example/a", Body: []byte("<main><p>Part A</p></main>")},
		{MediaType: "text/html", URL: "https://acme.example/b", Body: []byte("<main><p>Part B</p></main>")},
	}
	container := legacyContainer(pages)
	single := []byte("<main><p>One page</p></main>")
	corrupt := []byte("\x00part text/html https://acme.example/a 999\nshort")
	text := []byte("Part A\nPart B")
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"INSERT INTO vendors (id, name) VALUES (1, 'Acme')", nil},
		{"INSERT INTO documents (id, vendor_id, type, url) VALUES (1, 1, 'Terms', 'https://acme.example/a')", nil},
		{"INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?), (?, ?, ?)", []any{
			Hash(text), len(text), compress(text),
			Hash(container), len(container), compress(container),
			Hash(single), len(single), compress(single),
			Hash(corrupt), len(corrupt), compress(corrupt),
		}},
		// Two versions share the container (a flip-flop), one is a single
		// page, one has a container that cannot be read.
		{`INSERT INTO versions (id, document_id, number, recorded_at, kind, text_sha256, raw_sha256, media_type, source_url, extract_key) VALUES
			(1, 1, 1, '2026-01-01T00:00:00Z', 'first', ?1, ?2, ?5, 'https://acme.example/a', 'k'),
			(2, 1, 2, '2026-01-02T00:00:00Z', 'technical', ?1, ?2, ?5, 'https://acme.example/a', 'k'),
			(3, 1, 3, '2026-01-03T00:00:00Z', 'technical', ?1, ?3, 'text/html', 'https://acme.example/one', 'k'),
			(4, 1, 4, '2026-01-04T00:00:00Z', 'technical', ?1, ?4, ?5, 'https://acme.example/a', 'k')`,
			[]any{Hash(text), Hash(container), Hash(single), Hash(corrupt), legacyCombined}},
	} {
		if _, err := db.ExecContext(ctx, q.sql, q.args...); err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, tt := range []struct {
		version int64
		want    []model.RawPage
	}{
		{1, pages},
		{2, pages},
		{3, []model.RawPage{{MediaType: "text/html", URL: "https://acme.example/one", Body: single}}},
		{4, nil},
	} {
		got, err := s.RawPages(ctx, tt.version)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("version %d: got %+v, want %+v", tt.version, got, tt.want)
		}
	}
	for _, sha := range []string{Hash(container), Hash(corrupt)} {
		if n := count(t, s.db, "SELECT COUNT(*) FROM blobs WHERE sha256 = ?", sha); n != 0 {
			t.Errorf("container %s still stored", sha[:8])
		}
	}
	if n := count(t, s.db, "SELECT COUNT(*) FROM versions WHERE media_type = ?", legacyCombined); n != 0 {
		t.Errorf("%d versions still say %s", n, legacyCombined)
	}
	// The texts are untouched.
	for id := int64(1); id <= 4; id++ {
		v, err := s.Version(ctx, id)
		if err != nil || v.Text != string(text) {
			t.Errorf("version %d: text %q, %v", id, v.Text, err)
		}
	}
}

// legacyContainer writes pages as toswatch did before version_parts.
func legacyContainer(pages []model.RawPage) []byte {
	var b strings.Builder
	for _, p := range pages {
		fmt.Fprintf(&b, "\x00part %s %s %d\n", strings.ReplaceAll(p.MediaType, " ", "_"), p.URL, len(p.Body))
		b.Write(p.Body)
	}
	return []byte(b.String())
}

func count(t *testing.T, db *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// databaseBefore writes a database at path with the schema just before the
// named migration ("version_parts.sql", without its number), as an older
// toswatch left it, and returns it open for the test to fill.
func databaseBefore(t *testing.T, path, migration string) *sql.DB {
	t.Helper()
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if strings.HasSuffix(m.name, "_"+migration) {
			if _, err := db.Exec(fmt.Sprintf("PRAGMA user_version = %d", i)); err != nil {
				t.Fatal(err)
			}
			return db
		}
		if _, err := db.Exec(m.sql); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
	}
	t.Fatalf("no migration %s", migration)
	return nil
}
