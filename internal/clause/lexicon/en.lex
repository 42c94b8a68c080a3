# English cue lexicon of the clause detector. The format is described in
# ../lexicon.go; adding a language is adding a file like this one and its tests.

[language]
# Common short words that tell a text in this language.
the
and
of
to
you

[heading.liability]
# Words of a heading above a limitation-of-liability section.
liabilit
liable
damages

[heading.indemnity]
indemn
hold harmless

[heading.duty]
# Headings of lists of the user's duties, not of limitations.
your responsib
user responsib
your obligations

[not-limitation]
# "liability" words that limit nothing of the provider's.
company form:
	limited liability (?:company|partnership|corporation)
you are liable:
	\byou\s+(?:\S+\s+){0,4}(?:responsible|liable)\b
your liability:
	\byour\s+(?:\S+\s+)?liability\b
users are liable:
	\b(?:user|customer|member)s?\s+(?:\S+\s+){0,3}(?:responsible|liable)\b

[warranty]
warrant

[disclaimer]
# A sentence with only weak liability cues and one of these words is a
# warranty disclaimer, not a limitation of liability.
warrant

[indemnity.exception]
# Words that make an exception to a limitation: an indemnity named after
# one ("except for your indemnification obligations") is no undertaking.
except
excluding
other than
exception
save for
does not apply to

[indemnity.word]
indemn

[abbreviation]
e.g
i.e
etc
inc
ltd
no
vs
mr
mrs
dr
cf
co
corp
llc
incl
approx
st
p
pp
vol
sec

[small-word]
of
and
or
the
for
to
in
on
a
an
with

[liability.strong]
not liable: liab|respons
	\b(?:not|nor|never|no event|no case|no circumstances?|cannot|can't|won't|isn't|aren't)\s+{gap6}(?:liable|responsible)\b
no liability: liabil|responsib
	\b(?:no|not|without|disclaims?|disclaimed|disclaiming|excludes?|excluded|excluding|limits?|limiting|waives?)\s+{gap3}(?:liability|liabilities|responsibility)\b
limitation of liability: liabil
	\blimitations?\s+(?:of|on)\s+(?:our\s+|its\s+|the\s+)?liabilit
	|\bexclusions?\s+(?:or\s+limitations?\s+)?of\s+(?:our\s+)?liabilit
cap on total liability: liabil
	\b(?:total|aggregate|maximum|cumulative|entire|collective|combined|overall)\s+(?:\S+\s+){0,2}liabilit
	|\bliabilit(?:y|ies)\s+(?:\S+\s+){0,12}(?:shall|will|does|may)\s+not\s+exceed
	|\bliabilit(?:y|ies)\s+(?:\S+\s+){0,6}(?:is|are|be|shall be|will be)\s+limited\s+to
no claim for damages: claim|recover|seek
	\b(?:cannot|can't|may not|shall not|will not|won't|not be entitled to|not entitled to)\s+(?:\S+\s+){0,2}(?:claim|recover|seek)\s+(?:any\s+)?(?:damages|compensation)\b
liable only: liable
	\b(?:only|solely)\s+(?:be\s+)?liable\b
	|\bliable\s+only\b
consequential damages: damage|loss
	\b(?:indirect|incidental|consequential|special|punitive|exemplary|reliance)\b[\w\s,()/-]{0,60}\b(?:damages|loss|losses)\b
release of claims: releas|waive|1542|settlement
	\b(?:release|releases|releasing)\b[^.;]{0,80}\bfrom\b[^.;]{0,60}\b(?:claims?|liabilit\w*|demands|damages|responsibility)\b
	|\b(?:release|releases|releasing)\s+{words5}from\s+(?:any\s+and\s+all|all|any)\b
	|\b(?:waive|waives|waiving)\s+{words10}(?:rights?|remed(?:y|ies)|claims?|protections?)\b
	|civil\s+code\s+(?:section\s+|§\s*)?1542
	|\bsettlement\s+of\s+(?:any\s+and\s+all|all|any)\s+claims
sole remedy: remed
	\b(?:sole|only|exclusive)\s+(?:and\s+exclusive\s+)?(?:right\s+and\s+)?remed(?:y|ies)\b
no compensation: compensat|refund|reimburs
	\b(?:not|no|never|nor|without)\s+{words5}(?:compensation|refunds?|reimbursement)\b
