package digest

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/toswatch/toswatch/internal/config"
)

// Defaults of a Mailer built by MailerFromConfig.
const (
	DefaultTimeout    = 30 * time.Second
	DefaultRetries    = 3
	DefaultRetryDelay = 30 * time.Second
)

// Errors of MailerFromConfig and Send.
var (
	ErrNoSMTP       = errors.New("no SMTP server configured (digest.smtp.host)")
	ErrNoPassword   = errors.New("SMTP password environment variable is not set")
	ErrNoRecipients = errors.New("no digest recipients")
	ErrAddress      = errors.New("invalid e-mail address")
)

// Mailer sends digests through one SMTP server.
//
// Password is secret: it is never logged, printed or put in an error, and
// the Mailer formats and logs without it.
type Mailer struct {
	Host     string
	Port     int
	Username string
	Password string
	TLS      string // config.TLSStartTLS, config.TLSImplicit or config.TLSNone
	From     string

	Timeout    time.Duration // one attempt's connection and session; 0: DefaultTimeout
	Retries    int           // further attempts after a failed one
	RetryDelay time.Duration // before the first retry, doubled before each next one
	Log        *slog.Logger  // nil: slog.Default()
}

// MailerFromConfig builds a Mailer from the digest settings, reading the
// password from the environment variable the settings name, through
// getenv (os.Getenv outside tests).
func MailerFromConfig(c config.Digest, getenv func(string) string) (*Mailer, error) {
	s := c.SMTP
	if s.Host == "" {
		return nil, ErrNoSMTP
	}
	m := &Mailer{
		Host: s.Host, Port: s.Port, Username: s.Username, TLS: s.TLS, From: c.From,
		Timeout: DefaultTimeout, Retries: DefaultRetries, RetryDelay: DefaultRetryDelay,
	}
	if m.TLS == "" {
		m.TLS = config.TLSStartTLS
	}
	if m.Port == 0 {
		m.Port = map[string]int{config.TLSStartTLS: 587, config.TLSImplicit: 465, config.TLSNone: 25}[m.TLS]
	}
	if s.PasswordEnv != "" {
		m.Password = getenv(s.PasswordEnv)
		if m.Password == "" {
			// The variable's name helps; its value would never be here.
			return nil, fmt.Errorf("%w: %s", ErrNoPassword, s.PasswordEnv)
		}
	}
	if err := m.validate(); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *Mailer) validate() error {
	switch m.TLS {
	case config.TLSStartTLS, config.TLSImplicit, config.TLSNone:
	default:
		return fmt.Errorf("smtp: unknown tls mode %q (want starttls, tls or none)", m.TLS)
	}
	if m.Host == "" {
		return ErrNoSMTP
	}
	if m.Port <= 0 || m.Port > 65535 {
		return fmt.Errorf("smtp: port %d is not a TCP port", m.Port)
	}
	if _, err := parseAddress(m.From); err != nil {
		return fmt.Errorf("digest from: %w", err)
	}
	return nil
}

// String describes the Mailer without its password, so that printing one
// by mistake leaks nothing.
func (m *Mailer) String() string {
	return fmt.Sprintf("smtp://%s@%s:%d (tls %s)", m.Username, m.Host, m.Port, m.TLS)
}

// LogValue logs the Mailer without its password.
func (m *Mailer) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", m.Host), slog.Int("port", m.Port),
		slog.String("username", m.Username), slog.String("tls", m.TLS))
}

