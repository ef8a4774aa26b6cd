package timescales

import (
	"github.com/workingtogether/safeguarding/holidays"
)

// An Outcome is how an actual date stands against a deadline.
type Outcome string

// The outcomes of [Deadline.Judge].
const (
	Met          Outcome = "met"             // before the last day
	MetOnLastDay Outcome = "met-on-last-day" // on the due date itself
	Late         Outcome = "late"            // after the due date
	Elapsed      Outcome = "elapsed"         // an as-soon-as-possible rule: no verdict, only the time taken
)

// A Verdict judges an actual date against a deadline.
type Verdict struct {
	Outcome Outcome `json:"outcome"`
	// Late is how late the target was: working days after the due date up to
	// and including the actual date for a working-day bound, calendar days for
	// a calendar bound. It is 0 unless Outcome is Late, and then at least 1:
	// a target met on the Saturday after a Friday deadline missed it, though
	// no working day passed, and is reported 1 working day late.
	Late int `json:"late,omitempty"`
	// Elapsed is, for an as-soon-as-possible rule, the working days from the
	// anchor to the actual date.
	Elapsed int `json:"elapsed,omitempty"`
	// Unit is the unit of Late or Elapsed.
	Unit Unit `json:"unit"`
	// Reason is the recorded reason for lateness, where one was given
	// (paragraph 155 of the 2023 edition requires one when an assessment runs
	// past 45 working days).
	Reason string `json:"reason,omitempty"`
}

// InTime reports whether the target was met, on the last day or before it.
// An [Elapsed] verdict is neither in time nor late: it reports false.
func (v Verdict) InTime() bool { return v.Outcome == Met || v.Outcome == MetOnLastDay }

// Judge says whether actual met the deadline. reason is the recorded reason
// for any delay and is kept in the verdict whatever the outcome. An actual
// date before the anchor of a rule that runs forward from it is an
// *[OrderError]; a date outside the calendar is a *[holidays.RangeError]; a
// Deadline with no due date that is not as soon as possible (the zero
// Deadline, say) is a *[NoDueDateError]. A nil cal means
// [holidays.EnglandAndWales]. Judge does not allocate unless it fails.
func (d Deadline) Judge(cal *holidays.Calendar, actual holidays.Date, reason string) (Verdict, error) {
	if cal == nil {
		cal = holidays.EnglandAndWales()
	}
	if _, err := cal.IsWorkday(actual); err != nil {
		return Verdict{}, err
	}
	if d.Due.IsZero() && d.Rule.Bound.Unit != AsSoonAsPossible {
		return Verdict{}, &NoDueDateError{Rule: d.Rule.ID}
	}
	if !d.Rule.Bound.Before && d.Rule.Bound.Unit != YearsOfAge && actual.Before(d.Anchor) {
		return Verdict{}, &OrderError{Rule: d.Rule.ID, Anchor: d.Anchor, Actual: actual}
	}
	v := Verdict{Unit: d.Rule.Bound.Unit, Reason: reason}
	if d.Rule.Bound.Unit == AsSoonAsPossible {
		n, err := cal.WorkdaysBetween(d.Anchor, actual)
		if err != nil {
			return Verdict{}, err
		}
		v.Outcome, v.Elapsed, v.Unit = Elapsed, n, WorkingDays
		return v, nil
	}
	switch c := actual.Compare(d.Due); {
	case c < 0:
		v.Outcome = Met
	case c == 0:
		v.Outcome = MetOnLastDay
	default:
		v.Outcome = Late
		if d.Rule.Bound.Unit == WorkingDays {
			n, err := WorkdaysLate(cal, d.Due, actual)
			if err != nil {
				return Verdict{}, err
			}
			v.Late = n
		} else {
			v.Late = actual.DaysSince(d.Due)
			v.Unit = CalendarDays
		}
	}
	return v, nil
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
