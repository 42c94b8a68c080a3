// Package capture reads a document as it is now: it fetches its page (or
// pages) over HTTP, in a browser when the page needs JavaScript, converts
// PDFs, and extracts the text, without touching the database. The tracker
// records what it captures; validate only looks at it.
package capture

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/toswatch/toswatch/internal/browser"
	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// Fetcher gets one page. *fetch.Client is the real one.
type Fetcher interface {
	Fetch(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// Renderer renders a page that needs JavaScript in a browser and returns
// its DOM as HTML. *browser.Browser is the real one.
type Renderer interface {
	Render(ctx context.Context, url string, waitFor []string) (html []byte, finalURL string, err error)
}

// PDFConverter turns a PDF into text, one paragraph per line.
type PDFConverter interface {
	Text(ctx context.Context, data []byte) (string, error)
}

// Options are what a Capturer works with.
type Options struct {
	Fetch Fetcher // required
	// Browser renders pages that need JavaScript; nil: none available,
	// and such pages fail saying how to get one.
	Browser Renderer
	// PDF converts PDF documents to text; nil: PDFs fail.
	PDF PDFConverter
	Log *slog.Logger // nil: no logging
	// Getenv reads the values of documents' headers_env; nil: no extra
	// headers are sent.
	Getenv func(string) string
}

// Capturer fetches and extracts documents.
type Capturer struct {
	fetch   Fetcher
	browser Renderer
	pdf     PDFConverter
	log     *slog.Logger
	getenv  func(string) string
}

// New returns a Capturer; it needs a fetcher.
func New(opts Options) (*Capturer, error) {
	if opts.Fetch == nil {
		return nil, errors.New("capture: no fetcher")
	}
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Capturer{fetch: opts.Fetch, browser: opts.Browser, pdf: opts.PDF, log: log, getenv: opts.Getenv}, nil
}

// Page is one fetched and extracted document.
type Page struct {
	URL                string // the final URL (of the first part of a multi-page document)
	Status             int
	NotModified        bool // the server answered 304 to a conditional request: no body, no text
	ETag, LastModified string
	Raw                []model.RawPage // the bodies the text was extracted from, one per page
	Text               string
}

// MediaTypes returns the media type of each page, joined by " + ".
func (p Page) MediaTypes() string {
	types := make([]string, len(p.Raw))
	for i, r := range p.Raw {
		types[i] = r.MediaType
	}
	return strings.Join(types, " + ")
}

// Size returns the size of the raw bodies of all pages.
func (p Page) Size() int {
	n := 0
	for _, r := range p.Raw {
		n += len(r.Body)
	}
	return n
}

// Validators make a request conditional; the zero value asks for the page
// whatever it is.
type Validators struct {
	ETag, LastModified string
}

// Capture fetches a document and extracts its text. A multi-page document
// is fetched part by part (without conditional requests: one unchanged part
// says nothing of the others) and its texts joined. Its errors start with
// their kind (model.FailureOf); the Page's Status is set when the server
// answered.
func (c *Capturer) Capture(ctx context.Context, doc model.Document, v Validators) (Page, error) {
	p, err := c.capture(ctx, doc, fetch.Request{URL: doc.URL, ETag: v.ETag, LastModified: v.LastModified, Header: c.header(doc)})
	if err != nil {
		return Page{Status: p.Status}, kindOf(err).Wrap(err)
	}
	return p, nil
}

// Close stops the browser, if one was started.
func (c *Capturer) Close() error {
	if cl, ok := c.browser.(interface{ Close() error }); ok && cl != nil {
		return cl.Close()
	}
	return nil
}

// header returns a document's extra request headers, read from the
// environment.
func (c *Capturer) header(doc model.Document) http.Header {
	if len(doc.HeadersEnv) == 0 || c.getenv == nil {
		return nil
	}
	h := http.Header{}
	for name, env := range doc.HeadersEnv {
		if v := c.getenv(env); v != "" {
			h.Set(name, v)
		}
	}
	return h
}

// parts returns the pages a document is made of: itself, or its combine list.
func parts(doc model.Document) []model.Part {
	if len(doc.Combine) > 0 {
		return doc.Combine
	}
	return []model.Part{{URL: doc.URL, Select: doc.Select, Ranges: doc.Ranges, Remove: doc.Remove}}
}

func (c *Capturer) capture(ctx context.Context, doc model.Document, req fetch.Request) (Page, error) {
	ign, err := ignorePatterns(doc)
	if err != nil {
		return Page{}, err
	}
	ps := parts(doc)
	if len(ps) == 1 {
		return c.capturePart(ctx, doc.Render, ps[0], ign, req)
	}
	var all Page
	var texts []string
	for i, p := range ps {
		pg, err := c.capturePart(ctx, doc.Render, p, ign, fetch.Request{URL: p.URL, Header: req.Header})
		if err != nil {
			// The error still starts with its kind, as every check error does.
			return Page{Status: pg.Status}, kindOf(err).Wrap(fmt.Errorf("part %d of %d (%s): %w", i+1, len(ps), p.URL, err))
		}
		if i == 0 {
			all = Page{URL: pg.URL, Status: pg.Status}
		}
		texts = append(texts, pg.Text)
		all.Raw = append(all.Raw, pg.Raw...)
	}
	all.Text = strings.Join(texts, "\n")
	return all, nil
}

// capturePart fetches one page over HTTP, or in the browser when the
// document asks for it or HTTP turns out not to be enough, and extracts it.
func (c *Capturer) capturePart(ctx context.Context, render string, p model.Part, ign []*regexp.Regexp, req fetch.Request) (Page, error) {
	if render == "browser" {
		return c.renderPart(ctx, p, ign)
	}
	resp, err := c.fetch.Fetch(ctx, req)
	if err != nil {
		var fe *fetch.Error
		if !errors.As(err, &fe) {
			return Page{}, model.FailureNetwork.Wrap(err)
		}
		if render != "http" && c.browser != nil && blockedStatus(fe) {
			return c.renderPart(ctx, p, ign)
		}
		return Page{Status: fe.Status}, err
	}
	pg := Page{URL: resp.URL, Status: resp.Status, NotModified: resp.NotModified,
		ETag: resp.ETag, LastModified: resp.LastModified,
		Raw: []model.RawPage{{MediaType: resp.MediaType, URL: resp.URL, Body: resp.Body}}}
	if resp.NotModified {
		return pg, nil
	}
	pg.Text, err = c.extractBody(ctx, resp.Body, resp.MediaType, resp.URL, p, ign)
	if err != nil && render != "http" && c.browser != nil && unfilled(err) && scriptShell(resp.Body) {
		// The selector may only match, or hold the terms rather than a
		// placeholder ("Loading…"), once scripts have filled the page.
		rp, rerr := c.renderPart(ctx, p, ign)
		if rerr != nil {
			return Page{Status: pg.Status}, fmt.Errorf("%w (nor in the page rendered by a browser: %v)", err, rerr)
		}
		return rp, nil
	}
	return pg, err
}

// unfilled reports whether an extraction failed the way a page does before
// its scripts have filled it: the selectors match nothing, or only a
// placeholder (a loading page, a few words).
func unfilled(err error) bool {
	return errors.Is(err, model.FailureSelectorMissing) || errors.Is(err, model.FailureUnavailable) || errors.Is(err, model.FailureTooShort)
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

func (c *Capturer) renderPart(ctx context.Context, p model.Part, ign []*regexp.Regexp) (Page, error) {
	if c.browser == nil {
		return Page{}, model.FailureRender.Wrap(errors.New("this page needs a browser and no Chromium was found: install chromium-headless-shell or set settings.browser.path"))
	}
	startBudget(ctx) // a render has no politeness wait of the fetcher's
	html, final, err := c.browser.Render(ctx, p.URL, p.Select)
	if err != nil {
		var be *browser.Error
		if errors.As(err, &be) {
			return Page{Status: be.Status}, err
		}
		return Page{}, model.FailureRender.Wrap(err)
	}
	pg := Page{URL: final, Status: 200, Raw: []model.RawPage{{MediaType: mediaRendered, URL: final, Body: html}}}
	pg.Text, err = c.extractBody(ctx, html, "text/html", final, p, ign)
	return pg, err
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

// mediaRendered is the media type of the raw body of a page rendered in the
// browser (its DOM), not a plain HTTP response.
const mediaRendered = "text/html; rendered"

// extractBody turns a fetched body into text.
func (c *Capturer) extractBody(ctx context.Context, body []byte, mediaType, pageURL string, p model.Part, ign []*regexp.Regexp) (string, error) {
	switch {
	case mediaType == "text/plain" || mediaType == "text/markdown":
		text, err := extract.Text(body, extract.Options{Ignore: ign})
		return text, kinded(err)
	case mediaType == "application/pdf" || (mediaType == "" && isPDFURL(pageURL)):
		if c.pdf == nil {
			return "", model.FailureContentType.Wrap(errors.New("PDF documents need a PDF converter"))
		}
		text, err := c.pdf.Text(ctx, body)
		if err != nil {
			return "", model.FailurePDF.Wrap(err)
		}
		text, err = extract.Finish(text, extract.Options{Ignore: ign})
		return text, kinded(err)
	default:
		text, err := extract.HTML(body, extract.Options{Select: p.Select, Ranges: p.Ranges, Remove: p.Remove, BaseURL: pageURL, Ignore: ign})
		return text, kinded(err)
	}
}

// ignorePatterns compiles the document's ignore patterns (config checked
// them when it loaded the file).
func ignorePatterns(doc model.Document) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range doc.Ignore {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, model.FailureExtract.Wrap(fmt.Errorf("ignore: %w", err))
		}
		out = append(out, re)
	}
	return out, nil
}

func isPDFURL(u string) bool {
	pu, err := url.Parse(u)
	return err == nil && strings.HasSuffix(strings.ToLower(pu.Path), ".pdf")
}
