package browser

import (
	"errors"
	"fmt"
	"os/exec"
)

// ErrNoBrowser: no Chromium binary was found.
var ErrNoBrowser = errors.New("render: no Chromium found; install chromium-headless-shell or set settings.browser.path")

// candidates are tried in order when no path is configured: the headless
// shell first (Debian's chromium-headless-shell), which starts faster and
// needs no display libraries, then full browsers.
var candidates = []string{
	"/usr/bin/chromium-headless-shell",
	"/usr/lib/chromium/chromium-headless-shell",
	"/usr/bin/chromium",
	"chromium-headless-shell",
	"chromium",
	"chromium-browser",
	"google-chrome",
	"google-chrome-stable",
	"headless_shell",
}

// Find returns the browser binary to use: path when it is set (a file or
// a name on PATH), else the first of the usual Chromium locations found.
func Find(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("render: browser %q (settings.browser.path): %w", path, err)
		}
		return p, nil
	}
	for _, c := range candidates {
		if p, err := exec.LookPath(c); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}
