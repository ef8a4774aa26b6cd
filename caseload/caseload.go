package caseload

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// DefaultDays is the agenda's horizon when [Options.Days] is zero: the two
// working weeks a team manager looks ahead on a Monday.
const DefaultDays = 10

// Options say what to judge the caseload on.
type Options struct {
	// AsOf is the day the caseload is judged at the end of. Required.
	AsOf holidays.Date
	// Days is the agenda's horizon: running clocks due within this many
	// working days after AsOf are listed (0 means DefaultDays; negative
	// lists only what is overdue).
	Days int
	// From and To bound the compliance period, both days included. A zero
	// To is AsOf; a zero From is the day after To three calendar months
	// earlier, so the default period is the quarter up to AsOf.
	From, To holidays.Date
	// By is the label whose values break the agenda and the compliance
	// figures down, such as "team". Empty: no breakdown.
	By string
	// KeepCases keeps every case and its clocks in the report, for a
	// section per case; without it memory holds only the agenda and counts.
	KeepCases bool
}

// An OptionsError reports options that cannot be judged on.
type OptionsError struct{ Msg string }

func (e *OptionsError) Error() string { return "caseload: " + e.Msg }

// normalise fills in the defaults and checks the period.
func (o Options) normalise() (Options, error) {
	if o.AsOf.IsZero() {
		return o, &OptionsError{Msg: "no as-of date"}
	}
	if o.Days == 0 {
		o.Days = DefaultDays
	}
	if o.To.IsZero() {
		o.To = o.AsOf
	}
	if o.From.IsZero() {
		o.From = o.To.AddMonths(-3).AddDays(1)
	}
	if o.From.After(o.To) {
		return o, &OptionsError{Msg: fmt.Sprintf("period from %s to %s ends before it starts", o.From, o.To)}
	}
	return o, nil
}

// A Source says where a case came from: the file and the line its text
// starts on (zero when the host built the case itself).
type Source struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

