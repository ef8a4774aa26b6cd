package timescales_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

func TestEditionFor(t *testing.T) {
	book := timescales.National()
	tests := []struct {
		anchor holidays.Date
		want   int
	}{
		{d(2023, 12, 15), 2023}, // the 2023 edition's first day
		{d(2023, 12, 14), 2018}, // the day before: still 2018
		{d(2018, 7, 4), 2018},
		{d(2018, 7, 3), 2015},
		{d(2015, 3, 26), 2015}, // published 26 March 2015
		{d(2015, 3, 25), 2013},
		{d(2013, 4, 15), 2013},
		{d(2030, 1, 1), 2023},
	}
	for _, tt := range tests {
		e, err := book.EditionFor(tt.anchor)
		if err != nil {
			t.Fatalf("EditionFor(%s): %v", tt.anchor, err)
		}
		if e.Year != tt.want {
			t.Errorf("EditionFor(%s) = %d, want %d", tt.anchor, e.Year, tt.want)
		}
		if y, err := book.EditionYear(tt.anchor); err != nil || y != tt.want {
			t.Errorf("EditionYear(%s) = %d, %v; want %d", tt.anchor, y, err, tt.want)
		}
	}
	if _, err := book.EditionYear(d(2013, 4, 14)); !errors.As(err, new(*timescales.NoEditionError)) {
		t.Errorf("EditionYear before the oldest edition: %v, want *NoEditionError", err)
	}
	_, err := book.EditionFor(d(2013, 4, 14))
	var ne *timescales.NoEditionError
	if !errors.As(err, &ne) || ne.Date != d(2013, 4, 14) {
		t.Fatalf("EditionFor before the oldest edition: %v, want *NoEditionError for 2013-04-14", err)
	}
	if got, want := err.Error(), "timescales: no edition in force on 2013-04-14"; got != want {
		t.Errorf("error = %q, want %q", got, want)
	}
	_, err = book.Deadline(holidays.EnglandAndWales(), timescales.ICPC, d(2010, 6, 1))
	if !errors.As(err, &ne) {
		t.Errorf("Deadline before the oldest edition: %v, want *NoEditionError", err)
	}
	// An age rule is judged by the edition in force on the birthday: born
	// 1 May 1994, 18 on 1 May 2012, before any edition in the rulebook.
	_, err = book.Deadline(holidays.EnglandAndWales(), timescales.PlanEndsAt18, d(1994, 5, 1))
	if !errors.As(err, &ne) || ne.Date != d(2012, 5, 1) {
		t.Errorf("age rule before the oldest edition: %v, want *NoEditionError for 2012-05-01", err)
	}
}

func TestPin(t *testing.T) {
	cal := holidays.EnglandAndWales()
	pinned, err := timescales.National().Pin(2018)
	if err != nil {
		t.Fatal(err)
	}
	// In 2024 the 2023 edition is in force, but the pinned book judges by 2018.
	dl, err := pinned.Deadline(cal, timescales.ICPC, d(2024, 3, 28))
	if err != nil {
		t.Fatal(err)
	}
	if dl.Edition != 2018 || dl.Rule.Citation.Edition != "Working Together to Safeguard Children 2018" {
		t.Errorf("pinned deadline from edition %d citing %q", dl.Edition, dl.Rule.Citation.Edition)
	}
	// Pinned, even an anchor before every edition takes the pinned one.
	if e, err := pinned.EditionFor(d(2001, 1, 1)); err != nil || e.Year != 2018 {
		t.Errorf("pinned EditionFor(2001) = %d, %v", e.Year, err)
	}
	// The 2018 edition has no yearly report rule.
	_, err = pinned.Deadline(cal, timescales.YearlyReportPublished, d(2024, 3, 31))
	var ue *timescales.UnknownRuleError
	if !errors.As(err, &ue) || ue.Edition != 2018 || ue.ID != timescales.YearlyReportPublished {
		t.Errorf("2018 yearly report: %v, want *UnknownRuleError", err)
	}
	_, err = timescales.National().Pin(2014)
	var ne *timescales.NoEditionError
	if !errors.As(err, &ne) || ne.Year != 2014 {
		t.Errorf("Pin(2014): %v, want *NoEditionError", err)
	}
	// Pinning leaves the national book as it was.
	if dl, _ := timescales.National().Deadline(cal, timescales.ICPC, d(2024, 3, 28)); dl.Edition != 2023 {
		t.Errorf("National() judged by %d after Pin", dl.Edition)
	}
}

