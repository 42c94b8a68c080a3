package tracker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/toswatch/toswatch/internal/browser"
	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// Renderer renders a page that needs JavaScript in a browser and returns
// its DOM as HTML. *browser.Browser is the real one.
type Renderer interface {
	Render(ctx context.Context, url string, waitFor []string) (html []byte, finalURL string, err error)
}

// PDFConverter turns a PDF into text, one paragraph per line.
type PDFConverter interface {
	Text(ctx context.Context, data []byte) (string, error)
}

// captured is one fetched and extracted document.
type captured struct {
	url                string
	status             int
	notModified        bool
	etag, lastModified string
	mediaType          string
	raw                []byte
	text               string
}

// Capture is a document fetched and extracted as a check sees it.
type Capture struct {
	URL       string // the final URL (of the first part of a multi-page document)
	Status    int
	MediaType string
	Bytes     int // size of the raw body (all parts)
	Text      string
}

// Capture fetches and extracts a document as a check would (browser,
// PDF and multi-page documents included), without conditional requests and
// without recording anything. Its errors start with their kind, as check
// errors do.
func (t *Tracker) Capture(ctx context.Context, doc model.Document) (Capture, error) {
	c, err := t.capture(ctx, doc, fetch.Request{URL: doc.URL})
	if err != nil {
		return Capture{Status: c.status}, &checkError{kind: kindOf(err), err: err}
	}
	return Capture{URL: c.url, Status: c.status, MediaType: c.mediaType, Bytes: len(c.raw), Text: c.text}, nil
}

// parts returns the pages a document is made of: itself, or its combine list.
func parts(doc model.Document) []model.Part {
	if len(doc.Combine) > 0 {
		return doc.Combine
	}
	return []model.Part{{URL: doc.URL, Select: doc.Select, Ranges: doc.Ranges, Remove: doc.Remove}}
}

// capture fetches a document and extracts its text. A multi-page document
// is fetched part by part (without conditional requests: one unchanged part
// says nothing of the others) and its texts joined.
func (t *Tracker) capture(ctx context.Context, doc model.Document, req fetch.Request) (captured, error) {
	ps := parts(doc)
	if len(ps) == 1 {
		return t.capturePart(ctx, doc.Render, ps[0], req)
	}
	var all captured
	var texts []string
	var raw bytes.Buffer
	for i, p := range ps {
		c, err := t.capturePart(ctx, doc.Render, p, fetch.Request{URL: p.URL})
		if err != nil {
			// The error still starts with its kind, as every check error does.
			return captured{status: c.status}, &checkError{kind: kindOf(err), err: fmt.Errorf("part %d of %d (%s): %w", i+1, len(ps), p.URL, err)}
		}
		if i == 0 {
			all = captured{url: c.url, status: c.status, mediaType: mediaCombined}
		}
		texts = append(texts, c.text)
		writePart(&raw, c.mediaType, c.url, c.raw)
	}
	all.text = strings.Join(texts, "\n")
	all.raw = raw.Bytes()
	return all, nil
}

// capturePart fetches one page over HTTP, or in the browser when the
// document asks for it or HTTP turns out not to be enough, and extracts it.
func (t *Tracker) capturePart(ctx context.Context, render string, p model.Part, req fetch.Request) (captured, error) {
	if render == "browser" {
		return t.renderPart(ctx, p)
	}
	resp, err := t.Fetch.Fetch(ctx, req)
	if err != nil {
		var fe *fetch.Error
		if !errors.As(err, &fe) {
			return captured{}, &checkError{kind: model.FailureNetwork, err: err}
		}
		if render != "http" && t.Browser != nil && blockedStatus(fe) {
			return t.renderPart(ctx, p)
		}
		return captured{status: fe.Status}, err
	}
	c := captured{url: resp.URL, status: resp.Status, notModified: resp.NotModified,
		etag: resp.ETag, lastModified: resp.LastModified, mediaType: resp.MediaType, raw: resp.Body}
	if resp.NotModified {
		return c, nil
	}
	c.text, err = t.extractBody(ctx, resp.Body, resp.MediaType, resp.URL, p)
	if err != nil && render != "http" && t.Browser != nil && errors.Is(err, model.FailureSelectorMissing) && scriptShell(resp.Body) {
		// The selector may only match once scripts have filled the page.
		rc, rerr := t.renderPart(ctx, p)
		if rerr != nil {
			return captured{status: c.status}, fmt.Errorf("%w (nor in the page rendered by a browser: %v)", err, rerr)
		}
		return rc, nil
	}
	return c, err
}

