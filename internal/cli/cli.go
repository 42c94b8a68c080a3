// Package cli is toswatch's command line: it parses arguments, wires the
// configuration, store, fetcher and tracker together, and prints results.
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/store"
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	Getenv         func(string) string
}

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // the command ran, and something it checked failed
	exitUsage   = 2 // bad arguments or configuration
	exitTrouble = 3 // an internal error: database, I/O
)

// usageError is a mistake in the command line or configuration: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// failedError means the command did its work and found failures: exit status 1.
var errFailed = errors.New("some checks failed")

type command struct {
	name, args, summary string
	run                 func(ctx context.Context, a *app, args []string) error
}

func commands() []command {
	return []command{
		{"check", "[VENDOR...] [--json]", "fetch documents now and record what changed", runCheck},
		{"run", "[--addr HOST:PORT]", "check every document on its schedule, serve the web UI and send the daily digest, until stopped", runRun},
		{"history", "VENDOR [DOCUMENT] [--json]", "list recorded versions, oldest first", runHistory},
		{"show", "VENDOR DOCUMENT [--version ID]", "print the text of a version (the latest by default)", runShow},
		{"diff", "VENDOR DOCUMENT [--from ID] [--to ID] [--format text|json]", "show what changed (the latest change by default)", runDiff},
		{"changes", "[--since DURATION] [--vendor V] [--clause liability|indemnification] [--json]", "list recorded changes, newest first, with their clause changes", runChanges},
		{"facts", "[VENDOR] [--json|--csv] [--filter F]", "each document's liability cap, carve-outs, exclusions and indemnities today, and since when", runFacts},
		{"export", "[--since DURATION] [--vendor V] [--format csv|json] [--bom]", "write every change with its clause changes and review history, for audit", runExport},
		{"reanalyze", "[--all] [--json]", "classify recorded changes again with the current clause analyser", runReanalyze},
		{"review", "CHANGE_ID --by NAME [--decision D] [--note TEXT]", "add a review to a change's history (acknowledged, needs-follow-up, accepted, escalated)", runReview},
		{"status", "[--json]", "every document's last check, outcome and failures", runStatus},
		{"digest", "[--since 24h] [--send] [--to ADDR]", "print the digest of recent changes, or send it by e-mail", runDigest},
		{"feed", "[--format rss|atom] [--vendor V] [--clause liability|indemnification]", "print the feed of recorded changes", runFeed},
		{"serve", "[--addr HOST:PORT]", "serve the web UI, the RSS/Atom feeds and /metrics", runServe},
		{"analyze", "FILE... [--json]", "find liability and indemnification clauses in local files", runAnalyze},
		{"compare", "OLD NEW [--json]", "compare two local files: diff and clause changes", runCompare},
		{"validate", "[VENDOR...] [--interval 3s]", "check that each document fetches, matches its selectors and gives a stable text", runValidate},
		{"import-ota", "DIR|FILE... [--write]", "turn Open Terms Archive declarations into vendors.yaml entries", runImportOTA},
		{"backup", "FILE", "write a consistent copy of the database to FILE", runBackup},
		{"demo", "[--addr HOST:PORT]", "an offline showcase: sample vendors, a history with clause changes, the web UI", runDemo},
		{"bench", benchUsage, "benchmark the pipeline on a loopback farm of vendor sites", runBench},
		{"version", "", "print the version and the commit it was built from", runVersion},
	}
}

// Run runs the command line args and returns the exit status.
func Run(ctx context.Context, args []string, env Env) int {
	a := &app{env: env}
	err := a.dispatch(ctx, args)
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFailed):
		return exitFailed
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	}
	fmt.Fprintf(env.Stderr, "toswatch: %v\n", err)
	var ue usageError
	var ce *config.Errors
	if errors.As(err, &ue) || errors.As(err, &ce) {
		return exitUsage
	}
	return exitTrouble
}

// app holds what every command shares: the global flags and the outside world.
type app struct {
	env        Env
	configPath string
	dbPath     string
	logLevel   string
	log        *slog.Logger
	// given holds the flags set on the command line, before the command
	// name or after it.
	given map[string]bool
}

// note records the flags fs found on the command line.
func (a *app) note(fs *flag.FlagSet) {
	if a.given == nil {
		a.given = map[string]bool{}
	}
	fs.Visit(func(f *flag.Flag) { a.given[f.Name] = true })
}

