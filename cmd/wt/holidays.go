package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/workingtogether/safeguarding/holidays"
)

// jsonHoliday is the --json form of one holiday. Every field is always
// written, so that scripts can rely on the shape.
type jsonHoliday struct {
	Date        holidays.Date `json:"date"`
	Weekday     string        `json:"weekday"`
	Name        string        `json:"name"`
	Substitute  bool          `json:"substitute"`
	Provisional bool          `json:"provisional"`
}

// runHolidays lists the England and Wales holidays of each YEAR:
//
//	wt holidays [--json] YEAR...
func runHolidays(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("holidays")
	asJSON := fs.Bool("json", false, "print a JSON array")
	words, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(words) == 0 {
		return fail(stderr, errors.New("holidays: want at least one YEAR (usage: wt holidays [--json] YEAR...)"))
	}

	c := holidays.EnglandAndWales()
	first, last := c.Range()
	// Every year is checked before anything is printed: a bad argument gives
	// an error and no partial list.
	var list []holidays.Holiday
	for _, w := range words {
		year, ok := parseYear(w)
		if !ok {
			return fail(stderr, fmt.Errorf("holidays: %q is not a year", w))
		}
		if year < first.Year || year > last.Year {
			return fail(stderr, fmt.Errorf("holidays: year %d is outside the supported range %d to %d", year, first.Year, last.Year))
		}
		hs, err := c.Holidays(year)
		if err != nil {
			return fail(stderr, fmt.Errorf("holidays: %w", err))
		}
		list = append(list, hs...)
	}

	w := bufio.NewWriter(stdout)
	if *asJSON {
		out := make([]jsonHoliday, len(list))
		for i, h := range list {
			out[i] = jsonHoliday{h.Date, h.Date.Weekday().String(), h.Name, h.Substitute, h.Provisional}
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fail(stderr, fmt.Errorf("holidays: %w", err))
		}
		return flush(w, stderr, "holidays")
	}
	for _, h := range list {
		var marks []string
		if h.Substitute {
			marks = append(marks, "substitute")
		}
		if h.Provisional {
			marks = append(marks, "provisional")
		}
		note := ""
		if len(marks) > 0 {
			note = " (" + strings.Join(marks, ", ") + ")"
		}
		fmt.Fprintf(w, "%s  %-9s  %s%s\n", h.Date, h.Date.Weekday(), h.Name, note)
	}
	return flush(w, stderr, "holidays")
}

// parseYear accepts plain decimal digits only: "+2026" and " 2026" are typos
// more often than intentions.
func parseYear(s string) (int, bool) {
	if s == "" || len(s) > 4 || strings.TrimLeft(s, "0123456789") != "" {
		return 0, false
	}
	y, err := strconv.Atoi(s)
	return y, err == nil
}

// runWorkdays does working-day sums on the England and Wales calendar:
//
//	wt workdays add DATE N        the Nth working day after DATE (before, for negative N)
//	wt workdays between FROM TO   working days after FROM up to and including TO
func runWorkdays(args []string, stdout, stderr io.Writer) int {
	const use = "want add DATE N or between FROM TO"
	rest, code, ok := newFlags("workdays").parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) == 0 {
		return fail(stderr, errors.New("workdays: "+use))
	}
	c := holidays.EnglandAndWales()
	w := bufio.NewWriter(stdout)
	switch sub, rest := rest[0], rest[1:]; sub {
	case "add":
		if len(rest) != 2 {
			return fail(stderr, fmt.Errorf("workdays add: want DATE N, got %d arguments", len(rest)))
		}
		from, err := holidays.ParseDate(rest[0])
		if err != nil {
			return fail(stderr, fmt.Errorf("workdays add: %w", err))
		}
		n, err := strconv.Atoi(rest[1])
		if err != nil {
			return fail(stderr, fmt.Errorf("workdays add: %q is not a whole number of working days", rest[1]))
		}
		due, err := c.AddWorkdays(from, n)
		if err != nil {
			return fail(stderr, fmt.Errorf("workdays add: %w", err))
		}
		fmt.Fprintln(w, due)
	case "between":
		if len(rest) != 2 {
			return fail(stderr, fmt.Errorf("workdays between: want FROM TO, got %d arguments", len(rest)))
		}
		var dates [2]holidays.Date
		for i, s := range rest {
			d, err := holidays.ParseDate(s)
			if err != nil {
				return fail(stderr, fmt.Errorf("workdays between: %w", err))
			}
			dates[i] = d
		}
		n, err := c.WorkdaysBetween(dates[0], dates[1])
		if err != nil {
			return fail(stderr, fmt.Errorf("workdays between: %w", err))
		}
		fmt.Fprintln(w, n)
	default:
		return fail(stderr, fmt.Errorf("workdays: %w", &choiceError{What: "subcommand", Got: sub, Valid: []string{"add", "between"}}))
	}
	return flush(w, stderr, "workdays")
}
