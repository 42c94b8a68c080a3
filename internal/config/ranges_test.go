package config

import (
	"reflect"
	"strings"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
)

func TestRangeSelectors(t *testing.T) {
	const head = "vendors:\n  - name: A\n    documents:\n      - type: T\n        url: https://a.example/t\n"
	for _, tc := range []struct {
		name       string
		src        string
		wantSelect []string
		wantRanges []model.Range
		wantParts  []model.Part
	}{
		{
			name:       "string stays a selector",
			src:        head + "        select: main\n",
			wantSelect: []string{"main"},
		},
		{
			name:       "bare range",
			src:        head + "        select: {start_after: 'h1', end_before: '#footer'}\n",
			wantRanges: []model.Range{{StartAfter: "h1", EndBefore: "#footer"}},
		},
		{
			name: "list mixing strings and ranges",
			src: head + `        select:
          - .intro
          - start_before: "#terms"
            end_after: "#liability"
          - article
          - {start_after: h2.annex, end_before: footer}
`,
			wantSelect: []string{".intro", "article"},
			wantRanges: []model.Range{{StartBefore: "#terms", EndAfter: "#liability"}, {StartAfter: "h2.annex", EndBefore: "footer"}},
		},
		{
			name: "parts inherit ranges unless they select",
			src: `vendors:
  - name: A
    documents:
      - type: T
        select: [{start_after: h1, end_before: footer}]
        combine:
          - url: https://a.example/1
          - url: https://a.example/2
            select: main
          - url: https://a.example/3
            select: {start_before: h2, end_after: p.last}
`,
			wantRanges: []model.Range{{StartAfter: "h1", EndBefore: "footer"}},
			wantParts: []model.Part{
				{URL: "https://a.example/1", Ranges: []model.Range{{StartAfter: "h1", EndBefore: "footer"}}},
				{URL: "https://a.example/2", Select: []string{"main"}},
				{URL: "https://a.example/3", Ranges: []model.Range{{StartBefore: "h2", EndAfter: "p.last"}}},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse("vendors.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			doc := c.Vendors[0].Documents[0]
			if !reflect.DeepEqual(doc.Select, tc.wantSelect) {
				t.Errorf("select: got %#v, want %#v", doc.Select, tc.wantSelect)
			}
			if !reflect.DeepEqual(doc.Ranges, tc.wantRanges) {
				t.Errorf("ranges: got %+v, want %+v", doc.Ranges, tc.wantRanges)
			}
			if !reflect.DeepEqual(doc.Combine, tc.wantParts) {
				t.Errorf("parts: got %+v, want %+v", doc.Combine, tc.wantParts)
			}
		})
	}
}

func TestRangeSelectorErrors(t *testing.T) {
	const head = "vendors:\n  - name: A\n    documents:\n      - type: T\n        url: https://a.example/t\n        select:\n"
	for _, tc := range []struct {
		name string
		item string // line 7 onwards
		want []string
	}{
		{"missing start", "          - {end_before: footer}\n", []string{
			"vendors.yaml:7:13: select range: missing start (start_before or start_after)",
		}},
		{"missing end", "          - start_after: h1\n", []string{
			"vendors.yaml:7:13: select range: missing end (end_before or end_after)",
		}},
		{"two starts and two ends", "          - start_after: h1\n            start_before: h2\n            end_before: a\n            end_after: b\n", []string{
			"vendors.yaml:7:13: select range: both start_before and start_after; give one start",
			"vendors.yaml:10:13: select range: both end_before and end_after; give one end",
		}},
		{"unknown key", "          - {start_after: h1, end_befor: footer}\n", []string{
			"vendors.yaml:7:13: select range: missing end (end_before or end_after)",
			`vendors.yaml:7:31: unknown key "end_befor" (did you mean "end_before"?)`,
		}},
		{"camelCase key", "          - {startAfter: h1, end_before: footer}\n", []string{
			"vendors.yaml:7:13: select range: missing start (start_before or start_after)",
			`vendors.yaml:7:14: unknown key "startAfter" (did you mean "start_after"?)`,
		}},
		{"invalid css", "          - {start_after: 'h1[', end_before: ''}\n", []string{
			`vendors.yaml:7:27: select start_after: invalid CSS selector "h1[": expected identifier, found EOF instead`,
			"vendors.yaml:7:46: select end_before: empty CSS selector",
		}},
		{"selector not a string", "          - {start_after: [h1], end_before: p}\n", []string{
			"vendors.yaml:7:27: select start_after: expected a string, got a list",
		}},
		{"list in list", "          - [main]\n", []string{
			"vendors.yaml:7:13: select: expected a CSS selector or a range, got a list",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("vendors.yaml", []byte(head+tc.item))
			if got, want := errString(err), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}
