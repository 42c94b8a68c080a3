package digest

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/config"
)

func testDigest() *Digest {
	return &Digest{Subject: "toswatch: 1 change (2026-11-30)", Text: "text", HTML: "<p>html</p>", Changes: 1}
}

func TestSendRefusedConnection(t *testing.T) {
	port := freePort(t) // closed again: connections are refused
	var logs lockedBuffer
	m := &Mailer{Host: "127.0.0.1", Port: port, Username: "toswatch", Password: testPassword, TLS: config.TLSNone,
		From: "digest@toswatch.example", Timeout: 5 * time.Second, Retries: 2, RetryDelay: 10 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	start := time.Now()
	err := m.Send(context.Background(), testDigest(), []string{"legal@customer.example"})
	if err == nil {
		t.Fatal("send to a closed port succeeded")
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("error %v does not wrap ECONNREFUSED", err)
	}
	if got, want := strings.Count(logs.String(), "digest send failed"), 3; got != want {
		t.Errorf("logged %d failed attempts, want %d (1 + 2 retries):\n%s", got, want, logs.String())
	}
	if !strings.Contains(err.Error(), "3 attempts failed") {
		t.Errorf("error %q does not say how many attempts failed", err)
	}
	// Backoff: 10ms, then 20ms.
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("3 attempts took %v, want at least the 30ms of backoff", d)
	}
	checkNoSecret(t, "error", err.Error())
	checkNoSecret(t, "logs", logs.String())
}

func TestSendStopsOnCancel(t *testing.T) {
	m := &Mailer{Host: "127.0.0.1", Port: freePort(t), TLS: config.TLSNone, From: "digest@toswatch.example",
		Retries: 5, RetryDelay: time.Hour, Log: slog.New(slog.DiscardHandler)}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := m.Send(ctx, testDigest(), []string{"legal@customer.example"})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("got %v, want a deadline error", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Send took %v after its context ended", d)
	}
}

// echoingServer is an SMTP server that rejects every login and quotes the
// credentials back in its reply, as a careless server might.
func echoingServer(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go serveEcho(c)
		}
	}()
	return l.Addr().(*net.TCPAddr).Port
}

func serveEcho(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(c)
	fmt.Fprint(c, "220 echo.test ESMTP\r\n")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		cmd := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		switch cmd {
		case "EHLO", "HELO":
			fmt.Fprint(c, "250-echo.test\r\n250 AUTH PLAIN LOGIN\r\n")
		case "AUTH":
			f := strings.Fields(line) // AUTH PLAIN <initial response>
			arg := f[len(f)-1]
			decoded, _ := base64.StdEncoding.DecodeString(arg)
			fmt.Fprintf(c, "535 5.7.8 bad credentials %s (%q)\r\n", arg, decoded)
		case "QUIT":
			fmt.Fprint(c, "221 bye\r\n")
			return
		default:
			fmt.Fprint(c, "250 ok\r\n")
		}
	}
}

func TestSendErrorRedactsPassword(t *testing.T) {
	port := echoingServer(t)
	var logs lockedBuffer
	m := &Mailer{Host: "127.0.0.1", Port: port, Username: "toswatch", Password: testPassword, TLS: config.TLSNone,
		From: "digest@toswatch.example", Timeout: 5 * time.Second, Retries: 1, RetryDelay: time.Millisecond,
		Log: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	err := m.Send(context.Background(), testDigest(), []string{"legal@customer.example"})
	if err == nil {
		t.Fatal("send with rejected credentials succeeded")
	}
	// The server did quote the credentials: the redaction is what hides them.
	if !strings.Contains(err.Error(), "bad credentials [redacted]") {
		t.Errorf("error %q does not show the server's (redacted) reply", err)
	}
	checkNoSecret(t, "error", err.Error())
	checkNoSecret(t, "error (%+v)", fmt.Sprintf("%+v", err))
	checkNoSecret(t, "logs", logs.String())
	checkNoSecret(t, "Mailer.String", fmt.Sprint(m))
}

func TestSendRejectsBadAddresses(t *testing.T) {
	port := echoingServer(t)
	m := &Mailer{Host: "127.0.0.1", Port: port, TLS: config.TLSNone, From: "digest@toswatch.example", Log: slog.New(slog.DiscardHandler)}
	tests := []struct {
		name string
		to   []string
		want error
	}{
		{"none", nil, ErrNoRecipients},
		{"header injection", []string{"a@example.com\r\nBcc: victim@example.com"}, ErrAddress},
		{"not an address", []string{"legal"}, ErrAddress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := m.Send(context.Background(), testDigest(), tt.to); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestMailerFromConfig(t *testing.T) {
	env := map[string]string{"SMTP_PW": testPassword}
	getenv := func(k string) string { return env[k] }
	base := config.Digest{From: "digest@toswatch.example", SMTP: config.SMTP{Host: "smtp.example", Username: "u", PasswordEnv: "SMTP_PW"}}
	tests := []struct {
		name     string
		edit     func(*config.Digest)
		wantErr  error
		wantPort int
		wantTLS  string
	}{
		{"defaults", func(*config.Digest) {}, nil, 587, config.TLSStartTLS},
		{"implicit tls", func(c *config.Digest) { c.SMTP.TLS = config.TLSImplicit }, nil, 465, config.TLSImplicit},
		{"none", func(c *config.Digest) { c.SMTP.TLS = config.TLSNone }, nil, 25, config.TLSNone},
		{"explicit port", func(c *config.Digest) { c.SMTP.Port = 2525 }, nil, 2525, config.TLSStartTLS},
		{"no host", func(c *config.Digest) { c.SMTP.Host = "" }, ErrNoSMTP, 0, ""},
		{"password unset", func(c *config.Digest) { c.SMTP.PasswordEnv = "MISSING" }, ErrNoPassword, 0, ""},
		{"bad from", func(c *config.Digest) { c.From = "digest" }, ErrAddress, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base
			tt.edit(&c)
			m, err := MailerFromConfig(c, getenv)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("got error %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				checkNoSecret(t, "error", err.Error())
				return
			}
			if m.Port != tt.wantPort || m.TLS != tt.wantTLS {
				t.Errorf("got port %d tls %s, want %d %s", m.Port, m.TLS, tt.wantPort, tt.wantTLS)
			}
			if m.Password != testPassword {
				t.Errorf("password not read from the environment")
			}
			checkNoSecret(t, "String", m.String())
		})
	}
}
