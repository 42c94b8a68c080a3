package web

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/toswatch/toswatch/internal/model"
)

func TestSecurityHeaders(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	paths := []string{"/", "/?page=1", "/vendors", "/vendors/Acme", "/vendors/Acme/Terms%20of%20Service",
		"/changes/" + itoa(f.capChange), "/versions/" + itoa(f.acmeV1), "/feed.xml", "/feed.atom",
		"/static/style.css", "/changes", "/export.csv", "/export.jsonl", "/no/such/page", "/changes/999999", "/changes/" + itoa(f.capChange) + "/review"}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			resp, _ := f.get(nil, p)
			want := map[string]string{
				"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "same-origin",
			}
			for k, v := range want {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s: got %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestStatusCodes(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	tests := []struct {
		method, path string
		want         int
		contains     string
	}{
		{"GET", "/", 200, "Latest changes"},
		{"GET", "/changes", 200, "All changes"}, // the digest's "All changes" link
		{"GET", "/changes?page=2", 404, ""},
		{"GET", "/static/style.css", 200, ".needs-review"},
		{"GET", "/nope", 404, "There is nothing at this address"},
		{"GET", "/vendors/Nobody", 404, "There is nothing at this address"},
		{"GET", "/vendors/Acme/Nothing", 404, "There is nothing at this address"},
		{"GET", "/changes/999999", 404, "There is nothing at this address"},
		{"GET", "/changes/abc", 404, "There is nothing at this address"},
		{"GET", "/changes/-1", 404, "There is nothing at this address"},
		{"GET", "/versions/999999", 404, "There is nothing at this address"},
		{"GET", "/changes/" + itoa(f.capChange) + "/review", 405, "does not accept GET"},
		{"POST", "/", 405, "does not accept POST"},
		{"DELETE", "/changes/" + itoa(f.capChange), 405, "does not accept DELETE"},
		{"GET", "/?page=0", 400, "whole number"},
		{"GET", "/?page=x", 400, "whole number"},
		{"GET", "/?page=2", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, err := http.NewRequest(tt.method, f.srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body := readAll(t, resp)
			if resp.StatusCode != tt.want {
				t.Errorf("got status %d, want %d", resp.StatusCode, tt.want)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body does not contain %q", tt.contains)
			}
			if tt.want == 405 && resp.Header.Get("Allow") == "" {
				t.Errorf("405 without an Allow header")
			}
		})
	}
}

func TestDashboard(t *testing.T) {
	f := newFixture(t).history()
	f.serve(Options{Now: func() time.Time { return f.now.Add(2 * time.Hour) }})
	resp, body := f.get(nil, "/")
	if resp.StatusCode != 200 {
		t.Fatalf("got status %d, want 200", resp.StatusCode)
	}
	needs := section(t, body, `id="needs-review"`)
	if !strings.Contains(needs, capSummary) {
		t.Errorf("needs review block lacks the unreviewed high change %q", capSummary)
	}
	if strings.Contains(needs, indemnSummary) {
		t.Errorf("needs review block lists the reviewed change %q", indemnSummary)
	}
	if strings.Contains(needs, "/changes/"+itoa(f.lawChange)) {
		t.Errorf("needs review block lists change %d, which moved no clause", f.lawChange)
	}
	if n, c := strings.Index(body, `id="needs-review"`), strings.Index(body, `id="changes"`); n > c {
		t.Errorf("needs review block comes after the list of changes")
	}

	// Newest first: flip-flop, law, indemnity, cap.
	list := section(t, body, `id="changes"`)
	var order []int
	for _, id := range []int64{f.flipChange, f.lawChange, f.indemnChange, f.capChange} {
		order = append(order, strings.Index(list, `href="/changes/`+itoa(id)+`"`))
	}
	for i := 1; i < len(order); i++ {
		if order[i-1] < 0 || order[i] < 0 || order[i-1] > order[i] {
			t.Fatalf("changes not newest first: positions %v", order)
		}
	}
	for _, want := range []string{"flip-flop", "reverted to the text of v2", "text changed", "acknowledged</span> Rita", "not reviewed"} {
		if !strings.Contains(list, want) {
			t.Errorf("list of changes lacks %q", want)
		}
	}

	failing := section(t, body, `id="failing"`)
	for _, want := range []string{"Initech", "503 Service Unavailable (try 3)", "2026-03-01 17:00 UTC (4 hours)", ">3<"} {
		if !strings.Contains(failing, want) {
			t.Errorf("failing block lacks %q:\n%s", want, failing)
		}
	}
	if strings.Contains(failing, "Acme") {
		t.Errorf("failing block lists Acme, whose checks succeed")
	}
}

func TestSince(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-time.Minute, "0 minutes"},
		{time.Minute, "1 minute"},
		{59 * time.Minute, "59 minutes"},
		{time.Hour, "1 hour"},
		{47 * time.Hour, "47 hours"},
		{72 * time.Hour, "3 days"},
	}
	for _, tt := range tests {
		if got := since(tt.d); got != tt.want {
			t.Errorf("since(%v): got %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestFailureThreshold(t *testing.T) {
	f := newFixture(t).history().serve(Options{FailureThreshold: 4})
	_, body := f.get(nil, "/")
	if strings.Contains(body, `id="failing"`) {
		t.Errorf("Initech, with 3 failures, listed as failing with a threshold of 4")
	}
}

func TestDashboardPaging(t *testing.T) {
	f := newFixture(t)
	f.record("Acme", "Terms", model.KindFirst, "v0\n")
	const n = 2*pageSize + 50
	for i := 1; i <= n; i++ {
		f.record("Acme", "Terms", model.KindChange, fmt.Sprintf("v%d\n", i))
	}
	f.serve(Options{})
	tests := []struct {
		page       string
		rows       int
		prev, next bool
	}{
		{"/", pageSize, false, true},
		{"/?page=2", pageSize, true, true},
		{"/?page=3", 50, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			resp, body := f.get(nil, tt.page)
			if resp.StatusCode != 200 {
				t.Fatalf("got status %d, want 200", resp.StatusCode)
			}
			list := section(t, body, `id="changes"`)
			if got := strings.Count(list, "<tr class="); got != tt.rows {
				t.Errorf("got %d rows, want %d", got, tt.rows)
			}
			if got := strings.Contains(list, `rel="prev"`); got != tt.prev {
				t.Errorf("prev link: got %v, want %v", got, tt.prev)
			}
			if got := strings.Contains(list, `rel="next"`); got != tt.next {
				t.Errorf("next link: got %v, want %v", got, tt.next)
			}
		})
	}
	if resp, _ := f.get(nil, "/?page=4"); resp.StatusCode != 404 {
		t.Errorf("page 4: got status %d, want 404", resp.StatusCode)
	}
}

// A page number whose offset overflows is a page past the end, not the
// first page again (nor a negative OFFSET).
func TestHugePageNumberIsNotFound(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	for _, page := range []string{"9223372036854775807", "184467440737095517", "99999999999999999999"} {
		resp, body := f.get(nil, "/?page="+page)
		if page == "99999999999999999999" {
			// Beyond int64: not a whole number Go can hold.
			if resp.StatusCode != 400 {
				t.Errorf("page %s: got status %d, want 400", page, resp.StatusCode)
			}
			continue
		}
		if resp.StatusCode != 404 || strings.Contains(body, `rel="prev"`) {
			t.Errorf("page %s: got status %d, want 404", page, resp.StatusCode)
		}
	}
}

func TestVendorPages(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	tests := []struct {
		path string
		want []string
	}{
		{"/vendors", []string{`href="/vendors/Acme"`, `href="/vendors/Globex/Data%20Processing%20Addendum"`, "Initech", "failed"}},
		{"/vendors/Acme", []string{"<h1>Acme</h1>", "Terms of Service", "http://127.0.0.1/acme",
			`href="/versions/` + itoa(f.acmeV1) + `"`, "first", "change",
			`href="/changes/` + itoa(f.capChange) + `"`, `href="/changes/` + itoa(f.flipChange) + `"`,
			`href="/versions/` + itoa(f.acmeV2) + `">v2</a>`, `>v4</a>`, "changed", "HTTP 200"}},
		// Names compare case-insensitively; the page shows the stored case.
		{"/vendors/acme", []string{"<h1>Acme</h1>"}},
		{"/vendors/Initech", []string{"failed", "503 Service Unavailable (try 3)", "3 failed checks in a row since 2026-03-01 17:00 UTC"}},
		{"/vendors/Acme/Terms%20of%20Service", []string{"<h1>Terms of Service</h1>", `href="/vendors/Acme"`,
			`href="/versions/` + itoa(f.acmeV2) + `"`, `href="/changes/` + itoa(f.lawChange) + `"`, "Recent checks", "1.2s"}},
		{"/vendors/ACME/terms%20of%20service", []string{"<h1>Terms of Service</h1>"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, body := f.get(nil, tt.path)
			if resp.StatusCode != 200 {
				t.Fatalf("got status %d, want 200", resp.StatusCode)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
	// The flip-flop version's row says which version it reverts to.
	_, body := f.get(nil, "/vendors/Acme/Terms%20of%20Service")
	row := rowOf(t, body, `href="/changes/`+itoa(f.flipChange)+`"`)
	if !strings.Contains(row, `href="/versions/`+itoa(f.acmeV2)+`"`) {
		t.Errorf("flip-flop row does not link the version it reverts to: %s", row)
	}
}

func TestChangePage(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	resp, body := f.get(nil, "/changes/"+itoa(f.capChange))
	if resp.StatusCode != 200 {
		t.Fatalf("got status %d, want 200", resp.StatusCode)
	}
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("Cache-Control: got %q, want no-store", got)
	}
	inline := section(t, body, `class="inline"`)
	side := section(t, body, `class="side-by-side"`)
	for _, w := range []string{"<del>", "<ins>", "$100"} {
		if !strings.Contains(inline, w) {
			t.Errorf("inline diff lacks %q", w)
		}
	}
	// The side-by-side view shows deletions left and insertions right.
	row := rowOf(t, side, "$100")
	old, nw := row[:strings.Index(row, `class="new"`)], row[strings.Index(row, `class="new"`):]
	if !strings.Contains(old, "<del>") || strings.Contains(old, "<ins>") {
		t.Errorf("left column: want deletions only: %s", old)
	}
	if !strings.Contains(nw, "<ins>") || strings.Contains(nw, "<del>") {
		t.Errorf("right column: want insertions only: %s", nw)
	}
	// The changed clause: summary, severity, cap facts, highlighted paragraph.
	clauses := section(t, body, `class="clauses"`)
	for _, w := range []string{"clause sev-high", capSummary, "high", "limitation of liability clause modified",
		"Cap: the greater of $1,000 or 12 months of fees → $100"} {
		if !strings.Contains(clauses, w) {
			t.Errorf("clause section lacks %q", w)
		}
	}
	if !strings.Contains(inline, "in-clause sev-high") || !strings.Contains(side, "in-clause sev-high") {
		t.Errorf("the liability paragraph is not highlighted in both views")
	}
	if strings.Contains(rowOf(t, inline, "lawful purpose"), "in-clause") {
		t.Errorf("an unrelated paragraph is highlighted")
	}
	for _, w := range []string{`href="/versions/` + itoa(f.acmeV1) + `"`, `href="/versions/` + itoa(f.acmeV2) + `"`,
		"Not reviewed yet", `action="/changes/` + itoa(f.capChange) + `/review"`, `name="csrf"`} {
		if !strings.Contains(body, w) {
			t.Errorf("change page lacks %q", w)
		}
	}

	// A flip-flop is marked on its page; a text-only change has no clause section.
	_, body = f.get(nil, "/changes/"+itoa(f.flipChange))
	if !strings.Contains(body, "Flip-flop:") || !strings.Contains(body, `href="/versions/`+itoa(f.acmeV2)+`">v2</a>`) {
		t.Errorf("flip-flop change page does not say which version it brings back")
	}
	_, body = f.get(nil, "/changes/"+itoa(f.lawChange))
	if strings.Contains(body, `class="clauses"`) || !strings.Contains(body, "<h1>text changed (1 paragraph)</h1>") {
		t.Errorf("text-only change page: clause section shown or headline missing")
	}
}

func TestVersionPage(t *testing.T) {
	f := newFixture(t).history().serve(Options{})
	resp, body := f.get(nil, "/versions/"+itoa(f.acmeV2))
	if resp.StatusCode != 200 {
		t.Fatalf("got status %d, want 200", resp.StatusCode)
	}
	for _, w := range []string{"Our total liability is limited to $100.", `id="l5"`, "<h1>v2</h1>",
		`href="/changes/` + itoa(f.capChange) + `"`, `<h2 id="l1" class="md"><a class="ln" href="#l1">1</a> Acme Terms of Service</h2>`} {
		if !strings.Contains(body, w) {
			t.Errorf("version page lacks %q", w)
		}
	}
}

// section returns the HTML from the element that holds marker to the end
// of the page, cut at the next <section or </section>.
func section(t *testing.T, body, marker string) string {
	t.Helper()
	i := strings.Index(body, marker)
	if i < 0 {
		t.Fatalf("page has no %s", marker)
	}
	rest := body[i:]
	if j := strings.Index(rest, "</section>"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// rowOf returns the table row or inline diff paragraph around the first
// occurrence of s.
func rowOf(t *testing.T, body, s string) string {
	t.Helper()
	i := strings.Index(body, s)
	if i < 0 {
		t.Fatalf("no %q", s)
	}
	tr, div := strings.LastIndex(body[:i], "<tr"), strings.LastIndex(body[:i], `<div class="para`)
	start, closer := tr, "</tr>"
	if div > tr {
		start, closer = div, "</p>\n</div>"
	}
	end := strings.Index(body[i:], closer)
	if start < 0 || end < 0 {
		t.Fatalf("no row around %q", s)
	}
	return body[start : i+end+len(closer)]
}

func readAll(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDashboardShowsDocumentsThatNeverWorked: after a first run where
// most fetches failed once, the dashboard lists them as failing, not only
// once failure_threshold checks in a row failed.
func TestDashboardShowsDocumentsThatNeverWorked(t *testing.T) {
	f := newFixture(t)
	f.record("Acme", "Terms", model.KindFirst, acmeV1)
	for _, v := range []string{"Globex", "Initech", "Umbrella"} {
		f.fail(v, "Terms", "timeout: fetch http://127.0.0.1/"+v+": no answer")
	}
	f.serve(Options{})
	_, body := f.get(nil, "/")
	if !strings.Contains(body, `id="failing"`) {
		t.Fatalf("the dashboard shows no failing documents after a first run where 3 of 4 failed")
	}
	for _, v := range []string{"Globex", "Initech", "Umbrella"} {
		if !strings.Contains(body, "no answer") || !strings.Contains(body, `href="/vendors/`+v+`"`) {
			t.Errorf("%s is not listed as failing", v)
		}
	}
	if got := strings.Count(body, "(never read yet)"); got != 3 {
		t.Errorf("got %d documents marked never read yet, want 3", got)
	}
}
