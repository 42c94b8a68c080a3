package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/export"
	"time"

	"github.com/toswatch/toswatch/internal/clause"
)

// TestReanalyzeReclassifiesOlderAnalyses records a change, makes it look
// classified by an older analyser that saw nothing, and checks that
// reanalyze restores its clause changes and keeps its review.
func TestReanalyzeReclassifiesOlderAnalyses(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	e.site.serve("terms-v2.html")
	e.check(0)
	out, _, _ := e.run("changes", "--json")
	var changes []export.Change
	if err := json.Unmarshal([]byte(out), &changes); err != nil || len(changes) != 1 {
		t.Fatalf("changes --json: %v: %s", err, out)
	}
	id := changes[0].ID
	if _, errOut, code := e.run("review", fmt.Sprint(id), "--by", "Ana"); code != 0 {
		t.Fatalf("review: exit %d: %s", code, errOut)
	}

	db, err := sql.Open("sqlite", e.db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`UPDATE changes SET clause_changes = '[]', severity = '', liability = 0, analysis = 1 WHERE id = ?`, id)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out, _, _ := e.run("changes", "--clause", "liability", "--json"); strings.TrimSpace(out) != "[]" {
		t.Fatalf("after the tampering, changes --clause liability = %s, want []", out)
	}

	type counts struct{ Reanalysed, Differed, Revision int }
	reanalyze := func(args ...string) counts {
		t.Helper()
		out, errOut, code := e.run(append([]string{"reanalyze", "--json"}, args...)...)
		var c counts
		if code != 0 || json.Unmarshal([]byte(out), &c) != nil {
			t.Fatalf("reanalyze %v: exit %d: %s %s", args, code, out, errOut)
		}
		return c
	}
	if got, want := reanalyze(), (counts{1, 1, clause.Revision}); got != want {
		t.Errorf("reanalyze = %+v, want %+v", got, want)
	}
	out, _, _ = e.run("changes", "--clause", "liability", "--json")
	if err := json.Unmarshal([]byte(out), &changes); err != nil || len(changes) != 1 || len(changes[0].ClauseChanges) == 0 {
		t.Fatalf("after reanalyze, changes --clause liability = %s, want the change with its clause changes", out)
	}
	if !strings.Contains(out, `"reviewed_by": "Ana"`) {
		t.Errorf("the review was lost: %s", out)
	}
	if got := reanalyze(); got.Reanalysed != 0 {
		t.Errorf("second reanalyze = %+v, want nothing left to do", got)
	}
	if got := reanalyze("--all"); got.Reanalysed != 1 || got.Differed != 0 {
		t.Errorf("reanalyze --all = %+v, want 1 reanalysed, 0 different", got)
	}
	if out, _, code := e.run("reanalyze"); code != 0 || !strings.Contains(out, "current analyser") {
		t.Errorf("reanalyze with nothing to do: exit %d: %q", code, out)
	}
}

// TestRunReanalysesOnStart checks that `run` reclassifies, on start, the
// changes an older analyser judged.
func TestRunReanalysesOnStart(t *testing.T) {
	e := newEnv(t)
	e.check(0)
	e.site.serve("terms-v2.html")
	e.check(0)
	db, err := sql.Open("sqlite", e.db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`UPDATE changes SET clause_changes = '[]', severity = '', liability = 0, analysis = 0`)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"run", "--addr", "off", "--config", e.config, "--db", e.db},
			Env{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }})
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, _, _ := e.run("changes", "--clause", "liability", "--json")
		if strings.Contains(out, `"type": "liability"`) {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("run did not reanalyse the change in 30s: %s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("run exited %d after cancel", code)
	}
}
