package holidays

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseDate(t *testing.T) {
	good := []struct {
		in   string
		want Date
	}{
		{"2024-03-28", d(2024, mar, 28)},
		{"2024-02-29", d(2024, feb, 29)},
		{"2000-02-29", d(2000, feb, 29)}, // divisible by 400: a leap year
		{"0001-01-01", d(1, jan, 1)},
		{"9999-12-31", d(9999, dec, 31)},
		{"1977-12-31", d(1977, dec, 31)}, // a date, though outside the calendar
	}
	for _, tt := range good {
		got, err := ParseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	bad := []struct {
		in, msg string
	}{
		{"", "want the form YYYY-MM-DD"},
		{"2024-3-28", "want the form YYYY-MM-DD"},
		{"28/03/2024", "want the form YYYY-MM-DD"},
		{"2024-03-28T00:00:00Z", "want the form YYYY-MM-DD"},
		{" 2024-03-28", "want the form YYYY-MM-DD"},
		{"2024-03-2 ", "want the form YYYY-MM-DD"},
		{"20240328", "want the form YYYY-MM-DD"},
		{"2024/03/28", "want the form YYYY-MM-DD"},
		{"+024-03-28", "want the form YYYY-MM-DD"},
		{"2024-0x-28", "want the form YYYY-MM-DD"},
		{"２024-03-2", "want the form YYYY-MM-DD"}, // a full-width digit is not a digit
		{"0000-01-01", "year out of range"},
		{"2024-00-10", "month out of range"},
		{"2024-13-01", "month out of range"},
		{"2024-01-00", "day out of range"},
		{"2023-02-29", "day out of range"},
		{"1900-02-29", "day out of range"}, // divisible by 100, not 400
		{"2024-04-31", "day out of range"},
	}
	for _, tt := range bad {
		got, err := ParseDate(tt.in)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("ParseDate(%q) = %v, %v; want *ParseError", tt.in, got, err)
			continue
		}
		if want := (ParseError{Input: tt.in, Message: tt.msg}); *pe != want {
			t.Errorf("ParseDate(%q) error = %+v, want %+v", tt.in, *pe, want)
		}
		if got != (Date{}) {
			t.Errorf("ParseDate(%q) returned %v with its error, want the zero Date", tt.in, got)
		}
	}
	_, err := ParseDate("2024-13-01")
	if got, want := err.Error(), `holidays: parsing date "2024-13-01": month out of range`; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		d    Date
		want string
	}{
		{d(2024, mar, 28), "2024-03-28"},
		{d(1, jan, 1), "0001-01-01"},
		{d(9999, dec, 31), "9999-12-31"},
		{Date{}, "0000-00-00"},
		// Invalid dates print their fields as they are, so that an error
		// message shows what the caller wrote.
		{d(2023, feb, 30), "2023-02-30"},
		{d(2023, jan, 100), "2023-01-100"},
		{d(2023, jan, -1), "2023-01--1"},
		{d(2023, 13, 1), "2023-13-01"},
		{d(2023, -2, 1), "2023--2-01"},
		{d(10000, jan, 1), "10000-01-01"},
		{d(-1, jan, 1), "-1-01-01"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
	// The fast path, which reads digits in pairs from a table, against
	// fmt over every field it takes.
	for _, y := range []int{0, 1, 9, 10, 99, 100, 101, 999, 1000, 2024, 9990, 9999} {
		for m := range 100 {
			for day := range 100 {
				dt := Date{y, time.Month(m), day}
				if got, want := dt.String(), fmt.Sprintf("%04d-%02d-%02d", y, m, day); got != want {
					t.Fatalf("%#v.String() = %q, want %q", dt, got, want)
				}
			}
		}
	}
}

func TestDateJSON(t *testing.T) {
	b, err := json.Marshal(d(2024, mar, 28))
	if err != nil || string(b) != `"2024-03-28"` {
		t.Errorf("json.Marshal = %s, %v; want \"2024-03-28\"", b, err)
	}
	type record struct {
		Due Date `json:"due"`
	}
	b, err = json.Marshal(record{Due: d(2024, feb, 29)})
	if err != nil || string(b) != `{"due":"2024-02-29"}` {
		t.Errorf("json.Marshal(record) = %s, %v", b, err)
	}
	var r record
	if err := json.Unmarshal(b, &r); err != nil || r.Due != d(2024, feb, 29) {
		t.Errorf("json.Unmarshal(%s) = %v, %v", b, r.Due, err)
	}
	for _, in := range []string{`{"due":20240328}`, `{"due":"2024-02-30"}`, `{"due":"28/03/2024"}`, `{"due":true}`} {
		var r record
		if err := json.Unmarshal([]byte(in), &r); err == nil {
			t.Errorf("json.Unmarshal(%s) = %v, want an error", in, r.Due)
		}
	}
	var pe *ParseError
	if err := json.Unmarshal([]byte(`"2024-02-30"`), new(Date)); !errors.As(err, &pe) {
		t.Errorf("json.Unmarshal of an invalid date: error %v, want *ParseError", err)
	}
	// An invalid date cannot be written: its text could not be read back.
	var ie *InvalidDateError
	if _, err := json.Marshal(d(2023, feb, 30)); !errors.As(err, &ie) || ie.Date != d(2023, feb, 30) {
		t.Errorf("json.Marshal of an invalid date: error %v, want *InvalidDateError", err)
	}
	text, err := d(1978, jan, 2).MarshalText()
	if err != nil || string(text) != "1978-01-02" {
		t.Errorf("MarshalText = %q, %v", text, err)
	}
	if b, err := d(1978, jan, 2).AppendText([]byte("on ")); err != nil || string(b) != "on 1978-01-02" {
		t.Errorf("AppendText = %q, %v", b, err)
	}
	if b, err := d(2023, feb, 30).AppendText([]byte("on ")); !errors.As(err, &ie) || string(b) != "on " {
		t.Errorf("AppendText of an invalid date = %q, %v; want nothing appended and *InvalidDateError", b, err)
	}
	var got Date
	if err := got.UnmarshalText([]byte("1978-01-02")); err != nil || got != d(1978, jan, 2) {
		t.Errorf("UnmarshalText = %v, %v", got, err)
	}
	// A failed unmarshal leaves the value alone.
	got = d(2024, mar, 28)
	if err := got.UnmarshalText([]byte("nonsense")); err == nil || got != d(2024, mar, 28) {
		t.Errorf("UnmarshalText(nonsense) = %v, %v; want an error and the old value", got, err)
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		from Date
		n    int
		want Date
	}{
		// Corresponding-date rule: the same day, or the month's last day.
		{d(2023, aug, 31), 3, d(2023, nov, 30)},
		{d(2023, nov, 30), 3, d(2024, feb, 29)}, // first review conference, leap year
		{d(2024, nov, 30), 3, d(2025, feb, 28)},
		{d(2023, aug, 31), 6, d(2024, feb, 29)},
		{d(2024, aug, 31), 6, d(2025, feb, 28)},
		{d(2023, aug, 31), 1, d(2023, sep, 30)}, // never 1 October
		{d(2024, jan, 31), 1, d(2024, feb, 29)},
		{d(2024, mar, 28), 0, d(2024, mar, 28)},
		{d(2024, mar, 28), 12, d(2025, mar, 28)},
		{d(2024, feb, 29), 12, d(2025, feb, 28)},
		{d(2024, feb, 29), 48, d(2028, feb, 29)},
		{d(2023, dec, 15), 1, d(2024, jan, 15)},
		// Negative months count back by the same rule.
		{d(2024, mar, 31), -1, d(2024, feb, 29)},
		{d(2024, may, 31), -3, d(2024, feb, 29)},
		{d(2025, feb, 28), -6, d(2024, aug, 28)},
		{d(2024, jan, 15), -1, d(2023, dec, 15)},
		{d(2024, jan, 31), -13, d(2022, dec, 31)},
		{d(2024, jan, 1), -24, d(2022, jan, 1)},
	}
	for _, tt := range tests {
		if got := tt.from.AddMonths(tt.n); got != tt.want {
			t.Errorf("%s.AddMonths(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestDateOf(t *testing.T) {
	tests := []struct {
		t    time.Time
		want Date
	}{
		// British Summer Time: 23:30 UTC is 00:30 the next day in London.
		{time.Date(2024, jun, 30, 23, 30, 0, 0, time.UTC), d(2024, jul, 1)},
		// Greenwich Mean Time in winter: the same day.
		{time.Date(2024, dec, 30, 23, 30, 0, 0, time.UTC), d(2024, dec, 30)},
		{time.Date(2024, dec, 31, 23, 59, 59, 0, time.UTC), d(2024, dec, 31)},
		// The instant's own zone does not matter, only London's.
		{time.Date(2024, jul, 1, 8, 0, 0, 0, time.FixedZone("AEST", 10*3600)), d(2024, jun, 30)},
		// Clocks go forward at 01:00 UTC on Sunday 31 March 2024.
		{time.Date(2024, mar, 30, 23, 59, 0, 0, time.UTC), d(2024, mar, 30)},
		{time.Date(2024, mar, 31, 23, 0, 0, 0, time.UTC), d(2024, apr, 1)},
	}
	for _, tt := range tests {
		if got := DateOf(tt.t); got != tt.want {
			t.Errorf("DateOf(%v) = %s, want %s", tt.t, got, tt.want)
		}
	}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if got := DateIn(time.Date(2024, jul, 1, 2, 0, 0, 0, time.UTC), ny); got != d(2024, jun, 30) {
		t.Errorf("DateIn(New York) = %s, want 2024-06-30", got)
	}
	start := d(2024, mar, 31).In(time.UTC)
	if want := time.Date(2024, mar, 31, 0, 0, 0, 0, time.UTC); !start.Equal(want) {
		t.Errorf("In(UTC) = %v, want %v", start, want)
	}
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		{d(1970, jan, 1), time.Thursday},
		{d(1969, dec, 31), time.Wednesday},
		{d(1978, jan, 1), time.Sunday},
		{d(2000, feb, 29), time.Tuesday},
		{d(2024, mar, 28), time.Thursday},
		{d(2022, dec, 25), time.Sunday},
		{d(2026, dec, 26), time.Saturday},
		{d(2099, dec, 31), time.Thursday},
		{d(1, jan, 1), time.Monday},
		{d(9999, dec, 31), time.Friday},
	}
	for _, tt := range tests {
		if got := tt.d.Weekday(); got != tt.want {
			t.Errorf("%s.Weekday() = %s, want %s", tt.d, got, tt.want)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{d(2024, mar, 28), 0, d(2024, mar, 28)},
		{d(2024, mar, 28), 5, d(2024, apr, 2)},
		{d(2024, feb, 28), 1, d(2024, feb, 29)},
		{d(2023, feb, 28), 1, d(2023, mar, 1)},
		{d(2023, dec, 31), 1, d(2024, jan, 1)},
		{d(2024, jan, 1), -1, d(2023, dec, 31)},
		{d(1970, jan, 1), -1, d(1969, dec, 31)},
		{d(1978, jan, 1), 44559, d(2099, dec, 31)},
		{d(2000, mar, 1), -1, d(2000, feb, 29)},
		{d(1900, mar, 1), -1, d(1900, feb, 28)},
	}
	for _, tt := range tests {
		if got := tt.d.AddDays(tt.n); got != tt.want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.d, tt.n, got, tt.want)
		}
		// DaysSince is the inverse of AddDays: check both directions.
		if got := tt.want.DaysSince(tt.d); got != tt.n {
			t.Errorf("%s.DaysSince(%s) = %d, want %d", tt.want, tt.d, got, tt.n)
		}
	}
}

// Before and After test the difference Compare takes the sign of: they
// agree with Compare for dates that differ in each field, by one and by
// much, including fields no valid date has.
func TestBeforeAfterMatchCompare(t *testing.T) {
	var dates []Date
	for _, y := range []int{-5, 0, 1, 2023, 2024, 9999, 10000} {
		for _, m := range []time.Month{0, 1, 2, 12, 13} {
			for _, day := range []int{-1, 0, 1, 28, 29, 31, 40} {
				dates = append(dates, Date{y, m, day})
			}
		}
	}
	for _, a := range dates {
		for _, b := range dates {
			c := a.Compare(b)
			if a.Before(b) != (c < 0) || a.After(b) != (c > 0) {
				t.Fatalf("%v against %v: Compare %d, Before %v, After %v", a, b, c, a.Before(b), a.After(b))
			}
		}
	}
}

func TestDateCompare(t *testing.T) {
	a, b := d(2024, mar, 28), d(2024, apr, 2)
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare is wrong")
	}
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Before(a) {
		t.Error("Before/After is wrong")
	}
	if d(2023, dec, 31).Compare(d(2024, jan, 1)) != -1 || d(2024, feb, 1).Compare(d(2024, jan, 31)) != 1 {
		t.Error("Compare across months or years is wrong")
	}
	if !(Date{}).IsZero() || d(2024, jan, 1).IsZero() || (Date{}).IsValid() {
		t.Error("zero Date must be zero and not valid")
	}
	if got := NewDate(2023, feb, 30); got != (Date{2023, feb, 30}) || got.IsValid() {
		t.Errorf("NewDate(2023, 2, 30) = %v, valid %v; want it kept as written and invalid", got, got.IsValid())
	}
}

func TestDaysIn(t *testing.T) {
	got := make([]int, 0, 12)
	for m := jan; m <= dec; m++ {
		got = append(got, DaysIn(2024, m))
	}
	want := []int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DaysIn(2024, ...) mismatch (-want +got):\n%s", diff)
	}
	for y, want := range map[int]int{2023: 28, 2000: 29, 1900: 28, 2100: 28, 2096: 29} {
		if got := DaysIn(y, feb); got != want {
			t.Errorf("DaysIn(%d, February) = %d, want %d", y, got, want)
		}
	}
}

