package bench

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"
)

// The table is printed a row at a time, as rounds finish, so it is aligned
// by fixed widths rather than by a tabwriter over the whole table.
const rowFormat = "%-11s %8s %8s %8s %9s %9s %9s %9s %6s %7s %6s %8s\n"

func printHeader(w io.Writer, rep Report) {
	pages := "realistic"
	if rep.Dense {
		pages = "dense"
	}
	delay := "none"
	if rep.Fetch.HostDelay > 0 {
		delay = rep.Fetch.HostDelay.String()
	}
	fmt.Fprintf(w, "toswatch bench: %d %s documents on %d loopback hosts, %d workers; per host %d requests at once and %s between starts, %d at once overall\n\n",
		rep.Docs, pages, rep.Hosts, rep.Workers, rep.Fetch.PerHost, delay, rep.Fetch.Concurrency)
	fmt.Fprintf(w, rowFormat, "round", "wall", "bound", "cpu", "peak rss", "versions", "expected", "requests", "304s", "failed", "host≤", "gap≥")
}

func printRound(w io.Writer, docs int, r Round) {
	fmt.Fprintf(w, rowFormat, r.Name, seconds(r.Wall), seconds(r.Bound), seconds(r.CPU), mb(r.PeakRSS),
		fmt.Sprint(r.Versions), fmt.Sprint(r.Expected), fmt.Sprint(r.Requests), fmt.Sprint(r.NotModified),
		fmt.Sprint(r.Failed), fmt.Sprint(r.MaxPerHost), r.MinGap.Round(time.Millisecond).String())
	fmt.Fprintf(w, "BENCH round=%s docs=%d wall_ms=%d bound_ms=%d cpu_ms=%d peak_rss_mb=%.1f versions=%d expected=%d requests=%d not_modified=%d noisy=%d failed=%d max_per_host=%d min_gap_ms=%.1f render_ms=%d\n",
		r.Name, docs, r.Wall.Milliseconds(), r.Bound.Milliseconds(), r.CPU.Milliseconds(), float64(r.PeakRSS)/(1<<20), r.Versions, r.Expected,
		r.Requests, r.NotModified, r.Noisy, r.Failed, r.MaxPerHost, float64(r.MinGap)/float64(time.Millisecond), r.Render.Milliseconds())
}

func printSummary(w io.Writer, rep Report) {
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "database\t%s\t(%s on disk with the WAL)\n", mb(rep.DBBytes), mb(rep.DBFileBytes))
	fmt.Fprintf(tw, "gzip of its content\t%s\t(%d distinct texts %s + %d raw bodies %s)\n", mb(rep.CompressedBytes),
		rep.DistinctTexts, mb(rep.TextGzip), rep.RawBodies, mb(rep.RawGzip))
	fmt.Fprintf(tw, "ratio\t%.2f\n", rep.Ratio())
	fmt.Fprintf(tw, "diff.Compute\t%.2f ms\t(two texts of %d KB, median of %d)\n", rep.DiffMS, rep.TextBytes>>10, microRuns)
	fmt.Fprintf(tw, "clause.Analyze\t%.2f ms\t(one text of %d KB, median of %d)\n", rep.AnalyzeMS, rep.TextBytes>>10, microRuns)
	fmt.Fprintf(tw, "clause.Compare\t%.2f ms\t(two texts of %d KB, median of %d)\n", rep.CompareMS, rep.TextBytes>>10, microRuns)
	fmt.Fprintf(tw, "max per host\t%d\t(requests in flight to one host, logged by the client)\n", rep.MaxPerHost)
	fmt.Fprintf(tw, "min gap\t%s\t(between two request starts to one host, logged by the client)\n", rep.MinGap.Round(time.Microsecond))
	fmt.Fprintf(tw, "total\t%s\n", seconds(rep.Wall))
	tw.Flush()
	fmt.Fprintf(w, "BENCH summary docs=%d hosts=%d workers=%d dense=%t host_delay_ms=%d db_bytes=%d db_file_bytes=%d compressed_bytes=%d text_gzip_bytes=%d raw_gzip_bytes=%d ratio=%.3f diff_ms=%.2f analyze_ms=%.2f compare_ms=%.2f text_bytes=%d max_per_host=%d min_gap_ms=%.1f total_ms=%d\n",
		rep.Docs, rep.Hosts, rep.Workers, rep.Dense, rep.Fetch.HostDelay.Milliseconds(), rep.DBBytes, rep.DBFileBytes, rep.CompressedBytes, rep.TextGzip, rep.RawGzip,
		rep.Ratio(), rep.DiffMS, rep.AnalyzeMS, rep.CompareMS, rep.TextBytes, rep.MaxPerHost, float64(rep.MinGap)/float64(time.Millisecond), rep.Wall.Milliseconds())
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
