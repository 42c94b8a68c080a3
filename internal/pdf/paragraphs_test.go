package pdf

import (
	"fmt"
	"strings"
	"testing"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"wrapped lines join",
			"Acme provides the Services to Customer under these Terms and the Order\nForm that refers to them, for the subscription term stated there.",
			"Acme provides the Services to Customer under these Terms and the Order Form that refers to them, for the subscription term stated there.\n"},
		{"blank line ends a paragraph",
			"First paragraph of the terms, which is long enough to wrap around.\n\nSecond paragraph of the terms, also long enough to wrap around here.",
			"First paragraph of the terms, which is long enough to wrap around.\nSecond paragraph of the terms, also long enough to wrap around here.\n"},
		{"hyphenated word is mended",
			"In no event shall the aggregate liabil-\nity of Acme exceed the fees paid by Customer in the preceding year.",
			"In no event shall the aggregate liability of Acme exceed the fees paid by Customer in the preceding year.\n"},
		{"compound written with a hyphen elsewhere keeps it",
			"Acme may use a third-party processor. Data shared with any third-\nparty is handled under the Data Processing Addendum of Acme.",
			"Acme may use a third-party processor. Data shared with any third-party is handled under the Data Processing Addendum of Acme.\n"},
		{"hyphen before a capital is kept",
			"These terms apply to customers established outside the European non-\nEU area only, and to no other customers of Acme or its affiliates.",
			"These terms apply to customers established outside the European non-EU area only, and to no other customers of Acme or its affiliates.\n"},
		{"sentence end on a full line does not end the paragraph",
			"Customer shall pay all fees within thirty days of the invoice date.\nLate payments bear interest at one percent per month until paid.",
			"Customer shall pay all fees within thirty days of the invoice date. Late payments bear interest at one percent per month until paid.\n"},
		{"sentence end on a short line ends it",
			"Customer shall pay all fees within thirty days of the invoice date,\nor as agreed.\nLate payments bear interest at one percent per month until paid.",
			"Customer shall pay all fees within thirty days of the invoice date, or as agreed.\nLate payments bear interest at one percent per month until paid.\n"},
		{"numbered headings",
			"1. Definitions\n1.1 Scope\nThe following terms apply to every order placed by Customer with Acme.",
			"1. Definitions\n1.1 Scope\nThe following terms apply to every order placed by Customer with Acme.\n"},
		{"a number in running text is no heading",
			"Customer may terminate this Agreement at any time as set out in Section\n3.2 of this Agreement, by notice in writing to Acme at least thirty days.",
			"Customer may terminate this Agreement at any time as set out in Section 3.2 of this Agreement, by notice in writing to Acme at least thirty days.\n"},
		{"labelled heading",
			"Section 7\nAcme may change these terms by posting a revised version on its site.",
			"Section 7\nAcme may change these terms by posting a revised version on its site.\n"},
		{"capitals heading, then a paragraph in capitals",
			"LIMITATION OF LIABILITY\nIN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT, SPECIAL, INCIDENTAL\nOR CONSEQUENTIAL DAMAGES.\nThe limits above apply even if a remedy fails of its essential purpose.",
			"LIMITATION OF LIABILITY\nIN NO EVENT WILL ACME BE LIABLE FOR ANY INDIRECT, SPECIAL, INCIDENTAL OR CONSEQUENTIAL DAMAGES.\nThe limits above apply even if a remedy fails of its essential purpose.\n"},
		{"bullets and enumerated items",
			"Customer shall not, and shall not permit any third party to do the following:\n• copy the Services;\n(a) resell the Services to any third party without the written consent; or\n(b) use them unlawfully.",
			"Customer shall not, and shall not permit any third party to do the following:\n• copy the Services;\n(a) resell the Services to any third party without the written consent; or\n(b) use them unlawfully.\n"},
		{"abbreviation at a line end",
			"Acme may process personal data of Customer's users, e.g.\nNames, emails and usage logs, as described in the Data Processing terms.",
			"Acme may process personal data of Customer's users, e.g. Names, emails and usage logs, as described in the Data Processing terms.\n"},
		{"paragraph continues on the next page",
			"These Terms are governed by the laws of the State of Delaware, without\n\fregard to its conflict of laws rules, and the courts of Delaware decide.",
			"These Terms are governed by the laws of the State of Delaware, without regard to its conflict of laws rules, and the courts of Delaware decide.\n"},
		{"padding and CRLF",
			"   Acme   provides the Services\r\n  under these Terms.  ",
			"Acme provides the Services under these Terms.\n"},
		{"empty", "\f\n\n\f", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Paragraphs(tt.in); got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestParagraphsDropsPageFurniture(t *testing.T) {
	// Digits do not tell lines apart (page numbers differ too), words do.
	words := []string{"zero", "ten", "twenty", "thirty", "forty"}
	body := func(n int) string {
		return fmt.Sprintf("Acme may suspend the Services for %s reasons if Customer's account is past\n"+
			"due by more than thirty days, after giving notice and an opportunity to pay.\n"+
			"Suspension does not relieve Customer of the obligation to pay the fees,\n"+
			"and it ends when the account is paid in full, for the %s time at most.", words[n], words[n])
	}
	footers := map[string]func(int) string{
		"page n of m": func(n int) string { return fmt.Sprintf("Page %d of 4", n) },
		"bare number": func(n int) string { return fmt.Sprint(n) },
		"dashes":      func(n int) string { return fmt.Sprintf("- %d -", n) },
		"dated":       func(n int) string { return fmt.Sprintf("Acme Terms v2.%d, updated 2024-05-0%d", n, n) },
	}
	for name, footer := range footers {
		t.Run(name, func(t *testing.T) {
			var pages []string
			for n := 1; n <= 4; n++ {
				pages = append(pages, "ACME CLOUD TERMS OF SERVICE\n\n"+body(n)+"\n\n"+footer(n)+"\n")
			}
			got := Paragraphs(strings.Join(pages, "\f"))
			if strings.Contains(got, "ACME CLOUD") || strings.Contains(got, "Page") || strings.Contains(got, "- 2 -") || strings.Contains(got, "updated") {
				t.Errorf("headers or footers left in:\n%s", got)
			}
			if n := strings.Count(got, "for the "); n != 4 {
				t.Errorf("got the body %d times, want 4:\n%s", n, got)
			}
		})
	}
}

func TestParagraphsKeepsRepeatedBodyLines(t *testing.T) {
	// A line that recurs in the middle of pages is text, not furniture.
	var pages []string
	for n := range 3 {
		pages = append(pages, fmt.Sprintf("Header of the page\n%d. Fees\nThe fees are set out in the Order Form and are due in advance each year.\n"+
			"Not applicable.\nThe customer pays %s fees by bank transfer to the account of Acme.\nfooter text", n+1, []string{"all", "any", "the"}[n]))
	}
	got := Paragraphs(strings.Join(pages, "\f"))
	if n := strings.Count(got, "Not applicable."); n != 3 {
		t.Errorf("got %q %d times, want 3:\n%s", "Not applicable.", n, got)
	}
}
