package present

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// Summarise composes the summary of each clause change from the findings
// the analyser recorded, in the reviewer's words, and returns ccs. A
// change without findings (recorded by an older analyser) keeps its
// summary.
func Summarise(ccs []model.ClauseChange) []model.ClauseChange {
	for i := range ccs {
		if s := Summary(ccs[i]); s != "" {
			ccs[i].Summary = s
		}
	}
	return ccs
}

// Summarised wraps the analyser's comparison (clause.Compare) so that
// the clause changes it returns carry their summaries: what the tracker
// records, reanalyze rewrites and compare prints.
func Summarised(compare func(oldText, newText string) []model.ClauseChange) func(oldText, newText string) []model.ClauseChange {
	return func(oldText, newText string) []model.ClauseChange {
		return Summarise(compare(oldText, newText))
	}
}

// Summary is the one-line summary of a clause change: what moved, each
// finding in turn, the most severe first; "" without findings.
func Summary(cc model.ClauseChange) string {
	var parts []string
	done := map[int]bool{}
	for i, f := range cc.Findings {
		if done[i] {
			continue
		}
		if capRule(f.What) {
			// The findings about one pair of caps make one sentence.
			var group []string
			for j := i; j < len(cc.Findings); j++ {
				g := cc.Findings[j]
				if capRule(g.What) && g.Before == f.Before && g.After == f.After {
					group = append(group, g.What)
					done[j] = true
				}
			}
			parts = append(parts, capSentence(f.Before, f.After, group))
			continue
		}
		if s := finding(cc.Type, f); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "; ")
}

// capRule reports whether a finding compares two general caps.
func capRule(what string) bool {
	switch what {
	case model.RuleCapLowered, model.RuleCapLookbackShortened, model.RuleCapFeesToFixed,
		model.RuleCapGreaterToLesser, model.RuleCapIncomparable:
		return true
	}
	return false
}

// capSentence says how one cap moved, given the rules that describe it.
func capSentence(b, a *model.Cap, rules []string) string {
	has := func(r string) bool {
		for _, x := range rules {
			if x == r {
				return true
			}
		}
		return false
	}
	switch {
	case has(model.RuleCapIncomparable):
		why := "the fees paid and a fixed amount cannot be compared"
		if b.Amount != nil && a.Amount != nil && b.Currency != a.Currency {
			why = "amounts in different currencies cannot be compared"
		}
		return "liability cap changed from " + Cap(b) + " to " + Cap(a) + ": " + why + ", and the new cap may be lower"
	case len(rules) == 1 && has(model.RuleCapLookbackShortened):
		return "cap look-back shortened: " + capWithLookback(a) + " (was: " + capWithLookback(b) + ")"
	}
	return "liability cap lowered from " + Cap(b) + " to " + Cap(a)
}

// capWithLookback describes a cap by the period of fees it counts.
func capWithLookback(c *model.Cap) string {
	fees := "price paid, no limit"
	if c.FeePeriodMonths > 0 {
		fees = fmt.Sprintf("fees paid in the %d months before the claim", c.FeePeriodMonths)
	}
	switch c.Basis {
	case model.BasisGreater:
		return "the greater of " + money(c) + " or " + fees
	case model.BasisLesser:
		return "the lesser of " + money(c) + " or " + fees
	}
	return fees
}

func money(c *model.Cap) string {
	if c.Amount == nil {
		return "an amount"
	}
	return Money(*c.Amount, c.Currency)
}

