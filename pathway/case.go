package pathway

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
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
	id string
	// birth is the date of birth given to New (a child-born event sets
	// born instead, so that the log replays).
	birth holidays.Date
	cal   *holidays.Calendar
	// span is the calendar's range, packed, set with it, so that an event's
	// date is checked against it with two comparisons and no call; zero on
	// the zero Case, whose every event date is asked of the calendar.
	span [2]day
	// rules are the rules of pathwayRules in the case's rulebook, resolved
	// once for every case on that rulebook; nil on the zero Case.
	rules *timescales.RuleSet
	log   []record
	// reasons holds the recorded reasons for lateness, which few events
	// carry, so that records hold no pointers.
	reasons []string
	clocks  []clock
	// running holds, for each rule, 1 + the index of its latest running
	// clock, or 0 for none; each running clock links to the one before.
	running [len(pathwayRules)]int32
	// referral is the date of the latest referral: the anchor of the
	// assessment clock a decision to assess starts.
	referral holidays.Date
	// born is the birth date recorded by a child-born event, for a case
	// made before the child was born.
	born day
	// labels are the host's, from the log, sorted by key; never changed,
	// so shared by clones. A slice, not a map: a decoder reads millions of
	// cases and a host asks for one label of each (at most [MaxLabels]).
	labels []label
}

// A label is one of a case's labels.
type label struct{ key, value string }

// labelsOf returns m's labels.
func labelsOf(m map[string]string) []label {
	if len(m) == 0 {
		return nil
	}
	out := make([]label, 0, len(m))
	for k, v := range m {
		out = append(out, label{k, v})
	}
	sortLabels(out)
	return out
}

// sortLabels sorts labels by key, so that a case's labels are the same
// however they came.
func sortLabels(labels []label) {
	slices.SortFunc(labels, func(a, b label) int { return strings.Compare(a.key, b.key) })
}

// labelMap returns labels as a map, or nil when there are none.
func labelMap(labels []label) map[string]string {
	if len(labels) == 0 {
		return nil
	}
	m := make(map[string]string, len(labels))
	for _, l := range labels {
		m[l.key] = l.value
	}
	return m
}

// A clock is a rule applied to an anchor, from the event that started it to
// the event that settled it. The small fields come first, so that the
// struct packs into 28 bytes. It is kept small (the rule itself is looked up
// again when the clock is shown) because a host replays millions.
type clock struct {
	rule ruleRef
	hit  bool // the target happened at end; otherwise the clock stopped without it
	// withdrawn: stopped because the target is no longer required (the
	// enquiry did not substantiate concerns, so no conference is due), which
	// is never a failure, however late.
	withdrawn bool
	anchor    day // also the date whose edition sets the rule
	due       day // zero for an as-soon-as-possible rule
	edition   int32
	start     int32 // index of the event that started it
	end       int32 // index of the event that settled it, or -1 while running
	next      int32 // while running: 1 + the index of the rule's previous running clock, or 0
}

// A record is an event as the case keeps it, with the stage it led to. It
// holds no pointers, so the garbage collector need not scan a case's log.
type record struct {
	typ     EventType
	outcome Outcome
	// detail is the category of a conference that makes a plan, the power
	// of emergency action, or the closure of a case closed: no event
	// carries two of them, so one byte holds any and a record stays 16
	// bytes.
	detail              uint8
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
	e := Event{Type: r.typ, Date: r.date.date(), Outcome: r.outcome, ReceivingConference: r.receivingConference.date()}
	switch r.typ {
	case ImmediateProtectionTaken:
		e.Power = Power(r.detail)
	case CaseClosed:
		e.Closure = Closure(r.detail)
	default:
		e.Category = Category(r.detail)
	}
	e.Reason = c.reasonOf(r)
	return e
}

// reasonOf returns the reason recorded with r, or "".
func (c *Case) reasonOf(r *record) string {
	if r.reason > 0 {
		return c.reasons[r.reason-1]
	}
	return ""
}

// A ruleRef names one of the rules the pathway keeps clocks for. Clocks
// hold it instead of the rule's ID so that they hold no pointers: the
// garbage collector need not scan them, which matters at millions of cases.
type ruleRef uint8

