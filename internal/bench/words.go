package bench

import (
	"math/rand/v2"
	"strings"
)

// template is a sentence with slots; each slot takes one of its options.
// A sentence is stored as the template index and one option index per
// slot, so a document of 300 KB costs a few kilobytes of state and an
// edit is "slot k now takes option j".
type template struct {
	parts []string   // literal text around the slots: len(slots)+1
	slots [][]string // options of each slot
}

var (
	parties = []string{"the Company", "You", "Customer", "the Provider", "Each party", "the Licensor",
		"the Subscriber", "the Processor", "any Affiliate", "the Reseller", "the Account Owner", "Licensee"}
	modals = []string{"shall", "may", "will", "must", "shall not", "may not", "will not", "agrees to",
		"is entitled to", "undertakes to"}
	verbs = []string{"provide", "maintain", "suspend", "terminate", "disclose", "retain", "process",
		"modify", "assign", "transfer", "use", "access", "monitor", "review", "restrict", "license",
		"sublicense", "audit", "invoice", "deliver", "store", "delete"}
	objects = []string{"the Services", "Customer Data", "the Confidential Information", "any Order Form",
		"the Documentation", "all applicable Fees", "the Subscription Term", "Personal Data",
		"any third-party components", "the Account", "Usage Data", "any Deliverables",
		"the Software", "support requests", "Feedback", "the Platform", "any API credentials",
		"the Content", "billing information", "the Intellectual Property Rights"}
	quals = []string{"in accordance with these Terms", "without prior written notice",
		"to the extent permitted by applicable law", "during the Subscription Term",
		"upon thirty (30) days' written notice", "subject to Section 9", "at its sole discretion",
		"for the purposes described in the Privacy Policy", "unless otherwise agreed in writing",
		"in a commercially reasonable manner", "as set forth in the applicable Order Form",
		"in compliance with all applicable laws and regulations", "within ten (10) business days",
		"solely for Customer's internal business purposes", "notwithstanding anything to the contrary herein",
		"except as expressly permitted by this Agreement", "following the end of each billing cycle"}
	conds  = []string{"If", "Where", "To the extent that", "In the event that", "Unless", "Provided that"}
	events = []string{"the Customer breaches any material obligation", "a payment is more than thirty (30) days overdue",
		"required by law or a court order", "the Services are used in violation of the Acceptable Use Policy",
		"either party becomes insolvent", "a Force Majeure Event continues for sixty (60) days",
		"the Provider reasonably suspects fraud", "the parties agree otherwise in writing",
		"any provision is held to be unenforceable", "Customer Data is lost or corrupted"}
	amounts = []string{"one hundred dollars ($100)", "five hundred dollars ($500)", "one thousand dollars ($1,000)",
		"fifty euros (EUR 50)", "ten thousand dollars ($10,000)", "two hundred fifty dollars ($250)"}
	months  = []string{"three (3)", "six (6)", "twelve (12)", "twenty-four (24)", "one (1)"}
	damages = []string{"indirect, incidental, special, consequential or punitive damages",
		"lost profits, revenues or goodwill", "loss of data or business interruption",
		"costs of procurement of substitute services", "any damages arising from unauthorized access"}
	claims = []string{"any third-party claim", "any claims, damages, losses and expenses",
		"all liabilities, costs and reasonable attorneys' fees", "any action or proceeding"}
	causes = []string{"Customer's use of the Services", "a breach of these Terms",
		"the Content submitted by You", "any violation of applicable law",
		"infringement of a third party's intellectual property rights", "Your negligence or wilful misconduct"}
	carve = []string{"fraud", "gross negligence", "death or personal injury", "breach of confidentiality",
		"Customer's payment obligations", "wilful misconduct"}
)

