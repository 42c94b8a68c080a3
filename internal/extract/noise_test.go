package extract

import (
	"strings"
	"testing"
)

// TestNoiseClasses: each pair of fragments differs only by one class of
// noise seen between captures of unchanged terms, and must give one text.
func TestNoiseClasses(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"attributes", `<p class="x1 y" data-id="8812" id="p-1">Fees are due monthly.</p>`, `<p class="x9" data-id="9123" style="margin:0">Fees are due monthly.</p>`},
		{"tracking params", `<p>See <a href="/privacy?utm_source=a&gclid=1">policy</a>.</p>`, `<p>See <a href="/privacy?utm_source=b&fbclid=2&_ga=3">policy</a>.</p>`},
		{"cache buster", `<p>See <a href="/aup.pdf?v=123">policy</a>.</p>`, `<p>See <a href="/aup.pdf?v=124&_=99">policy</a>.</p>`},
		{"param order", `<p><a href="/d?a=1&b=2">doc</a></p>`, `<p><a href="/d?b=2&a=1">doc</a></p>`},
		{"nonce in link", `<p><a href="/go?to=help&token=a8F3e2C1d0B9a8F7e6D5c4">help</a></p>`, `<p><a href="/go?to=help&token=Q1w2E3r4T5y6U7i8O9p0Zx">help</a></p>`},
		{"text fragment", `<p><a href="https://x.example/p">p</a></p>`, `<p><a href="https://x.example/p#:~:text=fees">p</a></p>`},
		{"absolute or relative", `<p><a href="/legal/privacy">p</a></p>`, `<p><a href="https://example.com/legal/privacy">p</a></p>`},
		{"cloudflare key", `<p><a href="/cdn-cgi/l/email-protection#5a363f3d3b361a3b39373f773936352f3e743f223b372a363f"><span class="__cf_email__" data-cfemail="5a363f3d3b361a3b39373f773936352f3e743f223b372a363f">[email&#160;protected]</span></a></p>`,
			`<p><a href="/cdn-cgi/l/email-protection#3c50595b5d507c5d5f5159115f505349581259445d514c5059"><span class="__cf_email__" data-cfemail="3c50595b5d507c5d5f5159115f505349581259445d514c5059">[email&#160;protected]</span></a></p>`},
		{"nbsp", `<p>thirty&nbsp;(30)&nbsp;days</p>`, `<p>thirty (30) days</p>`},
		{"invisible chars", "<p>indemnify</p>", "<p>in\u00addem\u200bni\ufefffy\u2060</p>"},
		{"wbr", `<p>indemnification</p>`, `<p>indem<wbr>nification</p>`},
		{"reflow", "<p>a  b\n   c</p>", "<p>\n a b c </p>"},
		{"comments", `<p>a <!-- build 81723 --> b</p>`, `<p>a <!-- build 99120 --> b</p>`},
		{"scripts and styles", `<script nonce="abc">x=1</script><style>.a{}</style><p>text</p>`, `<script nonce="def">x=2</script><p>text</p><noscript>enable JS</noscript><template><p>t</p></template>`},
		{"svg icons", `<p><svg><title>icon</title></svg>text</p>`, `<p>text</p>`},
		{"split emphasis", `<p><b>Important</b><b> notice</b> here</p>`, `<p><strong>Important notice</strong> here</p>`},
		{"empty inline wrappers", `<p><span></span>fees <span class="ab"> </span>apply</p>`, `<p>fees apply</p>`},
		{"short hidden banner", `<p>fees apply</p><div style="display:none">Variant B: try Premium!</div>`, `<p>fees apply</p><div hidden>Variant A</div>`},
		{"br or paragraphs", `<p>line one<br>line two</p>`, `<p>line one</p><p>line two</p>`},
		{"empty paragraphs", `<p>one</p><p>&nbsp;</p><p></p><br><br><p>two</p>`, `<p>one</p><p>two</p>`},
		{"same-page anchors", `<h2><a href="#s5" id="r8812">5. Fees</a></h2>`, `<h2><a href="#s5" id="r9912">5. Fees</a></h2>`},
		{"images", `<p><img src="/i.png?sig=abc" alt="Photo 1">fees</p>`, `<p><img src="/i.png?sig=def" alt="Photo 2">fees</p>`},
		{"decomposed accents", "<p>résiliation</p>", "<p>re\u0301siliation</p>"},
		{"facebook redirect token", `<p><a href="https://l.facebook.com/l.php?u=https%3A%2F%2Facme.example%2Fprivacy&amp;h=AT0fQ2xk9Lm3Zp8Rq1Vt">privacy</a></p>`, `<p><a href="https://l.facebook.com/l.php?u=https%3A%2F%2Facme.example%2Fprivacy&amp;h=AT3Hw7Yb2Nc5Qe1Ks9Dm">privacy</a></p>`},
		{"google redirect", `<p><a href="https://www.google.com/url?q=https://acme.example/dpa&amp;usg=AOvVaw0abc1">dpa</a></p>`, `<p><a href="https://acme.example/dpa">dpa</a></p>`},
		{"safelinks", `<p><a href="https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Facme.example%2Fsla&amp;data=05%7C01%7Ca&amp;sdata=Zk3&amp;reserved=0">SLA</a></p>`, `<p><a href="https://nam02.safelinks.protection.outlook.com/?url=https%3A%2F%2Facme.example%2Fsla&amp;data=05%7C02%7Cb&amp;sdata=Qr8&amp;reserved=0">SLA</a></p>`},
		{"visitor id", `<p><a href="https://acme.example/p?did=1&amp;anonymous_id=x1">p</a></p>`, `<p><a href="https://acme.example/p?did=2&amp;anonymous_id=y2">p</a></p>`},
		{"generated at", `<p>Generated at 10:42:07 UTC.</p>`, `<p>Generated at 11:03:55 UTC.</p>`},
		{"request id", `<p>Request ID: 7f3a9c2e51b04d8a</p>`, `<p>Request ID: 0b1c2d3e4f5a6978</p>`},
		{"timestamp", `<p>Printed on 2025-05-01 10:42</p>`, `<p>Printed on 2025-05-02 08:13</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := extractFragment(t, tt.a), extractFragment(t, tt.b)
			if a != b {
				t.Errorf("noise changed the text:\n%s", lineDiff(a, b))
			}
		})
	}
}

// TestWordingClasses: each pair differs by something a reader sees, and
// must give different texts.
func TestWordingClasses(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"one word", `<p>within thirty days</p>`, `<p>within fifteen days</p>`},
		{"amount", `<p>capped at $1,000.</p>`, `<p>capped at $100.</p>`},
		{"punctuation", `<p>fees, taxes apply</p>`, `<p>fees; taxes apply</p>`},
		{"link target", `<p><a href="/aup">policy</a></p>`, `<p><a href="/aup-2024">policy</a></p>`},
		{"meaningful param", `<p><a href="/terms?region=eu">terms</a></p>`, `<p><a href="/terms?region=us">terms</a></p>`},
		{"paragraph split", `<p>one two</p>`, `<p>one</p><p>two</p>`},
		{"heading", `<h2>Fees</h2>`, `<h3>Fees</h3>`},
		{"bold", `<p><b>no refunds</b></p>`, `<p>no refunds</p>`},
		{"email", `<p><span data-cfemail="5a363f3d3b361a3b39373f773936352f3e743f223b372a363f">x</span></p>`, `<p><span data-cfemail="1262607b6473716b5273717f773f717e7d67763c776a737f627e77">x</span></p>`},
		{"list item added", `<ul><li>a</li></ul>`, `<ul><li>a</li><li>b</li></ul>`},
		{"date", `<p>Last updated: May 1, 2025</p>`, `<p>Last updated: June 3, 2025</p>`},
		{"hours", `<p>Support from 9:00 to 17:00.</p>`, `<p>Support from 8:00 to 17:00.</p>`},
		{"redirect target", `<p><a href="https://l.facebook.com/l.php?u=https%3A%2F%2Facme.example%2Fprivacy&amp;h=AT0">p</a></p>`, `<p><a href="https://l.facebook.com/l.php?u=https%3A%2F%2Facme.example%2Fcookies&amp;h=AT0">p</a></p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if a, b := extractFragment(t, tt.a), extractFragment(t, tt.b); a == b {
				t.Errorf("got one text for both, want different texts: %q", a)
			}
		})
	}
}

// extractFragment extracts a fragment placed in a page with enough text.
func extractFragment(t *testing.T, frag string) string {
	t.Helper()
	page := "<html><body><main>" + frag + "<p>" + strings.Repeat("These terms apply. ", 8) + "</p></main></body></html>"
	got, err := HTML([]byte(page), Options{BaseURL: "https://example.com/legal/terms"})
	if err != nil {
		t.Fatal(err)
	}
	return got
}
