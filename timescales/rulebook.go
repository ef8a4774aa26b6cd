package timescales

import (
	"fmt"
	"slices"

	"github.com/workingtogether/safeguarding/holidays"
)

// An Edition is one issue of the guidance, with the date it came into force
// and the rules it sets.
type Edition struct {
	Year    int           `json:"year"` // the edition's name, as in "Working Together 2023"
	Title   string        `json:"title"`
	InForce holidays.Date `json:"in_force"`
	Source  string        `json:"source"` // where the in-force date is stated
	Rules   []Rule        `json:"rules"`
}

// A Rulebook holds editions of the guidance, newest first, and any local
// protocol laid over them. It is immutable and safe for concurrent use: the
// With and Pin methods return a new Rulebook.
type Rulebook struct {
	editions []edition // newest first
	pinned   int       // edition year, or 0 for "in force on the anchor date"
	// places holds, for each rule ID some edition sets, where it lies in
	// every edition, so that a lookup (one per clock a host replays) costs
	// one map access. Built with the editions and never modified.
	places map[RuleID]*place
	// none is the place of a rule no edition sets: every edition lacks it
	// and applies from its own in-force date. A lookup of such a rule takes
	// it rather than a nil place, and so needs no test for one.
	none place
}

// A place is where one rule ID lies in each of a rulebook's editions.
type place struct {
	// aged marks an age rule, whose bound in years, as the newest edition
	// that sets the rule has it, is age: the birthday it names picks the
	// edition.
	aged bool
	age  int
	at   []slot // one per edition, in the rulebook's order
}

// A slot is a rule's place in one edition.
type slot struct {
	// rule is the edition's rule, or nil if it lacks the rule: a pointer
	// into the edition's Rules, which are never changed once the rulebook
	// is built, so that a lookup takes it without indexing them again.
	rule *Rule
	from holidays.Date // the day the edition's rule applies from
	// unit is the rule's unit as a code, so that working out a due date
	// (one for every clock a host starts) switches on a byte rather than
	// comparing the unit's name with each unit's.
	unit unitCode
	// days is the signed count of a working-day bound (negative for a
	// Before bound), for the due date DueIfSet works out without dueDate.
	days int
}

// A unitCode is a [Unit] as a small number; the zero code is a unit not
// known.
type unitCode uint8

const (
	unknownUnit unitCode = iota
	workingDays
	calendarDays
	calendarMonths
	yearsOfAge
	asSoonAsPossible
)

// codeOf returns unit u's code.
func codeOf(u Unit) unitCode {
	switch u {
	case WorkingDays:
		return workingDays
	case CalendarDays:
		return calendarDays
	case CalendarMonths:
		return calendarMonths
	case YearsOfAge:
		return yearsOfAge
	case AsSoonAsPossible:
		return asSoonAsPossible
	}
	return unknownUnit
}

// index builds b.places and b.none from b.editions.
func (b *Rulebook) index() {
	b.none = *b.place("") // no rule has an empty ID
	b.places = make(map[RuleID]*place)
	for i := range b.editions {
		for _, r := range b.editions[i].Rules {
			if _, ok := b.places[r.ID]; !ok {
				b.places[r.ID] = b.place(r.ID)
			}
		}
	}
}

func (b *Rulebook) place(id RuleID) *place {
	p := &place{at: make([]slot, len(b.editions))}
	newest := true
	for i := range b.editions {
		e := &b.editions[i]
		j, ok := e.byID[id]
		if !ok {
			p.at[i] = slot{from: e.InForce}
			continue
		}
		if r := e.Rules[j]; newest && r.Bound.Unit == YearsOfAge {
			p.aged, p.age = true, r.Bound.N
		}
		newest = false
		b := e.Rules[j].Bound
		p.at[i] = slot{rule: &e.Rules[j], from: e.inForce(id), unit: codeOf(b.Unit), days: b.N}
		if b.Before {
			p.at[i].days = -b.N
		}
	}
	return p
}

type edition struct {
	Edition
	byID map[RuleID]int // index into Rules
	// national holds the edition's own rules, kept apart so that a second
	// local protocol is still checked against the guidance, not against the
	// first protocol.
	national map[RuleID]Rule
	// from holds the rules with their own in-force date ([Rule.InForce]),
	// few or none: a scan of it costs less than a map lookup.
	from []ruleFrom
}

