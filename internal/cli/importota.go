package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/toswatch/toswatch/internal/config"
	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/ota"
)

func runImportOTA(ctx context.Context, a *app, args []string) error {
	fset := a.flags("import-ota")
	write := fset.Bool("write", false, "merge the entries into the --config file instead of printing them")
	paths, err := a.parse(fset, args, 1, -1, "DIR|FILE... [--write]")
	if err != nil {
		return err
	}
	files, err := declarationFiles(paths)
	if err != nil {
		return err
	}
	var vendors []model.Vendor
	var warns []string
	for _, f := range files {
		d, err := ota.ParseFile(f)
		if err != nil {
			return usageError{err}
		}
		v, ws := ota.Convert(d)
		for _, w := range ws {
			warns = append(warns, w.String())
		}
		if len(v.Documents) > 0 {
			vendors = append(vendors, v)
		}
	}
	vendors, dups := joinSameName(vendors)
	warns = append(warns, dups...)
	if *write {
		return a.mergeVendors(vendors, warns)
	}
	out := a.env.Stdout
	fmt.Fprintf(out, "# Imported by toswatch import-ota from %d Open Terms Archive declaration(s).\n", len(files))
	fmt.Fprintf(out, "# Paste these entries under \"vendors:\" in vendors.yaml, or run again with --write.\n")
	writeWarnings(out, "# ", warns)
	if len(vendors) == 0 {
		fmt.Fprintln(out, "# Nothing could be imported.")
		return errFailed
	}
	entries := config.FormatVendors(vendors, 2)
	// What is printed must paste cleanly: check it loads as a vendors list.
	if _, err := config.Parse("import-ota output", []byte("vendors:\n"+entries)); err != nil {
		return fmt.Errorf("import-ota: the entries would not load: %w", err)
	}
	fmt.Fprint(out, entries)
	return nil
}

// joinSameName makes one vendor of declarations that name the same service
// (case-insensitively), as vendors.yaml wants; a term type declared twice
// is kept once.
func joinSameName(vendors []model.Vendor) ([]model.Vendor, []string) {
	var out []model.Vendor
	var warns []string
	at := map[string]int{}
	for _, v := range vendors {
		i, ok := at[strings.ToLower(v.Name)]
		if !ok {
			at[strings.ToLower(v.Name)] = len(out)
			out = append(out, v)
			continue
		}
		have := map[string]bool{}
		for _, d := range out[i].Documents {
			have[strings.ToLower(d.Type)] = true
		}
		for _, d := range v.Documents {
			if have[strings.ToLower(d.Type)] {
				warns = append(warns, fmt.Sprintf("%s: %s: declared twice; the first one is kept", v.Name, d.Type))
				continue
			}
			d.Vendor = out[i].Name
			out[i].Documents = append(out[i].Documents, d)
		}
	}
	return out, warns
}

// declarationFiles expands directories into their *.json files, sorted.
// History files (*.history.json: past versions of a declaration) are not
// declarations and are passed over.
func declarationFiles(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, usageError{fmt.Errorf("import-ota: %w", err)}
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, fmt.Errorf("import-ota: %w", err)
		}
		var found []string
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".json") || strings.HasSuffix(name, ".history.json") {
				continue
			}
			found = append(found, filepath.Join(p, name))
		}
		if len(found) == 0 {
			return nil, usagef("import-ota: no *.json declarations in %s", p)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

// writeWarnings lists warnings one per line, each behind prefix; the text
// comes from files, so it is made one printable line.
func writeWarnings(w io.Writer, prefix string, warns []string) {
	if len(warns) == 0 {
		return
	}
	fmt.Fprintf(w, "%sWarnings (%d):\n", prefix, len(warns))
	for _, s := range warns {
		s = strings.Join(strings.Fields(sanitize(s)), " ")
		fmt.Fprintf(w, "%s  %s\n", prefix, s)
	}
}

// mergeVendors appends the vendors to the --config file, or creates it.
func (a *app) mergeVendors(vendors []model.Vendor, warns []string) error {
	path := a.configPath
	writeWarnings(a.env.Stderr, "", warns)
	if len(vendors) == 0 {
		fmt.Fprintln(a.env.Stdout, "Nothing could be imported; "+path+" left as it was.")
		return errFailed
	}
	data, err := os.ReadFile(path)
	var res config.Appended
	switch {
	case errors.Is(err, fs.ErrNotExist):
		res.Data = []byte("# Vendors imported by toswatch import-ota from Open Terms Archive declarations.\nvendors:\n" + config.FormatVendors(vendors, 2))
		for _, v := range vendors {
			res.Added = append(res.Added, v.Name)
		}
	case err != nil:
		return fmt.Errorf("read config: %w", err)
	default:
		res, err = config.AppendVendors(path, data, vendors)
		if errors.Is(err, config.ErrCannotAppend) {
			return usageError{fmt.Errorf("%w; run without --write and paste the entries", err)}
		}
		if err != nil {
			return err
		}
	}
	for _, s := range res.Skipped {
		fmt.Fprintf(a.env.Stdout, "skipped %s\n", sanitize(s))
	}
	if len(res.Added) == 0 {
		fmt.Fprintf(a.env.Stdout, "Nothing new; %s left as it was.\n", path)
		return nil
	}
	if err := writeConfigAtomically(path, res.Data); err != nil {
		return err
	}
	for _, s := range res.Added {
		fmt.Fprintf(a.env.Stdout, "added %s\n", sanitize(s))
	}
	fmt.Fprintf(a.env.Stdout, "%s: %d added, %d skipped.\n", path, len(res.Added), len(res.Skipped))
	return nil
}

// writeConfigAtomically writes data next to path, checks that it loads, and
// renames it over path: a crash or a bad merge never leaves a half-written
// or unloadable vendors.yaml.
func writeConfigAtomically(path string, data []byte) error {
	mode := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	name := tmp.Name()
	defer os.Remove(name) // once renamed, there is nothing left to remove
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, mode)
	}
	if err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	if _, err := config.Load(name); err != nil {
		return fmt.Errorf("the merged %s would not load, left unchanged:\n%w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("write config: %w", err)
	}
	return nil
}
