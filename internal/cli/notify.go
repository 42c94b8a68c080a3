package cli

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/notify"
	"github.com/toswatch/toswatch/internal/store"
)

// checkNotifyWait bounds how long `check` waits for its notifications to
// be delivered once every document is checked; what is left stays queued
// for `run` or the next `check`.
const checkNotifyWait = 10 * time.Second

// notifier returns the notifier of settings.notify, or nil when no target
// is configured. A target whose URL or secret is missing from the
// environment is a configuration error.
func (a *app) notifier(cfg *config.Config, st *store.Store) (*notify.Notifier, error) {
	if len(cfg.Settings.Notify) == 0 {
		return nil, nil
	}
	targets, err := notify.Resolve(cfg.Settings.Notify, a.env.Getenv)
	if err != nil {
		return nil, usageError{err}
	}
	return &notify.Notifier{Store: st, Targets: targets, BaseURL: cfg.Settings.Web.PublicURL(), Log: a.log}, nil
}

// drainNotifications delivers what `check` queued, waiting at most
// checkNotifyWait, and says what is left.
func (a *app) drainNotifications(ctx context.Context, n *notify.Notifier) {
	pending, err := n.Drain(ctx, checkNotifyWait)
	if err != nil {
		a.log.Error("delivering notifications", slog.Any("error", err))
		return
	}
	if pending > 0 {
		fmt.Fprintf(a.env.Stderr, "toswatch: %d %s not delivered yet (see toswatch status); toswatch run or the next check retries\n",
			pending, map[bool]string{true: "notification", false: "notifications"}[pending == 1])
	}
}