// pathwayRules lists the rules the transition table's effects name; a test
// holds the two to each other.
var pathwayRules = [...]timescales.RuleID{
	timescales.ReferralDecision, timescales.Assessment, timescales.ImmediateProtection,
	timescales.StrategyAfterEmergency, timescales.ICPC, timescales.CoreGroupFirst,
	timescales.ReviewFirst, timescales.ReviewNext, timescales.TransferInConference,
	timescales.PlanEndsAt18, timescales.ChildSeen,
}

// refs maps each rule the pathway tracks to its ruleRef. It is computed once
// and never modified.
var refs = func() map[timescales.RuleID]ruleRef {
	m := make(map[timescales.RuleID]ruleRef, len(pathwayRules))
	for i, r := range pathwayRules {
		m[r] = ruleRef(i)
	}
	return m
}()

// An Option configures a new Case; [WithBirthDate], [WithCalendar] and
// [WithRulebook] make them, and the zero Option changes nothing. An Option
// is a value, not a function, so that making a case with options allocates
// nothing for them: a census host makes one per episode of every child.
type Option struct {
	set   optionSet
	birth holidays.Date
	cal   *holidays.Calendar
	book  *timescales.Rulebook
}

// An optionSet says which of an Option's fields it sets.
type optionSet uint8

const (
	setBirth optionSet = 1 << iota
	setCalendar
	setRulebook
)

type options struct {
	birth holidays.Date
	cal   *holidays.Calendar
	book  *timescales.Rulebook
	// rules, when set, are pathwayRules resolved in book: a Decoder
	// resolves them once for all its cases.
	rules *timescales.RuleSet
	span  [2]day // cal's range, packed, once resolved
}

// resolve fills in the default calendar and rulebook, and the rules of
// the pathway in the rulebook, reusing those of prev (a case being reset)
// when it is on the same rulebook.
func (o *options) resolve(prev *timescales.RuleSet) {
	if o.cal == nil {
		o.cal = holidays.EnglandAndWales()
	}
	first, last := o.cal.Range()
	o.span = [2]day{packDay(first), packDay(last)}
	if o.book == nil {
		o.book = timescales.National()
	}
	switch {
	case o.rules != nil && o.rules.Rulebook() == o.book:
	case prev != nil && prev.Rulebook() == o.book:
		o.rules = prev
	case o.book == timescales.National():
		o.rules = nationalRules()
	default:
		o.rules = o.book.RuleSet(pathwayRules[:])
	}
}

// nationalRules are the pathway's rules in the national rulebook, which
// most cases use, resolved once. Immutable, like the rulebook.
var nationalRules = sync.OnceValue(func() *timescales.RuleSet {
	return timescales.National().RuleSet(pathwayRules[:])
})

// makeOptions applies opts.
func makeOptions(opts []Option) options {
	var o options
	for i := range opts {
		opt := &opts[i]
		if opt.set&setBirth != 0 {
			o.birth = opt.birth
		}
		if opt.set&setCalendar != 0 {
			o.cal = opt.cal
		}
		if opt.set&setRulebook != 0 {
			o.book = opt.book
		}
	}
	return o
}

// WithBirthDate records the child's date of birth, which the rule that a
// child protection plan ends at 18 needs. Without it that clock is not kept.
func WithBirthDate(d holidays.Date) Option { return Option{set: setBirth, birth: d} }

// WithCalendar sets the working-day calendar (by default
// [holidays.EnglandAndWales]), for example one with newly proclaimed holidays
// laid over it.
func WithCalendar(c *holidays.Calendar) Option { return Option{set: setCalendar, cal: c} }

// WithRulebook sets the rulebook (by default [timescales.National]), for
// example one with a local protocol laid over it or pinned to an edition.
func WithRulebook(b *timescales.Rulebook) Option { return Option{set: setRulebook, book: b} }

// New returns a case with no events, in [StageNew]. A birth date that is not
// a valid date inside the calendar's range is an error.
func New(id string, opts ...Option) (*Case, error) {
	return newCase(id, makeOptions(opts), 0)
}