type ruleFrom struct {
	id RuleID
	on holidays.Date
}

// ownInForce lists the rules that have their own in-force date.
func ownInForce(rules []Rule) []ruleFrom {
	var out []ruleFrom
	for _, r := range rules {
		if !r.InForce.IsZero() {
			out = append(out, ruleFrom{r.ID, r.InForce})
		}
	}
	return out
}

// inForce returns the day the edition's rule id applies from: its own
// in-force date, or else the edition's.
func (e *edition) inForce(id RuleID) holidays.Date {
	for _, f := range e.from {
		if f.id == id {
			return f.on
		}
	}
	return e.InForce
}

// NewRulebook validates editions and returns a rulebook of them. Editions may
// come in any order; each needs a distinct year and in-force date, and each
// rule a unique ID within its edition, a name, a citation and a sound bound.
func NewRulebook(editions []Edition) (*Rulebook, error) {
	b := &Rulebook{}
	for _, e := range editions {
		e.Rules = slices.Clone(e.Rules)
		ed := edition{Edition: e, byID: make(map[RuleID]int, len(e.Rules)), national: make(map[RuleID]Rule, len(e.Rules))}
		if !e.InForce.IsValid() {
			return nil, &EditionError{Year: e.Year, Message: fmt.Sprintf("in-force date %s is not valid", e.InForce)}
		}
		for i, r := range e.Rules {
			if err := validateRule(r); err != nil {
				return nil, &EditionError{Year: e.Year, Message: err.Error()}
			}
			if _, dup := ed.byID[r.ID]; dup {
				return nil, &EditionError{Year: e.Year, Message: fmt.Sprintf("rule %q appears twice", r.ID)}
			}
			ed.byID[r.ID] = i
			if !r.Local {
				ed.national[r.ID] = r
			}
		}
		ed.from = ownInForce(e.Rules)
		b.editions = append(b.editions, ed)
	}
	slices.SortFunc(b.editions, func(x, y edition) int { return y.InForce.Compare(x.InForce) })
	for i := 1; i < len(b.editions); i++ {
		prev, cur := b.editions[i-1], b.editions[i]
		if prev.InForce == cur.InForce || prev.Year == cur.Year {
			return nil, &EditionError{Year: cur.Year, Message: fmt.Sprintf("shares its year or in-force date with the %d edition", prev.Year)}
		}
		if prev.Year < cur.Year {
			return nil, &EditionError{Year: cur.Year, Message: fmt.Sprintf("came into force before the %d edition but is named after it", prev.Year)}
		}
	}
	b.index()
	return b, nil
}

func validateRule(r Rule) error {
	switch {
	case r.ID == "":
		return fmt.Errorf("a rule has no ID")
	case r.Name == "" || r.Anchor == "" || r.Target == "":
		return fmt.Errorf("rule %q needs a name, an anchor and a target", r.ID)
	case r.Citation.Edition == "":
		return fmt.Errorf("rule %q has no citation", r.ID)
	case !r.InForce.IsZero() && !r.InForce.IsValid():
		return fmt.Errorf("rule %q: in-force date %s is not valid", r.ID, r.InForce)
	}
	switch r.Bound.Unit {
	case AsSoonAsPossible:
		if r.Bound.N != 0 || r.Bound.Before {
			return fmt.Errorf("rule %q: an as-soon-as-possible bound has no length", r.ID)
		}
	case WorkingDays, CalendarDays, CalendarMonths, YearsOfAge:
		if r.Bound.N < 0 {
			return fmt.Errorf("rule %q: bound %d is negative", r.ID, r.Bound.N)
		}
		if r.Bound.Unit == YearsOfAge && r.Bound.Before {
			return fmt.Errorf("rule %q: an age is reached on a birthday, not before it", r.ID)
		}
	default:
		return fmt.Errorf("rule %q: unknown unit %q", r.ID, r.Bound.Unit)
	}
	return nil
}

// Editions returns the rulebook's editions, newest first. The slices are the
// caller's own.
func (b *Rulebook) Editions() []Edition {
	out := make([]Edition, len(b.editions))
	for i, e := range b.editions {
		out[i] = e.Edition
		out[i].Rules = slices.Clone(e.Rules)
	}
	return out
}

