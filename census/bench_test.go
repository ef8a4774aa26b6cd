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

// nationalChildren is the size of England's children-in-need census: about
// 650,000 children in a year.
const nationalChildren = 650_000

// synthFile writes a synthetic file of n children to a temporary file and
// returns its path and size. When CENSUS_NATIONAL names a file, that file
// is used instead: it must be the generator's output for n children and
// seed 1 (go run ./census/internal/synth/gen -n 650000), which takes a
// minute to write.
func synthFile(b *testing.B, n int) (string, int64) {
	b.Helper()
	if path := os.Getenv("CENSUS_NATIONAL"); path != "" {
		fi, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		return path, fi.Size()
	}
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

// BenchmarkAuditNational reads, checks and sums a synthetic national file
// (650,000 children, the generator's mix) from disk, as wt census does, by
// these paths on the same bytes:
//
//   - pipeline: NewPipeline with one worker per CPU, reading and judging
//     in parallel;
//   - serial: the scanner Reader and one Auditor on this goroutine;
//   - encoding-xml: the encoding/xml reader this package had before the
//     scanner (oracle_test.go) and one Auditor, the peer;
//   - read/scanner and read/encoding-xml: the reading alone.
//
// It reports children per second, the largest heap in use sampled every
// 50,000 children, and the GOMAXPROCS the pass ran under (procs). It runs
// only under -bench, and takes minutes; run it with -benchtime 1x -benchmem,
// and see synthFile for CENSUS_NATIONAL.
//
// To see one core beside two, run -cpu 1 and -cpu 2 as two go test runs,
// not -cpu 1,2: with -benchtime 1x, go test (1.26) keeps for the first
// -cpu value the pass it made to discover the sub-benchmark, under the
// GOMAXPROCS the last value had set, so that the line named for one core
// measured two, and the procs metric says so.
func BenchmarkAuditNational(b *testing.B) {
	path, size := synthFile(b, nationalChildren)
	open := func(b *testing.B) *os.File {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		return f
	}
	serial := func(newReader func(io.Reader) childReader, judge bool) func(b *testing.B) {
		return func(b *testing.B) {
			measure(b, size, func(sample func(int)) int {
				f := open(b)
				defer f.Close()
				r := newReader(f)
				h, err := r.Header()
				if err != nil {
					b.Fatal(err)
				}
				a := NewAuditor(h, Config{})
				n := eachChild(b, r, func(c Child, n int) {
					if judge {
						a.Audit(c)
					}
					sample(n)
				})
				if judge && a.Figures().Children != n {
					b.Fatalf("figures count %d children, read %d", a.Figures().Children, n)
				}
				return n
			})
		}
	}
	scannerReader := func(r io.Reader) childReader { return NewReader(r) }
	oracle := func(r io.Reader) childReader { return newOracleReader(r) }
	b.Run("pipeline", func(b *testing.B) {
		measure(b, size, func(sample func(int)) int {
			f := open(b)
			defer f.Close()
			p := NewPipeline(f, Config{}, 0)
			n := 0
			for _, err := range p.Reports() {
				if err != nil {
					b.Fatal(err)
				}
				n++
				sample(n)
			}
			if p.Figures().Children != n {
				b.Fatalf("figures count %d children, read %d", p.Figures().Children, n)
			}
			return n
		})
	})
	// rendered is the path of a host that writes the findings out, as
	// `wt census` does: each finding's path and message, rendered on the
	// workers.
	b.Run("rendered", func(b *testing.B) {
		render := func() Render {
			return func(out []byte, rep *ChildReport) ([]byte, error) {
				for i := range rep.Findings {
					f := &rep.Findings[i]
					out = f.AppendMessage(append(f.AppendPath(append(append(out, rep.LAchildID...), ' ')), ": "...))
					out = append(out, '\n')
				}
				return out, nil
			}
		}
		measure(b, size, func(sample func(int)) int {
			f := open(b)
			defer f.Close()
			p := NewPipeline(f, Config{}, 0)
			n, size := 0, 0
			for out, err := range p.Rendered(render) {
				if err != nil {
					b.Fatal(err)
				}
				n++
				size += len(out)
				sample(n)
			}
			if p.Figures().Children != n || size == 0 {
				b.Fatalf("figures count %d children, read %d, rendered %d bytes", p.Figures().Children, n, size)
			}
			return n
		})
	})
	b.Run("serial", serial(scannerReader, true))
	b.Run("encoding-xml", serial(oracle, true))
	b.Run("read/scanner", serial(scannerReader, false))
	b.Run("read/encoding-xml", serial(oracle, false))
}

// eachChild reads r's children to the end, calling f with each and how
// many have been read with it, and returns how many there were.
func eachChild(b *testing.B, r childReader, f func(c Child, n int)) int {
	for n := 0; ; {
		c, err := r.Next()
		if err == io.EOF {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
		f(c, n)
	}
}

// measure runs one pass of the file per iteration; pass calls sample after
// each child and returns how many it read.
func measure(b *testing.B, size int64, pass func(sample func(int)) int) {
	b.SetBytes(size)
	b.ReportAllocs()
	runtime.GC()
	var ms runtime.MemStats
	var peak uint64
	procs := runtime.GOMAXPROCS(0)
	sample := func(n int) {
		if n%50_000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if n := pass(sample); n != nationalChildren {
			b.Fatalf("read %d children, want %d", n, nationalChildren)
		}
	}
	b.ReportMetric(float64(nationalChildren)*float64(b.N)/b.Elapsed().Seconds(), "children/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(procs), "procs")
}

// BenchmarkRead times the reader alone on 50,000 synthetic children held in
// memory, beside the encoding/xml reader on the same bytes: the quick
// measure of the scanner's speed, where BenchmarkAuditNational takes
// minutes.
func BenchmarkRead(b *testing.B) {
	var buf bytes.Buffer
	if err := synth.Write(&buf, 50_000, 1); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	for _, peer := range []struct {
		name string
		open func(io.Reader) childReader
	}{
		{"scanner", func(r io.Reader) childReader { return NewReader(r) }},
		{"encoding-xml", func(r io.Reader) childReader { return newOracleReader(r) }},
	} {
		b.Run(peer.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				r := peer.open(bytes.NewReader(data))
				if _, err := r.Header(); err != nil {
					b.Fatal(err)
				}
				if n := eachChild(b, r, func(Child, int) {}); n != 50_000 {
					b.Fatalf("read %d children", n)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*50_000), "ns/child")
		})
	}
}

// BenchmarkReadSmall judges one small file at a time, as a host judging a
// child's file on each request would: the same bytes from a bytes.Reader,
// whose length sizes the reader's buffer, beside a reader that hides its
// length and so gets the 256 KB buffer a large file gets.
func BenchmarkReadSmall(b *testing.B) {
	data, err := os.ReadFile("testdata/figures-2024.xml")
	if err != nil {
		b.Fatal(err)
	}
	for _, peer := range []struct {
		name string
		open func([]byte) io.Reader
	}{
		{"sized", func(d []byte) io.Reader { return bytes.NewReader(d) }},
		{"unsized", func(d []byte) io.Reader { return struct{ io.Reader }{bytes.NewReader(d)} }},
	} {
		b.Run(peer.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				rep, err := Audit(peer.open(data), Config{})
				if err != nil {
					b.Fatal(err)
				}
				if len(rep.Children) == 0 {
					b.Fatal("no children")
				}
			}
		})
	}
}
