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
