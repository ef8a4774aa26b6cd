package holidays

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// A Holiday is a day off in England and Wales, or a local closure day laid over
// a calendar with [Calendar.WithClosures].
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
	// Substitute marks a weekday given in place of a holiday that fell on a
	// Saturday or Sunday (GOV.UK's "Substitute day").
	Substitute bool `json:"substitute,omitempty"`
	// Provisional marks a day computed by rule for a year whose holidays had not
	// been announced when the calendar was built: a proclamation may yet move it.
	Provisional bool `json:"provisional,omitempty"`
	// Closure marks a local closure day: not a statutory holiday.
	Closure bool `json:"closure,omitempty"`
}

// A RangeError reports a date, or the result of working-day arithmetic, outside
// the range a calendar supports. The calendar never guesses beyond its range.
type RangeError struct {
	Date        Date // the date asked about, or the start of the arithmetic
	Workdays    int  // the working days added, for arithmetic that left the range
	First, Last Date // the supported range, inclusive
}

// Error names the date, any working days added, and the supported range.
func (e *RangeError) Error() string {
	if e.Workdays != 0 {
		return fmt.Sprintf("holidays: %+d working days from %s is outside the supported range %s to %s",
			e.Workdays, e.Date, e.First, e.Last)
	}
	return fmt.Sprintf("holidays: %s is outside the supported range %s to %s", e.Date, e.First, e.Last)
}

// An InvalidDateError reports a Date value that names no day, such as
// Date{2023, 2, 30}.
type InvalidDateError struct {
	Date Date
}

// Error names the date that does not exist.
func (e *InvalidDateError) Error() string {
	return fmt.Sprintf("holidays: %s is not a valid date", e.Date)
}

// A Calendar knows which days are working days over a fixed range of years
// and does working-day arithmetic on them in constant time.
//
// A working day is "any day which is not a Saturday, Sunday, or bank holiday"
// (Working Together to Safeguard Children 2023, footnote 209), with Good Friday
// and Christmas Day counted as holidays as GOV.UK and every statutory
// definition do.
//
// A Calendar is immutable: the With methods return a new Calendar and leave
// the receiver as it was. It is safe for concurrent use.
type Calendar struct {
	first, last   Date
	firstDay      int64 // daysSinceEpoch(first)
	lastAnnounced int
	years         [][]Holiday // by year - first.Year, in date order
	// cum[i+1] is the number of working days among the first i+1 days of the
	// range, cum[0] is 0, so a count is one subtraction.
	cum []int32
	// workdays[k] is the (k+1)th working day in the range, packed (see
	// packDate) so that no calendar arithmetic is needed to return it.
	workdays []uint32
	// months[y-first.Year][m-1] is the day index of the first of month m
	// of year y, shifted left 5 bits, with the month's length in those bits:
	// one load turns a date into its index and checks its day.
	months [][12]uint32
}

var builtIn = sync.OnceValue(func() *Calendar {
	rules, procs := englandAndWalesRules(), Proclamations()
	years := make([][]Holiday, lastYear-firstYear+1)
	for y := firstYear; y <= lastYear; y++ {
		years[y-firstYear] = builtInYear(y, rules, procs)
	}
	return newCalendar(years, lastAnnouncedYear)
})

// EnglandAndWales returns the built-in England and Wales calendar, from
// 1 January 1978 to 31 December 2099. Years after the last year GOV.UK had
// announced when this module was released are computed by rule and their
// holidays marked provisional. The same immutable value is returned to every
// caller.
func EnglandAndWales() *Calendar { return builtIn() }

