package pathway

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
)

// typicalLog returns a 12-event case through the whole child protection
// route, shifted by i days so that generated cases differ.
func typicalLog(i int) Log {
	start := d(2022, time.January, 3).AddDays(i % 700)
	at := func(days int) holidays.Date { return start.AddDays(days) }
	return Log{
		ID:        "typical",
		BirthDate: d(2012, 5, 4),
		Events: []Event{
			{Type: ReferralReceived, Date: at(0)},
			{Type: ReferralDecision, Date: at(1), Outcome: OutcomeSection17Assessment},
			{Type: AssessmentStarted, Date: at(2)},
			{Type: StrategyDiscussionHeld, Date: at(30), Outcome: OutcomeSection47},
			{Type: Section47Concluded, Date: at(44), Outcome: OutcomeSubstantiated},
			{Type: InitialConferenceHeld, Date: at(48), Outcome: OutcomePlan, Category: CategoryNeglect},
			{Type: CoreGroupMet, Date: at(55)},
			{Type: CoreGroupMet, Date: at(90)},
			{Type: ReviewConferenceHeld, Date: at(130), Outcome: OutcomeContinue},
			{Type: CoreGroupMet, Date: at(200)},
			{Type: ReviewConferenceHeld, Date: at(300), Outcome: OutcomeEnd, Reason: "family moved twice"},
			{Type: CaseClosed, Date: at(320)},
		},
	}
}

// BenchmarkReplayTypical replays a typical 12-event case and computes its
// deadlines.
func BenchmarkReplayTypical(b *testing.B) {
	l := typicalLog(0)
	asOf := l.Events[len(l.Events)-1].Date
	var buf []Clock
	b.ReportAllocs()
	for b.Loop() {
		c, err := Replay(l)
		if err != nil {
			b.Fatal(err)
		}
		if buf, err = c.AppendDeadlines(buf[:0], asOf); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(l.Events))/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkBatch replays 100,000 generated cases and computes each one's
// deadlines, on one goroutine.
func BenchmarkBatch(b *testing.B) {
	const n = 100_000
	logs := make([]Log, n)
	events := 0
	for i := range logs {
		logs[i] = typicalLog(i)
		// Vary the length: cut some cases short mid-route.
		if k := i % 5; k > 0 {
			logs[i].Events = logs[i].Events[:12-2*k]
		}
		events += len(logs[i].Events)
	}
	asOf := d(2025, 1, 1)
	var buf []Clock
	runtime.GC() // settle the generator's garbage before the clock starts
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range logs {
			c, err := Replay(l)
			if err != nil {
				b.Fatal(err)
			}
			if buf, err = c.AppendDeadlines(buf[:0], asOf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*events)/b.Elapsed().Seconds(), "events/s")
}

// longLog returns a case of n events on a plan: single-agency emergency
// actions, each starting a strategy-discussion clock, with a strategy
// discussion after every hundred settling them all, and core groups between.
// Before running clocks were indexed by rule, each event scanned every clock
// the case had ever started, so replay grew with the square of the events.
func longLog(n int) Log {
	start := d(2014, time.January, 6)
	l := Log{ID: "long", Events: []Event{
		{Type: TransferInNotified, Date: start},
		{Type: TransferInConferenceHeld, Date: start, Outcome: OutcomePlan, Category: CategoryNeglect},
	}}
	for i := len(l.Events); i < n; i++ {
		e := Event{Type: ImmediateProtectionTaken, Date: start.AddDays(i / 40), Outcome: OutcomeSingleAgency}
		switch {
		case i%100 == 0:
			e = Event{Type: StrategyDiscussionHeld, Date: e.Date, Outcome: OutcomeNoSection47}
		case i%100 == 50:
			e = Event{Type: CoreGroupMet, Date: e.Date}
		}
		l.Events = append(l.Events, e)
	}
	return l
}

// BenchmarkReplayLong replays one case of 10,000 and one of 100,000 events:
// replay is linear when the ns/event of the two match.
func BenchmarkReplayLong(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		l := longLog(n)
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Replay(l); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
		})
	}
}
