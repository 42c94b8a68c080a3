package bench

import (
	"strconv"
	"strings"
	"time"
)

// css is the inline stylesheet of every page: a realistic weight of markup
// that carries no text.
var css = func() string {
	var b strings.Builder
	for i := 0; i < 60; i++ {
		n := strconv.Itoa(i)
		b.WriteString(".c" + n + "{margin:0 auto;padding:" + n + "px 12px;color:#1f2933;font:16px/1.6 system-ui,sans-serif}")
		b.WriteString(".c" + n + ":hover{text-decoration:underline;background:rgba(0,0,0,." + n + ")}\n")
	}
	return b.String()
}()

// analytics is the inline tracking script at the end of every page.
const analytics = `(function(w,d){var q=w.dataLayer=w.dataLayer||[];function g(){q.push(arguments)}
g('js',new Date());g('config','G-BENCH01',{anonymize_ip:true,cookie_flags:'SameSite=None;Secure'});
var s=d.createElement('script');s.async=1;s.src='https://analytics.example/collect.js';
d.head.appendChild(s);w.addEventListener('scroll',function(){q.push({event:'scroll',depth:w.scrollY})});
})(window,document);`

var navItems = []string{"Product", "Pricing", "Customers", "Integrations", "Security", "Enterprise", "Partners",
	"Developers", "API Reference", "Status", "Blog", "Careers", "Press", "Contact Sales", "Support", "Community"}

var legalLinks = []string{"Privacy Policy", "Cookie Policy", "Acceptable Use Policy", "Data Processing Addendum",
	"Service Level Agreement", "Subprocessors", "Security Overview"}

