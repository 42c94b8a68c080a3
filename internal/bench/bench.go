// Package bench is toswatch's end-to-end benchmark: it starts a loopback
// farm of vendor sites serving thousands of realistic terms pages and runs
// the real pipeline (fetch over HTTP, extract, compare, clause analysis,
// SQLite store on disk) through rounds of checks — everything new, nothing
// changed, some pages reworded among many that only rotate noise — timing
// each round and checking that exactly the real changes were recorded.
package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/pipeline"
	"github.com/toswatch/toswatch/internal/store"
	"github.com/toswatch/toswatch/internal/tracker"
)

// Options configure a run. Zero fields take the defaults of issue 7.
type Options struct {
	Docs, Hosts  int // documents and the hosts they are spread over: 2000, 100
	Rounds       int // churn rounds of the history phase: 30 (negative: none)
	MinKB, MaxKB int // page sizes: 50, 300
	// Dense makes every sentence of the pages speak of liability, damages,
	// limitation, claims or indemnities: the clause analyser's worst case.
	Dense bool
	// Settings are the vendors.yaml settings the pipeline runs with, its
	// politeness above all (per_host, host_delay, concurrency); nil:
	// config.Defaults(). Retries and the confirmation delay are always
	// off: a failure must show, and the farm answers the same twice at once.
	Settings *config.Settings
	// Workers is the number of concurrent checks (CheckAll's workers); 0:
	// the settings' concurrency, as toswatch check runs them.
	Workers int
	// Profile, when set, is a directory to write a CPU profile of each
	// round to (ROUND.cpu.pprof, for go tool pprof).
	Profile  string
	DB       string    // database path, which must not exist yet; "": a temporary directory
	Out      io.Writer // the table and the BENCH lines; nil: discarded
	Progress io.Writer // progress lines (stderr); nil: none
	Seed     int64

	leak       bool // tests: the farm lets noise into the document text
	roundsOnly bool // tests: neither the storage measure nor the timings of diff and clause
}

// Shares of the pages touched by a churn round.
const (
	changeShare = 0.05 // real wording changes
	noiseShare  = 0.30 // noise only: nonces, timestamps, tracking ids, cache busters
)

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Docs, 2000)
	def(&o.Hosts, 100)
	def(&o.Rounds, 30)
	def(&o.MinKB, 50)
	def(&o.MaxKB, 300)
	s := config.Defaults()
	if o.Settings != nil {
		s = *o.Settings
	}
	s.Fetch.Retries = 0
	s.Fetch.ConfirmDelay = 0
	o.Settings = &s
	def(&o.Workers, s.Fetch.Concurrency)
	if o.Rounds < 0 {
		o.Rounds = 0
	}
	if o.Out == nil {
		o.Out = io.Discard
	}
	return o
}

// bound is the politeness bound of a round: the time the most loaded host
// needs for its request starts, host_delay apart.
func (o Options) bound() time.Duration {
	perHost := (o.Docs + o.Hosts - 1) / o.Hosts
	return time.Duration(perHost-1) * o.Settings.Fetch.HostDelay
}

// ErrMismatch is returned when the versions recorded differ from the real
// changes the farm made: noise recorded as a change, or a change missed.
var ErrMismatch = errors.New("versions recorded differ from the real changes")

// Round is the measure of one round of checks of every document.
type Round struct {
	Name      string
	Wall, CPU time.Duration // CPU: user + system of the whole process, farm included
	PeakRSS   int64         // bytes, peak resident set during the round
	Versions  int           // versions the store recorded in the round
	Expected  int           // real changes the farm made (every document in the cold round)
	Requests  int           // HTTP requests the farm answered
	// NotModified counts the 304 answers among Requests.
	NotModified int
	Noisy       int // documents whose noise alone changed
	Failed      int // checks that failed
	// MaxPerHost is the most requests one host had in flight at once, and
	// MinGap the shortest time between two request starts to one host (0:
	// none), both as the client logged them (clientLog).
	MaxPerHost int
	MinGap     time.Duration
	Bound      time.Duration // the politeness bound: (documents per host − 1) × host_delay
	Render     time.Duration // time the farm spent rendering bodies (in CPU)
}