func newCalendar(years [][]Holiday, lastAnnounced int) *Calendar {
	c := &Calendar{
		first:         Date{firstYear, 1, 1},
		last:          Date{firstYear + len(years) - 1, 12, 31},
		lastAnnounced: lastAnnounced,
		years:         years,
	}
	c.firstDay = daysSinceEpoch(c.first)
	n := int(daysSinceEpoch(c.last)-c.firstDay) + 1
	off := make([]bool, n)
	for _, hs := range years {
		for _, h := range hs {
			off[c.index(h.Date)] = true
		}
	}
	c.months = make([][12]uint32, len(years))
	for i := range years {
		y := c.first.Year + i
		for m := time.January; m <= time.December; m++ {
			c.months[i][m-1] = uint32(c.index(Date{y, m, 1}))<<5 | uint32(DaysIn(y, m))
		}
	}
	c.cum = make([]int32, n+1)
	c.workdays = make([]uint32, 0, n*5/7)
	for i := 0; i < n; i++ {
		d := c.firstDay + int64(i)
		weekend := mod(d+int64(4), 7) == 6 || mod(d+int64(4), 7) == 0 // 1970-01-01 was a Thursday
		working := !weekend && !off[i]
		c.cum[i+1] = c.cum[i]
		if working {
			c.cum[i+1]++
			c.workdays = append(c.workdays, packDate(dateFromDays(d)))
		}
	}
	return c
}

// index returns d's day index in the range; d must be valid and in range.
func (c *Calendar) index(d Date) int { return int(daysSinceEpoch(d) - c.firstDay) }

// check returns d's day index, or an error for an invalid or out-of-range date.
func (c *Calendar) check(d Date) (int, error) {
	if i, ok := c.lookup(d); ok {
		return i, nil
	}
	return 0, c.dateError(d)
}

// lookup returns d's day index, or false (and an index to ignore) for an
// invalid or out-of-range date. It is on every hot path, so it works from the
// month table rather than the calendar formulas, and is kept small enough to
// inline. The table has a row of twelve months for each year, so that the
// tests of year and month are all the bounds checks its load needs.
func (c *Calendar) lookup(d Date) (int, bool) {
	y := d.Year - c.first.Year
	if uint(y) >= uint(len(c.months)) || uint(d.Month-1) >= 12 {
		return 0, false
	}
	m := c.months[y][d.Month-1]
	return int(m>>5) + d.Day - 1, uint(d.Day-1) < uint(m&31)
}

// dateError says why lookup refused d.
func (c *Calendar) dateError(d Date) error {
	if !d.IsValid() {
		return &InvalidDateError{Date: d}
	}
	return &RangeError{Date: d, First: c.first, Last: c.last}
}

// packDate fits a date of the supported range into 32 bits: year, month and
// day in their own bit fields, so that unpacking is shifts and masks.
func packDate(d Date) uint32 {
	return uint32(d.Year)<<9 | uint32(d.Month)<<5 | uint32(d.Day)
}

func unpackDate(p uint32) Date {
	return Date{Year: int(p >> 9), Month: time.Month(p >> 5 & 15), Day: int(p & 31)}
}

// Range returns the first and last dates the calendar supports, inclusive.
func (c *Calendar) Range() (first, last Date) { return c.first, c.last }

// LastAnnouncedYear returns the last year whose holidays were announced when
// the calendar was built; holidays after it are provisional.
func (c *Calendar) LastAnnouncedYear() int { return c.lastAnnounced }

// IsWorkday reports whether d is a working day.
func (c *Calendar) IsWorkday(d Date) (bool, error) {
	// lookup rather than check: every deadline validates its dates here,
	// and one call less shows at millions of them.
	i, ok := c.lookup(d)
	if !ok {
		return false, c.dateError(d)
	}
	return c.cum[i+1] != c.cum[i], nil
}

// HolidayOn returns the holiday that falls on d, if there is one.
func (c *Calendar) HolidayOn(d Date) (h Holiday, ok bool, err error) {
	if _, err := c.check(d); err != nil {
		return Holiday{}, false, err
	}
	for _, h := range c.years[d.Year-c.first.Year] {
		if h.Date == d {
			return h, true, nil
		}
	}
	return Holiday{}, false, nil
}

