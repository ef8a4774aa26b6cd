package holidays

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
)

// GOV.UK's titles, so that a built-in holiday and a feed entry compare equal.
const (
	NameNewYear      = "New Year’s Day"
	NameGoodFriday   = "Good Friday"
	NameEasterMonday = "Easter Monday"
	NameEarlyMay     = "Early May bank holiday"
	NameSpring       = "Spring bank holiday"
	NameSummer       = "Summer bank holiday"
	NameChristmas    = "Christmas Day"
	NameBoxingDay    = "Boxing Day"
)

// lastAnnouncedYear is the last year whose England and Wales holidays GOV.UK had
// published when this table was last checked (its feed of 24 November 2025 runs
// to 2028). Later years are computed by rule and reported as provisional.
const lastAnnouncedYear = 2028

// The supported range. 1978 is the first year of the early May bank holiday
// (Banking and Financial Dealings Act 1971, as amended by proclamation), so the
// rule set below is complete from then on.
const (
	firstYear = 1978
	lastYear  = 2099
)

// A holidayRule is one recurring holiday. date computes the day it falls on in
// a year before any weekend substitution; except lists the years in which a
// proclamation moved or cancelled it (the replacement is a oneOff).
type holidayRule struct {
	name string
	// substitutable rules fall on a fixed date and so can land on a weekend;
	// the Monday-based rules never do.
	substitutable bool
	except        []int
	date          func(year int) Date
}

// fromCal adapts a rickar/cal rule. Its Func is called directly, so rickar's
// own Except list (incomplete for England) does not apply: ours does.
func fromCal(h *cal.Holiday) func(int) Date {
	return func(year int) Date {
		y, m, d := h.Func(h, year).Date()
		return Date{Year: y, Month: m, Day: d}
	}
}

func fixed(month time.Month, day int) func(int) Date {
	return func(year int) Date { return Date{Year: year, Month: month, Day: day} }
}

// englandAndWalesRules are the holidays of every year in range: the bank
// holidays of Schedule 1 to the Banking and Financial Dealings Act 1971 for
// England and Wales, New Year's Day and the early May holiday added by annual
// proclamation since 1974 and 1978, and the common-law holidays Good Friday and
// Christmas Day, which every statutory working-day definition also excludes.
// Easter and the Monday rules come from rickar/cal/v2/gb, which has them right.
func englandAndWalesRules() []holidayRule {
	return []holidayRule{
		{name: NameNewYear, substitutable: true, date: fixed(time.January, 1)},
		{name: NameGoodFriday, date: fromCal(gb.GoodFriday)},
		{name: NameEasterMonday, date: fromCal(gb.EasterMonday)},
		// First Monday in May; moved to 8 May in 1995 and 2020 for VE Day.
		{name: NameEarlyMay, except: []int{1995, 2020}, date: fromCal(gb.EarlyMay)},
		// Last Monday in May; moved in jubilee years.
		{name: NameSpring, except: []int{2002, 2012, 2022}, date: fromCal(gb.SpringHoliday)},
		// Last Monday in August.
		{name: NameSummer, date: fromCal(gb.SummerHoliday)},
		{name: NameChristmas, substitutable: true, date: fixed(time.December, 25)},
		{name: NameBoxingDay, substitutable: true, date: fixed(time.December, 26)},
	}
}

// A Proclamation is a one-off holiday, or a recurring one moved for a year,
// appointed by royal proclamation under section 1 of the Banking and
// Financial Dealings Act 1971.
type Proclamation struct {
	Date   Date
	Name   string // GOV.UK's title where GOV.UK lists the year
	Reason string // why, in a few words
	Moves  string // the recurring holiday this replaces for the year, if any
	// Source is the power the proclamation used and where the day is listed.
	Source string
}

// The powers of the Banking and Financial Dealings Act 1971, s.1: (2) moves a
// Schedule 1 holiday (the spring bank holiday) to another day for one year;
// (3) appoints a special day, which is also how the early May holiday is
// appointed each year, and so how it was moved.
const (
	specialDay = "royal proclamation under the Banking and Financial Dealings Act 1971, s.1(3)"
	movedDay   = "royal proclamation under the Banking and Financial Dealings Act 1971, s.1(2)"
	onGovUK    = "; listed in GOV.UK's bank holidays for England and Wales"
)

