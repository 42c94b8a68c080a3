package pdf

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
)

type native struct{}

// Native returns the pure-Go converter (github.com/ledongthuc/pdf). It
// rebuilds lines from the positioned glyphs of each page, so it needs no
// program on the machine; pdftotext copes better with unusual fonts.
func Native() Converter { return native{} }

func (n native) Text(ctx context.Context, data []byte) (string, error) {
	raw, err := n.pageText(ctx, data)
	if err != nil {
		return "", err
	}
	return finish(raw)
}

// pageText returns the lines of every page, pages separated by \f.
func (native) pageText(ctx context.Context, data []byte) (text string, err error) {
	ctx, cancel := withTimeout(ctx)
	defer cancel()
	// The reader panics on many kinds of damage; a bad PDF from a vendor
	// must not take the tracker down.
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%w: %v", ErrInvalid, r)
		}
	}()
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, lpdf.ErrInvalidPassword) {
			return "", ErrEncrypted
		}
		if strings.Contains(err.Error(), "encrypt") {
			return "", fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		return "", fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	n := r.NumPage()
	if n <= 0 {
		return "", fmt.Errorf("%w: no pages", ErrInvalid)
	}
	if n > maxPages {
		return "", fmt.Errorf("%w: %d pages, over the %d limit", ErrInvalid, n, maxPages)
	}
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return "", fmt.Errorf("pdf: page %d: %w", i, err)
		}
		if i > 1 {
			b.WriteByte('\f')
		}
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		writeLines(&b, p.Content().Text)
	}
	return b.String(), nil
}

// writeLines writes the glyphs of one page as lines of text, top to
// bottom, with a blank line where the gap between two lines is clearly
// wider than the page's usual line spacing (a paragraph gap, as pdftotext
// marks it too).
func writeLines(b *strings.Builder, glyphs []lpdf.Text) {
	lines := groupLines(glyphs)
	var gaps []float64
	for i := 1; i < len(lines); i++ {
		gaps = append(gaps, lines[i-1].y-lines[i].y)
	}
	spacing := median(gaps)
	for i, l := range lines {
		if i > 0 && spacing > 0 && lines[i-1].y-l.y > 1.4*spacing {
			b.WriteByte('\n')
		}
		b.WriteString(l.text())
		b.WriteByte('\n')
	}
}

type line struct {
	y      float64
	glyphs []lpdf.Text
}

// groupLines sorts glyphs into lines: glyphs whose baselines are within a
// third of the font size share a line, read left to right.
func groupLines(glyphs []lpdf.Text) []*line {
	gs := slices.DeleteFunc(slices.Clone(glyphs), func(g lpdf.Text) bool {
		return g.S == "\n" || g.S == "" // TJ ends its run with a "\n" glyph
	})
	slices.SortStableFunc(gs, func(a, b lpdf.Text) int { return cmp.Compare(b.Y, a.Y) })
	var lines []*line
	for _, g := range gs {
		tol := math.Max(g.FontSize, 1) / 3
		if len(lines) == 0 || lines[len(lines)-1].y-g.Y > tol {
			lines = append(lines, &line{y: g.Y})
		}
		l := lines[len(lines)-1]
		l.glyphs = append(l.glyphs, g)
	}
	for _, l := range lines {
		slices.SortStableFunc(l.glyphs, func(a, b lpdf.Text) int { return cmp.Compare(a.X, b.X) })
	}
	return lines
}

// text joins a line's glyphs, putting a space where the gap between two
// glyphs is wider than a fifth of the font size and the PDF drew none
// (many PDFs position words instead of drawing spaces).
func (l *line) text() string {
	var sb strings.Builder
	var prev *lpdf.Text
	for i := range l.glyphs {
		g := &l.glyphs[i]
		if prev != nil && g.S != " " && prev.S != " " && prev.W > 0 {
			if g.X-(prev.X+prev.W) > math.Max(g.FontSize, 1)/5 {
				sb.WriteByte(' ')
			}
		}
		sb.WriteString(g.S)
		prev = g
	}
	return sb.String()
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
