package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/toswatch/toswatch/internal/model"
	"golang.org/x/net/html/charset"
)

func compress(t testing.TB, coding string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "deflate":
		w = zlib.NewWriter(&buf)
	case "raw-deflate":
		w, _ = flate.NewWriter(&buf, flate.DefaultCompression)
	case "br":
		w = brotli.NewWriter(&buf)
	default:
		t.Fatalf("unknown coding %q", coding)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// serveBody serves body with the given headers.
func serveBody(t *testing.T, body []byte, header ...string) string {
	t.Helper()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Write(body)
	})
	return srv.URL + "/terms"
}

func TestFetchBrotli(t *testing.T) {
	want := strings.Repeat("<p>Limitation of liability.</p>\n", 500)
	tests := []struct{ name, coding, header string }{
		{"brotli", "br", "br"},
		{"gzip", "gzip", "gzip"},
		{"x-gzip", "gzip", "x-gzip"},
		{"deflate zlib", "deflate", "deflate"},
		{"deflate raw", "raw-deflate", "deflate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := serveBody(t, compress(t, tt.coding, []byte(want)), "Content-Type", "text/html", "Content-Encoding", tt.header)
			c, _ := newTestClient(t, testOptions())
			resp := fetchOK(t, c, Request{URL: url})
			if string(resp.Body) != want {
				t.Errorf("Body = %.60q…, want %.60q…", resp.Body, want)
			}
		})
	}
}

func TestFetchGzipThenBrotli(t *testing.T) {
	want := "<p>Terms, compressed twice.</p>"
	body := compress(t, "br", compress(t, "gzip", []byte(want)))
	url := serveBody(t, body, "Content-Type", "text/html", "Content-Encoding", "gzip, br")
	c, _ := newTestClient(t, testOptions())
	if got := fetchOK(t, c, Request{URL: url}).Body; string(got) != want {
		t.Errorf("Body = %q, want %q", got, want)
	}
}

func TestFetchUnknownEncoding(t *testing.T) {
	url := serveBody(t, []byte("zzzz"), "Content-Type", "text/html", "Content-Encoding", "zstd")
	c, _ := newTestClient(t, testOptions())
	fetchErr(t, c, url, model.FailureContentType)
}

func TestFetchTooLarge(t *testing.T) {
	const limit = 64 << 10
	big := bytes.Repeat([]byte("a"), limit+1)
	exact := bytes.Repeat([]byte("a"), limit)
	tests := []struct {
		name   string
		handle http.HandlerFunc
		ok     bool
	}{
		{"content-length", func(w http.ResponseWriter, r *http.Request) { w.Write(big) }, false},
		{"chunked", func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < len(big); i += 1000 {
				w.Write(big[i:min(i+1000, len(big))])
				w.(http.Flusher).Flush()
			}
		}, false},
		{"exactly the limit", func(w http.ResponseWriter, r *http.Request) { w.Write(exact) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				tt.handle(w, r)
			})
			opts := testOptions()
			opts.MaxBodyBytes = limit
			c, _ := newTestClient(t, opts)
			if tt.ok {
				if got := fetchOK(t, c, Request{URL: srv.URL}); len(got.Body) != limit {
					t.Errorf("len(Body) = %d, want %d", len(got.Body), limit)
				}
				return
			}
			fe := fetchErr(t, c, srv.URL, model.FailureTooLarge)
			if !strings.Contains(fe.Error(), "body over 64 KiB") {
				t.Errorf("Error() = %q, want it to name the limit", fe)
			}
		})
	}
}

// bomb returns a small body that decompresses to at least size zero bytes.
// The gzip one repeats a 1 MiB member (a valid multi-member stream), which
// is far cheaper to build than compressing the whole.
func bomb(t *testing.T, coding string, size int) []byte {
	t.Helper()
	if coding == "gzip" {
		member := compress(t, "gzip", make([]byte, 1<<20))
		return bytes.Repeat(member, size>>20)
	}
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestSpeed)
	w.Write(make([]byte, size))
	w.Close()
	return buf.Bytes()
}

func TestFetchGzipBomb(t *testing.T) {
	const limit = 256 << 10
	for _, coding := range []string{"gzip", "br"} {
		t.Run(coding, func(t *testing.T) {
			b := bomb(t, coding, 4<<20) // 16 times the limit
			if len(b) >= limit/4 {
				t.Fatalf("bomb is %d bytes compressed, want it far under the limit", len(b))
			}
			url := serveBody(t, b, "Content-Type", "text/html", "Content-Encoding", coding)
			opts := testOptions()
			opts.MaxBodyBytes = limit
			c, _ := newTestClient(t, opts)
			fe := fetchErr(t, c, url, model.FailureTooLarge)
			if want := "too_large: body over 256 KiB from " + url; fe.Error() != want {
				t.Errorf("Error() = %q, want %q", fe, want)
			}
		})
	}
}

