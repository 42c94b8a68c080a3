package extract

import (
	"encoding/hex"
	"net/url"
	"slices"
	"strings"
)

// noiseParams are query parameters that never change what a link points
// to: campaign tracking, click ids, analytics cookies passed in the URL,
// session ids and cache busters. Names are compared in lower case.
var noiseParams = map[string]bool{
	// click and campaign tracking
	"gclid": true, "gclsrc": true, "dclid": true, "gbraid": true, "wbraid": true,
	"fbclid": true, "msclkid": true, "yclid": true, "igshid": true, "ttclid": true,
	"twclid": true, "li_fat_id": true, "mc_cid": true, "mc_eid": true,
	"_ga": true, "_gl": true, "_hsenc": true, "_hsmi": true, "__hstc": true,
	"__hssc": true, "__hsfp": true, "hsctatracking": true, "mkt_tok": true,
	"oly_anon_id": true, "oly_enc_id": true, "vero_id": true, "vero_conv": true,
	"rb_clickid": true, "s_cid": true, "ref_src": true, "ref_url": true,
	"ref": true, "referrer": true, "referer": true,
	"spm": true, "scid": true, "_openstat": true, "trk": true, "trkcampaign": true,
	"ncid": true, "sr_share": true, "si": true, "_branch_match_id": true,
	"_branch_referrer": true, "epik": true, "irclickid": true, "cmpid": true,
	"srsltid": true, "gad_source": true, "gad_campaignid": true, "_kx": true,
	"ml_subscriber": true, "ml_subscriber_hash": true, "s_kwcid": true, "ef_id": true,
	"rdt_cid": true, "_bhlid": true, "mibextid": true, "sscid": true, "cjevent": true,
	"cjdata": true, "awc": true, "irgwc": true, "clickid": true, "click_id": true,
	"icid": true, "ocid": true, "cvid": true, "wickedid": true, "lipi": true,
	"trackingid": true, "refid": true, "xmt": true, "dm_i": true, "_bta_tid": true,
	"_bta_c": true, "vgo_ee": true, "hsctatracking_id": true, "wt.mc_id": true,
	// visitor, device and experiment ids
	"did": true, "device_id": true, "deviceid": true, "anonymous_id": true,
	"anon_id": true, "anonymousid": true, "visitor_id": true, "visitorid": true,
	"exp_id": true, "ranmid": true, "raneaid": true, "ransiteid": true, "_ke": true,
	// sessions and one-time tokens
	"sid": true, "sessionid": true, "session_id": true, "phpsessid": true,
	"jsessionid": true, "aspsessionid": true, "cfid": true, "cftoken": true,
	"nonce": true, "csrf": true, "csrf_token": true, "_csrf": true,
	"authenticity_token": true,
	// cache busting
	"v": true, "ver": true, "cb": true, "cachebuster": true,
	"cache": true, "_": true, "t": true, "ts": true, "timestamp": true,
	"rnd": true, "rand": true, "random": true, "nocache": true,
}

// noisePrefixes are query parameter name prefixes of tracking families.
var noisePrefixes = []string{"utm_", "pk_", "mtm_", "matomo_", "hsa_", "_hs", "ga_", "ajs_", "__s",
	"mc_", "sc_", "wt.", "wt_", "oly_", "vero_", "fb_", "trk_"}

// noiseParam reports whether a query parameter is tracking, session or
// cache-busting noise.
func noiseParam(name, value string) bool {
	n := strings.ToLower(name)
	if noiseParams[n] {
		return true
	}
	for _, p := range noisePrefixes {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return randomToken(value)
}

// randomToken reports whether a value looks machine-generated for one
// request (a nonce, a session, visitor or tracking id): a UUID, a hex string
// of 16 or more characters with a digit, or a long base62/base64 run mixing
// letters and digits. Meaningful values (slugs, languages, page numbers,
// short ids) are words, short, or lower-case hyphenated.
func randomToken(v string) bool {
	if uuidShape(v) || hexToken(v) {
		return true
	}
	if len(v) < 20 {
		return false
	}
	var lower, upper, digits, hyphens int
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z':
			lower++
		case c >= 'A' && c <= 'Z':
			upper++
		case c == '-':
			hyphens++
		case c == '_' || c == '=' || c == '+' || c == '/' || c == '.':
		default:
			return false
		}
	}
	if hyphens > 0 {
		// base64url: a hyphenated slug is lower case, a token is not.
		return digits > 0 && lower > 0 && upper > 0
	}
	return lower+upper > 0 && digits > 0
}

// uuidShape reports whether v is a UUID (8-4-4-4-12 hex digits).
func uuidShape(v string) bool {
	if len(v) != 36 {
		return false
	}
	for i := 0; i < len(v); i++ {
		switch i {
		case 8, 13, 18, 23:
			if v[i] != '-' {
				return false
			}
		default:
			if !isHex(v[i]) {
				return false
			}
		}
	}
	return true
}

