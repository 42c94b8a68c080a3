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
	\bhaft(?:e|et|en|est)\b[^.;]{0,80}\b(?:nicht|keine[nm]?|keinerlei|weder)\b
	|\b(?:nicht|keine[nm]?|keinerlei|weder)\b\s+{gap6}(?:haftbar|haftung|verantwortlich|verantwortung|gewähr)
	|\b(?:nicht|weder|keiner\s+weise|keinen\s+fall|keinem\s+fall)\b[^.;:]{0,120}\b(?:verantwortlich|haftbar)\b
release of claims: verzicht|1542
	verzicht\S*\s+{words10}(?:rechte|ansprüche|rechtsmittel|rechtsbehelf)
	|\bauf\s+{words5}(?:rechte|ansprüche)\s+{words5}verzicht
	|1542
sole remedy: rechtsmittel|abhilfe|ausschließliches recht
	(?:einzig|ausschließlich|alleinig)\S*\s+(?:(?:und|oder)\s+(?:einzig|ausschließlich)\S*\s+)?(?:rechtsmittel|abhilfe)
	|einzig\S*\s+und\s+ausschließlich\S*\s+recht\b
no compensation: entschädig|erstattung|ausgleich|schadensersatz|schadenersatz|kompensation
	\b(?:kein|keine|keinen|keinerlei|nicht|ohne)\s+{words5}(?:anspruch\s+auf\s+{words5})?(?:entschädigung|erstattung|rückerstattung|ausgleich|schadensersatz|schadenersatz|kompensation)
	|\b(?:nicht|keinerlei)\s+(?:\S+\s+){0,2}verpflicht\S*[^.;]{0,100}(?:entschädigung|erstattung|ausgleich)
without liability: ohne
	\bohne\s+{words5}haftung
cap on compensation: entschädig|erstattung|ersatz
	(?:entschädigung|erstattung|ersatz)\S*[^.;]{0,100}(?:höchstens|begrenzt|beschränkt|übersteig)
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
indemnify: freist|freizu|schadlos|frei|schad-|entschädigen|verteidigen
	freistell(?:en|t|e|st)\b
	|freizustellen
	|schadlos\s+(?:zu\s+)?halt
	|schad-\s+und\s+klaglos
	|\b(?:verpflichten|erklären|verpflichtest|erklärst)\s+(?:sie\s+|du\s+)?(?:sich|dich)(?:\s+[^\s.;,]+){0,3},?\s+[^.;,]{0,150}\bzu\s+(?:entschädigen|verteidigen)\b
	|\bhalt\S*\s+{gap6}schadlos
	|\bstell\S*\s+(?:\S+\s+){0,8}?(?:von|gegenüber)\s+(?:\S+\s+){0,6}?(?:ansprüch|forderung|schäd|kosten|haftung)\S*\s+(?:\S+\s+){0,4}?frei\b
responsible for the defence: verteidigung
	\bträgt\s+(?:\S+\s+){0,6}die\s+verantwortung\s+für\s+(?:\S+\s+){0,6}verteidigung
sued, pays our costs: verklagt
	verklagt[^.;]{0,150}(?:kosten|aufkommen)
pays our losses: erstatt|ersetz
	\buns\b[^.;]{0,100}(?:verluste|schäden|kosten)[^.;]{0,100}erstatten
	|erstatten[^.;]{0,100}(?:ansprüchen|verfahren)
	|\b(?:ersetz|erstatt)\S*\s+(?:sie\s+)?uns\s+(?:\S+\s+){0,3}(?:alle|sämtliche|jegliche)\s+(?:\S+\s+){0,3}(?:schäden|kosten|aufwendungen|verluste)
bears our losses: haften
	\bsie\s+haften\s+(?:uns\s+gegenüber\s+)?für\s+(?:alle|sämtliche|jegliche)\b[^.;]{0,200}\b(?:von|gegenüber)\s+(?:uns|\pL+)\b[^.;]{0,120}(?:verursacht|entstehen|entstanden|ergeben)

[indemnity.weak]
indemnity: freistellung|schadloshaltung|entschädig

[third-party]
dritte

[cap.limit]
übersteigen: übersteig
begrenzt: begrenz
beschränkt auf: beschränk
	beschränkt\s+(?:\S+\s+){0,3}?auf
höchstens: höchstens
maximal: maximal
	maximal\s+(?:\S+\s+)?(?:\d|eur|€|den|die)
bis zu: bis zu|bis zur
	bis\s+zu|bis\s+zur\s+höhe
