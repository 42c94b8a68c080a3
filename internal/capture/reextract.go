package capture

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/toswatch/toswatch/internal/extract"
	"github.com/toswatch/toswatch/internal/model"
)

// ErrPartsChanged: a stored single-page body cannot be extracted as a
// multi-page document; only a new capture can tell.
var ErrPartsChanged = errors.New("a single page became a multi-page document")

// Reextract extracts the stored raw bodies of a version again with the
// document's current settings, each page with the settings of the part at
// the same position.
func (c *Capturer) Reextract(ctx context.Context, doc model.Document, raw []model.RawPage) (string, error) {
	ign, err := ignorePatterns(doc)
	if err != nil {
		return "", err
	}
	ps := parts(doc)
	if len(raw) == 1 && len(ps) > 1 {
		return "", ErrPartsChanged
	}
	if len(raw) != len(ps) {
		return "", fmt.Errorf("the document now has %d parts, the stored body %d", len(ps), len(raw))
	}
	texts := make([]string, len(raw))
	for i, r := range raw {
		if texts[i], err = c.extractBody(ctx, r.Body, r.MediaType, r.URL, ps[i], ign); err != nil {
			return "", err
		}
	}
	return strings.Join(texts, "\n"), nil
}

// ExtractKey identifies the settings a text was extracted with: the
// extractor's revision, the document's selectors and its ignore patterns.
// When it changes, the latest raw body is extracted again (see Reextract).
func ExtractKey(doc model.Document) string {
	key := struct {
		Rev            int
		Select, Remove []string
		Ranges         []model.Range
		Combine        []model.Part
		Ignore         []string `json:",omitempty"` // absent without patterns: keys from before it stay valid
	}{extract.Revision, doc.Select, doc.Remove, doc.Ranges, doc.Combine, doc.Ignore}
	b, _ := json.Marshal(key)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}
