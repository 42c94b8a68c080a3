// Package metrics exposes toswatch's operational metrics in the Prometheus
// text format: checks by outcome, fetch durations, versions recorded, and
// the last successful check of each document.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/toswatch/toswatch/internal/model"
)

// Metrics is one registry of toswatch metrics.
type Metrics struct {
	reg         *prometheus.Registry
	checks      *prometheus.CounterVec
	duration    prometheus.Histogram
	versions    *prometheus.CounterVec
	lastSuccess *prometheus.GaugeVec
	failing     *prometheus.GaugeVec
	notifyFail  *prometheus.CounterVec
}

// New returns a registry with toswatch's metrics and the Go runtime's.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		checks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "toswatch_checks_total",
			Help: "Document checks by outcome (new, changed, unchanged, technical, unconfirmed, failed).",
		}, []string{"outcome"}),
		duration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "toswatch_check_duration_seconds",
			Help:    "Duration of a document check: fetch, extraction and storage.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}),
		versions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "toswatch_versions_recorded_total",
			Help: "Versions recorded, by kind (first, change, technical).",
		}, []string{"kind"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "toswatch_last_success_timestamp_seconds",
			Help: "Unix time of the last successful check of each document.",
		}, []string{"vendor", "document"}),
		failing: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "toswatch_document_failing",
			Help: "1 when the last check of a document failed, else 0.",
		}, []string{"vendor", "document"}),
		notifyFail: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "toswatch_notify_failures_total",
			Help: "Failed notification attempts, by target (settings.notify: type:url_env).",
		}, []string{"target"}),
	}
	m.reg.MustRegister(m.checks, m.duration, m.versions, m.lastSuccess, m.failing, m.notifyFail,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Check records one check's outcome. kind is the kind of version it
// recorded ("" for none).
func (m *Metrics) Check(vendor, document string, outcome model.Outcome, kind string, d time.Duration, at time.Time) {
	m.checks.WithLabelValues(string(outcome)).Inc()
	m.duration.Observe(d.Seconds())
	if kind != "" {
		m.versions.WithLabelValues(kind).Inc()
	}
	if outcome.Failed() {
		m.failing.WithLabelValues(vendor, document).Set(1)
		return
	}
	m.failing.WithLabelValues(vendor, document).Set(0)
	m.lastSuccess.WithLabelValues(vendor, document).Set(float64(at.Unix()))
}

// NotifyFailed counts a failed attempt to notify a target.
func (m *Metrics) NotifyFailed(target string) {
	m.notifyFail.WithLabelValues(target).Inc()
}

// Handler serves the metrics.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