// newCase returns a new case with room for n events.
func newCase(id string, o options, n int) (*Case, error) {
	o.resolve(nil)
	if err := o.checkBirth(); err != nil {
		return nil, err
	}
	c := allocCase(n)
	c.id, c.birth, c.cal, c.span, c.rules = id, o.birth, o.cal, o.span, o.rules
	return c, nil
}

// Rooms hold a case with its log and clocks, for a case of up to 4, 8, 12
// or 16 events (about as many clocks as events), so that a case replayed is one
// allocation rather than three: most cases are short, and a host replays
// millions. A case that outgrows its room grows its log and clocks as any
// slice grows.
type (
	room4 struct {
		c      Case
		log    [4]record
		clocks [4]clock
	}
	room8 struct {
		c      Case
		log    [8]record
		clocks [8]clock
	}
	room12 struct {
		c      Case
		log    [12]record
		clocks [12]clock
	}
	room16 struct {
		c      Case
		log    [16]record
		clocks [16]clock
	}
)

func (r *room4) parts() (*Case, []record, []clock)  { return &r.c, r.log[:0], r.clocks[:0] }
func (r *room8) parts() (*Case, []record, []clock)  { return &r.c, r.log[:0], r.clocks[:0] }
func (r *room12) parts() (*Case, []record, []clock) { return &r.c, r.log[:0], r.clocks[:0] }
func (r *room16) parts() (*Case, []record, []clock) { return &r.c, r.log[:0], r.clocks[:0] }

// allocCase returns a zero case with room for n events.
func allocCase(n int) *Case {
	var r interface {
		parts() (*Case, []record, []clock)
	}
	switch {
	case n <= 4:
		r = new(room4)
	case n <= 8:
		r = new(room8)
	case n <= 12:
		r = new(room12)
	case n <= 16:
		r = new(room16)
	default:
		return &Case{log: make([]record, 0, n), clocks: make([]clock, 0, n)}
	}
	c, log, clocks := r.parts()
	c.log, c.clocks = log, clocks
	return c
}

// checkBirth checks the birth date against the calendar.
func (o *options) checkBirth() error {
	if !o.birth.IsZero() {
		if _, err := o.cal.IsWorkday(o.birth); err != nil {
			return fmt.Errorf("pathway: birth date: %w", err)
		}
	}
	return nil
}

// Reset makes c the case [New](id, opts...) would return, keeping the
// memory of its log and clocks, so that a host judging millions of cases
// one after another (a census of every child's episodes) need not allocate
// a Case for each. Nothing of the case before is kept: its events, clocks,
// birth date and labels are gone, and the calendar and rulebook are the
// options' (or the defaults). Clones of c, and what its methods returned,
// are not affected. On error (a birth date outside the calendar's range) c
// is unchanged.
//
// A case is built from a log after Reset with [Case.Apply], event by event,
// as [Replay] does.
func (c *Case) Reset(id string, opts ...Option) error {
	o := makeOptions(opts)
	o.resolve(c.rules)
	if err := o.checkBirth(); err != nil {
		return err
	}
	// The reasons are cleared, not only cut, so that the strings of the
	// case before are not kept alive; records and clocks hold no pointers.
	clear(c.reasons)
	// Field by field rather than a new Case copied in: a census resets a
	// case for every episode. TestResetMatchesNew holds every field to New's.
	c.id, c.birth, c.cal, c.span, c.rules = id, o.birth, o.cal, o.span, o.rules
	c.log, c.reasons, c.clocks = c.log[:0], c.reasons[:0], c.clocks[:0]
	c.running, c.referral, c.born, c.labels = [len(pathwayRules)]int32{}, holidays.Date{}, 0, nil
	return nil
}

// calendar and rulebook give the defaults for a zero Case.
func (c *Case) calendar() *holidays.Calendar {
	if c.cal == nil {
		return holidays.EnglandAndWales()
	}
	return c.cal
}

func (c *Case) rulebook() *timescales.Rulebook { return c.ruleSet().Rulebook() }

