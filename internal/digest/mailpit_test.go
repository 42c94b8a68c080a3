package digest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	gobuild "go/build"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/toswatch/toswatch/internal/config"
)

// findMailpit returns the mailpit binary, on PATH or where `go install`
// puts it.
func findMailpit() string {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	for _, dir := range filepath.SplitList(gobuild.Default.GOPATH) {
		p := filepath.Join(dir, "bin", "mailpit")
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// lockedBuffer collects a subprocess's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startMailpit runs mailpit on loopback ports, accepting any SMTP login
// over plain connections, and returns its SMTP port and API base URL.
func startMailpit(t *testing.T) (int, string) {
	t.Helper()
	bin := findMailpit()
	if bin == "" {
		t.Skip("mailpit not found on PATH or in $GOPATH/bin: install it with `go install github.com/axllent/mailpit@v1.33.1` to run this test")
	}
	smtpPort, httpPort := freePort(t), freePort(t)
	api := fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	out := &lockedBuffer{}
	cmd := exec.Command(bin,
		"--smtp", fmt.Sprintf("127.0.0.1:%d", smtpPort),
		"--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--tags-username",
		"--smtp-disable-rdns", "--disable-version-check")
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-exited
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-exited:
			t.Fatalf("mailpit exited early:\n%s", out)
		default:
		}
		resp, err := http.Get(api + "/api/v1/messages")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", smtpPort)); err == nil {
					c.Close()
					return smtpPort, api
				}
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not answer within 30s:\n%s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

const testPassword = "pa55-w0rd-SECRET-7f3a"

func TestSendThroughMailpit(t *testing.T) {
	smtpPort, api := startMailpit(t)
	f := newFixture(t)
	d := build(t, f.testStore, fixtureOptions())

	var logs lockedBuffer
	env := map[string]string{"TOSWATCH_SMTP_PASSWORD": testPassword}
	m, err := MailerFromConfig(config.Digest{
		From: "toswatch <digest@toswatch.example>",
		SMTP: config.SMTP{Host: "127.0.0.1", Port: smtpPort, Username: "toswatch", PasswordEnv: "TOSWATCH_SMTP_PASSWORD", TLS: config.TLSNone},
	}, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	m.Timeout, m.RetryDelay = 10*time.Second, 100*time.Millisecond
	m.Log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m.Log.Info("mailer ready", slog.Any("mailer", m))
	to := []string{"legal@customer.example", "Ops Team <ops@customer.example>"}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := m.Send(ctx, d, to); err != nil {
		t.Fatalf("send: %v\nlogs:\n%s", err, logs.String())
	}

	var list struct {
		Total    int `json:"total"`
		Messages []struct {
			ID      string `json:"ID"`
			Subject string `json:"Subject"`
		} `json:"messages"`
	}
	getJSON(t, api+"/api/v1/messages", &list)
	if list.Total != 1 || len(list.Messages) != 1 {
		t.Fatalf("mailpit holds %d messages, want 1", list.Total)
	}
	var msg struct {
		Subject string
		From    struct{ Address string }
		To      []struct{ Name, Address string }
		Text    string
		HTML    string
		Tags    []string
	}
	getJSON(t, api+"/api/v1/message/"+list.Messages[0].ID, &msg)

	if msg.Subject != d.Subject {
		t.Errorf("subject: got %q, want %q", msg.Subject, d.Subject)
	}
	// --tags-username tags a message with the login that sent it: the
	// mailer authenticated.
	if got := strings.Join(msg.Tags, ","); got != "toswatch" {
		t.Errorf("tags = %q, want the SMTP login toswatch", got)
	}
	if got, want := msg.From.Address, "digest@toswatch.example"; got != want {
		t.Errorf("from: got %q, want %q", got, want)
	}
	var rcpts []string
	for _, a := range msg.To {
		rcpts = append(rcpts, a.Address)
	}
	if got, want := strings.Join(rcpts, ","), "legal@customer.example,ops@customer.example"; got != want {
		t.Errorf("to: got %s, want %s", got, want)
	}
	norm := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	if norm(msg.Text) != norm(d.Text) {
		t.Errorf("text part differs from the digest's:\n got %q\nwant %q", msg.Text, d.Text)
	}
	if norm(msg.HTML) != norm(d.HTML) {
		t.Errorf("HTML part differs from the digest's:\n got %q\nwant %q", msg.HTML, d.HTML)
	}
	const summary = "liability cap lowered from $1,000,000 to $100"
	if !strings.Contains(msg.Text, summary) {
		t.Errorf("text part lacks %q", summary)
	}
	root, err := html.Parse(strings.NewReader(msg.HTML))
	if err != nil {
		t.Fatal(err)
	}
	var highlighted bool
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && strings.Contains(attr(n, "style"), "#b42318") && textOf(n) == summary {
			highlighted = true
		}
	}
	if !highlighted {
		t.Errorf("HTML part does not hold %q in an inline-styled highlight", summary)
	}

	var headers map[string][]string
	getJSON(t, api+"/api/v1/message/"+list.Messages[0].ID+"/headers", &headers)
	if got := headers["Auto-Submitted"]; len(got) != 1 || got[0] != "auto-generated" {
		t.Errorf("Auto-Submitted header = %q, want auto-generated", got)
	}
	if ct := strings.Join(headers["Content-Type"], ";"); !strings.Contains(ct, "multipart/alternative") {
		t.Errorf("Content-Type = %q, want multipart/alternative", ct)
	}

	t.Logf("logs:\n%s", logs.String())
	checkNoSecret(t, "logs", logs.String())
	if !strings.Contains(logs.String(), "digest sent") {
		t.Errorf("the send was not logged:\n%s", logs.String())
	}
}

// checkNoSecret fails when s holds the test password in clear or in the
// base64 forms of SMTP AUTH.
func checkNoSecret(t *testing.T, what, s string) {
	t.Helper()
	m := &Mailer{Username: "toswatch", Password: testPassword}
	for _, sec := range m.secrets() {
		if strings.Contains(s, sec) {
			t.Errorf("%s reveal the password (%q):\n%s", what, sec, s)
		}
	}
}
