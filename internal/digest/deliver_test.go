package digest

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/model"
)

func TestDeliverSkipsEmptyDays(t *testing.T) {
	s := newTestStore(t, fixtureNow)
	doc := s.doc("Acme", "Terms of Service")
	s.version(doc, fixtureNow.Add(-96*time.Hour), model.KindFirst, "one", nil)
	// Nothing listens on the port: any attempt to send fails.
	m := &Mailer{Host: "127.0.0.1", Port: freePort(t), TLS: config.TLSNone, From: "digest@toswatch.example",
		Retries: 0, Log: slog.New(slog.DiscardHandler)}
	to := []string{"legal@customer.example"}
	tests := []struct {
		name      string
		sendEmpty bool
		wantErr   bool
	}{
		{"empty day, send_empty off: nothing sent", false, false},
		{"empty day, send_empty on: sent (and fails here)", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, sent, err := Deliver(context.Background(), s.st, fixtureOptions(), m, to, tt.sendEmpty)
			if (err != nil) != tt.wantErr || sent {
				t.Errorf("got sent %v, error %v; want an error: %v", sent, err, tt.wantErr)
			}
			if d == nil || !d.Empty {
				t.Errorf("digest = %+v, want an empty one", d)
			}
		})
	}
}

func TestOptionsFromConfig(t *testing.T) {
	s := config.Settings{
		Web:    config.Web{BaseURL: "https://toswatch.example"},
		Fetch:  config.Fetch{FailureThreshold: 5},
		Digest: config.Digest{Timezone: "UTC"},
	}
	o, err := OptionsFromConfig(s)
	if err != nil {
		t.Fatal(err)
	}
	if o.BaseURL != s.Web.BaseURL || o.FailureThreshold != 5 || o.Location != time.UTC || o.Since != DefaultSince {
		t.Errorf("got %+v", o)
	}
	s.Digest.Timezone = "Nowhere/Atlantis"
	if _, err := OptionsFromConfig(s); err == nil {
		t.Errorf("unknown time zone accepted")
	}
}
