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
indemnify: manlev|indenn
	manlev
	|tenere\s+(?:\pL+\s+){0,4}indenne
	|mantenere\s+(?:\pL+\s+){0,4}indenne
	|indennizzare
