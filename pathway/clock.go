package pathway

import (
	"slices"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// A Status is how a clock stands on the as-of date.
type Status string

// The statuses of a [Clock].
const (
	// NotStarted: a clock the case's next step along the child protection
	// route would start, whose anchor has not happened. See [Case.Deadlines].
	NotStarted Status = "not-started"
	Open       Status = "open"    // running, due date not passed (or no fixed due date)
	Overdue    Status = "overdue" // running, due date passed
	Met        Status = "met"     // target happened on or before the due date
	Late       Status = "late"    // target happened after the due date
	Done       Status = "done"    // target of an as-soon-as-possible rule happened: no verdict, only the time taken
	// Missed: the clock stopped after its due date without its target, as
	// when a plan ends with its review overdue. A clock stopped on or before
	// its due date is no longer a deadline and is not listed; nor is one
	// whose target is no longer required (a section 47 enquiry that did not
	// substantiate concerns needs no conference, however long it took), nor
	// an as-soon-as-possible clock, which has no due date to miss.
	Missed Status = "missed"
)

// IsLate reports whether the status is a failure to meet a deadline: late,
// overdue or missed.
func (s Status) IsLate() bool { return s == Late || s == Overdue || s == Missed }

// A Clock is one deadline of a case as of a date: the rule (with its ID and
// citation) and the edition that set it, the anchor it runs from, the due
// date, and how it stands.
type Clock struct {
	Rule    timescales.Rule `json:"rule"`
	Edition int             `json:"edition"` // the edition in force on the anchor (or, for the age rule, when the plan was made)
	Status  Status          `json:"status"`
	Anchor  holidays.Date   `json:"anchor,omitzero"`
	// Due is the last day on which the target is in time; zero for an
	// as-soon-as-possible rule or a clock not started.
	Due holidays.Date `json:"due,omitzero"`
	// Done is when the target happened (met, late, done), or when the clock
	// stopped without it (missed).
	Done holidays.Date `json:"done,omitzero"`
	// WorkdaysLeft is, for an open clock with a due date, the working days
	// after the as-of date up to and including the due date: 0 on the due
	// date itself (and for every other status).
	WorkdaysLeft int `json:"workdays_left"`
	// Late is how late, in working days after the due date up to and
	// including the day the target happened (late), the clock stopped
	// (missed) or the as-of date (overdue), and at least 1: a calendar-month
	// due date on a Saturday is missed by a review held on the Sunday,
	// though no working day has passed.
	Late int `json:"late_workdays,omitempty"`
	// Elapsed is, for an as-soon-as-possible rule, the working days from the
	// anchor to the target (done) or to the as-of date (open).
	Elapsed int    `json:"elapsed_workdays,omitempty"`
	Reason  string `json:"reason,omitempty"` // the reason recorded with the event that settled the clock
	// Event is the index in the log of the event that started the clock, or
	// -1 for a clock not started.
	Event int `json:"event"`
}

// Deadlines returns the case's clocks as they stood at the end of day asOf,
// judged only on the events dated on or before it: first every clock started
// by then, in the order they started, then the clocks not yet started.
//
// "Not yet started" lists the clocks of the child protection route that lie
// just ahead, so that a host can warn of them: when a strategy discussion is
// due, the initial conference; during section 47 enquiries, while the initial
// conference is due, and while a transfer-in conference is due, the clocks a
// plan would start (first core group, first review, and the plan's end at 18
// when the birth date is known); on a plan whose first review is still to
// come, the later reviews. Clocks not started carry the rule of the edition
// in force on asOf, and no anchor or due date.
//
// An asOf outside the calendar's range is a *[holidays.RangeError].
func (c *Case) Deadlines(asOf holidays.Date) ([]Clock, error) {
	return c.deadlines(asOf, nil)
}

// Late returns the clocks that were late, overdue or missed as of asOf, with
// how many working days and any recorded reason.
func (c *Case) Late(asOf holidays.Date) ([]Clock, error) {
	all, err := c.Deadlines(asOf)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, k := range all {
		if k.Status.IsLate() {
			out = append(out, k)
		}
	}
	return out, nil
}

// AppendDeadlines is [Case.Deadlines] appending to dst, for hosts that judge
// many cases and reuse one slice.
func (c *Case) AppendDeadlines(dst []Clock, asOf holidays.Date) ([]Clock, error) {
	return c.deadlines(asOf, dst)
}

func (c *Case) deadlines(asOf holidays.Date, out []Clock) ([]Clock, error) {
	// The calendar and rules are the case's, taken once rather than for
	// each clock.
	cal, rules := c.calendar(), c.ruleSet()
	if _, err := cal.IsWorkday(asOf); err != nil {
		return out, err
	}
	n := c.upTo(asOf)
	// Size a new slice once, for every clock started by asOf and those just
	// ahead, rather than growing a slice of large Clocks several times.
	if k := len(out) + c.started(n) + maxAhead; cap(out) < k {
		out = slices.Grow(out, k-len(out))
	}
	// Judging reads only the rule's ID and bound: the deadline carries no
	// copy of the rest of it, so one deadline, the rest of whose rule stays
	// zero, serves every clock instead of a large value built for each.
	var d timescales.Deadline
	for _, k := range c.clocks {
		if int(k.start) >= n {
			break // clocks start in event order
		}
		settled := k.end >= 0 && int(k.end) < n
		// A clock stopped without its target is no deadline unless it
		// stopped after a due date it has (an as-soon-as-possible rule has
		// none) and was not withdrawn. The clock alone says so, so such a
		// clock is passed over before anything of it is built.
		if settled && !k.hit && (k.due == 0 || k.withdrawn || c.log[k.end].date <= k.due) {
			continue
		}
		// The clock is built in place in out, field by field, since a Clock
		// (holding its Rule) is large enough that building one elsewhere
		// and copying it shows in a host's profile. out has room for it.
		out = out[:len(out)+1]
		cl := &out[len(out)-1]
		// By the edition the clock started under, the one in force on its
		// anchor, so that the editions are not searched by date.
		if err := rules.RuleInto(&cl.Rule, int(k.rule), int(k.edition)); err != nil {
			return out[:len(out)-1], err
		}
		cl.Edition, cl.Status, cl.Anchor, cl.Due, cl.Done = int(k.edition), "", k.anchor.date(), k.due.date(), holidays.Date{}
		cl.WorkdaysLeft, cl.Late, cl.Elapsed, cl.Reason, cl.Event = 0, 0, 0, "", int(k.start)
		r := &cl.Rule
		d.Rule.ID, d.Rule.Bound, d.Edition, d.Anchor, d.Due = r.ID, r.Bound, cl.Edition, cl.Anchor, cl.Due
		switch {
		case settled && k.hit:
			cl.Done, cl.Reason = c.settledBy(k.end)
			v, err := d.Judge(cal, cl.Done, cl.Reason)
			if err != nil {
				return out[:len(out)-1], err
			}
			switch v.Result {
			case timescales.Elapsed:
				cl.Status, cl.Elapsed = Done, v.Elapsed
			case timescales.AfterDue:
				cl.Status, cl.Late = Late, v.WorkdaysLate
			default:
				cl.Status = Met
			}
		case settled:
			stopped := c.log[k.end].date.date()
			v, err := d.JudgePending(cal, stopped)
			if err != nil {
				return out[:len(out)-1], err
			}
			cl.Status, cl.Done, cl.Late = Missed, stopped, v.WorkdaysLate
		default:
			v, err := d.JudgePending(cal, asOf)
			if err != nil {
				return out[:len(out)-1], err
			}
			switch v.Result {
			case timescales.Elapsed:
				cl.Status, cl.Elapsed = Open, v.Elapsed
			case timescales.PastDue:
				cl.Status, cl.Late = Overdue, v.WorkdaysLate
			default:
				cl.Status, cl.WorkdaysLeft = Open, v.WorkdaysLeft
			}
		}
	}
	return c.appendAhead(out, asOf, n)
}

// appendAhead appends to out the clocks not yet started that lie just
// ahead of the case after its first n events, as of asOf ([Case.Deadlines]).
func (c *Case) appendAhead(out []Clock, asOf holidays.Date, n int) ([]Clock, error) {
	stage := StageNew
	if n > 0 {
		stage = c.log[n-1].stage
	}
	a := ahead[stage]
	if len(a.starts) == 0 || (a.while != "" && !c.runningAt(refs[a.while], n)) {
		return out, nil
	}
	ed, err := c.rulebook().EditionYear(asOf)
	if err != nil {
		return out, err
	}
	for _, fx := range a.starts {
		if fx.Anchor == AtBirth && c.birthAt(n).IsZero() {
			continue
		}
		r, err := c.ruleSet().Rule(int(fx.ref), asOf)
		if err != nil {
			return out, err
		}
		out = append(out, Clock{Rule: r, Edition: ed, Status: NotStarted, Event: -1})
	}
	return out, nil
}

// settledBy returns the date and recorded reason of event i, which settled
// a clock: all of the event a clock shows, read without building the Event.
func (c *Case) settledBy(i int32) (holidays.Date, string) {
	r := &c.log[i]
	return r.date.date(), c.reasonOf(r)
}

// maxAhead is the most clocks not started that [Case.Deadlines] lists;
// a test holds ahead to it.
const maxAhead = 3

// ahead lists, for each stage, the clocks of the child protection route
// that lie just ahead ([Case.Deadlines]): the effects that would start them,
// and a rule that must be running for them to be listed.
var ahead = [numStages]struct {
	starts []Effect
	while  timescales.RuleID
}{
	StageImmediateProtection: {starts: []Effect{starts(timescales.ICPC, AtEvent)}},
	StageStrategyDiscussion:  {starts: []Effect{starts(timescales.ICPC, AtEvent)}},
	StageSection47:           {starts: planStarts},
	StageConferenceDue:       {starts: planStarts},
	StageTransferIn:          {starts: planStarts},
	// On a plan whose first review is still to come, the later reviews.
	StageChildProtectionPlan: {starts: []Effect{starts(timescales.ReviewNext, AtEvent)}, while: timescales.ReviewFirst},
	StagePreProceedings:      {starts: []Effect{starts(timescales.ReviewNext, AtEvent)}, while: timescales.ReviewFirst},
}

// runningAt reports whether a clock of rule r was running after the first
// n events.
func (c *Case) runningAt(r ruleRef, n int) bool {
	for _, k := range c.clocks[:c.started(n)] {
		if k.rule == r && (k.end < 0 || int(k.end) >= n) {
			return true
		}
	}
	return false
}

// birthAt returns the birth date as known after the first n events.
func (c *Case) birthAt(n int) holidays.Date {
	if !c.birth.IsZero() {
		return c.birth
	}
	for i := range c.log[:n] {
		if c.log[i].typ == ChildBorn {
			return c.log[i].date.date()
		}
	}
	return holidays.Date{}
}

// started returns how many clocks were started by the first n events.
func (c *Case) started(n int) int {
	if n == len(c.log) {
		return len(c.clocks) // every clock was started by an event
	}
	i := 0
	for i < len(c.clocks) && int(c.clocks[i].start) < n {
		i++
	}
	return i
}
