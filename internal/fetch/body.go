package fetch

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/andybalholm/brotli"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

var (
	// errTooLarge is returned by capReader past its limit.
	errTooLarge = errors.New("body too large")
	// errUnsupportedEncoding is a Content-Encoding we cannot undo.
	errUnsupportedEncoding = errors.New("unsupported content encoding")
)

// capReader fails with errTooLarge once more than left bytes are read. Unlike
// io.LimitReader it does not end quietly: an oversize body must fail, not
// come back truncated.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return n, errTooLarge
	}
	return n, err
}

// decompress undoes a Content-Encoding. Several codings are undone in the
// reverse of the order in which they were applied.
func decompress(r io.Reader, contentEncoding string) (io.Reader, error) {
	codings := strings.Split(contentEncoding, ",")
	for i := len(codings) - 1; i >= 0; i-- {
		switch c := strings.ToLower(strings.TrimSpace(codings[i])); c {
		case "", "identity":
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(r)
			if err == io.EOF { // an empty body, whatever its header says
				return bytes.NewReader(nil), nil
			}
			if err != nil {
				return nil, fmt.Errorf("gzip: %w", err)
			}
			r = zr
		case "deflate":
			r = newDeflateReader(r)
		case "br":
			r = brotli.NewReader(r)
		default:
			return nil, fmt.Errorf("%w %q", errUnsupportedEncoding, c)
		}
	}
	return r, nil
}

// newDeflateReader reads "deflate" bodies, which per RFC 9110 are zlib
// streams but which some servers send as raw deflate.
func newDeflateReader(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if h, err := br.Peek(2); err == nil && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
		if zr, err := zlib.NewReader(br); err == nil {
			return zr
		}
	}
	return flate.NewReader(br)
}

// Media types returned. Anything else (images, binaries, JSON …) fails
// with model.FailureContentType.
const (
	MediaHTML     = "text/html"
	MediaXHTML    = "application/xhtml+xml"
	MediaText     = "text/plain"
	MediaMarkdown = "text/markdown"
	MediaPDF      = "application/pdf"
)

// mediaType returns the lowercased media type of a Content-Type header,
// with text/x-markdown folded into text/markdown.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		// A bare "text/html;" or similar still names its type.
		mt, _, _ = strings.Cut(contentType, ";")
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	if mt == "text/x-markdown" {
		mt = MediaMarkdown
	}
	return mt
}

func allowedMedia(mt string) bool {
	switch mt {
	case MediaHTML, MediaXHTML, MediaText, MediaMarkdown, MediaPDF:
		return true
	}
	return false
}

// binaryMedia returns what a body declared as text really is when it is
// not text: a PDF, an image, compressed data (a proxy that dropped the
// Content-Encoding), or bytes no charset reads ("binary data"); "" for
// text. Read as text, such a body would be recorded as a version of
// garbage. A page is text when it starts like HTML or has few control
// bytes: a stray one does not make it binary.
func binaryMedia(body []byte) string {
	sniffed := mediaType(http.DetectContentType(body))
	switch {
	case sniffed == MediaPDF, strings.HasPrefix(sniffed, "image/"), strings.HasPrefix(sniffed, "audio/"),
		strings.HasPrefix(sniffed, "video/"), strings.HasPrefix(sniffed, "font/"),
		sniffed == "application/x-gzip", sniffed == "application/zip", sniffed == "application/x-rar-compressed",
		sniffed == "application/wasm", sniffed == "application/vnd.ms-fontobject":
		return sniffed
	case sniffed != "application/octet-stream":
		return ""
	}
	head := body[:min(len(body), 8<<10)]
	control := 0
	for _, b := range head {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b {
			control++
		}
	}
	// Random or compressed bytes are about 10% control bytes; a text
	// with a few stray ones is far below 5%.
	if control >= 8 && control*20 >= len(head) {
		return "binary data"
	}
	return ""
}

// needsSniff reports whether a declared type says nothing useful.
func needsSniff(mt string) bool {
	return mt == "" || mt == "application/octet-stream" || mt == "binary/octet-stream"
}

var (
	metaCharset = regexp.MustCompile(`(?is)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)
	xmlEncoding = regexp.MustCompile(`(?is)^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([a-z0-9_.:-]+)`)
)

// metaWindow is how far into an HTML page a <meta charset> is looked for.
// The HTML standard says 1024 bytes; real pages put it after kilobytes of
// inline scripts and styles.
const metaWindow = 64 << 10

// toUTF8 converts a text body to UTF-8. The charset comes from a byte order
// mark or the Content-Type header, then (for HTML) a <meta> tag or an XML
// declaration, then sniffing (sniffCharset): UTF-8, Shift_JIS or EUC-JP
// when the bytes read as such, else windows-1252, the Web's default. It returns the canonical name of
// the original charset. A UTF-8 body is not copied unless it has invalid
// bytes.
func toUTF8(body []byte, contentType, mt string) ([]byte, string) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain {
		enc, name = nil, ""
		if mt == MediaHTML || mt == MediaXHTML {
			head := body[:min(len(body), metaWindow)]
			for _, re := range []*regexp.Regexp{xmlEncoding, metaCharset} {
				if m := re.FindSubmatch(head); m != nil {
					if enc, name = charset.Lookup(string(m[1])); enc != nil {
						break
					}
				}
			}
			// A page that reached us as bytes cannot be UTF-16 whatever its
			// meta says (the HTML standard's rule).
			if strings.HasPrefix(name, "utf-16") {
				enc = nil
			}
		}
		if enc == nil {
			enc, name = sniffCharset(body)
		}
	}
	if name == "utf-8" {
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
		if !utf8.Valid(body) {
			body = bytes.ToValidUTF8(body, []byte("\uFFFD"))
		}
		return body, name
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil { // the decoders replace bad bytes; this is belt and braces
		return bytes.ToValidUTF8(body, []byte("\uFFFD")), name
	}
	return bytes.TrimPrefix(out, []byte("\xef\xbb\xbf")), name
}

// sniffCharset guesses the charset of an undeclared body: valid UTF-8 is
// UTF-8; bytes that decode as Shift_JIS or EUC-JP without error into runs
// of Japanese characters are that; anything else is windows-1252. The runs
// tell Japanese from a Latin text whose accented letters happen to pair
// into valid multi-byte sequences ("café" in Shift_JIS is one kanji inside
// a word, Japanese text is long runs of them).
func sniffCharset(body []byte) (encoding.Encoding, string) {
	if utf8.Valid(body) {
		return charset.Lookup("utf-8")
	}
	sample := body[:min(len(body), 256<<10)]
	for _, name := range []string{"shift_jis", "euc-jp"} {
		enc, canonical := charset.Lookup(name)
		out, err := enc.NewDecoder().Bytes(sample)
		if err == nil && japaneseRuns(out) {
			return enc, canonical
		}
	}
	return charset.Lookup("windows-1252")
}

// japaneseRuns reports whether decoded text has no replacement characters
// near its start and its non-ASCII characters are mostly Japanese, in runs
// of three or more on average.
func japaneseRuns(s []byte) bool {
	var japanese, other, runs, inRun int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		i += size
		switch {
		case r == utf8.RuneError:
			if i < len(s)-4 { // a sequence cut at the end of the sample is no evidence
				return false
			}
		case r < utf8.RuneSelf:
			inRun = 0
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef:
			japanese++
			if inRun == 0 {
				runs++
			}
			inRun++
		default:
			other++
			inRun = 0
		}
	}
	return japanese >= 8 && japanese > 4*other && japanese >= 3*runs
}

// formatBytes writes a size the way people set it: "10 MiB", "512 KiB".
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
