package caseload_test

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// generated returns n cases as JSON Lines and their events: a child
// protection route of up to 12 events, shifted by i days and cut short at
// varying points, as an export of a whole service would hold.
func generated(n int) ([]byte, int) {
	route := []struct {
		day  int
		text string
	}{
		{0, `{"type":"referral-received","date":"%s"}`},
		{1, `{"type":"referral-decision","date":"%s","decision":"section-17-assessment"}`},
		{2, `{"type":"assessment-started","date":"%s"}`},
		{30, `{"type":"strategy-discussion","date":"%s","outcome":"section-47"}`},
		{44, `{"type":"section-47-concluded","date":"%s","outcome":"substantiated"}`},
		{48, `{"type":"initial-conference","date":"%s","outcome":"plan","category":"neglect"}`},
		{55, `{"type":"core-group-met","date":"%s"}`},
		{90, `{"type":"core-group-met","date":"%s"}`},
		{130, `{"type":"review-conference","date":"%s","outcome":"continue"}`},
		{200, `{"type":"core-group-met","date":"%s"}`},
		{300, `{"type":"review-conference","date":"%s","outcome":"end","reason":"family moved twice"}`},
		{320, `{"type":"case-closed","date":"%s"}`},
	}
	var b bytes.Buffer
	events := 0
	for i := range n {
		start := holidays.NewDate(2023, time.January, 2).AddDays(i % 700)
		k := len(route) - 2*(i%5) // some cases cut short mid-route
		fmt.Fprintf(&b, `{"id":"c-%06d","birth_date":"2012-05-04","events":[`, i)
		for j, e := range route[:k] {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, e.text, start.AddDays(e.day))
		}
		b.WriteString("]}\n")
		events += k
	}
	return b.Bytes(), events
}

// benchCases is how many cases the benchmark judges.
const benchCases = 100_000

// BenchmarkAgendaAndCompliance reads 100,000 generated cases from JSON Lines
// bytes and works out the agenda and the compliance figures: with Read, on
// as many workers as -cpu gives, and beside it the loop a host writes by
// hand without this package (one decoder, each case's deadlines, overdue
// and due-soon filtered and sorted, settled clocks counted per rule), on one
// goroutine whatever -cpu says.
func BenchmarkAgendaAndCompliance(b *testing.B) {
	data, events := generated(benchCases)
	o := caseload.Options{AsOf: holidays.NewDate(2024, time.June, 28)}
	b.Run("caseload.Read", func(b *testing.B) {
		runtime.GC()
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			r, err := caseload.Read(o, runtime.GOMAXPROCS(0), []caseload.Input{{Name: "bench", R: bytes.NewReader(data)}})
			if err != nil || r.Read != benchCases || len(r.Problems) != 0 {
				b.Fatalf("read %v cases, %v problems, error %v", r.Read, len(r.Problems), err)
			}
		}
		b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
	})
	b.Run("hand-written-loop", func(b *testing.B) {
		runtime.GC()
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		from := o.AsOf.AddMonths(-3).AddDays(1)
		for b.Loop() {
			var agenda []pathway.Clock
			met := map[timescales.RuleID]int{}
			n := 0
			for c, err := range pathway.NewDecoder(bytes.NewReader(data)).All() {
				if err != nil {
					b.Fatal(err)
				}
				clocks, err := c.Deadlines(o.AsOf)
				if err != nil {
					b.Fatal(err)
				}
				n++
				for _, k := range clocks {
					switch {
					case k.Status == pathway.Overdue, k.Status == pathway.Open && k.WorkdaysLeft <= caseload.DefaultDays:
						agenda = append(agenda, k)
					case k.Status == pathway.Met && !k.Done.Before(from) && !k.Done.After(o.AsOf):
						met[k.Rule.ID]++
					}
				}
			}
			slices.SortFunc(agenda, func(x, y pathway.Clock) int { return x.Due.Compare(y.Due) })
			if n != benchCases {
				b.Fatalf("read %d cases", n)
			}
		}
		b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
	})
}
