package census

import (
	"io"

	"github.com/workingtogether/safeguarding/holidays"
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
	tally *tally
}

// NewAuditor returns an Auditor for a file with header h.
func NewAuditor(h Header, cfg Config) *Auditor {
	cal, book := cfg.calendar(), cfg.Rules
	if book == nil {
		book = timescales.National()
	}
	return &Auditor{cfg: cfg, cal: cal, book: book, hdr: h, tally: newTally(h, cal, figureBounds(book, h.ReferenceDate))}
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
	Warnings  []Warning `json:"warnings,omitempty"`
}

// Audit checks one child and adds it to the file's figures.
func (a *Auditor) Audit(c Child) ChildReport {
	a.tally.add(c)
	rep := ChildReport{LAchildID: c.LAchildID, Line: c.Line, Warnings: c.Warnings}
	rep.Findings = checkChild(a.cal, c)
	rep.Cases, rep.Findings = a.cases(c, rep.Findings)
	return rep
}

// Figures returns the figures of the children audited so far.
func (a *Auditor) Figures() Figures { return a.tally.figures() }

// A Report is a whole file judged: its header, each child's findings and the
// file's figures.
type Report struct {
	Header   Header        `json:"header"`
	Children []ChildReport `json:"children"`
	Figures  Figures       `json:"figures"`
	Warnings []Warning     `json:"warnings,omitempty"` // outside any child
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
	rep.Warnings = rd.Warnings()
	return rep, nil
}
