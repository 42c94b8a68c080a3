package capture

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"

	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/model"
)

// ErrPartsChanged: a stored single-page body cannot be extracted as a
// multi-page document; only a new capture can tell.
var ErrPartsChanged = errors.New("a single page became a multi-page document")

// Reextract extracts a stored raw body again with the document's current
// settings. mediaType and sourceURL are those stored with the body.
func (c *Capturer) Reextract(ctx context.Context, doc model.Document, raw []byte, mediaType, sourceURL string) (string, error) {
	ps := parts(doc)
	switch {
	case mediaType == MediaCombined:
		return c.extractParts(ctx, raw, ps)
	case len(ps) == 1:
		return c.extractBody(ctx, raw, mediaType, sourceURL, ps[0])
	}
	return "", ErrPartsChanged
}

// ExtractKey identifies the settings a text was extracted with: the
// extractor's revision and the document's selectors. When it changes, the
// latest raw body is extracted again (see Reextract).
func ExtractKey(doc model.Document) string {
	b, _ := json.Marshal(struct {
		Rev            int
		Select, Remove []string
		Ranges         []model.Range
		Combine        []model.Part
	}{extract.Revision, doc.Select, doc.Remove, doc.Ranges, doc.Combine})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
