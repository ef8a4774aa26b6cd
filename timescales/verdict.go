package timescales

import (
	"github.com/workingtogether/safeguarding/holidays"
)

// A Result is how a date stands against a deadline. The names are the
// rulebook's own; the pathway package reports a case's clocks in its own
// words (met, late, missed, overdue) from these.
type Result string

// The results of [Deadline.Judge] and [Deadline.JudgePending].
const (
	BeforeDue Result = "before-due"  // the target happened before the due date
	OnDueDate Result = "on-due-date" // the target happened on the due date itself
	AfterDue  Result = "after-due"   // the target happened after the due date
	NotYetDue Result = "not-yet-due" // pending, and the due date has not passed
	PastDue   Result = "past-due"    // pending, and the due date has passed
	Elapsed   Result = "elapsed"     // an as-soon-as-possible rule: no verdict, only the time taken
)

// A Verdict judges a date against a deadline. Every count in it is of
// working days on the calendar it was judged on, whatever the unit of the
// rule's bound: a review due 3 calendar months after a conference is late by
// working days too, so that one case's lateness reads the same across rules.
type Verdict struct {
	Result Result `json:"result"`
	// WorkdaysLate is, for [AfterDue] and [PastDue], the working days after
	// the due date up to and including the date judged, and at least 1 (see
	// [WorkdaysLate]); 0 otherwise.
	WorkdaysLate int `json:"workdays_late,omitempty"`
	// WorkdaysLeft is, for [NotYetDue], the working days after the date
	// judged up to and including the due date: 0 on the due date itself.
	WorkdaysLeft int `json:"workdays_left,omitempty"`
	// Elapsed is, for an as-soon-as-possible rule, the working days from the
	// anchor to the date judged.
	Elapsed int `json:"elapsed,omitempty"`
	// Reason is the recorded reason for lateness, where one was given
	// (paragraph 155 of the 2023 edition requires one when an assessment runs
	// past 45 working days).
	Reason string `json:"reason,omitempty"`
}

// InTime reports whether the target was met, on the due date or before it.
// Any other result reports false.
func (v Verdict) InTime() bool { return v.Result == BeforeDue || v.Result == OnDueDate }

// Judge says whether the target, which happened on actual, met the deadline.
// reason is the recorded reason for any delay and is kept in the verdict
// whatever the result. An actual date before the anchor of a rule that runs
// forward from it is a *[BeforeAnchorError]; a date outside the calendar is a
// *[holidays.RangeError]; a Deadline with no due date that is not as soon as
// possible (the zero Deadline, say) is a *[NoDueDateError]. A nil cal means
// [holidays.EnglandAndWales]. Judge does not allocate unless it fails.
func (d Deadline) Judge(cal *holidays.Calendar, actual holidays.Date, reason string) (Verdict, error) {
	cal, elapsed, asap, err := d.start(cal, actual)
	// Each result is built where it is decided, rather than a verdict
	// copied through start and filled in: a host judges millions.
	switch c := actual.Compare(d.Due); {
	case err != nil:
		return Verdict{}, err
	case asap:
		return Verdict{Result: Elapsed, Elapsed: elapsed, Reason: reason}, nil
	case c < 0:
		return Verdict{Result: BeforeDue, Reason: reason}, nil
	case c == 0:
		return Verdict{Result: OnDueDate, Reason: reason}, nil
	}
	n, err := WorkdaysLate(cal, d.Due, actual)
	if err != nil {
		return Verdict{}, err
	}
	return Verdict{Result: AfterDue, WorkdaysLate: n, Reason: reason}, nil
}

// JudgePending says how a deadline stands on asOf when its target has not
// happened: [NotYetDue] with the working days left, [PastDue] with the
// working days late, or, for an as-soon-as-possible rule, [Elapsed] with the
// working days since the anchor. A host that judges a case as of a date, or
// a clock withdrawn on a date, takes its lateness from here rather than
// recomputing it. The errors are those of [Deadline.Judge].
func (d Deadline) JudgePending(cal *holidays.Calendar, asOf holidays.Date) (Verdict, error) {
	cal, elapsed, asap, err := d.start(cal, asOf)
	switch {
	case err != nil:
		return Verdict{}, err
	case asap:
		return Verdict{Result: Elapsed, Elapsed: elapsed}, nil
	case asOf.After(d.Due):
		n, err := WorkdaysLate(cal, d.Due, asOf)
		if err != nil {
			return Verdict{}, err
		}
		return Verdict{Result: PastDue, WorkdaysLate: n}, nil
	}
	n, err := cal.WorkdaysBetween(asOf, d.Due)
	if err != nil {
		return Verdict{}, err
	}
	return Verdict{Result: NotYetDue, WorkdaysLeft: n}, nil
}

// start checks a date to judge against the deadline, and works out the
// working days from the anchor to it for an as-soon-as-possible rule, which
// has no due date (asap is then true). It returns the calendar to judge on.
// It returns no Verdict, so that the judgements (millions, for a host
// replaying cases) do not copy one through it, and takes the deadline by
// pointer, so that a judgement copies the deadline and its rule once, not
// twice.
func (d *Deadline) start(cal *holidays.Calendar, date holidays.Date) (_ *holidays.Calendar, elapsed int, asap bool, err error) {
	if cal == nil {
		cal = holidays.EnglandAndWales()
	}
	if _, err := cal.IsWorkday(date); err != nil {
		return cal, 0, false, err
	}
	asap = d.Rule.Bound.Unit == AsSoonAsPossible
	if d.Due.IsZero() && !asap {
		return cal, 0, false, &NoDueDateError{Rule: d.Rule.ID}
	}
	// The dates first: a date judged is rarely before the anchor, and the
	// unit is then not compared.
	if date.Before(d.Anchor) && !d.Rule.Bound.Before && d.Rule.Bound.Unit != YearsOfAge {
		return cal, 0, false, &BeforeAnchorError{Rule: d.Rule.ID, Anchor: d.Anchor, Actual: date}
	}
	if !asap {
		return cal, 0, false, nil
	}
	n, err := cal.WorkdaysBetween(d.Anchor, date)
	return cal, n, err == nil, err
}

// WorkdaysLeft returns the working days after asOf up to and including the
// due date: 0 on the due date, negative once it has passed. It is an error
// for an as-soon-as-possible rule, which has no due date. A nil cal means
// [holidays.EnglandAndWales].
func (d Deadline) WorkdaysLeft(cal *holidays.Calendar, asOf holidays.Date) (int, error) {
	if cal == nil {
		cal = holidays.EnglandAndWales()
	}
	if d.Due.IsZero() {
		return 0, &NoDueDateError{Rule: d.Rule.ID}
	}
	return cal.WorkdaysBetween(asOf, d.Due)
}

// WorkdaysLate returns how many working days actual is after due: the
// working days after due up to and including actual, and at least 1 when
// actual is after due at all, because a target met on the Saturday after a
// Friday deadline (or on the Sunday after a review due on Saturday) missed
// it though no working day passed. It is 0 when actual is not after due.
// It is the one measure of lateness for every unit of bound.
func WorkdaysLate(cal *holidays.Calendar, due, actual holidays.Date) (int, error) {
	if cal == nil {
		cal = holidays.EnglandAndWales()
	}
	n, err := cal.WorkdaysBetween(due, actual)
	if err != nil || !actual.After(due) {
		return 0, err
	}
	return max(n, 1), nil
}
