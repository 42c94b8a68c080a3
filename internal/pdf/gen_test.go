package pdf

import (
	"bytes"
	"crypto/md5"
	"crypto/rc4"
	"encoding/binary"
	"fmt"
	"strings"
)

// This file writes the PDFs the tests read: no binary fixture is needed,
// and the source paragraphs of every generated PDF are known, so a test
// can compare a converter's output with them exactly.

// helvetica holds the advance widths of Helvetica for the codes 32–126 in
// thousandths of an em (Adobe's AFM), so that the text wraps as in a real
// PDF and readers can place each glyph.
var helvetica = [95]int{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space – /
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 – ?
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ – O
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P – _
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` – o
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p – ~
}

const (
	fontSize   = 11.0
	leading    = 13.5
	paraGap    = 8.0
	textWidth0 = 468.0 // 6.5 inches
	topY       = 720.0
	bottomY    = 72.0
)

func strWidth(s string, size float64) float64 {
	w := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 32 && c <= 126 {
			w += helvetica[c-32]
		}
	}
	return float64(w) * size / 1000
}

type placed struct {
	x, y, size float64
	text       string
}

// genPDF lays out paragraphs of ASCII text in Helvetica on US Letter pages,
// hard-wrapped at 6.5 inches, with a running header and "Page n of m"
// footers. A "~" in a word marks where it may be hyphenated at a line end.
// It returns the PDF and how many words it split with a hyphen.
func genPDF(header string, paras []string) (data []byte, splits int) {
	var pages [][]placed
	var page []placed
	y := topY
	newLine := func(text string, gap float64) {
		if page != nil && y-gap-leading < bottomY {
			pages = append(pages, page)
			page, y, gap = nil, topY, 0
		}
		if page == nil {
			page = []placed{}
		} else {
			y -= gap + leading
		}
		page = append(page, placed{72, y, fontSize, text})
	}
	for _, p := range paras {
		gap := paraGap
		cur := ""
		emit := func() {
			newLine(cur, gap)
			gap, cur = 0, ""
		}
		for _, w := range strings.Fields(p) {
			for w != "" {
				plain := strings.ReplaceAll(w, "~", "")
				if cur == "" || strWidth(cur+" "+plain, fontSize) <= textWidth0 {
					cur = strings.TrimPrefix(cur+" "+plain, " ")
					break
				}
				// Split at the last "~" whose first half still fits.
				cut := -1
				for i := strings.LastIndex(w, "~"); i > 0; i = strings.LastIndex(w[:i], "~") {
					head := strings.ReplaceAll(w[:i], "~", "") + "-"
					if strWidth(cur+" "+head, fontSize) <= textWidth0 {
						cut = i
						break
					}
				}
				if cut < 0 {
					emit()
					continue
				}
				cur += " " + strings.ReplaceAll(w[:cut], "~", "") + "-"
				splits++
				emit()
				w = w[cut+1:]
			}
		}
		if cur != "" {
			emit()
		}
	}
	pages = append(pages, page)
	for i := range pages {
		pages[i] = append(pages[i],
			placed{72, 756, 9, header},
			placed{270, 40, 9, fmt.Sprintf("Page %d of %d", i+1, len(pages))})
	}
	return writePDF(pages), splits
}

// writePDF writes a PDF 1.4 file: a catalog, a page tree, one Helvetica
// font with its widths, and for each page a page object and an
// uncompressed content stream.
func writePDF(pages [][]placed) []byte { return writeEncryptedPDF(pages, "") }

// writeEncryptedPDF writes the PDF encrypted with RC4 (security handler
// revision 2) under a user password, when it is not empty.
func writeEncryptedPDF(pages [][]placed, password string) []byte {
	var b bytes.Buffer
	var enc *rc4Keys
	if password != "" {
		enc = newRC4Keys(password)
	}
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	widths := make([]string, len(helvetica))
	for i, w := range helvetica {
		widths[i] = fmt.Sprint(w)
	}
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [" + strings.Join(widths, " ") + "] >>")
	esc := strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`)
	for i, page := range pages {
		var c strings.Builder
		for _, p := range page {
			fmt.Fprintf(&c, "BT /F1 %g Tf %g %g Td (%s) Tj ET\n", p.size, p.x, p.y, esc.Replace(p.text))
		}
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i))
		stream := c.String()
		if enc != nil {
			stream = enc.encrypt(len(offsets)+1, stream)
		}
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	extra := ""
	if enc != nil {
		extra = enc.trailer()
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, extra, xref)
	return b.Bytes()
}

