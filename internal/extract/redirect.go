package extract

import (
	"net/url"
	"strings"
)

// Redirect wrappers are links that go through a click-tracking or
// link-scanning service before reaching their target: social networks
// (facebook.com/l.php?u=…&h=…, l.instagram.com/?u=…), search engines
// (google.com/url?q=…&usg=…), mail scanners (….safelinks.protection.outlook.com/?url=…&data=…,
// urldefense.com/v3/__…__;…). The wrapper adds a token that changes with
// every page view, so the link is replaced by its target. A wrapper is
// recognised by its shape, not its site: a redirect-like path (or a
// redirect-service host) and a parameter that holds an absolute URL.

// redirectPaths are the last path segments of redirect endpoints.
var redirectPaths = map[string]bool{
	"l.php": true, "url": true, "redirect": true, "redir": true, "redirect.php": true,
	"away": true, "away.php": true, "out": true, "out.php": true, "outbound": true,
	"link": true, "linkfilter": true, "exit": true, "exit.php": true, "go": true,
	"goto": true, "r": true, "click": true, "leave": true, "external": true,
	"externallink": true, "external-link": true, "jump": true, "track": true,
}

// redirectParams are the parameters a redirect endpoint reads its target
// from, most specific first.
var redirectParams = []string{"u", "url", "q", "to", "target", "dest", "destination", "link",
	"redirect", "redirect_url", "redirecturl", "redirect_uri", "goto", "href", "out"}

// redirectHost reports hosts whose root path is a redirect endpoint: link
// shims ("l." hosts of social networks) and mail link scanners.
func redirectHost(host string) bool {
	host = strings.ToLower(host)
	return strings.HasPrefix(host, "l.") || strings.HasPrefix(host, "lm.") ||
		strings.HasSuffix(host, ".safelinks.protection.outlook.com") ||
		strings.Contains(host, "redir") || strings.Contains(host, "linkprotect") || strings.Contains(host, "urldefense")
}

// maxUnwrap bounds wrappers inside wrappers (a scanner around a shim).
const maxUnwrap = 3

// unwrapRedirect returns the target of a redirect wrapper, or u itself.
func unwrapRedirect(u *url.URL) *url.URL {
	for range maxUnwrap {
		t := redirectTarget(u)
		if t == nil {
			return u
		}
		u = t
	}
	return u
}

// redirectTarget returns the target u redirects to when u is a wrapper, else nil.
func redirectTarget(u *url.URL) *url.URL {
	if t := urldefenseTarget(u); t != nil {
		return t
	}
	path := strings.TrimSuffix(u.Path, "/")
	last := strings.ToLower(path[strings.LastIndexByte(path, '/')+1:])
	if !redirectPaths[last] && !(path == "" && redirectHost(u.Host)) {
		return nil
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil && len(q) == 0 {
		return nil
	}
	for _, p := range redirectParams {
		for k, vs := range q {
			if !strings.EqualFold(k, p) || len(vs) == 0 {
				continue
			}
			if t := absoluteHTTP(vs[0]); t != nil {
				return t
			}
		}
	}
	return nil
}

// absoluteHTTP parses s as an absolute http(s) URL, or returns nil.
func absoluteHTTP(s string) *url.URL {
	s = strings.TrimSpace(s)
	t, err := url.Parse(s)
	if err != nil || t.Host == "" {
		return nil
	}
	switch strings.ToLower(t.Scheme) {
	case "http", "https":
		return t
	}
	return nil
}

// urldefenseTarget decodes Proofpoint's URL Defense links, whose target is
// written in the path rather than a parameter: v3 as
// "/v3/__TARGET__;TOKEN", v2 as "/v2/url?u=ENCODED" with "-XX" for "%XX"
// and "_" for "/".
func urldefenseTarget(u *url.URL) *url.URL {
	if !strings.Contains(strings.ToLower(u.Host), "urldefense") {
		return nil
	}
	if rest, ok := strings.CutPrefix(u.Path, "/v3/__"); ok {
		if i := strings.Index(rest, "__;"); i >= 0 {
			rest = rest[:i]
		} else {
			rest = strings.TrimSuffix(rest, "__")
		}
		return absoluteHTTP(rest)
	}
	if strings.HasPrefix(u.Path, "/v2/url") {
		enc := u.Query().Get("u")
		dec, err := url.PathUnescape(strings.ReplaceAll(strings.ReplaceAll(enc, "-", "%"), "_", "/"))
		if err != nil {
			return nil
		}
		return absoluteHTTP(dec)
	}
	return nil
}
