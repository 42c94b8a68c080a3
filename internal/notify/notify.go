// Package notify sends recorded changes where teams work: a signed JSON
// POST to webhooks, a message to Slack incoming webhooks. Changes reach it
// through the store's outbox (queued in the transaction that records
// them); a Notifier delivers what is due, retries failures with
// exponential backoff and gives up after a number of attempts. Failures
// are logged and counted, never fatal to a check.
package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/export"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
	"github.com/toswatch/toswatch/internal/store"
)

// SignatureHeader carries the HMAC-SHA256 of a webhook's body, keyed with
// the target's secret: "sha256=<hex>".
const SignatureHeader = "X-Toswatch-Signature"

// Defaults of a Notifier.
const (
	DefaultBackoff    = 30 * time.Second // the first retry's delay, doubled after each failure
	DefaultMaxBackoff = time.Hour
	DefaultAttempts   = 10 // then the notification is given up (about 3.5 hours with the defaults)
	DefaultTimeout    = 10 * time.Second
	// DefaultPoll is how often `run` looks for due notifications when
	// nothing wakes it (another process may have queued some).
	DefaultPoll = time.Minute
	// lease is how long a claimed notification is kept from other
	// deliverers (another process) while it is being sent.
	lease = 2 * time.Minute
	// batch bounds the notifications claimed at once.
	batch = 50
)

// Target is a configured target with its URL and secret, read from the
// environment.
type Target struct {
	config.NotifyTarget
	URL    string
	Secret []byte
}

// Resolve reads the targets' URLs and secrets from the environment. A
// variable that is unset or a URL that is not http(s) is a configuration
// error.
func Resolve(ts []config.NotifyTarget, getenv func(string) string) ([]Target, error) {
	var out []Target
	var errs []error
	for _, t := range ts {
		rt := Target{NotifyTarget: t, URL: strings.TrimSpace(getenv(t.URLEnv))}
		if rt.URL == "" {
			errs = append(errs, fmt.Errorf("notify target %s: environment variable %s is empty: set it to the %s URL", t.Name(), t.URLEnv, t.Type))
			continue
		}
		if u, err := url.Parse(rt.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("notify target %s: %s does not hold an http(s) URL", t.Name(), t.URLEnv))
			continue
		}
		if t.SecretEnv != "" {
			rt.Secret = []byte(getenv(t.SecretEnv))
			if len(rt.Secret) == 0 {
				errs = append(errs, fmt.Errorf("notify target %s: environment variable %s is empty: set it to the key webhook requests are signed with", t.Name(), t.SecretEnv))
				continue
			}
		}
		out = append(out, rt)
	}
	return out, errors.Join(errs...)
}

// Severity is the severity a change is notified with: its highest clause
// severity, else low.
func Severity(ccs []model.ClauseChange) string {
	sev := model.SeverityLow
	for _, cc := range ccs {
		if model.SeverityRank(cc.Severity) > model.SeverityRank(sev) {
			sev = cc.Severity
		}
	}
	return sev
}

