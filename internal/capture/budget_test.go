package capture

import (
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/fetch"
)

func TestBudgetFor(t *testing.T) {
	o := fetch.Options{Timeout: 30 * time.Second, Retries: 2, HostDelay: time.Second, RetryBase: time.Second, MaxRetryAfter: time.Minute}
	// 3 × (30 s + 1 s) + (1 s + 2 s) + 60 s + 30 s = 186 s, twice, plus 5 s.
	if got, want := BudgetFor(o, 5*time.Second, 30*time.Second), 377*time.Second; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
