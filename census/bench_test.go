package census

import (
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/workingtogether/safeguarding/census/internal/synth"
)

// TestSynth runs a small synthetic file through the reader and the auditor
// in the normal test run, so that the benchmark's input stays readable.
func TestSynth(t *testing.T) {
	var a, b bytes.Buffer
	if err := synth.Write(&a, 2000, 7); err != nil {
		t.Fatal(err)
	}
	if err := synth.Write(&b, 2000, 7); err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(a.Bytes()) != sha256.Sum256(b.Bytes()) {
		t.Fatal("synth.Write is not deterministic for a seed")
	}
	rep, err := Audit(&a, Config{})
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Figures
	if f.Children != 2000 || f.Assessments.Completed == 0 || f.Conferences.Held == 0 || f.Reviews.Plans == 0 {
		t.Errorf("synthetic figures look empty: %+v", f)
	}
	for _, c := range rep.Children {
		if len(c.Warnings) > 0 {
			t.Fatalf("%s: warnings on synthetic data: %v", c.LAchildID, c.Warnings)
		}
	}
}

// synthFile writes a synthetic file of n children to a temporary file and
// returns its path and size.
func synthFile(b *testing.B, n int) (string, int64) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "census.xml")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := synth.Write(f, n, 1); err != nil {
		b.Fatal(err)
	}
	size, _ := f.Seek(0, io.SeekCurrent)
	return path, size
}

// BenchmarkAudit100k reads and judges a synthetic file of 100,000 children
// one child at a time, as a host would, and reports children per second and
// the largest heap in use seen during the run (sampled every 5,000
// children). It runs only under -bench.
func BenchmarkAudit100k(b *testing.B) { benchmarkCensus(b, true) }

// BenchmarkRead100k is BenchmarkAudit100k without the judging: the cost of
// reading the XML alone.
func BenchmarkRead100k(b *testing.B) { benchmarkCensus(b, false) }

func benchmarkCensus(b *testing.B, judge bool) {
	const n = 100_000
	path, size := synthFile(b, n)
	b.SetBytes(size)
	runtime.GC()
	var ms runtime.MemStats
	var peak uint64
	b.ResetTimer()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r := NewReader(f)
		h, err := r.Header()
		if err != nil {
			b.Fatal(err)
		}
		a := NewAuditor(h, Config{})
		count := 0
		for c, err := range r.All() {
			if err != nil {
				b.Fatal(err)
			}
			if judge {
				a.Audit(c)
			}
			if count++; count%5000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
		if count != n || judge && a.Figures().Children != n {
			b.Fatalf("read %d children, want %d", count, n)
		}
		f.Close()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "children/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