func TestFetchContentType(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	pdf := []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
	tests := []struct {
		name, ct  string
		body      []byte
		wantMedia string // "" for a content_type failure
	}{
		{"image", "image/png", png, ""},
		{"json", "application/json", []byte(`{"terms":1}`), ""},
		{"octet-stream png", "application/octet-stream", png, ""},
		{"zip", "application/zip", []byte("PK\x03\x04"), ""},
		{"html", "text/html; charset=utf-8", []byte(page), MediaHTML},
		{"xhtml", "application/xhtml+xml", []byte(page), MediaXHTML},
		{"plain", "text/plain", []byte("Terms of Service\n\n1. Scope"), MediaText},
		{"markdown", "text/markdown; charset=utf-8", []byte("# Terms\n\n1. Scope"), MediaMarkdown},
		{"x-markdown", "text/x-markdown", []byte("# Terms"), MediaMarkdown},
		{"pdf", "application/pdf", pdf, MediaPDF},
		{"octet-stream pdf", "application/octet-stream", pdf, MediaPDF},
		{"none, html", "", []byte(page), MediaHTML},
		// A body that is not what its header declares: a proxy that
		// dropped Content-Encoding, a file served with the site's default
		// type. Read as text, it became a version of garbage.
		{"html declared, gzip body", "text/html; charset=utf-8", compress(t, "gzip", []byte(page)), ""},
		{"html declared, binary body", "text/html; charset=utf-8", binaryBody(), ""},
		{"html declared, png body", "text/html", png, ""},
		{"html declared, pdf body", "text/html", pdf, MediaPDF},
		{"html with a stray control byte", "text/html", []byte("\x01" + page), MediaHTML},
		{"plain text with an escape", "text/plain", []byte("\x1b[1mTerms of Service\x1b[0m\n\n1. Scope. These terms govern the service."), MediaText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header()["Content-Type"] = []string{tt.ct} // "" stops net/http sniffing
				w.Write(tt.body)
			})
			c, _ := newTestClient(t, testOptions())
			if tt.wantMedia == "" {
				fetchErr(t, c, srv.URL, model.FailureContentType)
				return
			}
			resp := fetchOK(t, c, Request{URL: srv.URL})
			if resp.MediaType != tt.wantMedia {
				t.Errorf("MediaType = %q, want %q", resp.MediaType, tt.wantMedia)
			}
			if tt.wantMedia == MediaPDF && (!bytes.Equal(resp.Body, tt.body) || resp.Charset != "") {
				t.Errorf("PDF Body, Charset = %q, %q; want the raw bytes and no charset", resp.Body, resp.Charset)
			}
		})
	}
}

func TestFetchEmpty(t *testing.T) {
	tests := []struct {
		name   string
		status int
		body   string
		coding string
	}{
		{"no body", 200, "", ""},
		{"white space", 200, " \n\t\r\n ", ""},
		{"204", http.StatusNoContent, "", ""},
		{"empty gzip", 200, "", "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				body := []byte(tt.body)
				if tt.coding != "" {
					w.Header().Set("Content-Encoding", tt.coding)
					body = compress(t, tt.coding, body)
				}
				w.WriteHeader(tt.status)
				w.Write(body)
			})
			c, _ := newTestClient(t, testOptions())
			fetchErr(t, c, srv.URL, model.FailureEmpty)
		})
	}
}

func TestFetchWindows1252(t *testing.T) {
	want := "Conditions d’utilisation — Société Générale: «responsabilité» limitée à 100 €."
	body := readTestdata(t, "windows-1252.html")
	tests := []struct{ name, ct string }{
		{"meta tag", "text/html"},
		{"header", "text/html; charset=windows-1252"},
		{"header overrides meta", "text/html; charset=cp1252"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, testOptions())
			resp := fetchOK(t, c, Request{URL: serveBody(t, body, "Content-Type", tt.ct)})
			if !strings.Contains(string(resp.Body), want) || resp.Charset != "windows-1252" {
				t.Errorf("Charset, Body = %q, %q; want windows-1252 and a body containing %q", resp.Charset, resp.Body, want)
			}
		})
	}
}

func TestFetchISO88591(t *testing.T) {
	want := "Nutzungsbedingungen: Haftung für Schäden ist ausgeschlossen. Größe: ½ × ¼. Ça marche.\n"
	body := readTestdata(t, "iso-8859-1.txt")
	// ISO-8859-1 is read as its superset windows-1252, as browsers do.
	tests := []struct{ name, ct string }{
		{"header", "text/plain; charset=ISO-8859-1"},
		{"latin1 label", "text/plain; charset=latin1"},
		{"sniffed", "text/plain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := newTestClient(t, testOptions())
			resp := fetchOK(t, c, Request{URL: serveBody(t, body, "Content-Type", tt.ct)})
			if string(resp.Body) != want || resp.MediaType != MediaText || resp.Charset != "windows-1252" {
				t.Errorf("Body, MediaType, Charset = %q, %q, %q; want %q, text/plain, windows-1252", resp.Body, resp.MediaType, resp.Charset, want)
			}
		})
	}
}