// Proclamations returns every one-off change in the supported range, in date
// order, with its source. The slice is new on each call; changing it changes
// nothing else.
func Proclamations() []Proclamation {
	return []Proclamation{
		{Date: Date{1981, time.July, 29}, Name: "Royal wedding", Reason: "wedding of the Prince of Wales and Lady Diana Spencer", Moves: "", Source: specialDay},
		{Date: Date{1995, time.May, 8}, Name: "Early May bank holiday (VE day)", Reason: "50th anniversary of VE Day", Moves: NameEarlyMay, Source: specialDay},
		{Date: Date{1999, time.December, 31}, Name: "Millennium celebrations", Reason: "the millennium", Moves: "", Source: specialDay},
		{Date: Date{2002, time.June, 3}, Name: "Golden Jubilee bank holiday", Reason: "Golden Jubilee of Queen Elizabeth II", Moves: "", Source: specialDay},
		{Date: Date{2002, time.June, 4}, Name: NameSpring, Reason: "moved for the Golden Jubilee", Moves: NameSpring, Source: movedDay},
		{Date: Date{2011, time.April, 29}, Name: "Royal wedding", Reason: "wedding of Prince William and Catherine Middleton", Moves: "", Source: specialDay + onGovUK},
		{Date: Date{2012, time.June, 4}, Name: NameSpring, Reason: "moved for the Diamond Jubilee", Moves: NameSpring, Source: movedDay + onGovUK},
		{Date: Date{2012, time.June, 5}, Name: "Queen’s Diamond Jubilee", Reason: "Diamond Jubilee of Queen Elizabeth II", Moves: "", Source: specialDay + onGovUK},
		{Date: Date{2020, time.May, 8}, Name: "Early May bank holiday (VE day)", Reason: "75th anniversary of VE Day", Moves: NameEarlyMay, Source: specialDay + onGovUK},
		{Date: Date{2022, time.June, 2}, Name: NameSpring, Reason: "moved for the Platinum Jubilee", Moves: NameSpring, Source: movedDay + onGovUK},
		{Date: Date{2022, time.June, 3}, Name: "Platinum Jubilee bank holiday", Reason: "Platinum Jubilee of Queen Elizabeth II", Moves: "", Source: specialDay + onGovUK},
		{Date: Date{2022, time.September, 19}, Name: "Bank Holiday for the State Funeral of Queen Elizabeth II", Reason: "state funeral of Queen Elizabeth II", Moves: "", Source: specialDay + onGovUK},
		{Date: Date{2023, time.May, 8}, Name: "Bank holiday for the coronation of King Charles III", Reason: "coronation of King Charles III", Moves: "", Source: specialDay + onGovUK},
	}
}

// builtInYear returns the holidays of one year, in date order, with weekend
// substitutes worked out across the whole set: a holiday on a Saturday or
// Sunday is replaced by the next weekday that is not already a holiday. Taken
// in date order this gives GOV.UK's names: Christmas on a Sunday makes Monday
// 26 Boxing Day and Tuesday 27 the substitute Christmas Day.
func builtInYear(year int, rules []holidayRule, procs []Proclamation) []Holiday {
	var days []Holiday
	var weekend []Holiday
	for _, r := range rules {
		if contains(r.except, year) {
			continue
		}
		h := Holiday{Date: r.date(year), Name: r.name}
		if r.substitutable && isWeekend(h.Date) {
			weekend = append(weekend, h)
			continue
		}
		days = append(days, h)
	}
	for _, p := range procs {
		if p.Date.Year == year {
			days = append(days, Holiday{Date: p.Date, Name: p.Name})
		}
	}
	sortHolidays(weekend)
	for _, h := range weekend {
		d := h.Date.AddDays(1)
		for isWeekend(d) || indexOf(days, d, false) >= 0 {
			d = d.AddDays(1)
		}
		days = append(days, Holiday{Date: d, Name: h.Name, Substitute: true})
	}
	sortHolidays(days)
	if year > lastAnnouncedYear {
		for i := range days {
			days[i].Provisional = true
		}
	}
	return days
}

func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

func contains(years []int, y int) bool {
	for _, x := range years {
		if x == y {
			return true
		}
	}
	return false
}
