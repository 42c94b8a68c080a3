package fetch

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestIsPublicAddr(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"8.8.8.8", true},
		{"1.1.1.1", true},
		{"172.32.0.1", true},
		{"2606:4700:4700::1111", true},
		{"::ffff:8.8.8.8", true},
		{"127.0.0.1", false},
		{"127.8.9.10", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"172.31.255.255", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"100.64.0.1", false},
		{"0.0.0.0", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
		{"::1", false},
		{"::", false},
		{"fe80::1", false},
		{"fd00::1", false},
		{"fc00::1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:169.254.169.254", false},
		{"64:ff9b::a9fe:a9fe", false}, // NAT64 of 169.254.169.254
		{"64:ff9b::808:808", true},    // NAT64 of 8.8.8.8
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := IsPublicAddr(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("IsPublicAddr(%s) = %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
	if IsPublicAddr(netip.Addr{}) {
		t.Error("IsPublicAddr(zero Addr) = true, want false")
	}
}

func TestIsLoginURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://vendor.example/login", true},
		{"https://vendor.example/users/sign-in?return=/terms", true},
		{"https://vendor.example/SignIn", true},
		{"https://vendor.example/auth/realms/main", true},
		{"https://vendor.example/session/new", true},
		{"https://accounts.vendor.example/", true},
		{"https://login.microsoftonline.com/common/oauth2/authorize", true},
		{"https://sso.vendor.example/saml", true},
		{"https://vendor.example/legal/terms", false},
		{"https://vendor.example/terms-of-login", false},
		{"https://vendor.example/authors", false},
		{"https://myaccounts.vendor.example/terms", false},
		{"::not a url", false},
	}
	for _, tt := range tests {
		if got := IsLoginURL(tt.url); got != tt.want {
			t.Errorf("IsLoginURL(%q) = %v, want %v", tt.url, got, tt.want)
		}
	}
}

// TestFetchRedirectToPrivate plays a public server with 127.0.0.2 (the
// client is told it is public) that redirects to 127.0.0.1, which stays
// private. The strict dialer must refuse the second connection.
func TestFetchRedirectToPrivate(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	}
	var privateHits atomic.Int32
	private := serve(t, func(w http.ResponseWriter, r *http.Request) {
		privateHits.Add(1)
		fmt.Fprint(w, "<p>instance metadata</p>")
	})
	public := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/terms" {
			fmt.Fprint(w, page)
			return
		}
		http.Redirect(w, r, private.URL+"/latest/meta-data/", http.StatusFound)
	}))
	public.Listener.Close()
	public.Listener = ln
	public.Start()
	t.Cleanup(public.Close)
	fakePublic := netip.MustParseAddr("127.0.0.2")

	newClient := func(allow bool) *Client {
		opts := testOptions()
		opts.AllowPrivateRedirects = allow
		c, _ := newTestClient(t, opts)
		c.isPublic = func(ip netip.Addr) bool { return ip == fakePublic || IsPublicAddr(ip) }
		return c
	}

	t.Run("public page", func(t *testing.T) {
		resp := fetchOK(t, newClient(false), Request{URL: public.URL + "/terms"})
		if string(resp.Body) != page {
			t.Errorf("Body = %q, want the page", resp.Body)
		}
	})
	t.Run("refused", func(t *testing.T) {
		fe := fetchErr(t, newClient(false), public.URL+"/moved", model.FailureRedirect)
		if !strings.Contains(fe.Error(), "non-public address 127.0.0.1") || privateHits.Load() != 0 {
			t.Errorf("Error(), private hits = %q, %d; want the private address named and not reached", fe, privateHits.Load())
		}
	})
	t.Run("allowed", func(t *testing.T) {
		resp := fetchOK(t, newClient(true), Request{URL: public.URL + "/moved"})
		if resp.URL != private.URL+"/latest/meta-data/" || privateHits.Load() != 1 {
			t.Errorf("URL, private hits = %q, %d; want the redirect followed", resp.URL, privateHits.Load())
		}
	})
}