// html renders the page as served now: chrome, noise of the current
// rotation and the document itself.
func (p *page) html(b []byte) []byte {
	nonce, sid, trk, cb := p.token(1), p.token(2)+p.token(3), p.token(4), p.token(5)
	title := p.vendor + " Terms of Service"
	b = append(b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">`...)
	b = append(b, "<title>"+title+"</title>\n"...)
	b = append(b, `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-`+nonce+`'">`+"\n"...)
	b = append(b, `<meta name="csrf-token" content="`+sid+`"><meta name="viewport" content="width=device-width">`+"\n"...)
	b = append(b, `<link rel="stylesheet" href="/static/site.css?v=`+cb+`"><link rel="preload" href="/static/font.woff2?cb=`+cb+`" as="font">`+"\n"...)
	b = append(b, "<style>"...)
	b = append(b, css...)
	b = append(b, "</style>\n"...)
	b = append(b, `<script nonce="`+nonce+`">window.__STATE__={"session":"`+sid+`","rendered":`+strconv.Itoa(1_700_000_000+p.noise*977)+`,"flags":["new-nav","consent-v2"]};</script>`+"\n"...)
	b = append(b, `<script src="/static/app.js?cb=`+cb+`" nonce="`+nonce+`" async></script>`+"\n"...)
	b = append(b, `<script type="application/ld+json">{"@context":"https://schema.org","@type":"WebPage","name":"`+title+`"}</script>`+"\n"...)
	b = append(b, `</head><body class="page terms" data-session="`+sid+`">`+"\n"...)

	// Cookie banner, header and navigation: chrome the extractor drops.
	b = append(b, `<div id="cookie-banner" class="cookie-consent" data-consent-id="`+trk+`"><p>We use cookies to improve your experience and for analytics. See our <a href="/cookies?utm_source=banner&amp;utm_content=`+trk+`">Cookie Policy</a>.</p><button>Accept all</button><button>Reject</button></div>`+"\n"...)
	b = append(b, `<header class="site-header"><a class="logo" href="/?utm_source=terms&amp;sid=`+sid+`">`+p.vendor+`</a><nav><ul>`...)
	for _, item := range navItems {
		b = append(b, `<li><a href="https://`+p.domain+`/`+lower(strings.ReplaceAll(item, " ", "-"))+`?utm_source=terms&amp;utm_medium=nav&amp;utm_campaign=`+trk+`">`+item+`</a></li>`...)
	}
	b = append(b, "</ul></nav></header>\n<div class=\"layout\"><aside class=\"toc\"><ul>"...)
	for i, s := range p.layout {
		b = append(b, `<li><a href="#s-`+strconv.Itoa(i+1)+`">`+headings[s.heading]+`</a></li>`...)
	}
	b = append(b, "</ul></aside>\n"...)

	// The document.
	b = append(b, `<main id="content" data-track-id="`+trk+`"><article>`+"\n<h1>"+title+"</h1>\n"...)
	b = append(b, `<p class="updated">Last updated: `+p.updated()+"</p>\n"...)
	if p.leak {
		b = append(b, "<p>Served with token "+cb+".</p>\n"...)
	}
	var sents []sentence
	n := 0
	for i, s := range p.layout {
		num := strconv.Itoa(i + 1)
		heading := headings[s.heading]
		switch s.family {
		case liabilityFamily:
			heading = "Limitation of Liability"
		case indemnityFamily:
			heading = "Indemnification"
		}
		b = append(b, `<section id="s-`+num+`" data-analytics="sec-`+trk+`"><h2>`+num+". "+heading+"</h2>\n"...)
		if s.list {
			b = append(b, "<ul>"...)
		}
		for j := 0; j < s.paras; j++ {
			sents = p.paragraph(n, s.family, sents)
			b = p.renderPara(b, n, s.list, sents, trk, sid)
			n++
		}
		if s.list {
			b = append(b, "</ul>"...)
		}
		b = append(b, "</section>\n"...)
	}
	b = append(b, "</article></main></div>\n"...)

	// Hidden promo, footer and trailing scripts.
	b = append(b, `<div class="promo" style="display:none">Try the new Team plan today! Offer code `+cb+`</div>`+"\n"...)
	b = append(b, `<footer class="site-footer"><p>&copy; 2026 `+p.vendor+` Inc. All rights reserved. Rendered at `+
		epoch.Add(time.Duration(p.noise)*(time.Hour+17*time.Second)).Format("2006-01-02T15:04:05Z")+` &middot; request `+p.token(6)+`</p><ul>`...)
	for _, l := range legalLinks {
		b = append(b, `<li><a href="/legal/`+lower(strings.ReplaceAll(l, " ", "-"))+`?ref=footer&amp;_ga=`+trk+`">`+l+`</a></li>`...)
	}
	b = append(b, "</ul></footer>\n"...)
	b = append(b, `<script nonce="`+nonce+`">`+analytics+"</script>\n"...)
	b = append(b, `<script src="https://cdn.example/widget.js?v=`+cb+`" defer></script></body></html>`+"\n"...)
	return b
}

// renderPara writes one paragraph (or list item). Some paragraphs hold a
// link carrying tracking and session parameters, or an emphasised phrase.
func (p *page) renderPara(b []byte, n int, item bool, sents []sentence, trk, sid string) []byte {
	open, close := `<p data-pid="`+trk[:6]+strconv.Itoa(n)+`">`, "</p>\n"
	if item {
		open, close = "<li>", "</li>\n"
	}
	b = append(b, open...)
	for i, s := range sents {
		if i > 0 {
			b = append(b, ' ')
		}
		if i == 1 && n%5 == 0 {
			b = append(b, "<strong>"...)
			b = s.appendTo(b)
			b = append(b, "</strong>"...)
			continue
		}
		b = s.appendTo(b)
	}
	switch n % 7 {
	case 3:
		l := legalLinks[n%len(legalLinks)]
		b = append(b, ` See the <a href="https://`+p.domain+`/legal/`+lower(strings.ReplaceAll(l, " ", "-"))+
			`?utm_source=terms&amp;utm_medium=web&amp;utm_campaign=`+trk+`&amp;sid=`+sid+`">`+l+`</a>.`...)
	case 5:
		b = append(b, ` Contact <a href="/support;jsessionid=`+sid+`?lang=en&amp;gclid=`+trk+`">our support team</a> with questions.`...)
	}
	return append(b, close...)
}