// finding says one finding in words.
func finding(typ string, f model.Finding) string {
	label := ClauseLabel(typ)
	switch f.What {
	case model.MovedReformatted:
		return label + " clause reformatted; wording unchanged"
	case model.MovedRenamed:
		return label + " clause: " + Quote(f.Items[0], 60) + " now reads " + Quote(f.Items[1], 60) + "; wording otherwise unchanged"
	case model.RuleLimitationAdded:
		s := "limitation of liability added"
		switch {
		case f.After != nil && f.After.Basis == model.BasisExcluded:
			s += ": liability excluded altogether"
		case f.After != nil && (f.After.Basis != "" || len(f.After.Scoped) > 0):
			s += ", capped at " + Cap(f.After)
		}
		return s + protectsNote(f.Party)
	case model.RuleLiabilityExcluded:
		if f.Before != nil && f.Before.Basis != "" {
			return "liability now excluded altogether (was: capped at " + Cap(f.Before) + ")"
		}
		return "liability now excluded altogether"
	case model.RuleCapRemoved:
		s := "liability cap removed (was " + Cap(f.Before) + ")"
		if f.Quote == model.MovedRemoved {
			s += " with the whole limitation of liability"
		}
		return s
	case model.RuleCapAdded:
		return "liability cap added: " + Cap(f.After)
	case model.MovedCapRaised:
		return "liability cap raised from " + Cap(f.Before) + " to " + Cap(f.After)
	case model.MovedCapChanged:
		return "liability cap changed from " + Cap(f.Before) + " to " + Cap(f.After)
	case model.RuleCapMadeOneSided:
		return "cap now protects only the provider (was " + partyWords(f.Was) + ")"
	case model.MovedProtectsChanged:
		return "cap now protects both parties (was only " + partyWords(f.Was) + ")"
	case model.RuleExclusionWidened:
		if f.Quote != "" {
			return "exclusion widened: new exclusion " + Quote(f.Quote, 90) + more(f.More)
		}
		return "exclusion widened: now also excludes " + list(f.Items)
	case model.MovedExclusionNarrow:
		if f.Quote != "" {
			return "exclusion narrowed: dropped " + Quote(f.Quote, 90) + more(f.More)
		}
		return "exclusion narrowed: no longer excludes " + list(f.Items)
	case model.RuleCarveOutRemoved:
		return plural(f.Items, "carve-out", "carve-outs") + " removed: " + list(f.Items) + " " + isAre(f.Items) + " now capped too"
	case model.RuleCarveOutAgainstYouAdded:
		return plural(f.Items, "carve-out", "carve-outs") + " added against you: " + list(f.Items) + " " + isAre(f.Items) + " now uncapped, yours included"
	case model.MovedCarveOutAdded:
		return plural(f.Items, "carve-out", "carve-outs") + " added: " + list(f.Items) + " " + isAre(f.Items) + " now uncapped"
	case model.MovedCarveOutDropped:
		return plural(f.Items, "carve-out", "carve-outs") + " removed: " + list(f.Items) + " " + isAre(f.Items) + " capped again"
	case model.RuleScopedCapLowered:
		return "cap for " + f.Scope + " lowered from " + Cap(f.Before) + " to " + scopedCap(f.Scope, f.After)
	case model.RuleScopedCapAdded:
		if f.After.Basis == model.BasisExcluded {
			return "liability for " + f.Scope + " now excluded altogether"
		}
		return "cap for " + f.Scope + " added: " + Cap(f.After)
	case model.MovedScopedCapRaised:
		return "cap for " + f.Scope + " raised from " + scopedCap(f.Scope, f.Before) + " to " + Cap(f.After)
	case model.MovedScopedCapRemoved:
		if f.Before.Basis == model.BasisExcluded {
			return "liability for " + f.Scope + " no longer excluded"
		}
		return "cap for " + f.Scope + " removed (was " + Cap(f.Before) + ")"
	case model.RuleYourCapRemoved:
		return "cap on your liability removed (was " + Cap(f.Before) + "): your liability is no longer limited"
	case model.RuleYourCapRaised:
		return "cap on your liability raised from " + Cap(f.Before) + " to " + Cap(f.After)
	case model.RuleYourLiabilityAdded:
		return "your liability added: " + Quote(f.Quote, 90) + more(f.More)
	case model.MovedYourLiabilityDropped:
		return "your liability narrowed: dropped " + Quote(f.Quote, 90) + more(f.More)
	case model.MovedYourCapLowered:
		return "cap on your liability lowered from " + Cap(f.Before) + " to " + Cap(f.After)
	case model.MovedRemoved:
		return "limitation of liability removed"
	case model.RuleYourIndemnityAdded:
		s := "your indemnity added: you now indemnify the provider"
		if f.Party == model.PartyMutual {
			s = "mutual indemnity added: you and the provider now indemnify each other"
		}
		return s + coversNote(f.Items)
	case model.RuleYourIndemnityBroadened:
		if f.Quote != "" {
			return "your indemnity broadened: you now also undertake " + Quote(f.Quote, 90)
		}
		return "your indemnity broadened: now also covers " + list(f.Items)
	case model.RuleProviderIndemnityRemoved:
		return "provider's " + indemnityName(f.Items) + " of you removed" + coveredNote(f.Items)
	case model.RuleProviderIndemnityNarrowed:
		if f.Quote != "" && len(f.Items) > 0 {
			return "provider's indemnity of you narrowed by a new " + list(f.Items) + ": " + Quote(f.Quote, 90)
		}
		if f.Quote != "" {
			return "provider's indemnity of you narrowed: now only " + Quote(f.Quote, 90)
		}
		return "provider's indemnity of you narrowed: no longer covers " + list(f.Items)
	case model.MovedYourIndemnityOut:
		return "your indemnity removed: you no longer indemnify the provider"
	case model.MovedYourIndemnityCut:
		if f.Quote != "" && len(f.Items) > 0 {
			return "your indemnity narrowed by a new " + list(f.Items) + ": " + Quote(f.Quote, 90)
		}
		if f.Quote != "" {
			return "your indemnity narrowed: now only " + Quote(f.Quote, 90)
		}
		return "your indemnity narrowed: no longer covers " + list(f.Items)
	case model.MovedProviderIndemIn:
		return "provider's " + indemnityName(f.Items) + " of you added" + coversNote(f.Items)
	case model.MovedProviderIndemUp:
		if f.Quote != "" {
			return "provider's indemnity of you broadened: " + Quote(f.Quote, 90)
		}
		return "provider's indemnity of you broadened: now also covers " + list(f.Items)
	case model.MovedSentencesAdded:
		return extended(typ) + " extended: " + Quote(f.Quote, 90) + more(f.More)
	case model.MovedSentencesDropped:
		return extended(typ) + " dropped: " + Quote(f.Quote, 90) + more(f.More)
	case model.MovedReworded:
		if len(f.Items) == 0 || f.Items[0] == "" {
			return label + " reworded: now " + Quote(f.Quote, 90)
		}
		now, was := rewordedQuotes(f.Quote, f.Items[0], 90)
		return label + " reworded: now " + now + " (was " + was + ")"
	}
	return ""
}

