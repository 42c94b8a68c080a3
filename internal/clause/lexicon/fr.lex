# French cue lexicon of the clause detector. The format is described in
# ../lexicon.go; adding a language is adding a file like this one and its tests.

[language]
les
des
et
est
vous

[heading.liability]
responsabilit
dommages

[heading.duty]
responsabilités de l'utilisateur
vos responsabilit

[not-limitation]
you are liable:
	(?:vous|tu)\s+(?:\S+\s+){0,2}(?:êtes|es|serez|seras)\s+(?:seul\s+)?responsable
your liability:
	votre responsabilité

[indemnity.exception]
sauf

[small-word]
et
de
la
des
du

[liability.strong]
not liable: respons
	\b(?:ne|n')\s*{gap6}(?:pas|aucunement|nullement|jamais)\s+{gap3}(?:tenue?s?\s+)?responsables?
	|ne\s+saurai(?:t|ent)\s+{gap6}responsables?
	|en aucun cas[^.;]{0,120}responsab
no liability: respons
	aucune\s+(?:\pL+\s+)?responsabilit
	|(?:décline|déclinons|déclinent|exclut|excluons|limite|limitons|rejette|exclure|limiter)\S*\s+{gap3}(?:la\s+|toute\s+|notre\s+|sa\s+)?responsabilit
limitation of liability: limitation|exclusion
	(?:limitations?|exclusions?)\s+de\s+(?:la\s+)?responsabilit
cap on total liability: responsabilit
	responsabilit\S*\s+(?:totale|globale|cumulée|maximale)
	|responsabilit[^.;]{0,120}(?:limitée|plafonnée|exc[eé]der|dépasser)
consequential damages: dommage|préjudice|manque
	(?:dommages|préjudices)\s+(?:\pL+\s+){0,2}(?:indirects|consécutifs|immatériels|spéciaux|punitifs|accessoires)
	|manque à gagner

release of claims: renonc|1542
	renonc\S*\s+{words10}(?:droits?|recours|réclamations?)
	|1542
sole remedy: recours
	(?:seul|unique|exclusif)\s+(?:et\s+(?:unique|exclusif)\s+)?recours
no compensation: compensation|indemnisation|remboursement|dédommagement
	\b(?:pas|aucun\S*|sans)\s+{words5}(?:compensation|indemnisation|remboursement|dédommagement)
without liability: sans
	\bsans\s+{words5}responsabilit
cap on compensation: indemnisation|remboursement|dédommagement|indemnité
	(?:indemnisation|remboursement|dédommagement|indemnité)[^.;]{0,100}(?:ne (?:pourra|peut) (?:pas )?(?:excéder|dépasser)|limité)

[liability.weak]
lost profits: perte
	pertes?\s+de\s+(?:profits?|bénéfices?|données|chiffre|revenus|clientèle)
extent permitted by law: mesure|limite
	(?:mesure|limite)s?\s+(?:\pL+\s+){0,3}(?:permise|autorisée)
own risk: risque
	(?:vos|ses|tes|leurs)\s+(?:propres\s+)?risques
force majeure: force majeure
this limitation: limitation|exclusion
	(?:cette|ces|la présente|les présentes)\s+(?:\pL+\s+)?(?:limitations?|exclusions?)
liability: responsab
damages: dommage|perte|préjudice
	dommages?
	|pertes?
	|préjudices?

[indemnity.strong]
indemnify: indemnis|garanti
	indemniser
	|\bgarantir\s+(?:\S+\s+){0,6}contre\b
	|relever\s+et\s+garantir
hold harmless: indemne|dégager
	tenir\s+(?:\S+\s+){0,3}indemnes?
	|dégager\s+(?:\S+\s+){0,4}(?:de\s+toute\s+)?responsabilit

[third-party]
tiers
