# Cues of every language, and the macros the patterns of every file may use.
# The format is described in ../lexicon.go.

[macro]
# Up to three (six) words, not crossing a sentence or clause boundary.
gap3:
	(?:[^\s.;:]+\s+){0,3}
gap6:
	(?:[^\s.;:]+\s+){0,6}
# Up to five (ten) words, none ending with a comma.
words5:
	(?:[^\s.,;:]+\s+){0,5}
words10:
	(?:[^\s.,;:]+\s+){0,10}

[indemnity.weak]
claims: claim|reclamaci|demanda|réclamation|ansprüche|pretese|roszcze|klagen|lawsuit
defend: defensa|défense|défendre|verteidig|difes|obron
