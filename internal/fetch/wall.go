package fetch

import (
	"bytes"
	"net/http"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// shortPage is the visible-text length (in characters) under which a page
// counts as short. Bot and login walls say little; terms pages say a lot, and
// may mention "captcha" or "sign in" in passing, so weak cues are only
// trusted on short pages.
const shortPage = 2000

// Strong markers are trusted on a page of any length: they occur on
// Cloudflare's challenge pages, not on pages Cloudflare merely protects
// (those load /cdn-cgi/challenge-platform/scripts/jsd/main.js, which is why
// the bare path "challenge-platform" is only a weak cue).
var strongMarkers = []string{
	"_cf_chl_opt", "cf_chl_prog", "cf-browser-verification",
	"/orchestrate/chl_page/", "/orchestrate/managed/", "/orchestrate/jsch/",
	"/orchestrate/captcha/",
}

// wallTitles are <title> texts (lowercased prefixes) of challenge pages.
var wallTitles = []string{
	"just a moment", "attention required", "ddos-guard",
	"pardon our interruption", "are you a robot", "robot or human",
	"human verification", "verify you are human", "checking your browser",
	"security check", "one more step",
}

// captchaMarkers are the widget class names of captcha services (the
// element a challenge puts on the page). Their script URLs are not cues: a
// site may load them everywhere for its contact form.
var captchaMarkers = []string{
	"g-recaptcha", "h-captcha", "cf-turnstile", "px-captcha",
	"captcha-delivery.com",
}

// botPhrases and loginPhrases are visible texts of walls.
var (
	botPhrases = []string{
		"captcha", "verify you are human", "verifying you are human",
		"checking your browser", "checking if the site connection is secure",
		"enable javascript and cookies to continue", "are you a robot",
		"unusual traffic", "you have been blocked", "request blocked",
		"access to this page has been denied",
	}
	loginPhrases = []string{
		"sign in to continue", "log in to continue", "login to continue",
		"sign in to view", "log in to view", "please sign in",
		"please log in", "please login", "you must be logged in",
		"you need to sign in", "you need to log in", "you must sign in",
		"you must log in", "sign in required", "login required",
		"log in required", "authentication required",
	}
)

// DetectWall reports whether a response is a bot wall (a Cloudflare
// challenge, a captcha) or a login wall rather than the page asked for, and
// why. It looks at the cf-mitigated header, a 401 status, a final URL that is
// a sign-in page, strong challenge markers anywhere in the body, and weaker
// cues (captcha widgets, "sign in to continue") on short pages only. The body
// should be UTF-8 (or ASCII-compatible) HTML or text; a browser renderer can
// pass its rendered DOM.
func DetectWall(status int, header http.Header, finalURL string, body []byte) (reason string, blocked bool) {
	return detectWall(status, header, finalURL, body, true)
}

// detectWall is DetectWall with the URL check optional: a document whose
// configured URL is itself on a login-like host should not be judged by it.
func detectWall(status int, header http.Header, finalURL string, body []byte, checkURL bool) (string, bool) {
	if strings.EqualFold(strings.TrimSpace(header.Get("Cf-Mitigated")), "challenge") {
		return "cloudflare challenge (cf-mitigated: challenge)", true
	}
	if status == http.StatusUnauthorized {
		return "login required (401 Unauthorized)", true
	}
	if checkURL && finalURL != "" && IsLoginURL(finalURL) {
		return "login page " + finalURL, true
	}
	if len(body) == 0 {
		return "", false
	}
	for _, m := range strongMarkers {
		if bytes.Contains(body, []byte(m)) {
			return "cloudflare challenge page (" + m + ")", true
		}
	}
	title, text, short := scanPage(body)
	for _, t := range wallTitles {
		if strings.HasPrefix(title, t) {
			return "challenge page (title " + quote(title) + ")", true
		}
	}
	if !short {
		return "", false
	}
	for _, m := range captchaMarkers {
		if bytes.Contains(body, []byte(m)) {
			return "captcha or challenge page (" + m + ")", true
		}
	}
	for _, p := range botPhrases {
		if strings.Contains(text, p) {
			return "bot check page (" + quote(p) + ")", true
		}
	}
	for _, p := range loginPhrases {
		if strings.Contains(text, p) {
			return "login wall (" + quote(p) + ")", true
		}
	}
	return "", false
}

func quote(s string) string { return `"` + s + `"` }

// scanPage returns a page's title and its visible text, both lowercased with
// runs of white space folded, and whether that text is shorter than
// shortPage. It stops reading once the page is known to be long.
func scanPage(body []byte) (title, text string, short bool) {
	z := html.NewTokenizer(bytes.NewReader(body))
	var (
		sb, tb        strings.Builder
		skip, inTitle bool
		n             int
	)
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return fold(tb.String()), fold(sb.String()), true
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			open := tt == html.StartTagToken
			switch string(name) {
			case "script", "style", "template", "svg":
				skip = open
			case "title":
				inTitle = open
			}
		case html.TextToken:
			if skip {
				continue
			}
			t := z.Text()
			if inTitle {
				tb.Write(t)
				continue
			}
			if len(bytes.TrimSpace(t)) == 0 {
				continue
			}
			n += utf8.RuneCount(t)
			if n > shortPage {
				return fold(tb.String()), "", false
			}
			sb.WriteByte(' ')
			sb.Write(t)
		}
	}
}

// fold lowercases s and folds white space runs into one space.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