without liability: without
	\bwithout\s+{words5}(?:liability|liabilities|responsibility)\b
cap on compensation: exceed|maximum
	\b(?:compensation|refund|reimbursement)\b[^.;]{0,100}\b(?:not|never|cannot|no)\s+(?:\S+\s+){0,2}exceed
	|\blimited\s+to\s+a\s+maximum

[liability.weak]
lost profits: loss|lost
	\b(?:loss(?:es)?\s+of\s+(?:\w+\s+){0,3}(?:profits?|revenues?|data|goodwill|business|income|savings|use)|lost\s+(?:profits?|revenues?|data|business))\b
extent permitted by law: permitted|allowed|maximum extent|fullest extent
	\b(?:extent|degree)\s+(?:\S+\s+){0,3}(?:permitted|allowed|authori[sz]ed|permissible)
own risk: risk
	\b(?:own|sole)\s+risk\b
force majeure: majeure|control
	force majeure
	|beyond (?:our|its|their|the) (?:\w+ )?control
liability: liable|liabilit|responsible|responsibilit
damages: damage|loss
this limitation: limitation|exclusion|foregoing
	\b(?:this|these|such|the foregoing|above)\s+(?:\w+\s+)?(?:limitations?|exclusions?|disclaimers?)\b

[indemnity.strong]
indemnify: indemnif
	\bindemnif(?:y|ies|ying)\b
hold harmless: harmless
	\bholds?\s+(?:\S+\s+){0,8}harmless\b
	|\bharmless\s+from\b
bears our losses: incurred|suffered|sustained
	\byou\b[^.;]{0,40}\b(?:responsible|liable|pay us|reimburse us|compensate us)\s+(?:to\s+\S+\s+)?for\s+(?:any|all)\b[^.;]{0,120}\b(?:incurred|suffered|sustained)\s+by\s+(?:us\b|[a-xz][^\s.;]*)[^.;]{0,80}\b(?:caused by|arising out of|arising from|resulting from)\s+(?:your|you|any breach|any claims?|the actions)
defends against claims: defend|compensat|reimburs
	\b(?:will|shall|must|agree\s+to|undertake\s+to)\s+(?:\S+\s+){0,2}(?:defend|compensate|reimburse)\s+(?:\S+\s+){0,6}(?:against|from|for)\s+(?:any|all|the)\s+(?:\S+\s+){0,6}(?:claims?|losses|costs|damages|liabilit)
liable for our losses: incur|suffer|sustain
	\byou\b[^.;]{0,40}\b(?:responsible|liable)\s+(?:to\s+us\s+)?for\s+(?:any|all)\b[^.;]{0,120}\b(?:we|us)\s+(?:may\s+)?(?:incur|suffer|sustain)
responsible for the defence: defen
	\b(?:will|shall)\s+be\s+(?:solely\s+)?responsible\s+for\s+the\s+(?:\S+\s+){0,3}defen[cs]e\b
pays our costs: our costs|our legal
	\b(?:if|when)\s+(?:we|\S+)\s+(?:are|is|get|gets)\s+sued\b[^.;]{0,120}\byou\s+(?:have to|must|will|agree to)\s+pay\s+(?:all\s+(?:of\s+)?)?our\s+(?:costs|legal)
pays defence costs and damages: defen|award
	\b(?:you|customer|user)\s+(?:\S+\s+){0,2}(?:will|shall|must|agree to)\s+(?:\S+\s+){0,2}pay\s+(?:\S+\s+){0,4}(?:costs?|expenses|fees)\s+of\s+(?:defending|(?:the\s+)?defen[cs]e)\b
	|\b(?:you|customer|user)\s+(?:\S+\s+){0,2}(?:will|shall|must|agree to)\s+(?:\S+\s+){0,2}pay\s+[^.;]{0,160}\bdamages?\s+award

[indemnity.weak]
defend: defen
	\bdefen(?:d|ds|se|ce)\b
reimburse: reimburs
	\breimburs(?:e|es|ing|ement)\b
indemnity: indemn
	\bindemnit(?:y|ies)\b
	|\bindemnification\b
	|\bindemnified\b
settlement: settle
	\bsettle(?:s|d|ment)?\b

[third-party]
third part
third-part
