# Spanish cue lexicon of the clause detector. The format is described in
# ../lexicon.go; adding a language is adding a file like this one and its tests.

[language]
los
las
el
y
del

[heading.liability]
daños

[heading.duty]
sus responsabilidad

[not-limitation]
you are liable:
	(?:usted|tú)\s+(?:\S+\s+){0,2}(?:es|eres|será|serás)\s+(?:el\s+único\s+)?responsable

[indemnity.exception]
excepto
salvo

[abbreviation]
s.a
p.ej

[small-word]
de
la
y
del

[liability.strong]
not liable: respons
	\bno\s+{gap6}(?:responsables?|responsabilidad(?:es)?)
no liability: respons
	(?:ninguna|ningún tipo de|toda|cualquier)\s+responsabilidad
	|(?:excluye|exime|limita|limitan|rechaza|declina)\S*\s+{gap3}responsabilidad
	|en ningún caso[^.;]{0,120}respons
limitation of liability: limitaci|exclusi
	(?:limitaci[oó]n|limitaciones|exclusi[oó]n)\s+de\s+(?:la\s+)?responsabilidad
cap on total liability: responsabilidad
	responsabilidad\s+(?:total|m[aá]xima|agregada|acumulada|conjunta)
	|responsabilidad[^.;]{0,120}(?:se limita|limitada|exceder[aá]|superar[aá])
consequential damages: daño|perjuicio|lucro
	(?:daños|perjuicios)\s+(?:\pL+\s+){0,2}(?:indirectos|consecuentes|consecuenciales|incidentales|especiales|punitivos|emergentes|ejemplares)
	|lucro cesante

release of claims: renunci|1542
	renunci\S*\s+{words10}(?:derechos?|reclamaci|acciones|recursos)
	|1542
sole remedy: recurso
	(?:único|exclusivo)\s+(?:y\s+exclusivo\s+)?recurso
no compensation: compensaci|indemnizaci|reembolso
	\b(?:no|ninguna|ningún|sin)\s+{words5}(?:compensaci[oó]n|indemnizaci[oó]n|reembolso)
without liability: sin
	\bsin\s+{words5}responsabilidad
cap on compensation: indemnizaci|reembolso|compensaci
	(?:indemnizaci[oó]n|reembolso|compensaci[oó]n)[^.;]{0,100}(?:no (?:podrá )?exceder|no superará|limitad)

[liability.weak]
lost profits: pérdida
	pérdidas?\s+de\s+(?:beneficios|datos|ganancias|ingresos|negocio)
extent permitted by law: medida|permitid
	(?:medida|máximo)\s+(?:\pL+\s+){0,3}permitid[oa]
own risk: riesgo
	(?:su|tu)\s+(?:\pL+\s+){0,3}riesgo
force majeure: fuerza mayor
this limitation: limitaci|exclusi
	(?:esta|estas|dicha|dichas|la presente|las anteriores)\s+(?:\pL+\s+)?(?:limitaci[oó]n|limitaciones|exclusi[oó]n|exclusiones)
liability: responsab
damages: daño|pérdida|perjuicio
	daños?
	|pérdidas?
	|perjuicios?

[indemnity.strong]
indemnify: indemniz
	indemnizar(?:á|án|emos|le|les|nos|los)?\b
	|\bindemnice\b
	|\bindemnizará\b
hold harmless: indemne|salvo|exim
	mantener\S*\s+(?:\pL+\s+){0,4}(?:indemnes?|a salvo)
	|eximir\S*\s+(?:\pL+\s+){0,4}de\s+(?:toda\s+|cualquier\s+)?responsabilidad

[third-party]
tercer

[cap.limit]
exceder: exced
superar: superar
máximo: máxim
	(?:importe|monto|cantidad|responsabilidad)\s+máxim|máxim[oa]\s+(?:de|total|acumulad)|como\s+máximo|un\s+máximo\s+de
hasta: hasta
	hasta\s+(?:un|el|la)\s+(?:máximo|importe|monto|cantidad|suma)
limitada a: limitad|limita a|limitan a
	limitad[ao]s?\s+a\s|se\s+limita\s+a|limitan?\s+a\s
