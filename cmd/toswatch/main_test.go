package main

// End-to-end tests of the real binary: crashes and concurrent processes.

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "toswatch-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "toswatch")
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build toswatch: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// farm serves n documents at /doc/I; revision r of every document differs in wording.
type farm struct {
	revision atomic.Int32
	delay    time.Duration
	// everyFetch, when set, makes every response a new version: one
	// paragraph of it counts the requests.
	everyFetch bool
	requests   atomic.Int64
}

func (f *farm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	time.Sleep(f.delay)
	rev := f.revision.Load()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<html><body><nav>menu %d</nav><main><h1>Terms %s</h1>", rand.IntN(1e9), r.URL.Path)
	for i := 0; i < 20; i++ {
		fmt.Fprintf(w, "<p>Section %d of %s: the customer agrees to the acceptable use policy, revision %d.</p>", i, r.URL.Path, rev)
	}
	if f.everyFetch {
		fmt.Fprintf(w, "<p>This is response %d.</p>", f.requests.Add(1))
	}
	fmt.Fprint(w, "</main></body></html>")
}

func writeConfig(t *testing.T, dir, url string, docs int) string {
	var b strings.Builder
	// Revisions rewrite whole pages: recorded at once (confirm_checks: 0),
	// since these tests are about processes, not confirmation.
	b.WriteString("settings:\n  fetch:\n    host_delay: 0s\n    per_host: 4\n    concurrency: 4\n    retries: 0\n    confirm_delay: 50ms\n    confirm_checks: 0\nvendors:\n")
	for i := 0; i < docs; i++ {
		fmt.Fprintf(&b, "  - name: Vendor %d\n    documents:\n      - type: Terms\n        url: %s/doc/%d\n", i, url, i)
	}
	path := filepath.Join(dir, "vendors.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func toswatch(args ...string) *exec.Cmd {
	return exec.Command(binary, args...)
}

// checkHistory verifies the database: integrity, and that no version
// repeats the text of the version before it.
func checkHistory(t *testing.T, db string) (versions int) {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var ok string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check = %q, %v", ok, err)
	}
	// A kill before the first migration committed leaves a database
	// without tables: consistent, and the next run migrates it.
	var tables int
	if err := conn.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'versions'").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables == 0 {
		return 0
	}
	rows, err := conn.Query("SELECT document_id, text_sha256 FROM versions ORDER BY document_id, id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	last := map[int64]string{}
	for rows.Next() {
		var doc int64
		var sha string
		rows.Scan(&doc, &sha)
		if last[doc] == sha {
			t.Errorf("document %d: a version repeats the text of the one before it", doc)
		}
		last[doc] = sha
		versions++
	}
	return versions
}

func TestKillDashNineLeavesAConsistentDatabase(t *testing.T) {
	site := &farm{delay: 5 * time.Millisecond}
	srv := httptest.NewServer(site)
	defer srv.Close()
	dir := t.TempDir()
	cfg := writeConfig(t, dir, srv.URL, 30)
	db := filepath.Join(dir, "toswatch.db")
	for round := 0; round < 6; round++ {
		site.revision.Store(int32(round))
		cmd := toswatch("check", "--config", cfg, "--db", db)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+rand.IntN(120)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		checkHistory(t, db)
	}
	// After the crashes, a full check works and completes the history.
	out, err := toswatch("check", "--config", cfg, "--db", db, "--json").Output()
	if err != nil {
		t.Fatalf("check after kill -9: %v\n%s", err, out)
	}
	var rows []struct{ Status string }
	if err := json.Unmarshal(out, &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Status == "failed" {
			t.Errorf("check after crashes: %+v", r)
		}
	}
	checkHistory(t, db)
}

// checksAtOnce runs n toswatch processes with args at once and returns
// their errors, each with the process's output.
func checksAtOnce(n int, args ...string) []error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for p := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			if out, err := exec.CommandContext(ctx, binary, args...).CombinedOutput(); err != nil {
				errs[p] = fmt.Errorf("%v: %s", err, out)
			}
		}()
	}
	wg.Wait()
	return errs
}

func TestTwoProcessesAtOnceRecordEachVersionOnce(t *testing.T) {
	site := &farm{delay: 2 * time.Millisecond}
	srv := httptest.NewServer(site)
	defer srv.Close()
	dir := t.TempDir()
	const docs = 20
	cfg := writeConfig(t, dir, srv.URL, docs)
	db := filepath.Join(dir, "toswatch.db")
	for rev := 0; rev < 3; rev++ {
		site.revision.Store(int32(rev))
		for p, err := range checksAtOnce(2, "check", "--config", cfg, "--db", db) {
			if err != nil {
				t.Fatalf("revision %d, process %d: %v", rev, p, err)
			}
		}
	}
	if got, want := checkHistory(t, db), docs*3; got != want {
		t.Errorf("got %d versions, want %d (one per document and revision)", got, want)
	}
}

// Six check processes on one database, checking pages that change on every
// fetch: each process finds versions the others recorded meanwhile, and
// every one of the 36 checks of a round compares again and records instead
// of running out of retries.
func TestSixProcessesAtOnceWaitInsteadOfFailing(t *testing.T) {
	site := &farm{delay: time.Millisecond, everyFetch: true}
	srv := httptest.NewServer(site)
	defer srv.Close()
	dir := t.TempDir()
	const docs, procs = 6, 6
	cfg := writeConfig(t, dir, srv.URL, docs)
	db := filepath.Join(dir, "toswatch.db")
	for round := 0; round < 3; round++ {
		for p, err := range checksAtOnce(procs, "check", "--config", cfg, "--db", db, "--json") {
			if err != nil {
				t.Errorf("round %d, process %d: %v", round, p, err)
			}
		}
	}
	// Every check recorded a version (the first of each document, then changes).
	if got, want := checkHistory(t, db), 3*docs*procs; got != want {
		t.Errorf("got %d versions, want %d (one per check)", got, want)
	}
}
