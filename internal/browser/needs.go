package browser

import (
	"bytes"
	"net/http"
)

// NeedsBrowser decides whether render: auto falls back from HTTP to the
// browser. status is the HTTP status, retryAfter whether the answer had a
// Retry-After header, body the page, and selectorsMatched whether the
// extraction found the document (its select selectors matched). It is true
// for the statuses bot protection answers with (403, 406, and 429 without
// Retry-After: a 429 with one is plain rate limiting, which a browser would
// only make worse), and for a page whose selectors match nothing while it
// has scripts that may fill them in.
func NeedsBrowser(status int, retryAfter bool, body []byte, selectorsMatched bool) bool {
	switch status {
	case http.StatusForbidden, http.StatusNotAcceptable:
		return true
	case http.StatusTooManyRequests:
		return !retryAfter
	}
	return !selectorsMatched && hasScript(body)
}

// hasScript reports whether an HTML page has a <script> element.
func hasScript(body []byte) bool {
	const tag = "<script"
	for i := 0; i+len(tag) <= len(body); {
		j := bytes.IndexByte(body[i:], '<')
		if j < 0 {
			return false
		}
		i += j
		if i+len(tag) <= len(body) && bytes.EqualFold(body[i:i+len(tag)], []byte(tag)) {
			if k := i + len(tag); k == len(body) || body[k] == '>' || body[k] == ' ' || body[k] == '\t' || body[k] == '\n' || body[k] == '\r' || body[k] == '/' {
				return true
			}
		}
		i++
	}
	return false
}
