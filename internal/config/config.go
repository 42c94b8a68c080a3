// Package config loads and validates vendors.yaml: the vendors and terms
// documents toswatch tracks, and the settings of every other part (fetch
// limits, browser, web server, e-mail digest). It is loaded once and the
// typed structs are passed to constructors.
//
// # Why a hand-written decoder
//
// goccy/go-yaml parses the file into an AST; this package walks that AST
// itself (decode.go, scalars.go, and one file per section) instead of
// letting the library unmarshal into structs and validating afterwards.
// That was measured against the 30 cases of TestParseErrors (87 expected
// messages), decoding them with yaml.UnmarshalWithOptions and
// DisallowUnknownField into structs mirroring this schema (string-or-list
// fields with custom unmarshalers):
//
//   - in the 10 cases with a problem of structure or type (unknown keys,
//     wrong types, bad durations, a top-level list, invalid YAML), which
//     should give 29 messages, the library stops at the first and gives 10,
//     none of them identical to ours (the two syntax errors come from the
//     same parser and lack only the "invalid YAML:" prefix; the other eight
//     say less): no did-you-mean on unknown keys
//     (`unknown field "timout"`), Go type names in type errors ("cannot
//     unmarshal []interface {} into Go struct field gFile.Settings of type
//     time.Duration"), no position at all for a bad duration ("time: unknown
//     unit"), another column for an aliased value (2:18 for 2:15);
//   - the 20 other cases (58 messages: URLs, selectors, duplicates, missing
//     fields, enums, addresses, secrets) decode, and their messages would
//     come from a validation pass, which needs each field's node for its
//     line and column: a walk of the same AST by path, that is the walk this
//     package does while it decodes.
//
// So a user with three mistakes would fix them one run at a time, and read
// Go's vocabulary in the first; the hand-written walk reports every problem
// at once, at its node, in the words of this file's schema. It stays.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

// Defaults applied by Load where the file leaves a setting out (or sets a
// limit that cannot be off to zero). They are the only definition of each:
// the fetcher, the browser wiring, the web UI and the digest get their
// values from the loaded Settings (or Defaults), never from defaults of
// their own.
const (
	DefaultSchedule  = 6 * time.Hour
	DefaultUserAgent = "toswatch/1.0 (+https://github.com/toswatch/toswatch)"
	DefaultWebAddr   = "127.0.0.1:8080"
	DefaultTabs      = 2

	DefaultTimeout          = 30 * time.Second
	DefaultDialTimeout      = 10 * time.Second
	DefaultMaxBody          = 10 << 20
	DefaultPerHost          = 2
	DefaultHostDelay        = time.Second
	DefaultConcurrency      = 8
	DefaultRetries          = 2
	DefaultRetryBase        = time.Second
	DefaultMaxRetryAfter    = 60 * time.Second
	DefaultConfirmDelay     = 5 * time.Second
	DefaultConfirmChecks    = 2
	DefaultFailureThreshold = 3
)

// Render modes of a document.
const (
	RenderAuto    = "auto"
	RenderHTTP    = "http"
	RenderBrowser = "browser"
)

// SMTP TLS modes.
const (
	TLSStartTLS = "starttls"
	TLSImplicit = "tls"
	TLSNone     = "none"
)

// Config is a loaded, valid vendors.yaml.
//
// Each Document has Vendor filled in, Render set ("auto" by default) and
// Select/Remove as lists. When a document has parts, Combine lists all of
// them in order (a top-level url becomes the first part), URL is the first
// part's URL, and a part without its own select/remove uses the
// document's.
type Config struct {
	Path     string
	Settings Settings
	Vendors  []model.Vendor
}

// Settings are the program-wide settings of vendors.yaml.
type Settings struct {
	Schedule  time.Duration // how often each document is checked
	UserAgent string
	Fetch     Fetch
	Browser   Browser
	Web       Web
	Digest    Digest
	Notify    []NotifyTarget
	// Ignore are RE2 patterns removed from every document's text, line by
	// line, before it is stored and compared; a loaded Config has them in
	// each document's Ignore already, before the document's own.
	Ignore []string
}

// Fetch holds the politeness and size limits of the fetcher and of a check.
// In a loaded Config every field holds the value in force: Retries,
// HostDelay, ConfirmDelay and ConfirmChecks are zero only when the file turns them off
// (`retries: 0`: none), and the fetcher takes them as they are
// (capture.FetchOptions).
type Fetch struct {
	Timeout               time.Duration // whole request
	DialTimeout           time.Duration
	MaxBody               int64 // bytes
	PerHost               int   // requests in flight per host
	Concurrency           int   // requests in flight overall
	Retries               int
	HostDelay             time.Duration // pause between requests to one host
	RetryBase             time.Duration // first backoff, doubled on each retry
	MaxRetryAfter         time.Duration // longest Retry-After honoured
	ConfirmDelay          time.Duration // wait before re-fetching to confirm a drastic change
	ConfirmChecks         int           // checks after the first that must see a drastic change again before it is recorded (0: none)
	AllowPrivateRedirects bool
	FailureThreshold      int // consecutive failures before a document is reported failing
}

// Browser configures the headless browser used for pages that need
// JavaScript.
type Browser struct {
	Path string // empty: look for one
	Tabs int
}

// Web configures the web interface.
type Web struct {
	Addr     string
	BaseURL  string // public URL, for links in feeds and mail
	TokenEnv string // environment variable holding the access token
	// RequireTokenForReads makes pages, feeds, downloads and /metrics need
	// the token too (by default only reviews do).
	RequireTokenForReads bool
}

