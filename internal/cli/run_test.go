package cli

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestRunChecksServesAndStops runs the long-running command: it checks the
// document at once, serves the web UI and /metrics, and stops cleanly when
// its context is cancelled (as on SIGINT/SIGTERM).
func TestRunChecksServesAndStops(t *testing.T) {
	e := newEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr bytes.Buffer
	done := make(chan int)
	go func() {
		done <- Run(ctx, []string{"run", "--addr", addr, "--config", e.config, "--db", e.db},
			Env{Stdout: &bytes.Buffer{}, Stderr: &stderr, Getenv: func(string) string { return "" }})
	}()
	deadline := time.Now().Add(30 * time.Second)
	for {
		out, _, _ := e.run("history", "Acme", "--json")
		if strings.Contains(out, `"kind": "first"`) {
			break
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("run recorded no version in 30s; log:\n%s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, path := range []string{"/", "/metrics"} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("run exited %d after cancel; log:\n%s", code, stderr.String())
		}
	case <-time.After(40 * time.Second):
		t.Fatal("run did not stop after cancel")
	}
	if _, err := http.Get("http://" + addr + "/"); err == nil {
		t.Error("the web UI still answers after run stopped")
	}
}
