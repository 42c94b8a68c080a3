package config

import (
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/toswatch/toswatch/internal/model"
)

// Notification target types.
const (
	NotifyWebhook = "webhook" // a signed JSON POST
	NotifySlack   = "slack"   // a Slack incoming-webhook message
)

// NotifyTarget is where `run` and `check` send each recorded change. The
// URL and the signing secret are never in the file: URLEnv and SecretEnv
// name the environment variables that hold them.
type NotifyTarget struct {
	Type        string // NotifyWebhook or NotifySlack
	URLEnv      string
	SecretEnv   string // webhook: the HMAC-SHA256 key of the signature
	MinSeverity string // model.SeverityHigh, Medium or Low (the default: every change)
	Vendors     []string
}

// Name identifies a target in the outbox, logs and metrics without
// giving its URL away: "webhook:HOOK_URL".
func (t NotifyTarget) Name() string { return t.Type + ":" + t.URLEnv }

// notifyVendor is a vendor a target names, checked once every vendor is read.
type notifyVendor struct {
	name string
	node ast.Node
}

func (d *decoder) notify(n ast.Node) []NotifyTarget {
	items := d.list(n, "notify: expected a list of targets")
	seen := firstSeen{}
	var out []NotifyTarget
	for _, item := range items {
		t := NotifyTarget{MinSeverity: model.SeverityLow}
		var typeNode ast.Node
		byKey, isMap := d.fields(item, "notify target", map[string]func(ast.Node){
			"type": func(v ast.Node) {
				typeNode = v
				t.Type = strings.ToLower(d.line(v, "type"))
				if t.Type != NotifyWebhook && t.Type != NotifySlack {
					d.errorf(v, "type: invalid value %q (want webhook or slack)", t.Type)
					t.Type = ""
				}
			},
			"url_env":    func(v ast.Node) { t.URLEnv = d.envName(v, "url_env") },
			"secret_env": func(v ast.Node) { t.SecretEnv = d.envName(v, "secret_env") },
			"min_severity": func(v ast.Node) {
				t.MinSeverity = strings.ToLower(d.line(v, "min_severity"))
				if model.SeverityRank(t.MinSeverity) == 0 {
					d.errorf(v, "min_severity: invalid value %q (want high, medium or low)", t.MinSeverity)
					t.MinSeverity = model.SeverityLow
				}
			},
			"vendors": func(v ast.Node) {
				names, nodes := d.strList(v, "vendors")
				for i, name := range names {
					t.Vendors = append(t.Vendors, strings.TrimSpace(name))
					d.notifyVendors = append(d.notifyVendors, notifyVendor{strings.TrimSpace(name), nodes[i]})
				}
			},
			// A webhook URL is a secret (whoever has it can post): refuse it
			// in a file that is often committed, and say where it goes.
			"url": func(v ast.Node) {
				d.errorf(v, "url: a webhook URL is a secret and does not belong in vendors.yaml; put it in an environment variable and name that in \"url_env\"")
			},
			"secret": func(v ast.Node) {
				d.errorf(v, "secret: secrets do not belong in vendors.yaml; put it in an environment variable and name that in \"secret_env\"")
			},
		})
		if !isMap {
			continue
		}
		ok := true
		if _, present := byKey["type"]; !present {
			d.errorf(item, "notify target: missing \"type\" (webhook or slack)")
			ok = false
		}
		if _, present := byKey["url_env"]; !present {
			d.errorf(item, "notify target: missing \"url_env\", the environment variable that holds the URL")
			ok = false
		}
		if t.Type == NotifyWebhook && t.SecretEnv == "" {
			if _, present := byKey["secret_env"]; !present {
				d.errorf(item, "notify target: a webhook needs \"secret_env\", the environment variable that holds the key its requests are signed with")
			}
			ok = false
		}
		if t.Type == NotifySlack && t.SecretEnv != "" {
			d.errorf(byKey["secret_env"].keyN, "secret_env: Slack messages are not signed; remove it")
			ok = false
		}
		if !ok || t.Type == "" || t.URLEnv == "" {
			continue
		}
		if d.duplicate(seen, typeNode, "notify target", t.Name()) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// checkNotifyVendors reports the vendors a notify target names that are
// not configured.
func (d *decoder) checkNotifyVendors(vendors []model.Vendor) {
	known := map[string]bool{}
	names := make([]string, 0, len(vendors))
	for _, v := range vendors {
		known[strings.ToLower(v.Name)] = true
		names = append(names, v.Name)
	}
	for _, nv := range d.notifyVendors {
		if !known[strings.ToLower(nv.name)] {
			d.errorf(nv.node, "vendors: unknown vendor %q (known vendors: %s)", nv.name, strings.Join(names, ", "))
		}
	}
}
