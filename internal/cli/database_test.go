package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// sqliteCode is how a raw SQLite error shows, which a user should never see.
var sqliteCode = regexp.MustCompile(`SQLITE_|\(\d+\)`)

// runDB runs toswatch with the test's config and the database path or URI db.
func (e *env) runDB(db string, args ...string) (stdout, stderr string, code int) {
	var out, errb bytes.Buffer
	args = append(args, "--config", e.config, "--db", db)
	code = Run(context.Background(), args, Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }})
	return out.String(), errb.String(), code
}

// wantUnrecorded checks a `check --json` run that could not write to the
// database: exit 3, kind database in the JSON and the message on stderr,
// in plain words.
func wantUnrecorded(t *testing.T, out, errOut string, code int, want string) {
	t.Helper()
	if code != 3 {
		t.Errorf("exit %d, want 3 (a database failure wins over a failed check)", code)
	}
	var rows []checkRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("check --json: %v: %q", err, out)
	}
	if r := rows[0]; r.Status != "failed" || r.Error == nil || !strings.HasPrefix(*r.Error, "database: "+want) || sqliteCode.MatchString(*r.Error) {
		t.Errorf("got %+v (error %v), want failed with %q", r, deref(r.Error), "database: "+want)
	}
	if !strings.Contains(errOut, "toswatch: database: "+want) || sqliteCode.MatchString(errOut) {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func TestCheckOnAReadOnlyDatabaseExits3WithAPlainMessage(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	e.site.serve("terms-v2.html")
	out, errOut, code := e.runDB("file:"+e.db+"?mode=ro", "check", "--json")
	wantUnrecorded(t, out, errOut, code, "cannot write to database "+e.db+": it is read-only")
	if vs := e.history(); len(vs) != 1 {
		t.Errorf("got %d versions, want 1", len(vs))
	}
}

func TestCheckWithADatabaseUnderARegularFileExits3(t *testing.T) {
	e := newEnv(t)
	file := filepath.Join(e.dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	_, errOut, code := e.runDB(filepath.Join(file, "toswatch.db"), "check", "--json")
	if want := "toswatch: cannot create database in " + file + ": not a directory\n"; code != 3 || errOut != want {
		t.Errorf("exit %d, stderr %q; want 3 and %q", code, errOut, want)
	}
}

// bigSite serves a large page of random words: each revision a new text of
// about size bytes, one paragraph shared with the one before.
type bigSite struct{ page string }

func (b *bigSite) revise(size int) {
	var sb strings.Builder
	sb.WriteString("<html><body><main class=terms><p>These terms of service apply to the service.</p>")
	for sb.Len() < size {
		w := make([]byte, 24)
		rand.Read(w)
		fmt.Fprintf(&sb, "<p>Section %s of the agreement.</p>", hex.EncodeToString(w))
	}
	sb.WriteString("</main></body></html>")
	b.page = sb.String()
}

func (b *bigSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, b.page)
}

// A disk that fills up while a check writes a new version: exit 3, the
// database unchanged (not even the check is recorded, since it cannot be).
func TestCheckOnAFullDiskExits3AndWritesNothing(t *testing.T) {
	e := newEnv(t)
	site := &bigSite{}
	site.revise(2 << 10)
	srv := httptest.NewServer(site)
	t.Cleanup(srv.Close)
	e.url = srv.URL
	// Each revision rewrites the whole page: recorded at once, not after
	// confirming checks, which this test is not about.
	e.writeConfig("select: [\".terms\"]\n        confirm_checks: 0")
	e.check(0)
	counts := func() (pages, versions, checks int) {
		db, err := sql.Open("sqlite", e.db)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.QueryRow("PRAGMA page_count").Scan(&pages)
		db.QueryRow("SELECT count(*) FROM versions").Scan(&versions)
		db.QueryRow("SELECT count(*) FROM checks").Scan(&checks)
		return
	}
	pages, versions, checks := counts()

	site.revise(400 << 10) // incompressible: far over 10 more pages
	out, errOut, code := e.runDB(fmt.Sprintf("file:%s?_pragma=max_page_count(%d)", e.db, pages+10), "check", "--json")
	wantUnrecorded(t, out, errOut, code, "cannot write to database "+e.db+": the disk is full")
	if _, v, c := counts(); v != versions || c != checks {
		t.Errorf("after the failed check: %d versions, %d checks; want %d, %d", v, c, versions, checks)
	}
	// With room again, the same change is recorded.
	if r := e.check(0); r.Status != "changed" {
		t.Errorf("check with room: %+v, want changed", r)
	}
}
