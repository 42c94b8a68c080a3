package tracker

import (
	"context"
	"errors"
	"fmt"

	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/fetch"
	"github.com/toswatch/toswatch/internal/model"
)

// captured is one fetched and extracted page.
type captured struct {
	url                string
	status             int
	notModified        bool
	etag, lastModified string
	mediaType          string
	raw                []byte
	text               string
}

// capture fetches a document and extracts its text.
func (t *Tracker) capture(ctx context.Context, doc model.Document, req fetch.Request) (captured, error) {
	resp, err := t.Fetch.Fetch(ctx, req)
	if err != nil {
		var fe *fetch.Error
		if errors.As(err, &fe) {
			return captured{status: fe.Status}, err
		}
		return captured{}, &checkError{kind: fetch.KindNetwork, err: err}
	}
	c := captured{url: resp.URL, status: resp.Status, notModified: resp.NotModified,
		etag: resp.ETag, lastModified: resp.LastModified, mediaType: resp.MediaType, raw: resp.Body}
	if resp.NotModified {
		return c, nil
	}
	c.text, err = extractBody(resp.Body, resp.MediaType, resp.URL, doc.Select, doc.Remove)
	return c, err
}

// extractBody turns a fetched body into the document's text.
func extractBody(body []byte, mediaType, pageURL string, sel, remove []string) (string, error) {
	switch mediaType {
	case "text/plain", "text/markdown":
		text, err := extract.Text(body)
		return text, kinded(err)
	case "application/pdf":
		return "", &checkError{kind: "content_type", err: fmt.Errorf("PDF documents are not supported yet")}
	default:
		text, err := extract.HTML(body, extract.Options{Select: sel, Remove: remove, BaseURL: pageURL})
		return text, kinded(err)
	}
}

// kinded names an extraction failure by its kind.
func kinded(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, extract.ErrSelectorMissing):
		return &checkError{kind: "selector_missing", err: err}
	case errors.Is(err, extract.ErrTooShort):
		return &checkError{kind: "too_short", err: err}
	}
	return &checkError{kind: "extract", err: err}
}
