package bench

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/config"
)

// The generator must make noise that extraction removes and edits that
// it keeps, or the exactness check of Run would test the generator.
func TestPageNoiseAndEdits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tt := range []struct {
		kb    int
		dense bool
	}{{50, false}, {300, false}, {50, true}, {300, true}} {
		kb := tt.kb
		p := newPage(3, 0, "Acmezen", rng.Uint64(), kb<<10, tt.dense)
		first := p.html(nil)
		if got, want := len(first), kb<<10; got < want*8/10 || got > want*12/10 {
			t.Errorf("%d KB page (dense %t): got %d bytes, want about %d", kb, tt.dense, got, want)
		}
		base, err := textOf(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Limitation of Liability", "Indemnification", "Last updated"} {
			if !strings.Contains(base, want) {
				t.Errorf("%d KB page: text lacks %q", kb, want)
			}
		}
		for _, noise := range []string{"cookies", "Rendered at", "Offer code", "utm_", "jsessionid", "sid=", "gclid"} {
			if strings.Contains(base, noise) {
				t.Errorf("%d KB page: text holds noise %q", kb, noise)
			}
		}

		p.rotate()
		again := p.html(nil)
		if bytes.Equal(first, again) {
			t.Fatalf("%d KB page: rotating the noise left the body unchanged", kb)
		}
		if got, err := textOf(p); err != nil || got != base {
			t.Errorf("%d KB page: noise changed the text (err %v):\n%s", kb, err, firstDiff(base, got))
		}

		etag := p.etag()
		p.edit(rng)
		edited, err := textOf(p)
		if err != nil {
			t.Fatal(err)
		}
		if edited == base {
			t.Errorf("%d KB page: an edit left the text unchanged", kb)
		}
		if p.etag() == etag {
			t.Errorf("%d KB page: an edit left the ETag unchanged", kb)
		}
	}
}

// On a dense page every sentence speaks of liability, damages, limitation,
// claims or indemnities.
func TestDensePage(t *testing.T) {
	p := newPage(1, 0, "Acmezen", 77, 60<<10, true)
	text, err := textOf(p)
	if err != nil {
		t.Fatal(err)
	}
	words := []string{"liab", "damage", "limit", "claim", "indemn"}
	sentences := 0
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "#") || strings.HasPrefix(line, "Last updated") || len(line) < 40 {
			continue
		}
		for _, s := range strings.SplitAfter(line, ". ") {
			sentences++
			low := strings.ToLower(s)
			if !slices.ContainsFunc(words, func(w string) bool { return strings.Contains(low, w) }) &&
				!strings.Contains(low, "see the") && !strings.Contains(low, "contact") {
				t.Errorf("a sentence without legal vocabulary: %q", s)
			}
		}
	}
	if sentences < 50 {
		t.Errorf("%d sentences, want many", sentences)
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < min(len(al), len(bl)); i++ {
		if al[i] != bl[i] {
			return "got  " + bl[i] + "\nwant " + al[i]
		}
	}
	return "(one text is a prefix of the other)"
}

// The farm's rendering of an old rotation must be the body it served then:
// the storage baseline depends on it.
func TestFarmBodyReplaysRotation(t *testing.T) {
	f, err := newFarm(4, 2, 50, 60, false, 9)
	if err != nil {
		t.Skipf("cannot listen on loopback: %v", err)
	}
	defer f.close()
	p := f.pages[1]
	want := p.html(nil)
	rot := rotation{p.rev, p.noise, p.changed}
	rng := rand.New(rand.NewPCG(3, 4))
	p.edit(rng)
	p.rotate()
	if got := f.body(1, rot, nil); !bytes.Equal(got, want) {
		t.Errorf("replayed body differs from the one served (%d vs %d bytes)", len(got), len(want))
	}
	if got := f.body(1, rotation{p.rev, p.noise, p.changed}, nil); !bytes.Equal(got, p.html(nil)) {
		t.Errorf("replayed current body differs from the current one")
	}
}

