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

[cap.limit]
# Words that limit liability to a measure (an amount, the fees paid): a
# sentence of a limitation with one of them and a measure states a cap.
exceed: exceed
in excess of: excess
limited to: limited|limits |limit our|limit its|limit the
	\blimited\s+(?:\S+\s+){0,3}?to\b
	|\blimits?\s+(?:\S+\s+){0,4}?to\b
capped: capped|cap of|cap at|cap is
	\bcapped\b|\bcap\s+(?:of|at|is)\b
maximum: maximum
	\bmaximum\s+(?:aggregate\s+|total\s+|cumulative\s+)?(?:liability|amount|sum|of)\b
up to: up to
	\bup to\s+(?:\S+\s+){0,4}?(?:\$|€|£|\d|the\s+(?:fees|amount|total|price)|an?\s+(?:amount|sum|total)|one|two|five|ten|fifty|a\s+hundred|hundred|thousand)
more than: more than|greater than
	\b(?:no|not)\s+more\s+than\b
	|\b(?:liable|liability)\s+(?:\S+\s+){0,6}?(?:more|greater)\s+than\b
greater or lesser of: greater of|lesser of|higher of|lower of|smaller of|larger of
whichever: whichever
at most: at most
restricted to: restricted to

[cap.fees]
fees: fee|paid|payable|charges|price
	\bfees?\b|\bpaid\b|\bpayable\b|\bcharges\b|\bprice\b
amounts paid: amount
	amounts?\s+(?:\pL+\s+){0,4}pa(?:id|y)

[cap.lesser]
lesser: lesser
lower of: lower of|smaller of
whichever is less: whichever
	whichever\s+(?:\S+\s+){0,2}?(?:is|are)\s+(?:the\s+)?(?:less|least|lower|lowest|smaller|smallest)\b
but at most: but
	\bbut\s+(?:not|no)\s+(?:more|greater)\s+than
	|\bbut\s+(?:in\s+no\s+(?:case|event)\s+)?(?:more\s+than|exceeding)
	|\bbut\s+at\s+most\b
up to a maximum: up to a maximum

[cap.greater]
greater: greater
	\bgreater\b
higher of: higher of|larger of
whichever is greater: whichever
	whichever\s+(?:\S+\s+){0,2}?(?:is|are)\s+(?:the\s+)?(?:greater|greatest|higher|highest|more|larger|largest)\b

[carve-out]
# The kinds of liability an exception to a limitation leaves uncapped;
# the key is the kind's name in the fixed vocabulary.
indemnification obligations: indemn
confidentiality: confiden
IP infringement: infring|misappropriat|intellectual property
gross negligence or wilful misconduct: neglig|wilful|willful|misconduct
	gross(?:ly)?\s+negligen|wil?lful|misconduct
fraud: fraud
payment obligations: pay|amount|fees
	payment\s+obligations?|obligations?\s+to\s+pay|amounts?\s+(?:due|owed|payable)|fees\s+(?:due|owed|payable)
death or personal injury: death|injur
	death|personal\s+injur|bodily\s+injur|injury\s+to\s+(?:life|body|health)
data protection: data
	data\s+protection|data\s+processing|personal\s+data

[period.year]
one year: year|annual
	\b(?:one|1)[\s-]year\b|\bone\s+\(1\)\s+year|\bannual\b
	|(?:the|last|past|preceding|previous|prior)\s+(?:calendar\s+|contract\s+)?year\b
twelve-month: month
	\b(?:twelve|12)[\s-]month

[period.unit]
month: 1
months: 1
year: 12
years: 12

[period.number]
a: 1
one: 1
two: 2
three: 3
six: 6
twelve: 12
eighteen: 18
twenty-four: 24

[period.adjective]
calendar
preceding
previous
prior
past
consecutive

[number]
a: 1
one: 1
two: 2
three: 3
four: 4
five: 5
six: 6
seven: 7
eight: 8
nine: 9
ten: 10
twenty: 20
twenty-five: 25
fifty: 50
hundred: 100
thousand: 1000
million: 1000000

[currency]
dollar: USD
pound: GBP
sterling: GBP
euro: EUR
franc: CHF

[currency.qualifier]
canadian: CAD
australian: AUD
american: USD

[cap.exception]
# Words that take something out of a limitation.
except: except|excluding|other than|save for|save in|with the exception
	\b(?:except|excluding|other than|save for|save in|with the exception)\b
does not apply: not apply
	\b(?:does|do|shall|will)\s+not\s+apply\b
not limit: not limit|not exclude|not restrict|nothing in
	\bnot\s+(?:limit|exclude|restrict)\b|\bnothing\s+in\b
unlimited: unlimited|without limit|unless
	\bunlimited\b|\bwithout\s+limit|\bunless\b

[cap.exception-to-limit]
# Exceptions made to the limitation as a whole (not to something else,
# as "no liability for termination except to refund amounts paid").
limitation does not apply: apply
	\b(?:limitations?|exclusions?|caps?|limits?|disclaimers?)\b[^.;]{0,80}\b(?:do|does|shall|will|would|may)\s+not\s+apply
	|\bnot\s+apply\s+to\b
	|\bno\s+(?:limitation|cap)\s+(?:shall\s+)?appl
nothing limits: nothing in
	\bnothing\s+in\b[^.;]{0,80}\b(?:limits?|excludes?|restricts?|limit|exclude|restrict|affects?)\b
unlimited liability: unlimited|without limit
	\bunlimited\b|\bwithout\s+limit
