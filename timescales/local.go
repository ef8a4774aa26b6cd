package timescales

import (
	"slices"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
)

// WithLocal returns a rulebook with a local protocol laid over every edition
// (paragraph 141 of the 2023 edition: local protocols for assessment). Each
// rule is marked Local and either overrides the national rule with the same
// ID or, with a new ID, adds a local timescale under its own citation.
//
// A local protocol may tighten a timescale but may not loosen a statutory
// one, in any edition that sets it. The comparison, bound against bound:
//
//   - Same unit and direction: the number decides (10 working days is
//     tighter than 15; 9 working days before is tighter than 7 before).
//   - A national "as soon as possible" has no fixed bound, so any bound is at
//     least as tight; a local "as soon as possible" in place of a fixed bound
//     is looser.
//   - An age bound compares only with an age bound.
//   - Otherwise the two are compared over every anchor date of a 400-year
//     Gregorian cycle. The local bound is at least as tight when, whatever
//     holidays the calendar holds, it never falls later: holidays only push a
//     working-day deadline later (earlier, for a "before" bound), so 14 days is
//     accepted against 15 working days, which span at least 19 days. It is
//     looser when it falls later for some anchor even with no holidays at all:
//     20 days against 15 working days (from a Sunday, with no holiday, 15
//     working days end on the 19th day). Between the two, where only holidays
//     could make it later (3 working days against 7 days, which Christmas
//     can break), the pair is incomparable.
//
// Overriding a non-statutory national rule (the rapid review) is not
// checked. A rule that no edition sets nationally is added to every edition.
//
// The result is whole or nothing: on error no rulebook is returned and the
// receiver is unchanged. The error is a *[LocalRuleError] for an unsound rule,
// a *[LooserThanNationalError] or an *[IncomparableBoundsError].
func (b *Rulebook) WithLocal(rules ...Rule) (*Rulebook, error) {
	seen := make(map[RuleID]bool, len(rules))
	local := make([]Rule, len(rules))
	for i, r := range rules {
		r.Local = true
		if err := validateRule(r); err != nil {
			return nil, &LocalRuleError{Rule: r.ID, Message: err.Error()}
		}
		if seen[r.ID] {
			return nil, &LocalRuleError{Rule: r.ID, Message: "given twice in one protocol"}
		}
		seen[r.ID] = true
		for _, e := range b.editions {
			nat, ok := e.national[r.ID]
			if !ok || !nat.Statutory {
				continue
			}
			switch compareBounds(r.Bound, nat.Bound) {
			case looser:
				return nil, &LooserThanNationalError{Rule: r.ID, Edition: e.Year, National: nat.Bound, Local: r.Bound}
			case incomparable:
				return nil, &IncomparableBoundsError{Rule: r.ID, Edition: e.Year, National: nat.Bound, Local: r.Bound}
			}
		}
		local[i] = r
	}
	out := &Rulebook{pinned: b.pinned, editions: make([]edition, len(b.editions))}
	for i, e := range b.editions {
		ne := edition{Edition: e.Edition, byID: make(map[RuleID]int, len(e.byID)+len(local)), national: e.national}
		ne.Rules = slices.Clone(e.Rules)
		for id, j := range e.byID {
			ne.byID[id] = j
		}
		for _, r := range local {
			if j, ok := ne.byID[r.ID]; ok {
				if r.InForce.IsZero() {
					// Tightening a rule does not move the day it applies from.
					r.InForce = ne.Rules[j].InForce
				}
				ne.Rules[j] = r
				continue
			}
			ne.byID[r.ID] = len(ne.Rules)
			ne.Rules = append(ne.Rules, r)
		}
		ne.from = ownInForce(ne.Rules)
		out.editions[i] = ne
	}
	return out, nil
}

type tightness int

const (
	tighter      tightness = iota // never later, whatever the anchor and holidays
	looser                        // later for some anchor even with no holidays
	incomparable                  // only holidays could make it later, or different kinds of bound
)