niedriger oder höher: niedriger|höher

[cap.fees]
Entgelte: gebühr|entgelt|gezahlt|bezahlt|vergütung|preis

[cap.lesser]
niedriger: geringer|niedriger|kleiner
höchstens jedoch: höchstens jedoch|jedoch höchstens|maximal jedoch|jedoch maximal

[cap.greater]
höher: höhere|höher
	(?:der|den|dem)\s+höhere|welcher\s+(?:betrag\s+)?höher

[carve-out]
indemnification obligations: freistell
confidentiality: vertraulich|geheimhaltung
IP infringement: geistig|schutzrecht
	geistig\S*\s+eigentum|schutzrecht
gross negligence or wilful misconduct: fahrläss|vorsatz|vorsätz
	grob\S*\s+fahrlässig|vorsatz|vorsätzlich
fraud: betrug|arglist
payment obligations: zahlungspflicht
death or personal injury: tod|körper|leben
	\btod\b|körperverletzung|leben,\s+(?:des\s+)?körper|verletzung\s+des\s+lebens
data protection: datenschutz

[period.year]
ein Jahr: jahr
	einem\s+jahr|eines\s+jahres|(?:im|des|dem)\s+(?:letzten|vergangenen|laufenden)\s+(?:kalender|vertrags)?jahr

[period.unit]
monat: 1
monate: 1
monaten: 1
monats: 1
jahr: 12
jahre: 12
jahren: 12
jahres: 12

[period.number]
ein: 1
einen: 1
zwei: 2
drei: 3
sechs: 6
zwölf: 12

[period.adjective]
letzten
vergangenen

[number]
ein: 1
eine: 1
eins: 1
zwei: 2
fünf: 5
zehn: 10
fünfzig: 50
hundert: 100
einhundert: 100
zweihundert: 200
fünfhundert: 500
tausend: 1000
eintausend: 1000

[currency]
euro: EUR
dollar: USD
franken: CHF
pfund: GBP

[cap.exception]
außer: außer|ausgenommen|mit ausnahme|es sei denn
gilt nicht: gilt nicht|gelten nicht|unberührt|unbeschränkt|unbegrenzt

[cap.exception-to-limit]
gilt nicht: gilt nicht|gelten nicht|unberührt|unbeschränkt|unbegrenzt

[party.mutual]
jede Partei: partei
	(?:keine[rn]?|jede[rn]?)\s+(?:der\s+)?(?:vertrags)?partei
gegenseitig: gegenseitig

[party.you]
Haftung des Kunden: haftung
	haftung\s+(?:\S+\s+){0,2}?des\s+(?:kunden|nutzers)

[indemnity.verb]
freistellen: stelle|stellt|stellst|freizu
	\bstell(?:e|en|t|st)\b|freizustellen
schadlos halten: schadlos
	\bschadlos\b

[covers]
third-party IP claims: geistig|schutzrecht|urheberrecht
	geistig\S*\s+eigentum|schutzrecht|urheberrecht
your content: inhalte
	ihre[rn]?\s+inhalte|deine[rn]?\s+inhalte
your breach: verstoß|verletzung|pflichtverletzung
	verstoß\s+gegen\s+diese|verletzung\s+dieser|pflichtverletzung
your use: nutzung
	nutzung\s+(?:des|der)\s+(?:dienst|service|plattform|website)
violation of law: recht|gesetz
	verstoß\S*\s+gegen\s+(?:geltendes\s+)?(?:recht|gesetz)|gesetzesverstoß|rechtsverletzung
negligence or misconduct: fahrlässig
third-party rights: rechte dritter

[indemnity.limit]
condition: sofern|soweit|vorausgesetzt|voraussetzung
	\bsofern\b|\bsoweit\b|\bvorausgesetzt\b|\bunter\s+der\s+voraussetzung\b
exception: ausgenommen|außer|gilt nicht|gelten nicht|ausgeschlossen
	\bausgenommen\b|(?:^|\s)außer\s|\bgilt\s+nicht\b|\bgelten\s+nicht\b|\bausgeschlossen\b
limit: bis zu|höchstens|begrenzt|beschränkt
	\bbis\s+zu\s+(?:einem\s+betrag\s+von\s+|einer\s+höhe\s+von\s+)?(?:\$|€|£|eur|\d)|(?:^|\s)höchstens\s|\bbegrenzt\b|\bbeschränkt\b

[scope.free]
kostenlos: kostenl|unentgeltlich

[scope.beta]
Testversion: vorabversion|testversion
