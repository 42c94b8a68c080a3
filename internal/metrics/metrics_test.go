package metrics

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestMetricsExposition(t *testing.T) {
	m := New()
	at := time.Unix(1780000000, 0)
	m.Check("Acme", "Terms", "new", "first", 40*time.Millisecond, at)
	m.Check("Acme", "Terms", "unchanged", "", 20*time.Millisecond, at.Add(time.Hour))
	m.Check("Beta", "DPA", "failed", "", time.Second, at)
	m.NotifyFailed("webhook:HOOK_URL")
	m.NotifyFailed("webhook:HOOK_URL")
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	for _, want := range []string{
		`toswatch_checks_total{outcome="new"} 1`,
		`toswatch_checks_total{outcome="failed"} 1`,
		`toswatch_versions_recorded_total{kind="first"} 1`,
		`toswatch_check_duration_seconds_count 3`,
		`toswatch_last_success_timestamp_seconds{document="Terms",vendor="Acme"} 1.7800036e+09`,
		`toswatch_document_failing{document="DPA",vendor="Beta"} 1`,
		`toswatch_notify_failures_total{target="webhook:HOOK_URL"} 2`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(body, `toswatch_last_success_timestamp_seconds{document="DPA"`) {
		t.Error("a failed check set the last success time")
	}
}
