package holidays

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// A plain model of the calendar: walk day by day, asking only the weekday and
// the year's list of holidays. It shares nothing with the ordinal tables.
type model struct {
	c   *Calendar
	off map[Date]bool
}

func newModel(t interface{ Fatal(...any) }, c *Calendar) *model {
	m := &model{c: c, off: make(map[Date]bool)}
	first, last := c.Range()
	for y := first.Year; y <= last.Year; y++ {
		hs, err := c.Holidays(y)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			m.off[h.Date] = true
		}
	}
	return m
}

func (m *model) working(d Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !m.off[d]
}

func (m *model) inRange(d Date) bool {
	first, last := m.c.Range()
	return !d.Before(first) && !d.After(last)
}

// add steps one day at a time until it has passed |n| working days; ok is
// false when it walks off the range.
func (m *model) add(d Date, n int) (Date, bool) {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if !m.inRange(d) {
			return Date{}, false
		}
		if m.working(d) {
			n--
		}
	}
	return d, true
}

// between counts working days after from up to and including to, negated
// when to is before from.
func (m *model) between(from, to Date) int {
	if to.Before(from) {
		return -m.between(to, from)
	}
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if m.working(d) {
			n++
		}
	}
	return n
}

// dateIn draws a date in the calendar's range. Some draws land on the edges,
// where off-by-one errors live.
func dateIn(c *Calendar) *rapid.Generator[Date] {
	first, last := c.Range()
	days := last.DaysSince(first)
	return rapid.Custom(func(t *rapid.T) Date {
		switch rapid.IntRange(0, 9).Draw(t, "where") {
		case 0:
			return first.AddDays(rapid.IntRange(0, 20).Draw(t, "days from first"))
		case 1:
			return last.AddDays(-rapid.IntRange(0, 20).Draw(t, "days before last"))
		}
		return first.AddDays(rapid.IntRange(0, days).Draw(t, "days from first"))
	})
}

// near draws a date within a few hundred days of d, clamped to the range.
func near(t *rapid.T, c *Calendar, d Date, label string) Date {
	first, last := c.Range()
	e := d.AddDays(rapid.IntRange(-400, 400).Draw(t, label))
	if e.Before(first) {
		return first
	}
	if e.After(last) {
		return last
	}
	return e
}

// calendars draws either the built-in calendar or one with random closure
// days laid over it, so that the tables built by an overlay are checked too.
func calendars(t *testing.T) (*rapid.Generator[*Calendar], func(*Calendar) *model) {
	base := EnglandAndWales()
	models := map[*Calendar]*model{base: newModel(t, base)}
	gen := rapid.Custom(func(rt *rapid.T) *Calendar {
		if !rapid.Bool().Draw(rt, "closures") {
			return base
		}
		days := rapid.SliceOfN(dateIn(base), 1, 30).Draw(rt, "closure days")
		closures := make([]Holiday, len(days))
		for i, day := range days {
			closures[i] = Holiday{Date: day}
		}
		c, err := base.WithClosures(closures)
		if err != nil {
			rt.Fatalf("WithClosures: %v", err)
		}
		return c
	})
	modelOf := func(c *Calendar) *model {
		if m, ok := models[c]; ok {
			return m
		}
		return newModel(t, c)
	}
	return gen, modelOf
}

func TestPropertyAddMatchesModel(t *testing.T) {
	gen, modelOf := calendars(t)
	rapid.Check(t, func(t *rapid.T) {
		c := gen.Draw(t, "calendar")
		m := modelOf(c)
		from := dateIn(c).Draw(t, "from")
		n := rapid.IntRange(-300, 300).Draw(t, "n")
		got, err := c.AddWorkdays(from, n)
		want, ok := m.add(from, n)
		switch {
		case !ok:
			var re *RangeError
			if !errors.As(err, &re) {
				t.Fatalf("AddWorkdays(%s, %d) = %s, %v; the model leaves the range, want *RangeError", from, n, got, err)
			}
		case err != nil || got != want:
			t.Fatalf("AddWorkdays(%s, %d) = %s, %v; model says %s", from, n, got, err, want)
		}
		if err == nil && n != 0 && !m.working(got) {
			t.Fatalf("AddWorkdays(%s, %d) = %s, not a working day", from, n, got)
		}
	})
}

func TestPropertyBetweenMatchesModel(t *testing.T) {
	gen, modelOf := calendars(t)
	rapid.Check(t, func(t *rapid.T) {
		c := gen.Draw(t, "calendar")
		m := modelOf(c)
		from := dateIn(c).Draw(t, "from")
		to := near(t, c, from, "to, days from from")
		got, err := c.WorkdaysBetween(from, to)
		if want := m.between(from, to); err != nil || got != want {
			t.Fatalf("WorkdaysBetween(%s, %s) = %d, %v; model says %d", from, to, got, err, want)
		}
		if working, err := c.IsWorkday(to); err != nil || working != m.working(to) {
			t.Fatalf("IsWorkday(%s) = %v, %v; model says %v", to, working, err, m.working(to))
		}
	})
}

