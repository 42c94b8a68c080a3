# Italian cue lexicon of the clause detector. The format is described in
# ../lexicon.go; adding a language is adding a file like this one and its tests.

[language]
il
di
che
della
per

[heading.liability]
responsabilit
danni

[heading.indemnity]
manleva
indennizz

[heading.duty]
tue responsabilit

[not-limitation]
users are liable:
	l'utente\s+(?:\S+\s+){0,2}(?:è|sarà)\s+(?:\S+\s+)?responsabile
you are liable:
	(?:sei|siete)\s+(?:\S+\s+)?responsabil

[warranty]
garanzi

[indemnity.exception]
eccezione

[indemnity.word]
manlev
indenn

[abbreviation]
ecc
sig

[small-word]
e
di
del

[liability.strong]
not liable: respons|rispond
	\bnon\s+{gap6}(?:responsabil|rispond)
	|in (?:nessun|alcun) caso[^.;]{0,120}(?:responsabil|rispond)
	|(?:né|nessuno)\s+{gap6}(?:sarà|saranno)\s+responsabil
no liability: responsabilit
	(?:nessuna|alcuna|qualsiasi|ogni)\s+(?:\pL+\s+)?responsabilit
	|(?:declin|esclud|limit|escluder|limitar)\S*\s+{gap3}(?:la\s+|ogni\s+|qualsiasi\s+|nostra\s+|propria\s+)?responsabilit
limitation of liability: limitazion|esclusion
	(?:limitazion[ei]|esclusion[ei])\s+(?:della\s+|di\s+|delle\s+)?responsabilit
cap on total liability: responsabilit
	responsabilit\S*\s+(?:\pL+\s+){0,2}(?:complessiva|totale|massima|aggregata|cumulativa)
	|responsabilit[^.;]{0,120}(?:limitata a|non potrà superare|non supererà|non potrà eccedere)
consequential damages: dann|lucro
	danni\s+(?:\pL+\s+){0,2}(?:indiretti|consequenziali|conseguenti|incidentali|speciali|punitivi|esemplari|accidentali)
	|lucro cessante

release of claims: rinunci|1542
	rinunci\S*\s+{words10}(?:diritt|rimedi|pretes|azion|ricors)
	|1542
sole remedy: rimedio
	(?:unico|sol[oa]|esclusivo)\s+(?:(?:ed?|e)\s+(?:unico|esclusivo)\s+)?(?:diritto\s+e\s+)?rimedio
no compensation: risarc|rimbors|indennizz|compens
	\b(?:non|nessun\S*|alcun\S*|senza)\s+{words5}(?:risarc|rimbors|indennizz|compens)
without liability: senza
	\bsenza\s+{words5}(?:responsabilit|essere\s+(?:\pL+\s+)?(?:responsabil|perseguibil))
cap on compensation: risarcimento|rimborso|indennizzo
	(?:risarcimento|rimborso|indennizzo)[^.;]{0,100}(?:non potrà superare|non può superare|non supererà|limitat\S*\s+a|massimo)

[liability.weak]
lost profits: perdit
	perdit[ae]\s+(?:di\s+)?(?:\pL+\s+){0,2}(?:profitt|dati|guadagn|ricav|avviamento|reddit)
extent permitted by law: consentit|permess
	misura\s+(?:\pL+\s+){0,3}(?:consentit|permess)
	|(?:termini|limiti)\s+(?:\pL+\s+){0,2}consentiti
own risk: rischio
	(?:suo|tuo|proprio|vostro)\s+(?:\pL+\s+)?rischio
	|rischio\s+(?:dell|del)
force majeure: forza maggiore
liability: responsabil|rispond
damages: dann|perdit
	dann[oi]
	|perdit[ae]

[indemnity.strong]
indemnify: manlev|indenn|risarc|esoner
	manlev
	|tener\S*\s+(?:\S+\s+){0,8}indenn[ei]
	|indennizz(?:are\S*|ar[mltv]\S*|er\S*|a\b|ano\b|iamo\b)
	|(?:accett\S*|impegn\S*|tenut[oa]|consenso|dovr\S*)\s+(?:\pL+\s+){0,3}(?:a|di)\s+(?:difendere,?\s+(?:e\s+)?)?(?:risarcire|indennizzare)
	|esonerer\S*\s+{words5}da\s+(?:\pL+\s+){0,2}responsabilit
responsible for the defence: difesa
	\bsarà\s+(?:ritenut[ao]\s+)?responsabil\S*\s+(?:\S+\s+){0,6}difesa
sued, pays our costs: giudizio|citat
	citat\S*\s+in\s+giudizio[^.;]{0,150}(?:pagare|rimborsare|sostenere)\s+(?:\pL+\s+){0,2}cost
