package census

import (
	"io"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// Config chooses the calendar the checks run on. The zero Config is the
// national one.
type Config struct {
	// Calendar is the working-day calendar; nil means
	// [holidays.EnglandAndWales].
	Calendar *holidays.Calendar
	// Rules is the rulebook the pathway cases are judged by; nil means
	// [timescales.National].
	Rules *timescales.Rulebook
}

func (c Config) calendar() *holidays.Calendar {
	if c.Calendar != nil {
		return c.Calendar
	}
	return holidays.EnglandAndWales()
}

// An Auditor judges a census file one child at a time and keeps the file's
// figures as it goes, in memory that does not grow with the number of
// children. It is not safe for concurrent use.
type Auditor struct {
	cfg   Config
	cal   *holidays.Calendar
	book  *timescales.Rulebook
	hdr   Header
	per   *period
	tally *tally
	buf   []Finding  // reused by Audit
	run   ruleRun    // the DfE rules' scratch space
	rej   rejections // the child under count's rejected records

	mapScratch mapScratch // the case mapping's scratch space
	// kept holds the reports' slices, carved from chunks shared by many
	// children (see keep), unless recycle: then a report's lists gather
	// in the memory of the report it is written over (AuditInto), and
	// need no copy (see gather).
	kept    arena
	recycle bool
	// caseOpts are the pathway options of every case: the calendar, the
	// rulebook and a slot for the child's birth date.
	caseOpts [3]pathway.Option
}

// NewAuditor returns an Auditor for a file with header h.
func NewAuditor(h Header, cfg Config) *Auditor {
	cal, book := cfg.calendar(), cfg.Rules
	if book == nil {
		book = timescales.National()
	}
	return &Auditor{cfg: cfg, cal: cal, book: book, hdr: h, per: newPeriod(h, cal),
		tally:    newTally(h, cal, figureBounds(book, h.ReferenceDate)),
		caseOpts: [3]pathway.Option{pathway.WithCalendar(cal), pathway.WithRulebook(book)}}
}

// figureBounds reads the figures' timescales from book: the rules in force
// on the reference date, or, for a file with none or one older than every
// edition, the rules of the newest edition.
func figureBounds(book *timescales.Rulebook, ref holidays.Date) bounds {
	n := func(id timescales.RuleID) int {
		r, err := book.Rule(id, ref)
		if err != nil {
			if eds := book.Editions(); len(eds) > 0 {
				r, _ = book.Rule(id, eds[0].InForce)
			}
		}
		return r.Bound.N
	}
	return bounds{assessment: n(timescales.Assessment), icpc: n(timescales.ICPC),
		reviewFrom: n(timescales.ReviewFirst), reviewNext: n(timescales.ReviewNext)}
}

// A ChildReport is what the checks found about one child.
type ChildReport struct {
	LAchildID string    `json:"la_child_id"`
	Line      int       `json:"line"`
	Findings  []Finding `json:"findings,omitempty"`
	Cases     []Case    `json:"cases,omitempty"`
	// Assessments puts the two measures of each assessment side by side.
	Assessments []AssessmentTimeliness `json:"assessments,omitempty"`
	Warnings    []Warning              `json:"warnings,omitempty"`

	// rejected are the records the findings reject, collected by a
	// Pipeline's worker while the findings are in its cache, for the
	// consumer that counts the child.
	rejected rejections
}

// AssessmentTimeliness is one assessment measured both ways, each named,
// because they answer different questions and can disagree: a child referred
// on 2 May 2023 whose assessment started on 30 May and was authorised on 28
// July took 43 working days by the DfE's measure (within 45), yet was 16
// working days late by Working Together's deadline, which runs from the
// referral.
type AssessmentTimeliness struct {
	Episode    int `json:"episode"`
	Assessment int `json:"assessment"` // 1-based position in the CINdetails group
	Line       int `json:"line"`
	// DfE is the DfE's measure ([SourceDfEAssessments]): working days from
	// AssessmentActualStartDate to AssessmentAuthorisationDate.
	DfE DfEAssessmentMeasure `json:"dfe_start_to_authorisation"`
	// WorkingTogether is the Working Together deadline (2023, chapter 3,
	// para 155: 45 working days from the referral), as the pathway judged it
	// for this assessment; OnPathway is false when the pathway has no clock
	// for it (see the case's notes).
	WorkingTogether WorkingTogetherAssessment `json:"working_together_from_referral"`
}

// DfEAssessmentMeasure is the DfE's duration of one assessment.
type DfEAssessmentMeasure struct {
	Start      holidays.Date `json:"start,omitzero"`
	Authorised holidays.Date `json:"authorised,omitzero"`
	// Timed is false for an assessment still open, with no start, authorised
	// before it started, or outside the calendar; Workdays and Within are
	// then meaningless.
	Timed    bool `json:"timed"`
	Workdays int  `json:"workdays"`
	Within   bool `json:"within_bound"` // Workdays ≤ the rulebook's bound (45)
}

// WorkingTogetherAssessment is the pathway's assessment deadline.
type WorkingTogetherAssessment struct {
	OnPathway bool           `json:"on_pathway"`
	Referral  holidays.Date  `json:"referral,omitzero"` // the clock's anchor
	Due       holidays.Date  `json:"due,omitzero"`
	Status    pathway.Status `json:"status,omitempty"`
	Late      int            `json:"late_workdays,omitempty"`
}

// measures returns each assessment of c measured both ways, taking the
// Working Together side from the cases' judged clocks so that it says what
// the findings say.
func (a *Auditor) measures(c *Child, cases []Case, old []AssessmentTimeliness) []AssessmentTimeliness {
	out := gather(a, a.mapScratch.measures, old)
	for i := range c.Episodes {
		e := &c.Episodes[i]
		var clocks []pathway.Clock
		if i < len(cases) {
			clocks = cases[i].Deadlines
		}
		openSeen := false
		for j := range e.Assessments {
			as := &e.Assessments[j]
			m := AssessmentTimeliness{Episode: i + 1, Assessment: j + 1, Line: as.Line,
				DfE: DfEAssessmentMeasure{Start: as.StartDate, Authorised: as.AuthorisationDate}}
			if !as.StartDate.IsZero() && !as.AuthorisationDate.IsZero() && !as.AuthorisationDate.Before(as.StartDate) {
				if n, err := a.cal.WorkdaysBetween(as.StartDate, as.AuthorisationDate); err == nil {
					m.DfE.Timed, m.DfE.Workdays, m.DfE.Within = true, n, n <= a.tally.bounds.assessment
				}
			}
			for ci := range clocks {
				k := &clocks[ci] // a Clock is large: not copied
				if k.Rule.ID != timescales.Assessment || k.Done != as.AuthorisationDate || (k.Done.IsZero() && openSeen) {
					continue
				}
				m.WorkingTogether = WorkingTogetherAssessment{OnPathway: true, Referral: k.Anchor, Due: k.Due, Status: k.Status, Late: k.Late}
				break
			}
			openSeen = openSeen || as.AuthorisationDate.IsZero()
			out = append(out, m)
		}
	}
	if !a.recycle {
		a.mapScratch.measures = out
	}
	return settle(a, &a.kept.measures, out)
}

// Audit checks one child and adds it to the file's figures. The report is
// the caller's to keep: judging the next child does not change it.
func (a *Auditor) Audit(c Child) ChildReport {
	var rep ChildReport
	a.judge(&rep, &c, false)
	a.count(&c, &rep)
	return rep
}

// AuditInto checks one child, as [Auditor.Audit] does, and writes its
// report over rep, reusing the memory of what rep held: its slices, up to
// their capacity, and its cases' [pathway.Case] values, by
// [pathway.Case.Reset]. A host that writes each report out and hands it
// back judges a national file without allocating for each child. The
// report is judged in place, so it is fastest when rep was used lately:
// one report, or a few, written over in turn. Reports written over only
// after many others have been (a window of batches) are out of the
// processor's cache by then, and a [Pipeline] instead judges in the
// Auditor's scratch space and copies each report out. Nothing of rep's
// earlier report survives, and what the caller kept of it (a slice, a
// case) changes with it. Empty lists of a recycled report may be empty
// rather than nil.
func (a *Auditor) AuditInto(rep *ChildReport, c *Child) {
	a.judge(rep, c, true)
	a.count(c, rep)
}

// count adds child c, whose report is rep, to the file's figures. Judging
// and counting are apart so that a [Pipeline] can judge a chunk before it
// knows the chunk is the file's, and count only the children that are.
func (a *Auditor) count(c *Child, rep *ChildReport) {
	a.rej.collect(rep.Findings)
	a.tally.add(c, a.rej)
}

// judge writes c's report over rep, putting its slices in rep's old
// memory when recycle, or else in the arena. It does not count c (see
// count).
func (a *Auditor) judge(rep *ChildReport, c *Child, recycle bool) {
	a.recycle = recycle
	old := *rep
	*rep = ChildReport{LAchildID: c.LAchildID, Line: c.Line, Warnings: c.Warnings}
	fs := checkChild(a.cal, a.per, &a.run, c, gather(a, a.buf, old.Findings))
	rep.Cases, fs = a.cases(c, fs, old.Cases)
	if !a.recycle {
		a.buf = fs
	}
	rep.Findings = settle(a, &a.kept.findings, fs)
	rep.Assessments = a.measures(c, rep.Cases, old.Assessments)
}

// judgeBatch writes the reports of children cs over reps, one for each, as
// Audit gives them, in the memory of ar, which the reports of the batch
// before held. Each child is judged in the Auditor's scratch space, which
// stays in the processor's cache from child to child, and its report is
// then copied into ar in a few runs. Judged straight into a recycled
// report's memory, last written a window of chunks before and long gone
// from the cache, the national file took a quarter as long again, its
// stores waiting on memory. Each report's rejected records are collected
// for counting.
func (a *Auditor) judgeBatch(reps []ChildReport, cs []Child, ar *arena) {
	ar.reused = true
	ar.reset()
	own := a.kept
	a.kept = *ar
	for i := range cs {
		rep := &reps[i]
		a.judge(rep, &cs[i], false)
		a.rej.collect(rep.Findings)
		rep.rejected = keepIn(&a.kept.rejected, a.rej, true)
	}
	*ar, a.kept = a.kept, own
}

// An arena holds the current chunk of each kind of slice that reports keep.
// Judging a national file makes millions of small slices (a child's
// findings, each case's clocks and notes); carving them from chunks of
// [chunkLen] makes one allocation of many children's, so that the
// allocator and the garbage collector see few objects. A chunk lives as long
// as any report that holds a part of it.
//
// A reused arena (a Pipeline slot's) is written over from its start by
// each batch of children, once the reports of the batch before are done
// with: a new chunk doubles the last, and reset keeps the largest, so that
// after a few batches one chunk of each kind holds a whole batch and
// judging allocates nothing.
type arena struct {
	findings []Finding
	cases    []Case
	clocks   []pathway.Clock
	notes    []Note
	measures []AssessmentTimeliness
	rejected []recKey
	// pcs are the reports' pathway cases, copied out of the Auditor's
	// scratch case, pcs[:npc] in use; only a reused arena keeps them, as
	// an arena that is not reused clones each case.
	pcs    []*pathway.Case
	npc    int
	reused bool
}

// reset readies a reused arena for the next batch.
func (ar *arena) reset() {
	ar.findings, ar.cases, ar.clocks = ar.findings[:0], ar.cases[:0], ar.clocks[:0]
	ar.notes, ar.measures, ar.rejected = ar.notes[:0], ar.measures[:0], ar.rejected[:0]
	ar.npc = 0
}

// copyCase returns a copy of pc that the arena's reports keep.
func (ar *arena) copyCase(pc *pathway.Case) *pathway.Case {
	if !ar.reused {
		return pc.Clone()
	}
	if ar.npc == len(ar.pcs) {
		ar.pcs = append(ar.pcs, new(pathway.Case))
	}
	d := ar.pcs[ar.npc]
	ar.npc++
	pc.CloneInto(d)
	return d
}

// chunkLen is the length of an arena chunk: many children's worth, yet
// small beside the memory a file may use (64 findings are 16 KB).
const chunkLen = 64

// gather returns the empty list a report's list is gathered in: the
// memory of the report being written over (old) when a recycles reports,
// so that the report needs no copy; or else the Auditor's scratch space
// (scratch), which settle then copies into the arena. A caller keeps what it
// gathered as its scratch space only when a does not recycle, so that
// scratch space never holds a report's memory.
func gather[T any](a *Auditor, scratch, old []T) []T {
	if a.recycle {
		return old[:0]
	}
	return scratch[:0]
}

// settle returns a list gathered in the memory gather gave as the report
// keeps it: as it is, in the recycled report's memory, or else copied into
// the arena's chunk.
func settle[T any](a *Auditor, chunk *[]T, list []T) []T {
	if a.recycle {
		return list
	}
	return keepIn(chunk, list, a.kept.reused)
}

// keep copies src into the chunk and returns the copy, or nil for an empty
// src. The copy's capacity is its length, so that appending to it never
// writes into the next copy.
func keep[T any](chunk *[]T, src []T) []T { return keepIn(chunk, src, false) }

// keepIn is keep, with a new chunk twice the size of the last when grow
// (a reused arena's).
func keepIn[T any](chunk *[]T, src []T, grow bool) []T {
	if len(src) == 0 {
		return nil
	}
	c := *chunk
	if cap(c)-len(c) < len(src) {
		n := max(len(src), chunkLen)
		if grow {
			n = max(n, 2*cap(c))
		}
		c = make([]T, 0, n)
	}
	n := len(c)
	c = append(c, src...)
	*chunk = c
	return c[n:len(c):len(c)]
}

// Figures returns the figures of the children audited so far.
func (a *Auditor) Figures() Figures { return a.tally.figures() }

// A Report is a whole file judged: its header, each child's findings and the
// file's figures.
type Report struct {
	Header   Header        `json:"header"`
	Children []ChildReport `json:"children"`
	Figures  Figures       `json:"figures"`
	// FileFindings are the findings about the whole return
	// ([Auditor.FileFindings]).
	FileFindings []Finding `json:"file_findings,omitempty"`
	Warnings     []Warning `json:"warnings,omitempty"` // outside any child
}

// Audit reads a whole census file and judges it. It keeps every child's
// report in memory; a host with a large file should use [Reader] and
// [Auditor] and keep only what it needs.
func Audit(r io.Reader, cfg Config) (*Report, error) {
	rd := NewReader(r)
	h, err := rd.Header()
	if err != nil {
		return nil, err
	}
	a := NewAuditor(h, cfg)
	rep := &Report{Header: h}
	for c, err := range rd.All() {
		if err != nil {
			return nil, err
		}
		rep.Children = append(rep.Children, a.Audit(c))
	}
	rep.Figures = a.Figures()
	rep.FileFindings = a.FileFindings()
	rep.Warnings = rd.Warnings()
	return rep, nil
}

// FileFindings returns the findings about the whole file so far: the DfE's
// rule 2883, which compares counts over the return (more plans starting in
// the census year than initial conferences held in it). Call it after the
// last child; with a parallel pipeline, after merging the tallies.
func (a *Auditor) FileFindings() []Finding {
	t := a.tally
	if t.n[cCPPStarts] <= t.n[cICPCDates] {
		return nil
	}
	r := dfeRule("2883")
	return []Finding{{Kind: DfE, Code: r.Code, Severity: r.Severity, Element: r.Element, Line: a.hdr.Line, dfe: r}}
}
