package timescales_test

import (
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// BenchmarkDeadlineAndJudge is the hot path a host runs over millions of
// case records: look up the rule, compute the due date, judge the actual date.
func BenchmarkDeadlineAndJudge(b *testing.B) {
	cal := holidays.EnglandAndWales()
	book := timescales.National()
	anchor, actual := d(2022, 5, 26), d(2022, 6, 22)
	b.ReportAllocs()
	for b.Loop() {
		dl, err := book.Deadline(cal, timescales.ICPC, anchor)
		if err != nil {
			b.Fatal(err)
		}
		v, err := dl.Judge(cal, actual, "conference room unavailable")
		if err != nil || v.WorkdaysLate != 2 {
			b.Fatal(v, err)
		}
	}
}

// BenchmarkDeadlineMonthsAndAge covers the calendar-month and age paths.
func BenchmarkDeadlineMonthsAndAge(b *testing.B) {
	cal := holidays.EnglandAndWales()
	book := timescales.National()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := book.Deadline(cal, timescales.ReviewNext, d(2024, 8, 31)); err != nil {
			b.Fatal(err)
		}
		if _, err := book.Deadline(cal, timescales.PlanEndsAt18, d(2008, 2, 29)); err != nil {
			b.Fatal(err)
		}
	}
}
