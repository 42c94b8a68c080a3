package web

import (
	"html"
	"html/template"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// renderMarkdown turns a stored version's text (the Markdown internal/extract
// writes: one paragraph per line, "#" headings, "> " quotes, "- " and "1. "
// list items, "| a | b |" table rows, **bold**, _italic_ and [text](url)
// links) into HTML. Every piece of vendor text is escaped; only http(s)
// links become links. Each line keeps its number as its id ("l12"), so
// that a change page can point at it.
func renderMarkdown(text string) template.HTML {
	var b strings.Builder
	var open string // the list or table being written: "ul", "ol", "table" or ""
	closeOpen := func() {
		switch open {
		case "ul", "ol":
			b.WriteString("</" + open + ">\n")
		case "table":
			b.WriteString("</tbody></table></div>\n")
		}
		open = ""
	}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		n := i + 1
		id := ` id="l` + strconv.Itoa(n) + `"`
		num := `<a class="ln" href="#l` + strconv.Itoa(n) + `">` + strconv.Itoa(n) + `</a> `
		depth := 0
		for strings.HasPrefix(line, "> ") || line == ">" {
			depth++
			line = strings.TrimPrefix(strings.TrimPrefix(line, ">"), " ")
		}
		quote := ""
		if depth > 0 {
			quote = " quote" + strconv.Itoa(min(depth, 3))
		}
		kind, body, level := lineKind(line)
		if kind != open && !(kind == "ul" && open == "ul") {
			closeOpen()
		}
		switch kind {
		case "h":
			tag := "h" + strconv.Itoa(min(level+1, 6)) // the page's own title is the h1
			b.WriteString("<" + tag + id + ` class="md` + quote + `">` + num + inline(body) + "</" + tag + ">\n")
		case "ul", "ol":
			if open != kind {
				b.WriteString("<" + kind + ` class="md` + quote + `">` + "\n")
				open = kind
			}
			b.WriteString("<li" + id + ` class="depth` + strconv.Itoa(min(level, 4)) + `">` + num + inline(body) + "</li>\n")
		case "table":
			if open != "table" {
				b.WriteString(`<div class="table-scroll"><table class="md` + quote + `"><tbody>` + "\n")
				open = "table"
			}
			b.WriteString("<tr" + id + ">")
			for j, cell := range strings.Split(body, " | ") {
				b.WriteString("<td>")
				if j == 0 {
					b.WriteString(num)
				}
				b.WriteString(inline(strings.TrimSpace(cell)) + "</td>")
			}
			b.WriteString("</tr>\n")
		default:
			b.WriteString("<p" + id + ` class="md` + quote + `">` + num + inline(body) + "</p>\n")
		}
	}
	closeOpen()
	return template.HTML(b.String())
}

var (
	headingLine = regexp.MustCompile(`^(#{1,6}) (.*)$`)
	listLine    = regexp.MustCompile(`^( *)(- |\d+\. )(.*)$`)
)

// lineKind tells what a line of Markdown is: "h" (level 1–6), "ul" or
// "ol" (level: nesting depth from 0), "table" or "p"; body is the line
// without its marker.
func lineKind(line string) (kind, body string, level int) {
	if m := headingLine.FindStringSubmatch(line); m != nil {
		return "h", m[2], len(m[1])
	}
	if m := listLine.FindStringSubmatch(line); m != nil {
		kind = "ul"
		if m[2] != "- " {
			kind = "ol"
		}
		return kind, m[3], len(m[1]) / 2
	}
	if len(line) > 4 && strings.HasPrefix(line, "| ") && strings.HasSuffix(line, " |") {
		return "table", line[2 : len(line)-2], 0
	}
	return "p", line, 0
}

var (
	linkPattern   = regexp.MustCompile(`\[([^\[\]]*)\]\(([^()\s]*)\)`)
	strongPattern = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	emPattern     = regexp.MustCompile(`(^|[\s(])_([^_\s](?:[^_]*[^_\s])?)_($|[\s).,;:!?])`)
)

// inline writes a paragraph's text as HTML: escaped, with links to http(s)
// addresses, bold and italic. The patterns run on escaped text, so what
// they add is the only markup.
func inline(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range linkPattern.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(emphasis(html.EscapeString(s[last:m[0]])))
		label, target := s[m[2]:m[3]], s[m[4]:m[5]]
		text := emphasis(html.EscapeString(label))
		if u, err := url.Parse(target); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			b.WriteString(`<a href="` + html.EscapeString(u.String()) + `" rel="nofollow noreferrer">` + text + `</a>`)
		} else {
			b.WriteString(text) // mailto:, javascript:, relative: the words only
		}
		last = m[1]
	}
	b.WriteString(emphasis(html.EscapeString(s[last:])))
	return b.String()
}

func emphasis(escaped string) string {
	escaped = strongPattern.ReplaceAllString(escaped, "<strong>$1</strong>")
	return emPattern.ReplaceAllString(escaped, "$1<em>$2</em>$3")
}
