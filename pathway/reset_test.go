package pathway

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
	"pgregory.net/rapid"
)

// drawCase draws a birth date (or none) and a run of events, some refused.
func drawCase(t *rapid.T, label string) (holidays.Date, []Event) {
	var birth holidays.Date
	if rapid.Bool().Draw(t, label+"hasBirth") {
		birth = d(rapid.IntRange(1995, 2024).Draw(t, label+"birthYear"), 3, rapid.IntRange(1, 31).Draw(t, label+"birthDay"))
	}
	stage := StageNew
	last := d(rapid.IntRange(2014, 2030).Draw(t, label+"year"), 1, rapid.IntRange(1, 28).Draw(t, label+"day"))
	n := rapid.IntRange(0, 30).Draw(t, label+"events")
	events := make([]Event, n)
	for i := range events {
		events[i], _ = drawEvent(t, stage, last)
		if to, ok := modelNext(stage, events[i]); ok && !events[i].Date.Before(last) {
			stage, last = to, events[i].Date
		}
	}
	return birth, events
}

// applyAll applies the events in turn, returning each one's error.
func applyAll(c *Case, events []Event) []string {
	errs := make([]string, len(events))
	for i, e := range events {
		if err := c.Apply(e); err != nil {
			errs[i] = err.Error()
		}
	}
	return errs
}

// A case reused with Reset gives exactly what a new case gives: the same
// refusals, the same state, field by field, and the same deadlines. Nothing
// of the case before leaks into it: not its labels (read from a log), its
// events, clocks, reasons, birth date or rulebook.
func TestResetMatchesNew(t *testing.T) {
	pinned, err := timescales.National().Pin(2018)
	if err != nil {
		t.Fatal(err)
	}
	books := []*timescales.Rulebook{timescales.National(), pinned}
	rapid.Check(t, func(t *rapid.T) {
		birth0, events0 := drawCase(t, "before")
		book0 := books[rapid.IntRange(0, 1).Draw(t, "bookBefore")]
		reused, err := Replay(Log{ID: "before", BirthDate: birth0, Labels: map[string]string{"team": "North"}}, WithRulebook(book0))
		if err != nil {
			t.Skip("birth date outside the calendar")
		}
		applyAll(reused, events0)
		earlier := reused.Clone()

		birth, events := drawCase(t, "after")
		opts := []Option{WithBirthDate(birth), WithRulebook(books[rapid.IntRange(0, 1).Draw(t, "book")])}
		fresh, errNew := New("after", opts...)
		errReset := reused.Reset("after", opts...)
		if (errNew == nil) != (errReset == nil) {
			t.Fatalf("New: %v, Reset: %v", errNew, errReset)
		}
		if errNew != nil {
			// A refused Reset leaves the case as it was.
			if diff := cmp.Diff(earlier, reused, caseComparer()); diff != "" {
				t.Fatalf("refused Reset changed the case (-before +after):\n%s", diff)
			}
			return
		}
		if diff := cmp.Diff(applyAll(fresh, events), applyAll(reused, events)); diff != "" {
			t.Fatalf("refusals differ (-new +reused):\n%s", diff)
		}
		if diff := cmp.Diff(fresh, reused, caseComparer()); diff != "" {
			t.Fatalf("reused case differs (-new +reused):\n%s", diff)
		}
		if reused.Labels() != nil {
			t.Fatalf("labels of the case before leaked: %v", reused.Labels())
		}
		asOf := d(2031, 1, 1)
		if len(events) > 0 {
			asOf = events[len(events)-1].Date.AddDays(rapid.IntRange(-30, 60).Draw(t, "asOf"))
		}
		want, errWant := fresh.Deadlines(asOf)
		got, errGot := reused.Deadlines(asOf)
		if diff := cmp.Diff(want, got); diff != "" || (errWant == nil) != (errGot == nil) {
			t.Fatalf("deadlines as of %s differ (%v, %v) (-new +reused):\n%s", asOf, errWant, errGot, diff)
		}
		// The clone taken before the Reset keeps the labels it shares.
		if got := earlier.Label("team"); got != "North" {
			t.Fatalf("clone's label team = %q after Reset, want North", got)
		}
	})
}