func TestNotModified(t *testing.T) {
	f, err := newFarm(2, 2, 50, 50, false, 1)
	if err != nil {
		t.Skipf("cannot listen on loopback: %v", err)
	}
	defer f.close()
	docs := f.documents()
	tests := []struct {
		name   string
		doc    int
		header map[string]string
		want   int
	}{
		{"validators, no condition", 0, nil, 200},
		{"validators, matching etag", 0, map[string]string{"If-None-Match": f.pages[0].etag()}, 304},
		{"validators, stale etag", 0, map[string]string{"If-None-Match": `"old"`}, 200},
		{"validators, date", 0, map[string]string{"If-Modified-Since": f.pages[0].lastModified().Format("Mon, 02 Jan 2006 15:04:05 GMT")}, 304},
		{"no validators, matching etag", 1, map[string]string{"If-None-Match": f.pages[1].etag()}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := status(docs[tt.doc].URL, tt.header)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

// TestRunSmall runs the whole benchmark small: every round must record
// exactly the real changes (Run fails otherwise) and the counts must add up.
func TestRunSmall(t *testing.T) {
	var out bytes.Buffer
	rep, err := Run(context.Background(), Options{Docs: 100, Hosts: 10, Rounds: -1, MinKB: 50, MaxKB: 120, Out: &out, Seed: 42,
		Settings: noDelay()})
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	if got, want := len(rep.Rounds), 3; got != want {
		t.Fatalf("got %d rounds, want %d", got, want)
	}
	tests := []struct {
		name                     string
		versions, requests, n304 int
		minNoisy                 int
	}{
		{"cold", 100, 100, 0, 0},
		{"unchanged", 0, 100, 50, 0},
		{"churn", 5, 100, 50 - 35, 30}, // 35 pages touched, some on the validator hosts
	}
	for i, tt := range tests {
		r := rep.Rounds[i]
		t.Run(tt.name, func(t *testing.T) {
			if r.Name != tt.name {
				t.Errorf("name: got %q, want %q", r.Name, tt.name)
			}
			if r.Versions != tt.versions || r.Expected != tt.versions {
				t.Errorf("versions %d, expected %d; want %d", r.Versions, r.Expected, tt.versions)
			}
			if r.Requests != tt.requests {
				t.Errorf("requests: got %d, want %d", r.Requests, tt.requests)
			}
			if tt.name == "churn" {
				if r.NotModified < tt.n304 || r.NotModified >= 50 {
					t.Errorf("304s: got %d, want between %d and 49", r.NotModified, tt.n304)
				}
			} else if r.NotModified != tt.n304 {
				t.Errorf("304s: got %d, want %d", r.NotModified, tt.n304)
			}
			if r.Noisy != tt.minNoisy {
				t.Errorf("noisy: got %d, want %d", r.Noisy, tt.minNoisy)
			}
			if want := config.DefaultPerHost; r.MaxPerHost < 1 || r.MaxPerHost > want {
				t.Errorf("max per host: got %d, want 1..%d", r.MaxPerHost, want)
			}
			if r.Bound != 0 {
				t.Errorf("politeness bound without a host delay: got %s, want 0", r.Bound)
			}
			if r.PeakRSS <= 0 || r.CPU <= 0 {
				t.Errorf("peak RSS %d, CPU %s: want both measured", r.PeakRSS, r.CPU)
			}
		})
	}
	if rep.DBBytes <= 0 || rep.CompressedBytes <= 0 || rep.DistinctTexts != 105 || rep.RawBodies != 105 {
		t.Errorf("storage: db %d, compressed %d, %d texts, %d raw bodies; want 105 of each",
			rep.DBBytes, rep.CompressedBytes, rep.DistinctTexts, rep.RawBodies)
	}
	if rep.DiffMS <= 0 || rep.AnalyzeMS <= 0 || rep.CompareMS <= 0 || rep.TextBytes < microText {
		t.Errorf("micro: diff %.2f ms, analyze %.2f ms, compare %.2f ms on %d bytes", rep.DiffMS, rep.AnalyzeMS, rep.CompareMS, rep.TextBytes)
	}
	for _, want := range []string{"BENCH round=cold docs=100 ", "BENCH round=churn ", "BENCH summary ", "ratio="} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

// noDelay is the default settings without a host delay: the raw speed.
func noDelay() *config.Settings {
	s := config.Defaults()
	s.Fetch.HostDelay = 0
	return &s
}

// TestPoliteness runs a small farm with a host delay and more workers than
// the fetcher's concurrency, and checks the politeness invariants on the
// client's own log of every request, whatever the machine's load: never
// more than per_host requests in flight to one host, never two starts to
// one host closer than host_delay.
func TestPoliteness(t *testing.T) {
	s := config.Defaults()
	s.Fetch.PerHost, s.Fetch.HostDelay, s.Fetch.Concurrency = 2, 200*time.Millisecond, 3
	rep, err := Run(context.Background(), Options{Docs: 50, Hosts: 10, Rounds: -1, MinKB: 20, MaxKB: 30, Seed: 3,
		Settings: &s, Workers: 8, roundsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Rounds {
		if r.MaxPerHost < 1 || r.MaxPerHost > s.Fetch.PerHost {
			t.Errorf("%s: %d requests in flight to one host, want 1..%d", r.Name, r.MaxPerHost, s.Fetch.PerHost)
		}
		if r.MinGap < s.Fetch.HostDelay {
			t.Errorf("%s: two starts to one host %s apart, want at least %s", r.Name, r.MinGap, s.Fetch.HostDelay)
		}
		if want := 4 * s.Fetch.HostDelay; r.Bound != want {
			t.Errorf("%s: politeness bound %s, want %s", r.Name, r.Bound, want)
		}
	}
}

// A farm that records noise as a change must make Run fail: the check is
// what the benchmark is for.
func TestRunDetectsNoiseRecorded(t *testing.T) {
	// leak puts the rotating timestamp inside the document's text.
	_, err := Run(context.Background(), Options{Docs: 20, Hosts: 4, Rounds: -1, MinKB: 50, MaxKB: 60, Seed: 5, leak: true, Settings: noDelay()})
	if !errors.Is(err, ErrMismatch) {
		t.Fatalf("got %v, want ErrMismatch", err)
	}
}

func status(url string, header map[string]string) (int, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, nil
}

var (
	benchDocs   = flag.Int("bench.docs", 0, "documents of BenchmarkRun (0: 2000)")
	benchHosts  = flag.Int("bench.hosts", 0, "hosts of BenchmarkRun (0: 100)")
	benchRounds = flag.Int("bench.rounds", 0, "history rounds of BenchmarkRun (0: 30, -1: none)")
	benchWorker = flag.Int("bench.workers", 0, "workers of BenchmarkRun (0: default)")
	benchDB     = flag.String("bench.db", "", "database path of BenchmarkRun (empty: temporary)")
	benchDense  = flag.Bool("bench.dense", false, "pages dense with legal vocabulary")
	benchDelay  = flag.Duration("bench.host-delay", 0, "host delay of BenchmarkRun (0: none, the raw speed)")
	benchProf   = flag.String("bench.profile", "", "directory for a CPU profile per round")
)

// BenchmarkRun is the full benchmark of issue 7:
//
//	go test -run XXX -bench Run -benchtime 1x ./internal/bench/
func BenchmarkRun(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s := config.Defaults()
		s.Fetch.HostDelay = *benchDelay
		opts := Options{Docs: *benchDocs, Hosts: *benchHosts, Rounds: *benchRounds, DB: *benchDB, Workers: *benchWorker,
			Dense: *benchDense, Settings: &s, Profile: *benchProf, Out: os.Stdout, Progress: os.Stderr, Seed: 1}
		rep, err := Run(context.Background(), opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Rounds[0].Wall.Milliseconds()), "cold_ms")
		b.ReportMetric(rep.Ratio(), "db_ratio")
	}
}
