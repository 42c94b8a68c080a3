# German cue lexicon of the clause detector. The format is described in
# ../lexicon.go; adding a language is adding a file like this one and its tests.

[language]
der
die
und
nicht
sie

[heading.liability]
haftung
haftet
schadensersatz

[heading.indemnity]
freistellung
schadloshaltung

[heading.duty]
ihre verantwort

[not-limitation]
you are liable:
	\b(?:sie|du)\s+(?:\S+\s+){0,3}(?:haften|haftest|haftbar|verantwortlich)
	|haften sie
your liability:
	(?:ihre|deine|ihrer|deiner)\s+haftung
company form:
	beschränkter haftung

[warranty]
gewährleist

[indemnity.exception]
ausgenommen
außer

[indemnity.word]
freistell

[abbreviation]
z.b
bzw
ggf
u.a
d.h
ziff
abs
lit
nr
art
ca

[small-word]
und
der
die

[liability.strong]
not liable: haft|verantwort
	\bhaft(?:e|et|en|est)\b[^.;]{0,80}\b(?:nicht|keine[nm]?|keinerlei)\b
	|\b(?:nicht|keine[nm]?|keinerlei|weder)\b\s+{gap6}(?:haftbar|haftung|verantwortlich|verantwortung|gewähr)
no liability: haftung
	haftung[^.;]{0,80}(?:ausgeschlossen|beschränkt|begrenzt|\baus\b)
	|(?:schlie(?:ß|ss)\S*|lehn\S*|beschränk\S*|begrenz\S*)\s+{gap6}haftung
	|haftungsausschl
	|haftungsbeschränk
	|haftungsbegrenz
	|haftungsfreistell
limitation of liability: haftungsbeschränkung|haftungsbegrenzung|haftungsausschl
cap on total liability: haftung|haftet|haften
	gesamthaftung
	|(?:maximale|gesamte|höchste)\s+haftung
	|haft(?:ung|et|en)[^.;]{0,120}(?:höhe|höchstens|übersteig|begrenzt auf|beschränkt auf)
consequential damages: schäd|schad|gewinn
	folgeschäden
	|(?:mittelbare|indirekte|beiläufige|zufällige|besondere)\S*\s+(?:\pL+\s+){0,2}schäden
	|entgangene\S*\s+gewinn
limited fault: fahrlässig|vorsatz|vorsätz
	haft[^.;]{0,120}(?:fahrlässig|vorsatz|vorsätz)
	|(?:fahrlässig|vorsatz|vorsätz)[^.;]{0,120}haft

[liability.weak]
lost profits: verlust|verlor
	(?:daten|gewinn|umsatz|geschäfts)verlust
	|verlust\S*\s+von\s+(?:daten|gewinn)
extent permitted by law: zulässig
	(?:gesetzlich|rechtlich)\S*\s+(?:\pL+\s+){0,2}zulässig
	|zulässigen\s+umfang
own risk: risiko|gefahr
	(?:eigenes|eigene|ihr|dein)\s+(?:\pL+\s+)?(?:risiko|gefahr)
force majeure: gewalt|einfluss
	höhere[rn]?\s+gewalt
	|keinen einfluss
liability: haft|verantwort
damages: schäden|schaden|verlust

[indemnity.strong]
indemnify: freist|freizu|schadlos|entschädig
	freist(?:ell|el)
	|freizustellen
	|schadlos
	|entschädigen