// Send delivers d to every address in to, as one message. A failed attempt
// is logged and retried after RetryDelay, doubled each time, until Retries
// are used up or ctx is done.
func (m *Mailer) Send(ctx context.Context, d *Digest, to []string) error {
	if len(to) == 0 {
		return ErrNoRecipients
	}
	if err := m.validate(); err != nil {
		return err
	}
	msg, err := m.message(d, to)
	if err != nil {
		return err
	}
	client, err := m.client()
	if err != nil {
		return m.redact(fmt.Errorf("smtp client: %w", err))
	}
	log := m.Log
	if log == nil {
		log = slog.Default()
	}
	attempts := m.Retries + 1
	if attempts < 1 {
		attempts = 1
	}
	delay := m.RetryDelay
	for i := 1; ; i++ {
		err = m.redact(client.DialAndSendWithContext(ctx, msg))
		if err == nil {
			log.Info("digest sent", slog.String("subject", d.Subject), slog.Int("recipients", len(to)),
				slog.String("server", m.addr()), slog.Int("attempt", i))
			return nil
		}
		log.Warn("digest send failed", slog.String("server", m.addr()), slog.Int("attempt", i),
			slog.Int("attempts", attempts), slog.Any("error", err))
		if i >= attempts {
			return fmt.Errorf("send digest via %s: %d attempts failed: %w", m.addr(), i, err)
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("send digest via %s: %w (last error: %w)", m.addr(), ctx.Err(), err)
		case <-t.C:
		}
		delay *= 2
	}
}

func (m *Mailer) addr() string { return fmt.Sprintf("%s:%d", m.Host, m.Port) }

func (m *Mailer) message(d *Digest, to []string) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	from, err := parseAddress(m.From)
	if err != nil {
		return nil, fmt.Errorf("digest from: %w", err)
	}
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("digest from: %w", err)
	}
	rcpts := make([]string, len(to))
	for i, a := range to {
		if rcpts[i], err = parseAddress(a); err != nil {
			return nil, fmt.Errorf("digest to: %w", err)
		}
	}
	if err := msg.To(rcpts...); err != nil {
		return nil, fmt.Errorf("digest to: %w", err)
	}
	msg.Subject(oneLine(d.Subject))
	msg.SetDate()
	msg.SetMessageID()
	msg.SetUserAgent("toswatch")
	// Ask vacation responders and the like to stay quiet (RFC 3834).
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	msg.SetBodyString(gomail.TypeTextPlain, d.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, d.HTML)
	return msg, nil
}

// parseAddress checks an address from the configuration or the command
// line and returns it in a form that cannot inject a header.
func parseAddress(s string) (string, error) {
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "", fmt.Errorf("%w %q: control character", ErrAddress, s)
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", fmt.Errorf("%w %q", ErrAddress, s)
	}
	return a.String(), nil
}

func (m *Mailer) client() (*gomail.Client, error) {
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	opts := []gomail.Option{gomail.WithPort(m.Port), gomail.WithTimeout(timeout)}
	switch m.TLS {
	case config.TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case config.TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case config.TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if m.Username != "" {
		opts = append(opts, gomail.WithUsername(m.Username), gomail.WithPassword(m.Password))
		if m.TLS == config.TLSNone {
			// The user chose a plain connection (a relay on localhost or
			// through a tunnel): prefer the mechanisms that do not send
			// the password in clear, but accept the others.
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthSCRAMSHA1,
				gomail.SMTPAuthCramMD5, gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc))
		} else {
			opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover))
		}
	}
	return gomail.NewClient(m.Host, opts...)
}

// redact keeps the password out of an error's text, in clear and in the
// base64 forms SMTP AUTH puts on the wire, in case a server echoes it.
func (m *Mailer) redact(err error) error {
	if err == nil || m.Password == "" {
		return err
	}
	return &redactedError{err: err, secrets: m.secrets()}
}

func (m *Mailer) secrets() []string {
	enc := base64.StdEncoding.EncodeToString
	return []string{
		enc([]byte("\x00" + m.Username + "\x00" + m.Password)), // AUTH PLAIN
		enc([]byte(m.Password)),                                // AUTH LOGIN
		m.Password,
	}
}

type redactedError struct {
	err     error
	secrets []string
}

func (e *redactedError) Error() string {
	s := e.err.Error()
	for _, sec := range e.secrets {
		s = strings.ReplaceAll(s, sec, "[redacted]")
	}
	return s
}

// Unwrap keeps errors.Is working (a refused connection, a deadline); the
// wrapped error is not for printing.
func (e *redactedError) Unwrap() error { return e.err }
