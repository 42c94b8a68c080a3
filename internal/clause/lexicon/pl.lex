# Polish cue lexicon of the clause detector. The format is described in
# ../lexicon.go; adding a language is adding a file like this one and its tests.

[language]
w
się
nie
na
lub

[heading.liability]
odpowiedzialno

[heading.indemnity]
zwolnienie z odpowiedzialno

[not-limitation]
users are liable:
	użytkownik\S*\s+(?:\S+\s+){0,3}(?:ponosi|odpowiada|może\s+zostać\s+pociągnięt)
	|na\s+użytkownika\s+spada
you are liable:
	ponosisz|ponosicie|jesteś\s+(?:\S+\s+)?odpowiedzialn
	|ponoszą\s+państwo
	|państwo\s+(?:\S+\s+){0,2}ponoszą
your own responsibility:
	na\s+własną\s+odpowiedzialność
	|na\s+własne\s+ryzyko\s+i\s+odpowiedzialność

[warranty]
gwarancj

[indemnity.exception]
wyjątkiem

[abbreviation]
np
tj
itp
ust
pkt
par

[small-word]
i
w
z

[liability.strong]
not liable: odpowiedzial|odpowiada
	\bnie\s+{gap6}(?:ponosi|ponosimy|ponoszą|ponosić|ponosząc|odpowiada|odpowiadamy|odpowiadają|przyjmuje|przyjmujemy|bierze|bierzemy|będzie|będą|będziemy|jest|są|jesteśmy)?\s*{gap3}(?:odpowiedzialn|odpowiada)
	|żadnej\s+(?:\pL+\s+)?odpowiedzialno
	|w żadnym (?:wypadku|przypadku)[^.;]{0,120}odpowiedzialn
no liability: odpowiedzialno
	(?:wyłącz|wyklucz|ogranicz|zrzeka|zwalnia)\S*\s+{gap3}(?:\pL+\s+)?odpowiedzialno
limitation of liability: odpowiedzialno
	(?:ograniczeni|wyłączeni|wykluczeni)\S*\s+(?:\pL+\s+)?odpowiedzialno
cap on total liability: odpowiedzialno
	(?:całkowit|łączn|maksymaln)\S*\s+(?:\pL+\s+)?odpowiedzialno
	|odpowiedzialno[^.;]{0,120}(?:ograniczona do|nie przekroczy|nie może przekraczać|nie może przekroczyć)
consequential damages: szkod|strat
	(?:szkod|strat)\S*\s+(?:\pL+\s+){0,2}(?:pośredni|wynikow|przypadkow|szczególn|następcz|uboczn|retorsyjn)

release of claims: zrzeka|1542
	zrzeka\S*\s+{words5}(?:praw|roszcze|środk)
	|1542
sole remedy: środk|zadośćuczyn
	(?:jedyn|wyłączn)\S*\s+(?:i\s+wyłączn\S*\s+)?(?:prawem\s+(?:\S+\s+){0,2}i\s+)?(?:środk\S*\s+(?:zaradcz|prawn)|zadośćuczynien)
no compensation: odszkodowa|zwrot|rekompens
	\b(?:nie|bez|żadn\S*)\s+{words5}(?:odszkodowa|zwrot|rekompens)
without liability: bez
	\bbez\s+{words5}(?:odpowiedzialno|ponoszenia)
cap on compensation: odszkodowa|zwrot|rekompens
	(?:odszkodowani|zwrot|rekompensat)\S*[^.;]{0,100}(?:nie może przekroczyć|nie przekroczy|nie może przekraczać|ograniczon|maksymaln|do wysokości)

[liability.weak]
lost profits: utrat|utracon
	utrat\S*\s+(?:\pL+\s+){0,2}(?:zysk|danych|dochod|przychod|reputacj|klient)
	|utracon\S*\s+korzyś
extent permitted by law: zakresie
	zakresie\s+(?:\pL+\s+){0,3}(?:dozwolon|dopuszczaln|dopuszczon)
own risk: ryzyk
	(?:własne|wyłączne|własnym)\s+(?:\pL+\s+)?ryzyk
force majeure: wyższ|kontrol
	sił\S*\s+wyższ
	|poza\s+(?:naszą|jego|ich)\s+(?:\pL+\s+)?kontrol
liability: odpowiedzialn|odpowiada
damages: szkod|strat

[indemnity.strong]
indemnify: zwolni|zwalnia|zabezpiecz|chroni|broni|rekompens|pokry|naprawi|odszkodowa
	zwolni(?:ć|sz|my|cie|ą)?\s[^.;]{0,250}\bz\s+(?:wszelkiej\s+)?odpowiedzialno
	|zwalnia\S*\s+i\s+chroni
	|zwalnia\S*\s+{words5}(?:od|z)\s+(?:wszelkiej\s+)?odpowiedzialno
	|(?:zabezpiecz|chroni|broni|obroni)\S*[^.;]{0,250}\bprzed\s+(?:wszelki\S*\s+)?(?:roszcze|odpowiedzialno|strat|szkod|działani|koszt)
	|zabezpiecz\S*\s+(?:[^\s.;]+\s+){0,6}od\s+(?:wszelkimi\s+)?(?:roszcze|odpowiedzialno|strat|szkod)
	|zrekompensow\S*
	|(?:zobowiąz\S*|zgadza\S*)\s+(?:\S+\s+){0,3}(?:do|na)\s+(?:zwolnieni\S*[^.;]{0,200}\bz\s+(?:wszelkiej\s+)?odpowiedzialno|pokrycia\s+(?:\S+\s+){0,3}(?:koszt|szkod|strat|roszcze))
	|(?:zgadza\S*\s+się|zobowiązuje\S*\s+się|zobowiązan\S*)\s+(?:\S+\s+){0,3}(?:do\s+)?(?:naprawieni\S*|naprawić|wypłaty|wypłacić|zapłaty|zapłacić)\s+(?:\S+\s+){0,3}(?:szkod|odszkodowa)
	|(?:zgadza\S*\s+się|zobowiązuje\S*\s+się|zobowiązan\S*)\s+(?:\S+\s+){0,2}(?:pokry|naprawi|wynagrodzi)\S*\s+(?:\S+\s+){0,3}(?:zobowiązani|strat|koszt|szkod)
