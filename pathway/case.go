package pathway

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// A Case is one child's journey along the pathway: a log of dated events,
// the stage they have led to, and the clocks they have started.
//
// A Case is a value of its own: two Cases share nothing mutable (the
// calendar and rulebook they use are immutable), so many can be processed in
// parallel. A single Case is not safe for concurrent Apply.
//
// The zero Case is an empty case with no ID, on the default calendar and
// rulebook; [New] sets the ID, the birth date and other options.
type Case struct {
	id    string
	birth holidays.Date
	cal   *holidays.Calendar
	book  *timescales.Rulebook
	log   []record
	// reasons holds the recorded reasons for lateness, which few events
	// carry, so that records hold no pointers.
	reasons []string
	clocks  []clock
	// referral is the date of the latest referral: the anchor of the
	// assessment clock a decision to assess starts.
	referral holidays.Date
	// labels are the host's, from the log; never changed, so shared by clones.
	labels map[string]string
}

// A clock is a rule applied to an anchor, from the event that started it to
// the event that settled it. It is kept small (the rule itself is looked up
// again when the clock is shown) because a host replays millions.
type clock struct {
	rule    ruleRef
	anchor  day // also the date whose edition sets the rule
	due     day // zero for an as-soon-as-possible rule
	edition int32
	start   int32 // index of the event that started it
	end     int32 // index of the event that settled it, or -1 while running
	hit     bool  // the target happened at end; otherwise the clock stopped without it
	// withdrawn: stopped because the target is no longer required (the
	// enquiry did not substantiate concerns, so no conference is due), which
	// is never a failure, however late.
	withdrawn bool
}

// A record is an event as the case keeps it, with the stage it led to. It
// holds no pointers, so the garbage collector need not scan a case's log.
type record struct {
	typ                 EventType
	outcome             Outcome
	category            Category
	stage               Stage // the stage after the event
	reason              int32 // 1 + index into Case.reasons, or 0 for none
	date                day
	receivingConference day
}

// A day is a valid (or zero) Date packed into 32 bits, year<<9 | month<<5 |
// day, so that a case's log and clocks stay small. Packing keeps the order
// of dates; it is storage, not arithmetic.
type day int32

func packDay(d holidays.Date) day {
	return day(d.Year<<9 | int(d.Month)<<5 | d.Day)
}

func (p day) date() holidays.Date {
	return holidays.Date{Year: int(p >> 9), Month: time.Month(p >> 5 & 15), Day: int(p & 31)}
}

func (c *Case) event(i int) Event {
	r := &c.log[i]
	e := Event{Type: r.typ, Date: r.date.date(), Outcome: r.outcome, Category: r.category, ReceivingConference: r.receivingConference.date()}
	if r.reason > 0 {
		e.Reason = c.reasons[r.reason-1]
	}
	return e
}

// A ruleRef names one of the rules the pathway keeps clocks for. Clocks
// hold it instead of the rule's ID so that they hold no pointers: the
// garbage collector need not scan them, which matters at millions of cases.
type ruleRef uint8

var pathwayRules = [...]timescales.RuleID{
	timescales.ReferralDecision, timescales.Assessment, timescales.ImmediateProtection,
	timescales.StrategyAfterEmergency, timescales.ICPC, timescales.CoreGroupFirst,
	timescales.ReviewFirst, timescales.ReviewNext, timescales.TransferInConference,
	timescales.PlanEndsAt18,
}

func refOf(id timescales.RuleID) (ruleRef, error) {
	for i, r := range pathwayRules {
		if r == id {
			return ruleRef(i), nil
		}
	}
	return 0, fmt.Errorf("pathway keeps no clock for rule %q", id)
}

func (r ruleRef) id() timescales.RuleID { return pathwayRules[r] }

// An Option configures a new Case.
type Option func(*options)

type options struct {
	birth holidays.Date
	cal   *holidays.Calendar
	book  *timescales.Rulebook
}

// WithBirthDate records the child's date of birth, which the rule that a
// child protection plan ends at 18 needs. Without it that clock is not kept.
func WithBirthDate(d holidays.Date) Option { return func(o *options) { o.birth = d } }

