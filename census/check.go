package census

import (
	"errors"
	"fmt"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// A Kind is what a [Finding] is about.
type Kind string

// The kinds of finding.
const (
	// TargetMismatch: the file's InitialCPCtarget is not S47ActualStartDate
	// plus 15 working days on the England and Wales calendar. Workdays is how
	// far the file's target is from the computed one (negative: too early).
	TargetMismatch Kind = "initial-cpc-target-mismatch"
	// NonWorkingDay: a conference (initial or review) is dated on a Saturday,
	// Sunday or bank holiday, which usually means a mistyped date.
	NonWorkingDay Kind = "conference-on-non-working-day"
	// OutOfOrder: a date comes before one it cannot precede (an assessment
	// authorised before it started, a plan ending before it began, ...).
	// Other and OtherDate name the date it should follow.
	OutOfOrder Kind = "out-of-order"
	// OutsideCalendar: a date lies outside the calendar's supported range, so
	// no working-day question about it can be answered.
	OutsideCalendar Kind = "outside-calendar"
	// DeadlineMet and DeadlineLate: a timescale of the pathway, judged on the
	// date the census records. Rule names it, Due is its last day, and for a
	// late one Workdays says by how much.
	DeadlineMet  Kind = "deadline-met"
	DeadlineLate Kind = "deadline-late"
	// DeadlineMissed: the deadline passed on or before the reference date and
	// the census records no event that met it.
	DeadlineMissed Kind = "deadline-missed"
)

// A Finding is one thing a check found about one child.
type Finding struct {
	Kind Kind `json:"kind"`
	// Episode is the 1-based position of the CINdetails element in the child.
	Episode int `json:"episode"`
	// Element is the element found, relative to CINdetails, for example
	// "Section47[1]/InitialCPCtarget".
	Element string        `json:"element"`
	Line    int           `json:"line"`
	Date    holidays.Date `json:"date,omitzero"`
	// Other and OtherDate are the element the date was compared with.
	Other     string        `json:"other,omitempty"`
	OtherDate holidays.Date `json:"other_date,omitzero"`
	// Rule and Due are the timescale judged, for deadline findings; Due is
	// also the computed target for a TargetMismatch.
	Rule timescales.RuleID `json:"rule,omitempty"`
	Due  holidays.Date     `json:"due,omitzero"`
	// Workdays is how late, in working days after the due date up to and
	// including the event (or the as-of date, for a deadline still
	// unmet), even for a rule bound in calendar months, as the pathway
	// counts it; for a TargetMismatch, the working days from the computed
	// target to the file's (negative when the file's is earlier).
	Workdays int    `json:"workdays,omitempty"`
	Message  string `json:"message"`
}

// icpcTargetDays is the census's InitialCPCtarget: "15 working days from the
// strategy discussion", Working Together's bound for the initial conference.
const icpcTargetDays = 15

// checker runs the checks that need only the calendar.
type checker struct {
	cal *holidays.Calendar
	out []Finding
	// outside remembers dates already reported outside the calendar, so
	// that each is reported once per child.
	outside map[holidays.Date]bool
}

func (k *checker) add(f Finding) { k.out = append(k.out, f) }

// inRange reports whether d can be used on the calendar, reporting it once if
// not.
func (k *checker) inRange(ep int, elem string, line int, d holidays.Date) bool {
	_, err := k.cal.IsWorkday(d)
	if err == nil {
		return true
	}
	var re *holidays.RangeError
	if errors.As(err, &re) && !k.outside[d] {
		if k.outside == nil {
			k.outside = map[holidays.Date]bool{}
		}
		k.outside[d] = true
		k.add(Finding{Kind: OutsideCalendar, Episode: ep, Element: elem, Line: line, Date: d,
			Message: fmt.Sprintf("%s %s is outside the calendar (%s to %s): not judged", elem, d, re.First, re.Last)})
	}
	return false
}

// order reports later before earlier, when both are present.
func (k *checker) order(ep, line int, elem string, d holidays.Date, other string, od holidays.Date) {
	if d.IsZero() || od.IsZero() || !d.Before(od) {
		return
	}
	k.add(Finding{Kind: OutOfOrder, Episode: ep, Element: elem, Line: line, Date: d, Other: other, OtherDate: od,
		Message: fmt.Sprintf("%s %s is before %s %s", elem, d, other, od)})
}

// after reports d after a closing date od, when both are present.
func (k *checker) after(ep, line int, elem string, d holidays.Date, other string, od holidays.Date) {
	if d.IsZero() || od.IsZero() || !d.After(od) {
		return
	}
	k.add(Finding{Kind: OutOfOrder, Episode: ep, Element: elem, Line: line, Date: d, Other: other, OtherDate: od,
		Message: fmt.Sprintf("%s %s is after %s %s", elem, d, other, od)})
}

func (k *checker) workday(ep, line int, elem string, d holidays.Date) {
	if d.IsZero() || !k.inRange(ep, elem, line, d) {
		return
	}
	if ok, _ := k.cal.IsWorkday(d); ok {
		return
	}
	what := d.Weekday().String()
	if h, isHol, _ := k.cal.HolidayOn(d); isHol {
		what = h.Name
	}
	k.add(Finding{Kind: NonWorkingDay, Episode: ep, Element: elem, Line: line, Date: d,
		Message: fmt.Sprintf("%s %s is not a working day (%s)", elem, d, what)})
}

func (k *checker) target(ep int, el string, s Section47) {
	if s.StartDate.IsZero() || s.InitialCPCtarget.IsZero() {
		return
	}
	if !k.inRange(ep, el+"/S47ActualStartDate", s.Line, s.StartDate) ||
		!k.inRange(ep, el+"/InitialCPCtarget", s.Line, s.InitialCPCtarget) {
		return
	}
	want, err := k.cal.AddWorkdays(s.StartDate, icpcTargetDays)
	if err != nil || want == s.InitialCPCtarget {
		return
	}
	n, err := k.cal.WorkdaysBetween(want, s.InitialCPCtarget)
	if err != nil {
		return
	}
	how := "late"
	if s.InitialCPCtarget.Before(want) {
		how = "early"
	}
	k.add(Finding{Kind: TargetMismatch, Episode: ep, Element: el + "/InitialCPCtarget", Line: s.Line,
		Date: s.InitialCPCtarget, Other: el + "/S47ActualStartDate", OtherDate: s.StartDate, Due: want, Workdays: n,
		Message: fmt.Sprintf("InitialCPCtarget %s is %s %s: %s plus %d working days is %s",
			s.InitialCPCtarget, workdays(abs(n)), how, s.StartDate, icpcTargetDays, want)})
}

func workdays(n int) string {
	if n == 1 {
		return "1 working day"
	}
	return fmt.Sprintf("%d working days", n)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// checkChild runs the calendar checks on every episode of c.
func checkChild(cal *holidays.Calendar, c Child) []Finding {
	k := &checker{cal: cal}
	for i, e := range c.Episodes {
		ep := i + 1
		ref, closed := e.ReferralDate, e.ClosureDate
		k.order(ep, e.Line, "CINclosureDate", closed, "CINreferralDate", ref)
		k.order(ep, e.Line, "DateOfInitialCPC", e.DateOfInitialCPC, "CINreferralDate", ref)
		k.after(ep, e.Line, "DateOfInitialCPC", e.DateOfInitialCPC, "CINclosureDate", closed)
		k.workday(ep, e.Line, "DateOfInitialCPC", e.DateOfInitialCPC)
		for j, a := range e.Assessments {
			el := fmt.Sprintf("Assessments[%d]", j+1)
			k.order(ep, a.Line, el+"/AssessmentActualStartDate", a.StartDate, "CINreferralDate", ref)
			k.order(ep, a.Line, el+"/AssessmentAuthorisationDate", a.AuthorisationDate, el+"/AssessmentActualStartDate", a.StartDate)
			k.after(ep, a.Line, el+"/AssessmentActualStartDate", a.StartDate, "CINclosureDate", closed)
			k.after(ep, a.Line, el+"/AssessmentAuthorisationDate", a.AuthorisationDate, "CINclosureDate", closed)
		}
		for j, p := range e.CINPlans {
			el := fmt.Sprintf("CINPlanDates[%d]", j+1)
			k.order(ep, p.Line, el+"/CINPlanStartDate", p.StartDate, "CINreferralDate", ref)
			k.order(ep, p.Line, el+"/CINPlanEndDate", p.EndDate, el+"/CINPlanStartDate", p.StartDate)
			k.after(ep, p.Line, el+"/CINPlanStartDate", p.StartDate, "CINclosureDate", closed)
		}
		for j, s := range e.Section47s {
			el := fmt.Sprintf("Section47[%d]", j+1)
			k.order(ep, s.Line, el+"/S47ActualStartDate", s.StartDate, "CINreferralDate", ref)
			k.after(ep, s.Line, el+"/S47ActualStartDate", s.StartDate, "CINclosureDate", closed)
			k.order(ep, s.Line, el+"/DateOfInitialCPC", s.DateOfInitialCPC, el+"/S47ActualStartDate", s.StartDate)
			k.after(ep, s.Line, el+"/DateOfInitialCPC", s.DateOfInitialCPC, "CINclosureDate", closed)
			k.workday(ep, s.Line, el+"/DateOfInitialCPC", s.DateOfInitialCPC)
			k.target(ep, el, s)
		}
		for j, p := range e.Plans {
			el := fmt.Sprintf("ChildProtectionPlans[%d]", j+1)
			k.order(ep, p.Line, el+"/CPPstartDate", p.StartDate, "CINreferralDate", ref)
			k.order(ep, p.Line, el+"/CPPendDate", p.EndDate, el+"/CPPstartDate", p.StartDate)
			k.after(ep, p.Line, el+"/CPPstartDate", p.StartDate, "CINclosureDate", closed)
			k.after(ep, p.Line, el+"/CPPendDate", p.EndDate, "CINclosureDate", closed)
			for n, r := range p.Reviews {
				rel := fmt.Sprintf("%s/Reviews/CPPreviewDate[%d]", el, n+1)
				k.order(ep, p.Line, rel, r, el+"/CPPstartDate", p.StartDate)
				k.after(ep, p.Line, rel, r, el+"/CPPendDate", p.EndDate)
				if n > 0 {
					k.order(ep, p.Line, rel, r, fmt.Sprintf("%s/Reviews/CPPreviewDate[%d]", el, n), p.Reviews[n-1])
				}
				k.workday(ep, p.Line, rel, r)
			}
		}
	}
	return k.out
}
