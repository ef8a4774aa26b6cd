package holidays

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// Every date and name below was written out by hand from the proclamations and
// GOV.UK's published lists, then checked against them; none is generated.
var yearTables = []struct {
	year int
	why  string
	want []Holiday
}{
	{1981, "royal wedding; Christmas on a Friday, Boxing Day Saturday -> Monday 28", []Holiday{
		hol(1981, jan, 1, "New Year’s Day"),
		hol(1981, apr, 17, "Good Friday"),
		hol(1981, apr, 20, "Easter Monday"),
		hol(1981, may, 4, "Early May bank holiday"),
		hol(1981, may, 25, "Spring bank holiday"),
		hol(1981, jul, 29, "Royal wedding"),
		hol(1981, aug, 31, "Summer bank holiday"),
		hol(1981, dec, 25, "Christmas Day"),
		sub(1981, dec, 28, "Boxing Day"),
	}},
	{1995, "early May moved to VE Day, 8 May; New Year on a Sunday; Christmas on a Monday", []Holiday{
		sub(1995, jan, 2, "New Year’s Day"),
		hol(1995, apr, 14, "Good Friday"),
		hol(1995, apr, 17, "Easter Monday"),
		hol(1995, may, 8, "Early May bank holiday (VE day)"),
		hol(1995, may, 29, "Spring bank holiday"),
		hol(1995, aug, 28, "Summer bank holiday"),
		hol(1995, dec, 25, "Christmas Day"),
		hol(1995, dec, 26, "Boxing Day"),
	}},
	{1999, "millennium; Christmas on a Saturday", []Holiday{
		hol(1999, jan, 1, "New Year’s Day"),
		hol(1999, apr, 2, "Good Friday"),
		hol(1999, apr, 5, "Easter Monday"),
		hol(1999, may, 3, "Early May bank holiday"),
		hol(1999, may, 31, "Spring bank holiday"),
		hol(1999, aug, 30, "Summer bank holiday"),
		sub(1999, dec, 27, "Christmas Day"),
		sub(1999, dec, 28, "Boxing Day"),
		hol(1999, dec, 31, "Millennium celebrations"),
	}},
	{2000, "New Year on a Saturday, the day after the millennium holiday", []Holiday{
		sub(2000, jan, 3, "New Year’s Day"),
		hol(2000, apr, 21, "Good Friday"),
		hol(2000, apr, 24, "Easter Monday"),
		hol(2000, may, 1, "Early May bank holiday"),
		hol(2000, may, 29, "Spring bank holiday"),
		hol(2000, aug, 28, "Summer bank holiday"),
		hol(2000, dec, 25, "Christmas Day"),
		hol(2000, dec, 26, "Boxing Day"),
	}},
	{2002, "Golden Jubilee: spring holiday moved to Tuesday 4 June, extra day Monday 3 June", []Holiday{
		hol(2002, jan, 1, "New Year’s Day"),
		hol(2002, mar, 29, "Good Friday"),
		hol(2002, apr, 1, "Easter Monday"),
		hol(2002, may, 6, "Early May bank holiday"),
		hol(2002, jun, 3, "Golden Jubilee bank holiday"),
		hol(2002, jun, 4, "Spring bank holiday"),
		hol(2002, aug, 26, "Summer bank holiday"),
		hol(2002, dec, 25, "Christmas Day"),
		hol(2002, dec, 26, "Boxing Day"),
	}},
	{2010, "Christmas on a Saturday", []Holiday{
		hol(2010, jan, 1, "New Year’s Day"),
		hol(2010, apr, 2, "Good Friday"),
		hol(2010, apr, 5, "Easter Monday"),
		hol(2010, may, 3, "Early May bank holiday"),
		hol(2010, may, 31, "Spring bank holiday"),
		hol(2010, aug, 30, "Summer bank holiday"),
		sub(2010, dec, 27, "Christmas Day"),
		sub(2010, dec, 28, "Boxing Day"),
	}},
	{2011, "royal wedding; New Year on a Saturday; Christmas on a Sunday", []Holiday{
		sub(2011, jan, 3, "New Year’s Day"),
		hol(2011, apr, 22, "Good Friday"),
		hol(2011, apr, 25, "Easter Monday"),
		hol(2011, apr, 29, "Royal wedding"),
		hol(2011, may, 2, "Early May bank holiday"),
		hol(2011, may, 30, "Spring bank holiday"),
		hol(2011, aug, 29, "Summer bank holiday"),
		hol(2011, dec, 26, "Boxing Day"),
		sub(2011, dec, 27, "Christmas Day"),
	}},
	{2012, "Diamond Jubilee: spring holiday moved to Monday 4 June, extra day Tuesday 5 June; New Year on a Sunday", []Holiday{
		sub(2012, jan, 2, "New Year’s Day"),
		hol(2012, apr, 6, "Good Friday"),
		hol(2012, apr, 9, "Easter Monday"),
		hol(2012, may, 7, "Early May bank holiday"),
		hol(2012, jun, 4, "Spring bank holiday"),
		hol(2012, jun, 5, "Queen’s Diamond Jubilee"),
		hol(2012, aug, 27, "Summer bank holiday"),
		hol(2012, dec, 25, "Christmas Day"),
		hol(2012, dec, 26, "Boxing Day"),
	}},
	{2014, "Christmas on a Thursday", []Holiday{
		hol(2014, jan, 1, "New Year’s Day"),
		hol(2014, apr, 18, "Good Friday"),
		hol(2014, apr, 21, "Easter Monday"),
		hol(2014, may, 5, "Early May bank holiday"),
		hol(2014, may, 26, "Spring bank holiday"),
		hol(2014, aug, 25, "Summer bank holiday"),
		hol(2014, dec, 25, "Christmas Day"),
		hol(2014, dec, 26, "Boxing Day"),
	}},
	{2016, "Christmas on a Sunday: Monday 26 is Boxing Day, Tuesday 27 the substitute Christmas Day", []Holiday{
		hol(2016, jan, 1, "New Year’s Day"),
		hol(2016, mar, 25, "Good Friday"),
		hol(2016, mar, 28, "Easter Monday"),
		hol(2016, may, 2, "Early May bank holiday"),
		hol(2016, may, 30, "Spring bank holiday"),
		hol(2016, aug, 29, "Summer bank holiday"),
		hol(2016, dec, 26, "Boxing Day"),
		sub(2016, dec, 27, "Christmas Day"),
	}},
	{2017, "New Year on a Sunday; Christmas on a Monday", []Holiday{
		sub(2017, jan, 2, "New Year’s Day"),
		hol(2017, apr, 14, "Good Friday"),
		hol(2017, apr, 17, "Easter Monday"),
		hol(2017, may, 1, "Early May bank holiday"),
		hol(2017, may, 29, "Spring bank holiday"),
		hol(2017, aug, 28, "Summer bank holiday"),
		hol(2017, dec, 25, "Christmas Day"),
		hol(2017, dec, 26, "Boxing Day"),
	}},
	{2018, "Christmas on a Tuesday", []Holiday{
		hol(2018, jan, 1, "New Year’s Day"),
		hol(2018, mar, 30, "Good Friday"),
		hol(2018, apr, 2, "Easter Monday"),
		hol(2018, may, 7, "Early May bank holiday"),
		hol(2018, may, 28, "Spring bank holiday"),
		hol(2018, aug, 27, "Summer bank holiday"),
		hol(2018, dec, 25, "Christmas Day"),
		hol(2018, dec, 26, "Boxing Day"),
	}},
	{2019, "Christmas on a Wednesday", []Holiday{
		hol(2019, jan, 1, "New Year’s Day"),
		hol(2019, apr, 19, "Good Friday"),
		hol(2019, apr, 22, "Easter Monday"),
		hol(2019, may, 6, "Early May bank holiday"),
		hol(2019, may, 27, "Spring bank holiday"),
		hol(2019, aug, 26, "Summer bank holiday"),
		hol(2019, dec, 25, "Christmas Day"),
		hol(2019, dec, 26, "Boxing Day"),
	}},
	{2020, "early May moved to VE Day, Friday 8 May; Christmas on a Friday", []Holiday{
		hol(2020, jan, 1, "New Year’s Day"),
		hol(2020, apr, 10, "Good Friday"),
		hol(2020, apr, 13, "Easter Monday"),
		hol(2020, may, 8, "Early May bank holiday (VE day)"),
		hol(2020, may, 25, "Spring bank holiday"),
		hol(2020, aug, 31, "Summer bank holiday"),
		hol(2020, dec, 25, "Christmas Day"),
		sub(2020, dec, 28, "Boxing Day"),
	}},
	{2021, "Christmas on a Saturday: Monday 27 and Tuesday 28", []Holiday{
		hol(2021, jan, 1, "New Year’s Day"),
		hol(2021, apr, 2, "Good Friday"),
		hol(2021, apr, 5, "Easter Monday"),
		hol(2021, may, 3, "Early May bank holiday"),
		hol(2021, may, 31, "Spring bank holiday"),
		hol(2021, aug, 30, "Summer bank holiday"),
		sub(2021, dec, 27, "Christmas Day"),
		sub(2021, dec, 28, "Boxing Day"),
	}},
	{2022, "Platinum Jubilee (2 and 3 June); state funeral 19 September; New Year on a Saturday; Christmas on a Sunday", []Holiday{
		sub(2022, jan, 3, "New Year’s Day"),
		hol(2022, apr, 15, "Good Friday"),
		hol(2022, apr, 18, "Easter Monday"),
		hol(2022, may, 2, "Early May bank holiday"),
		hol(2022, jun, 2, "Spring bank holiday"),
		hol(2022, jun, 3, "Platinum Jubilee bank holiday"),
		hol(2022, aug, 29, "Summer bank holiday"),
		hol(2022, sep, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II"),
		hol(2022, dec, 26, "Boxing Day"),
		sub(2022, dec, 27, "Christmas Day"),
	}},
	{2023, "coronation, Monday 8 May; New Year on a Sunday; Christmas on a Monday", []Holiday{
		sub(2023, jan, 2, "New Year’s Day"),
		hol(2023, apr, 7, "Good Friday"),
		hol(2023, apr, 10, "Easter Monday"),
		hol(2023, may, 1, "Early May bank holiday"),
		hol(2023, may, 8, "Bank holiday for the coronation of King Charles III"),
		hol(2023, may, 29, "Spring bank holiday"),
		hol(2023, aug, 28, "Summer bank holiday"),
		hol(2023, dec, 25, "Christmas Day"),
		hol(2023, dec, 26, "Boxing Day"),
	}},
	{2025, "Christmas on a Thursday", []Holiday{
		hol(2025, jan, 1, "New Year’s Day"),
		hol(2025, apr, 18, "Good Friday"),
		hol(2025, apr, 21, "Easter Monday"),
		hol(2025, may, 5, "Early May bank holiday"),
		hol(2025, may, 26, "Spring bank holiday"),
		hol(2025, aug, 25, "Summer bank holiday"),
		hol(2025, dec, 25, "Christmas Day"),
		hol(2025, dec, 26, "Boxing Day"),
	}},
	{2026, "Christmas on a Friday: Boxing Day Saturday -> Monday 28", []Holiday{
		hol(2026, jan, 1, "New Year’s Day"),
		hol(2026, apr, 3, "Good Friday"),
		hol(2026, apr, 6, "Easter Monday"),
		hol(2026, may, 4, "Early May bank holiday"),
		hol(2026, may, 25, "Spring bank holiday"),
		hol(2026, aug, 31, "Summer bank holiday"),
		hol(2026, dec, 25, "Christmas Day"),
		sub(2026, dec, 28, "Boxing Day"),
	}},
	{2027, "Christmas on a Saturday", []Holiday{
		hol(2027, jan, 1, "New Year’s Day"),
		hol(2027, mar, 26, "Good Friday"),
		hol(2027, mar, 29, "Easter Monday"),
		hol(2027, may, 3, "Early May bank holiday"),
		hol(2027, may, 31, "Spring bank holiday"),
		hol(2027, aug, 30, "Summer bank holiday"),
		sub(2027, dec, 27, "Christmas Day"),
		sub(2027, dec, 28, "Boxing Day"),
	}},
	{2028, "New Year on a Saturday; the last announced year, so not provisional", []Holiday{
		sub(2028, jan, 3, "New Year’s Day"),
		hol(2028, apr, 14, "Good Friday"),
		hol(2028, apr, 17, "Easter Monday"),
		hol(2028, may, 1, "Early May bank holiday"),
		hol(2028, may, 29, "Spring bank holiday"),
		hol(2028, aug, 28, "Summer bank holiday"),
		hol(2028, dec, 25, "Christmas Day"),
		hol(2028, dec, 26, "Boxing Day"),
	}},
}

func TestHolidaysByYear(t *testing.T) {
	c := mustCal()
	for _, tt := range yearTables {
		got, err := c.Holidays(tt.year)
		if err != nil {
			t.Errorf("Holidays(%d): %v", tt.year, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Holidays(%d) (%s) mismatch (-want +got):\n%s", tt.year, tt.why, diff)
		}
	}
}

// Every day a table lists must also be what HolidayOn reports and must not be a
// working day; every other weekday of those years must be one.
func TestHolidayOnAgreesWithYearTables(t *testing.T) {
	c := mustCal()
	for _, tt := range yearTables {
		listed := make(map[Date]Holiday)
		for _, h := range tt.want {
			listed[h.Date] = h
		}
		for day := d(tt.year, jan, 1); day.Year == tt.year; day = day.AddDays(1) {
			want, isHoliday := listed[day]
			got, ok, err := c.HolidayOn(day)
			if err != nil {
				t.Fatalf("HolidayOn(%s): %v", day, err)
			}
			if ok != isHoliday || got != want {
				t.Errorf("HolidayOn(%s) = %+v, %v; want %+v, %v", day, got, ok, want, isHoliday)
			}
			working, err := c.IsWorkday(day)
			if err != nil {
				t.Fatalf("IsWorkday(%s): %v", day, err)
			}
			wantWorking := !isHoliday && day.Weekday() != time.Saturday && day.Weekday() != time.Sunday
			if working != wantWorking {
				t.Errorf("IsWorkday(%s) = %v, want %v", day, working, wantWorking)
			}
		}
	}
}

// Rule-level facts over the whole range: each year has the eight recurring
// holidays (or their proclaimed replacements), every listed day is a weekday,
// and the list is in date order without repeats.
func TestEveryYearShape(t *testing.T) {
	c := mustCal()
	first, last := c.Range()
	for y := first.Year; y <= last.Year; y++ {
		hs, err := c.Holidays(y)
		if err != nil {
			t.Fatalf("Holidays(%d): %v", y, err)
		}
		if len(hs) < 8 {
			t.Errorf("%d: %d holidays, want at least 8: %v", y, len(hs), hs)
		}
		for i, h := range hs {
			if h.Date.Year != y {
				t.Errorf("%d: %s listed in the wrong year", y, h.Date)
			}
			if isWeekend(h.Date) {
				t.Errorf("%d: %s (%s) falls on a %s", y, h.Date, h.Name, h.Date.Weekday())
			}
			if i > 0 && !hs[i-1].Date.Before(h.Date) {
				t.Errorf("%d: %s not after %s", y, h.Date, hs[i-1].Date)
			}
			if h.Provisional != (y > 2028) {
				t.Errorf("%d: %s Provisional = %v", y, h.Date, h.Provisional)
			}
		}
	}
}

func TestProvisional(t *testing.T) {
	c := mustCal()
	if got := c.LastAnnouncedYear(); got != 2028 {
		t.Errorf("LastAnnouncedYear() = %d, want 2028", got)
	}
	got, err := c.Holidays(2029)
	if err != nil {
		t.Fatal(err)
	}
	// 2029: Easter Sunday is 1 April; New Year's Day a Monday, Christmas a Tuesday.
	want := []Holiday{
		{Date: d(2029, jan, 1), Name: "New Year’s Day", Provisional: true},
		{Date: d(2029, mar, 30), Name: "Good Friday", Provisional: true},
		{Date: d(2029, apr, 2), Name: "Easter Monday", Provisional: true},
		{Date: d(2029, may, 7), Name: "Early May bank holiday", Provisional: true},
		{Date: d(2029, may, 28), Name: "Spring bank holiday", Provisional: true},
		{Date: d(2029, aug, 27), Name: "Summer bank holiday", Provisional: true},
		{Date: d(2029, dec, 25), Name: "Christmas Day", Provisional: true},
		{Date: d(2029, dec, 26), Name: "Boxing Day", Provisional: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Holidays(2029) mismatch (-want +got):\n%s", diff)
	}
	h, ok, err := c.HolidayOn(d(2028, dec, 25))
	if err != nil || !ok || h.Provisional {
		t.Errorf("HolidayOn(2028-12-25) = %+v, %v, %v; want a holiday that is not provisional", h, ok, err)
	}
	h, ok, err = c.HolidayOn(d(2099, dec, 25))
	if err != nil || !ok || !h.Provisional {
		t.Errorf("HolidayOn(2099-12-25) = %+v, %v, %v; want a provisional holiday", h, ok, err)
	}
}

func TestHolidaysIsACopy(t *testing.T) {
	c := mustCal()
	hs, _ := c.Holidays(2024)
	hs[0].Name = "changed"
	again, _ := c.Holidays(2024)
	if again[0].Name != "New Year’s Day" {
		t.Errorf("changing a returned slice changed the calendar: %q", again[0].Name)
	}
	procs := Proclamations()
	procs[0].Name = "changed"
	if Proclamations()[0].Name == "changed" {
		t.Error("changing Proclamations() changed the next call")
	}
}

func TestAddWorkdays(t *testing.T) {
	c := mustCal()
	tests := []struct {
		from Date
		n    int
		want Date
		why  string
	}{
		// Working Together's own example: Good Friday 29 March and Easter Monday
		// 1 April 2024 come between, so the next working day is Tuesday.
		{d(2024, mar, 28), 1, d(2024, apr, 2), "Easter 2024"},
		// Friday 22 December 2023: Christmas Monday and Boxing Tuesday, so
		// Wednesday 27 is the first working day after.
		{d(2023, dec, 22), 1, d(2023, dec, 27), "Christmas 2023"},
		// Fifteen working days from Friday 15 December 2023 skip two weekends of
		// the run-up, Christmas, Boxing Day and New Year's Day (Monday 1 January):
		// 18-22 Dec (5), 27-29 Dec (8), 2-5 Jan (12), 8-10 Jan (15).
		{d(2023, dec, 15), 15, d(2024, jan, 10), "15 working days across Christmas 2023"},
		// Friday 16 September 2022 + 1: Monday 19 was the state funeral.
		{d(2022, sep, 16), 1, d(2022, sep, 20), "2022 state funeral"},
		// 10 working days from Monday 12 September 2022: 13-16 (4), 20-23 (8), 26-27 (10).
		{d(2022, sep, 12), 10, d(2022, sep, 27), "ten days across the state funeral"},
		// 7 working days before Tuesday 2 April 2024, the day after Easter Monday:
		// 28, 27, 26, 25, 22, 21, 20 March.
		{d(2024, apr, 2), -7, d(2024, mar, 20), "7 working days before, across Easter"},
		// A non-working day counts from where it stands: 1 working day before
		// Saturday 30 March 2024 is Thursday 28 (Good Friday is not one).
		{d(2024, mar, 30), -1, d(2024, mar, 28), "minus one from a weekend"},
		// N = 0 on a weekend is the day itself, not the next working day.
		{d(2024, mar, 30), 0, d(2024, mar, 30), "zero on a Saturday"},
		{d(2024, mar, 29), 0, d(2024, mar, 29), "zero on Good Friday"},
		// From a non-working day, day 1 is the next working day.
		{d(2024, mar, 29), 1, d(2024, apr, 2), "one from Good Friday"},
		// 45 working days from Thursday 28 March 2024 (the assessment timescale):
		// 2-30 April gives 21, May gives 21 more (6 and 27 May are bank
		// holidays), so 42 by Friday 31 May and the 45th is Wednesday 5 June.
		{d(2024, mar, 28), 45, d(2024, jun, 5), "45 working days"},
		// Friday 2 June 2022 and Friday 3 June were the Platinum Jubilee days.
		{d(2022, jun, 1), 1, d(2022, jun, 6), "Platinum Jubilee"},
		// The millennium: Friday 31 December 1999 and Monday 3 January 2000.
		{d(1999, dec, 24), 1, d(1999, dec, 29), "Christmas 1999"},
		{d(1999, dec, 30), 1, d(2000, jan, 4), "millennium"},
	}
	for _, tt := range tests {
		got, err := c.AddWorkdays(tt.from, tt.n)
		if err != nil || got != tt.want {
			t.Errorf("AddWorkdays(%s, %d) (%s) = %s, %v; want %s", tt.from, tt.n, tt.why, got, err, tt.want)
		}
	}
}

func TestNextPrevWorkday(t *testing.T) {
	c := mustCal()
	tests := []struct {
		from, next, prev Date
	}{
		// Thursday before Easter 2024.
		{d(2024, mar, 28), d(2024, apr, 2), d(2024, mar, 27)},
		// Easter Monday 2024 itself.
		{d(2024, apr, 1), d(2024, apr, 2), d(2024, mar, 28)},
		// Boxing Day 2022 (Monday): Christmas is replaced by Tuesday 27.
		{d(2022, dec, 26), d(2022, dec, 28), d(2022, dec, 23)},
	}
	for _, tt := range tests {
		if got, err := c.NextWorkday(tt.from); err != nil || got != tt.next {
			t.Errorf("NextWorkday(%s) = %s, %v; want %s", tt.from, got, err, tt.next)
		}
		if got, err := c.PrevWorkday(tt.from); err != nil || got != tt.prev {
			t.Errorf("PrevWorkday(%s) = %s, %v; want %s", tt.from, got, err, tt.prev)
		}
	}
}

func TestWorkdaysBetween(t *testing.T) {
	c := mustCal()
	tests := []struct {
		from, to Date
		want     int
		why      string
	}{
		// Working days after Thursday 28 March up to and including Tuesday 2 April.
		{d(2024, mar, 28), d(2024, apr, 2), 1, "Easter 2024"},
		{d(2024, apr, 2), d(2024, mar, 28), -1, "Easter 2024 backwards"},
		{d(2024, mar, 28), d(2024, mar, 28), 0, "same day"},
		// Saturday to Sunday: no working day after Saturday up to Sunday.
		{d(2024, mar, 30), d(2024, mar, 31), 0, "weekend"},
		// A whole leap year: 262 weekdays less 8 holidays on weekdays.
		{d(2023, dec, 31), d(2024, dec, 31), 254, "2024"},
		// 2022 had ten weekday holidays: 260 weekdays, 250 working days.
		{d(2021, dec, 31), d(2022, dec, 31), 250, "2022"},
		// Due Friday 16 September 2022, done Tuesday 20: late by one working day
		// because Monday 19 was the state funeral.
		{d(2022, sep, 16), d(2022, sep, 20), 1, "late across the state funeral"},
		// Done early by seven working days.
		{d(2024, apr, 2), d(2024, mar, 20), -7, "early, across Easter"},
	}
	for _, tt := range tests {
		got, err := c.WorkdaysBetween(tt.from, tt.to)
		if err != nil || got != tt.want {
			t.Errorf("WorkdaysBetween(%s, %s) (%s) = %d, %v; want %d", tt.from, tt.to, tt.why, got, err, tt.want)
		}
	}
}

func TestRangeErrors(t *testing.T) {
	c := mustCal()
	first, last := c.Range()
	if first != d(1978, jan, 1) || last != d(2099, dec, 31) {
		t.Fatalf("Range() = %s, %s; want 1978-01-01, 2099-12-31", first, last)
	}
	outside := []Date{d(1977, dec, 31), d(2100, jan, 1), d(1, jan, 1), d(9999, dec, 31)}
	for _, day := range outside {
		checkRange(t, "IsWorkday", day, errOf(c.IsWorkday(day)))
		_, _, err := c.HolidayOn(day)
		checkRange(t, "HolidayOn", day, err)
		checkRange(t, "AddWorkdays", day, errOf(c.AddWorkdays(day, 1)))
		checkRange(t, "AddWorkdays 0", day, errOf(c.AddWorkdays(day, 0)))
		checkRange(t, "NextWorkday", day, errOf(c.NextWorkday(day)))
		checkRange(t, "PrevWorkday", day, errOf(c.PrevWorkday(day)))
		checkRange(t, "WorkdaysBetween from", day, errOf(c.WorkdaysBetween(day, d(2024, jan, 1))))
		checkRange(t, "WorkdaysBetween to", day, errOf(c.WorkdaysBetween(d(2024, jan, 1), day)))
	}
	for _, y := range []int{1977, 2100} {
		if _, err := c.Holidays(y); !isRange(err) {
			t.Errorf("Holidays(%d) error = %v, want *RangeError", y, err)
		}
	}

	// Arithmetic that would leave the range: the error names the start and the
	// working days asked for, and the supported range.
	_, err := c.AddWorkdays(d(2099, dec, 30), 2)
	var re *RangeError
	if !errors.As(err, &re) {
		t.Fatalf("AddWorkdays(2099-12-30, 2) error = %v, want *RangeError", err)
	}
	wantRE := RangeError{Date: d(2099, dec, 30), Workdays: 2, First: d(1978, jan, 1), Last: d(2099, dec, 31)}
	if diff := cmp.Diff(wantRE, *re); diff != "" {
		t.Errorf("RangeError mismatch (-want +got):\n%s", diff)
	}
	if got, want := err.Error(), "holidays: +2 working days from 2099-12-30 is outside the supported range 1978-01-01 to 2099-12-31"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	// 2 January 1978 was the first working day (New Year's Day fell on a
	// Sunday and was replaced by Monday 2 January).
	for _, tt := range []struct {
		from Date
		n    int
	}{
		{d(1978, jan, 3), -1},
		{d(1978, jan, 1), -1},
		{d(1978, jan, 10), -100},
		{d(2099, dec, 31), 1},
		{d(2024, jan, 1), 1 << 40},
		{d(2024, jan, 1), -(1 << 40)},
		{d(2024, jan, 1), math.MaxInt},
		{d(2024, jan, 1), math.MinInt},
		{d(2024, jan, 6), math.MinInt}, // a Saturday: the count back starts one higher
		{d(1978, jan, 1), math.MinInt + 1},
	} {
		if _, err := c.AddWorkdays(tt.from, tt.n); !isRange(err) {
			t.Errorf("AddWorkdays(%s, %d) error = %v, want *RangeError", tt.from, tt.n, err)
		}
	}
	if got, err := c.AddWorkdays(d(1978, jan, 4), -1); err != nil || got != d(1978, jan, 3) {
		t.Errorf("AddWorkdays(1978-01-04, -1) = %s, %v; want 1978-01-03", got, err)
	}
	if got, err := c.AddWorkdays(d(2099, dec, 30), 1); err != nil || got != d(2099, dec, 31) {
		t.Errorf("AddWorkdays(2099-12-30, 1) = %s, %v; want 2099-12-31", got, err)
	}
}

func TestInvalidDateErrors(t *testing.T) {
	c := mustCal()
	for _, day := range []Date{{2023, feb, 29}, {2023, feb, 30}, {2024, 13, 1}, {2024, 0, 1}, {2024, jan, 0}, {2024, jan, -1}, {},
		{2024, jan, math.MaxInt}, {2024, math.MinInt, 1}, {math.MaxInt, jan, 1}, {math.MinInt, jan, 1},
		// 12 * (year - 1978) wraps round to 8: a naive month index would land
		// inside the table, on September 1978.
		{1978 + (math.MaxUint64/12 + 1), jan, 1},
	} {
		var ie *InvalidDateError
		check := func(name string, err error) {
			t.Helper()
			if !errors.As(err, &ie) || ie.Date != day {
				t.Errorf("%s(%#v) error = %v, want *InvalidDateError for that date", name, day, err)
			}
		}
		check("IsWorkday", errOf(c.IsWorkday(day)))
		_, _, err := c.HolidayOn(day)
		check("HolidayOn", err)
		check("AddWorkdays", errOf(c.AddWorkdays(day, 3)))
		check("AddWorkdays 0", errOf(c.AddWorkdays(day, 0)))
		if got, _ := c.AddWorkdays(day, 0); got != (Date{}) {
			t.Errorf("AddWorkdays(%#v, 0) = %#v with its error, want the zero Date", day, got)
		}
		check("NextWorkday", errOf(c.NextWorkday(day)))
		check("WorkdaysBetween", errOf(c.WorkdaysBetween(day, d(2024, jan, 1))))
		check("WorkdaysBetween to", errOf(c.WorkdaysBetween(d(2024, jan, 1), day)))
	}
	err := errOf(c.IsWorkday(d(2023, feb, 30)))
	if got, want := err.Error(), "holidays: 2023-02-30 is not a valid date"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func checkRange(t *testing.T, name string, day Date, err error) {
	t.Helper()
	var re *RangeError
	if !errors.As(err, &re) {
		t.Errorf("%s(%s) error = %v, want *RangeError", name, day, err)
		return
	}
	if re.Date != day || re.First != d(1978, jan, 1) || re.Last != d(2099, dec, 31) {
		t.Errorf("%s(%s) RangeError = %+v", name, day, *re)
	}
}

func isRange(err error) bool {
	var re *RangeError
	return errors.As(err, &re)
}

func errOf[T any](_ T, err error) error { return err }

// The built-in calendar is shared: concurrent readers must see one value.
func TestEnglandAndWalesConcurrent(t *testing.T) {
	done := make(chan *Calendar)
	for range 8 {
		go func() {
			c := EnglandAndWales()
			_, _ = c.AddWorkdays(d(2024, mar, 28), 45)
			done <- c
		}()
	}
	first := <-done
	for range 7 {
		if c := <-done; c != first {
			t.Error("EnglandAndWales returned different calendars")
		}
	}
}

// A zero Calendar is a programming error, but it must fail with errors, not
// panics.
func TestZeroCalendar(t *testing.T) {
	var c Calendar
	day := d(2024, mar, 28)
	if _, err := c.AddWorkdays(day, 1); !isRange(err) {
		t.Errorf("AddWorkdays: %v, want *RangeError", err)
	}
	if _, err := c.WorkdaysBetween(day, day); !isRange(err) {
		t.Errorf("WorkdaysBetween: %v, want *RangeError", err)
	}
	if _, err := c.IsWorkday(day); !isRange(err) {
		t.Errorf("IsWorkday: %v, want *RangeError", err)
	}
	if _, _, err := c.HolidayOn(day); !isRange(err) {
		t.Errorf("HolidayOn: %v, want *RangeError", err)
	}
	for _, y := range []int{0, 1, 2024} {
		if _, err := c.Holidays(y); !isRange(err) {
			t.Errorf("Holidays(%d): %v, want *RangeError", y, err)
		}
	}
	if got := c.Diff([]Holiday{hol(2024, jan, 1, "New Year’s Day")}); len(got) != 1 {
		t.Errorf("Diff = %v, want the one feed day", got)
	}
}