// ruleSet gives the pathway's rules in the case's rulebook, by ruleRef.
func (c *Case) ruleSet() *timescales.RuleSet {
	if c.rules == nil {
		return nationalRules()
	}
	return c.rules
}

// ID returns the case's identifier.
func (c *Case) ID() string { return c.id }

// BirthDate returns the child's date of birth, given to [New] or recorded
// by a child-born event, or the zero Date if unknown.
func (c *Case) BirthDate() holidays.Date {
	if c.birth.IsZero() && c.born != 0 {
		return c.born.date()
	}
	return c.birth
}

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
	// A host mostly asks as of the last event or later (a census, as of
	// its reference date): then every event counts, with no search.
	if n := len(c.log); n == 0 || c.log[n-1].date <= p {
		return n
	}
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

// CloneInto makes dst an independent copy of c, as [Case.Clone] returns,
// keeping the memory of dst's log and clocks where it is large enough: a
// host that judges each case in a scratch Case, which stays in the
// processor's cache, and hands out copies in memory it recycles (a census
// pipeline) need not allocate for each case. Nothing of dst's case before
// is kept; clones of it, and what its methods returned, are not affected.
func (c *Case) CloneInto(dst *Case) {
	if dst == c {
		return
	}
	log, reasons, clocks := dst.log[:0], dst.reasons, dst.clocks[:0]
	// The reasons are cleared, not only cut, so that the strings of the
	// case before are not kept alive.
	clear(reasons)
	*dst = *c
	dst.log = append(log, c.log...)
	dst.reasons = append(reasons[:0], c.reasons...)
	dst.clocks = append(clocks, c.clocks...)
}

// Apply records event e, dated on or after the last event, and moves the case
// along the transition table. It applies the event whole or not at all: on
// any error the case is exactly as it was. The error is a *[TransitionError]
// when the stage does not allow the event, an *[OrderError] when it is dated
// before the last event, and an *[EventError] when a field is missing, not
// allowed, or out of range (a date outside the calendar, or before the
// oldest edition of the guidance in the rulebook).
func (c *Case) Apply(e Event) error {
	if err := e.validate(len(c.log)); err != nil {
		return err
	}
	return c.apply(&e)
}

// apply is Apply for an event whose fields are valid.
func (c *Case) apply(e *Event) error {
	i, date := len(c.log), packDay(e.Date)
	if i > 0 && date < c.log[i-1].date {
		return &OrderError{Index: i, Event: e.Type, Date: e.Date, Last: c.log[i-1].date.date()}
	}
	// The date is valid (the event's fields are), so only the calendar's
	// range can refuse it, and packing keeps the order of valid dates: two
	// comparisons of integers with the range the case keeps packed, and the
	// calendar is asked for its error only outside it.
	if date < c.span[0] || date > c.span[1] {
		if _, err := c.calendar().IsWorkday(e.Date); err != nil {
			return &EventError{Index: i, Event: e.Type, Field: "date", Err: err}
		}
	}
	if e.Type == PlanEnded && e.Outcome == OutcomeReached18 && c.BirthDate().IsZero() {
		return &EventError{Index: i, Event: e.Type, Field: "ground", Message: "reached-18 needs the case's birth date"}
	}
	if e.Type == ChildBorn && !c.BirthDate().IsZero() {
		return &EventError{Index: i, Event: e.Type, Field: "type", Message: fmt.Sprintf("the case already has the birth date %s", c.BirthDate())}
	}
	from := c.Stage()
	t, ok := edge(from, e.Type, e.Outcome)
	if !ok {
		return &TransitionError{Index: i, Stage: from, Event: e.Type, Outcome: e.Outcome, Allowed: Allowed(from)}
	}
	born := c.born
	if e.Type == ChildBorn {
		born = packDay(e.Date)
	}
	// The clocks the event starts are worked out first, since working out a
	// due date can fail; nothing after that can. They go straight after the
	// case's clocks, which are cut back to what they were on failure, and
	// join the running clocks once the event's settlements are done.
	started := len(c.clocks)
	for _, o := range t.starts {
		anchor, due, edition, ok, err := c.start(o.ref, o.at, e.Date, date, born)
		if err != nil {
			c.clocks = c.clocks[:started]
			return &EventError{Index: i, Event: e.Type, Field: "date", Err: err}
		}
		if ok {
			c.clocks = append(c.clocks, clock{rule: o.ref, anchor: anchor, due: due, edition: edition, start: int32(i), end: -1})
		}
	}
	for _, st := range t.stops {
		if !st.every {
			c.settle(st.ref, i, st.kind)
			continue
		}
		for r := range c.running {
			c.settle(ruleRef(r), i, st.kind)
		}
	}
	for j := started; j < len(c.clocks); j++ {
		k := &c.clocks[j]
		k.next, c.running[k.rule] = c.running[k.rule], int32(j+1)
	}
	switch e.Type {
	case ReferralReceived:
		c.referral = e.Date
	case ChildBorn:
		c.born = born
	}
	// Validation allows a power only on emergency action and a closure only
	// on a case closed, neither of which has a category.
	r := record{typ: e.Type, outcome: e.Outcome, detail: uint8(e.Category) | uint8(e.Power) | uint8(e.Closure), stage: t.to, date: date, receivingConference: packDay(e.ReceivingConference)}
	if e.Reason != "" {
		c.reasons = append(c.reasons, e.Reason)
		r.reason = int32(len(c.reasons))
	}
	c.log = append(c.log, r)
	return nil
}