// WithCalendar sets the working-day calendar (by default
// [holidays.EnglandAndWales]), for example one with newly proclaimed holidays
// laid over it.
func WithCalendar(c *holidays.Calendar) Option { return func(o *options) { o.cal = c } }

// WithRulebook sets the rulebook (by default [timescales.National]), for
// example one with a local protocol laid over it or pinned to an edition.
func WithRulebook(b *timescales.Rulebook) Option { return func(o *options) { o.book = b } }

// New returns a case with no events, in [StageNew]. A birth date that is not
// a valid date inside the calendar's range is an error.
func New(id string, opts ...Option) (*Case, error) {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return newCase(id, o)
}

func newCase(id string, o options) (*Case, error) {
	if o.cal == nil {
		o.cal = holidays.EnglandAndWales()
	}
	if o.book == nil {
		o.book = timescales.National()
	}
	if !o.birth.IsZero() {
		if _, err := o.cal.IsWorkday(o.birth); err != nil {
			return nil, fmt.Errorf("pathway: birth date: %w", err)
		}
	}
	return &Case{id: id, birth: o.birth, cal: o.cal, book: o.book}, nil
}

// calendar and rulebook give the defaults for a zero Case.
func (c *Case) calendar() *holidays.Calendar {
	if c.cal == nil {
		return holidays.EnglandAndWales()
	}
	return c.cal
}

func (c *Case) rulebook() *timescales.Rulebook {
	if c.book == nil {
		return timescales.National()
	}
	return c.book
}

// ID returns the case's identifier.
func (c *Case) ID() string { return c.id }

// BirthDate returns the child's date of birth, or the zero Date if unknown.
func (c *Case) BirthDate() holidays.Date { return c.birth }

// Stage returns the stage the case is in now.
func (c *Case) Stage() Stage {
	if len(c.log) == 0 {
		return StageNew
	}
	return c.log[len(c.log)-1].stage
}

// StageAt returns the stage the case was in at the end of day d: after every
// event dated on or before d.
func (c *Case) StageAt(d holidays.Date) Stage {
	k := c.upTo(d)
	if k == 0 {
		return StageNew
	}
	return c.log[k-1].stage
}

// upTo returns the number of events dated on or before d.
func (c *Case) upTo(d holidays.Date) int {
	p := packDay(d)
	k, _ := slices.BinarySearchFunc(c.log, p, func(r record, p day) int {
		if r.date > p {
			return 1
		}
		return -1
	})
	return k
}

// Allowed returns the event types the case's stage allows now, without
// applying anything.
func (c *Case) Allowed() []EventType { return Allowed(c.Stage()) }

// Events returns the case's log, oldest first. The slice is the caller's own.
func (c *Case) Events() []Event {
	out := make([]Event, len(c.log))
	for i := range c.log {
		out[i] = c.event(i)
	}
	return out
}

// Len returns the number of events in the log.
func (c *Case) Len() int { return len(c.log) }

// Clone returns an independent copy of the case.
func (c *Case) Clone() *Case {
	d := *c
	d.log = slices.Clone(c.log)
	d.reasons = slices.Clone(c.reasons)
	d.clocks = slices.Clone(c.clocks)
	return &d
}

