package capture

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// The raw body of a multi-page document keeps each part's body, so that the
// document can be extracted again when its selectors change. Each part is a
// header line "\x00part MEDIATYPE URL LENGTH\n" followed by LENGTH bytes.
const partMagic = "\x00part "

func writePart(w *bytes.Buffer, mediaType, url string, body []byte) {
	fmt.Fprintf(w, "%s%s %s %d\n", partMagic, strings.ReplaceAll(mediaType, " ", "_"), url, len(body))
	w.Write(body)
}

type rawPart struct {
	mediaType, url string
	body           []byte
}

func readParts(raw []byte) ([]rawPart, error) {
	var out []rawPart
	for len(raw) > 0 {
		if !bytes.HasPrefix(raw, []byte(partMagic)) {
			return nil, fmt.Errorf("combined body: part %d: bad header", len(out)+1)
		}
		nl := bytes.IndexByte(raw, '\n')
		if nl < 0 {
			return nil, fmt.Errorf("combined body: part %d: truncated header", len(out)+1)
		}
		f := strings.Fields(string(raw[len(partMagic):nl]))
		if len(f) != 3 {
			return nil, fmt.Errorf("combined body: part %d: bad header", len(out)+1)
		}
		n, err := strconv.Atoi(f[2])
		if err != nil || n < 0 || nl+1+n > len(raw) {
			return nil, fmt.Errorf("combined body: part %d: bad length", len(out)+1)
		}
		out = append(out, rawPart{strings.ReplaceAll(f[0], "_", " "), f[1], raw[nl+1 : nl+1+n]})
		raw = raw[nl+1+n:]
	}
	return out, nil
}

// extractParts extracts each stored part with the settings of the part at
// the same position; it fails when the number of parts changed.
func (c *Capturer) extractParts(ctx context.Context, raw []byte, ps []model.Part) (string, error) {
	rps, err := readParts(raw)
	if err != nil {
		return "", err
	}
	if len(rps) != len(ps) {
		return "", fmt.Errorf("the document now has %d parts, the stored body %d", len(ps), len(rps))
	}
	texts := make([]string, len(rps))
	for i, rp := range rps {
		if texts[i], err = c.extractBody(ctx, rp.body, rp.mediaType, rp.url, ps[i]); err != nil {
			return "", err
		}
	}
	return strings.Join(texts, "\n"), nil
}
