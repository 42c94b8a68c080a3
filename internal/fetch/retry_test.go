package fetch

import (
	"net/http"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	base := 100 * time.Millisecond
	for n := 1; n <= 4; n++ {
		full := base << (n - 1)
		for range 50 {
			if d := backoff(base, n); d < full/2 || d > full {
				t.Fatalf("backoff(%v, %d) = %v, want in [%v, %v]", base, n, d, full/2, full)
			}
		}
	}
	if d := backoff(time.Second, 80); d <= 0 {
		t.Errorf("backoff(1s, 80) = %v, want a positive wait despite overflow", d)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		header string
		want   time.Duration
		ok     bool
	}{
		{"", 0, false},
		{"120", 2 * time.Minute, true},
		{" 5 ", 5 * time.Second, true},
		{"0", 0, true},
		{"-3", 0, false},
		{"soon", 0, false},
		{"Sat, 01 Mar 2025 12:01:30 GMT", 90 * time.Second, true},
		{"Sat, 01 Mar 2025 11:00:00 GMT", 0, true}, // in the past: now
		{"Saturday, 01-Mar-25 12:00:10 GMT", 10 * time.Second, true},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.header != "" {
			h.Set("Retry-After", tt.header)
		}
		got, ok := retryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tt.header, got, ok, tt.want, tt.ok)
		}
	}
}