// Apply records event e, dated on or after the last event, and moves the case
// along the transition table. It applies the event whole or not at all: on
// any error the case is exactly as it was. The error is a *[TransitionError]
// when the stage does not allow the event, an *[OrderError] when it is dated
// before the last event, and an *[EventError] when a field is missing, not
// allowed, or out of range (a date outside the calendar, or before the
// oldest edition of the guidance in the rulebook).
func (c *Case) Apply(e Event) error {
	i := len(c.log)
	if err := e.validate(i); err != nil {
		return err
	}
	if i > 0 && packDay(e.Date) < c.log[i-1].date {
		return &OrderError{Index: i, Event: e.Type, Date: e.Date, Last: c.log[i-1].date.date()}
	}
	if _, err := c.calendar().IsWorkday(e.Date); err != nil {
		return &EventError{Index: i, Event: e.Type, Field: "date", Err: err}
	}
	if e.Type == PlanEnded && e.Outcome == OutcomeReached18 && c.birth.IsZero() {
		return &EventError{Index: i, Event: e.Type, Field: "ground", Message: "reached-18 needs the case's birth date"}
	}
	from := c.Stage()
	to, ok := next(from, e.Type, e.Outcome)
	if !ok {
		return &TransitionError{Index: i, Stage: from, Event: e.Type, Outcome: e.Outcome, Allowed: Allowed(from)}
	}
	var fx effects
	if err := c.plan(&fx, e, from, to); err != nil {
		return &EventError{Index: i, Event: e.Type, Field: "date", Err: err}
	}
	// Nothing below can fail.
	for _, s := range fx.fixed[:fx.n] {
		k := &c.clocks[s.clock]
		k.end, k.hit, k.withdrawn = int32(i), s.hit, s.withdrawn
	}
	for _, s := range fx.more {
		k := &c.clocks[s.clock]
		k.end, k.hit, k.withdrawn = int32(i), s.hit, s.withdrawn
	}
	for _, k := range fx.open[:fx.nOpen] {
		k.start, k.end = int32(i), -1
		c.clocks = append(c.clocks, k)
	}
	if e.Type == ReferralReceived {
		c.referral = e.Date
	}
	r := record{typ: e.Type, outcome: e.Outcome, category: e.Category, stage: to, date: packDay(e.Date), receivingConference: packDay(e.ReceivingConference)}
	if e.Reason != "" {
		c.reasons = append(c.reasons, e.Reason)
		r.reason = int32(len(c.reasons))
	}
	c.log = append(c.log, r)
	return nil
}

// effects are what an event does to the clocks, worked out before anything
// changes so that a failure leaves the case as it was. Fixed buffers keep
// Apply from allocating: no event opens more than four clocks, and closing a
// case settles more than eight only after many emergency actions.
type effects struct {
	fixed [8]settlement
	n     int
	more  []settlement // settlements beyond the fixed ones
	open  [4]clock
	nOpen int
}

func (fx *effects) add(s settlement) {
	if fx.n < len(fx.fixed) {
		fx.fixed[fx.n] = s
		fx.n++
		return
	}
	fx.more = append(fx.more, s)
}

type settlement struct {
	clock     int
	hit       bool
	withdrawn bool
}

func (fx *effects) settled(i int) bool {
	for _, s := range fx.fixed[:fx.n] {
		if s.clock == i {
			return true
		}
	}
	for _, s := range fx.more {
		if s.clock == i {
			return true
		}
	}
	return false
}

func onPlan(s Stage) bool { return s == StageChildProtectionPlan || s == StagePreProceedings }

