package web

import (
	"strings"
	"testing"
)

func TestRenderMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string // substrings of the HTML, in order
		not      []string
	}{
		{"heading and paragraph", "# Terms\n\nYou agree.\n", []string{`<h2 id="l1" class="md">`, `Terms</h2>`, `<p id="l3" class="md">`, `You agree.</p>`}, nil},
		{"heading levels", "### Liability\n", []string{`<h4 id="l1"`}, nil},
		{"list", "- one\n- two\n  - nested\n1. first\n", []string{`<ul class="md">`, `<li id="l1" class="depth0">`, `<li id="l3" class="depth1">`, `</ul>`, `<ol class="md">`, `first</li>`, `</ol>`}, nil},
		{"table", "| Plan | Cap |\n| Free | $0 |\n", []string{`<div class="table-scroll"><table class="md">`, `<tr id="l1">`, `Plan</td><td>Cap</td>`, `<td>$0</td>`, `</table></div>`}, nil},
		{"emphasis", "**Important:** read _all_ of it; snake_case_name stays.", []string{`<strong>Important:</strong>`, `read <em>all</em> of it`, `snake_case_name`}, []string{"<em>case</em>"}},
		{"http link", "See [our policy](https://example.com/p?a=1&b=2).", []string{`<a href="https://example.com/p?a=1&amp;b=2" rel="nofollow noreferrer">our policy</a>`}, nil},
		{"quote", "> Quoted text.", []string{`<p id="l1" class="md quote1">`}, nil},
		{"vendor HTML stays text", `<script>alert(1)</script> <img src=x onerror=alert(2)>`, []string{"&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;"}, []string{"<script", "<img"}},
		{"javascript link", "[click](javascript:alert(1)) [mail](mailto:legal@example.com) [rel](/terms)", []string{"click", "mail", "rel"}, []string{"nofollow", `href="javascript`, `href="mailto`, `href="/terms`}},
		{"quote in link target", `[x](https://a.example/"onmouseover="alert(1))`, nil, []string{`"onmouseover`}},
		{"markup in link text", "[<b>bold</b>](https://a.example/)", []string{`>&lt;b&gt;bold&lt;/b&gt;</a>`}, []string{"<b>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(renderMarkdown(tc.in))
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("lacks %q (in order) in:\n%s", w, got)
				}
				at += i + len(w)
			}
			for _, w := range tc.not {
				if strings.Contains(got, w) {
					t.Errorf("has %q in:\n%s", w, got)
				}
			}
		})
	}
}