func TestFetchShiftJIS(t *testing.T) {
	want := "利用規約：当社は、本サービスに関して一切の責任を負いません。"
	body := readTestdata(t, "shift_jis.html")
	for _, ct := range []string{"text/html", "text/html; charset=Shift_JIS"} {
		t.Run(ct, func(t *testing.T) {
			c, _ := newTestClient(t, testOptions())
			resp := fetchOK(t, c, Request{URL: serveBody(t, body, "Content-Type", ct)})
			if !strings.Contains(string(resp.Body), want) || resp.Charset != "shift_jis" {
				t.Errorf("Charset, Body = %q, %q; want shift_jis and a body containing %q", resp.Charset, resp.Body, want)
			}
		})
	}
}

func TestToUTF8(t *testing.T) {
	lateMeta := "<html><head><script>" + strings.Repeat("var x = 1;\n", 300) + "</script><meta charset=\"iso-8859-15\"></head><body>\xa4 5</body></html>"
	tests := []struct {
		name, ct, mt, body string
		want, wantCharset  string
	}{
		{"utf-8 BOM", "text/html", MediaHTML, "\xef\xbb\xbf<p>é</p>", "<p>é</p>", "utf-8"},
		{"meta after 1024 bytes", "text/html", MediaHTML, lateMeta, strings.Replace(lateMeta, "\xa4", "€", 1), "iso-8859-15"},
		{"ascii head, 1252 tail", "text/html", MediaHTML, "<p>" + strings.Repeat("a", 2000) + "\x93q\x94</p>", "<p>" + strings.Repeat("a", 2000) + "“q”</p>", "windows-1252"},
		{"meta ignored in text/plain", "text/plain", MediaText, `<meta charset="shift_jis"> caf` + "\xc3\xa9", `<meta charset="shift_jis"> café`, "utf-8"},
		{"utf-8 header, bad bytes", "text/html; charset=utf-8", MediaHTML, "a\xffb", "a\uFFFDb", "utf-8"},
		{"xml declaration", "application/xhtml+xml", MediaXHTML, `<?xml version="1.0" encoding="ISO-8859-1"?><p>` + "\xe9</p>", `<?xml version="1.0" encoding="ISO-8859-1"?><p>é</p>`, "windows-1252"},
		{"undeclared shift_jis", "text/html", MediaHTML, sjis("<p>利用規約：当社は、本サービスに関して一切の責任を負いません。</p>"),
			"<p>利用規約：当社は、本サービスに関して一切の責任を負いません。</p>", "shift_jis"},
		{"undeclared euc-jp", "text/plain", MediaText, eucjp("利用規約：当社は、本サービスに関して一切の責任を負いません。"),
			"利用規約：当社は、本サービスに関して一切の責任を負いません。", "euc-jp"},
		// Every accented letter here pairs with the next byte into a valid
		// Shift_JIS character: only the short runs tell it is not Japanese.
		{"latin text that pairs like shift_jis", "text/html", MediaHTML, strings.Repeat("<p>Soci\xe9t\xe9s fran\xe7aises, caf\xe9s et th\xe9\xe2tres</p>", 3),
			strings.Repeat("<p>Sociétés françaises, cafés et théâtres</p>", 3), "windows-1252"},
		{"latin text with bytes that cannot be shift_jis", "text/html", MediaHTML, "<p>Soci\xe9t\xe9 fran\xe7aise \x96 \x93r\xe9sum\xe9\x94 pour l'\xe9t\xe9.</p>",
			"<p>Société française – “résumé” pour l'été.</p>", "windows-1252"},
		{"utf-16 meta means utf-8", "text/html", MediaHTML, `<meta charset="utf-16"><p>é</p>`, `<meta charset="utf-16"><p>é</p>`, "utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, cs := toUTF8([]byte(tt.body), tt.ct, tt.mt)
			if string(got) != tt.want || cs != tt.wantCharset {
				t.Errorf("toUTF8 = %.80q, %q; want %.80q, %q", got, cs, tt.want, tt.wantCharset)
			}
		})
	}
}

func sjis(s string) string  { return encodeWith("shift_jis", s) }
func eucjp(s string) string { return encodeWith("euc-jp", s) }

func encodeWith(name, s string) string {
	enc, _ := charset.Lookup(name)
	b, err := enc.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{10 << 20: "10 MiB", 64 << 10: "64 KiB", 1000: "1000 bytes", 3<<20 + 1: fmt.Sprint(3<<20+1) + " bytes"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// binaryBody is bytes that are no text in any charset: what random or
// compressed data looks like.
func binaryBody() []byte {
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(i*151 + i/7)
	}
	return b
}