// A Reset refused for a birth date outside the calendar leaves the case as
// it was; one accepted forgets the reasons the case held.
func TestResetRefused(t *testing.T) {
	c, err := Replay(typicalLog(0))
	if err != nil {
		t.Fatal(err)
	}
	before := c.Clone()
	if err := c.Reset("x", WithBirthDate(d(1066, 10, 14))); err == nil {
		t.Fatal("birth date in 1066 accepted")
	}
	if diff := cmp.Diff(before, c, caseComparer()); diff != "" {
		t.Fatalf("refused Reset changed the case (-before +after):\n%s", diff)
	}
	reasons := c.reasons[:cap(c.reasons)]
	if err := c.Reset("x"); err != nil {
		t.Fatal(err)
	}
	for i, r := range reasons {
		if r != "" {
			t.Fatalf("reason %d %q still held after Reset", i, r)
		}
	}
}

// A case keeps its calendar's range packed, which apply checks an event's
// date against instead of asking the calendar: New, Reset, Replay and Clone
// each leave it the range of the case's calendar, and an event just outside
// the range is refused as the calendar refuses it.
func TestSpanIsCalendarRange(t *testing.T) {
	cal, err := holidays.EnglandAndWales().WithClosures([]holidays.Holiday{{Date: holidays.Date{Year: 2024, Month: 12, Day: 27}, Name: "closure", Closure: true}})
	if err != nil {
		t.Fatal(err)
	}
	first, last := cal.Range()
	want := [2]day{packDay(first), packDay(last)}
	fresh, err := New("new", WithCalendar(cal))
	if err != nil {
		t.Fatal(err)
	}
	reset := &Case{}
	if err := reset.Reset("reset", WithCalendar(cal)); err != nil {
		t.Fatal(err)
	}
	replayed, err := Replay(Log{ID: "replay"}, WithCalendar(cal))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []*Case{fresh, reset, replayed, replayed.Clone()} {
		if c.span != want {
			t.Errorf("%s: span %v, want %v", c.ID(), c.span, want)
		}
	}
	// The date's own range error, not one of the due date of the clock the
	// referral starts (which at the range's ends falls outside it).
	for _, c := range []*Case{fresh, {}} {
		for _, d := range []holidays.Date{first, last, first.AddDays(-1), last.AddDays(1)} {
			_, want := cal.IsWorkday(d)
			err := c.Clone().Apply(Event{Type: ReferralReceived, Date: d})
			var re *holidays.RangeError
			if refused := errors.As(err, &re) && re.Workdays == 0 && re.Date == d; refused != (want != nil) {
				t.Errorf("%q: referral on %s: %v; the calendar says %v", c.ID(), d, err, want)
			}
		}
	}
}

// A case copied with CloneInto over another equals its Clone, field by
// field, whatever dst held; the copy and the original are independent
// (events applied to one do not reach the other); and a clone of dst taken
// before is not affected.
func TestCloneIntoMatchesClone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		birth0, events0 := drawCase(t, "dst")
		dst, err := Replay(Log{ID: "dst", BirthDate: birth0, Labels: map[string]string{"team": "North"}})
		if err != nil {
			t.Skip("birth date outside the calendar")
		}
		applyAll(dst, events0)
		earlier := dst.Clone()
		birth, events := drawCase(t, "src")
		src, err := New("src", WithBirthDate(birth))
		if err != nil {
			t.Skip("birth date outside the calendar")
		}
		applyAll(src, events)
		if rapid.Bool().Draw(t, "reason") && src.Len() > 0 {
			src.reasons = append(src.reasons, "a reason")
		}
		src.CloneInto(dst)
		if diff := cmp.Diff(src.Clone(), dst, caseComparer()); diff != "" {
			t.Fatalf("CloneInto differs from Clone (-Clone +CloneInto):\n%s", diff)
		}
		if diff := cmp.Diff(earlier, earlier.Clone(), caseComparer()); diff != "" || earlier.Label("team") != "North" {
			t.Fatalf("a clone of dst taken before changed:\n%s", diff)
		}
		// Independent: events applied to the copy and then to the original
		// (different days, so that a log shared by both would show) leave
		// each as it was left.
		if dst.Apply(Event{Type: ReferralReceived, Date: d(2030, 6, 3)}) != nil {
			return
		}
		copied := dst.Clone()
		if src.Apply(Event{Type: ReferralReceived, Date: d(2030, 6, 4)}) != nil {
			return
		}
		if diff := cmp.Diff(copied, dst, caseComparer()); diff != "" {
			t.Fatalf("an event applied to the original reached the copy (-before +after):\n%s", diff)
		}
	})
}