// TestAddMonthsCorrespondingDate checks the corresponding-date rule through
// DueDate with calendar-month bounds.
func TestAddMonthsCorrespondingDate(t *testing.T) {
	cal := holidays.EnglandAndWales()
	tests := []struct {
		anchor holidays.Date
		months int
		want   holidays.Date
	}{
		{d(2023, 11, 30), 3, d(2024, 2, 29)}, // last day of a leap February
		{d(2024, 11, 30), 3, d(2025, 2, 28)}, // last day of a common February
		{d(2023, 8, 31), 6, d(2024, 2, 29)},
		{d(2024, 8, 31), 6, d(2025, 2, 28)},
		{d(2024, 8, 31), 3, d(2024, 11, 30)}, // never 1 December
		{d(2024, 1, 31), 1, d(2024, 2, 29)},
		{d(2024, 2, 29), 12, d(2025, 2, 28)},
		{d(2024, 3, 31), 6, d(2024, 9, 30)},
		{d(2024, 5, 31), -3, d(2024, 2, 29)}, // backwards too
	}
	for _, tt := range tests {
		b := timescales.Bound{N: tt.months, Unit: timescales.CalendarMonths}
		if tt.months < 0 {
			b = timescales.Bound{N: -tt.months, Unit: timescales.CalendarMonths, Before: true}
		}
		got, err := timescales.DueDate(cal, b, tt.anchor)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("%s %+d months = %s, want %s", tt.anchor, tt.months, got, tt.want)
		}
	}
}

func TestBirthday(t *testing.T) {
	tests := []struct {
		birth holidays.Date
		age   int
		want  holidays.Date
	}{
		{d(2008, 2, 29), 18, d(2026, 3, 1)},
		{d(2004, 2, 29), 18, d(2022, 3, 1)},  // 2022 is a common year
		{d(2000, 2, 29), 16, d(2016, 2, 29)}, // a leap year: the day itself
		{d(2005, 12, 31), 18, d(2023, 12, 31)},
	}
	for _, tt := range tests {
		if got := timescales.Birthday(tt.birth, tt.age); got != tt.want {
			t.Errorf("Birthday(%s, %d) = %s, want %s", tt.birth, tt.age, got, tt.want)
		}
	}
	// An invalid birth date is an error through DueDate, never a guess.
	_, err := timescales.DueDate(holidays.EnglandAndWales(), timescales.Bound{N: 18, Unit: timescales.YearsOfAge}, d(2006, 2, 29))
	if !errors.As(err, new(*holidays.InvalidDateError)) {
		t.Errorf("DueDate from 29 Feb 2006: %v, want *holidays.InvalidDateError", err)
	}
}

// A bad anchor is refused with the calendar's own error whatever the unit
// of the bound: a working-day bound, which leaves the check to
// AddWorkdays, included.
func TestDueDateBadAnchor(t *testing.T) {
	cal := holidays.EnglandAndWales()
	units := []timescales.Unit{timescales.WorkingDays, timescales.CalendarDays, timescales.CalendarMonths,
		timescales.YearsOfAge, timescales.AsSoonAsPossible}
	for _, anchor := range []holidays.Date{d(2023, 2, 30), d(2024, 13, 1), d(1900, 1, 1), d(2200, 6, 1), {}} {
		_, want := cal.IsWorkday(anchor)
		for _, u := range units {
			for _, n := range []int{0, 1, 45} {
				_, err := timescales.DueDate(cal, timescales.Bound{N: n, Unit: u}, anchor)
				if fmt.Sprint(err) != fmt.Sprint(want) {
					t.Errorf("DueDate(%d %s from %s): %v, want %v", n, u, anchor, err, want)
				}
			}
		}
	}
}

func TestNewRulebookRejects(t *testing.T) {
	good := timescales.Rule{ID: "x", Name: "x", Anchor: "a", Target: "t",
		Bound: timescales.Bound{N: 1, Unit: timescales.WorkingDays}, Citation: timescales.Citation{Edition: "e"}}
	bad := func(mut func(*timescales.Rule)) timescales.Rule { r := good; mut(&r); return r }
	tests := []struct {
		name string
		eds  []timescales.Edition
	}{
		{"no citation", []timescales.Edition{{Year: 1, InForce: d(2000, 1, 1), Rules: []timescales.Rule{bad(func(r *timescales.Rule) { r.Citation = timescales.Citation{} })}}}},
		{"unknown unit", []timescales.Edition{{Year: 1, InForce: d(2000, 1, 1), Rules: []timescales.Rule{bad(func(r *timescales.Rule) { r.Bound.Unit = "fortnights" })}}}},
		{"age before", []timescales.Edition{{Year: 1, InForce: d(2000, 1, 1), Rules: []timescales.Rule{bad(func(r *timescales.Rule) { r.Bound = timescales.Bound{N: 18, Unit: timescales.YearsOfAge, Before: true} })}}}},
		{"duplicate", []timescales.Edition{{Year: 1, InForce: d(2000, 1, 1), Rules: []timescales.Rule{good, good}}}},
		{"bad date", []timescales.Edition{{Year: 1, InForce: d(2000, 2, 30)}}},
		{"same year", []timescales.Edition{{Year: 1, InForce: d(2000, 1, 1)}, {Year: 1, InForce: d(2001, 1, 1)}}},
		{"misnamed", []timescales.Edition{{Year: 2, InForce: d(2000, 1, 1)}, {Year: 1, InForce: d(2001, 1, 1)}}},
	}
	for _, tt := range tests {
		b, err := timescales.NewRulebook(tt.eds)
		if b != nil || !errors.As(err, new(*timescales.EditionError)) {
			t.Errorf("%s: NewRulebook = %v, %v; want nil, *EditionError", tt.name, b, err)
		}
	}
}

