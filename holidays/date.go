package holidays

import (
	"fmt"
	"sync"
	"time"
	_ "time/tzdata" // Europe/London must resolve on hosts without a zoneinfo database.
)

// A Date is a civil date: a year, a month and a day, with no time of day and no
// location. It is not an instant and not a 24-hour span: statutory deadlines are
// days, and which day an instant falls on depends on a zone that [DateOf] names.
//
// Date is comparable with ==, so it can be a map key. The zero value is the zero
// date; it reports [Date.IsZero] and is not valid. A Date literal can name a day
// that does not exist (Date{2023, time.February, 30}); [Date.IsValid] says so, and
// every function in this module rejects such a date with an error.
type Date struct {
	Year  int        // Year, for example 2024.
	Month time.Month // Month of the year, January = 1.
	Day   int        // Day of the month, starting at 1.
}

// NewDate returns the date of the given year, month and day. It does not
// normalise: NewDate(2023, 2, 30) is an invalid date, not 2 March.
func NewDate(year int, month time.Month, day int) Date {
	return Date{Year: year, Month: month, Day: day}
}

// londonLocation is loaded once and never changes; the embedded tzdata means
// the load cannot fail in practice.
var londonLocation = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic("holidays: Europe/London missing from embedded tzdata: " + err.Error())
	}
	return loc
})

// DateOf returns the civil date on which the instant t falls in England and Wales
// (Europe/London, with British Summer Time), whatever t's own location. At
// 23:30 UTC on 30 June the date is already 1 July in London.
func DateOf(t time.Time) Date {
	return DateIn(t, londonLocation())
}

// DateIn returns the civil date on which the instant t falls in loc.
func DateIn(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return Date{Year: y, Month: m, Day: d}
}

// In returns the instant at which the date begins in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// IsValid reports whether d names a day of the proleptic Gregorian calendar in
// the years 1 to 9999, the years that ISO 8601 text can carry.
func (d Date) IsValid() bool {
	return d.Year >= 1 && d.Year <= 9999 &&
		d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= DaysIn(d.Year, d.Month)
}

