package timescales_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
	"pgregory.net/rapid"
)

// dateGen draws valid dates in [from, to].
func dateGen(from, to holidays.Date) *rapid.Generator[holidays.Date] {
	return rapid.Custom(func(t *rapid.T) holidays.Date {
		return from.AddDays(rapid.IntRange(0, to.DaysSince(from)).Draw(t, "day"))
	})
}

// anchors are dates on which the 2023 edition is in force, so that every
// rule drawn from it applies.
var anchors = dateGen(d(2023, 12, 15), d(2080, 12, 31))

func nationalRuleGen(t *rapid.T) timescales.Rule {
	rules, err := timescales.National().Rules(2023)
	if err != nil {
		t.Fatal(err)
	}
	return rapid.SampledFrom(rules).Draw(t, "rule")
}

func TestPropWorkingDayDeadline(t *testing.T) {
	cal := holidays.EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		anchor := dateGen(d(1980, 1, 1), d(2095, 12, 31)).Draw(t, "anchor")
		n := rapid.IntRange(1, 300).Draw(t, "days")
		before := rapid.Bool().Draw(t, "before")
		due, err := timescales.DueDate(cal, timescales.Bound{N: n, Unit: timescales.WorkingDays, Before: before}, anchor)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := cal.IsWorkday(due); !ok {
			t.Fatalf("%s %+d working days = %s, not a working day", anchor, n, due)
		}
		if !before && !due.After(anchor) || before && !due.Before(anchor) {
			t.Fatalf("%s, %d working days (before=%v) = %s, on the wrong side", anchor, n, before, due)
		}
		if got, _ := cal.WorkdaysBetween(anchor, due); !before && got != n {
			t.Fatalf("WorkdaysBetween(%s, %s) = %d, want %d", anchor, due, got, n)
		}
	})
}

func TestPropCalendarMonthsNeverOverflow(t *testing.T) {
	cal := holidays.EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		anchor := dateGen(d(1980, 1, 1), d(2090, 12, 31)).Draw(t, "anchor")
		n := rapid.IntRange(0, 60).Draw(t, "months")
		due, err := timescales.DueDate(cal, timescales.Bound{N: n, Unit: timescales.CalendarMonths}, anchor)
		if err != nil {
			t.Fatal(err)
		}
		wantMonth := time.Month((int(anchor.Month)-1+n)%12 + 1)
		wantYear := anchor.Year + (int(anchor.Month)-1+n)/12
		if due.Month != wantMonth || due.Year != wantYear {
			t.Fatalf("%s + %d months = %s: overflowed out of %d-%02d", anchor, n, due, wantYear, wantMonth)
		}
		last := holidays.DaysIn(wantYear, wantMonth)
		if want := min(anchor.Day, last); due.Day != want {
			t.Fatalf("%s + %d months = %s, want day %d", anchor, n, due, want)
		}
	})
}

// TestPropTightenedNeverLater checks WithLocal's comparison against the
// calendar itself: whatever local bound it accepts falls on or before the
// national due date for every anchor drawn.
func TestPropTightenedNeverLater(t *testing.T) {
	cal := holidays.EnglandAndWales()
	units := []timescales.Unit{timescales.WorkingDays, timescales.CalendarDays, timescales.CalendarMonths}
	rapid.Check(t, func(t *rapid.T) {
		nat := nationalRuleGen(t)
		if !nat.Statutory || nat.Bound.Unit == timescales.AsSoonAsPossible || nat.Bound.Unit == timescales.YearsOfAge {
			t.Skip("no fixed bound to compare")
		}
		b := timescales.Bound{
			Unit:   rapid.SampledFrom(units).Draw(t, "unit"),
			N:      rapid.IntRange(0, 200).Draw(t, "n"),
			Before: rapid.Bool().Draw(t, "before"),
		}
		book, err := timescales.National().WithLocal(localRule(nat.ID, b))
		if err != nil {
			var lo *timescales.LooserThanNationalError
			var ic *timescales.IncomparableBoundsError
			if !errors.As(err, &lo) && !errors.As(err, &ic) {
				t.Fatalf("WithLocal(%s %s): unexpected %v", nat.ID, b, err)
			}
			return
		}
		anchor := dateGen(d(2024, 1, 1), d(2090, 12, 31)).Draw(t, "anchor")
		local, err := book.Deadline(cal, nat.ID, anchor)
		if err != nil {
			t.Fatal(err)
		}
		national, err := timescales.National().Deadline(cal, nat.ID, anchor)
		if err != nil {
			t.Fatal(err)
		}
		if local.Due.After(national.Due) {
			t.Fatalf("local %s (%s) due %s after national %s due %s from %s", nat.ID, b, local.Due, nat.Bound, national.Due, anchor)
		}
	})
}

