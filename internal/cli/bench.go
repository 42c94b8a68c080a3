package cli

import (
	"context"
	"errors"

	"github.com/toswatch/toswatch/internal/bench"
	"github.com/toswatch/toswatch/internal/config"
)

const benchUsage = "[--docs 2000] [--hosts 100] [--rounds 30] [--dense] [--host-delay D] [--workers N] [--profile DIR] [--db FILE]"

func runBench(ctx context.Context, a *app, args []string) error {
	fs := a.flags("bench")
	docs := fs.Int("docs", 2000, "documents in the loopback vendor farm")
	hosts := fs.Int("hosts", 100, "hosts they are spread over (127.0.0.1 … 127.0.0.N)")
	rounds := fs.Int("rounds", 30, "churn rounds of the history phase (0: none)")
	dense := fs.Bool("dense", false, "pages dense with legal vocabulary (every sentence speaks of liability, damages, claims …)")
	hostDelay := fs.Duration("host-delay", config.DefaultHostDelay,
		"pause between request starts to one host (default: --config's host_delay when given, else the built-in default; 0: none, the raw speed)")
	workers := fs.Int("workers", 0, "concurrent checks (default: the settings' concurrency, as check)")
	profile := fs.String("profile", "", "write a CPU profile of each round to DIR/ROUND.cpu.pprof")
	seed := fs.Int64("seed", 1, "seed of the generated pages and changes")
	if _, err := a.parse(fs, args, 0, 0, benchUsage); err != nil {
		return err
	}
	if *docs < 1 || *hosts < 1 || *hosts > 254 || *rounds < 0 || *workers < 0 || *hostDelay < 0 {
		return usagef("invalid sizes: --docs ≥ 1, 1 ≤ --hosts ≤ 254, --rounds ≥ 0, --workers ≥ 0, --host-delay ≥ 0")
	}
	if *rounds == 0 {
		*rounds = -1 // bench.Options: negative means no history rounds
	}
	// The politeness and limits of a vendors.yaml: --config's when given
	// (its vendors are not used), else the defaults.
	settings := config.Defaults()
	if a.given["config"] {
		cfg, err := a.loadConfig()
		if err != nil {
			return err
		}
		settings = cfg.Settings
	}
	if a.given["host-delay"] || !a.given["config"] {
		settings.Fetch.HostDelay = *hostDelay
	}
	opts := bench.Options{Docs: *docs, Hosts: *hosts, Rounds: *rounds, Dense: *dense, Settings: &settings,
		Workers: *workers, Profile: *profile, Seed: *seed, Out: a.env.Stdout, Progress: a.env.Stderr}
	// The bench uses a temporary database unless told otherwise, never
	// the default toswatch.db.
	if a.given["db"] {
		opts.DB = a.dbPath
	}
	_, err := bench.Run(ctx, opts)
	if errors.Is(err, bench.ErrMismatch) {
		return errFailed
	}
	return err
}
