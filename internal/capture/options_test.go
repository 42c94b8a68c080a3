package capture

import (
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/fetch"
)

func TestFetchOptions(t *testing.T) {
	off, err := config.Parse("vendors.yaml", []byte("settings:\n  fetch:\n    retries: 0\n    host_delay: 0s\nvendors:\n  - name: A\n    documents:\n      - type: T\n        url: https://a.example/t\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		settings  config.Settings
		retries   int
		hostDelay time.Duration
	}{
		{"defaults", config.Defaults(), config.DefaultRetries, config.DefaultHostDelay},
		{"turned off in the file", off.Settings, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := fetch.New(FetchOptions(tt.settings))
			if err != nil {
				t.Fatal(err)
			}
			o := c.Options()
			if o.Retries != tt.retries || o.HostDelay != tt.hostDelay {
				t.Errorf("retries %d, host delay %s; want %d, %s", o.Retries, o.HostDelay, tt.retries, tt.hostDelay)
			}
			if o.UserAgent != config.DefaultUserAgent || o.Timeout != config.DefaultTimeout {
				t.Errorf("user agent %q, timeout %s; want the configuration's", o.UserAgent, o.Timeout)
			}
		})
	}
}
