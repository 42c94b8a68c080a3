package config

import (
	"net"
	"net/mail"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// minSchedule keeps a typo ("6s" for "6h") from hammering a vendor.
const minSchedule = time.Minute

// decodeFile parses data and decodes the whole file, collecting errors in d.
func (d *decoder) decodeFile(data []byte) *Config {
	c := &Config{Settings: Settings{Fetch: switchableDefaults()}}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		d.syntaxError(err)
		return c
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			d.errorf(doc.Body, "more than one YAML document; vendors.yaml holds one")
			break
		}
		body = doc.Body
	}
	if body == nil {
		d.errorAt(0, 0, "no vendors configured")
		return c
	}
	d.collectAnchors(body, 0)
	var vendorsNode ast.Node
	byKey, ok := d.fields(body, "top level", map[string]func(ast.Node){
		"settings": func(n ast.Node) { c.Settings = d.settings(n) },
		"vendors":  func(n ast.Node) { vendorsNode = n; c.Vendors = d.vendors(n) },
	})
	if !ok {
		return c
	}
	if len(c.Vendors) > 0 {
		d.checkNotifyVendors(c.Vendors)
	}
	if _, present := byKey["vendors"]; !present {
		d.errorAt(0, 0, "no vendors configured")
	} else if len(c.Vendors) == 0 && len(d.errs) == 0 {
		d.errorf(vendorsNode, "no vendors configured")
	}
	return c
}

func (d *decoder) syntaxError(err error) {
	var line, col int
	msg := err.Error()
	if ye, ok := err.(yaml.Error); ok {
		msg = ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line, col = tk.Position.Line, tk.Position.Column
		}
	}
	d.errorAt(line, col, "invalid YAML: %s", msg)
}

func (d *decoder) settings(n ast.Node) Settings {
	s := Settings{Fetch: switchableDefaults()}
	d.fields(n, "settings", map[string]func(ast.Node){
		"schedule":   func(v ast.Node) { s.Schedule = d.schedule(v) },
		"user_agent": func(v ast.Node) { s.UserAgent = d.line(v, "user_agent") },
		"fetch":      func(v ast.Node) { s.Fetch = d.fetch(v) },
		"browser":    func(v ast.Node) { s.Browser = d.browser(v) },
		"web":        func(v ast.Node) { s.Web = d.web(v) },
		"digest":     func(v ast.Node) { s.Digest = d.digest(v) },
		"notify":     func(v ast.Node) { s.Notify = d.notify(v) },
		"ignore":     func(v ast.Node) { s.Ignore = d.patterns(v, "ignore") },
	})
	return s
}

func (d *decoder) schedule(n ast.Node) time.Duration {
	dur := d.duration(n, "schedule")
	if dur > 0 && dur < minSchedule {
		d.errorf(n, "schedule: %s is too often (at least %s)", dur, minSchedule)
		return 0
	}
	return dur
}

// line reads a string that ends up in a header, a title or a path, where a
// newline or control character would do harm.
func (d *decoder) line(n ast.Node, what string) string {
	s, _ := d.lineOK(n, what)
	return s
}

// lineOK is line that also says whether the value was valid, so that a
// caller does not report a second problem for the same node.
func (d *decoder) lineOK(n ast.Node, what string) (string, bool) {
	s, ok := d.str(n, what)
	if !ok {
		return "", false
	}
	s = strings.TrimSpace(s)
	if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		d.errorf(n, "%s: must be a single line without control characters", what)
		return "", false
	}
	return s, true
}

func (d *decoder) fetch(n ast.Node) Fetch {
	f := switchableDefaults()
	d.fields(n, "fetch", map[string]func(ast.Node){
		"timeout":                 func(v ast.Node) { f.Timeout = d.duration(v, "timeout") },
		"dial_timeout":            func(v ast.Node) { f.DialTimeout = d.duration(v, "dial_timeout") },
		"max_body":                func(v ast.Node) { f.MaxBody = d.size(v, "max_body") },
		"per_host":                func(v ast.Node) { f.PerHost = d.integer(v, "per_host") },
		"host_delay":              func(v ast.Node) { f.HostDelay = d.duration(v, "host_delay") },
		"concurrency":             func(v ast.Node) { f.Concurrency = d.integer(v, "concurrency") },
		"retries":                 func(v ast.Node) { f.Retries = d.integer(v, "retries") },
		"retry_base":              func(v ast.Node) { f.RetryBase = d.duration(v, "retry_base") },
		"max_retry_after":         func(v ast.Node) { f.MaxRetryAfter = d.duration(v, "max_retry_after") },
		"allow_private_redirects": func(v ast.Node) { f.AllowPrivateRedirects = d.boolean(v, "allow_private_redirects") },
		"confirm_delay":           func(v ast.Node) { f.ConfirmDelay = d.duration(v, "confirm_delay") },
		"confirm_checks":          func(v ast.Node) { f.ConfirmChecks = d.integer(v, "confirm_checks") },
		"failure_threshold":       func(v ast.Node) { f.FailureThreshold = d.integer(v, "failure_threshold") },
	})
	return f
}

