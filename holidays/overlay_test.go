package holidays_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
)

// A council closes on Monday 31 May 2027, the spring bank holiday. A feed then
// moves that holiday to Monday 7 June. The closure was asked for the 31st and
// must still close it: nothing the host laid over the calendar is lost.
func TestClosureOnHolidaySurvivesFeedMove(t *testing.T) {
	spring := holidays.Date{Year: 2027, Month: time.May, Day: 31}
	moved := holidays.Date{Year: 2027, Month: time.June, Day: 7}
	closed, err := holidays.EnglandAndWales().WithClosures([]holidays.Holiday{{Date: spring, Name: "Council shutdown"}})
	if err != nil {
		t.Fatal(err)
	}
	feed, err := holidays.ParseFeed(strings.NewReader(`{"england-and-wales":{"events":[
		{"title":"Early May bank holiday","date":"2027-05-03"},
		{"title":"Spring bank holiday","date":"2027-06-07"}]}}`))
	if err != nil {
		t.Fatal(err)
	}
	updated, err := closed.WithFeed(feed)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		day  holidays.Date
		want bool
	}{{spring, false}, {moved, false}, {spring.AddDays(1), true}} {
		got, err := updated.IsWorkday(tc.day)
		if err != nil || got != tc.want {
			t.Errorf("IsWorkday(%s) = %v, %v; want %v", tc.day, got, err, tc.want)
		}
	}
	h, ok, err := updated.HolidayOn(spring)
	if err != nil || !ok || !h.Closure || h.Name != "Council shutdown" {
		t.Errorf("HolidayOn(%s) = %+v, %v, %v; want the closure", spring, h, ok, err)
	}
}

// While the closure and the holiday share a day, the year lists the holiday
// once, and HolidayOn names the statutory holiday.
func TestClosureOnHolidayListedOnce(t *testing.T) {
	christmas := holidays.Date{Year: 2024, Month: time.December, Day: 25}
	eve := holidays.Date{Year: 2024, Month: time.December, Day: 24}
	closed, err := holidays.EnglandAndWales().WithClosures([]holidays.Holiday{
		{Date: eve}, {Date: christmas, Name: "Shutdown"},
	})
	if err != nil {
		t.Fatal(err)
	}
	hs, err := closed.Holidays(2024)
	if err != nil {
		t.Fatal(err)
	}
	var december []holidays.Holiday
	for _, h := range hs {
		if h.Date.Month == time.December {
			december = append(december, h)
		}
	}
	want := []holidays.Holiday{
		{Date: eve, Name: "Local closure", Closure: true},
		{Date: christmas, Name: holidays.NameChristmas},
		{Date: christmas.AddDays(1), Name: holidays.NameBoxingDay},
	}
	if diff := cmp.Diff(want, december); diff != "" {
		t.Errorf("Holidays(2024) December mismatch (-want +got):\n%s", diff)
	}
	h, _, _ := closed.HolidayOn(christmas)
	if h.Name != holidays.NameChristmas {
		t.Errorf("HolidayOn(%s).Name = %q, want %q", christmas, h.Name, holidays.NameChristmas)
	}
}

// Every proclamation names its power, lies in date order, and is in the
// built-in calendar under its own name; a moved holiday is absent from its
// usual day that year.
func TestProclamationsInCalendar(t *testing.T) {
	cal := holidays.EnglandAndWales()
	procs := holidays.Proclamations()
	for i, p := range procs {
		if !strings.Contains(p.Source, "Banking and Financial Dealings Act 1971") {
			t.Errorf("%s %q: source %q names no power", p.Date, p.Name, p.Source)
		}
		if i > 0 && !procs[i-1].Date.Before(p.Date) {
			t.Errorf("%s is out of date order", p.Date)
		}
		h, ok, err := cal.HolidayOn(p.Date)
		if err != nil || !ok || h.Name != p.Name {
			t.Errorf("HolidayOn(%s) = %+v, %v, %v; want %q", p.Date, h, ok, err, p.Name)
		}
		if p.Moves == "" {
			continue
		}
		hs, _ := cal.Holidays(p.Date.Year)
		for _, h := range hs {
			if h.Name == p.Moves && h.Date != p.Date {
				t.Errorf("%d: %q still on %s as well as %s", p.Date.Year, p.Moves, h.Date, p.Date)
			}
		}
	}
}
