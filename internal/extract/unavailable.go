package extract

import "strings"

// unavailableCues are what error, maintenance, "not available" and loading
// pages say, in the languages toswatch reads. Terms may say some of these
// in passing ("the service may be temporarily unavailable"), so a cue alone
// proves nothing: a check trusts it only on a capture that also lost most
// of the document (see the tracker), or on a short first capture.
var unavailableCues = []string{
	// maintenance
	"we'll be back soon", "we will be back soon", "we’ll be back soon", "be right back",
	"down for maintenance", "under maintenance", "scheduled maintenance", "undergoing maintenance",
	"maintenance mode", "currently unavailable", "temporarily unavailable", "temporarily down",
	"en maintenance", "maintenance en cours", "temporairement indisponible",
	"wartungsarbeiten", "vorübergehend nicht verfügbar", "en mantenimiento",
	"temporalmente no disponible", "in manutenzione", "temporaneamente non disponibile",
	"przerwa techniczna", "tymczasowo niedostępn",
	// not available, not found
	"this page isn't available", "this page isn’t available", "this page is not available",
	"page isn't available", "page is unavailable", "content isn't available", "content is not available",
	"page not found", "page cannot be found", "page could not be found", "page you requested",
	"page you are looking for", "page you were looking for", "page you're looking for",
	"page does not exist", "page doesn't exist", "no longer available", "404 not found", "error 404",
	"page introuvable", "page non trouvée", "seite nicht gefunden", "página no encontrada",
	"pagina non trovata", "nie znaleziono strony",
	// errors
	"something went wrong", "an error occurred", "an error has occurred", "unexpected error",
	"internal server error", "service unavailable", "bad gateway", "gateway timeout",
	"error 500", "error 502", "error 503", "try again later", "please try again",
	"une erreur est survenue", "ein fehler ist aufgetreten", "se ha producido un error",
	"si è verificato un errore", "wystąpił błąd",
	// loading placeholders
	"loading...", "loading…", "please wait", "is loading", "enable javascript",
	"javascript is required", "javascript is disabled", "chargement…", "wird geladen",
	"cargando…", "caricamento…", "ładowanie…",
}

// UnavailableCue returns the first thing in a text that says the page is an
// error, maintenance, "not available" or loading page, or "" when none does.
// Such a page says so at the top; in a long text only the first cueLines
// lines count, so that terms saying the service "may be temporarily
// unavailable" further down are not taken for one.
func UnavailableCue(text string) string {
	if len(text) >= FirstCaptureLimit {
		end := 0
		for range cueLines {
			i := strings.IndexByte(text[end:], '\n')
			if i < 0 {
				end = len(text)
				break
			}
			end += i + 1
		}
		text = text[:end]
	}
	l := strings.ToLower(text)
	for _, c := range unavailableCues {
		if strings.Contains(l, c) {
			return c
		}
	}
	return ""
}

// cueLines is how many lines at the top of a long text UnavailableCue reads.
const cueLines = 5

// FirstCaptureLimit is the length (in bytes) under which a first capture
// with an unavailable cue is taken for an error page: with no earlier
// version to compare, a short page that says so is trusted.
const FirstCaptureLimit = 2000