// plan works out which clocks event e settles and opens.
func (c *Case) plan(fx *effects, e Event, from, to Stage) error {
	// hit settles every running clock of rule id: its target happened today.
	// The verdict is worked out when the clock is shown; it cannot fail,
	// because the event is in the calendar's range and not before any
	// anchor.
	hit := func(id timescales.RuleID) {
		for i := range c.clocks {
			k := &c.clocks[i]
			if k.end >= 0 || k.rule.id() != id || fx.settled(i) {
				continue
			}
			fx.add(settlement{clock: i, hit: true})
		}
	}
	// stop settles running clocks of the given rules (all, if none given):
	// their target will not happen now.
	stop := func(withdrawn bool, ids ...timescales.RuleID) {
		for i := range c.clocks {
			k := &c.clocks[i]
			if k.end >= 0 || fx.settled(i) || (len(ids) > 0 && !slices.Contains(ids, k.rule.id())) {
				continue
			}
			fx.add(settlement{clock: i, withdrawn: withdrawn})
		}
	}
	open := func(id timescales.RuleID, anchor holidays.Date) error {
		ref, err := refOf(id)
		if err != nil {
			return err
		}
		d, err := c.rulebook().Deadline(c.calendar(), id, anchor)
		if err != nil {
			return err
		}
		fx.open[fx.nOpen] = clock{rule: ref, anchor: packDay(anchor), due: packDay(d.Due), edition: int32(d.Edition)}
		fx.nOpen++
		return nil
	}
	openPlan := func() error {
		if err := open(timescales.CoreGroupFirst, e.Date); err != nil {
			return err
		}
		if err := open(timescales.ReviewFirst, e.Date); err != nil {
			return err
		}
		if c.birth.IsZero() {
			return nil
		}
		// The age rule runs from the birth date; the rulebook judges it by
		// the edition in force on the birthday it names. A plan cannot start
		// for someone already 18 (whose birthday may even predate every
		// edition).
		if err := open(timescales.PlanEndsAt18, c.birth); err != nil {
			var ne *timescales.NoEditionError // declared here: errors.As would move it to the heap
			if errors.As(err, &ne) && ne.Year == 0 && ne.Date.Before(e.Date) {
				return &AdultError{Birthday: ne.Date}
			}
			return err
		}
		if due := fx.open[fx.nOpen-1].due.date(); !due.After(e.Date) {
			fx.nOpen--
			return &AdultError{Birthday: due}
		}
		return nil
	}

	var err error
	switch e.Type {
	case ReferralReceived:
		err = open(timescales.ReferralDecision, e.Date)
	case ReferralDecision:
		hit(timescales.ReferralDecision)
		switch e.Outcome {
		case OutcomeSection17Assessment, OutcomeStrategyDiscussion, OutcomeImmediateProtection:
			// Para 155: 45 working days "from the point of referral".
			if err = open(timescales.Assessment, c.referral); err != nil {
				return err
			}
		}
		if e.Outcome == OutcomeImmediateProtection {
			// Para 154: "as soon as possible after the referral".
			err = open(timescales.ImmediateProtection, c.referral)
		}
	case ImmediateProtectionTaken:
		hit(timescales.ImmediateProtection)
		err = open(timescales.StrategyAfterEmergency, e.Date)
	case StrategyDiscussionHeld:
		hit(timescales.StrategyAfterEmergency)
		// The conference clock runs from the discussion at which section 47
		// enquiries were initiated; later discussions leave it be.
		// A discussion about a child already on a plan leads to its review,
		// not to another initial conference.
		if e.Outcome == OutcomeSection47 && from != StageSection47 && from != StageConferenceDue && !onPlan(from) {
			err = open(timescales.ICPC, e.Date)
		}
	case AssessmentConcluded:
		hit(timescales.Assessment)
	case Section47Concluded:
		// A section 47 enquiry is carried out by undertaking or continuing
		// an assessment: its conclusion concludes the assessment.
		hit(timescales.Assessment)
		if e.Outcome == OutcomeNotSubstantiated {
			stop(true, timescales.ICPC)
		}
	case InitialConferenceHeld:
		hit(timescales.ICPC)
		if e.Outcome == OutcomePlan {
			err = openPlan()
		}
	case CoreGroupMet:
		hit(timescales.CoreGroupFirst)
	case ReviewConferenceHeld:
		hit(timescales.ReviewFirst)
		hit(timescales.ReviewNext)
		if e.Outcome == OutcomeContinue {
			// A review brought forward restarts the clock from the one held.
			err = open(timescales.ReviewNext, e.Date)
		}
	case TransferInNotified:
		err = open(timescales.TransferInConference, e.Date)
	case TransferInConferenceHeld:
		hit(timescales.TransferInConference)
		if e.Outcome == OutcomePlan {
			err = openPlan()
		}
	}
	if err != nil {
		return err
	}
	if onPlan(from) && !onPlan(to) {
		// The plan has ended: whether it ended by 18 is judged now; its
		// meetings and reviews are no longer due.
		hit(timescales.PlanEndsAt18)
		stop(false, timescales.CoreGroupFirst, timescales.ReviewFirst, timescales.ReviewNext)
	}
	if to == StageClosed {
		stop(false)
	}
	return nil
}