// compareBounds says how a local bound stands against a national one; see
// [Rulebook.WithLocal] for the rules.
func compareBounds(local, national Bound) tightness {
	switch {
	case national.Unit == AsSoonAsPossible:
		return tighter
	case local.Unit == AsSoonAsPossible:
		return looser
	case local.Unit == YearsOfAge || national.Unit == YearsOfAge:
		if local.Unit != national.Unit {
			return incomparable
		}
		if local.N <= national.N {
			return tighter
		}
		return looser
	case local.Unit == national.Unit && local.Before == national.Before:
		// Each unit's arithmetic is monotone in N from a given anchor.
		if local.Before {
			if local.N >= national.N {
				return tighter
			}
			return looser
		}
		if local.N <= national.N {
			return tighter
		}
		return looser
	}
	// Weekdays repeat every 7 days; months and weekdays together every 400
	// years (146097 days, a whole number of weeks), so one cycle covers every
	// case.
	start := holidays.Date{Year: 2000, Month: time.January, Day: 1}
	l, n := newOffsetter(local, start), newOffsetter(national, start)
	days := 7
	if l.months || n.months {
		days = 146097
	}
	for i := range days {
		anchor := start.AddDays(i)
		if l.at(anchor, i) > n.at(anchor, i) {
			return looser
		}
	}
	// Never later without holidays. Holidays push a forward working-day
	// deadline later without limit, and a "before" one earlier: if that can
	// move the local deadline later or the national one earlier, nothing
	// more can be shown.
	if isHolidaySensitive(local, false) || isHolidaySensitive(national, true) {
		return incomparable
	}
	return tighter
}

// isHolidaySensitive reports whether holidays can move b's deadline in the
// direction that matters: later, for the local bound; earlier, for the
// national bound.
func isHolidaySensitive(b Bound, earlier bool) bool {
	return b.Unit == WorkingDays && b.N > 0 && b.Before == earlier
}

// An offsetter gives the calendar days from an anchor to a bound's deadline
// on a calendar whose only days off are Saturdays and Sundays. A day or
// working-day bound depends only on the anchor's weekday, so it is worked out
// once for each.
type offsetter struct {
	b         Bound
	months    bool
	byWeekday [7]int // by days since the cycle's start, modulo 7
}

func newOffsetter(b Bound, start holidays.Date) offsetter {
	o := offsetter{b: b, months: b.Unit == CalendarMonths}
	if !o.months {
		for i := range o.byWeekday {
			o.byWeekday[i] = weekdayOffset(b, start.AddDays(i))
		}
	}
	return o
}

// at returns the offset from anchor, the ith day of the cycle.
func (o offsetter) at(anchor holidays.Date, i int) int {
	if o.months {
		return weekdayOffset(o.b, anchor)
	}
	return o.byWeekday[i%7]
}

// weekdayOffset returns the calendar days from anchor to b's deadline on a
// calendar whose only days off are Saturdays and Sundays.
func weekdayOffset(b Bound, anchor holidays.Date) int {
	n := b.N
	if b.Before {
		n = -n
	}
	switch b.Unit {
	case CalendarDays:
		return n
	case CalendarMonths:
		return anchor.AddMonths(n).DaysSince(anchor)
	case WorkingDays:
		return addWeekdays(anchor, n).DaysSince(anchor)
	}
	// Not reached: compareBounds settles the other units first.
	return 0
}

// addWeekdays is AddWorkdays on a calendar with no holidays: whole weeks of
// five weekdays first, then at most five more weekdays one day at a time.
func addWeekdays(d holidays.Date, n int) holidays.Date {
	if n == 0 {
		return d
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	weeks := (n - 1) / 5
	d = d.AddDays(step * 7 * weeks)
	for left := n - 5*weeks; left > 0; {
		d = d.AddDays(step)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			left--
		}
	}
	return d
}