// PublicURL is the address people open the web UI at, for links in
// notifications and feeds: BaseURL, else the listen address.
func (w Web) PublicURL() string {
	if w.BaseURL != "" {
		return w.BaseURL
	}
	return "http://" + w.Addr
}

// Digest configures the e-mail digest of changes.
type Digest struct {
	To        []string
	From      string
	At        string // "HH:MM"
	Timezone  string // IANA name; empty: local time
	SendEmpty bool
	SMTP      SMTP
}

// SMTP is the mail server of the digest. The password is never in the
// file: PasswordEnv names the environment variable holding it.
type SMTP struct {
	Host        string
	Port        int
	Username    string
	PasswordEnv string
	TLS         string // TLSStartTLS, TLSImplicit or TLSNone
}

// WithDefaults returns f with every zero limit set to its default. The
// settings that can be off (Retries, HostDelay, ConfirmDelay, ConfirmChecks) are left as
// they are: Defaults has theirs.
func (f Fetch) WithDefaults() Fetch {
	setDur := func(p *time.Duration, def time.Duration) {
		if *p == 0 {
			*p = def
		}
	}
	setInt := func(p *int, def int) {
		if *p == 0 {
			*p = def
		}
	}
	setDur(&f.Timeout, DefaultTimeout)
	setDur(&f.DialTimeout, DefaultDialTimeout)
	if f.MaxBody == 0 {
		f.MaxBody = DefaultMaxBody
	}
	setInt(&f.PerHost, DefaultPerHost)
	setInt(&f.Concurrency, DefaultConcurrency)
	setDur(&f.RetryBase, DefaultRetryBase)
	setDur(&f.MaxRetryAfter, DefaultMaxRetryAfter)
	setInt(&f.FailureThreshold, DefaultFailureThreshold)
	return f
}

// switchableDefaults is a Fetch with the defaults of the settings whose zero
// value means "off", set before the file is read.
func switchableDefaults() Fetch {
	return Fetch{Retries: DefaultRetries, HostDelay: DefaultHostDelay, ConfirmDelay: DefaultConfirmDelay, ConfirmChecks: DefaultConfirmChecks}
}

// Defaults returns the settings of a vendors.yaml that sets none.
func Defaults() Settings {
	return Settings{Fetch: switchableDefaults()}.WithDefaults()
}

// WithDefaults returns s with every unset setting at its default.
func (s Settings) WithDefaults() Settings {
	if s.Schedule == 0 {
		s.Schedule = DefaultSchedule
	}
	if s.UserAgent == "" {
		s.UserAgent = DefaultUserAgent
	}
	s.Fetch = s.Fetch.WithDefaults()
	if s.Browser.Tabs == 0 {
		s.Browser.Tabs = DefaultTabs
	}
	if s.Web.Addr == "" {
		s.Web.Addr = DefaultWebAddr
	}
	if s.Digest.SMTP.Host != "" {
		if s.Digest.SMTP.TLS == "" {
			s.Digest.SMTP.TLS = TLSStartTLS
		}
		if s.Digest.SMTP.Port == 0 {
			s.Digest.SMTP.Port = map[string]int{TLSStartTLS: 587, TLSImplicit: 465, TLSNone: 25}[s.Digest.SMTP.TLS]
		}
	}
	return s
}

// Load reads and validates the vendors.yaml at path. Problems in the file
// come back together as an *Errors.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &notFoundError{path: path}
	}
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	defer f.Close()
	// One byte over the limit is enough for Parse to refuse the file.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse validates the contents of a vendors.yaml; path is used only in
// error messages and Config.Path.
func Parse(path string, data []byte) (*Config, error) {
	if err := prescan(path, data); err != nil {
		return nil, &Errors{List: []*Error{err}}
	}
	// A byte order mark (Windows editors write one) is no part of the
	// first key.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	d := newDecoder(path)
	c := d.decodeFile(data)
	if err := d.result(); err != nil {
		return nil, err
	}
	c.Path = path
	c.Settings = c.Settings.WithDefaults()
	if len(c.Settings.Ignore) > 0 {
		for i := range c.Vendors {
			for j := range c.Vendors[i].Documents {
				doc := &c.Vendors[i].Documents[j]
				doc.Ignore = append(slices.Clip(c.Settings.Ignore), doc.Ignore...)
			}
		}
	}
	return c, nil
}

// Documents returns the documents of the named vendors (matched
// case-insensitively), in file order, or of every vendor when names is
// empty. An unknown name is an error that lists the known vendors.
func (c *Config) Documents(names ...string) ([]model.Document, error) {
	want := map[string]bool{}
	for _, n := range names {
		want[strings.ToLower(strings.TrimSpace(n))] = true
	}
	found := map[string]bool{}
	var docs []model.Document
	for _, v := range c.Vendors {
		key := strings.ToLower(v.Name)
		if len(want) > 0 && !want[key] {
			continue
		}
		found[key] = true
		docs = append(docs, v.Documents...)
	}
	var missing []string
	for _, n := range names {
		key := strings.ToLower(strings.TrimSpace(n))
		if !found[key] {
			found[key] = true // report each unknown name once
			missing = append(missing, fmt.Sprintf("%q", n))
		}
	}
	if len(missing) > 0 {
		known := make([]string, len(c.Vendors))
		for i, v := range c.Vendors {
			known[i] = v.Name
		}
		return nil, fmt.Errorf("%w %s (known vendors: %s)", ErrUnknownVendor, strings.Join(missing, ", "), strings.Join(known, ", "))
	}
	return docs, nil
}
