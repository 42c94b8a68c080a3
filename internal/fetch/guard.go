package fetch

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// ErrNonPublicAddress matches the error of a connection refused because
// it would reach a loopback, private, link-local or reserved address.
var ErrNonPublicAddress = errors.New("non-public address")

// privateAddrError is returned by the strict dialer when a connection would
// reach a loopback, private or link-local address.
type privateAddrError struct{ addr string }

func (e *privateAddrError) Error() string { return "non-public address " + e.addr }

// Is makes errors.Is(err, ErrNonPublicAddress) match.
func (e *privateAddrError) Is(target error) bool { return target == ErrNonPublicAddress }

// Dialer returns how the connections of a fetch that starts at start are
// made: refusing every non-public address (checked on the address being
// connected to, after DNS resolution) unless start is not public itself
// or AllowPrivateRedirects is set, as for intranets. The browser's
// connections are dialled with it too, so that it reaches no address a
// fetch could not.
func (c *Client) Dialer(ctx context.Context, start *url.URL) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return c.dialer(c.strictFor(ctx, start)).DialContext
}

func (c *Client) dialer(strict bool) *net.Dialer {
	d := &net.Dialer{Timeout: c.opts.DialTimeout, KeepAlive: 30 * time.Second}
	if strict {
		d.Control = c.strictControl
	}
	return d
}

// strictFor reports whether a fetch that starts at start may reach public
// addresses only.
func (c *Client) strictFor(ctx context.Context, start *url.URL) bool {
	return !c.opts.AllowPrivateRedirects && c.startsPublic(ctx, start)
}

// nonPublic lists the ranges that a fetch which started on the public
// Internet may not be redirected into: loopback, RFC 1918 and ULA, link-local
// (the 169.254.169.254 cloud metadata service), carrier-grade NAT and the
// reserved blocks.
var nonPublic = mustPrefixes(
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
	"169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16",
	"198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
	"::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
)

func mustPrefixes(ss ...string) []netip.Prefix {
	ps := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		ps[i] = netip.MustParsePrefix(s)
	}
	return ps
}

// nat64 embeds an IPv4 address in its last 32 bits.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// IsPublicAddr reports whether ip is an address on the public Internet,
// as opposed to loopback, private, link-local or reserved space. IPv4
// addresses mapped into IPv6 (and NAT64) are judged by their IPv4 part.
func IsPublicAddr(ip netip.Addr) bool {
	if !ip.IsValid() {
		return false
	}
	ip = ip.Unmap()
	if nat64.Contains(ip) {
		b := ip.As16()
		ip = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	for _, p := range nonPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// strictControl is the net.Dialer Control hook of the strict transport. It
// runs after DNS resolution, on the very address being connected to, so a
// name that resolves to a public address at redirect time and a private one
// at dial time (DNS rebinding) is still caught.
func (c *Client) strictControl(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || !c.isPublic(ap.Addr()) {
		return &privateAddrError{addr: ap.Addr().String()}
	}
	return nil
}

// startsPublic reports whether the host of u is on the public Internet. A
// fetch that starts there uses the strict transport; one that starts on an
// intranet or loopback address (the operator chose it) may stay there.
// An unresolvable name counts as public: the dial fails anyway.
func (c *Client) startsPublic(ctx context.Context, u *url.URL) bool {
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		return c.isPublic(ip)
	}
	ctx, cancel := context.WithTimeout(ctx, c.opts.DialTimeout)
	defer cancel()
	ips, err := c.resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return true
	}
	for _, ip := range ips {
		if !c.isPublic(ip) {
			return false
		}
	}
	return true
}

// loginSegments are path segments that mark a sign-in page.
var loginSegments = map[string]bool{
	"login": true, "log-in": true, "logon": true, "signin": true,
	"sign-in": true, "sign_in": true, "auth": true, "oauth": true,
	"oauth2": true, "sso": true, "saml": true, "servicelogin": true,
	"authorize": true, "session": true, "sessions": true,
}

// loginHosts are host name prefixes of identity providers.
var loginHosts = []string{"accounts.", "login.", "signin.", "sso.", "auth."}

// IsLoginURL reports whether rawURL looks like a sign-in page: a path
// segment such as /login, /signin, /sign-in, /auth or /sso, or a host such as
// accounts.example.com or login.example.com.
func IsLoginURL(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, p := range loginHosts {
		if strings.HasPrefix(host, p) {
			return true
		}
	}
	for seg := range strings.SplitSeq(strings.ToLower(u.Path), "/") {
		if loginSegments[seg] {
			return true
		}
	}
	return false
}
