package extract

import (
	"net/url"
	"strings"
	"testing"
)

func TestCleanURL(t *testing.T) {
	base, _ := url.Parse("https://www.example.com/legal/terms?lang=en")
	tests := []struct{ href, want string }{
		{"/privacy?utm_source=x&utm_medium=y&utm_campaign=z", "https://www.example.com/privacy"},
		{"privacy?gclid=abc&fbclid=def&msclkid=1&_ga=2.1.2&_gl=1*x&mc_cid=1&mc_eid=2&yclid=3&dclid=4&igshid=5", "https://www.example.com/legal/privacy"},
		{"https://twitter.com/acme?ref_src=twsrc%5Etfw", "https://twitter.com/acme"},
		{"/docs?page=2&lang=fr&utm_source=a", "https://www.example.com/docs?lang=fr&page=2"},
		{"/search?q=refund+policy&v=123", "https://www.example.com/search?q=refund+policy"},
		{"/file.pdf?ver=5&cb=99&_=1718&t=1718&ts=1&timestamp=2", "https://www.example.com/file.pdf"},
		{"/terms?id=42&section=liability", "https://www.example.com/terms?id=42&section=liability"},
		{"/r?token=Zq81xLmP0c7Yt2Wv9Rk4nA3", "https://www.example.com/r"},
		{"/r?slug=limitation-of-liability-and-indemnity", "https://www.example.com/r?slug=limitation-of-liability-and-indemnity"},
		{"https://chatgpt.com/pricing?openaicom-did=afd85542-fdbb-4e13-a6b2-a01081be0dee&openaicom_referred=true", "https://chatgpt.com/pricing?openaicom_referred=true"},
		{"/p?visitor=9f86d081884c7d659a2feaa0c55ad015&lang=en", "https://www.example.com/p?lang=en"},
		{"/p?k=AbCdEf-12345_ghIJKLmn-opq", "https://www.example.com/p"},
		{"/p?feed=acceptedfeedbackcafe", "https://www.example.com/p?feed=acceptedfeedbackcafe"},
		{"/p?topic=gdpr-2024-data-processing-terms", "https://www.example.com/p?topic=gdpr-2024-data-processing-terms"},
		{"/app;jsessionid=ABC123?x=1", "https://www.example.com/app?x=1"},
		{"HTTPS://WWW.Example.COM/A", "https://www.example.com/A"},
		{"//cdn.example.org/x", "https://cdn.example.org/x"},
		{"https://other.example/p#section-4", "https://other.example/p#section-4"},
		{"https://other.example/p#:~:text=liability", "https://other.example/p"},
		{"?lang=en#s5", ""},
		{"#top", ""},
		{"javascript:void(0)", ""},
		{"mailto:legal@example.com?subject=Hi", "mailto:legal@example.com"},
		{"/cdn-cgi/l/email-protection#5a363f3d3b361a3b39373f773936352f3e743f223b372a363f", "mailto:legal@acme-cloud.example"},
		{"", ""},
		// redirect wrappers: the target, cleaned, instead of the wrapper and its rotating token
		{"https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fprivacy%3Futm_source%3Dfb&h=AT0fQ2xk9Lm3Zp8Rq1Vt", "https://example.org/privacy"},
		{"https://lm.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fprivacy&h=AT3zzQ", "https://example.org/privacy"},
		{"https://l.instagram.com/?u=https%3A%2F%2Fexample.org%2Fterms&e=ATNq81", "https://example.org/terms"},
		{"https://www.google.com/url?q=https://example.org/dpa&sa=D&source=editors&ust=1718000000000000&usg=AOvVaw0abc", "https://example.org/dpa"},
		{"https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.org%2Fsla&data=05%7C01%7Cx%7C9f&sdata=Zk3%2Bq%3D&reserved=0", "https://example.org/sla"},
		{"https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fexample.org%2Faup&urlhash=Xy1z", "https://example.org/aup"},
		{"https://www.youtube.com/redirect?event=video_description&redir_token=QUFFLUhq&q=https%3A%2F%2Fexample.org%2Fcookies", "https://example.org/cookies"},
		{"https://urldefense.com/v3/__https://example.org/terms__;!!Ab12Cd!xYz9$", "https://example.org/terms"},
		{"https://urldefense.proofpoint.com/v2/url?u=https-3A__example.org_legal_dpa&d=DwMF&c=abc", "https://example.org/legal/dpa"},
		{"https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.google.com%2Furl%3Fq%3Dhttps%3A%2F%2Fexample.org%2Fnested%26usg%3DAOv&data=1", "https://example.org/nested"},
		// look-alikes that are not wrappers
		{"/docs/url-shortener?q=https://example.org", "https://www.example.com/docs/url-shortener?q=https%3A%2F%2Fexample.org"},
		{"/redirect?to=pricing", "https://www.example.com/redirect?to=pricing"},
	}
	for _, tt := range tests {
		t.Run(tt.href, func(t *testing.T) {
			if got := cleanURL(tt.href, base); got != tt.want {
				t.Errorf("cleanURL(%q) = %q, want %q", tt.href, got, tt.want)
			}
		})
	}
}

func TestBaseHref(t *testing.T) {
	page := `<html><head><base href="/en/legal/"></head><body><main><p>See the <a href="privacy">privacy policy</a> which applies to all use of the services described in these terms of service.</p></main></body></html>`
	got, err := HTML([]byte(page), Options{BaseURL: "https://acme.example/terms"})
	if err != nil {
		t.Fatal(err)
	}
	want := "See the [privacy policy](https://acme.example/en/legal/privacy) which applies to all use of the services described in these terms of service."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLinkQueriesOnly(t *testing.T) {
	const body = "# Terms\nSee the [pricing](https://acme.example/pricing?visit=blue-otter-42&ref=x#plans) page.\nFees are due monthly."
	tests := []struct {
		name string
		b    string
		want bool
	}{
		{"query value", strings.Replace(body, "blue-otter-42", "red-heron-7", 1), true},
		{"query dropped", strings.Replace(body, "?visit=blue-otter-42&ref=x", "", 1), true},
		{"path", strings.Replace(body, "/pricing?", "/plans?", 1), false},
		{"fragment", strings.Replace(body, "#plans", "#fees", 1), false},
		{"link text", strings.Replace(body, "[pricing]", "[prices]", 1), false},
		{"wording", strings.Replace(body, "monthly", "yearly", 1), false},
		{"same", body, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LinkQueriesOnly(body, tt.b); got != tt.want {
				t.Errorf("LinkQueriesOnly = %v, want %v", got, tt.want)
			}
		})
	}
}
