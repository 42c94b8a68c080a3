package capture

import (
	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/fetch"
)

// FetchOptions are the fetcher's options for the settings of vendors.yaml,
// or for config.Defaults(): the one mapping from the configuration to the
// fetcher. Both say "off" the same way (a zero HostDelay or Retries), so
// every value passes as it is.
func FetchOptions(s config.Settings) fetch.Options {
	f := s.Fetch
	return fetch.Options{
		UserAgent:             s.UserAgent,
		DialTimeout:           f.DialTimeout,
		Timeout:               f.Timeout,
		MaxBodyBytes:          f.MaxBody,
		PerHost:               f.PerHost,
		HostDelay:             f.HostDelay,
		Concurrency:           f.Concurrency,
		Retries:               f.Retries,
		RetryBase:             f.RetryBase,
		MaxRetryAfter:         f.MaxRetryAfter,
		AllowPrivateRedirects: f.AllowPrivateRedirects,
	}
}