func (s Source) String() string {
	switch {
	case s.File == "" && s.Line == 0:
		return ""
	case s.Line == 0:
		return s.File
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}

// An Item is one case of a caseload with the labels the host gives it.
type Item struct {
	Case   *pathway.Case
	Labels map[string]string
	Source Source
}

// An Entry is one line of the agenda: a running clock that is overdue or
// falls due within the horizon.
type Entry struct {
	Case     string            `json:"case"`
	Group    string            `json:"group,omitempty"` // the value of the By label
	Source   Source            `json:"source,omitzero"`
	Rule     timescales.RuleID `json:"rule"`
	Name     string            `json:"name"`
	Citation string            `json:"citation"`
	Edition  int               `json:"edition"`
	Status   pathway.Status    `json:"status"` // open or overdue
	Anchor   holidays.Date     `json:"anchor"`
	// Due is zero for an as-soon-as-possible clock, which is listed first.
	Due holidays.Date `json:"due,omitzero"`
	// Left is the working days after the as-of date up to the due date
	// (open); Overdue the working days late so far (overdue); Elapsed the
	// working days since the anchor (as soon as possible).
	Left    int `json:"workdays_left"`
	Overdue int `json:"workdays_overdue,omitempty"`
	Elapsed int `json:"workdays_elapsed,omitempty"`
}

// UID is a stable identity for the deadline: the same case, rule and anchor
// give the same UID on every run, so a calendar updates the event rather
// than adding another.
func (e Entry) UID() string {
	return fmt.Sprintf("%s/%s/%s@safeguarding", strconv.Quote(e.Case), e.Rule, e.Anchor)
}

// A Tally is the compliance figure of one rule over the period, for all
// cases (Group "") or for one value of the By label.
type Tally struct {
	Rule     timescales.RuleID `json:"rule"`
	Name     string            `json:"name"`
	Citation string            `json:"citation"`
	Group    string            `json:"group,omitempty"`
	// Settled counts the clocks whose target happened (met, late) or that
	// stopped past their due date (missed) within the period.
	Settled int `json:"settled"`
	Met     int `json:"met"`
	Late    int `json:"late"`
	Missed  int `json:"missed"`
	// MedianLate is the median working days late of the late clocks (zero
	// when none was late): half way between the middle two for an even count.
	MedianLate float64 `json:"median_workdays_late"`
	// The cases behind each number, by case ID in order, one entry per
	// clock (a case late twice for one rule is listed twice).
	MetCases    []string `json:"met_cases"`
	LateCases   []string `json:"late_cases"`
	MissedCases []string `json:"missed_cases"`

	lates []int
}

// OnTime returns the share of settled clocks that were met, and false when
// none was settled (0 of 0 is no figure at all, not 0% or 100%).
func (t Tally) OnTime() (float64, bool) {
	if t.Settled == 0 {
		return 0, false
	}
	return float64(t.Met) / float64(t.Settled), true
}

// OnTimeText is [Tally.OnTime] for people: "83%", or "n/a" for 0 of 0.
func (t Tally) OnTimeText() string {
	share, ok := t.OnTime()
	if !ok {
		return "n/a"
	}
	return strconv.Itoa(int(share*100+0.5)) + "%"
}

// A Problem is a case that could not be read or judged: it is listed in
// every format, never dropped.
type Problem struct {
	Source Source `json:"source,omitzero"`
	Case   string `json:"case,omitempty"`
	Field  string `json:"field,omitempty"`
	Err    string `json:"error"`
}

func (p Problem) String() string {
	s := p.Source.String()
	if s != "" {
		s += ": "
	}
	if p.Case != "" && !containsQuoted(p.Err, p.Case) {
		s += "case " + strconv.Quote(p.Case) + ": "
	}
	return s + p.Err
}

func containsQuoted(msg, id string) bool { return strings.Contains(msg, strconv.Quote(id)) }

// A Judged case is one case with its stage and clocks as of the as-of date,
// kept when [Options.KeepCases] is set.
type Judged struct {
	Item   Item            `json:"-"`
	ID     string          `json:"id"`
	Group  string          `json:"group,omitempty"`
	Source Source          `json:"source,omitzero"`
	Stage  pathway.Stage   `json:"stage"`
	Clocks []pathway.Clock `json:"deadlines"`
}

// A Report is a caseload judged: the agenda, the compliance figures and
// the cases that could not be read.
type Report struct {
	Options Options `json:"-"`
	// Read counts the cases judged; Problems lists the ones that were not.
	Read     int       `json:"cases"`
	Problems []Problem `json:"unreadable"`
	// Agenda is every overdue clock and every running clock due within the
	// horizon, by due date (as-soon-as-possible clocks first), then case,
	// rule and anchor.
	Agenda []Entry `json:"agenda"`
	// Groups are the values of the By label, in order; "" stands for
	// cases without the label.
	Groups []string `json:"groups,omitempty"`
	// Compliance has one tally per rule that settled a clock in the
	// period, by rule ID; ByGroup the same per group, group by group.
	Compliance []Tally  `json:"compliance"`
	ByGroup    []Tally  `json:"compliance_by_group,omitempty"`
	Cases      []Judged `json:"-"`
}

// ErrEmpty is the error for a caseload with no case in it: an empty input
// is a mistake (a wrong path, a failed export), never a clean bill.
var ErrEmpty = errors.New("caseload: no cases")

// tallyKey identifies one tally while counting.
type tallyKey struct {
	group string
	rule  timescales.RuleID
}

// A judge accumulates cases into a report, one case at a time in input
// order. Judging the clocks of a case (judgeOne) is the costly part and
// runs on the workers; add only counts.
type judge struct {
	o       Options
	r       *Report
	all     map[timescales.RuleID]*Tally
	byGroup map[tallyKey]*Tally
	groups  map[string]bool
	bufs    scratchPool
	// agenda holds each case's agenda lines as its worker made them,
	// entries their number: finish sorts them into one slice, once,
	// rather than a growing slice copying them as cases come.
	agenda  [][]Entry
	entries int
}

func newJudge(o Options) (*judge, error) {
	o, err := o.normalise()
	if err != nil {
		return nil, err
	}
	return &judge{o: o, r: &Report{Options: o}, all: map[timescales.RuleID]*Tally{},
		byGroup: map[tallyKey]*Tally{}, groups: map[string]bool{}}, nil
}

// A judged case on its way from a worker to the count: the case (with its
// clocks only when kept), its agenda lines and its clocks settled in the
// period.
type judgedCase struct {
	j       Judged
	entries []Entry
	settled []settled
}

// A settled clock, as much of it as the compliance figures count.
type settled struct {
	rule     timescales.RuleID
	name     string
	citation string
	status   pathway.Status
	late     int
}

// scratch is what a worker reuses from case to case, so that judging a
// case keeps only what the report needs: a slice for the case's clocks, and
// the text of every citation it has written (a few rules cite the same
// paragraphs for thousands of agenda lines).
type scratch struct {
	clocks    []pathway.Clock
	citations map[timescales.Citation]string
}

// citation is c as text.
func (s *scratch) citation(c timescales.Citation) string {
	text, ok := s.citations[c]
	if !ok {
		text = c.String()
		s.citations[c] = text
	}
	return text
}

// scratchPool lends each worker a scratch.
type scratchPool struct{ pool sync.Pool }

func (p *scratchPool) get() *scratch {
	if s, ok := p.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{citations: map[timescales.Citation]string{}}
}

// judgeOne works out one case's clocks and sorts them into agenda lines and
// settled clocks; it is safe to call concurrently.
func judgeOne(it Item, o Options, bufs *scratchPool) (judgedCase, *Problem) {
	j := Judged{Item: it, ID: it.Case.ID(), Source: it.Source, Group: it.Labels[o.By]}
	s := bufs.get()
	defer bufs.pool.Put(s)
	clocks, err := it.Case.AppendDeadlines(s.clocks[:0], o.AsOf)
	s.clocks = clocks
	if err != nil {
		return judgedCase{j: j}, &Problem{Source: it.Source, Case: j.ID, Err: err.Error()}
	}
	jc := judgedCase{j: j}
	jc.j.Stage = it.Case.StageAt(o.AsOf)
	if o.KeepCases {
		jc.j.Clocks = slices.Clone(clocks)
	}
	// Counted first, so that each list is allocated once at its size.
	agenda, settles := 0, 0
	for i := range clocks {
		agenda += boolInt(onAgenda(o, &clocks[i]))
		settles += boolInt(settledIn(o, &clocks[i]))
	}
	if agenda > 0 {
		jc.entries = make([]Entry, 0, agenda)
	}
	if settles > 0 {
		jc.settled = make([]settled, 0, settles)
	}
	for i := range clocks {
		k := &clocks[i]
		if onAgenda(o, k) {
			jc.entries = append(jc.entries, entry(j, k, s.citation(k.Rule.Citation)))
		}
		if settledIn(o, k) {
			jc.settled = append(jc.settled, settled{rule: k.Rule.ID, name: k.Rule.Name,
				citation: s.citation(k.Rule.Citation), status: k.Status, late: k.Late})
		}
	}
	return jc, nil
}

func (g *judge) problem(p Problem) { g.r.Problems = append(g.r.Problems, p) }

// add counts one judged case.
func (g *judge) add(jc judgedCase) {
	g.r.Read++
	if g.o.By != "" {
		g.groups[jc.j.Group] = true
	}
	if len(jc.entries) > 0 {
		g.agenda = append(g.agenda, jc.entries)
		g.entries += len(jc.entries)
	}
	for _, k := range jc.settled {
		g.count(jc.j, k)
	}
	if g.o.KeepCases {
		g.r.Cases = append(g.r.Cases, jc.j)
	}
}

// onAgenda reports whether the clock belongs on the agenda: overdue, or
// running and due within the horizon (or as soon as possible).
func onAgenda(o Options, k *pathway.Clock) bool {
	return k.Status == pathway.Overdue || k.Status == pathway.Open && (k.Due.IsZero() || k.WorkdaysLeft <= o.Days)
}

// entry makes the agenda line of a clock.
func entry(j Judged, k *pathway.Clock, citation string) Entry {
	return Entry{
		Case: j.ID, Group: j.Group, Source: j.Source,
		Rule: k.Rule.ID, Name: k.Rule.Name, Citation: citation, Edition: k.Edition,
		Status: k.Status, Anchor: k.Anchor, Due: k.Due,
		Left: k.WorkdaysLeft, Overdue: k.Late, Elapsed: k.Elapsed,
	}
}

// settledIn reports whether the clock was met, late or missed within the
// compliance period.
func settledIn(o Options, k *pathway.Clock) bool {
	switch k.Status {
	case pathway.Met, pathway.Late, pathway.Missed:
		return !k.Done.Before(o.From) && !k.Done.After(o.To)
	}
	return false
}

// count adds a clock settled within the period to its rule's tallies.
func (g *judge) count(j Judged, k settled) {
	t := g.all[k.rule]
	if t == nil {
		t = newTally(k, "")
		g.all[k.rule] = t
	}
	t.add(j.ID, k)
	if g.o.By != "" {
		key := tallyKey{group: j.Group, rule: k.rule}
		t := g.byGroup[key]
		if t == nil {
			t = newTally(k, j.Group)
			g.byGroup[key] = t
		}
		t.add(j.ID, k)
	}
}

func newTally(k settled, group string) *Tally {
	return &Tally{Rule: k.rule, Name: k.name, Citation: k.citation, Group: group}
}

func (t *Tally) add(id string, k settled) {
	t.Settled++
	switch k.status {
	case pathway.Met:
		t.Met++
		t.MetCases = append(t.MetCases, id)
	case pathway.Late:
		t.Late++
		t.LateCases = append(t.LateCases, id)
		t.lates = append(t.lates, k.late)
	case pathway.Missed:
		t.Missed++
		t.MissedCases = append(t.MissedCases, id)
	}
}

// finish sorts what was gathered and returns the report.
func (g *judge) finish() (*Report, error) {
	r := g.r
	if r.Read == 0 && len(r.Problems) == 0 {
		return nil, ErrEmpty
	}
	r.Agenda = sortEntries(g.agenda, g.entries)
	r.Groups = slices.Sorted(maps.Keys(g.groups))
	for _, id := range slices.Sorted(maps.Keys(g.all)) {
		r.Compliance = append(r.Compliance, g.all[id].done())
	}
	for _, key := range slices.SortedFunc(maps.Keys(g.byGroup), compareKeys) {
		r.ByGroup = append(r.ByGroup, g.byGroup[key].done())
	}
	if r.Agenda == nil {
		r.Agenda = []Entry{}
	}
	if r.Problems == nil {
		r.Problems = []Problem{}
	}
	if r.Compliance == nil {
		r.Compliance = []Tally{}
	}
	return r, nil
}

// done works out the median and sorts the cases behind each number.
func (t *Tally) done() Tally {
	t.MedianLate = median(t.lates)
	t.lates = nil
	for _, ids := range []*[]string{&t.MetCases, &t.LateCases, &t.MissedCases} {
		if *ids == nil {
			*ids = []string{}
		}
		slices.Sort(*ids)
	}
	return *t
}

// sortEntries sorts the agenda lines of every case into one slice, as
// slices.SortStableFunc with compareEntries sorts them in the order they
// were gathered. It sorts small references (the due date packed in an
// integer, which settles most comparisons, then the gathering order for
// ties) and copies each large Entry once, into a slice of the right size.
func sortEntries(parts [][]Entry, n int) []Entry {
	type ref struct {
		due int32 // dueKey
		pos int32
		e   *Entry
	}
	refs := make([]ref, 0, n)
	for _, part := range parts {
		for i := range part {
			refs = append(refs, ref{due: dueKey(part[i].Due), pos: int32(len(refs)), e: &part[i]})
		}
	}
	slices.SortFunc(refs, func(a, b ref) int {
		if a.due != b.due {
			return cmp.Compare(a.due, b.due)
		}
		if c := compareEntries(a.e, b.e); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	out := make([]Entry, len(refs))
	for k, r := range refs {
		out[k] = *r.e
	}
	return out
}

// dueKey orders due dates as compareEntries does: as soon as possible
// (zero) first, then by date.
func dueKey(d holidays.Date) int32 {
	return int32(d.Year)<<9 | int32(d.Month)<<5 | int32(d.Day)
}

func compareEntries(a, b *Entry) int {
	// As soon as possible first: it has no due date because it is due now.
	if c := cmp.Compare(boolInt(!a.Due.IsZero()), boolInt(!b.Due.IsZero())); c != 0 {
		return c
	}
	if c := a.Due.Compare(b.Due); c != 0 {
		return c
	}
	if c := strings.Compare(a.Case, b.Case); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Rule, b.Rule); c != 0 {
		return c
	}
	return a.Anchor.Compare(b.Anchor)
}

func compareKeys(a, b tallyKey) int {
	return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.rule, b.rule))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// median of working-day counts; the slice is sorted in place.
func median(xs []int) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return float64(xs[m])
	}
	return float64(xs[m-1]+xs[m]) / 2
}