no damages except: claim
	\b(?:cannot|can't|may\s+not|(?:are|is)\s+not\s+entitled\s+to)\s+claim\s+(?:any\s+)?(?:damages|compensation)\b[^.;]{0,40}\bexcept

[party.mutual]
# One undertaking that binds both parties.
each party: party|parties
	\b(?:neither|either|each)\s+party|\bboth\s+parties|\bthe\s+parties(?:'|’)|\bparties(?:'|’)\s+(?:total\s+|aggregate\s+)?liabilit
# Apart from the others: its one-letter start ("a party's") would make
# the matcher try the pattern at every position of every sentence that
# says "party", not only where it can start.
any party's: party's|party’s
	\b(?:a|any)\s+party(?:'s|’s)
each other: each other|one another|mutual
	\beach\s+other\b|\bone\s+another\b|\bmutually\b

[party.you]
# The liability a sentence limits is yours.
# ("The customer's liability" is "customer's liability": with "the" a
# start of its own, the pattern would run at every "the".)
your liability: liabilit
	\b(?:your|customer(?:'s|’s)|user(?:'s|’s)|licensee(?:'s|’s)|subscriber(?:'s|’s))\s+(?:\S+\s+){0,2}?liabilit
	|\bliabilit(?:y|ies)\s+of\s+(?:the\s+)?(?:customer|user|licensee|subscriber)\b

[party.provider]
# The liability a sentence limits is the provider's (or a named party's).
our liability: liabilit
	\b(?:our|its|\pL+(?:'s|’s))\s+(?:\S+\s+){0,2}?liabilit

[indemnity.verb]
# The verb of an undertaking to indemnify; the party indemnified stands
# next to it.
indemnify: indemnif
	\bindemnif(?:y|ies|ying)\b
hold harmless: hold
	\bholds?\b
defend: defend
	\bdefends?\b
keep indemnified: keep
	\bkeep\s+(?:\S+\s+){0,3}?indemnified

[covers]
# What an indemnity covers; the key is its name in the fixed vocabulary.
third-party IP claims: infring|misappropriat|intellectual|patent|copyright|trademark|trade secret
	infring|misappropriat|intellectual\s+property|\bpatent|copyright|trademark|trade\s+secret
your content: content|data|material
	\b(?:your|user|customer)\s+(?:\S+\s+)?(?:content|data|materials?)\b|\bcontent\s+(?:that\s+)?you\s+(?:submit|post|upload|provide|make)
your breach: breach|violation
	\b(?:breach|violation)\s+(?:by\s+you\s+)?of\s+(?:these|this|the|any\s+of\s+these)\s+(?:terms|agreement|conditions)|\bbreach\s+of\s+(?:any\s+)?(?:your\s+)?(?:representations|obligations|warranties)|\byour\s+breach\b
your use: use of
	\b(?:your|user's|customer's)\s+(?:access\s+to\s+(?:or|and)\s+)?use\s+of|\buse\s+of\s+the\s+(?:service|services|site|platform|software)
violation of law: law|regulation|sanction|export control
	\b(?:violation|breach|violates?|violating)\s+(?:of\s+)?(?:any\s+)?(?:applicable\s+)?(?:laws?|regulations?|sanctions?)\b|\bsanctions\b|export\s+control
negligence or misconduct: negligen|misconduct|wilful|willful
	\b(?:your|user's)\s+(?:gross\s+)?(?:negligence|misconduct|wil?lful)
third-party rights: third|rights of
	third[- ]party\s+rights|rights\s+of\s+(?:an?\s+|any\s+)?(?:other\s+)?(?:persons?|third)
your products or services: your products|your services|your business

[indemnity.limit]
# What narrows an indemnity: a condition it now holds under, an
# exception, a limit of amount. Read only where the wording of an
# indemnity changed.
condition: provided|only if|unless|subject to|to the extent|condition
	\bprovided\s+(?:that|always)\b|\bonly\s+(?:if|where|when)\b|\bunless\b|\bsubject\s+to\b|\bto\s+the\s+extent\b|\b(?:conditional|conditioned)\s+(?:up)?on\b|\bon\s+condition\s+that\b
exception: except|exclud|other than|not apply|no obligation|no liability|not be obligated|not be required|not be liable|not be responsible
	\bexcept\b|\bexclud(?:ing|ed|es?)\b|\bother\s+than\b|\bnot\s+apply\b|\bno\s+(?:obligation|liability)\b|\bnot\s+be\s+(?:obligated|required|liable|responsible)\b
limit: up to|exceed|limited to|maximum|capped
	\bup\s+to\s+(?:a\s+maximum\s+of\s+|an?\s+(?:aggregate\s+)?(?:amount|total)\s+of\s+)?(?:\$|€|£|usd|eur|gbp|\d)|\b(?:not|never)\s+(?:to\s+)?exceed|\b(?:is|are|be|being)\s+limited\s+to\b|\b(?:a|the)\s+maximum\s+(?:of|amount)\b|\bcapped\s+at\b

[scope.free]
# A cap or an exclusion limited to free services.
free services: free|unpaid|non-paying
	\bfree\s+(?:of\s+charge\s+)?(?:services?|plans?|tiers?|versions?|accounts?|products?|features?|offerings?|trials?|subscriptions?|use|users?)\b
	|\b(?:services?|products?|features?|offerings?|plans?)\s+(?:\S+\s+){0,4}?(?:free\s+of\s+charge|at\s+no\s+(?:cost|charge)|without\s+charge|for\s+free)\b
	|\bunpaid\b|\bnon-paying\b

[scope.beta]
# … to beta, preview or early-access features.
beta: beta|early|preview|release|experimental
	\bbeta\b|\bearly[- ]access\b|\bpreview\b|\bpre-?release\b|\bexperimental\s+(?:features?|services?|products?|versions?)