bears our losses: responsabile
	\b(?:l'utente|lei|tu)\s+(?:\S+\s+){0,2}(?:è|sarà|sei)\s+responsabile\s+(?:di|per)\s+(?:tutt[ie]|qualsiasi|ogni)\b[^.;]{0,200}(?:subit[ie]|sostenut[ie]|arrecat[ie])\s+(?:a|da)\b

[third-party]
terz

[cap.limit]
superare: superare
eccedere: ecced
massimo: massim
	(?:importo|somma)\s+massim|massimo\s+(?:di|pari)
limitata a: limitat
	limitat[ao]\s+(?:a|ai|al|alla|alle|agli|allo)\s
fino a: fino a
non oltre: non oltre
minore o maggiore: minore|maggiore

[cap.fees]
corrispettivi: corrispettiv|pagat|canon|prezzo

[cap.lesser]
minore: minore|più bass
ma non oltre: ma non oltre|comunque non oltre

[cap.greater]
maggiore: maggiore

[carve-out]
indemnification obligations: manlev|indenni
confidentiality: riservatezz
IP infringement: proprietà intellettuale
gross negligence or wilful misconduct: colpa grave|negligenza grave|dolo
	colpa\s+grave|negligenza\s+grave|\bdolo\b
fraud: frode
	\bfrode
payment obligations: obblighi di pagamento
death or personal injury: morte|lesioni|danni alla persona
	\bmorte\b|lesioni\s+personali|danni\s+alla\s+persona
data protection: protezione dei dati|dati personali

[period.year]
un anno: anno
	un\s+anno|(?:l'|nell')ultimo\s+anno

[period.unit]
mese: 1
mesi: 1
anno: 12
anni: 12

[period.number]
uno: 1
tre: 3
sei: 6
dodici: 12
due: 2

[period.adjective]
ultimi
precedenti

[number]
due: 2
cinque: 5
dieci: 10
cinquanta: 50
cento: 100
duecento: 200
cinquecento: 500

[currency]
euro: EUR
dollar: USD

[cap.exception]
eccetto: eccetto|ad eccezione|illimitat
non si applica: non si applica
nulla: nulla
	nulla\s+(?:di\s+quanto|in)

[cap.exception-to-limit]
non si applica: si applica
	(?:limitazion|esclusion)\S*\s+(?:\S+\s+){0,6}?non\s+si\s+applica
nulla in: nulla
	nulla\s+(?:di\s+quanto|in)
illimitata: illimitat

[party.mutual]
ciascuna parte: parte|parti
	(?:nessuna|ciascuna)\s+(?:delle\s+)?part[ei]\b
reciprocamente: reciproc

[party.you]
responsabilità dell'utente: responsabilit
	(?:tua|vostra)\s+responsabilit|responsabilit\S*\s+(?:\S+\s+){0,2}?dell'utente

[indemnity.verb]
manlevare: manlev
tenere indenne: tenere
	\btenere\s+(?:\S+\s+){0,4}?indenne
terrà indenne: terrà|terranno
	\bterr(?:à|anno)\s+(?:\S+\s+){0,4}?indenne
indennizzare: indennizz

[covers]
third-party IP claims: proprietà intellettuale
your content: contenuti
	contenuti\s+(?:dell'utente|pubblicat\S*|caricat\S*|inviat\S*|forniti|condivis\S*|immess\S*)|\b(?:tuoi|suoi|propri)\s+contenuti
your breach: violazione|inadempimento
	violazione\s+(?:dei\s+presenti|delle\s+presenti|del\s+contratto)|inadempimento
your use: utilizzo
	utilizzo\s+(?:del|dei|della)\s+(?:servizi|piattaforma|sito)
violation of law: violazione di
	violazione\s+di\s+(?:qualsiasi\s+)?(?:legge|norma)
negligence or misconduct: negligenza
third-party rights: diritti di terzi

[indemnity.limit]
condition: purché|a condizione|nella misura|subordinat
	(?:^|\s)purché\s|\ba\s+condizione\s+che\b|\bnella\s+misura\s+in\s+cui\b|\bsubordinat[oaie]\b
exception: salvo|eccetto|ad eccezione|non si applica
	\bsalvo\b|\beccetto\b|\bad\s+eccezione\b|\bnon\s+si\s+applica
limit: fino a|superare|limitat
	\bfino\s+a\s+(?:un\s+massimo\s+di\s+|concorrenza\s+di\s+)?(?:\$|€|£|euro|\d)|\bsuperare\b|\blimitat[oaie]\s+a\b

[scope.free]
gratuiti: gratuit

[scope.beta]
anteprima: anteprima
	\banteprima\b
