package capture

import "testing"

func TestNewNeedsAFetcher(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Error("New without a fetcher: no error")
	}
}
