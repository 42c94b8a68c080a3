package pdf

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// converters returns the converters to test; pdftotext only when installed.
func converters(t *testing.T) map[string]Converter {
	cs := map[string]Converter{"native": Native()}
	if path, err := exec.LookPath("pdftotext"); err == nil {
		cs["pdftotext"] = Poppler(path)
	} else {
		t.Log("pdftotext not on PATH (install poppler-utils): testing the native converter only")
	}
	return cs
}

func want(paras []string) string {
	return strings.ReplaceAll(strings.Join(paras, "\n"), "~", "") + "\n"
}

func TestConvertersRebuildParagraphs(t *testing.T) {
	for _, sections := range []int{3, 40} {
		paras := termsParas(sections)
		data, splits := genPDF("Acme Cloud Terms of Service", paras)
		if splits == 0 {
			t.Fatalf("%d sections: the generated PDF splits no word at a line end; the test would not exercise de-hyphenation", sections)
		}
		pages := bytes.Count(data, []byte("/Type /Page "))
		if sections == 40 && pages < 15 {
			t.Fatalf("%d sections: %d pages, want a long document", sections, pages)
		}
		raw, err := native{}.pageText(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []string{"Page 2 of", "Acme Cloud Terms of Service\n", "-\n", "\f"} {
			if !strings.Contains(raw, s) {
				t.Fatalf("%d sections: raw page text has no %q; the test would not exercise what it should", sections, s)
			}
		}
		for name, c := range converters(t) {
			t.Run(name, func(t *testing.T) {
				got, err := c.Text(context.Background(), data)
				if err != nil {
					t.Fatal(err)
				}
				if w := want(paras); got != w {
					t.Errorf("%d sections, %d pages:\n%s", sections, pages, lineDiff(got, w))
				}
			})
		}
	}
}

// lineDiff shows the first lines where got and want differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + itoa(i+1) + ":\n got: " + gl + "\nwant: " + wl
		}
	}
	return "(equal)"
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

func fmtInt(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return fmtInt(i/10) + string(rune('0'+i%10))
}

func TestBadPDFs(t *testing.T) {
	good, _ := genPDF("Header", termsParas(1))
	blank := writePDF([][]placed{{}})
	page := []placed{{72, 700, 11, "These terms are secret."}}
	encrypted := writeEncryptedPDF([][]placed{page}, "secret")
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrInvalid},
		{"html", []byte("<!doctype html><p>Terms</p>"), ErrInvalid},
		{"truncated", good[:len(good)/3], ErrInvalid},
		{"garbage body", append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0xff, '(', '<', '/'}, 500)...), ErrInvalid},
		{"no text", blank, ErrNoText},
		{"encrypted", encrypted, ErrEncrypted},
	}
	for name, c := range converters(t) {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				got, err := c.Text(context.Background(), tt.data)
				if !errors.Is(err, tt.want) {
					t.Fatalf("got %q, %v; want error %v", got, err, tt.want)
				}
				if !strings.HasPrefix(err.Error(), "pdf: ") {
					t.Errorf("error %q does not say it is about a PDF", err)
				}
			})
		}
	}
}

func TestCancelled(t *testing.T) {
	data, _ := genPDF("Header", termsParas(2))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, c := range converters(t) {
		t.Run(name, func(t *testing.T) {
			if _, err := c.Text(ctx, data); !errors.Is(err, context.Canceled) {
				t.Errorf("got %v, want context.Canceled", err)
			}
		})
	}
}

func BenchmarkConvert20Pages(b *testing.B) {
	data, _ := genPDF("Acme Cloud Terms of Service", termsParas(40))
	b.Logf("%d pages, %d KiB", bytes.Count(data, []byte("/Type /Page ")), len(data)>>10)
	cs := map[string]Converter{"native": Native()}
	if path, err := exec.LookPath("pdftotext"); err == nil {
		cs["pdftotext"] = Poppler(path)
	}
	for name, c := range cs {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := c.Text(context.Background(), data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