// Holidays returns the holidays of a year in date order, with any local
// closure days that do not fall on a statutory holiday. The slice is the
// caller's own.
func (c *Calendar) Holidays(year int) ([]Holiday, error) {
	// Tested against the table itself, so that a zero Calendar, which has no
	// years, refuses every year instead of indexing an empty table.
	if uint(year-c.first.Year) >= uint(len(c.years)) {
		return nil, &RangeError{Date: Date{year, 1, 1}, First: c.first, Last: c.last}
	}
	hs := c.years[year-c.first.Year]
	out := make([]Holiday, 0, len(hs))
	for i, h := range hs {
		if h.Closure && i > 0 && hs[i-1].Date == h.Date {
			continue // shadowed by the statutory holiday sorted before it
		}
		out = append(out, h)
	}
	return out, nil
}

// NextWorkday returns the first working day after d.
func (c *Calendar) NextWorkday(d Date) (Date, error) { return c.AddWorkdays(d, 1) }

// PrevWorkday returns the last working day before d.
func (c *Calendar) PrevWorkday(d Date) (Date, error) { return c.AddWorkdays(d, -1) }

// AddWorkdays returns the nth working day after d, for "within n working days
// of d". d is day 0 whether or not it is a working day; n = 0 gives d itself;
// negative n gives the |n|th working day before d, for "n working days before".
//
// Thursday 28 March 2024 plus one working day is Tuesday 2 April 2024: Good
// Friday and Easter Monday come between.
//
// It runs in constant time without allocating. A date outside the calendar's
// range, or a result outside it, gives a *[RangeError]; a date that names no
// day gives an *[InvalidDateError].
func (c *Calendar) AddWorkdays(d Date, n int) (Date, error) {
	i, ok := c.lookup(d)
	if !ok {
		return Date{}, c.dateError(d)
	}
	if n == 0 {
		return d, nil
	}
	// cum[i+1] is the ordinal of d if d is a working day, otherwise of the
	// last working day before d.
	k := int(c.cum[i+1]) + n
	if n < 0 && c.cum[i+1] == c.cum[i] {
		k++
	}
	// One unsigned test catches k < 1, k past the end, and an n so large
	// that the sum wrapped round.
	if uint(k-1) >= uint(len(c.workdays)) {
		return Date{}, c.addError(d, n)
	}
	return unpackDate(c.workdays[k-1]), nil
}

// addError is AddWorkdays' range error, out of line to keep the hot path short.
func (c *Calendar) addError(d Date, n int) error {
	return &RangeError{Date: d, Workdays: n, First: c.first, Last: c.last}
}

// WorkdaysBetween counts the working days after from up to and including to,
// and is negative when to is before from: WorkdaysBetween(to, from) is
// -WorkdaysBetween(from, to). Counts over adjacent ranges add up.
//
// It inverts [Calendar.AddWorkdays]: AddWorkdays(from, WorkdaysBetween(from,
// to)) is to whenever to is a working day and either from is a working day or
// to is not before from; and WorkdaysBetween(from, AddWorkdays(from, n)) is n
// for every n >= 0, and for n < 0 when from is a working day.
//
// "Late by N working days" is WorkdaysBetween(due, done). It runs in constant
// time without allocating.
func (c *Calendar) WorkdaysBetween(from, to Date) (int, error) {
	i, ok := c.lookup(from)
	if !ok {
		return 0, c.dateError(from)
	}
	j, ok := c.lookup(to)
	if !ok {
		return 0, c.dateError(to)
	}
	return int(c.cum[j+1] - c.cum[i+1]), nil
}

// sortHolidays puts holidays in date order, a statutory holiday before a
// closure on the same day.
func sortHolidays(hs []Holiday) {
	slices.SortFunc(hs, func(a, b Holiday) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		switch {
		case a.Closure == b.Closure:
			return 0
		case b.Closure:
			return -1
		}
		return 1
	})
}

// indexOf finds the holiday of the given kind, statutory or closure, on d.
func indexOf(hs []Holiday, d Date, closure bool) int {
	return slices.IndexFunc(hs, func(h Holiday) bool { return h.Date == d && h.Closure == closure })
}