func TestRulesOrderIsStable(t *testing.T) {
	a, _ := timescales.National().Rules(2023)
	b, _ := timescales.National().Rules(2023)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("Rules differs between calls (-first +second):\n%s", diff)
	}
	a[0].Name = "changed"
	if c, _ := timescales.National().Rules(2023); c[0].Name == "changed" {
		t.Fatal("Rules returned the rulebook's own slice")
	}
}

// TestDeadlineIfSet holds DeadlineIfSet to Deadline across the editions:
// the same deadline where the applicable edition sets the rule, and ok false
// with that edition's year and no error where Deadline gives an
// *UnknownRuleError (the child seen rule before the 2023 edition came into
// force on 15 December 2023), or Deadline's error otherwise.
func TestDeadlineIfSet(t *testing.T) {
	cal := holidays.EnglandAndWales()
	pinned, err := timescales.National().Pin(2018)
	if err != nil {
		t.Fatal(err)
	}
	books := map[string]*timescales.Rulebook{"national": timescales.National(), "pinned 2018": pinned}
	anchors := []holidays.Date{
		{Year: 2012, Month: 1, Day: 3},   // before every edition
		{Year: 2018, Month: 6, Day: 30},  // serious incidents by 2018, the rest by 2015
		{Year: 2020, Month: 2, Day: 29},  // 2018 edition
		{Year: 2023, Month: 12, Day: 14}, // the day before the 2023 edition
		{Year: 2023, Month: 12, Day: 15}, // 2023 edition
		{Year: 2008, Month: 2, Day: 29},  // a birth date: 18 in 2026
	}
	ids := []timescales.RuleID{timescales.ChildSeen, timescales.Assessment, timescales.PlanEndsAt18, timescales.SeriousIncidentNotice, "no-such-rule"}
	unknown := 0
	for name, book := range books {
		for _, id := range ids {
			for _, at := range anchors {
				want, wantErr := book.Deadline(cal, id, at)
				got, ok, err := book.DeadlineIfSet(cal, id, at)
				var ue *timescales.UnknownRuleError
				switch {
				case errors.As(wantErr, &ue):
					unknown++
					if ok || err != nil || got.Edition != ue.Edition {
						t.Errorf("%s: DeadlineIfSet(%s, %s) = edition %d, %v, %v; want edition %d, false, nil", name, id, at, got.Edition, ok, err, ue.Edition)
					}
				case wantErr != nil:
					if ok || err == nil || err.Error() != wantErr.Error() {
						t.Errorf("%s: DeadlineIfSet(%s, %s) = %v, %v; want false, %v", name, id, at, ok, err, wantErr)
					}
				default:
					if !ok || err != nil {
						t.Errorf("%s: DeadlineIfSet(%s, %s) = %v, %v; want true, nil", name, id, at, ok, err)
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s: DeadlineIfSet(%s, %s) (-want +got):\n%s", name, id, at, diff)
					}
				}
			}
		}
	}
	if unknown == 0 {
		t.Fatal("no anchor fell in an edition without the rule")
	}
}

// TestDeadlineIfSetDoesNotAllocate: a host replaying millions of cases from
// before 2023 asks for the child seen clock of each, which the edition in
// force lacks; that answer must cost no allocation.
func TestDeadlineIfSetDoesNotAllocate(t *testing.T) {
	cal, book := holidays.EnglandAndWales(), timescales.National()
	at := holidays.Date{Year: 2020, Month: 3, Day: 2}
	allocs := testing.AllocsPerRun(100, func() {
		if _, ok, err := book.DeadlineIfSet(cal, timescales.ChildSeen, at); ok || err != nil {
			t.Fatalf("child seen on %s: %v, %v; want false, nil", at, ok, err)
		}
	})
	if allocs != 0 {
		t.Errorf("DeadlineIfSet allocates %v times for a rule the edition lacks; want 0", allocs)
	}
}
