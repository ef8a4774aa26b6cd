package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
)

// writeExport writes n generated cases as JSON Lines: a child protection
// route of up to 12 events, cut short in four cases out of five and shifted
// a day per case, with every thousandth case refused (an unknown event type)
// so that the error path is timed too. It returns the number of events.
func writeExport(tb testing.TB, w io.Writer, n int) int {
	tb.Helper()
	events := 0
	bw := bufio.NewWriter(w)
	for i := range n {
		start := holidays.NewDate(2022, 1, 3).AddDays(i % 700)
		at := start.AddDays
		l := pathway.Log{ID: fmt.Sprintf("c-%07d", i), BirthDate: holidays.NewDate(2012, 5, 4), Events: []pathway.Event{
			{Type: pathway.ReferralReceived, Date: at(0)},
			{Type: pathway.ReferralDecision, Date: at(1), Outcome: pathway.OutcomeSection17Assessment},
			{Type: pathway.AssessmentStarted, Date: at(2)},
			{Type: pathway.StrategyDiscussionHeld, Date: at(30), Outcome: pathway.OutcomeSection47},
			{Type: pathway.Section47Concluded, Date: at(44), Outcome: pathway.OutcomeSubstantiated},
			{Type: pathway.InitialConferenceHeld, Date: at(48), Outcome: pathway.OutcomePlan, Category: pathway.CategoryNeglect},
			{Type: pathway.CoreGroupMet, Date: at(55)},
			{Type: pathway.CoreGroupMet, Date: at(90)},
			{Type: pathway.ReviewConferenceHeld, Date: at(130), Outcome: pathway.OutcomeContinue},
			{Type: pathway.CoreGroupMet, Date: at(200)},
			{Type: pathway.ReviewConferenceHeld, Date: at(300), Outcome: pathway.OutcomeEnd, Reason: "family moved twice"},
			{Type: pathway.CaseClosed, Date: at(320)},
		}}
		l.Events = l.Events[:12-2*(i%5)]
		events += len(l.Events)
		b, err := l.MarshalJSON()
		if err != nil {
			tb.Fatal(err)
		}
		if i%1000 == 999 {
			b = []byte(strings.Replace(string(b), `"referral-received"`, `"referral-recieved"`, 1))
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		tb.Fatal(err)
	}
	return events
}

// BenchmarkCheck runs wt check, as a user does, on a file of 10,000
// generated cases, in each format, writing the report to nowhere.
func BenchmarkCheck(b *testing.B) {
	path := filepath.Join(b.TempDir(), "export.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	events := writeExport(b, f, 10_000)
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range formatNames() {
		b.Run(format, func(b *testing.B) {
			b.SetBytes(info.Size())
			b.ReportAllocs()
			for b.Loop() {
				// 2: every thousandth case is refused, on purpose.
				if code := run([]string{"check", "--as-of", "2025-01-01", "--format", format, path}, io.Discard, io.Discard); code != 2 {
					b.Fatalf("exit %d, want 2", code)
				}
			}
			b.ReportMetric(float64(b.N)*float64(events)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