menor o mayor: menor|mayor
	(?:el|la|lo)\s+(?:que\s+sea\s+)?(?:menor|mayor)

[cap.fees]
tarifas: tarifa|pagad|abonad|cuota|precio

[cap.lesser]
menor: menor
	(?:el|la|lo)\s+(?:que\s+(?:sea|resulte)\s+)?menor
sin exceder: sin exceder|como máximo

[cap.greater]
mayor: mayor
	(?:el|la|lo)\s+(?:que\s+(?:sea|resulte)\s+)?mayor

[carve-out]
indemnification obligations: indemniz
confidentiality: confidencial
IP infringement: infracci|propiedad
	infracci[oó]n\s+de\s+(?:la\s+)?propiedad|propiedad\s+intelectual
gross negligence or wilful misconduct: negligencia|dolo
	negligencia\s+grave|\bdolo\b|conducta\s+dolosa
fraud: fraude
payment obligations: obligaciones de pago
death or personal injury: muerte|lesiones personales|daños personales
data protection: protección de datos

[period.year]
un año: año
	un\s+\(?1?\)?\s*año|(?:el\s+)?(?:último|ultimo)\s+año

[period.unit]
mes: 1
meses: 1
año: 12
años: 12

[period.number]
un: 1
dos: 2
tres: 3
seis: 6
doce: 12

[period.adjective]
últimos
anteriores

[number]
un: 1
uno: 1
una: 1
dos: 2
cinco: 5
diez: 10
cincuenta: 50
cien: 100
ciento: 100
doscientos: 200
quinientos: 500
mil: 1000
millón: 1000000
millones: 1000000

[currency]
dólar: USD
euro: EUR
libra: GBP

[cap.exception]
excepto: excepto|salvo|con excepción|nada en
no se aplica: no se aplica

[cap.exception-to-limit]
no se aplica: aplica
	(?:limitaci|exclusi)\S*\s+(?:\S+\s+){0,6}?no\s+(?:se\s+)?(?:aplica|aplicar)
nada en: nada en
ilimitada: ilimitad

[party.mutual]
cada parte: partes|parte
	ninguna\s+de\s+las\s+partes|cada\s+(?:una\s+de\s+las\s+)?partes?\b
mutuamente: mutuamente

[party.you]
responsabilidad del usuario: responsabilidad
	responsabilidad\s+(?:\S+\s+){0,2}?del\s+(?:usuario|cliente)

[indemnity.verb]
indemnizar: indemniz
mantener indemne: mantener
	\bmantener\S*
eximir: eximir
	\beximir\S*

[covers]
third-party IP claims: propiedad intelectual
your content: contenido
	contenido\s+de\s+usuario|su\s+contenido
your breach: incumplimiento
your use: uso
	uso\s+(?:que\s+\pL+\s+\pL+\s+)?(?:de\s+los|del)\s+servicio
violation of law: violación
	violación\s+de\s+(?:cualquier\s+)?(?:ley|normativa)
negligence or misconduct: negligencia
third-party rights: derechos de terceros

[indemnity.limit]
condition: siempre que|siempre y cuando|condición|sujet|en la medida
	\bsiempre\s+(?:y\s+cuando|que)\b|\ba\s+condición\s+de\s+que\b|\bsujet[oa]s?\s+a\b|\ben\s+la\s+medida\s+en\s+que\b
exception: salvo|excepto|excepción|no se aplica|no será aplicable|no tendrá obligación
	\bsalvo\b|\bexcepto\b|\bcon\s+excepción\b|\bno\s+se\s+aplicar(?:á|a)\b|\bno\s+será\s+aplicable\b|\bno\s+tendrá\s+(?:obligación|responsabilidad)\b
limit: hasta|no excederá|no podrá exceder|limitad
	\bhasta\s+(?:un\s+máximo\s+de\s+|un\s+importe\s+(?:máximo\s+)?de\s+)?(?:\$|€|£|\d)|\bno\s+(?:excederá|podrá\s+exceder)\b|\blimitad[oa]s?\s+a\b

[scope.free]
gratuitos: gratuit|gratis