// Report is the outcome of a run.
type Report struct {
	Docs, Hosts, Workers int
	Dense                bool
	Fetch                config.Fetch // the fetcher's settings, politeness included
	Rounds               []Round
	// DiffMS, AnalyzeMS and CompareMS are the medians of diff.Compute on
	// two documents of TextBytes, of clause.Analyze on one of them and of
	// clause.Compare on both.
	DiffMS, AnalyzeMS, CompareMS float64
	TextBytes                    int
	// DBBytes is the database's size after the history phase (pages in
	// use, WAL included); CompressedBytes is the gzip size of every
	// distinct version text plus every raw body kept, each compressed on
	// its own (TextGzip + RawGzip).
	DBBytes, CompressedBytes int64
	DBFileBytes              int64 // the database and WAL files on disk
	TextGzip, RawGzip        int64
	DistinctTexts, RawBodies int
	MaxPerHost               int           // the most of any round
	MinGap                   time.Duration // the least of any round
	Wall                     time.Duration
}

// Ratio is the database size over the compressed size of its content.
func (r Report) Ratio() float64 {
	if r.CompressedBytes == 0 {
		return 0
	}
	return float64(r.DBBytes) / float64(r.CompressedBytes)
}

// Run builds the farm, runs every round and prints the results to opts.Out.
// It returns an error wrapping ErrMismatch when a round recorded other
// versions than the real changes; the report then holds the rounds so far.
func Run(ctx context.Context, opts Options) (Report, error) {
	opts = opts.withDefaults()
	began := time.Now()
	rep := Report{Docs: opts.Docs, Hosts: opts.Hosts, Workers: opts.Workers, Dense: opts.Dense, Fetch: opts.Settings.Fetch}
	if opts.Docs < 1 || opts.Hosts < 1 || opts.MinKB < 1 || opts.MaxKB < opts.MinKB {
		return rep, fmt.Errorf("bench: invalid options: %d docs, %d hosts, pages of %d-%d KB", opts.Docs, opts.Hosts, opts.MinKB, opts.MaxKB)
	}
	if opts.Profile != "" {
		if err := os.MkdirAll(opts.Profile, 0o755); err != nil {
			return rep, fmt.Errorf("bench: %w", err)
		}
	}
	dbPath, cleanup, err := databasePath(opts.DB)
	if err != nil {
		return rep, err
	}
	defer cleanup()

	f, err := newFarm(opts.Docs, opts.Hosts, opts.MinKB, opts.MaxKB, opts.Dense, opts.Seed)
	if err == nil && opts.leak {
		for _, p := range f.pages {
			p.leak = true
		}
	}
	if err != nil {
		return rep, fmt.Errorf("bench: %w", err)
	}
	defer f.close()
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		return rep, fmt.Errorf("bench: %w", err)
	}
	defer st.Close()

	// The pipeline of a vendors.yaml with the settings, the way check
	// wires it, with the client-side log of politeness under the fetcher.
	clients := newClientLog()
	p, err := pipeline.New(&config.Config{Settings: *opts.Settings}, pipeline.Options{Store: st, ObserveHTTP: clients.wrap})
	if err != nil {
		return rep, fmt.Errorf("bench: %w", err)
	}
	defer p.Close()
	r := &runner{opts: opts, dbPath: dbPath, farm: f, clients: clients, store: st, tracker: p.Tracker, docs: f.documents(),
		rng: rand.New(rand.NewPCG(uint64(opts.Seed), 7))}

	printHeader(opts.Out, rep)
	names := []string{"cold", "unchanged", "churn"}
	for i := 1; i <= opts.Rounds; i++ {
		names = append(names, fmt.Sprintf("history-%02d", i))
	}
	for _, name := range names {
		round, err := r.round(ctx, name)
		rep.Rounds = append(rep.Rounds, round)
		rep.MaxPerHost = max(rep.MaxPerHost, round.MaxPerHost)
		if round.MinGap > 0 && (rep.MinGap == 0 || round.MinGap < rep.MinGap) {
			rep.MinGap = round.MinGap
		}
		printRound(opts.Out, opts.Docs, round)
		if err != nil {
			return rep, err
		}
	}
	if opts.roundsOnly {
		rep.Wall = time.Since(began)
		return rep, nil
	}
	if err := r.storage(ctx, &rep); err != nil {
		return rep, err
	}
	r.progress("timing diff and clause analysis")
	if rep.DiffMS, rep.AnalyzeMS, rep.CompareMS, rep.TextBytes, err = micro(opts.Seed, opts.Dense); err != nil {
		return rep, err
	}
	rep.Wall = time.Since(began)
	printSummary(opts.Out, rep)
	return rep, nil
}