// The inverse laws exactly as WorkdaysBetween's doc comment states them.
func TestPropertyInverse(t *testing.T) {
	c := EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		from := dateIn(c).Draw(t, "from")
		to := dateIn(c).Draw(t, "to")
		fromWorking, _ := c.IsWorkday(from)
		toWorking, _ := c.IsWorkday(to)
		n, err := c.WorkdaysBetween(from, to)
		if err != nil {
			t.Fatal(err)
		}
		if toWorking && (fromWorking || !to.Before(from)) {
			if got, err := c.AddWorkdays(from, n); err != nil || got != to {
				t.Fatalf("AddWorkdays(%s, WorkdaysBetween = %d) = %s, %v; want %s", from, n, got, err, to)
			}
		}
		k := rapid.IntRange(-500, 500).Draw(t, "n")
		end, err := c.AddWorkdays(from, k)
		if err != nil {
			return // left the range; TestRangeErrors covers that
		}
		if k >= 0 || fromWorking {
			if got, _ := c.WorkdaysBetween(from, end); got != k {
				t.Fatalf("WorkdaysBetween(%s, AddWorkdays(%s, %d) = %s) = %d, want %d", from, from, k, end, got, k)
			}
		} else if got, _ := c.WorkdaysBetween(from, end); got != k+1 {
			// From a non-working day the count back is one short: the
			// last working day before from is reached by -1 but counts 0.
			t.Fatalf("non-working %s: WorkdaysBetween(%s, %s) = %d, want %d", from, from, end, got, k+1)
		}
	})
}

func TestPropertyBetweenAdditiveAntisymmetric(t *testing.T) {
	c := EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		a := dateIn(c).Draw(t, "a")
		b := dateIn(c).Draw(t, "b")
		x := dateIn(c).Draw(t, "c")
		ab, _ := c.WorkdaysBetween(a, b)
		bc, _ := c.WorkdaysBetween(b, x)
		ac, _ := c.WorkdaysBetween(a, x)
		ba, _ := c.WorkdaysBetween(b, a)
		if ab+bc != ac {
			t.Fatalf("WorkdaysBetween: %s->%s (%d) + %s->%s (%d) != %s->%s (%d)", a, b, ab, b, x, bc, a, x, ac)
		}
		if ab != -ba {
			t.Fatalf("WorkdaysBetween(%s, %s) = %d, but the reverse is %d", a, b, ab, ba)
		}
	})
}

func TestPropertyNextPrev(t *testing.T) {
	c := EnglandAndWales()
	m := newModel(t, c)
	rapid.Check(t, func(t *rapid.T) {
		day := dateIn(c).Draw(t, "day")
		next, err := c.NextWorkday(day)
		if want, ok := m.add(day, 1); ok != (err == nil) || (ok && next != want) {
			t.Fatalf("NextWorkday(%s) = %s, %v; model %s, %v", day, next, err, want, ok)
		}
		prev, err := c.PrevWorkday(day)
		if want, ok := m.add(day, -1); ok != (err == nil) || (ok && prev != want) {
			t.Fatalf("PrevWorkday(%s) = %s, %v; model %s, %v", day, prev, err, want, ok)
		}
		_, isHoliday, _ := c.HolidayOn(day)
		if working, _ := c.IsWorkday(day); working == (isHoliday || isWeekend(day)) {
			t.Fatalf("IsWorkday(%s) = %v, HolidayOn = %v, weekend %v", day, working, isHoliday, isWeekend(day))
		}
	})
}

// anyDate draws a valid date anywhere in the years ISO 8601 text can carry.
var anyDate = rapid.Custom(func(t *rapid.T) Date {
	y := rapid.IntRange(1, 9999).Draw(t, "year")
	m := time.Month(rapid.IntRange(1, 12).Draw(t, "month"))
	return Date{y, m, rapid.IntRange(1, DaysIn(y, m)).Draw(t, "day")}
})

func TestPropertyTextRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		day := anyDate.Draw(t, "date")
		got, err := ParseDate(day.String())
		if err != nil || got != day {
			t.Fatalf("ParseDate(%q) = %v, %v; want %v", day.String(), got, err, day)
		}
		b, err := json.Marshal(day)
		if err != nil {
			t.Fatal(err)
		}
		var back Date
		if err := json.Unmarshal(b, &back); err != nil || back != day {
			t.Fatalf("json round trip of %v via %s = %v, %v", day, b, back, err)
		}
	})
}

func TestPropertyDaysAndMonths(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		day := anyDate.Draw(t, "date")
		n := rapid.IntRange(-100000, 100000).Draw(t, "days")
		later := day.AddDays(n)
		if got := later.DaysSince(day); got != n {
			t.Fatalf("%s.AddDays(%d).DaysSince = %d", day, n, got)
		}
		// The civil arithmetic agrees with package time in UTC, where every
		// day has 24 hours.
		if later.Year >= 1 && later.Year <= 9999 {
			want := DateIn(day.In(time.UTC).AddDate(0, 0, n), time.UTC)
			if later != want {
				t.Fatalf("%s.AddDays(%d) = %s, time says %s", day, n, later, want)
			}
		}
		if got := later.Weekday(); got != later.In(time.UTC).Weekday() {
			t.Fatalf("%s.Weekday() = %s, time says %s", later, got, later.In(time.UTC).Weekday())
		}
		months := rapid.IntRange(-1200, 1200).Draw(t, "months")
		m := day.AddMonths(months)
		if !m.IsValid() && m.Year >= 1 && m.Year <= 9999 {
			t.Fatalf("%s.AddMonths(%d) = %#v, not valid", day, months, m)
		}
		if got := (m.Year*12 + int(m.Month)) - (day.Year*12 + int(day.Month)); got != months {
			t.Fatalf("%s.AddMonths(%d) = %s, %d months on", day, months, m, got)
		}
		if want := min(day.Day, DaysIn(m.Year, m.Month)); m.Day != want {
			t.Fatalf("%s.AddMonths(%d) = %s, want day %d", day, months, m, want)
		}
	})
}
