package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/digest"
	"github.com/toswatch/toswatch/internal/schedule"
	"github.com/toswatch/toswatch/internal/store"
)

func runDigest(ctx context.Context, a *app, args []string) error {
	fs := a.flags("digest")
	since := fs.String("since", "24h", "include changes recorded within this `DURATION`")
	send := fs.Bool("send", false, "send the digest by e-mail (settings.digest) instead of printing it")
	var to stringList
	fs.Var(&to, "to", "send to this `ADDR` instead of settings.digest.to (repeatable)")
	if _, err := a.parse(fs, args, 0, 0, "[--since 24h] [--send] [--to ADDR]"); err != nil {
		return err
	}
	window, err := parseDuration(*since)
	if err != nil {
		return err
	}
	cfg, err := a.loadConfig()
	if err != nil {
		return err
	}
	opts, err := digest.OptionsFromConfig(cfg.Settings)
	if err != nil {
		return usageError{err}
	}
	opts.Since = window
	st, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	if !*send {
		d, err := digest.Build(ctx, st, opts)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.env.Stdout, "Subject: %s\n\n%s", d.Subject, d.Text)
		return nil
	}
	recipients := cfg.Settings.Digest.To
	if len(to) > 0 {
		recipients = to
	}
	mailer, err := digest.MailerFromConfig(cfg.Settings.Digest, a.env.Getenv)
	if err != nil {
		return usageError{err}
	}
	mailer.Log = a.log
	// An explicit --send sends even an empty digest: the operator asked for it.
	d, _, err := digest.Deliver(ctx, st, opts, mailer, recipients, true)
	switch {
	case errors.Is(err, digest.ErrNoRecipients):
		return usagef("%w: set settings.digest.to or pass --to ADDR", err)
	case errors.Is(err, digest.ErrAddress):
		return usageError{err} // a --to that is no address: those of vendors.yaml were checked when it loaded
	case err != nil:
		return err
	}
	fmt.Fprintf(a.env.Stdout, "sent %q to %d recipient(s)\n", d.Subject, len(recipients))
	return nil
}

// digestJob is the daily digest of `toswatch run`, when settings.digest has
// recipients. A failed send is retried by the mailer and logged; it never
// stops tracking.
func digestJob(cfg *config.Config, st *store.Store, a *app) (*schedule.Job, error) {
	dc := cfg.Settings.Digest
	if len(dc.To) == 0 {
		return nil, nil
	}
	opts, err := digest.OptionsFromConfig(cfg.Settings)
	if err != nil {
		return nil, usageError{err}
	}
	mailer, err := digest.MailerFromConfig(dc, a.env.Getenv)
	if err != nil {
		return nil, usageError{err}
	}
	mailer.Log = a.log
	at := dc.At
	if at == "" {
		at = "08:00"
	}
	return &schedule.Job{Name: "daily digest", At: at, Location: opts.Location, Run: func(ctx context.Context) {
		d, sent, err := digest.Deliver(ctx, st, opts, mailer, dc.To, dc.SendEmpty)
		switch {
		case err != nil:
			a.log.Error("digest not sent", "error", err)
		case sent:
			a.log.Info("digest sent", "subject", d.Subject, "recipients", len(dc.To))
		default:
			a.log.Info("digest empty: nothing sent")
		}
	}}, nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return fmt.Sprint(*s) }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