// termsParas returns the source paragraphs of a terms document with the
// given number of sections: numbered headings, wrapped clauses, a list,
// and a disclaimer in capitals, with hyphenation points in long words.
func termsParas(sections int) []string {
	titles := []string{"Definitions", "Use of the Services", "Fees and Payment", "Confidentiality", "LIMITATION OF LIABILITY", "Term and Termination"}
	var out []string
	for s := 1; s <= sections; s++ {
		out = append(out, fmt.Sprintf("%d. %s", s, titles[(s-1)%len(titles)]))
		out = append(out,
			fmt.Sprintf("%d.1 These Terms govern your ac~cess to and use of the Ser~vices pro~vided by Acme Cloud, Inc. (\"Acme\"). By creating an account or using the Services you accept this Agree~ment and the appli~cable Order Form, and you confirm that you have the au~thor~ity to bind the organi~zation on whose behalf you use the Services.", s),
			"Customer is respon~sible for all activity under its account, including the confiden~tiality of its cre~den~tials, and shall notify Acme promptly of any un~au~thor~ized use. Acme may suspend access where it rea~son~ably believes that the se~cu~rity of the Services is at risk.",
			"You agree not to:",
			"(a) use the Services in violation of appli~cable law or to infringe the rights of any third par~ty;",
			"(b) reverse engineer, de~com~pile or dis~as~sem~ble any part of the Services; or",
			"(c) resell the Services except as ex~press~ly permitted in writing by Acme.",
			"TO THE MAXIMUM EXTENT PERMITTED BY LAW, IN NO EVENT WILL EITHER PARTY BE LIABLE FOR ANY INDIRECT, INCIDENTAL, SPECIAL OR CONSEQUENTIAL DAMAGES. EACH PARTY'S TOTAL LIABIL~ITY SHALL NOT EXCEED THE FEES PAID IN THE TWELVE MONTHS BEFORE THE CLAIM.",
			fmt.Sprintf("%d.2 Either party may terminate this Agree~ment for ma~te~rial breach that remains uncured thirty days after written notice. Upon termi~nation, Customer's right to use the Services ends, and the pro~vi~sions on liabil~ity, indem~nifi~cation and confiden~tiality survive. Fees paid in advance for the re~main~der of the sub~scription term are refunded only where Acme terminates for conven~ience.", s),
		)
	}
	return out
}

// rc4Keys is the standard security handler, revision 2 (40-bit RC4), of
// PDF 1.7 section 7.6.3, enough to make a PDF that needs a password.
type rc4Keys struct {
	key, o, u, id []byte
	p             int32
}

var passwordPad = []byte("\x28\xbf\x4e\x5e\x4e\x75\x8a\x41\x64\x00\x4e\x56\xff\xfa\x01\x08\x2e\x2e\x00\xb6\xd0\x68\x3e\x80\x2f\x0c\xa9\xfe\x64\x53\x69\x7a")

func pad(pw string) []byte { return append([]byte(pw), passwordPad...)[:32] }

func rc4Crypt(key, data []byte) []byte {
	c, _ := rc4.NewCipher(key)
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

func newRC4Keys(user string) *rc4Keys {
	k := &rc4Keys{id: []byte("0123456789abcdef"), p: -4}
	ownerKey := md5.Sum(pad("owner-" + user))
	k.o = rc4Crypt(ownerKey[:5], pad(user))
	h := md5.New()
	h.Write(pad(user))
	h.Write(k.o)
	binary.Write(h, binary.LittleEndian, k.p)
	h.Write(k.id)
	k.key = h.Sum(nil)[:5]
	k.u = rc4Crypt(k.key, passwordPad)
	return k
}

func (k *rc4Keys) encrypt(objNum int, s string) string {
	h := md5.New()
	h.Write(k.key)
	h.Write([]byte{byte(objNum), byte(objNum >> 8), byte(objNum >> 16), 0, 0})
	return string(rc4Crypt(h.Sum(nil)[:10], []byte(s)))
}

func (k *rc4Keys) trailer() string {
	return fmt.Sprintf(" /Encrypt << /Filter /Standard /V 1 /R 2 /O <%x> /U <%x> /P %d >> /ID [<%x> <%x>]", k.o, k.u, k.p, k.id, k.id)
}
