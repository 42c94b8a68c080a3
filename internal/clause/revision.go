package clause

// Revision numbers the analyser's behaviour: detection, cap facts and
// change classification. Raise it whenever a change to this package can
// classify a recorded change differently; `toswatch reanalyze` (and
// `toswatch run` on start) then reclassifies the changes an older
// revision judged.
//
//	1: the first analyser (changes recorded before revisions were kept
//	   count as 0)
//	2: caps stated as amounts above the fees, carve-outs only where an
//	   exception is made, unchanged sentences judged alike in both
//	   versions, added and dropped sentences named, indemnity lists and
//	   procedure sentences, new indemnity undertakings; the liability model
//	   adds only sentences that speak of liability
//	3: the liability model trained on consistent labels (one guideline)
//	   instead of the lawyers' tags
//	4: caps read sentence by sentence (scoped caps, "excluded", look-backs
//	   and amounts in words, lesser/greater words, lists and sentences
//	   broken over lines), carve-outs from exceptions to the limitation
//	   only, who gives each indemnity and what it covers, whose liability
//	   a limitation protects; severity from named rules (rules.go), the
//	   summary composed from the findings (internal/present); detection:
//	   releases, sole remedy, no compensation, "without notice or
//	   liability", list items and broken sentences continuing a
//	   limitation, German, Italian and Polish indemnity wordings, "frei …
//	   und verzichten" a release, not an indemnity
//	5: a new sentence excluding liability for something widens the
//	   exclusion (high), a dropped one narrows it; one making you liable
//	   for the provider's losses is your-liability-added (high), dropped in
//	   your favour; no liability for beta or
//	   free services is a scoped exclusion; caps read from the section (a
//	   last list item, exceptions after the clause); an edit of small words
//	   only ("provided you" → "provided you with") is cosmetic
//	6: indemnification decided by a learned model over the rules' cues,
//	   the context and the words, as liability is
//	7: the vocabulary of clause facts in the lexicon files (cap words,
//	   periods, amounts, currencies, carve-outs, exceptions, parties,
//	   indemnity verbs and cover, scopes), matched in one pass: some
//	   wordings more (German "Verstoßes gegen", French "tiendrez …
//	   indemne", Italian "ciascuna parte", Polish "treściami")
//	8: each detection model the average of 5 perceptrons
//	9: a list marker alone on its line neither titles a section nor ends
//	   the list it numbers
//	10: the words after a reference to a section ("section 9 …") count
//	   when sentences are compared (they were all folded to "#", so an
//	   edit after one could read as cosmetic)
//	11: facts are read without Markdown emphasis marks ("the fees paid in
//	   the _twelve (12) months_" lost its look-back)
//	12: whose liability a cap limits is read from the limitation, not from
//	   the exceptions made to it ("except for a party's indemnification
//	   obligations, Vendor's total liability …" protects the provider)
//	13: your liability added (or dropped) when you are named as the
//	   customer or user ("Customer will be liable for all losses …"), and
//	   in Spanish, French, German, Italian and Polish
//	14: a condition, an exception or a limit of amount added to an
//	   indemnity narrows it (the provider's: provider-indemnity-narrowed,
//	   high; yours: in your favour)
//	15: with no cap left, no carve-out is "now capped" (nor one that
//	   exposed you dropped), and a mutual cap removed is not "made
//	   one-sided": cap-removed says what moved
//	16: one indemnification clause per undertaking when one party
//	   undertakes twice (two paragraphs "L'Utente si impegna a tenere
//	   indenne …" and "L'Utente si obbliga a manlevare …" were one
//	   clause); Italian "contenuti pubblicati" is your content
const Revision = 16