// Pin returns a rulebook that applies the given edition whatever the anchor
// date, for a host that must judge by one edition.
func (b *Rulebook) Pin(year int) (*Rulebook, error) {
	for _, e := range b.editions {
		if e.Year == year {
			p := *b
			p.pinned = year
			return &p, nil
		}
	}
	return nil, &NoEditionError{Year: year}
}

// EditionFor returns the edition that applies to a clock started on anchor:
// the pinned edition, or else the newest one in force on that date.
func (b *Rulebook) EditionFor(anchor holidays.Date) (Edition, error) {
	e, err := b.editionFor(anchor)
	if err != nil {
		return Edition{}, err
	}
	out := e.Edition
	out.Rules = slices.Clone(out.Rules)
	return out, nil
}

// EditionYear returns the year of the edition that [Rulebook.EditionFor]
// returns, without copying its rules: a host labelling many deadlines needs
// only the year.
func (b *Rulebook) EditionYear(anchor holidays.Date) (int, error) {
	e, err := b.editionFor(anchor)
	if err != nil {
		return 0, err
	}
	return e.Year, nil
}

func (b *Rulebook) editionFor(anchor holidays.Date) (*edition, error) {
	for i := range b.editions {
		e := &b.editions[i]
		if b.pinned != 0 {
			if e.Year == b.pinned {
				return e, nil
			}
			continue
		}
		if !anchor.Before(e.InForce) {
			return e, nil
		}
	}
	return nil, &NoEditionError{Date: anchor}
}

// Rule returns the rule id of the edition that applies to anchor: the pinned
// edition, or else the one in force on the anchor date, with the exceptions
// that [Rulebook.Deadline] describes.
func (b *Rulebook) Rule(id RuleID, anchor holidays.Date) (Rule, error) {
	_, r, err := b.lookup(id, anchor)
	if err != nil {
		return Rule{}, err
	}
	return *r, nil
}

// lookup finds the edition and rule that apply to a clock on rule id started
// on anchor. It does not allocate unless it fails.
func (b *Rulebook) lookup(id RuleID, anchor holidays.Date) (*edition, *Rule, error) {
	e, r, err := b.find(id, anchor)
	if err == nil && r == nil {
		return nil, nil, &UnknownRuleError{ID: id, Edition: e.Year}
	}
	return e, r, err
}

// find is lookup, reporting an edition that lacks the rule as a nil rule
// and no error, so that a host asking about a rule older editions lack
// ([Rulebook.DeadlineIfSet]) need not allocate an error. It never allocates.
func (b *Rulebook) find(id RuleID, anchor holidays.Date) (*edition, *Rule, error) {
	e, s, err := b.findAt(b.placeOf(id), anchor)
	if err != nil {
		return nil, nil, err
	}
	return e, s.rule, nil
}

// placeOf returns the place of rule id: b.none if no edition sets it.
func (b *Rulebook) placeOf(id RuleID) *place {
	if p, ok := b.places[id]; ok {
		return p
	}
	return &b.none
}

// findAt is find for the rule whose place is p, giving the rule's slot in
// the edition (whose rule is nil if the edition lacks it) rather than the
// rule alone, for the unit code the slot keeps; the slot is nil on error.
func (b *Rulebook) findAt(p *place, anchor holidays.Date) (*edition, *slot, error) {
	if b.pinned != 0 {
		for i := range b.editions {
			if e := &b.editions[i]; e.Year == b.pinned {
				return e, &p.at[i], nil
			}
		}
		return nil, nil, &NoEditionError{Date: anchor}
	}
	at := anchor
	// A birth date is the anchor of an age rule, but nobody is judged by the
	// guidance of the year they were born: the plan of a child born in 2008
	// ends under the edition in force when the child turns 18.
	if p.aged {
		at = Birthday(anchor, p.age)
	}
	// Newest first: the first edition whose rule is in force on the date
	// (by its own in-force date, if it has one), else the first edition in
	// force on the date, which then lacks the rule.
	for i := range p.at {
		if s := &p.at[i]; !at.Before(s.from) {
			return &b.editions[i], s, nil
		}
	}
	return nil, nil, &NoEditionError{Date: at}
}

// Rules returns every rule of the edition named year, each with its
// citation, in a stable order: the national rules in the order the edition
// lists them (the order of a child's journey, then the partnership's duties
// of chapters 2, 4, 5 and 6), a local override in the place of the rule it
// tightens, and rules added by local protocol after them in the order they
// were laid. The slice is the caller's own. A year not in the rulebook is a
// *[NoEditionError].
func (b *Rulebook) Rules(year int) ([]Rule, error) {
	for _, e := range b.editions {
		if e.Year == year {
			return slices.Clone(e.Rules), nil
		}
	}
	return nil, &NoEditionError{Year: year}
}

