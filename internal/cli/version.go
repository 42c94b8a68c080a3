package cli

import (
	"context"
	"fmt"
	"runtime/debug"
)

// buildVersion returns the module version and the commit the binary was
// built from ("unknown" when the build carries none, as with go run or a
// build outside a git checkout).
func buildVersion() (version, commit string) {
	version, commit = "(devel)", "unknown"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version, commit
	}
	if v := info.Main.Version; v != "" {
		version = v
	}
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			if s.Value != "" {
				commit = s.Value
			}
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty && commit != "unknown" {
		commit += " (modified)"
	}
	return version, commit
}

func (a *app) printVersion() {
	v, c := buildVersion()
	fmt.Fprintf(a.env.Stdout, "toswatch %s, commit %s\n", v, c)
}

func runVersion(ctx context.Context, a *app, args []string) error {
	fs := a.flags("version")
	if _, err := a.parse(fs, args, 0, 0, ""); err != nil {
		return err
	}
	a.printVersion()
	return nil
}
