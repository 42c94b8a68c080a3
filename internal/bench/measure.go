package bench

import (
	"bufio"
	"bytes"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"
)

// cpuTime returns the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS starts a new peak-RSS window: writing "5" to clear_refs
// resets VmHWM to the current RSS (Linux 4.0+). It reports whether the
// kernel allowed it; when not, peakRSS falls back to the lifetime maxrss.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// peakRSS returns the peak resident set size in bytes since the last
// reset: VmHWM from /proc/self/status, else getrusage's maxrss.
func peakRSS() int64 {
	if data, err := os.ReadFile("/proc/self/status"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			line := sc.Bytes()
			if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
				f := bytes.Fields(rest)
				if len(f) > 0 {
					if kb, err := strconv.ParseInt(string(f[0]), 10, 64); err == nil {
						return kb << 10
					}
				}
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss << 10 // kilobytes on Linux
}

// Cost is what one call of a function took: wall time, the process's CPU
// time (a better figure than wall time on a loaded machine), and the peak
// of the heap above its size after a collection just before the call. The
// peak counts garbage not yet collected too: it bounds the live heap from
// above.
type Cost struct {
	Wall, CPU time.Duration
	PeakHeap  uint64 // bytes
}

// heapObjects is the runtime/metrics name of the bytes of heap objects,
// live or not yet collected.
const heapObjects = "/memory/classes/heap/objects:bytes"

// Measure calls f and returns its Cost, sampling the heap every 100 µs.
func Measure(f func()) Cost {
	sample := []metrics.Sample{{Name: heapObjects}}
	runtime.GC()
	metrics.Read(sample)
	idle := sample[0].Value.Uint64()
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		s := []metrics.Sample{{Name: heapObjects}}
		t := time.NewTicker(100 * time.Microsecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	cpu, start := cpuTime(), time.Now()
	f()
	c := Cost{Wall: time.Since(start), CPU: cpuTime() - cpu}
	close(stop)
	<-done
	if p := peak.Load(); p > idle {
		c.PeakHeap = p - idle
	}
	return c
}

// ReportCosts adds the worst of costs to a benchmark's results as cpu-s/op,
// wall-s/op and peak-heap-MB.
func ReportCosts(b interface{ ReportMetric(float64, string) }, costs []Cost) {
	var worst Cost
	for _, c := range costs {
		worst.Wall, worst.CPU, worst.PeakHeap = max(worst.Wall, c.Wall), max(worst.CPU, c.CPU), max(worst.PeakHeap, c.PeakHeap)
	}
	b.ReportMetric(worst.Wall.Seconds(), "wall-s/op")
	b.ReportMetric(worst.CPU.Seconds(), "cpu-s/op")
	b.ReportMetric(float64(worst.PeakHeap)/(1<<20), "peak-heap-MB")
}