// A Deadline is a rule applied to an anchor date.
type Deadline struct {
	Rule    Rule          `json:"rule"`
	Edition int           `json:"edition"`
	Anchor  holidays.Date `json:"anchor"`
	// Due is the last day on which the target is in time; for a Before bound,
	// the latest day it may happen. It is the zero Date for an
	// as-soon-as-possible rule, which has no fixed bound, and then absent
	// from JSON (the zero Date has no text form).
	Due holidays.Date `json:"due,omitzero"`
}

// Deadline applies rule id, from the edition that applies to anchor, to the
// anchor date on cal. A working-day deadline of one working day or more
// always falls on a working day (a local rule of 0 working days is the anchor
// itself); a calendar bound may fall on any day. A nil cal means
// [holidays.EnglandAndWales].
//
// The edition is the pinned one, or else the one in force on the anchor
// date, with two exceptions. An age rule ([YearsOfAge]) takes the edition in
// force on the birthday it names, since its anchor is a date of birth. And a
// rule with its own [Rule.InForce] date applies from that date: a serious
// incident of 2 July 2018 is judged by the 2018 edition's notification rule,
// in force from 29 June, though the edition came into force on 4 July. A rule
// that the applicable edition does not set is an *[UnknownRuleError].
func (b *Rulebook) Deadline(cal *holidays.Calendar, id RuleID, anchor holidays.Date) (Deadline, error) {
	d, ok, err := b.DeadlineIfSet(cal, id, anchor)
	if err == nil && !ok {
		return Deadline{}, &UnknownRuleError{ID: id, Edition: d.Edition}
	}
	return d, err
}

// DeadlineIfSet is [Rulebook.Deadline] for a host that applies, to many
// anchors, a rule that older editions do not set (the child seen rule is new
// in the 2023 edition): when the edition that applies to anchor lacks rule
// id, it returns ok false and no error, with only the Deadline's Edition
// set, instead of allocating an *[UnknownRuleError] for each anchor.
func (b *Rulebook) DeadlineIfSet(cal *holidays.Calendar, id RuleID, anchor holidays.Date) (d Deadline, ok bool, err error) {
	e, r, err := b.find(id, anchor)
	if err != nil {
		return Deadline{}, false, err
	}
	if r == nil {
		return Deadline{Edition: e.Year}, false, nil
	}
	due, err := DueDate(cal, r.Bound, anchor)
	if err != nil {
		return Deadline{}, false, err
	}
	return Deadline{Rule: *r, Edition: e.Year, Anchor: anchor, Due: due}, true, nil
}

// A RuleSet is a few rules of a rulebook, named by ID and then looked up by
// their position in the set: a host that applies the same rules to millions
// of anchors (a case replay starts a clock on most events) resolves the IDs
// once, and then pays no lookup by name for each. It is immutable and safe
// for concurrent use.
type RuleSet struct {
	book   *Rulebook
	ids    []RuleID
	places []*place
}

// RuleSet returns the rules ids of b, as a set in which ids[i] is the i'th.
// An ID that no edition sets is allowed: its lookups fail as b's do.
func (b *Rulebook) RuleSet(ids []RuleID) *RuleSet {
	s := &RuleSet{book: b, ids: slices.Clone(ids), places: make([]*place, len(ids))}
	for i, id := range ids {
		s.places[i] = b.placeOf(id)
	}
	return s
}

// Rulebook returns the rulebook the set's rules are looked up in.
func (s *RuleSet) Rulebook() *Rulebook { return s.book }