// scriptShell reports whether a page is a shell that scripts fill in: it
// has scripts and little text of its own. A full page whose selector stopped
// matching is a selector problem, which a browser would not solve.
func scriptShell(body []byte) bool {
	if !hasScripts(body) {
		return false
	}
	text, err := extract.HTML(body, extract.Options{})
	return err != nil || len(text) < shellText
}

// shellText is the most text a page filled in by scripts has before they run.
const shellText = 1000

func (t *Tracker) renderPart(ctx context.Context, p model.Part) (captured, error) {
	if t.Browser == nil {
		return captured{}, &checkError{kind: model.FailureRender, err: errors.New("this page needs a browser and no Chromium was found: install chromium-headless-shell or set settings.browser.path")}
	}
	startBudget(ctx) // a render has no politeness wait of the fetcher's
	html, final, err := t.Browser.Render(ctx, p.URL, p.Select)
	if err != nil {
		var be *browser.Error
		if errors.As(err, &be) {
			return captured{status: be.Status}, err
		}
		return captured{}, &checkError{kind: model.FailureRender, err: err}
	}
	c := captured{url: final, status: 200, mediaType: mediaRendered, raw: html}
	c.text, err = t.extractBody(ctx, html, "text/html", final, p)
	return c, err
}

// blockedStatus reports whether HTTP was refused in a way a real browser
// usually gets past: 403, 406, or 429 without Retry-After (with one, it is
// plain rate limiting, which a browser would only make worse).
func blockedStatus(fe *fetch.Error) bool {
	if fe.Kind != model.FailureHTTPStatus && fe.Kind != model.FailureBlocked {
		return false
	}
	return fe.Status == 403 || fe.Status == 406 || (fe.Status == 429 && !fe.RetryAfter)
}

func hasScripts(body []byte) bool {
	return bytes.Contains(bytes.ToLower(body), []byte("<script"))
}

// Media types of raw bodies that are not a plain HTTP response.
const (
	mediaRendered = "text/html; rendered"        // DOM of a page rendered in the browser
	mediaCombined = "multipart/x-toswatch-parts" // the parts of a multi-page document
)

// extractBody turns a fetched body into text.
func (t *Tracker) extractBody(ctx context.Context, body []byte, mediaType, pageURL string, p model.Part) (string, error) {
	switch {
	case mediaType == "text/plain" || mediaType == "text/markdown":
		text, err := extract.Text(body)
		return text, kinded(err)
	case mediaType == "application/pdf" || (mediaType == "" && isPDFURL(pageURL)):
		if t.PDF == nil {
			return "", &checkError{kind: model.FailureContentType, err: errors.New("PDF documents need a PDF converter")}
		}
		text, err := t.PDF.Text(ctx, body)
		if err != nil {
			return "", &checkError{kind: model.FailurePDF, err: err}
		}
		text, err = extract.Finish(text, extract.Options{})
		return text, kinded(err)
	default:
		text, err := extract.HTML(body, extract.Options{Select: p.Select, Ranges: p.Ranges, Remove: p.Remove, BaseURL: pageURL})
		return text, kinded(err)
	}
}

func isPDFURL(u string) bool {
	pu, err := url.Parse(u)
	return err == nil && strings.HasSuffix(strings.ToLower(pu.Path), ".pdf")
}

// kindOf returns the kind a check error starts with.
func kindOf(err error) model.FailureKind {
	if k := model.FailureOf(err); k != "" {
		return k
	}
	return model.FailureNetwork
}

// kinded names an extraction failure by its kind.
func kinded(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, model.FailureSelectorMissing):
		return &checkError{kind: model.FailureSelectorMissing, err: err}
	case errors.Is(err, model.FailureTooShort):
		return &checkError{kind: model.FailureTooShort, err: err}
	}
	return &checkError{kind: model.FailureExtract, err: err}
}