responsible for the defence: obron
	\bbędzie\s+(?:\S+\s+){0,8}obron
sued, pays our costs: pozwan
	pozwan\S*[^.;]{0,150}(?:pokry\S*|zapłaci\S*)\s+(?:\S+\s+)?koszt
bears our losses: ponosi
	użytkownik\S*\s+ponosi\s+odpowiedzialność\s+za\s+wszelk[^.;]{0,200}poniesion\S*\s+przez

[third-party]
trzeci

[cap.limit]
przekraczać: przekr
ograniczona do: ogranicz
	ogranicz\S*\s+(?:\S+\s+){0,3}?do\s
maksymalna: maksym
	maksymaln\S*\s+(?:kwot|wysoko|odpowiedzialno|łączn)
nie więcej: nie więcej
do wysokości: do wysokości|do kwoty
niższa lub wyższa: niższ|wyższ

[cap.fees]
opłaty: opłat|zapłac|uiszczon|cena|ceny

[cap.lesser]
niższa: mniejsz|niższ|nie więcej niż

[cap.greater]
wyższa: większ|wyższ

[carve-out]
indemnification obligations: zwolnien
confidentiality: poufno
IP infringement: własności intelektualnej
gross negligence or wilful misconduct: niedbal|zaniedb|umyśl
	rażąc\S*\s+niedbal|rażąc\S*\s+zaniedb|umyśl
fraud: oszust
payment obligations: płatnicz|zapłaty|płatności
	zobowiąza\S*\s+(?:do\s+)?płatnicz|obowiąz\S*\s+(?:zapłaty|płatności)
death or personal injury: śmier|obrażeni|uszczerb
	śmier|obrażeni\S*\s+ciała|uszczerb\S*\s+na\s+zdrowiu
data protection: danych
	ochron\S*\s+danych|danych\s+osobowych

[period.year]
jeden rok: rok|roku
	jednego\s+roku|(?:ostatni|poprzedni)\S*\s+rok

[period.unit]
miesiąc: 1
miesiące: 1
miesięcy: 1
miesiąca: 1
miesiącach: 1
rok: 12
roku: 12
lat: 12
lata: 12

[period.number]
jeden: 1
dwa: 2
dwóch: 2
trzy: 3
trzech: 3
sześć: 6
sześciu: 6
dwanaście: 12
dwunastu: 12

[period.adjective]
ostatnich
poprzednich

[number]
jeden: 1
dwa: 2
pięć: 5
dziesięć: 10
pięćdziesiąt: 50
sto: 100
stu: 100
dwieście: 200
pięćset: 500
tysiąc: 1000
tysięcy: 1000
tysiąca: 1000

[currency]
złot: PLN
zlot: PLN
dolar: USD
euro: EUR

[cap.exception]
z wyjątkiem: wyjątkiem|chyba że|nieograniczon
nie dotyczy: nie dotyczy|nie wyłącza|nie ogranicza

[cap.exception-to-limit]
nie dotyczy: nie dotyczy|nie dotyczą|zastosowania|nie wyłącza|nie ogranicza
	nie\s+(?:dotyczy|dotyczą|ma\s+zastosowania|mają\s+zastosowania)|nie\s+wyłącza|nie\s+ogranicza
nieograniczona: nieograniczon

[party.mutual]
każda ze stron: stron
	(?:żadna|każda)\s+ze\s+stron|(?:obie|obu)\s+stron
wzajemnie: wzajemn

[party.you]
odpowiedzialność użytkownika: odpowiedzialno
	odpowiedzialno\S*\s+(?:\S+\s+){0,2}?użytkownika

[indemnity.verb]
zwolnić: zwolni
zabezpieczyć: zabezpiecz

[covers]
third-party IP claims: własności intelektualnej|praw autorskich
your content: treści
	treści\S*\s+(?:\S+\s+)?użytkownika
your breach: naruszeni
	naruszeni\S*\s+(?:niniejsz|regulamin|warunk|postanowie)
your use: korzystani
	korzystani\S*\s+z\s+(?:usług|serwisu|platformy)
violation of law: prawa|przepisów
	naruszeni\S*\s+(?:prawa|przepisów)
negligence or misconduct: zaniedban
third-party rights: praw osób trzecich

[indemnity.limit]
condition: pod warunkiem|o ile|w zakresie
	\bpod\s+warunkiem\b|(?:^|\s)o\s+ile\s|\bw\s+zakresie,?\s+w\s+jakim\b
exception: z wyjątkiem|nie dotyczy|nie ma zastosowania|nie stosuje
	\bz\s+wyjątkiem\b|\bnie\s+dotyczy\b|\bnie\s+ma\s+zastosowania\b|\bnie\s+stosuje\s+się\b
limit: do kwoty|do wysokości|przekroczy|ograniczon
	\bdo\s+(?:kwoty|wysokości)\b|\bprzekroczy|\bograniczon

[scope.free]
bezpłatne: bezpłatn|nieodpłatn|darmow

[scope.beta]
wersja testowa: wersj
	wersj\S*\s+(?:testow|beta)
