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
	if b.pinned != 0 {
		e, err := b.editionFor(anchor)
		if err != nil {
			return nil, nil, err
		}
		return e.rule(id)
	}
	at := anchor
	// A birth date is the anchor of an age rule, but nobody is judged by the
	// guidance of the year they were born: the plan of a child born in 2008
	// ends under the edition in force when the child turns 18.
	for i := range b.editions {
		if j, ok := b.editions[i].byID[id]; ok {
			if r := b.editions[i].Rules[j]; r.Bound.Unit == YearsOfAge {
				at = Birthday(anchor, r.Bound.N)
			}
			break
		}
	}
	// Newest first: the first edition whose rule is in force on the date
	// (by its own in-force date, if it has one), else the first edition in
	// force on the date, which then lacks the rule.
	for i := range b.editions {
		e := &b.editions[i]
		if !at.Before(e.inForce(id)) {
			return e.rule(id)
		}
	}
	return nil, nil, &NoEditionError{Date: at}
}

// rule returns the edition's rule id, or an *[UnknownRuleError].
func (e *edition) rule(id RuleID) (*edition, *Rule, error) {
	i, ok := e.byID[id]
	if !ok {
		return nil, nil, &UnknownRuleError{ID: id, Edition: e.Year}
	}
	return e, &e.Rules[i], nil
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
	e, r, err := b.lookup(id, anchor)
	if err != nil {
		return Deadline{}, err
	}
	due, err := DueDate(cal, r.Bound, anchor)
	if err != nil {
		return Deadline{}, err
	}
	return Deadline{Rule: *r, Edition: e.Year, Anchor: anchor, Due: due}, nil
}

// DueDate applies a bound to an anchor date on cal. It returns the zero Date
// for an as-soon-as-possible bound. A nil cal means
// [holidays.EnglandAndWales].
func DueDate(cal *holidays.Calendar, b Bound, anchor holidays.Date) (holidays.Date, error) {
	if cal == nil {
		cal = holidays.EnglandAndWales()
	}
	if _, err := cal.IsWorkday(anchor); err != nil {
		return holidays.Date{}, err
	}
	n := b.N
	if b.Before {
		n = -n
	}
	var due holidays.Date
	switch b.Unit {
	case AsSoonAsPossible:
		return holidays.Date{}, nil
	case WorkingDays:
		return cal.AddWorkdays(anchor, n)
	case CalendarDays:
		due = anchor.AddDays(n)
	case CalendarMonths:
		due = anchor.AddMonths(n)
	case YearsOfAge:
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