func TestPropDueDateItselfIsOnDueDate(t *testing.T) {
	cal := holidays.EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		r := nationalRuleGen(t)
		if r.Bound.Unit == timescales.AsSoonAsPossible {
			t.Skip("no due date")
		}
		dl, err := timescales.National().Deadline(cal, r.ID, anchors.Draw(t, "anchor"))
		if err != nil {
			t.Fatal(err)
		}
		v, err := dl.Judge(cal, dl.Due, "")
		if err != nil {
			t.Fatal(err)
		}
		if v.Result != timescales.OnDueDate || !v.InTime() || v.WorkdaysLate != 0 {
			t.Fatalf("Judge(due date %s) = %+v", dl.Due, v)
		}
		// Any later date is late by the same working days, whatever the
		// bound's unit, whether the target happened then or is still
		// pending: one measure of lateness.
		later := dl.Due.AddDays(rapid.IntRange(1, 400).Draw(t, "daysAfter"))
		done, err := dl.Judge(cal, later, "")
		if err != nil {
			t.Fatal(err)
		}
		pending, err := dl.JudgePending(cal, later)
		if err != nil {
			t.Fatal(err)
		}
		want, err := timescales.WorkdaysLate(cal, dl.Due, later)
		if err != nil {
			t.Fatal(err)
		}
		if done.Result != timescales.AfterDue || pending.Result != timescales.PastDue ||
			done.WorkdaysLate != want || pending.WorkdaysLate != want || want < 1 {
			t.Fatalf("on %s, %s after due %s: judged %+v, pending %+v, WorkdaysLate %d", later, dl.Rule.Bound, dl.Due, done, pending, want)
		}
	})
}

func TestPropJSONRoundTrip(t *testing.T) {
	cal := holidays.EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		r := nationalRuleGen(t)
		dl, err := timescales.National().Deadline(cal, r.ID, anchors.Draw(t, "anchor"))
		if err != nil {
			t.Fatal(err)
		}
		actual := dl.Anchor.AddDays(rapid.IntRange(0, 400).Draw(t, "after"))
		if r.Bound.Unit == timescales.YearsOfAge {
			actual = dl.Due.AddDays(rapid.IntRange(-30, 30).Draw(t, "around"))
		}
		v, err := dl.Judge(cal, actual, rapid.SampledFrom([]string{"", "family unavailable"}).Draw(t, "reason"))
		if err != nil {
			t.Fatal(err)
		}
		roundTrip(t, dl.Rule)
		roundTrip(t, dl)
		roundTrip(t, v)
	})
}

func roundTrip[T any](t *rapid.T, v T) {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("Marshal(%+v): %v", v, err)
	}
	var got T
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("Unmarshal(%s): %v", b, err)
	}
	if diff := cmp.Diff(v, got); diff != "" {
		t.Fatalf("JSON round trip of %s mismatch (-want +got):\n%s", b, diff)
	}
}

// TestPropRuleInForce checks which edition's rule judges a clock: the rule
// applies from its own in-force date or else its edition's, on or before the
// anchor, and no newer edition has a version of the rule in force by then.
func TestPropRuleInForce(t *testing.T) {
	cal := holidays.EnglandAndWales()
	book := timescales.National()
	eds := book.Editions()
	inForce := func(e timescales.Edition, id timescales.RuleID) (holidays.Date, bool) {
		for _, r := range e.Rules {
			if r.ID == id {
				if !r.InForce.IsZero() {
					return r.InForce, true
				}
				return e.InForce, true
			}
		}
		return e.InForce, false
	}
	rapid.Check(t, func(t *rapid.T) {
		r := nationalRuleGen(t)
		if r.Bound.Unit == timescales.YearsOfAge {
			t.Skip("judged by the birthday, not the anchor")
		}
		anchor := dateGen(d(2013, 4, 15), d(2030, 12, 31)).Draw(t, "anchor")
		dl, err := book.Deadline(cal, r.ID, anchor)
		var ue *timescales.UnknownRuleError
		for _, e := range eds {
			from, has := inForce(e, r.ID)
			if anchor.Before(from) {
				continue
			}
			// The first edition (newest first) in force on the anchor for
			// this rule decides: it judges, or it lacks the rule.
			switch {
			case has && (err != nil || dl.Edition != e.Year || dl.Rule.ID != r.ID):
				t.Fatalf("%s on %s: edition %d, %v; want edition %d", r.ID, anchor, dl.Edition, err, e.Year)
			case !has && (!errors.As(err, &ue) || ue.Edition != e.Year):
				t.Fatalf("%s on %s: %v; want the %d edition to lack it", r.ID, anchor, err, e.Year)
			}
			return
		}
		t.Fatalf("%s on %s: no edition in force", r.ID, anchor)
	})
}