// Wants returns the names of the targets that want a change of vendor's
// with these clause changes: its severity is at least the target's
// min_severity, and the target lists the vendor or no vendor at all.
func Wants(ts []config.NotifyTarget, vendor string, ccs []model.ClauseChange) []string {
	rank := model.SeverityRank(Severity(ccs))
	var out []string
	for _, t := range ts {
		if rank < model.SeverityRank(t.MinSeverity) {
			continue
		}
		if len(t.Vendors) > 0 && !containsFold(t.Vendors, vendor) {
			continue
		}
		out = append(out, t.Name())
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// Notifier delivers the outbox's notifications to the targets.
type Notifier struct {
	Store   *store.Store
	Targets []Target
	// BaseURL is the web UI's address, for the link to each change.
	BaseURL string
	Client  *http.Client // default: one with DefaultTimeout that follows no redirect
	// Backoff is the delay before the first retry, doubled after each
	// failure up to MaxBackoff; Attempts failures give a notification up.
	Backoff    time.Duration
	MaxBackoff time.Duration
	Attempts   int
	Log        *slog.Logger
	// Failed, when set, sees every failed attempt (metrics).
	Failed func(target string)
	Now    func() time.Time

	once    sync.Once
	wake    chan struct{}
	targets map[string]*Target
	names   []string
}

func (n *Notifier) init() {
	n.once.Do(func() {
		if n.Client == nil {
			n.Client = &http.Client{Timeout: DefaultTimeout, CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse // a redirected POST would lose its body: a failure
			}}
		}
		if n.Backoff <= 0 {
			n.Backoff = DefaultBackoff
		}
		if n.MaxBackoff <= 0 {
			n.MaxBackoff = DefaultMaxBackoff
		}
		if n.Attempts <= 0 {
			n.Attempts = DefaultAttempts
		}
		if n.Log == nil {
			n.Log = slog.New(slog.DiscardHandler)
		}
		if n.Now == nil {
			n.Now = func() time.Time { return time.Now().UTC() }
		}
		n.wake = make(chan struct{}, 1)
		n.targets = map[string]*Target{}
		for i := range n.Targets {
			t := &n.Targets[i]
			n.targets[t.Name()] = t
			n.names = append(n.names, t.Name())
		}
	})
}

// Wake tells Run that notifications were queued.
func (n *Notifier) Wake() {
	n.init()
	select {
	case n.wake <- struct{}{}:
	default:
	}
}

// Deliver sends every due notification once and records the outcome.
// It returns how many were sent and how many failed; err is a database
// error. When ctx ends mid-send, the notification stays queued (its claim
// lapses) and Deliver returns.
func (n *Notifier) Deliver(ctx context.Context) (sent, failed int, err error) {
	n.init()
	// An outcome is recorded even when ctx ends just after the POST: a
	// delivered notification must not be sent again.
	record := context.WithoutCancel(ctx)
	for ctx.Err() == nil {
		due, err := n.Store.ClaimNotifications(ctx, n.names, n.Now(), lease, batch)
		if ctx.Err() != nil {
			return sent, failed, nil
		}
		if err != nil || len(due) == 0 {
			return sent, failed, err
		}
		for _, d := range due {
			if err := n.deliver(ctx, d); err != nil {
				if ctx.Err() != nil {
					return sent, failed, nil
				}
				failed++
				if err := n.fail(record, d, err); err != nil {
					return sent, failed, err
				}
				continue
			}
			sent++
			if err := n.Store.NotificationDelivered(record, d.ID); err != nil {
				return sent, failed, err
			}
		}
	}
	return sent, failed, nil
}

func (n *Notifier) fail(ctx context.Context, d store.Notification, err error) error {
	attempt := d.Attempts + 1
	attrs := []any{slog.String("target", d.Target), slog.Int64("change", d.ChangeID), slog.Int("attempt", attempt), slog.Any("error", err)}
	if n.Failed != nil {
		n.Failed(d.Target)
	}
	if attempt >= n.Attempts {
		n.Log.Error("notification given up", attrs...)
		return n.Store.NotificationFailed(ctx, d.ID, err.Error(), nil)
	}
	next := n.Now().Add(n.backoff(attempt))
	n.Log.Warn("notification failed, will retry", append(attrs, slog.Time("next", next))...)
	return n.Store.NotificationFailed(ctx, d.ID, err.Error(), &next)
}

// backoff is the delay after the attempt-th failure.
func (n *Notifier) backoff(attempt int) time.Duration {
	d := n.Backoff
	for i := 1; i < attempt && d < n.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, n.MaxBackoff)
}

