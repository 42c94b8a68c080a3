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
	użytkownik\s+(?:\S+\s+){0,2}ponosi
you are liable:
	ponosisz|ponosicie|jesteś\s+(?:\S+\s+)?odpowiedzialn

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
indemnify: zwolni|zabezpiecz|rekompens
	zwolni\S*\s+(?:\pL+\s+){0,5}z\s+(?:wszelkiej\s+)?odpowiedzialno
	|zabezpiecz\S*\s+(?:[^\s.;]+\s+){0,6}(?:przed|od)\s+(?:wszelkimi\s+)?(?:roszcze|odpowiedzialno|strat|szkod)
	|zrekompensować
