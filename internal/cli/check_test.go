package cli

import (
	"bytes"
	"testing"

	"github.com/toswatch/toswatch/internal/model"
	"github.com/toswatch/toswatch/internal/tracker"
)

// TestPrintResult: a check's line says its outcome once; an unconfirmed
// check's error starts with its kind, which is the outcome itself.
func TestPrintResult(t *testing.T) {
	v := int64(3)
	msg := func(s string) *string { return &s }
	for _, tc := range []struct {
		r    tracker.Result
		want string
	}{
		{tracker.Result{Vendor: "Acme", Document: "Terms", Status: model.OutcomeUnconfirmed, Version: &v,
			Error: msg("unconfirmed: the text changed drastically (most paragraphs gone)"), Failure: model.FailureUnconfirmed},
			"[1/2] Acme / Terms: unconfirmed (version 3): the text changed drastically (most paragraphs gone)\n"},
		{tracker.Result{Vendor: "Acme", Document: "Terms", Status: model.OutcomeFailed, Version: &v,
			Error: msg("http_status: 404 Not Found from http://127.0.0.1/terms"), Failure: model.FailureHTTPStatus},
			"[1/2] Acme / Terms: failed: http_status: 404 Not Found from http://127.0.0.1/terms\n"},
	} {
		var b bytes.Buffer
		printResult(&b, 1, 2, tc.r)
		if got := b.String(); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
	}
}
