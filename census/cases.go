package census

import (
	"slices"
	"strconv"
	"strings"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// A Case is one episode of need (one CINdetails element) as a [pathway.Case]:
// the census dates turned into pathway events, so that every deadline and
// verdict of the pathway applies.
//
// The census records dates, not decisions; where it leaves a pathway
// question open, the mapping takes a stated course and says so in Notes:
//
//   - The referral decision has no date in the census: it is taken as made on
//     the referral date, and the one-working-day decision timescale is not
//     judged. Its outcome is read from what followed: no further action when
//     ReferralNFA is true (or nothing followed before closure), a strategy
//     discussion when a section 47 enquiry started first, an assessment when
//     an assessment did; when neither follows, no decision is recorded.
//   - The strategy discussion is S47ActualStartDate, as the census defines
//     it, and starts the initial-conference clock.
//   - A section 47 enquiry has no conclusion date in the census: an
//     assessment authorised during the enquiry concludes it (the enquiry is
//     the assessment continued); failing that, an enquiry followed by an
//     initial conference is taken to conclude on the conference date, and
//     one marked ICPCnotRequired on the date of the next census event (or
//     left open when none follows). The 45-day assessment clock settles on
//     the assessment's own authorisation date, wherever the case has got
//     to; with none, it runs until the episode closes.
//   - An assessment has no recorded outcome: a child in need plan when one
//     starts on or after its authorisation, a strategy discussion when an
//     enquiry follows, no further action when the episode closes with
//     nothing else, otherwise a child in need plan (noted). An assessment with
//     no authorisation date is still running.
//   - The first CPPreviewDate after the plan's start is its first review
//     conference (one on or before the start is DfE error 8841, and never a
//     review); each later one is the next review. A review on the
//     plan's end date ends the plan; otherwise the plan ends on CPPendDate
//     with the ground "no longer at risk", or "died" (ReasonForClosure RC2)
//     or "reached 18" (on or after the 18th birthday).
//   - Core group meetings are not in the census: the first-core-group
//     timescale is not judged.
//   - ReasonForClosure, when it is one of the census's codes, is the
//     closure of the case-closed event made from CINclosureDate. An episode
//     the pathway has already closed (by an assessment concluded with no
//     further action, or a death) gets no case-closed, so its reason is not
//     carried.
//
// Events the pathway refuses (out of order, not allowed in the stage the
// case had reached, outside the calendar or the rulebook) are left out, each
// with a note naming the census element and the pathway's reason.
type Case struct {
	Episode int `json:"episode"`
	Line    int `json:"line"`
	// Case is the pathway case; its JSON is the pathway's event log.
	Case *pathway.Case `json:"case"`
	// AsOf is the date the deadlines were judged on: the census reference
	// date, or the last event when the file has none (or an event is later).
	AsOf      holidays.Date   `json:"as_of,omitzero"`
	Stage     pathway.Stage   `json:"stage"`
	Deadlines []pathway.Clock `json:"deadlines,omitempty"`
	Notes     []Note          `json:"notes,omitempty"`
	// clocks is the memory of a recycled report's Deadlines, which may
	// start past its first clocks (see judgedClocks): the next report
	// written over this one takes all of it.
	clocks []pathway.Clock
}

// The rules the census cannot support a verdict on.
func judged(id timescales.RuleID) bool {
	switch id {
	case timescales.ReferralDecision, timescales.CoreGroupFirst:
		return false
	}
	return true
}

// An item is one census date, waiting to become a pathway event.
type item struct {
	date holidays.Date
	kind itemKind
	i, j int // the record (assessment, enquiry, plan) and review indexes
}

type itemKind uint8

// Kinds in the order events of one day are taken.
const (
	kReferral itemKind = iota
	kAssessStart
	kS47Start
	kAssessEnd
	kICPC
	kEpisodeICPC
	kPlanStart
	kReview
	kPlanEnd
	kCINStart
	kCINEnd
	kClosure
)

// String names the census element an item comes from, for notes.
func (k itemKind) String() string { return itemElements[k] }

// itemElements names the census element of each kind of item.
var itemElements = [...]string{
	kReferral:    "CINreferralDate",
	kAssessStart: "AssessmentActualStartDate",
	kS47Start:    "S47ActualStartDate",
	kAssessEnd:   "AssessmentAuthorisationDate",
	kICPC:        "Section47/DateOfInitialCPC",
	kEpisodeICPC: "DateOfInitialCPC",
	kPlanStart:   "CPPstartDate",
	kReview:      "CPPreviewDate",
	kPlanEnd:     "CPPendDate",
	kCINStart:    "CINPlanStartDate",
	kCINEnd:      "CINPlanEndDate",
	kClosure:     "CINclosureDate",
}

// mapScratch is the mapper's scratch space, kept by the Auditor from one
// episode to the next.
type mapScratch struct {
	pc       pathway.Case // the case under construction
	items    []item
	flags    []bool
	clocks   []pathway.Clock
	notes    []Note
	cases    []Case
	measures []AssessmentTimeliness
	// ids holds the case IDs of many episodes (see caseID).
	ids strings.Builder
}

// idChunk is the size of the memory that caseID writes IDs in: some
// hundred IDs of a typical LAchildID.
const idChunk = 4096

// caseID returns the pathway case ID of episode ep of the child lachild,
// "lachild/ep". The IDs are written one after another in a chunk shared by
// many episodes, so that a national file's million IDs take a few thousand
// allocations; a builder never changes what it has written, so each ID
// stays as it is while the chunk fills, and a chunk lives as long as any
// case that holds an ID from it.
//
// The "/ep" tail is written in one piece, and the episode number, nearly
// always a single digit, without strconv: TestCaseIDsStayPut holds the IDs
// to strconv's.
func (sc *mapScratch) caseID(lachild string, ep int) string {
	tail := [21]byte{'/', byte('0' + ep)}
	n := tail[:2]
	if uint(ep) > 9 {
		n = strconv.AppendInt(tail[:1], int64(ep), 10)
	}
	size := len(lachild) + len(n)
	if sc.ids.Cap()-sc.ids.Len() < size {
		sc.ids = strings.Builder{}
		sc.ids.Grow(max(size, idChunk))
	}
	start := sc.ids.Len()
	sc.ids.WriteString(lachild)
	sc.ids.Write(n)
	return sc.ids.String()[start:]
}

// mapper turns one episode into a pathway case.
type mapper struct {
	a     *Auditor
	child *Child
	ep    *Episode
	c     *pathway.Case
	items []item
	notes []Note
	// per-record state
	s47Open     int // index of the enquiry under way, or -1
	planOpen    int // index of the plan in force, or -1
	assessOpen  int // index of the section 17 assessment under way, or -1
	skipPlan    []bool
	skipAssess  []bool
	inS47Assess []bool        // the assessment is the enquiry's own
	last        holidays.Date // the date of the last event applied
}

// An elem names the census element an event comes from, with its group's
// and item's positions, as [Finding.Path] writes them; it is formatted only
// when a note names it, so that mapping a child formats nothing on the
// common path.
type elem struct {
	element     string // "Assessments/AssessmentActualStartDate"
	index, item int    // 1-based; 0 for none
}

func (e elem) appendTo(b []byte) []byte {
	f := Finding{Element: e.element, Index: e.index, Item: e.item}
	return f.AppendPath(b)
}

// A Note says what a case's mapping assumed, or what it could not place
// on the pathway, and why. Like a [Finding], it holds the element, its date
// and the words it needs, and is written out only when output
// ([Note.String], JSON, where it is a string), so that judging a national
// file formats no notes.
type Note struct {
	el    elem          // the element the note is about; none for a note on the case
	date  holidays.Date // the element's date, if any
	text  string        // what follows "element date: ", with a "%s" for each arg in turn
	args  [2]string
	nargs int
	// err is the pathway's refusal, the %s after args: kept as the error
	// and written only with the note, since the pathway's messages are
	// formatted with fmt.
	err error
}

// String returns the note in words: "Assessments[2]/AssessmentActualStartDate
// 2023-06-05: taken as the assessment of the section 47 enquiry".
func (n Note) String() string {
	if n.el.element == "" && n.nargs == 0 && n.err == nil {
		return n.text
	}
	b, _ := n.AppendText(nil)
	return string(b)
}

// AppendText implements [encoding.TextAppender]: it appends
// [Note.String] to b, so that a host writing a national file's notes
// formats them without allocating. It never fails.
func (n Note) AppendText(b []byte) ([]byte, error) {
	if n.el.element != "" {
		b = n.el.appendTo(b)
		if !n.date.IsZero() {
			b = appendDate(append(b, ' '), n.date)
		}
		b = append(b, ": "...)
	}
	rest := n.text
	for i := 0; i < n.nargs || (i == n.nargs && n.err != nil); i++ {
		k := strings.Index(rest, "%s")
		if k < 0 {
			break
		}
		b = append(b, rest[:k]...)
		if i < n.nargs {
			b = append(b, n.args[i]...)
		} else {
			b = append(b, n.err.Error()...)
		}
		rest = rest[k+len("%s"):]
	}
	return append(b, rest...), nil
}

// MarshalText writes the note in words, so that JSON holds it as a string
// (encoding/json quotes text directly, without re-reading a marshaller's
// output).
func (n Note) MarshalText() ([]byte, error) { return n.AppendText(nil) }

// UnmarshalText reads a note written by [Note.MarshalText].
func (n *Note) UnmarshalText(b []byte) error {
	*n = Note{text: string(b)}
	return nil
}

// textNote is a note of fixed words, or words already written.
func textNote(text string) Note { return Note{text: text} }

// note records a note about el on date d: text, with its %s verbs taking
// args (names of stages and outcomes, which cost nothing to keep).
func (m *mapper) note(el elem, d holidays.Date, text string, args ...string) {
	n := Note{el: el, date: d, text: text}
	n.nargs = copy(n.args[:], args)
	m.notes = append(m.notes, n)
}

// apply applies e, noting a refusal against the census element that gave it.
func (m *mapper) apply(e pathway.Event, el elem) bool {
	if err := m.c.Apply(e); err != nil {
		// The error is written out only with the note.
		m.notes = append(m.notes, Note{el: el, date: e.Date, text: "not placed on the pathway: %s", err: err})
		return false
	}
	m.last = e.Date
	return true
}

// newCase makes pc ready for episode ep of c, with a note when the birth
// date cannot be used. pc is a recycled report's case, or else the
// Auditor's scratch case, whose log and clocks keep their memory from one
// episode to the next (the report gets a copy of exactly the right size).
func (a *Auditor) newCase(c *Child, ep int, pc *pathway.Case) (*pathway.Case, string) {
	id := a.mapScratch.caseID(c.LAchildID, ep)
	// The calendar and rulebook options are built once per Auditor; the
	// birth date's goes in the spare slot.
	opts := a.caseOpts[:2]
	if !c.BirthDate.IsZero() {
		a.caseOpts[2] = pathway.WithBirthDate(c.BirthDate)
		err := pc.Reset(id, a.caseOpts[:]...)
		a.caseOpts[2] = pathway.Option{}
		if err == nil {
			return pc, ""
		}
	}
	if err := pc.Reset(id, opts...); err != nil {
		return nil, err.Error()
	}
	if c.BirthDate.IsZero() {
		return pc, ""
	}
	return pc, "PersonBirthDate " + c.BirthDate.String() + " is outside the calendar: the plan-ends-at-18 timescale is not judged"
}

// cases maps each episode of c, appending the deadline findings to fs.
// prev are the cases of a recycled report, whose memory the new ones take
// over, up to its capacity.
func (a *Auditor) cases(c *Child, fs []Finding, prev []Case) ([]Case, []Finding) {
	prev = prev[:cap(prev)]
	// A recycled report's cases are written over in place: the i-th is
	// read (as old) before the i-th new one is appended over it.
	out := gather(a, a.mapScratch.cases, prev)
	for i := range c.Episodes {
		var old Case
		if a.recycle && i < len(prev) {
			old = prev[i]
		}
		e := &c.Episodes[i]
		cs := a.mapEpisode(c, i+1, e, &old)
		fs = a.deadlineFindings(c.LAchildID, &cs, e, fs)
		out = append(out, cs)
	}
	if !a.recycle {
		a.mapScratch.cases = out
	}
	return settle(a, &a.kept.cases, out), fs
}

// mapEpisode maps episode ep (1-based) of c. The case's notes and judged
// clocks gather in the memory of old (a recycled report's), or else in
// scratch space and are copied into the arena.
func (a *Auditor) mapEpisode(c *Child, ep int, e *Episode, old *Case) (cs Case) {
	sc := &a.mapScratch
	cs = Case{Episode: ep, Line: e.Line}
	into := old.Case
	if into == nil {
		into = &sc.pc
	}
	pc, msg := a.newCase(c, ep, into)
	if pc == nil {
		cs.Notes = settle(a, &a.kept.notes, append(gather(a, sc.notes, old.Notes), textNote("no pathway case: "+msg)))
		return cs
	}
	// The per-record state lives in scratch space kept across episodes.
	sc.flags = slices.Grow(sc.flags[:0], len(e.Plans)+2*len(e.Assessments))[:len(e.Plans)+2*len(e.Assessments)]
	clear(sc.flags)
	// The mapper lives on the stack, for this episode only.
	m := &mapper{a: a, child: c, ep: e, c: pc, s47Open: -1, planOpen: -1, assessOpen: -1,
		skipPlan: sc.flags[:len(e.Plans)], skipAssess: sc.flags[len(e.Plans) : len(e.Plans)+len(e.Assessments)],
		inS47Assess: sc.flags[len(e.Plans)+len(e.Assessments):], items: sc.items[:0], notes: gather(a, sc.notes, old.Notes)}
	defer func() {
		sc.items = m.items
		if !a.recycle {
			sc.notes = m.notes
		}
		cs.Notes = settle(a, &a.kept.notes, m.notes)
	}()
	if msg != "" {
		m.notes = append(m.notes, textNote(msg))
	}
	if e.ReferralDate.IsZero() {
		m.notes = append(m.notes, textNote("no CINreferralDate: the episode has no pathway case"))
		return cs
	}
	m.collect()
	m.run()
	cs.Case, cs.Stage = pc, pc.Stage()
	if pc == &sc.pc {
		cs.Case = a.kept.copyCase(pc)
	}
	cs.AsOf = a.hdr.ReferenceDate
	if last := m.last; !last.IsZero() {
		if cs.AsOf.IsZero() || last.After(cs.AsOf) {
			if !cs.AsOf.IsZero() {
				m.notes = append(m.notes, textNote("events after the reference date "+cs.AsOf.String()+": deadlines are judged as of "+last.String()))
			}
			cs.AsOf = last
		}
	}
	if !cs.AsOf.IsZero() {
		// The clocks are written straight into the recycled report's
		// memory, or else into scratch space kept across cases, and the
		// judged ones kept in place: a clock is large, so a recycled
		// report's are not copied there from scratch space.
		mem := old.clocks
		if mem == nil {
			mem = old.Deadlines // a report not written by AuditInto
		}
		dl, err := pc.AppendDeadlines(gather(a, a.mapScratch.clocks, mem), cs.AsOf)
		if err != nil {
			m.notes = append(m.notes, textNote("deadlines as of "+cs.AsOf.String()+": "+err.Error()))
		}
		if a.recycle {
			cs.clocks = dl
		} else {
			a.mapScratch.clocks = dl
		}
		cs.Deadlines = settle(a, &a.kept.clocks, a.judgedClocks(m, dl))
	}
	if st := pc.Stage(); st == pathway.StageSection47 && m.s47Open >= 0 && e.Section47s[m.s47Open].ICPCnotRequired == Yes {
		m.note(elem{"Section47", m.s47Open + 1, 0}, holidays.Date{}, "no conference was required, but the census records nothing to date the enquiry's conclusion: it stays open on the pathway")
		cs.Stage = st
	}
	return cs
}

func (m *mapper) collect() {
	e := m.ep
	m.items = slices.Grow(m.items[:0], 4+2*len(e.Assessments)+2*len(e.Section47s)+3*len(e.Plans)+2*len(e.CINPlans))
	add := func(d holidays.Date, k itemKind, i, j int) {
		if !d.IsZero() {
			m.items = append(m.items, item{d, k, i, j})
		}
	}
	add(e.ReferralDate, kReferral, 0, 0)
	for i := range e.Assessments {
		a := &e.Assessments[i]
		add(a.StartDate, kAssessStart, i, 0)
		add(a.AuthorisationDate, kAssessEnd, i, 0)
	}
	for i := range e.Section47s {
		s := &e.Section47s[i]
		add(s.StartDate, kS47Start, i, 0)
		add(s.DateOfInitialCPC, kICPC, i, 0)
	}
	if !e.DateOfInitialCPC.IsZero() && !slices.ContainsFunc(e.Section47s, func(s Section47) bool {
		return s.DateOfInitialCPC == e.DateOfInitialCPC
	}) {
		add(e.DateOfInitialCPC, kEpisodeICPC, 0, 0)
	}
	for i := range e.Plans {
		p := &e.Plans[i]
		add(p.StartDate, kPlanStart, i, 0)
		for j, r := range p.Reviews {
			add(r, kReview, i, j)
		}
		add(p.EndDate, kPlanEnd, i, 0)
	}
	for i := range e.CINPlans {
		p := &e.CINPlans[i]
		add(p.StartDate, kCINStart, i, 0)
		add(p.EndDate, kCINEnd, i, 0)
	}
	add(e.ClosureDate, kClosure, 0, 0)
	sortItems(m.items)
}

// sortItems sorts items by date, and by kind within a day, keeping the
// order they were collected in otherwise. An episode has a few items:
// those are sorted by insertion, compared in place, which costs less than
// the general sort's calls of a comparison function.
func sortItems(items []item) {
	const few = 16
	if len(items) > few {
		slices.SortStableFunc(items, func(x, y item) int {
			switch {
			case x.before(&y):
				return -1
			case y.before(&x):
				return 1
			}
			return 0
		})
		return
	}
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].before(&items[j-1]); j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

// before reports whether it sorts before o: an earlier date, or the same
// date and an earlier kind.
func (it *item) before(o *item) bool {
	if it.date != o.date {
		return it.date.Before(o.date)
	}
	return it.kind < o.kind
}

// after returns the kind of the first item after position k of one of
// the given kinds: what follows decides an outcome.
func (m *mapper) after(k int, kinds ...itemKind) (itemKind, bool) {
	for i := k + 1; i < len(m.items); i++ {
		if kind := m.items[i].kind; slices.Contains(kinds, kind) {
			return kind, true
		}
	}
	return 0, false
}

// The notes every case carries.
const (
	noteDecision  = "referral decision: the census records no decision date; taken as made on the referral date, and not judged"
	noteCoreGroup = "core group meetings are not in the census: the first core group is not judged"
)

func (m *mapper) run() {
	m.notes = append(m.notes, textNote(noteDecision), textNote(noteCoreGroup))
	for k := range m.items {
		m.step(k)
	}
}

func (m *mapper) stage() pathway.Stage { return m.c.Stage() }

// step places the k-th item, read in place (an item is 48 bytes), by its
// kind.
func (m *mapper) step(k int) {
	it := &m.items[k]
	if it.kind != kReferral && m.c.Len() == 0 {
		m.note(elem{it.kind.String(), 0, 0}, it.date, "before the referral: not placed")
		return
	}
	// A switch, not a table of methods: a call through a function value
	// would move the mapper, which lives on the stack, to the heap.
	switch it.kind {
	case kReferral:
		m.placeReferral(k, it)
	case kAssessStart:
		m.placeAssessStart(it)
	case kS47Start:
		m.placeS47Start(it)
	case kAssessEnd:
		m.placeAssessEnd(k, it)
	case kICPC, kEpisodeICPC:
		m.placeICPC(it)
	case kPlanStart:
		m.placePlanStart(it)
	case kReview:
		m.placeReview(it)
	case kPlanEnd:
		m.placePlanEnd(it)
	case kCINStart:
		m.placeCINStart(it)
	case kCINEnd:
		m.placeCINEnd(it)
	case kClosure:
		m.close(it.date)
	}
}

// placeReferral places a referral and its decision.
func (m *mapper) placeReferral(k int, it *item) {
	if !m.apply(pathway.Event{Type: pathway.ReferralReceived, Date: it.date}, elem{"CINreferralDate", 0, 0}) {
		return
	}
	m.decide(k, it.date)
}

// placeAssessStart places an assessment's start, or notes where it is taken instead.
func (m *mapper) placeAssessStart(it *item) {
	el := elem{"Assessments/AssessmentActualStartDate", it.i + 1, 0}
	switch st := m.stage(); st {
	case pathway.StageAwaitingAssessment:
		if m.apply(pathway.Event{Type: pathway.AssessmentStarted, Date: it.date}, el) {
			m.assessOpen = it.i
		}
	case pathway.StageStrategyDiscussion, pathway.StageSection47, pathway.StageConferenceDue:
		m.inS47Assess[it.i] = true
		m.note(el, it.date, "taken as the assessment of the section 47 enquiry")
	default:
		m.skipAssess[it.i] = true
		m.note(el, it.date, "no place on the pathway in stage %s (no new referral in the census); the assessment is not placed on the pathway, so no Working Together deadline is found for it", st.String())
	}
}

// placeS47Start places a section 47 enquiry's start, as a strategy discussion that led to it.
func (m *mapper) placeS47Start(it *item) {
	m.concludeNotRequired(it.date)
	el := elem{"Section47/S47ActualStartDate", it.i + 1, 0}
	if m.apply(pathway.Event{Type: pathway.StrategyDiscussionHeld, Date: it.date, Outcome: pathway.OutcomeSection47}, el) &&
		m.s47Open < 0 {
		m.s47Open = it.i
	}
}

// placeAssessEnd places an assessment's authorisation, where an assessment is under way.
func (m *mapper) placeAssessEnd(k int, it *item) {
	e := m.ep
	el := elem{"Assessments/AssessmentAuthorisationDate", it.i + 1, 0}
	a := &e.Assessments[it.i]
	switch st := m.stage(); {
	case m.skipAssess[it.i]:
	case !a.StartDate.IsZero() && it.date.Before(a.StartDate):
		m.note(el, it.date, "before the assessment started: not placed")
	case st == pathway.StageAssessment && m.assessOpen == it.i:
		m.concludeAssessment(k, it, el)
		m.assessOpen = -1
	case st == pathway.StageSection47 && (m.inS47Assess[it.i] || m.assessOpen == it.i):
		m.apply(pathway.Event{Type: pathway.AssessmentConcluded, Date: it.date, Outcome: pathway.OutcomeStrategyDiscussion}, el)
		m.concludeS47(it.date, el, byAssessment)
		m.assessOpen = -1
	case m.inS47Assess[it.i] || m.assessOpen == it.i:
		// Authorised after the enquiry concluded: the pathway settles
		// the assessment clock on the assessment's own conclusion,
		// wherever the case has got to.
		m.apply(pathway.Event{Type: pathway.AssessmentConcluded, Date: it.date, Outcome: pathway.OutcomeStrategyDiscussion}, el)
		m.assessOpen = -1
	default:
		m.note(el, it.date, "no assessment of this episode under way on the pathway: not placed")
	}
}

// placeICPC places an initial conference, with the plan it made if a plan starts on its date.
func (m *mapper) placeICPC(it *item) {
	e := m.ep
	el := elem{"Section47/DateOfInitialCPC", it.i + 1, 0}
	if it.kind == kEpisodeICPC {
		el = elem{"DateOfInitialCPC", 0, 0}
	}
	if m.stage() == pathway.StageSection47 {
		m.concludeS47(it.date, el, "the initial conference")
	}
	if st := m.stage(); st != pathway.StageConferenceDue {
		m.note(el, it.date, "an initial conference with no section 47 enquiry under way in this episode (stage %s): not placed", st.String())
		return
	}
	ev := pathway.Event{Type: pathway.InitialConferenceHeld, Date: it.date, Outcome: pathway.OutcomeNoPlan}
	for i := range e.Plans {
		p := &e.Plans[i]
		if p.StartDate == it.date {
			ev.Outcome, ev.Category = pathway.OutcomePlan, category(p.InitialCategory)
			if ev.Category == pathway.NoCategory {
				ev.Category = pathway.CategoryMultiple
				m.notes = append(m.notes, textNote("ChildProtectionPlans["+strconv.Itoa(i+1)+"]/InitialCategoryOfAbuse "+strconv.Quote(p.InitialCategory)+": not a census category; taken as multiple"))
			}
			if m.apply(ev, el) {
				m.planOpen = i
			}
			return
		}
	}
	m.apply(ev, el)
}

// placePlanStart notes a plan that no conference of the episode made.
func (m *mapper) placePlanStart(it *item) {
	if m.planOpen == it.i {
		return
	}
	m.skipPlan[it.i] = true
	m.note(elem{"ChildProtectionPlans/CPPstartDate", it.i + 1, 0}, it.date,
		"no initial conference in this episode on that date (transfer in, or a conference in an earlier episode?): the plan is not placed on the pathway, so no review deadline is found for it")
}

// placeReview places a review of the open plan, ending it on the plan's end date.
func (m *mapper) placeReview(it *item) {
	e := m.ep
	if m.skipPlan[it.i] || m.planOpen != it.i {
		return
	}
	p := &e.Plans[it.i]
	el := elem{"ChildProtectionPlans/Reviews/CPPreviewDate", it.i + 1, it.j + 1}
	if !it.date.After(p.StartDate) {
		return // DfE error 8841: never a review of this plan
	}
	out := pathway.OutcomeContinue
	if it.date == p.EndDate {
		out = pathway.OutcomeEnd
	}
	if m.apply(pathway.Event{Type: pathway.ReviewConferenceHeld, Date: it.date, Outcome: out}, el) && out == pathway.OutcomeEnd {
		m.planOpen = -1
	}
}

// placePlanEnd ends the open plan.
func (m *mapper) placePlanEnd(it *item) {
	if m.skipPlan[it.i] || m.planOpen != it.i {
		return
	}
	m.endPlan(it.i, it.date)
}

// placeCINStart places a child in need plan's start.
func (m *mapper) placeCINStart(it *item) {
	el := elem{"CINPlanDates/CINPlanStartDate", it.i + 1, 0}
	m.concludeNotRequired(it.date)
	switch st := m.stage(); st {
	case pathway.StageChildInNeed:
		// Begun by the assessment that concluded on or before it.
	case pathway.StageOpen:
		m.apply(pathway.Event{Type: pathway.ChildInNeedPlanStarted, Date: it.date}, el)
	default:
		m.note(el, it.date, "no place on the pathway in stage %s", st.String())
	}
}

// placeCINEnd places a child in need plan's end.
func (m *mapper) placeCINEnd(it *item) {
	if m.stage() == pathway.StageChildInNeed {
		m.apply(pathway.Event{Type: pathway.ChildInNeedPlanEnded, Date: it.date}, elem{"CINPlanDates/CINPlanEndDate", it.i + 1, 0})
	}
}

// decide records the referral decision, on the referral date.
func (m *mapper) decide(k int, d holidays.Date) {
	ev := pathway.Event{Type: pathway.ReferralDecision, Date: d}
	next, ok := m.after(k, kAssessStart, kS47Start, kICPC, kEpisodeICPC, kPlanStart, kCINStart, kClosure)
	switch {
	case m.ep.ReferralNFA == Yes:
		ev.Outcome = pathway.OutcomeNoFurtherAction
	case !ok:
		m.note(elem{"CINreferralDate", 0, 0}, d, "nothing follows the referral in the census: no decision recorded")
		return
	case next == kAssessStart:
		ev.Outcome = pathway.OutcomeSection17Assessment
	case next == kClosure:
		ev.Outcome = pathway.OutcomeNoFurtherAction
		m.note(elem{"CINreferralDate", 0, 0}, d, "closed with no assessment or enquiry: the decision is taken as no further action")
	case next == kS47Start || next == kICPC:
		ev.Outcome = pathway.OutcomeStrategyDiscussion
	default:
		m.note(elem{"CINreferralDate", 0, 0}, d, "no assessment or section 47 enquiry follows the referral in the census: no decision recorded")
		return
	}
	m.apply(ev, elem{"CINreferralDate (decision)", 0, 0})
}

// concludeAssessment records an assessment's conclusion, reading its outcome
// from what follows.
func (m *mapper) concludeAssessment(k int, it *item, el elem) {
	ev := pathway.Event{Type: pathway.AssessmentConcluded, Date: it.date}
	next, ok := m.after(k, kS47Start, kCINStart, kClosure, kAssessStart)
	switch {
	case ok && next == kS47Start:
		ev.Outcome = pathway.OutcomeStrategyDiscussion
	case ok && next == kCINStart:
		ev.Outcome = pathway.OutcomeChildInNeedPlan
	case ok && next == kClosure:
		ev.Outcome = pathway.OutcomeNoFurtherAction
	default:
		// Open with nothing recorded next: the clock is settled, the stage
		// says nothing the census did not.
		ev.Outcome = pathway.OutcomeChildInNeedPlan
		m.note(el, it.date, "the census records no outcome and nothing after it; taken as a child in need plan")
	}
	m.apply(ev, el)
}

// byAssessment marks an enquiry concluded by a recorded assessment
// authorisation, the one conclusion date the census does record.
const byAssessment = "an assessment authorised during the enquiry"

// concludeS47 concludes the enquiry under way on d.
func (m *mapper) concludeS47(d holidays.Date, el elem, by string) {
	i := m.s47Open
	out := pathway.OutcomeSubstantiated
	if i >= 0 && m.ep.Section47s[i].DateOfInitialCPC.IsZero() {
		out = pathway.OutcomeNotSubstantiated
	}
	if !m.apply(pathway.Event{Type: pathway.Section47Concluded, Date: d, Outcome: out}, el) {
		return
	}
	m.s47Open = -1
	if by == byAssessment {
		return
	}
	m.note(el, d, "the census records no section 47 conclusion date; taken as the date of %s (%s)", by, out.String())
}

// concludeNotRequired concludes, on d, an enquiry marked ICPCnotRequired that
// nothing has concluded yet, so that the case can move on.
func (m *mapper) concludeNotRequired(d holidays.Date) {
	i := m.s47Open
	if i < 0 || m.stage() != pathway.StageSection47 || m.ep.Section47s[i].ICPCnotRequired != Yes {
		return
	}
	m.concludeS47(d, elem{"Section47/ICPCnotRequired", i + 1, 0}, "the next census event")
}

// endPlan ends the plan in force on d, outside a review conference.
func (m *mapper) endPlan(i int, d holidays.Date) {
	ev := pathway.Event{Type: pathway.PlanEnded, Date: d, Outcome: pathway.OutcomeNoLongerAtRisk}
	switch {
	case m.ep.ReasonForClosure == "RC2" && (m.child.DeathDate.IsZero() || !d.Before(m.child.DeathDate)):
		ev = pathway.Event{Type: pathway.ChildDied, Date: d}
	case !m.child.BirthDate.IsZero() && m.c.BirthDate() == m.child.BirthDate && !d.Before(timescales.Birthday(m.child.BirthDate, 18)):
		ev.Outcome = pathway.OutcomeReached18
	default:
		m.note(elem{"ChildProtectionPlans/CPPendDate", i + 1, 0}, d, "the census records no ground; taken as no longer at risk")
	}
	if m.apply(ev, elem{"ChildProtectionPlans/CPPendDate", i + 1, 0}) {
		m.planOpen = -1
	}
}

// close closes the episode on d, ending what the pathway needs ended first.
func (m *mapper) close(d holidays.Date) {
	m.concludeNotRequired(d)
	switch m.stage() {
	case pathway.StageClosed:
		return
	case pathway.StageChildProtectionPlan, pathway.StagePreProceedings:
		if m.planOpen >= 0 {
			m.endPlan(m.planOpen, d)
		}
	case pathway.StageChildInNeed:
		m.apply(pathway.Event{Type: pathway.ChildInNeedPlanEnded, Date: d}, elem{"CINclosureDate", 0, 0})
	}
	switch st := m.stage(); st {
	case pathway.StageClosed:
		return
	case pathway.StageOpen:
	default:
		m.note(elem{"CINclosureDate", 0, 0}, d, "the pathway cannot close a case in stage %s", st.String())
		return
	}
	m.apply(pathway.Event{Type: pathway.CaseClosed, Date: d, Closure: closure(m.ep.ReasonForClosure)}, elem{"CINclosureDate", 0, 0})
}

// closure maps the census reason for closure to the pathway's; a code that
// is not one of the census's (DfE rule 8640) maps to none recorded.
func closure(code string) pathway.Closure {
	// Code is "" past the last closure, which ends the walk without the
	// slice Closures would allocate for every closed episode.
	for c := pathway.NoClosure + 1; c.Code() != ""; c++ {
		if c.Code() == code {
			return c
		}
	}
	return pathway.NoClosure
}

// category maps the census category of abuse to the pathway's.
func category(code string) pathway.Category {
	switch code {
	case "NEG":
		return pathway.CategoryNeglect
	case "PHY":
		return pathway.CategoryPhysicalAbuse
	case "EMO":
		return pathway.CategoryEmotionalAbuse
	case "SAB":
		return pathway.CategorySexualAbuse
	case "MUL":
		return pathway.CategoryMultiple
	}
	return pathway.NoCategory
}

// judgedClocks keeps, in place, the clocks of dl the census supports a
// verdict on, so that the case's deadlines and its findings say the same:
// it drops the rules the census cannot judge, the conference clock of an
// enquiry that needed none, and that of an enquiry whose conference is dated
// before it started (DfE error 8615).
func (a *Auditor) judgedClocks(m *mapper, dl []pathway.Clock) []pathway.Clock {
	// Clocks are large, and the first (the referral decision's) is
	// dropped from nearly every case: clocks dropped before any is kept
	// are passed over by slicing, which moves nothing (Case.clocks keeps
	// the memory before them), and the kept ones after a later drop are
	// moved down a run at a time, by one copy, rather than one by one.
	// dl[lead:n] are the clocks kept so far, dl[from:i] a run of kept clocks
	// yet to move.
	lead, n, from := 0, 0, 0
	for i := 0; i <= len(dl); i++ {
		if i < len(dl) {
			if k := &dl[i]; judged(k.Rule.ID) && (k.Rule.ID != timescales.ICPC || !m.icpcUnclocked(k)) {
				continue
			}
			if i == lead {
				lead, n, from = i+1, i+1, i+1
				continue
			}
		}
		if n != from {
			copy(dl[n:], dl[from:i])
		}
		n, from = n+i-from, i+1
	}
	return dl[lead:n]
}

// icpcUnclocked reports whether the conference clock k belongs to an
// enquiry that needed no conference, or is unmet only because the enquiry's
// conference is dated before it started (so the census does record one),
// noting the latter.
func (m *mapper) icpcUnclocked(k *pathway.Clock) bool {
	for i := range m.ep.Section47s {
		s := &m.ep.Section47s[i]
		if s.StartDate != k.Anchor {
			continue
		}
		if s.ICPCnotRequired == Yes {
			return true
		}
		if k.Done.IsZero() && !s.DateOfInitialCPC.IsZero() && s.DateOfInitialCPC.Before(s.StartDate) {
			m.notes = append(m.notes, textNote("Section47["+strconv.Itoa(i+1)+"]/DateOfInitialCPC "+s.DateOfInitialCPC.String()+
				" is before S47ActualStartDate "+s.StartDate.String()+" (DfE error 8615): no initial-conference deadline is found for this enquiry"))
			return true
		}
	}
	return false
}

// deadlineFindings turns the case's judged clocks into findings.
func (a *Auditor) deadlineFindings(lachild string, cs *Case, e *Episode, fs []Finding) []Finding {
	for i := range cs.Deadlines {
		k := &cs.Deadlines[i]
		// The status decides first whether there is a finding at all, so
		// that a clock with none costs no finding built.
		kind, done, late, asOf := DeadlineMissed, k.Done, k.Late, holidays.Date{}
		switch k.Status {
		case pathway.Met:
			kind, late = DeadlineMet, 0
		case pathway.Late:
			kind = DeadlineLate
		case pathway.Overdue:
			done, asOf = holidays.Date{}, cs.AsOf
		case pathway.Missed:
		default:
			continue
		}
		line, index := recordLine(e, k)
		var f *Finding
		fs, f = nextFinding(fs)
		f.Kind, f.LAchildID, f.Episode, f.Line, f.Index = kind, lachild, cs.Episode, line, index
		f.Rule, f.Due, f.Date, f.Workdays, f.Element = k.Rule.ID, k.Due, done, late, ruleElement(k.Rule.ID)
		f.Other, f.OtherDate, f.name, f.asOf = "anchor", k.Anchor, k.Rule.Name, asOf
	}
	return fs
}

// recordLine returns the line and 1-based index of the census record that
// holds a clock's target (or anchor), or the episode's line and 0.
func recordLine(e *Episode, k *pathway.Clock) (int, int) {
	switch k.Rule.ID {
	case timescales.Assessment:
		for i := range e.Assessments {
			a := &e.Assessments[i]
			if !k.Done.IsZero() && a.AuthorisationDate == k.Done {
				return a.Line, i + 1
			}
		}
	case timescales.ICPC:
		// The enquiry whose conference settled the clock, or else the one
		// that started it.
		for i := range e.Section47s {
			s := &e.Section47s[i]
			if !k.Done.IsZero() && s.DateOfInitialCPC == k.Done {
				return s.Line, i + 1
			}
		}
		for i := range e.Section47s {
			s := &e.Section47s[i]
			if s.StartDate == k.Anchor {
				return s.Line, i + 1
			}
		}
	case timescales.ReviewFirst, timescales.ReviewNext:
		for i := range e.Plans {
			p := &e.Plans[i]
			if p.StartDate == k.Anchor || slices.Contains(p.Reviews, k.Anchor) {
				return p.Line, i + 1
			}
		}
	case timescales.PlanEndsAt18:
		for i := range e.Plans {
			p := &e.Plans[i]
			if p.EndDate == k.Done {
				return p.Line, i + 1
			}
		}
	}
	return e.Line, 0
}

// ruleElement names the census element that records a rule's target.
func ruleElement(id timescales.RuleID) string {
	switch id {
	case timescales.Assessment:
		return "Assessments/AssessmentAuthorisationDate"
	case timescales.ICPC:
		return "Section47/DateOfInitialCPC"
	case timescales.ReviewFirst, timescales.ReviewNext:
		return "ChildProtectionPlans/Reviews/CPPreviewDate"
	case timescales.PlanEndsAt18:
		return "ChildProtectionPlans/CPPendDate"
	}
	return string(id)
}
