package holidays

import (
	"fmt"
	"time"
)

// A ParseError reports text that is not an ISO 8601 calendar date (YYYY-MM-DD).
// It quotes the input, so a person can see the exact bytes, and keeps the
// reason apart, so a program can show it in its own words.
type ParseError struct {
	Input   string // the text as given
	Message string // why it is not a date, for example "month out of range"
}

// Error quotes the input and says why it is not a date.
func (e *ParseError) Error() string {
	return fmt.Sprintf("holidays: parsing date %q: %s", e.Input, e.Message)
}

// ParseDate parses an ISO 8601 calendar date in the extended form YYYY-MM-DD,
// exactly ten characters, as in "2024-03-28". Any other text, or a date that
// does not exist such as "2023-02-29", gives a *[ParseError].
func ParseDate(s string) (Date, error) {
	fail := func(msg string) (Date, error) { return Date{}, &ParseError{Input: s, Message: msg} }
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return fail("want the form YYYY-MM-DD")
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return fail("want the form YYYY-MM-DD")
	}
	if y == 0 {
		return fail("year out of range")
	}
	if m < 1 || m > 12 {
		return fail("month out of range")
	}
	if d < 1 || d > DaysIn(y, time.Month(m)) {
		return fail("day out of range")
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, nil
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// MarshalText implements [encoding.TextMarshaler]: the date as YYYY-MM-DD, so
// that encoding/json writes a Date as a JSON string. An invalid date is an
// *[InvalidDateError], because its text could not be read back.
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsValid() {
		return nil, &InvalidDateError{Date: d}
	}
	return d.appendISO(make([]byte, 0, 10)), nil
}

// AppendText implements [encoding.TextAppender]: it appends the date as
// [Date.MarshalText] writes it, so that a host writing millions of dates
// (a national census report) allocates none. An invalid date appends
// nothing and is an *[InvalidDateError].
func (d Date) AppendText(b []byte) ([]byte, error) {
	if !d.IsValid() {
		return b, &InvalidDateError{Date: d}
	}
	return d.appendISO(b), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] with [ParseDate].
func (d *Date) UnmarshalText(text []byte) error {
	parsed, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
