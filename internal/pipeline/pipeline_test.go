package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/store"
)

func TestNew(t *testing.T) {
	if _, err := New(nil, Options{}); err == nil {
		t.Error("New without a configuration: no error")
	}
	cfg := &config.Config{Settings: config.Defaults()}
	p, err := New(cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Capture == nil || p.Tracker != nil {
		t.Errorf("without a store: capture %v, tracker %v; want a capturer only", p.Capture, p.Tracker)
	}
	p.Close()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err = New(cfg, Options{Store: st})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if p.Tracker == nil || p.Tracker.Store() != st {
		t.Errorf("with a store: tracker %v, want one recording into it", p.Tracker)
	}
	bad := &config.Config{Settings: config.Defaults()}
	bad.Settings.Fetch.ConfirmDelay = -1
	if _, err := New(bad, Options{Store: st}); err == nil {
		t.Error("a negative confirm delay: no error")
	}
}
