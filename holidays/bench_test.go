package holidays

import (
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// The same starting days for both calendars: the Easter example, Christmas
// 2023, the 2022 state funeral and an ordinary Monday.
var benchStarts = []Date{d(2024, mar, 28), d(2023, dec, 22), d(2022, sep, 16), d(2025, jan, 6)}

func rickarCalendar() *cal.BusinessCalendar {
	c := cal.NewBusinessCalendar()
	c.AddHoliday(gb.Holidays...)
	return c
}

// BenchmarkAdd45 times the assessment timescale: 45 working days on.
func BenchmarkAdd45(b *testing.B) {
	b.Run("ours", func(b *testing.B) {
		c := EnglandAndWales()
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if _, err := c.AddWorkdays(benchStarts[i%len(benchStarts)], 45); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("rickar", func(b *testing.B) {
		c := rickarCalendar()
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

// BenchmarkCountYear counts the working days of 2024. rickar's range includes
// its first day and ours does not, but 1 January is a holiday: both say 254.
func BenchmarkCountYear(b *testing.B) {
	from, to := d(2024, jan, 1), d(2024, dec, 31)
	b.Run("ours", func(b *testing.B) {
		c := EnglandAndWales()
		if n, _ := c.WorkdaysBetween(from, to); n != 254 {
			b.Fatalf("ours counts %d", n)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.WorkdaysBetween(from, to); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("rickar", func(b *testing.B) {
		c := rickarCalendar()
		start, end := from.In(time.UTC), to.In(time.UTC)
		if n := c.WorkdaysInRange(start, end); n != 254 {
			b.Fatalf("rickar counts %d", n)
		}
		b.ReportAllocs()
		for b.Loop() {
			c.WorkdaysInRange(start, end)
		}
	})
}
