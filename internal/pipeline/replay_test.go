package pipeline

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/toswatch/toswatch/internal/corpustest"
	"github.com/toswatch/toswatch/internal/model"
)

// replayLag is how many captures after the one that brought it a change
// may be recorded (../shared/bench/replay.py's LAG): a drastic change is
// recorded by the check that confirms it.
const replayLag = 3

// fault is what a misbehaving server sends in place of a real capture.
type fault struct {
	name string
	body func(real []byte) []byte
}

// faults are the bad captures real sites were seen to send: a response cut
// short, an error page answered with 200, a maintenance page.
func faults(t *testing.T) []fault {
	page := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	maintenance, unavailable := page("maintenance"), page("unavailable")
	return []fault{
		{"cut at 60%", func(b []byte) []byte { return b[:len(b)*6/10] }},
		{"maintenance page", func([]byte) []byte { return maintenance }},
		{"cut at 90%", func(b []byte) []byte { return b[:len(b)*9/10] }},
		{"error page with 200", func([]byte) []byte { return unavailable }},
	}
}

// TestReplayWithFaults replays the real capture sequences of
// ../shared/corpus/replay through the whole pipeline (loopback HTTP, a real
// database), automatic extraction and the manifests' selectors, with a bad
// capture in place of one real capture in ten, away from the real changes:
// the real changes are all recorded (within replayLag captures), and no
// bad capture ever becomes a version or a change.
func TestReplayWithFaults(t *testing.T) {
	replays := corpustest.Replays(t)
	fs := faults(t)
	for _, r := range replays {
		for _, auto := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/auto=%t", r.Service, auto), func(t *testing.T) {
				replayWithFaults(t, r, auto, fs)
			})
		}
	}
}

func replayWithFaults(t *testing.T, r corpustest.Replay, auto bool, fs []fault) {
	keys := make([]string, len(r.Snapshots))
	for i, s := range r.Snapshots {
		keys[i] = s.FetchedAt[:16]
	}
	short := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = x[:16]
		}
		return out
	}
	expected, optional, failedAt := short(r.ExpectedChangeAt), short(r.OptionalChangeAt), short(r.ExpectedFailedAt)
	if auto {
		optional = append(optional, failedAt...) // the reference saw nothing there
	}
	// A fault goes only where no real change, optional one or expected
	// failure is within replayLag captures, so that what it does is its own.
	near := func(i int) bool {
		for j := max(0, i-replayLag-1); j <= min(len(keys)-1, i+replayLag+1); j++ {
			if slices.Contains(expected, keys[j]) || slices.Contains(optional, keys[j]) || slices.Contains(failedAt, keys[j]) {
				return true
			}
		}
		return false
	}
	faultAt := map[int]fault{}
	for i := 5; i < len(keys)-1; i += 10 {
		if !near(i) {
			faultAt[i] = fs[len(faultAt)%len(fs)]
		}
	}

	var mu sync.Mutex
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	docYAML := ""
	if !auto {
		for _, f := range []struct {
			key string
			raw []string
		}{{"select", corpustest.Selectors(r.Select)}, {"remove", corpustest.Selectors(r.Remove)}} {
			if len(f.raw) > 0 {
				list, _ := json.Marshal(f.raw) // JSON is YAML
				docYAML += fmt.Sprintf("        %s: %s\n", f.key, list)
			}
		}
	}
	e := newEnv(t, srv.URL+"/terms", docYAML)

	var changedAt []string
	for i := range r.Snapshots {
		raw, err := r.Snapshot(i)
		if err != nil {
			t.Fatal(err)
		}
		f, faulty := faultAt[i]
		if faulty {
			raw = f.body(raw)
		}
		mu.Lock()
		body = raw
		mu.Unlock()
		res := e.p.Tracker.Check(e.ctx, e.doc)
		switch {
		case faulty && (res.Status == model.OutcomeChanged || res.Status == model.OutcomeNew):
			t.Errorf("capture %d (%s): %s, a bad capture recorded", i, f.name, res.Status)
		case res.Status == model.OutcomeChanged:
			changedAt = append(changedAt, keys[i])
		case res.Status == model.OutcomeFailed && !faulty && !slices.Contains(failedAt, keys[i]):
			t.Errorf("capture %d: failed: %s", i, deref(res.Error))
		}
	}
	t.Logf("%d captures, %d of them bad, %d changes recorded (%d expected)", len(keys), len(faultAt), len(changedAt), len(expected))
	extra, missed := matchChanges(keys, expected, optional, changedAt)
	if len(extra) > 0 || len(missed) > 0 {
		t.Errorf("%d faults: extra changes at %v, missed %v", len(faultAt), extra, missed)
	}
}

// matchChanges pairs each expected change with one recorded at its
// capture or up to replayLag captures later, then the optional ones, as
// replay.py does; it returns the recorded changes left over and the
// expected ones not found.
func matchChanges(order, expected, optional, ours []string) (extra, missed []string) {
	pos := map[string]int{}
	for i, k := range order {
		pos[k] = i
	}
	left := slices.Clone(ours)
	take := func(targets []string, miss bool) {
		for _, tg := range targets {
			hit := slices.IndexFunc(left, func(c string) bool { d := pos[c] - pos[tg]; return d >= 0 && d <= replayLag })
			switch {
			case hit >= 0:
				left = slices.Delete(left, hit, hit+1)
			case miss:
				missed = append(missed, tg)
			}
		}
	}
	var required []string
	for _, x := range expected {
		if !slices.Contains(optional, x) {
			required = append(required, x)
		}
	}
	take(required, true)
	take(optional, false)
	return left, missed
}