// daysSinceEpoch's shortcut for the years ISO 8601 can write gives the era
// method's number for every month and any day, even one past the month's
// end, and the era method is left for the rest.
func TestDaysSinceEpochShortcut(t *testing.T) {
	for y := -2; y <= 10002; y++ {
		for m := time.Month(-1); m <= 14; m++ {
			for _, day := range []int{-40, 0, 1, 28, 29, 30, 31, 32, 400} {
				d := Date{y, m, day}
				if got, want := daysSinceEpoch(d), daysSinceEpochEra(d); got != want {
					t.Fatalf("daysSinceEpoch(%v) = %d, want %d", d, got, want)
				}
			}
		}
	}
}

// TestAddDaysShortcut: AddDays's shortcut within a month gives what the day
// count gives, for steps of up to a month each way from every day of
// several years, and for dates that are not valid.
func TestAddDaysShortcut(t *testing.T) {
	count := func(d Date, n int) Date { return dateFromDays(daysSinceEpoch(d) + int64(n)) }
	for d := (Date{Year: 1999, Month: 1, Day: 1}); d.Year < 2005; d = count(d, 1) {
		for _, n := range []int{-31, -28, -27, -2, -1, 0, 1, 2, 27, 28, 31} {
			if got, want := d.AddDays(n), count(d, n); got != want {
				t.Errorf("%v.AddDays(%d) = %v, want %v", d, n, got, want)
			}
		}
	}
	for _, d := range []Date{{Year: 2023, Month: 2, Day: 30}, {Year: 2023, Month: 13, Day: 5}, {Year: 2023, Month: 0, Day: 5},
		{Year: 2023, Month: 4, Day: 0}, {Year: -5, Month: 3, Day: 2}, {Year: 2023, Month: 6, Day: 31}} {
		for _, n := range []int{-1, 1} {
			if got, want := d.AddDays(n), count(d, n); got != want {
				t.Errorf("%#v.AddDays(%d) = %v, want %v", d, n, got, want)
			}
		}
	}
}
