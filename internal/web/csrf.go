package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"net/url"
	"strings"
)

// csrfCookie holds a random value per browser; the form's token is an HMAC
// of it under a per-process secret (the double-submit cookie pattern, with
// a token that a cross-site page can neither read nor compute).
const csrfCookie = "toswatch_csrf"

var (
	errCrossSite = errors.New("the request came from another site")
	errCSRF      = errors.New("the form's security token is missing or does not match")
)

type csrf struct {
	secret  []byte
	secure  bool   // mark the cookie Secure (the UI is served over HTTPS)
	baseURL string // the public origin, also accepted as Origin
}

// token returns the form token of the request's browser, setting the
// cookie first when the browser has none.
func (c *csrf) token(w http.ResponseWriter, r *http.Request) string {
	if ck, err := r.Cookie(csrfCookie); err == nil && validNonce(ck.Value) {
		return c.sign(ck.Value)
	}
	b := make([]byte, 32)
	rand.Read(b)
	nonce := base64.RawURLEncoding.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{
		Name: csrfCookie, Value: nonce, Path: "/",
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: c.secure || r.TLS != nil,
	})
	return c.sign(nonce)
}

func validNonce(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == 32
}

func (c *csrf) sign(nonce string) string {
	m := hmac.New(sha256.New, c.secret)
	m.Write([]byte("review:" + nonce))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// check verifies a state-changing request: it must come from this site
// (Sec-Fetch-Site and Origin, when the browser sends them) and carry the
// token that matches its cookie.
func (c *csrf) check(r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return errCrossSite
	}
	if origin := r.Header.Get("Origin"); origin != "" && !c.sameOrigin(origin, r) {
		return errCrossSite
	}
	ck, err := r.Cookie(csrfCookie)
	if err != nil || !validNonce(ck.Value) {
		return errCSRF
	}
	if !hmac.Equal([]byte(r.PostFormValue("csrf")), []byte(c.sign(ck.Value))) {
		return errCSRF
	}
	return nil
}

// sameOrigin accepts the host the request was sent to and the public base
// URL's origin (behind a proxy that rewrites Host).
func (c *csrf) sameOrigin(origin string, r *http.Request) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false // includes "null", sent by sandboxed and privacy-sensitive contexts
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	if c.baseURL != "" {
		if b, err := url.Parse(c.baseURL); err == nil && strings.EqualFold(u.Scheme, b.Scheme) && strings.EqualFold(u.Host, b.Host) {
			return true
		}
	}
	return false
}

// bearer reports how the request authenticates against the access token:
// by an Authorization header, which a cross-site form cannot send, or by
// the form field "token".
func bearer(r *http.Request, token string) (header, ok bool) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		got, found := strings.CutPrefix(auth, "Bearer ")
		return true, found && equalSecret(strings.TrimSpace(got), token)
	}
	return false, equalSecret(r.PostFormValue("token"), token)
}

// equalSecret compares in constant time, whatever the lengths.
func equalSecret(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}
