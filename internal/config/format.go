package config

import (
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/toswatch/toswatch/internal/model"
)

// FormatVendors writes vendors as entries of the vendors list of a
// vendors.yaml, each "- " indented by indent spaces, so that they can be
// pasted under "vendors:" (indent 2 matches the shipped file). Loading the
// result gives back the same vendors: only what differs from the defaults
// is written, and a combined document's parts repeat only selectors that
// differ from the document's.
func FormatVendors(vendors []model.Vendor, indent int) string {
	var b strings.Builder
	for i, v := range vendors {
		if i > 0 {
			b.WriteByte('\n')
		}
		formatVendor(&b, v, indent)
	}
	return b.String()
}

func formatVendor(b *strings.Builder, v model.Vendor, indent int) {
	pad := strings.Repeat(" ", indent)
	fmt.Fprintf(b, "%s- name: %s\n%s  documents:\n", pad, yamlString(v.Name), pad)
	for _, d := range v.Documents {
		formatDocument(b, d, indent+4)
	}
}

// formatDocument writes one document as an item of a documents list.
func formatDocument(b *strings.Builder, d model.Document, indent int) {
	dash := strings.Repeat(" ", indent) + "- "
	pad := strings.Repeat(" ", indent+2)
	fmt.Fprintf(b, "%stype: %s\n", dash, yamlString(d.Type))
	if len(d.Combine) == 0 {
		fmt.Fprintf(b, "%surl: %s\n", pad, yamlString(d.URL))
	}
	formatSelection(b, pad, d.Select, d.Ranges)
	formatList(b, pad, "remove", d.Remove)
	if d.Schedule != 0 {
		fmt.Fprintf(b, "%sschedule: %s\n", pad, d.Schedule)
	}
	if d.Render != "" && d.Render != RenderAuto {
		fmt.Fprintf(b, "%srender: %s\n", pad, d.Render)
	}
	if len(d.Combine) == 0 {
		return
	}
	fmt.Fprintf(b, "%scombine:\n", pad)
	ppad := pad + "    "
	for _, p := range d.Combine {
		fmt.Fprintf(b, "%s  - url: %s\n", pad, yamlString(p.URL))
		sameSel := reflect.DeepEqual(p.Select, d.Select) && reflect.DeepEqual(p.Ranges, d.Ranges)
		switch {
		case sameSel:
		case len(p.Select) == 0 && len(p.Ranges) == 0:
			// Automatic content for this part only: an explicit empty
			// list keeps it from inheriting the document's selectors.
			fmt.Fprintf(b, "%sselect: []\n", ppad)
		default:
			formatSelection(b, ppad, p.Select, p.Ranges)
		}
		switch {
		case reflect.DeepEqual(p.Remove, d.Remove):
		case len(p.Remove) == 0:
			fmt.Fprintf(b, "%sremove: []\n", ppad)
		default:
			formatList(b, ppad, "remove", p.Remove)
		}
	}
}

func formatSelection(b *strings.Builder, pad string, sels []string, ranges []model.Range) {
	if len(ranges) == 0 {
		formatList(b, pad, "select", sels)
		return
	}
	fmt.Fprintf(b, "%sselect:\n", pad)
	for _, s := range sels {
		fmt.Fprintf(b, "%s  - %s\n", pad, yamlString(s))
	}
	for _, r := range ranges {
		first := true
		for _, kv := range [][2]string{
			{keyStartBefore, r.StartBefore}, {keyStartAfter, r.StartAfter},
			{keyEndBefore, r.EndBefore}, {keyEndAfter, r.EndAfter},
		} {
			if kv[1] == "" {
				continue
			}
			lead := pad + "    "
			if first {
				lead, first = pad+"  - ", false
			}
			fmt.Fprintf(b, "%s%s: %s\n", lead, kv[0], yamlString(kv[1]))
		}
	}
}

func formatList(b *strings.Builder, pad, key string, list []string) {
	switch len(list) {
	case 0:
	case 1:
		fmt.Fprintf(b, "%s%s: %s\n", pad, key, yamlString(list[0]))
	default:
		fmt.Fprintf(b, "%s%s:\n", pad, key)
		for _, s := range list {
			fmt.Fprintf(b, "%s  - %s\n", pad, yamlString(s))
		}
	}
}

// plainSafe matches strings that YAML reads back unchanged as plain
// scalars: no indicator first, no ": " or " #", nothing YAML would take
// for a number, a boolean or null (those are caught by plainSpecial).
var (
	plainSafe    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9 _.,/()&+%=?~@'-]*(:[A-Za-z0-9/._~%@+=?&-][A-Za-z0-9 _.,/()&+%=?~@'-]*)*$`)
	plainSpecial = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true, "null": true, "y": true, "n": true}
)

// yamlString writes s as a YAML scalar: plain when that is safe, else
// double-quoted (a JSON string is a valid YAML double-quoted scalar).
func yamlString(s string) string {
	if plainSafe.MatchString(s) && !strings.HasSuffix(s, " ") && !plainSpecial[strings.ToLower(s)] {
		return s
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}
