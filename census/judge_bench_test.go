package census

import (
	"bytes"
	"testing"

	"github.com/workingtogether/safeguarding/census/internal/synth"
)

// judgeInput reads a synthetic file of n children into memory, so that the
// judging benchmarks time judging only.
func judgeInput(b *testing.B, n int) (Header, []Child) {
	b.Helper()
	var buf bytes.Buffer
	if err := synth.Write(&buf, n, 1); err != nil {
		b.Fatal(err)
	}
	f, err := ReadAll(&buf)
	if err != nil {
		b.Fatal(err)
	}
	return f.Header, f.Children
}

// BenchmarkJudge times Auditor.Audit (the DfE's rules, the library's
// checks, the pathway cases and the figures) over 10,000 synthetic
// children; BenchmarkJudgeDfE times the DfE's rules alone on the same
// children, and BenchmarkJudgeTally the figures alone.
func BenchmarkJudge(b *testing.B) {
	h, children := judgeInput(b, 10000)
	b.ReportAllocs()
	for b.Loop() {
		a := NewAuditor(h, Config{})
		for _, c := range children {
			a.Audit(c)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(children)), "ns/child")
}

// BenchmarkJudgeInto times Auditor.AuditInto as a pipeline that recycles
// its batches of 64 reports uses it, on the children of BenchmarkJudge.
func BenchmarkJudgeInto(b *testing.B) {
	h, children := judgeInput(b, 10000)
	reports := make([]ChildReport, 64)
	b.ReportAllocs()
	for b.Loop() {
		a := NewAuditor(h, Config{})
		for i := range children {
			a.AuditInto(&reports[i%len(reports)], &children[i])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(children)), "ns/child")
}

func BenchmarkJudgeDfE(b *testing.B) {
	h, children := judgeInput(b, 10000)
	a := NewAuditor(h, Config{})
	b.ReportAllocs()
	for b.Loop() {
		for i := range children {
			a.buf = checkChild(a.cal, a.per, &a.run, &children[i], a.buf[:0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(children)), "ns/child")
}

func BenchmarkJudgeTally(b *testing.B) {
	h, children := judgeInput(b, 10000)
	a := NewAuditor(h, Config{})
	fs := make([][]Finding, len(children))
	for i := range children {
		fs[i] = checkChild(a.cal, a.per, nil, &children[i], nil)
	}
	var rej rejections
	b.ReportAllocs()
	for b.Loop() {
		t := newTally(h, a.cal, a.tally.bounds)
		for i := range children {
			rej.collect(fs[i])
			t.add(&children[i], rej)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(children)), "ns/child")
}
