package extract

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// chrome matches the elements its CSS selector matches, near misses
// (other case, other values, other namespaces) included.
func TestChromeLikeSelector(t *testing.T) {
	const selector = `nav, aside, dialog, [role=navigation], [role=banner], [role=contentinfo],
	[role=complementary], [role=dialog], [role=alertdialog], [role=search], [aria-modal=true]`
	page := `<html><body><NAV id=a><nav id=b></nav></NAV><aside id=c></aside><dialog id=d open></dialog>
<div role=navigation id=e></div><div role=Navigation id=f></div><div role="navigation banner" id=g></div>
<div role=banner id=h></div><div role=contentinfo id=i></div><div role=complementary id=j></div>
<div role=dialog id=k></div><div role=alertdialog id=l></div><div role=search id=m></div><div role=main id=n></div>
<div aria-modal=true id=o></div><div aria-modal=TRUE id=p></div><div aria-modal=false id=q></div>
<svg><nav id=r></nav><g role=search id=s></g></svg><navigation id=t></navigation><p role="" id=u></p></body></html>`
	doc, err := parse([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	body := doc.Find("body")
	want := body.Find(selector).Nodes
	got := descendants(body.Nodes[0], chrome)
	ids := func(ns []*html.Node) string {
		var s []string
		for _, n := range ns {
			s = append(s, attr(n, "id"))
		}
		return strings.Join(s, " ")
	}
	if !slices.Equal(got, want) {
		t.Errorf("chrome matched %q, the selector %q", ids(got), ids(want))
	}
}

// consentMark finds what looking for every mark finds.
func TestConsentMark(t *testing.T) {
	values := []string{"", "x", "cookie", "cookie-ban", "my-cookie-banner-x", "btn cookiebot", "co", "c", "onetrus", "onetrust",
		"gdp", "gdpr", "qc-cm", "qc-cmp", "consent", "consent-banner", "cc-windo", "cc-window", "usercentric", "usercentrics"}
	for _, m := range consentMarks {
		values = append(values, m, m[1:], m[:len(m)-1], "a "+m, m+" b", "c"+m)
	}
	for _, v := range values {
		want := false
		for _, m := range consentMarks {
			want = want || strings.Contains(v, m)
		}
		if got := consentMark(v); got != want {
			t.Errorf("consentMark(%q) = %v, want %v", v, got, want)
		}
	}
}