func (d *decoder) browser(n ast.Node) Browser {
	var b Browser
	d.fields(n, "browser", map[string]func(ast.Node){
		"path": func(v ast.Node) { b.Path = d.line(v, "path") },
		"tabs": func(v ast.Node) { b.Tabs = d.integer(v, "tabs") },
	})
	return b
}

func (d *decoder) web(n ast.Node) Web {
	var w Web
	byKey, _ := d.fields(n, "web", map[string]func(ast.Node){
		"addr": func(v ast.Node) {
			w.Addr = d.line(v, "addr")
			if w.Addr == "" {
				return
			}
			if _, _, err := net.SplitHostPort(w.Addr); err != nil {
				d.errorf(v, "addr: invalid address %q (want host:port, such as 127.0.0.1:8080)", w.Addr)
			}
		},
		"base_url": func(v ast.Node) {
			w.BaseURL = d.line(v, "base_url")
			if w.BaseURL == "" {
				return
			}
			if err := httpURL(w.BaseURL); err != nil {
				d.errorf(v, "base_url: %v", err)
			}
		},
		"token_env":               func(v ast.Node) { w.TokenEnv = d.envName(v, "token_env") },
		"require_token_for_reads": func(v ast.Node) { w.RequireTokenForReads = d.boolean(v, "require_token_for_reads") },
	})
	if w.RequireTokenForReads && w.TokenEnv == "" {
		d.errorf(byKey["require_token_for_reads"].keyN, "require_token_for_reads: needs \"token_env\", the environment variable that holds the access token")
	}
	return w
}

func (d *decoder) digest(n ast.Node) Digest {
	var g Digest
	d.fields(n, "digest", map[string]func(ast.Node){
		"to": func(v ast.Node) {
			list, nodes := d.strList(v, "to")
			for i, s := range list {
				if addr := d.address(nodes[i], "to", s); addr != "" {
					g.To = append(g.To, addr)
				}
			}
		},
		"from": func(v ast.Node) {
			s, _ := d.str(v, "from")
			g.From = d.address(v, "from", s)
		},
		"at": func(v ast.Node) {
			g.At = d.line(v, "at")
			if g.At != "" && !validClock(g.At) {
				d.errorf(v, "at: invalid time %q (want HH:MM, 24-hour, such as \"08:00\")", g.At)
			}
		},
		"timezone": func(v ast.Node) {
			g.Timezone = d.line(v, "timezone")
			if g.Timezone == "" {
				return
			}
			if _, err := time.LoadLocation(g.Timezone); err != nil {
				d.errorf(v, "timezone: unknown time zone %q (want an IANA name such as \"Europe/Madrid\")", g.Timezone)
			}
		},
		"send_empty": func(v ast.Node) { g.SendEmpty = d.boolean(v, "send_empty") },
		"smtp":       func(v ast.Node) { g.SMTP = d.smtp(v) },
	})
	return g
}

func (d *decoder) address(n ast.Node, what, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if _, err := mail.ParseAddress(s); err != nil {
		d.errorf(n, "%s: invalid e-mail address %q", what, s)
		return ""
	}
	return s
}

// validClock reports whether s is "HH:MM" on a 24-hour clock.
func validClock(s string) bool {
	if len(s) != 5 || s[2] != ':' {
		return false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	return h < 24 && m < 60
}

func (d *decoder) smtp(n ast.Node) SMTP {
	var m SMTP
	d.fields(n, "smtp", map[string]func(ast.Node){
		"host":     func(v ast.Node) { m.Host = d.line(v, "host") },
		"username": func(v ast.Node) { m.Username = d.line(v, "username") },
		"port": func(v ast.Node) {
			m.Port = d.integer(v, "port")
			if m.Port > 65535 {
				d.errorf(v, "port: %d is not a TCP port", m.Port)
				m.Port = 0
			}
		},
		"password_env": func(v ast.Node) { m.PasswordEnv = d.envName(v, "password_env") },
		// A password in a file that is often committed is a leak waiting to
		// happen: refuse it and say where it goes instead.
		"password": func(v ast.Node) {
			d.errorf(v, "password: secrets do not belong in vendors.yaml; put it in an environment variable and name that in \"password_env\"")
		},
		"tls": func(v ast.Node) {
			m.TLS = strings.ToLower(d.line(v, "tls"))
			switch m.TLS {
			case "", TLSStartTLS, TLSImplicit, TLSNone:
			default:
				d.errorf(v, "tls: invalid value %q (want starttls, tls or none)", m.TLS)
				m.TLS = ""
			}
		},
	})
	return m
}

// envName reads the name of an environment variable.
func (d *decoder) envName(n ast.Node, what string) string {
	s := d.line(n, what)
	for i, r := range s {
		if r == '_' || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (i > 0 && r >= '0' && r <= '9') {
			continue
		}
		d.errorf(n, "%s: %q is not an environment variable name", what, s)
		return ""
	}
	return s
}