func (a *app) dispatch(ctx context.Context, args []string) error {
	// Global flags may also come before the command name.
	pre := a.flags("toswatch")
	pre.Usage = func() { a.usage(a.env.Stdout) } // -h, --help
	showVersion := pre.Bool("version", false, "print the version and exit")
	if err := pre.Parse(args); err != nil {
		return a.flagError(err)
	}
	a.note(pre)
	args = pre.Args()
	if *showVersion {
		a.printVersion()
		return nil
	}
	if len(args) == 0 || args[0] == "help" {
		a.usage(a.env.Stdout)
		if len(args) == 0 {
			return usagef("no command given")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, a, args[1:])
		}
	}
	names := make([]string, 0)
	for _, c := range commands() {
		names = append(names, c.name)
	}
	sort.Strings(names)
	return usagef("unknown command %q (commands: %s; see toswatch help)", args[0], strings.Join(names, ", "))
}

func (a *app) usage(w io.Writer) {
	fmt.Fprintf(w, "toswatch tracks the terms of service of the vendors listed in vendors.yaml.\n\nUsage: toswatch COMMAND [ARGS] [FLAGS]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nFlags on every command:\n"+
		"  --config FILE     vendors.yaml to use (default ./vendors.yaml, env TOSWATCH_CONFIG)\n"+
		"  --db FILE         SQLite database (default ./toswatch.db, env TOSWATCH_DB)\n"+
		"  --log-level LEVEL debug, info, warn or error (default warn; info for run)\n"+
		"  --version         print the version and the commit it was built from\n"+
		"\nRun toswatch COMMAND --help for a command's arguments and flags.\n")
}

// flags returns a flag set with the global flags on it.
func (a *app) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(a.env.Stderr)
	if a.configPath == "" {
		a.configPath = firstNonEmpty(a.env.Getenv("TOSWATCH_CONFIG"), "vendors.yaml")
	}
	if a.dbPath == "" {
		a.dbPath = firstNonEmpty(a.env.Getenv("TOSWATCH_DB"), "toswatch.db")
	}
	fs.StringVar(&a.configPath, "config", a.configPath, "vendors.yaml to use (env TOSWATCH_CONFIG)")
	fs.StringVar(&a.dbPath, "db", a.dbPath, "SQLite database (env TOSWATCH_DB)")
	fs.StringVar(&a.logLevel, "log-level", a.logLevel, "log level: debug, info, warn, error")
	return fs
}

func (a *app) flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	return usageError{err}
}

// parse parses flags that may come before or after the positional
// arguments (the flag package stops at the first positional one) and
// checks the number of positional arguments.
func (a *app) parse(fs *flag.FlagSet, args []string, min, max int, usage string) ([]string, error) {
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: toswatch %s %s\n\nFlags:\n", fs.Name(), usage)
		fs.PrintDefaults()
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, a.flagError(err)
		}
		a.note(fs)
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...) // everything after "--" is positional
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if len(pos) < min || (max >= 0 && len(pos) > max) {
		return nil, usagef("usage: toswatch %s %s", fs.Name(), usage)
	}
	if err := a.setupLog(); err != nil {
		return nil, err
	}
	return pos, nil
}

func (a *app) setupLog() error {
	level := slog.LevelWarn
	if a.logLevel != "" {
		if err := level.UnmarshalText([]byte(a.logLevel)); err != nil {
			return usagef("invalid --log-level %q: want debug, info, warn or error", a.logLevel)
		}
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler
	if isTerminal(a.env.Stderr) {
		h = slog.NewTextHandler(a.env.Stderr, opts)
	} else {
		h = slog.NewJSONHandler(a.env.Stderr, opts)
	}
	a.log = slog.New(h)
	return nil
}

func (a *app) loadConfig() (*config.Config, error) {
	cfg, err := config.Load(a.configPath)
	if errors.Is(err, fs.ErrNotExist) {
		// A missing vendors.yaml is the user's to fix (create it or pass
		// --config): a configuration error, not an internal one.
		return nil, usageError{err}
	}
	return cfg, err
}

func (a *app) openStore(ctx context.Context) (*store.Store, error) {
	st, err := store.Open(ctx, a.dbPath)
	if err == nil {
		st.Log = a.log
	}
	return st, err
}

// openExisting opens the database for a read command, without creating one.
func (a *app) openExisting(ctx context.Context) (*store.Store, error) {
	if _, err := os.Stat(store.File(a.dbPath)); err != nil {
		return nil, usagef("database %s does not exist yet: run toswatch check first (or pass --db)", a.dbPath)
	}
	return a.openStore(ctx)
}

// printJSON prints v as indented JSON.
func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// parseDuration accepts Go durations plus days ("7d").
func parseDuration(s string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		var days int
		// Past maxDays a time.Duration wraps around (to a window that
		// would silently leave changes out).
		const maxDays = int(math.MaxInt64 / int64(24*time.Hour))
		if _, err := fmt.Sscanf(n, "%d", &days); err == nil && fmt.Sprint(days) == n && days >= 0 && days <= maxDays {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, usagef("invalid duration %q (use e.g. 24h, 90m or 7d)", s)
	}
	return d, nil
}
