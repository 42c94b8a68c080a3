package cli

import (
	"context"
	"errors"

	"github.com/toswatch/toswatch/internal/bench"
)

func runBench(ctx context.Context, a *app, args []string) error {
	fs := a.flags("bench")
	docs := fs.Int("docs", 2000, "documents in the loopback vendor farm")
	hosts := fs.Int("hosts", 100, "hosts they are spread over (127.0.0.1 … 127.0.0.N)")
	rounds := fs.Int("rounds", 30, "churn rounds of the history phase (0: none)")
	workers := fs.Int("workers", 0, "concurrent checks (default 2 × CPUs)")
	seed := fs.Int64("seed", 1, "seed of the generated pages and changes")
	if _, err := a.parse(fs, args, 0, 0, "[--docs 2000] [--hosts 100] [--rounds 30] [--workers N] [--db FILE]"); err != nil {
		return err
	}
	if *docs < 1 || *hosts < 1 || *hosts > 254 || *rounds < 0 {
		return usagef("invalid sizes: --docs ≥ 1, 1 ≤ --hosts ≤ 254, --rounds ≥ 0")
	}
	if *rounds == 0 {
		*rounds = -1 // bench.Options: negative means no history rounds
	}
	opts := bench.Options{Docs: *docs, Hosts: *hosts, Rounds: *rounds, Workers: *workers, Seed: *seed,
		Out: a.env.Stdout, Progress: a.env.Stderr}
	if dbSet(args) {
		opts.DB = a.dbPath
	}
	_, err := bench.Run(ctx, opts)
	if errors.Is(err, bench.ErrMismatch) {
		return errFailed
	}
	return err
}

// dbSet reports whether --db was given: the bench uses a temporary
// database unless told otherwise, never the default toswatch.db.
func dbSet(args []string) bool {
	for _, a := range args {
		if a == "--db" || a == "-db" || len(a) > 5 && (a[:5] == "--db=" || a[:4] == "-db=") {
			return true
		}
	}
	return false
}
