package digest

import (
	"context"
	"fmt"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/store"
)

// OptionsFromConfig returns the Options of the daily digest described by
// the settings: a 24-hour window, links to the web interface, the fetch
// failure threshold and the digest's time zone (local time when unset).
func OptionsFromConfig(s config.Settings) (Options, error) {
	loc := time.Local
	if s.Digest.Timezone != "" {
		var err error
		if loc, err = time.LoadLocation(s.Digest.Timezone); err != nil {
			return Options{}, fmt.Errorf("digest timezone: %w", err)
		}
	}
	return Options{
		Since:            DefaultSince,
		BaseURL:          s.Web.BaseURL,
		FailureThreshold: s.Fetch.FailureThreshold,
		Location:         loc,
	}, nil
}

// Deliver builds the digest and sends it to to, unless it is empty and
// sendEmpty is false. It returns the digest and whether it was sent.
func Deliver(ctx context.Context, st *store.Store, opts Options, m *Mailer, to []string, sendEmpty bool) (*Digest, bool, error) {
	d, err := Build(ctx, st, opts)
	if err != nil {
		return nil, false, err
	}
	if !d.ShouldSend(sendEmpty) {
		return d, false, nil
	}
	if err := m.Send(ctx, d, to); err != nil {
		return d, false, err
	}
	return d, true, nil
}