// settle ends every running clock of rule r at event i, as effect kind
// says. The running clocks of each rule are a list through the clocks, so
// that settling costs only the clocks it ends and replay is linear in the
// events.
func (c *Case) settle(r ruleRef, i int, kind EffectKind) {
	for j := c.running[r]; j != 0; {
		k := &c.clocks[j-1]
		k.end, k.hit, k.withdrawn = int32(i), kind == Settles, kind == Waives
		j, k.next = k.next, 0
	}
	c.running[r] = 0
}

// startError interprets the rulebook's refusal to give the due date of a
// clock running from anchor at that an event on date on would start. Kept
// apart from start so that the errors.As target reaches the heap only when
// there is an error.
func startError(err error, at Anchor, on holidays.Date) error {
	// The age rule runs from the birth date; the rulebook judges it by the
	// edition in force on the birthday it names, which for someone already
	// 18 may predate every edition.
	var ne *timescales.NoEditionError
	if at == AtBirth && errors.As(err, &ne) && ne.Year == 0 && ne.Date.Before(on) {
		return &AdultError{Birthday: ne.Date}
	}
	return err
}

// start works out the anchor, due date and edition of the clock of rule
// ref, running from anchor at, that a starts effect opens for an event on
// date on, or reports that it starts none (the anchor is unknown, or the
// edition in force on it has no such rule). It takes the two fields of the
// effect it reads, not the effect, which is larger, and returns the
// clock's fields rather than a clock, which is too large to come back in
// registers, for every clock a host starts.
func (c *Case) start(ref ruleRef, at Anchor, on holidays.Date, onDay, born day) (anchorDay, dueDay day, edition int32, ok bool, err error) {
	var anchor holidays.Date
	switch at {
	case AtEvent:
		// onDay is on packed: the event's date needs no packing again.
		anchor, anchorDay = on, onDay
	case AtReferral:
		anchor = c.referral
	case AtBirth:
		anchor = c.birth
		if anchor.IsZero() && born != 0 {
			anchor = born.date()
		}
	}
	if anchor.IsZero() {
		return 0, 0, 0, false, nil
	}
	if anchorDay == 0 {
		anchorDay = packDay(anchor)
	}
	// An edition in force on the anchor without the rule (the child seen
	// rule is new in 2023) starts no clock, and costs no error value.
	due, year, ok, err := c.ruleSet().DueIfSet(c.calendar(), int(ref), anchor)
	if err != nil {
		return 0, 0, 0, false, startError(err, at, on)
	}
	if !ok {
		return 0, 0, 0, false, nil
	}
	if at == AtBirth && !due.After(on) {
		// A plan cannot start for someone already 18.
		return 0, 0, 0, false, &AdultError{Birthday: due}
	}
	return anchorDay, packDay(due), int32(year), true, nil
}
