package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// allowedHosts are the Host values the server answers: the host[:port] of
// baseURL (with and without its default port), the listen address, and,
// when that is a loopback address, localhost, 127.0.0.1 and [::1] on its
// port. Any other Host is refused, so that a page on another site cannot
// reach a loopback server through a DNS name it rebinds to 127.0.0.1. nil
// (neither given) means every Host.
func allowedHosts(baseURL, addr string) (map[string]bool, error) {
	m := map[string]bool{}
	if baseURL != "" {
		u, err := url.Parse(baseURL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("base URL %q has no host", baseURL)
		}
		m[strings.ToLower(u.Host)] = true
		if u.Port() == "" {
			port := map[string]string{"http": "80", "https": "443"}[u.Scheme]
			m[strings.ToLower(net.JoinHostPort(u.Hostname(), port))] = true
		}
	}
	if addr != "" {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, fmt.Errorf("listen address %q: %w", addr, err)
		}
		m[strings.ToLower(net.JoinHostPort(host, port))] = true
		if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
			for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
				m[net.JoinHostPort(h, port)] = true
			}
		}
	}
	if len(m) == 0 {
		return nil, nil
	}
	return m, nil
}

// hostAllowed reports whether the request was sent to a name this server
// answers to.
func (s *server) hostAllowed(r *http.Request) bool {
	return s.hosts == nil || s.hosts[strings.ToLower(r.Host)]
}

// sessionCookie holds, after a login, a value derived from the access
// token: the token itself never sits in the browser, and changing the
// token logs every browser out.
const sessionCookie = "toswatch_session"

func sessionValue(token string) string {
	m := hmac.New(sha256.New, []byte(token))
	m.Write([]byte("toswatch session v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// hasSession reports whether the browser logged in with the token.
func (s *server) hasSession(r *http.Request) bool {
	if s.opts.Token == "" {
		return false
	}
	ck, err := r.Cookie(sessionCookie)
	return err == nil && equalSecret(ck.Value, sessionValue(s.opts.Token))
}

// tokenInQuery is where ?token= is accepted: the addresses feed readers
// and download scripts fetch, which cannot log in.
func tokenInQuery(path string) bool {
	switch path {
	case "/feed.xml", "/feed.atom", "/export.csv", "/export.jsonl", "/metrics":
		return true
	}
	return false
}

// publicPath is what needs no token even when reads do: the login form
// and the style sheet it uses.
func publicPath(path string) bool {
	return path == "/login" || path == "/static/style.css"
}

// readAllowed reports whether a request may read when
// require_token_for_reads is set: a session cookie, a bearer header, or,
// for feeds, downloads and metrics, ?token=.
func (s *server) readAllowed(r *http.Request) bool {
	if !s.opts.RequireTokenForReads || publicPath(r.URL.Path) || s.hasSession(r) {
		return true
	}
	if auth := r.Header.Get("Authorization"); auth != "" {
		got, ok := strings.CutPrefix(auth, "Bearer ")
		return ok && equalSecret(strings.TrimSpace(got), s.opts.Token)
	}
	if tokenInQuery(r.URL.Path) && r.URL.Query().Has("token") {
		return equalSecret(r.URL.Query().Get("token"), s.opts.Token)
	}
	return false
}

// refuseRead answers a read without the token: people are sent to the
// login form, programs get 401.
func (s *server) refuseRead(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && !tokenInQuery(r.URL.Path) {
		http.Redirect(w, r, s.root+"/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="toswatch"`)
	s.fail(w, r, http.StatusUnauthorized, "This toswatch server needs its access token to be read.")
}

type loginPage struct {
	Title string
	CSRF  string
	Next  string
	Error string
}

func (s *server) loginForm(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, http.StatusOK, "login", loginPage{Title: "Log in", CSRF: s.csrf.token(w, r), Next: localPath(r.URL.Query().Get("next"))})
}

// login checks the access token and sets the session cookie: HttpOnly
// (no script reads it), SameSite=Strict (no other site's request carries
// it), Secure when the UI is served over HTTPS.
func (s *server) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxReviewBody)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "The login form could not be read.")
		return
	}
	if err := s.csrf.check(r); err != nil {
		s.fail(w, r, http.StatusForbidden, "The login was refused: "+err.Error()+". Reload the login page and try again.")
		return
	}
	next := localPath(r.PostFormValue("next"))
	if s.opts.Token == "" || !equalSecret(r.PostFormValue("token"), s.opts.Token) {
		w.Header().Set("Cache-Control", "no-store")
		s.render(w, r, http.StatusUnauthorized, "login", loginPage{Title: "Log in", CSRF: s.csrf.token(w, r), Next: next,
			Error: "That is not the access token of this server."})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: sessionValue(s.opts.Token), Path: s.root + "/",
		MaxAge: 30 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.csrf.secure || r.TLS != nil})
	http.Redirect(w, r, s.root+next, http.StatusSeeOther)
}

// localPath keeps a "next" address only when it is a path of this site
// (no scheme, no host, no "//"), so that the login cannot send anyone
// elsewhere.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") {
		return "/"
	}
	if u, err := url.Parse(p); err != nil || u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return p
}
