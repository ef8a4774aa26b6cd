package holidays

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// The benchmarks time the two sums a caseload check does most, on three
// calendars that give the same answers:
//
//   - ours: the built-in England and Wales calendar;
//   - rickar: github.com/rickar/cal/v2 with its gb holidays, as a host would
//     set it up, with its IsHoliday cache on (Calendar.Cacheable), which is
//     its fast mode; "rickar-nocache" is the same calendar with the cache off;
//   - naive: a map of our holiday dates and a loop over the days, the first
//     thing anyone writes.
//
// Run them side by side:
//
//	go test ./holidays -run '^$' -bench 'Add45|CountYear' -benchmem

// The same starting days for every calendar: the Easter example, Christmas
// 2023, the 2022 state funeral and an ordinary Monday.
var benchStarts = []Date{d(2024, mar, 28), d(2023, dec, 22), d(2022, sep, 16), d(2025, jan, 6)}

// rickarCalendar is rickar's business calendar with its gb holidays. Its gb
// list has no 19 September 2022 (the state funeral of Queen Elizabeth II), so
// the benchmark adds it as a one-off, in rickar's own style, to make the
// answers agree.
func rickarCalendar(cached bool) *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(gb.Holidays...)
	c.AddHoliday(&cal.Holiday{Name: "State Funeral of Queen Elizabeth II", Type: cal.ObservanceBank,
		Month: time.September, Day: 19, StartYear: 2022, EndYear: 2022, Func: cal.CalcDayOfMonth})
	c.Cacheable = cached
	return c
}

// naiveCalendar is a set of holiday dates, walked a day at a time.
type naiveCalendar map[Date]bool

func newNaiveCalendar(tb testing.TB, from, to int) naiveCalendar {
	n := naiveCalendar{}
	for y := from; y <= to; y++ {
		hs, err := EnglandAndWales().Holidays(y)
		if err != nil {
			tb.Fatal(err)
		}
		for _, h := range hs {
			n[h.Date] = true
		}
	}
	return n
}

func (n naiveCalendar) isWorkday(d Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !n[d]
}

// add is the nth working day after d, for n > 0.
func (n naiveCalendar) add(d Date, days int) Date {
	for days > 0 {
		d = d.AddDays(1)
		if n.isWorkday(d) {
			days--
		}
	}
	return d
}

// between counts the working days after from up to and including to.
func (n naiveCalendar) between(from, to Date) int {
	count := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if n.isWorkday(d) {
			count++
		}
	}
	return count
}

// BenchmarkAdd45 times the assessment timescale: 45 working days on.
func BenchmarkAdd45(b *testing.B) {
	ours := EnglandAndWales()
	naive := newNaiveCalendar(b, 2022, 2025)
	want := make([]Date, len(benchStarts))
	for i, s := range benchStarts {
		var err error
		if want[i], err = ours.AddWorkdays(s, 45); err != nil {
			b.Fatal(err)
		}
		if got := naive.add(s, 45); got != want[i] {
			b.Fatalf("naive: %s + 45 = %s, ours %s", s, got, want[i])
		}
		if got := DateOf(rickarCalendar(true).WorkdaysFrom(s.In(time.UTC), 45)); got != want[i] {
			b.Fatalf("rickar: %s + 45 = %s, ours %s", s, got, want[i])
		}
	}
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := ours.AddWorkdays(benchStarts[i%len(benchStarts)], 45); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	for _, cached := range []bool{true, false} {
		name := "rickar"
		if !cached {
			name = "rickar-nocache"
		}
		b.Run(name, func(b *testing.B) {
			c := rickarCalendar(cached)
			starts := make([]time.Time, len(benchStarts))
			for i, s := range benchStarts {
				starts[i] = s.In(time.UTC)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.WorkdaysFrom(starts[i%len(starts)], 45)
				i++
			}
		})
	}
	b.Run("naive", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			naive.add(benchStarts[i%len(benchStarts)], 45)
			i++
		}
	})
}

// BenchmarkCountYear counts the working days of 2024. rickar's range includes
// its first day and ours does not, but 1 January is a holiday: all say 254.
func BenchmarkCountYear(b *testing.B) {
	from, to := d(2024, jan, 1), d(2024, dec, 31)
	ours := EnglandAndWales()
	naive := newNaiveCalendar(b, 2024, 2024)
	start, end := from.In(time.UTC), to.In(time.UTC)
	if n, _ := ours.WorkdaysBetween(from, to); n != 254 {
		b.Fatalf("ours counts %d", n)
	}
	if n := naive.between(from, to); n != 254 {
		b.Fatalf("naive counts %d", n)
	}
	if n := rickarCalendar(true).WorkdaysInRange(start, end); n != 254 {
		b.Fatalf("rickar counts %d", n)
	}
	b.Run("ours", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ours.WorkdaysBetween(from, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, cached := range []bool{true, false} {
		name := "rickar"
		if !cached {
			name = "rickar-nocache"
		}
		b.Run(name, func(b *testing.B) {
			c := rickarCalendar(cached)
			b.ReportAllocs()
			for b.Loop() {
				c.WorkdaysInRange(start, end)
			}
		})
	}
	b.Run("naive", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			naive.between(from, to)
		}
	})
}