// hexToken reports whether v is 16 or more hex digits with at least one
// decimal digit (a hash, a request or visitor id), not a word.
func hexToken(v string) bool {
	if len(v) < 16 {
		return false
	}
	digit := false
	for i := 0; i < len(v); i++ {
		if !isHex(v[i]) {
			return false
		}
		digit = digit || v[i] <= '9'
	}
	return digit
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// pathSession strips ";jsessionid=…"-style path parameters.
func pathSession(p string) string {
	if i := strings.IndexByte(p, ';'); i >= 0 {
		lower := strings.ToLower(p[i:])
		if strings.Contains(lower, "sessionid=") || strings.Contains(lower, "sid=") {
			return p[:i]
		}
	}
	return p
}

// cleanURL makes href absolute against base and removes its noise. It
// returns "" for links that point nowhere useful (javascript:, empty) and
// for links to another place of the same page, which are navigation rather
// than content and often carry generated anchors.
func cleanURL(href string, base *url.URL) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "mailto", "tel":
		u.RawQuery = ""
		return u.String()
	case "":
		// no base: keep the link as written, still cleaned
	default:
		return ""
	}
	if u.Host != "" {
		u = unwrapRedirect(u)
	}
	if email, ok := cfEmailFromURL(u); ok {
		return "mailto:" + email
	}
	if base != nil && u.Fragment != "" && sameDocument(u, base) {
		return ""
	}
	u.Host = strings.ToLower(u.Host)
	u.Scheme = strings.ToLower(u.Scheme)
	u.Path = pathSession(u.Path)
	u.RawPath = ""
	if u.RawQuery != "" {
		u.RawQuery = cleanQuery(u.RawQuery)
	}
	u.ForceQuery = false
	if randomToken(u.Fragment) || strings.HasPrefix(u.Fragment, ":~:") {
		u.Fragment = ""
	}
	return u.String()
}

// cleanQuery drops noise parameters and sorts the others, since the order
// in which a CMS writes parameters does not change where a link points.
func cleanQuery(raw string) string {
	type kv struct{ k, v string }
	var keep []kv
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			dv = v
		}
		if noiseParam(dk, dv) {
			continue
		}
		keep = append(keep, kv{url.QueryEscape(dk), url.QueryEscape(dv)})
	}
	slices.SortStableFunc(keep, func(a, b kv) int { return strings.Compare(a.k, b.k) })
	var b strings.Builder
	for i, p := range keep {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		if p.v != "" {
			b.WriteByte('=')
			b.WriteString(p.v)
		}
	}
	return b.String()
}

// sameDocument reports whether u points into the page at base.
func sameDocument(u, base *url.URL) bool {
	return strings.EqualFold(u.Host, base.Host) && u.Path == base.Path && u.RawQuery == base.RawQuery
}

// cfEmailFromURL decodes Cloudflare's "/cdn-cgi/l/email-protection#HEX"
// links. Cloudflare picks a new key on every response, so the encoded form
// changes at every capture while the address does not.
func cfEmailFromURL(u *url.URL) (string, bool) {
	if !strings.HasSuffix(u.Path, "/cdn-cgi/l/email-protection") {
		return "", false
	}
	return decodeCFEmail(u.Fragment)
}

// decodeCFEmail decodes a Cloudflare-protected address: the first byte is
// a key that every following byte is XORed with.
func decodeCFEmail(h string) (string, bool) {
	b, err := hex.DecodeString(strings.TrimSpace(h))
	if err != nil || len(b) < 2 {
		return "", false
	}
	out := make([]byte, len(b)-1)
	for i := 1; i < len(b); i++ {
		out[i-1] = b[i] ^ b[0]
	}
	return string(out), true
}

// LinkQueriesOnly reports whether two different texts differ only in the
// query strings of their link targets. Values that change at every page
// view but look like words (a per-visit id such as "blue-otter-42") pass
// cleanURL's stateless tests; a check compares with the latest text, and
// such a difference is not a change of the terms.
func LinkQueriesOnly(a, b string) bool {
	if a == b || !strings.Contains(a, "?") && !strings.Contains(b, "?") {
		return false
	}
	return dropLinkQueries(a) == dropLinkQueries(b)
}

// dropLinkQueries removes the query strings of Markdown link targets.
func dropLinkQueries(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexAny(s[i+2:], ")\n")
		if j < 0 || s[i+2+j] != ')' {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		target := s[i+2 : i+2+j]
		if q := strings.IndexByte(target, '?'); q >= 0 {
			frag := ""
			if h := strings.IndexByte(target[q:], '#'); h >= 0 {
				frag = target[q+h:]
			}
			target = target[:q] + frag
		}
		b.WriteString(s[:i+2])
		b.WriteString(target)
		b.WriteByte(')')
		s = s[i+2+j+1:]
	}
}
