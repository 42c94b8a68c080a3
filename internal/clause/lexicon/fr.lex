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

[cap.limit]
excéder: excéd|dépass
limitée à: limitée|limité
	limitée?s?\s+(?:\S+\s+)?(?:à|aux|au)\s
plafond: plafon
dans la limite: dans la limite de
montant maximal: montant maximal
moins ou plus élevé: moins élev|plus élev

[cap.fees]
frais: frais|payé|versé|acquitt|prix

[cap.lesser]
moins élevé: moins élev|plus faible|le plus bas
sans excéder: sans
	sans\s+(?:pouvoir\s+)?(?:excéder|dépasser)
dans la limite de: dans la limite de

[cap.greater]
plus élevé: plus élev

[carve-out]
indemnification obligations: indemnis|indemnit
confidentiality: confidentialit
IP infringement: contrefaçon|propriété intellectuelle
gross negligence or wilful misconduct: faute|négligence grave|dol
	faute\s+(?:lourde|intentionnelle|dolosive)|négligence\s+grave|\bdol\b
fraud: fraude
payment obligations: paiement
	obligations?\s+de\s+paiement
death or personal injury: décès|corporel|atteinte
	décès|dommages?\s+corporels?|atteinte\s+à\s+la\s+(?:vie|personne)
data protection: données
	protection\s+des\s+données|données\s+personnelles

[period.year]
un an: an|année
	un\s+an\b|(?:l'|la\s+dernière\s+)année

[period.unit]
mois: 1
an: 12
ans: 12
année: 12
années: 12

[period.number]
trois: 3
douze: 12
deux: 2

[period.adjective]
derniers
dernières
précédents

[number]
une: 1
deux: 2
cinq: 5
dix: 10
cinquante: 50
cent: 100
cents: 100
mille: 1000

[currency]
euro: EUR
dollar: USD

[currency.qualifier]
canadien: CAD

[cap.exception]
sauf: sauf|à l'exception|hormis|aucune disposition|rien dans
ne s'applique: ne s'appliqu

[cap.exception-to-limit]
ne s'applique pas: s'appliqu
	(?:limitation|exclusion)s?\s+(?:\S+\s+){0,6}?ne\s+s'appliqu
aucune disposition: aucune disposition|rien dans
illimitée: illimité

[party.mutual]
chaque partie: partie
	aucune\s+des\s+parties|chaque\s+partie
mutuellement: mutuellement

[party.you]
votre responsabilité: responsabilit
	votre\s+responsabilit|responsabilit\S*\s+(?:\S+\s+){0,2}?(?:de\s+l'utilisateur|du\s+client)

[indemnity.verb]
indemniser: indemnis
	\bindemnis(?:er|era|erons|eront|erez|e)\S*
garantir: garantir
	\bgarantir\S*
tenir indemne: tenir|tiendr
	\b(?:tenir|tiendr\S*)\s+(?:\S+\s+){0,3}?indemne

[covers]
third-party IP claims: propriété intellectuelle|contrefaçon
your content: votre contenu
your breach: manquement|violation des
	violation\s+des\s+(?:présentes|conditions)|manquement
your use: utilisation
	utilisation\s+(?:du|des|de\s+la)\s+(?:service|site|plateforme)
violation of law: violation
	violation\s+(?:d'une|de\s+la|des)\s+(?:loi|lois|réglementation)
negligence or misconduct: négligence
third-party rights: droits
	droits\s+(?:d'un\s+|de\s+)tiers

[indemnity.limit]
condition: sous réserve|à condition|pour autant|dans la mesure
	\bsous\s+réserve\b|\bà\s+condition\s+que\b|\bpour\s+autant\s+que\b|\bdans\s+la\s+mesure\s+où\b
exception: sauf|à l'exception|ne s'appliqu|aucune obligation
	\bsauf\b|\bà\s+l'exception\b|\bne\s+s'appliqu|\baucune\s+obligation\b
limit: dans la limite|plafonn|excéder|jusqu'à
	\bdans\s+la\s+limite\b|\bplafonn|\bexcéder\b|\bjusqu'à\s+(?:concurrence\s+de\s+)?(?:\$|€|£|\d)

[scope.free]
gratuits: gratuit

[scope.beta]
bêta: bêta
