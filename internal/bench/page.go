package bench

import (
	"encoding/hex"
	"math/rand/v2"
	"strconv"
	"time"
)

// page is one generated terms document. Its text is not kept: paragraphs
// are regenerated from the seed on every request, with the wording edits
// applied, so 2,000 pages of 300 KB cost almost no memory and the farm's
// own footprint does not blur the pipeline's peak RSS.
type page struct {
	index   int
	host    int
	seed    uint64
	vendor  string
	domain  string
	path    string
	layout  []section
	edits   []edit
	rev     int  // real wording revisions so far
	noise   int  // noise rotations so far (every body change counts one)
	changed int  // body changes so far: rev and noise together, for Last-Modified
	leak    bool // tests: a noise token inside the document text
	dense   bool // ordinary paragraphs are dense with legal vocabulary too
}

// section is a heading and a run of paragraphs of one sentence family.
type section struct {
	heading int
	family  int
	paras   int
	list    bool // the paragraphs are list items
}

// edit replaces sentence sent of paragraph para with s.
type edit struct {
	para, sent int
	s          sentence
}

// Sizes of the page generator, tuned so that a page of n paragraphs weighs
// about chromeBytes + n*paraBytes (denseParaBytes on a dense page).
const (
	chromeBytes    = 16_800
	paraBytes      = 490
	denseParaBytes = 820
)

func newPage(index, host int, vendor string, seed uint64, targetBytes int, dense bool) *page {
	rng := rand.New(rand.NewPCG(seed, 1))
	p := &page{index: index, host: host, seed: seed, vendor: vendor, dense: dense}
	p.domain = "www." + lower(p.vendor) + ".example"
	p.path = "/" + lower(p.vendor) + "/legal/terms-" + strconv.Itoa(index)
	per := paraBytes
	if dense {
		per = denseParaBytes
	}
	paras := max(8, (targetBytes-chromeBytes)/per)
	liabAt := 2 + rng.IntN(2)
	indemAt := liabAt + 1 + rng.IntN(2)
	for n, i := 0, 0; n < paras || i <= indemAt; i++ {
		s := section{heading: rng.IntN(len(headings)), paras: 2 + rng.IntN(9), list: rng.IntN(6) == 0}
		switch i {
		case liabAt:
			s.family, s.list = liabilityFamily, false
		case indemAt:
			s.family, s.list = indemnityFamily, false
		}
		s.paras = max(2, min(s.paras, paras-n))
		n += s.paras
		p.layout = append(p.layout, s)
	}
	return p
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// paragraph regenerates paragraph n (counted over the whole page) of a
// section of family fam, with the page's edits applied.
func (p *page) paragraph(n, fam int, buf []sentence) []sentence {
	rng := rand.New(rand.NewPCG(p.seed, uint64(n)+2))
	k := 2 + rng.IntN(5)
	buf = buf[:0]
	other := genericFamily
	if p.dense {
		other = denseFamily
	}
	for i := 0; i < k; i++ {
		f := other
		if fam != genericFamily && (i == 0 || rng.IntN(2) == 0) {
			f = fam
		}
		buf = append(buf, newSentence(rng, f))
	}
	for _, e := range p.edits {
		if e.para == n {
			buf[e.sent] = e.s
		}
	}
	return buf
}

// paraCount is the number of paragraphs of the page.
func (p *page) paraCount() int {
	n := 0
	for _, s := range p.layout {
		n += s.paras
	}
	return n
}

// edit changes the wording of one sentence in a random paragraph.
func (p *page) edit(rng *rand.Rand) {
	n := rng.IntN(p.paraCount())
	fam := genericFamily
	for i, c := 0, 0; i < len(p.layout); i++ {
		if n < c+p.layout[i].paras {
			fam = p.layout[i].family
			break
		}
		c += p.layout[i].paras
	}
	sents := p.paragraph(n, fam, nil)
	i := rng.IntN(len(sents))
	p.edits = append(p.edits, edit{para: n, sent: i, s: sents[i].edited(rng)})
	p.rev++
	p.rotate()
}

// rotate changes every per-response token of the page (nonces, session and
// tracking ids, timestamps, cache busters) but none of its wording.
func (p *page) rotate() {
	p.noise++
	p.changed++
}

// mix is SplitMix64: cheap, well-spread tokens from small integers.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// token returns a noise token of the page's current rotation.
func (p *page) token(kind uint64) string {
	var b [8]byte
	x := mix(p.seed ^ mix(uint64(p.noise)<<8|kind))
	for i := range b {
		b[i] = byte(x >> (8 * i))
	}
	return hex.EncodeToString(b[:])
}

// etag changes whenever the body does.
func (p *page) etag() string {
	return `"` + strconv.FormatUint(mix(p.seed^uint64(p.rev)<<32^uint64(p.noise)), 36) + `"`
}

var epoch = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)

func (p *page) lastModified() time.Time { return epoch.Add(time.Duration(p.changed) * time.Hour) }

// updated is the "last updated" date shown on the page: it moves with
// wording revisions only, as on real terms pages.
func (p *page) updated() string {
	return epoch.AddDate(0, 0, 7*p.rev).Format("January 2, 2006")
}