// DaysIn returns the number of days in the month of the year.
func DaysIn(year int, month time.Month) int {
	switch month {
	case time.February:
		if isLeap(year) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// String returns the date in ISO 8601 form, YYYY-MM-DD. An invalid date
// prints its fields as they are ("2023-02-30", "2023-01-100"), so that an
// error message shows what the caller wrote.
func (d Date) String() string {
	// The fixed-width fast path holds only two digits of month and day.
	if d.Year >= 0 && d.Year <= 9999 && d.Month >= 0 && d.Month <= 99 && d.Day >= 0 && d.Day <= 99 {
		var b [10]byte
		return string(d.appendISO(b[:0]))
	}
	return fmt.Sprintf("%d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// appendISO appends d as YYYY-MM-DD; the year must be 0 to 9999 and the
// month and day 0 to 99. A census report writes millions of dates, so the
// digits are read two at a time from a table and appended at once.
func (d Date) appendISO(b []byte) []byte {
	hi, lo, m, day := 2*(d.Year/100), 2*(d.Year%100), 2*int(d.Month), 2*d.Day
	return append(b, pairs[hi], pairs[hi+1], pairs[lo], pairs[lo+1], '-',
		pairs[m], pairs[m+1], '-', pairs[day], pairs[day+1])
}

// pairs holds the two digits of 00 to 99, in order.
const pairs = "00010203040506070809" + "10111213141516171819" + "20212223242526272829" + "30313233343536373839" + "40414243444546474849" +
	"50515253545556575859" + "60616263646566676869" + "70717273747576777879" + "80818283848586878889" + "90919293949596979899"

// Weekday returns the day of the week of d. The result is meaningless for an
// invalid date.
func (d Date) Weekday() time.Weekday {
	// Day 0 of daysSinceEpoch is Thursday 1 January 1970.
	return time.Weekday(mod(daysSinceEpoch(d)+int64(time.Thursday), 7))
}

// Compare returns -1 if d is before e, 0 if they are the same date and +1 if d
// is after e.
func (d Date) Compare(e Date) int { return sign(d.diff(e)) }

// diff is negative, zero or positive as d is before, the same as or after
// e: Compare before its sign is taken, so that Before and After, on every
// hot path, test the difference itself. One difference, decided field by
// field, keeps them within the inliner's budget, so that they cost no call.
// A difference is zero exactly when its fields are equal.
func (d Date) diff(e Date) int {
	x := d.Year - e.Year
	if x == 0 {
		x = int(d.Month - e.Month)
		if x == 0 {
			x = d.Day - e.Day
		}
	}
	return x
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.diff(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.diff(e) > 0 }

// AddDays returns the date n calendar days after d (before, for negative n).
// It is the inverse of [Date.DaysSince]: d.AddDays(n).DaysSince(d) == n.
func (d Date) AddDays(n int) Date {
	// Days 1 to 28 exist in every month of every year, so a step between
	// two of them in one month needs no day count: the common step of a
	// day or two (the day before a span's end, the day after a date).
	if day := d.Day + n; d.Day >= 1 && d.Day <= 28 && day >= 1 && day <= 28 && d.Month >= time.January && d.Month <= time.December {
		return Date{Year: d.Year, Month: d.Month, Day: day}
	}
	return dateFromDays(daysSinceEpoch(d) + int64(n))
}

// DaysSince returns the number of calendar days from e to d: negative when d is
// before e. It is the inverse of [Date.AddDays].
func (d Date) DaysSince(e Date) int {
	return int(daysSinceEpoch(d) - daysSinceEpoch(e))
}

// AddMonths returns the date n calendar months after d (before, for negative n)
// by the corresponding-date rule: the same day of the month, or the last day of
// the month when that month is shorter. Three months from 30 November 2023 is
// 29 February 2024; one month from 31 August is 30 September, never 1 October.
// This is not [time.Time.AddDate], which overflows into the following month.
func (d Date) AddMonths(n int) Date {
	total := d.Year*12 + int(d.Month) - 1 + n
	y, m := floorDiv(total, 12), time.Month(mod(int64(total), 12)+1)
	day := d.Day
	if last := DaysIn(y, m); day > last {
		day = last
	}
	return Date{Year: y, Month: m, Day: day}
}

// daysSinceEpoch returns the days from 1970-01-01 to d in the proleptic
// Gregorian calendar: constant time, no tables, no allocation.
func daysSinceEpoch(d Date) int64 {
	// In the years ISO 8601 can write, with a month that exists, the year
	// counted from March is never negative, so the era method's floored
	// division by 400 comes down to the leap-year terms: the same number for
	// fewer instructions, on every AddDays and Weekday.
	if d.Year >= 1 && d.Year <= 9999 && d.Month >= time.January && d.Month <= time.December {
		y, m := int64(d.Year), int64(d.Month)
		if m <= 2 {
			y, m = y-1, m+12
		}
		return 365*y + y/4 - y/100 + y/400 + (153*(m-3)+2)/5 + int64(d.Day) - 1 - 719468
	}
	return daysSinceEpochEra(d)
}

// daysSinceEpochEra is daysSinceEpoch for any fields, by the era method of
// Howard Hinnant's "chrono-compatible low-level date algorithms".
func daysSinceEpochEra(d Date) int64 {
	y, m, day := int64(d.Year), int64(d.Month), int64(d.Day)
	if m <= 2 {
		y--
	}
	era := floorDiv64(y, 400)
	yoe := y - era*400                     // [0, 399]
	mp := (m + 9) % 12                     // March = 0
	doy := (153*mp+2)/5 + day - 1          // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468
}

// dateFromDays is the inverse of daysSinceEpoch.
func dateFromDays(z int64) Date {
	z += 719468
	era := floorDiv64(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{Year: int(y), Month: time.Month(m), Day: int(day)}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mod(a, b int64) int64 {
	r := a % b
	if r < 0 {
		r += b
	}
	return r
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}