var (
	generic = []template{
		{[]string{"", " ", " ", " ", " ", "."}, [][]string{parties, modals, verbs, objects, quals}},
		{[]string{"", " ", ", ", " ", " ", " ", "."}, [][]string{conds, events, parties, modals, verbs, objects}},
		{[]string{"Nothing in these Terms limits the right of ", " to ", " ", " ", "."}, [][]string{parties, verbs, objects, quals}},
		{[]string{"", " acknowledges that ", " ", " ", " ", "."}, [][]string{parties, parties, modals, verbs, objects}},
	}
	liability = []template{
		{[]string{"IN NO EVENT SHALL ", "'S AGGREGATE LIABILITY ARISING OUT OF OR RELATED TO THESE TERMS EXCEED THE GREATER OF ",
			" OR THE AMOUNTS PAID BY YOU IN THE ", " MONTHS PRECEDING THE EVENT GIVING RISE TO THE CLAIM."},
			[][]string{{"THE COMPANY", "THE PROVIDER", "EITHER PARTY", "THE LICENSOR"}, amounts, months}},
		{[]string{"Neither party shall be liable for any ", ", even if advised of the possibility of such damages, except in the case of ", "."},
			[][]string{damages, carve}},
		{[]string{"The limitations in this Section do not apply to ", " or to ", "."}, [][]string{carve, carve}},
	}
	indemnity = []template{
		{[]string{"", " agrees to indemnify, defend and hold harmless ", " and its officers, directors and employees from and against ",
			" arising out of ", "."}, [][]string{parties, parties, claims, causes}},
		{[]string{"The indemnified party shall give ", " prompt written notice of ", " and reasonable cooperation ", "."},
			[][]string{parties, claims, quals}},
	}
	// dense sentences all speak of liability, damages, limitation, claims
	// or indemnities: the ordinary paragraphs of a dense page (Options.Dense),
	// on which every sentence is a candidate for the clause analyser.
	dense = []template{
		{[]string{"", " shall not be liable for ", " arising out of ", ", ", "."}, [][]string{parties, damages, causes, quals}},
		{[]string{"The total liability of ", " for all claims relating to ", " shall not exceed ", ", except in the case of ", "."},
			[][]string{parties, objects, amounts, carve}},
		{[]string{"", " shall indemnify ", " against ", " resulting from ", ", subject to the limitation of liability ", "."},
			[][]string{parties, parties, claims, causes, quals}},
		{[]string{"Any claim for ", " against ", " must be brought within ", " months, and any damages are limited ", "."},
			[][]string{damages, parties, months, quals}},
		{[]string{"", " waives all claims and releases ", " from liability for ", " in connection with ", "."},
			[][]string{parties, parties, damages, objects}},
		{[]string{"The limitations of liability in this Section apply to ", " and to ", ", unless ", " is liable for ", "."},
			[][]string{claims, damages, parties, carve}},
	}
	// Sentence families; a sentence's template index counts across them.
	families = [][]template{generic, liability, indemnity, dense}
)

// Families of sentences, by index in families.
const (
	genericFamily = iota
	liabilityFamily
	indemnityFamily
	denseFamily
)

// sentence is one generated sentence: a family, a template and its options.
type sentence struct {
	family, tmpl uint8
	opts         [6]uint8
}

func (s sentence) template() template { return families[s.family][s.tmpl] }

func (s sentence) appendTo(b []byte) []byte {
	t := s.template()
	start := len(b)
	for i, part := range t.parts {
		b = append(b, part...)
		if i < len(t.slots) {
			b = append(b, t.slots[i][s.opts[i]]...)
		}
	}
	// Options are written for the middle of a sentence ("the Company").
	if c := b[start]; c >= 'a' && c <= 'z' {
		b[start] = c - 'a' + 'A'
	}
	return b
}

func (s sentence) String() string { return string(s.appendTo(nil)) }

func newSentence(rng *rand.Rand, family int) sentence {
	fam := families[family]
	s := sentence{family: uint8(family), tmpl: uint8(rng.IntN(len(fam)))}
	for i, opts := range s.template().slots {
		s.opts[i] = uint8(rng.IntN(len(opts)))
	}
	return s
}

// edited returns the sentence with one slot changed to a different option,
// so its wording always differs from before.
func (s sentence) edited(rng *rand.Rand) sentence {
	t := s.template()
	k := rng.IntN(len(t.slots))
	n := len(t.slots[k])
	s.opts[k] = uint8((int(s.opts[k]) + 1 + rng.IntN(n-1)) % n)
	return s
}

// headings of ordinary sections.
var headings = []string{"Acceptance of Terms", "Definitions", "Accounts and Registration", "Use of the Services",
	"Acceptable Use", "Fees and Payment", "Taxes", "Customer Data", "Privacy and Security", "Confidentiality",
	"Intellectual Property", "Third-Party Services", "Feedback", "Term and Termination", "Suspension",
	"Warranties and Disclaimers", "Export Controls", "Governing Law", "Dispute Resolution", "Arbitration",
	"Changes to These Terms", "Assignment", "Force Majeure", "Notices", "Publicity", "Beta Features",
	"Service Levels", "Support", "Data Processing", "Subprocessors", "Audit Rights", "Insurance",
	"Entire Agreement", "Severability", "Waiver", "Independent Contractors", "Survival", "Miscellaneous"}

// title case of a vendor's name, from a few syllables.
var syllables = []string{"ac", "me", "zen", "lo", "vi", "tra", "qu", "ix", "no", "va", "data", "sky", "pay", "ly", "flo", "hub"}

func vendorName(rng *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < 2+rng.IntN(2); i++ {
		b.WriteString(syllables[rng.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}
