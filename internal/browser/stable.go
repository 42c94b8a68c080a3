package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/toswatch/toswatch/internal/model"
)

// A page that fills its terms by script may show "Loading…" first, or the
// terms a section at a time: the text counts as rendered once it has
// stayed the same for stableFor and has at least minStableText characters.
const (
	stableFor     = 500 * time.Millisecond
	minStableText = 100
)

// textState is a JavaScript function of a list of CSS selectors that
// returns the length and a hash of the text they select (the whole body's
// without selectors), so that polling does not copy the page each time.
const textState = `(sels => {
	let t = "";
	if (sels.length === 0) t = document.body ? document.body.innerText || "" : "";
	else for (const s of sels) { try { for (const el of document.querySelectorAll(s)) t += (el.innerText || el.textContent || "") + "\n"; } catch (e) {} }
	t = t.trim();
	let h = 0;
	for (let i = 0; i < t.length; i++) h = (h * 31 + t.charCodeAt(i)) | 0;
	return [t.length, h];
})`

// waitStable polls the selected text until it has not changed for
// stableFor and is long enough, up to deadline. A text still changing at
// the deadline is taken as it is when it is long enough (a ticking clock
// on a page should not fail it); a text still too short is too_short.
func (b *Browser) waitStable(ctx context.Context, deadline time.Time, url string, sels []string) error {
	if sels == nil {
		sels = []string{}
	}
	arg, err := json.Marshal(sels)
	if err != nil {
		return err
	}
	expr := textState + "(" + string(arg) + ")"
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	var last [2]int
	since := time.Now()
	for {
		st, err := chromedp.Run(ctx, chromedp.Evaluate[[2]int](expr))
		if err != nil {
			return &Error{Kind: model.FailureNetwork, URL: url, Err: fmt.Errorf("read the rendered text: %w", err)}
		}
		now := time.Now()
		if st != last {
			last, since = st, now
		}
		switch {
		case last[0] >= minStableText && now.Sub(since) >= stableFor:
			return nil
		case !now.Before(deadline) && last[0] >= minStableText:
			b.opts.Log.Warn("rendered text still changing at the timeout: taken as it is",
				slog.String("url", url), slog.Int("characters", last[0]))
			return nil
		case !now.Before(deadline):
			return &Error{Kind: model.FailureTooShort, URL: url,
				Err: fmt.Errorf("the rendered text has %d characters after %s (minimum %d): still loading?", last[0], b.opts.Timeout, minStableText)}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}