// databasePath returns where to create the database and how to clean up.
func databasePath(path string) (string, func(), error) {
	if path == "" {
		dir, err := os.MkdirTemp("", "toswatch-bench-")
		if err != nil {
			return "", nil, fmt.Errorf("bench: %w", err)
		}
		return filepath.Join(dir, "bench.db"), func() { os.RemoveAll(dir) }, nil
	}
	// Counting versions per round needs a fresh database.
	if _, err := os.Stat(path); err == nil {
		return "", nil, fmt.Errorf("bench: database %s already exists: give a new path", path)
	}
	return path, func() {}, nil
}

// runner holds what the rounds share.
type runner struct {
	opts    Options
	farm    *farm
	clients *clientLog
	store   *store.Store
	tracker *tracker.Tracker
	docs    []model.Document
	rng     *rand.Rand
	ids     []int64 // document ids, known after the cold round
	dbPath  string

	versionsBefore int // versions recorded before the current round
}

func (r *runner) progress(format string, args ...any) {
	if r.opts.Progress != nil {
		fmt.Fprintf(r.opts.Progress, "bench: "+format+"\n", args...)
	}
}

// round changes the farm as the round's name says, checks every document
// and verifies that exactly the real changes were recorded.
func (r *runner) round(ctx context.Context, name string) (Round, error) {
	rd := Round{Name: name, Bound: r.opts.bound()}
	switch name {
	case "cold":
		rd.Expected = len(r.docs)
	case "unchanged":
	default:
		rd.Expected, rd.Noisy = r.farm.churn(r.rng, changeShare, noiseShare)
	}
	want := r.farm.revisions()

	// Start from a clean slate so the peak is this round's own.
	debug.FreeOSMemory()
	resetPeakRSS()
	r.clients.round()
	reqs, n304, render := r.farm.requests.Load(), r.farm.notModified.Load(), r.farm.renderNS.Load()
	stopProfile, err := r.profile(name)
	if err != nil {
		return rd, err
	}
	cpu, start := cpuTime(), time.Now()

	step := max(1, len(r.docs)/4)
	results := r.tracker.CheckAll(ctx, r.docs, r.opts.Workers, func(done int, _ tracker.Result) {
		if done%step == 0 {
			r.progress("%s: %d/%d checked", name, done, len(r.docs))
		}
	})

	rd.Wall, rd.CPU = time.Since(start), cpuTime()-cpu
	if err := stopProfile(); err != nil {
		return rd, err
	}
	rd.PeakRSS = peakRSS()
	rd.Requests = int(r.farm.requests.Load() - reqs)
	rd.NotModified = int(r.farm.notModified.Load() - n304)
	rd.Render = time.Duration(r.farm.renderNS.Load() - render)
	pol := r.clients.round()
	rd.MaxPerHost, rd.MinGap = pol.maxInFlight, pol.minGap
	var firstErr string
	for _, res := range results {
		if res.Error != nil {
			rd.Failed++
			if firstErr == "" {
				firstErr = res.Vendor + "/" + res.Document + ": " + *res.Error
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return rd, fmt.Errorf("bench: round %s: %w", name, err)
	}
	verify := time.Now()
	got, err := r.versions(ctx)
	if err != nil {
		return rd, fmt.Errorf("bench: round %s: %w", name, err)
	}
	r.progress("%s: versions counted in %s", name, time.Since(verify).Round(time.Millisecond))
	var bad []string
	for i := range want {
		// Every document has its first version and one per revision.
		if got[i]-want[i] != 1 {
			if len(bad) < 5 {
				bad = append(bad, fmt.Sprintf("%s: %d versions, want %d", r.docs[i].URL, got[i], want[i]+1))
			}
		}
		rd.Versions += got[i]
	}
	rd.Versions -= r.versionsBefore
	r.versionsBefore += rd.Versions
	if rd.Versions != rd.Expected || len(bad) > 0 {
		if firstErr != "" {
			bad = append(bad, fmt.Sprintf("%d checks failed, first: %s", rd.Failed, firstErr))
		}
		return rd, fmt.Errorf("bench: round %s: %w: %d recorded, %d expected; %v", name, ErrMismatch, rd.Versions, rd.Expected, bad)
	}
	if rd.Failed > 0 {
		return rd, fmt.Errorf("bench: round %s: %d checks failed, first: %s", name, rd.Failed, firstErr)
	}
	return rd, nil
}

// profile starts the CPU profile of a round, when asked for, and returns
// the function that ends it.
func (r *runner) profile(round string) (stop func() error, err error) {
	if r.opts.Profile == "" {
		return func() error { return nil }, nil
	}
	f, err := os.Create(filepath.Join(r.opts.Profile, round+".cpu.pprof"))
	if err != nil {
		return nil, fmt.Errorf("bench: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("bench: %w", err)
	}
	return func() error {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		return nil
	}, nil
}