func (n *Notifier) deliver(ctx context.Context, d store.Notification) error {
	t := n.targets[d.Target]
	c, err := n.Store.Change(ctx, d.ChangeID)
	if err != nil {
		return fmt.Errorf("load change %d: %w", d.ChangeID, err)
	}
	link := present.ChangeURL(n.BaseURL, c.ID)
	var body []byte
	header := http.Header{"Content-Type": {"application/json"}}
	switch t.Type {
	case config.NotifySlack:
		body, err = json.Marshal(SlackMessage(c, link))
	default:
		body, err = WebhookBody(c, link)
		header.Set(SignatureHeader, Sign(t.Secret, body))
		header.Set("X-Toswatch-Delivery", fmt.Sprint(d.ID)) // the same on every retry: receivers can drop repeats
	}
	if err != nil {
		return err
	}
	return n.post(ctx, t, body, header)
}

func (n *Notifier) post(ctx context.Context, t *Target, body []byte, header http.Header) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: %w", t.Name(), err)
	}
	req.Header = header
	req.Header.Set("User-Agent", config.DefaultUserAgent)
	resp, err := n.Client.Do(req)
	if err != nil {
		// The URL may hold a secret token (Slack's do): say which target,
		// not where.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("POST to %s: %w", t.URLEnv, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("POST to %s: HTTP %d", t.URLEnv, resp.StatusCode)
	}
	return nil
}

// Run delivers notifications until ctx is cancelled: at once, whenever
// Wake is called, when the next retry is due, and every poll interval.
func (n *Notifier) Run(ctx context.Context, poll time.Duration) {
	n.init()
	if poll <= 0 {
		poll = DefaultPoll
	}
	for {
		if _, _, err := n.Deliver(ctx); err != nil && ctx.Err() == nil {
			n.Log.Error("delivering notifications", slog.Any("error", err))
		}
		wait := poll
		if next, ok, err := n.Store.NextNotification(ctx, n.names); err == nil && ok {
			wait = min(max(next.Sub(n.Now()), 0), poll)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-n.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// Drain delivers what is due and keeps retrying until nothing is pending
// or wait has passed; what is left stays queued for the next `run` or
// `check`. It reports how many notifications are still pending.
func (n *Notifier) Drain(ctx context.Context, wait time.Duration) (pending int, err error) {
	n.init()
	deadline := time.Now().Add(wait)
	dctx, cancel := context.WithDeadline(ctx, deadline)
	defer cancel()
	for {
		if _, _, err := n.Deliver(dctx); err != nil {
			return 0, err
		}
		next, ok, err := n.Store.NextNotification(ctx, n.names)
		if err != nil || !ok {
			return 0, err
		}
		delay := max(next.Sub(n.Now()), 0)
		if dctx.Err() != nil || delay >= time.Until(deadline) {
			return n.Store.PendingNotifications(ctx, n.names)
		}
		timer := time.NewTimer(delay)
		select {
		case <-dctx.Done():
		case <-timer.C:
		}
		timer.Stop()
	}
}

// Sign returns the signature header value of a body: "sha256=" and the
// hex HMAC-SHA256 of the body keyed with secret.
func Sign(secret, body []byte) string {
	m := hmac.New(sha256.New, secret)
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// WebhookBody is the JSON a webhook receives: the change as `changes
// --json` prints it, with the address of its page in "url".
func WebhookBody(c model.Change, link string) ([]byte, error) {
	out := export.FromChange(c)
	out.URL = link
	return json.Marshal(out)
}

// Slack is the message posted to a Slack incoming webhook.
type Slack struct {
	Text string `json:"text"`
}

// SlackMessage says a change in one line: severity, vendor and document,
// the headline, and a link to the change.
func SlackMessage(c model.Change, link string) Slack {
	sev := c.Severity // the change's own: low for a date-only change, whatever its clauses say
	if sev == "" {
		sev = Severity(c.ClauseChanges)
	}
	text := fmt.Sprintf("*%s* %s / %s: %s <%s|change %d>", strings.ToUpper(sev),
		slackEscape(c.Vendor), slackEscape(c.Document), slackEscape(present.Headline(c, diff.ChangedParagraphs(c))),
		slackEscape(link), c.ID)
	return Slack{Text: text}
}

// slackEscape escapes the three characters Slack's message format gives a
// meaning to, so that vendor text cannot make links or mentions.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