// scopedCap says a scoped cap; on free services a cap of the fees paid
// is nothing, which the analyser records as a zero amount.
func scopedCap(scope string, c *model.Cap) string {
	if scope == model.ScopeFree && c != nil && c.Basis == model.BasisFixed && c.Amount != nil && *c.Amount == 0 {
		return "nothing (the fees paid)"
	}
	return Cap(c)
}

// extended names what a sentence added to a clause extends.
func extended(typ string) string {
	if typ == model.Indemnification {
		return "indemnity"
	}
	return "limitation"
}

// indemnityName is "IP indemnity" for an indemnity against third-party IP
// claims, "indemnity" otherwise.
func indemnityName(covers []string) string {
	for _, c := range covers {
		if c == model.CoversIP {
			return "IP indemnity"
		}
	}
	return "indemnity"
}

func coveredNote(items []string) string {
	if n := coversNote(items); n != "" {
		return " (it covered " + n[len(" (covers "):]
	}
	return ""
}

func coversNote(items []string) string {
	var rest []string
	for _, it := range items {
		if it != model.CoversIP {
			rest = append(rest, it)
		}
	}
	if len(rest) == 0 {
		return ""
	}
	if len(rest) < len(items) {
		return " (covers also " + list(rest) + ")"
	}
	return " (covers " + list(rest) + ")"
}

func protectsNote(p model.Party) string {
	if p == model.PartyMutual {
		return " for both parties"
	}
	return ""
}

func partyWords(p model.Party) string {
	switch p {
	case model.PartyMutual:
		return "mutual"
	case model.PartyYou:
		return "you"
	case model.PartyProvider:
		return "the provider"
	}
	return "unknown"
}

// list joins items: "a", "a and b", "a, b and c".
func list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

func plural(items []string, one, many string) string {
	if len(items) == 1 {
		return one
	}
	return many
}

func isAre(items []string) string {
	if len(items) == 1 && !strings.HasSuffix(items[0], "s") {
		return "is"
	}
	return "are"
}

func more(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(" and %d more", n)
}

// Quote shortens s to about n bytes, on a word boundary, in quotes,
// without Markdown emphasis or the numbering of its paragraph.
func Quote(s string, n int) string {
	s = strings.NewReplacer("**", "", "__", "").Replace(s)
	if strings.Contains(s, "](") {
		s = markdownLink.ReplaceAllString(s, "$1")
	}
	s = strings.Join(strings.Fields(s), " ")
	if f, rest, ok := strings.Cut(s, " "); ok && numbering(strings.Trim(f, "().\\")) {
		s = rest
	}
	if len(s) > n {
		cut := strings.LastIndexByte(s[:n], ' ')
		if cut <= 0 {
			cut = n
		}
		s = s[:cut] + " …"
	}
	return "“" + s + "”"
}

// rewordedQuotes quotes the new and the old wording of a sentence. When
// their quotes from the start would read the same (the wordings differ
// further on), both start a few words before the first word that differs,
// so that the summary shows what was reworded.
func rewordedQuotes(now, was string, n int) (string, string) {
	qn, qw := Quote(now, n), Quote(was, n)
	if qn != qw {
		return qn, qw
	}
	nw, ww := strings.Fields(now), strings.Fields(was)
	i := 0
	for i < len(nw) && i < len(ww) && nw[i] == ww[i] {
		i++
	}
	const context = 3 // words kept before the first difference
	if i <= context {
		return qn, qw
	}
	from := i - context
	return elided(nw[from:], n), elided(ww[from:], n)
}

// elided quotes words that start inside a sentence.
func elided(words []string, n int) string {
	if len(words) == 0 {
		return "“…”"
	}
	q := Quote(strings.Join(words, " "), n)
	return "“… " + strings.TrimPrefix(q, "“")
}

// markdownLink is a Markdown link: its text is quoted, not its target.
var markdownLink = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)

// numbering reports whether a word numbers a paragraph: "7", "7.2", "a",
// "iv".
func numbering(w string) bool {
	if w == "" || len(w) > 6 {
		return false
	}
	if len(w) == 1 {
		return true
	}
	for _, r := range w {
		if !(r >= '0' && r <= '9' || r == '.' || strings.ContainsRune("ivxlIVXL", r)) {
			return false
		}
	}
	return true
}