// DueIfSet is [Rulebook.DeadlineIfSet] for the set's i'th rule, giving only
// the due date and the edition's year: a host that keeps many deadlines
// keeps these and looks the rule up ([RuleSet.Rule]) only to show one. When
// the edition that applies to anchor lacks the rule, ok is false and only
// edition is set.
func (s *RuleSet) DueIfSet(cal *holidays.Calendar, i int, anchor holidays.Date) (due holidays.Date, edition int, ok bool, err error) {
	e, sl, err := s.book.findAt(s.places[i], anchor)
	if err != nil {
		return holidays.Date{}, 0, false, err
	}
	if sl.rule == nil {
		return holidays.Date{}, e.Year, false, nil
	}
	// The commonest bound, in working days, is counted here, without the
	// call of dueDate (which would count it the same way); for the others
	// the unit's code is the slot's, and the bound is read in place.
	if sl.unit == workingDays && cal != nil {
		due, err = cal.AddWorkdays(anchor, sl.days)
	} else {
		due, err = dueDate(cal, sl.unit, &sl.rule.Bound, anchor)
	}
	if err != nil {
		return holidays.Date{}, 0, false, err
	}
	return due, e.Year, true, nil
}

// Rule is [Rulebook.Rule] for the set's i'th rule.
func (s *RuleSet) Rule(i int, anchor holidays.Date) (Rule, error) {
	e, sl, err := s.book.findAt(s.places[i], anchor)
	if err != nil {
		return Rule{}, err
	}
	if sl.rule == nil {
		return Rule{}, &UnknownRuleError{ID: s.ids[i], Edition: e.Year}
	}
	return *sl.rule, nil
}

// RuleInto sets *dst to the set's i'th rule as the edition named year sets
// it. It is [RuleSet.Rule] for a host that kept the edition
// [RuleSet.DueIfSet] gave with a due date and shows many rules (a census
// shows millions of deadlines): the editions are not searched by date
// again, and the rule, which is large, is copied once, into place. A year
// the rulebook has no edition of is a *[NoEditionError], and an edition
// without the rule an *[UnknownRuleError]; on error *dst is unchanged.
func (s *RuleSet) RuleInto(dst *Rule, i, year int) error {
	b := s.book
	for j := range b.editions {
		if e := &b.editions[j]; e.Year == year {
			r := s.places[i].at[j].rule
			if r == nil {
				return &UnknownRuleError{ID: s.ids[i], Edition: year}
			}
			*dst = *r
			return nil
		}
	}
	return &NoEditionError{Year: year}
}

// DueDate applies a bound to an anchor date on cal. It returns the zero Date
// for an as-soon-as-possible bound. A nil cal means
// [holidays.EnglandAndWales].
func DueDate(cal *holidays.Calendar, b Bound, anchor holidays.Date) (holidays.Date, error) {
	return dueDate(cal, codeOf(b.Unit), &b, anchor)
}

// dueDate is [DueDate] for a bound whose unit's code is u, taking the bound
// in place: a rulebook keeps the code of each rule's unit.
func dueDate(cal *holidays.Calendar, u unitCode, b *Bound, anchor holidays.Date) (holidays.Date, error) {
	if cal == nil {
		cal = holidays.EnglandAndWales()
	}
	n := b.N
	if b.Before {
		n = -n
	}
	// AddWorkdays refuses a bad anchor with the error IsWorkday gives, so
	// the commonest bound looks its anchor up once, not twice.
	if u == workingDays {
		return cal.AddWorkdays(anchor, n)
	}
	if _, err := cal.IsWorkday(anchor); err != nil {
		return holidays.Date{}, err
	}
	var due holidays.Date
	switch u {
	case asSoonAsPossible:
		return holidays.Date{}, nil
	case calendarDays:
		due = anchor.AddDays(n)
	case calendarMonths:
		due = anchor.AddMonths(n)
	case yearsOfAge:
		if b.Before || n < 0 {
			return holidays.Date{}, fmt.Errorf("timescales: an age bound (%d years) counts forward from a birth date", b.N)
		}
		due = Birthday(anchor, n)
	default:
		return holidays.Date{}, fmt.Errorf("timescales: unknown unit %q", b.Unit)
	}
	if _, err := cal.IsWorkday(due); err != nil {
		return holidays.Date{}, err
	}
	return due, nil
}

// Birthday returns the day on which someone born on birth reaches age years.
// Someone born on 29 February reaches it on 1 March in a common year (Family
// Law Reform Act 1969, s.9: a person attains an age at the start of the
// relevant anniversary of birth, and a common year has no 29 February).
func Birthday(birth holidays.Date, age int) holidays.Date {
	d := holidays.Date{Year: birth.Year + age, Month: birth.Month, Day: birth.Day}
	if !d.IsValid() && birth.Day == 29 && birth.Month == 2 {
		return holidays.Date{Year: d.Year, Month: 3, Day: 1}
	}
	return d
}
