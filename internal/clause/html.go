package clause

import (
	"bytes"
	"html"
	"net/http"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
	xhtml "golang.org/x/net/html"
)

// AnalyzeFile analyses a file's bytes. HTML (detected by sniffing) is
// reduced to text with an offset map, so that Start and End are byte
// offsets into data as read, while Text is the clause's readable text;
// Markdown and plain text are analysed directly.
func AnalyzeFile(data []byte) []model.Clause {
	if !isHTML(data) {
		return Analyze(string(data))
	}
	text, starts, ends := htmlText(data)
	cls := Analyze(text)
	for i := range cls {
		c := &cls[i]
		if c.Start >= len(starts) || c.End < 1 || c.End > len(ends) {
			continue
		}
		c.Start, c.End = starts[c.Start], ends[c.End-1]
	}
	return cls
}

func isHTML(data []byte) bool {
	head := data
	if len(head) > 512 {
		head = head[:512]
	}
	if strings.HasPrefix(http.DetectContentType(head), "text/html") {
		return true
	}
	l := bytes.ToLower(data)
	return bytes.Contains(l, []byte("</p>")) || bytes.Contains(l, []byte("</div>")) || bytes.Contains(l, []byte("<body"))
}

// blockTags end a paragraph of the extracted text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "tr": true, "td": true,
	"th": true, "table": true, "section": true, "article": true, "header": true, "footer": true,
	"blockquote": true, "dd": true, "dt": true, "dl": true, "main": true, "nav": true, "aside": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "pre": true, "hr": true,
}

// skipTags hold no document text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true, "head": true}

// htmlText renders HTML as Markdown-like text (one paragraph per line,
// "# " before headings). starts[i] and ends[i] are the offsets in data of
// the byte that produced text byte i, and just past it.
func htmlText(data []byte) (string, []int, []int) {
	var b strings.Builder
	var starts, ends []int
	emit := func(s string, from, to int) {
		for i := 0; i < len(s); i++ {
			starts = append(starts, from)
			ends = append(ends, to)
		}
		b.WriteString(s)
	}
	lastSpace := true
	newline := func(at int) {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			emit("\n", at, at)
		}
		lastSpace = true
	}
	z := xhtml.NewTokenizer(bytes.NewReader(data))
	pos, skip := 0, 0
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		start := pos
		pos += len(raw)
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] && tt == xhtml.StartTagToken {
				skip++
			}
			if blockTags[tag] {
				newline(start)
				if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
					emit("# ", start, start)
				}
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipTags[tag] && skip > 0 {
				skip--
			}
			if blockTags[tag] {
				newline(start)
			}
		case xhtml.TextToken:
			if skip > 0 {
				continue
			}
			s := string(raw)
			for i := 0; i < len(s); {
				ch := s[i]
				if ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' {
					if !lastSpace {
						emit(" ", start+i, start+i+1)
						lastSpace = true
					}
					i++
					continue
				}
				if ch == '&' {
					if j := strings.IndexByte(s[i:], ';'); j > 1 && j < 12 {
						dec := html.UnescapeString(s[i : i+j+1])
						if dec == "\u00a0" {
							dec = " "
						}
						emit(dec, start+i, start+i+j+1)
						lastSpace = dec == " "
						i += j + 1
						continue
					}
				}
				emit(s[i:i+1], start+i, start+i+1)
				lastSpace = false
				i++
			}
		}
	}
	return b.String(), starts, ends
}
