package feed

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"unicode/utf8"

	"github.com/toswatch/toswatch/internal/diff"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/present"
)

// Excerpt limits: a feed item shows the start of a diff, the web page has
// the whole of it.
const (
	excerptParas   = 3   // changed paragraphs shown
	excerptChanged = 600 // bytes of an inserted or deleted run
	excerptContext = 70  // bytes kept at each end of a long unchanged run
)

type description struct {
	summary string
	html    string
}

// descTmpl is html/template so that every piece of vendor text is escaped
// however it is placed.
var descTmpl = template.Must(template.New("desc").Parse(`
{{- if .RevertsTo}}<p><strong>Flip-flop:</strong> this change brings back the text of {{.RevertsTo}}, recorded earlier.</p>{{end -}}
<p>{{.Vendor}} — {{.Document}}: {{.From}} → {{.To}}, recorded {{.At}}.</p>
{{- if .Clauses}}<ul>{{range .Clauses}}<li><strong>{{.Severity}}</strong> {{.Label}} clause {{.Kind}}: {{.Summary}}{{if .Cap}} (cap: {{.Cap}}){{end}}</li>{{end}}</ul>{{end -}}
{{range .Paras}}<p><em>{{.Where}}</em><br>{{range .Runs}}{{if eq .Op "delete"}}<del>{{.Text}}</del>{{else if eq .Op "insert"}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}</p>{{end -}}
{{if .More}}<p>… and {{.More}} more changed paragraph{{if gt .More 1}}s{{end}}.</p>{{end -}}
<p><a href="{{.Link}}">The full diff</a></p>`))

type descClause struct{ Severity, Label, Kind, Summary, Cap string }

type descPara struct {
	Where string
	Runs  []diff.Word
}

// describe describes a change; first is the first page of its diff.
func describe(c model.Change, first diff.Page, link string) (description, error) {
	data := struct {
		Vendor, Document, At, Link string
		From, To                   string
		RevertsTo                  any
		Clauses                    []descClause
		Paras                      []descPara
		More                       int
	}{
		Vendor: c.Vendor, Document: c.Document, Link: link,
		At:   c.RecordedAt.UTC().Format("2006-01-02 15:04 UTC"),
		From: present.VersionLabel(c.FromNumber), To: present.VersionLabel(c.ToNumber),
	}
	if c.RevertsTo != nil {
		data.RevertsTo = present.VersionLabel(c.RevertsToNumber)
	}
	for _, cc := range c.ClauseChanges {
		sev := cc.Severity
		if sev == "" {
			sev = "unrated"
		}
		data.Clauses = append(data.Clauses, descClause{sev, present.ClauseLabel(cc.Type), cc.Kind, cc.Summary, present.CapMove(cc)})
	}
	// Most severe first, as in the title.
	slices.SortStableFunc(data.Clauses, func(a, b descClause) int {
		return cmp.Compare(model.SeverityRank(b.Severity), model.SeverityRank(a.Severity))
	})
	for i, l := range first.Lines {
		if i == excerptParas {
			data.More = first.Summary.Lines - i
			break
		}
		data.Paras = append(data.Paras, excerpt(l))
	}
	var b bytes.Buffer
	if err := descTmpl.Execute(&b, data); err != nil {
		return description{}, fmt.Errorf("change %d: description: %w", c.ID, err)
	}
	return description{summary: present.Headline(c, first.Summary.Lines), html: b.String()}, nil
}

// excerpt shortens one changed paragraph: long unchanged stretches keep
// only their ends, long insertions and deletions their start.
func excerpt(l diff.Line) descPara {
	switch l.Op {
	case diff.Insert:
		return descPara{fmt.Sprintf("added at line %d", l.NewLine), []diff.Word{{Op: diff.Insert, Text: cut(l.New, excerptChanged)}}}
	case diff.Delete:
		return descPara{fmt.Sprintf("removed from line %d", l.OldLine), []diff.Word{{Op: diff.Delete, Text: cut(l.Old, excerptChanged)}}}
	case diff.Move:
		where := fmt.Sprintf("moved from line %d to line %d", l.OldLine, l.NewLine)
		if len(l.Words) == 0 {
			return descPara{where, []diff.Word{{Op: diff.Equal, Text: cut(l.New, 2*excerptContext)}}}
		}
		return descPara{where + " and changed", shorten(l.Words)}
	}
	return descPara{fmt.Sprintf("changed at line %d", l.NewLine), shorten(l.Words)}
}

func shorten(ws []diff.Word) []diff.Word {
	out := make([]diff.Word, 0, len(ws))
	for i, w := range ws {
		switch {
		case w.Op != diff.Equal:
			w.Text = cut(w.Text, excerptChanged)
		case len(w.Text) <= 2*excerptContext+10:
		case i == 0:
			w.Text = "…" + w.Text[tailStart(w.Text, excerptContext):]
		case i == len(ws)-1:
			w.Text = w.Text[:headEnd(w.Text, excerptContext)] + "…"
		default:
			w.Text = w.Text[:headEnd(w.Text, excerptContext)] + " … " + w.Text[tailStart(w.Text, excerptContext):]
		}
		out = append(out, w)
	}
	return out
}

// cut keeps at most n bytes of s, marking the cut with "…".
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:headEnd(s, n)] + "…"
}

// headEnd returns the end of the first n bytes of s at most, on a rune boundary.
func headEnd(s string, n int) int {
	if len(s) <= n {
		return len(s)
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// tailStart returns the start of the last n bytes of s at most, on a rune boundary.
func tailStart(s string, n int) int {
	if len(s) <= n {
		return 0
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return i
}
