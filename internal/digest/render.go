package digest

import (
	_ "embed"
	"fmt"
	"html/template"
	"strings"
	"time"
)

// The HTML part carries its CSS in style attributes: many mail clients drop
// <style> blocks.
//
//go:embed digest.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("digest").Parse(htmlSource))

func renderHTML(v view) (string, error) {
	var b strings.Builder
	if err := htmlTemplate.Execute(&b, v); err != nil {
		return "", fmt.Errorf("digest: render html: %w", err)
	}
	return b.String(), nil
}

// renderText writes the text/plain part. It is built in code rather than
// with text/template because its layout is all whitespace.
func renderText(v view) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", v.Subject)
	fmt.Fprintf(&b, "Changes recorded in the last %s.\n", v.Window)
	if v.Changes == 0 && len(v.Failing) == 0 {
		b.WriteString("\nNothing changed and every document is being tracked.\n")
	}
	if len(v.High) > 0 {
		b.WriteString("\nHIGH-SEVERITY CLAUSE CHANGES\n")
		for _, it := range v.High {
			writeItem(&b, it)
		}
	}
	if len(v.Other) > 0 {
		title := "CHANGES"
		if len(v.High) > 0 {
			title = "OTHER CHANGES"
		}
		b.WriteString("\n" + title + "\n")
		for _, it := range v.Other {
			writeItem(&b, it)
		}
	}
	if len(v.Failing) > 0 {
		b.WriteString("\nFAILING DOCUMENTS\n")
		for _, f := range v.Failing {
			fmt.Fprintf(&b, "\n%s — %s: %s in a row", f.Vendor, f.Document, f.Checks)
			if f.Since != "" {
				fmt.Fprintf(&b, " since %s", f.Since)
			}
			if f.NeverRead {
				b.WriteString(" (never read yet)")
			}
			fmt.Fprintf(&b, "\n  last error: %s\n  %s\n", f.Error, f.URL)
		}
	}
	if len(v.Resumed) > 0 {
		b.WriteString("\nTRACKING RESUMED\n")
		for _, r := range v.Resumed {
			fmt.Fprintf(&b, "\n%s — %s: working again since %s after %s\n", r.Vendor, r.Document, r.At, r.Checks)
		}
	}
	if v.BaseURL != "" {
		fmt.Fprintf(&b, "\n-- \nAll changes: %s/changes\n", v.BaseURL)
	}
	return b.String()
}

func writeItem(b *strings.Builder, it item) {
	fmt.Fprintf(b, "\n%s — %s, %s\n", it.Vendor, it.Document, it.At)
	if it.Note != "" {
		fmt.Fprintf(b, "  %s\n", it.Note)
	}
	for _, c := range it.Clauses {
		mark := "-"
		if c.High {
			mark = "!"
		}
		fmt.Fprintf(b, "  %s %s: %s\n", mark, c.Label, c.Summary)
		if c.Caps != "" {
			fmt.Fprintf(b, "    cap: %s\n", c.Caps)
		}
	}
	if len(it.Clauses) == 0 && it.Note == "" {
		b.WriteString("  No liability or indemnification clause moved.\n")
	}
	if it.Reverts && it.Note == "" {
		b.WriteString("  Reverts to an earlier version of the text.\n")
	}
	if it.Stats != "" {
		fmt.Fprintf(b, "  Text: %s\n", it.Stats)
	}
	if it.Link != "" {
		fmt.Fprintf(b, "  %s\n", it.Link)
	} else {
		fmt.Fprintf(b, "  change #%d\n", it.ID)
	}
}

// window says how long a digest's window is in words: "24 hours".
func window(d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0 && d >= 48*time.Hour:
		return fmt.Sprintf("%d days", d/(24*time.Hour))
	case d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour", "hours")
	case d%time.Minute == 0:
		return plural(int(d/time.Minute), "minute", "minutes")
	}
	return d.String()
}
