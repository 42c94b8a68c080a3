package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/corpustest"
	"golang.org/x/text/encoding/charmap"
)

// benchPage is a real terms page from the corpus when there is one, else a
// generated page of similar size.
func benchPage(b *testing.B) []byte {
	files, _ := filepath.Glob(filepath.Join(corpustest.Path("replay"), "*", "0000.html.gz"))
	if len(files) > 0 {
		return gunzipFile(b, files[0])
	}
	return []byte("<html><body>" + strings.Repeat("<p>Limitation of liability. In no event will we be liable for indirect damages.</p>\n", 2500) + "</body></html>")
}

func BenchmarkFetch(b *testing.B) {
	body := benchPage(b)
	for _, coding := range []string{"identity", "gzip", "br"} {
		b.Run(coding, func(b *testing.B) {
			wire := body
			if coding != "identity" {
				wire = compress(b, coding, body)
			}
			srv := serveB(b, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				w.Header().Set("Content-Encoding", coding)
				w.Write(wire)
			})
			opts := testOptions()
			opts.Timeout, opts.PerHost = 30*time.Second, 8
			c, err := New(opts)
			if err != nil {
				b.Fatal(err)
			}
			defer c.CloseIdleConnections()
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Fetch(context.Background(), Request{URL: srv}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func serveB(b *testing.B, h http.HandlerFunc) string {
	s := httptest.NewServer(h)
	b.Cleanup(s.Close)
	return s.URL
}

func BenchmarkToUTF8(b *testing.B) {
	page := benchPage(b)
	latin, err := charmap.Windows1252.NewEncoder().Bytes([]byte(strings.ToValidUTF8(string(page), "?")))
	if err != nil {
		// Characters outside windows-1252: keep the ASCII-only benchmark honest.
		latin = []byte(strings.Map(func(r rune) rune {
			if r > 0x7f {
				return 'e'
			}
			return r
		}, string(page)))
	}
	for _, tt := range []struct {
		name, ct string
		body     []byte
	}{
		{"utf-8", "text/html; charset=utf-8", page},
		{"windows-1252", "text/html; charset=windows-1252", latin},
	} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(tt.body)))
			for b.Loop() {
				toUTF8(tt.body, tt.ct, MediaHTML)
			}
		})
	}
}

func BenchmarkDetectWall(b *testing.B) {
	page := benchPage(b)
	h := http.Header{}
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, blocked := DetectWall(200, h, "https://vendor.example/terms", page); blocked {
			b.Fatal("a terms page taken for a wall")
		}
	}
}
