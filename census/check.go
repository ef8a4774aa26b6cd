package census

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// A Kind is what a [Finding] is about. [DfE] findings are the Department
// for Education's validation rules; every other kind is this library's own
// check, which the DfE does not make.
type Kind string

// The kinds of finding.
const (
	// DfE: a CIN census validation rule of the DfE failed. Code, Severity
	// and the message are the DfE's.
	DfE Kind = "dfe-rule"
	// TargetMismatch (this library's): the file's InitialCPCtarget is not
	// S47ActualStartDate plus 15 working days on the England and Wales
	// calendar. Workdays is how far the file's target is from the computed
	// one (negative: too early).
	TargetMismatch Kind = "initial-cpc-target-mismatch"
	// NonWorkingDay (this library's): an initial conference on a bank
	// holiday (a weekend one is DfE rule 8875), or a review conference on a
	// Saturday, Sunday or bank holiday, which usually means a mistyped date.
	NonWorkingDay Kind = "conference-on-non-working-day"
	// OutOfOrder (this library's): a review conference dated before the
	// review listed before it, or after the plan's end. Other and OtherDate
	// name the date it was compared with.
	OutOfOrder Kind = "out-of-order"
	// OutsideCalendar: a date lies outside the calendar's supported range, so
	// no working-day question about it can be answered.
	OutsideCalendar Kind = "outside-calendar"
	// DeadlineMet and DeadlineLate: a Working Together timescale of the
	// pathway, judged on the date the census records. Rule names it, Due is
	// its last day, and for a late one Workdays says by how much.
	DeadlineMet  Kind = "deadline-met"
	DeadlineLate Kind = "deadline-late"
	// DeadlineMissed: the deadline passed on or before the reference date and
	// the census records no event that met it.
	DeadlineMissed Kind = "deadline-missed"
)

// The sources of a finding, as [Finding.Source] gives them.
const (
	SourceDfE     = "dfe"     // a DfE validation rule
	SourceLibrary = "library" // this library's own check
)

// A Finding is one thing a check found about one child. It holds dates and
// codes only: its message is written by [Finding.Message] when the finding
// is output, so judging a national file formats nothing.
type Finding struct {
	Kind Kind `json:"kind"`
	// Code and Severity are the DfE rule's, for a [DfE] finding ("8841",
	// "8670Q"; error or query); empty for the library's own.
	Code     string   `json:"code,omitempty"`
	Severity Severity `json:"severity,omitempty"`
	// LAchildID is the child's identifier.
	LAchildID string `json:"la_child_id,omitempty"`
	// Episode is the 1-based position of the CINdetails element in the child
	// (0 for a finding about the whole file).
	Episode int `json:"episode"`
	// Element is the element found, relative to CINdetails, without
	// positions, for example "Section47/InitialCPCtarget"; Index is the
	// 1-based position of its group (0 for an item of CINdetails itself, or
	// a group not known) and Item that of a review within its plan.
	// [Finding.Path] puts them together.
	Element string        `json:"element"`
	Index   int           `json:"index,omitempty"`
	Item    int           `json:"item,omitempty"`
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
	Workdays int `json:"workdays,omitempty"`

	dfe  *DfERule      // the rule, for a DfE finding
	name string        // the rule's name, the holiday's, or "before"/"after"
	asOf holidays.Date // the date an overdue deadline was judged on
	msg  string        // the message of a finding read back from JSON
}

// Source says whose check a finding is: [SourceDfE] or [SourceLibrary].
func (f Finding) Source() string {
	if f.Kind == DfE {
		return SourceDfE
	}
	return SourceLibrary
}

// Path returns the element with its positions, as a data officer finds it:
// "Section47[2]/DateOfInitialCPC", "ChildProtectionPlans[1]/Reviews/CPPreviewDate[3]".
func (f Finding) Path() string {
	if f.Index == 0 {
		return f.Element
	}
	return string(f.AppendPath(make([]byte, 0, len(f.Element)+8)))
}

// AppendPath appends [Finding.Path] to b. It and [Finding.AppendMessage]
// take a pointer, since a finding is large and a host writing a national
// file formats millions of them.
func (f *Finding) AppendPath(b []byte) []byte {
	if f.Index == 0 {
		return append(b, f.Element...)
	}
	group, rest, nested := strings.Cut(f.Element, "/")
	b = append(b, group...)
	b = append(b, '[')
	b = strconv.AppendInt(b, int64(f.Index), 10)
	b = append(b, ']')
	if nested {
		b = append(b, '/')
		b = append(b, rest...)
	}
	if f.Item > 0 {
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(f.Item), 10)
		b = append(b, ']')
	}
	return b
}

// Message returns the finding in words: the DfE's own message for a DfE
// rule, or the library's account of its check.
func (f Finding) Message() string {
	switch {
	case f.msg != "":
		return f.msg
	case f.Kind == DfE && f.dfe != nil:
		return f.dfe.Message
	}
	return string(f.AppendMessage(nil))
}

// AppendMessage appends [Finding.Message] to b, so that a host writing a
// national file's findings formats them without allocating.
func (f *Finding) AppendMessage(b []byte) []byte {
	if f.msg != "" {
		return append(b, f.msg...)
	}
	switch f.Kind {
	case DfE:
		if f.dfe != nil {
			return append(b, f.dfe.Message...)
		}
		return append(append(b, "DfE rule "...), f.Code...)
	case TargetMismatch:
		how := " late: "
		if f.Workdays < 0 {
			how = " early: "
		}
		b = appendDate(append(b, "InitialCPCtarget "...), f.Date)
		b = append(appendWorkdays(append(b, " is "...), abs(f.Workdays)), how...)
		b = strconv.AppendInt(append(appendDate(b, f.OtherDate), " plus "...), icpcTargetDays, 10)
		return appendDate(append(b, " working days is "...), f.Due)
	case NonWorkingDay:
		b = appendDate(append(f.AppendPath(b), ' '), f.Date)
		return append(append(append(b, " is not a working day ("...), f.name...), ')')
	case OutOfOrder:
		b = appendDate(append(f.AppendPath(b), ' '), f.Date)
		b = append(append(append(append(append(b, " is "...), f.name...), ' '), f.Other...), ' ')
		return appendDate(b, f.OtherDate)
	case OutsideCalendar:
		b = appendDate(append(f.AppendPath(b), ' '), f.Date)
		return append(b, " is outside the calendar's range: no working-day question about it is answered"...)
	case DeadlineMet:
		b = appendDate(append(append(b, f.name...), ": due "...), f.Due)
		return appendDate(append(b, ", met on "...), f.Date)
	case DeadlineLate:
		b = appendDate(append(append(b, f.name...), ": due "...), f.Due)
		b = appendDate(append(b, ", held "...), f.Date)
		return append(appendWorkdays(append(b, ", "...), f.Workdays), " late"...)
	case DeadlineMissed:
		b = appendDate(append(append(b, f.name...), ": due "...), f.Due)
		if f.Date.IsZero() {
			b = appendDate(append(b, ", not recorded by "...), f.asOf)
			return append(appendWorkdays(append(b, ": "...), f.Workdays), " overdue"...)
		}
		b = appendDate(append(b, ", stopped on "...), f.Date)
		return append(appendWorkdays(append(b, " without it, "...), f.Workdays), " after the due date"...)
	}
	return b
}

// appendDate appends d as [holidays.Date.String] writes it.
func appendDate(b []byte, d holidays.Date) []byte {
	if out, err := d.AppendText(b); err == nil {
		return out
	}
	return append(b, d.String()...)
}

// String returns the finding as one line: "census: line N: child \"ID\":
// path: [code severity: ]message".
func (f Finding) String() string {
	b := strconv.AppendInt([]byte("census: line "), int64(f.Line), 10)
	if f.LAchildID != "" {
		b = strconv.AppendQuote(append(b, ": child "...), f.LAchildID)
	}
	b = append(f.AppendPath(append(b, ": "...)), ": "...)
	if f.Code != "" {
		b = append(append(append(append(b, f.Code...), ' '), f.Severity...), ": "...)
	}
	return string(f.AppendMessage(b))
}

// MarshalJSON writes the finding's fields with its source, its path
// ([Finding.Path]) and its message.
func (f Finding) MarshalJSON() ([]byte, error) {
	type plain Finding
	return json.Marshal(struct {
		plain
		Source  string `json:"source"`
		Path    string `json:"path"`
		Message string `json:"message"`
	}{plain(f), f.Source(), f.Path(), f.Message()})
}

// UnmarshalJSON reads a finding written by [Finding.MarshalJSON], keeping
// its message.
func (f *Finding) UnmarshalJSON(b []byte) error {
	type plain Finding
	var v struct {
		plain
		Message string `json:"message"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*f = Finding(v.plain)
	f.msg = v.Message
	if f.Kind == DfE {
		f.dfe = dfeRule(f.Code)
	}
	return nil
}

// icpcTargetDays is the census's InitialCPCtarget: "15 working days from the
// strategy discussion", Working Together's bound for the initial conference.
const icpcTargetDays = 15

// checker runs the library's own checks, which need only the calendar.
type checker struct {
	cal   *holidays.Calendar
	child *Child
	ep    int
	out   []Finding
	// outside remembers dates already reported outside the calendar, so
	// that each is reported once per child.
	outside map[holidays.Date]bool
}

// nextFinding returns fs one finding longer, and that finding, zero, to be
// filled in place: a Finding is large, and one built elsewhere and
// appended is copied.
func nextFinding(fs []Finding) ([]Finding, *Finding) {
	if len(fs) < cap(fs) {
		fs = fs[:len(fs)+1]
		f := &fs[len(fs)-1]
		*f = Finding{}
		return fs, f
	}
	fs = append(fs, Finding{})
	return fs, &fs[len(fs)-1]
}

func (k *checker) add(f Finding) {
	f.LAchildID, f.Episode = k.child.LAchildID, k.ep
	k.out = append(k.out, f)
}

// inRange reports whether d can be used on the calendar, reporting it once if
// not.
func (k *checker) inRange(elem string, index, item, line int, d holidays.Date) bool {
	if _, err := k.cal.IsWorkday(d); err == nil {
		return true
	}
	if !k.outside[d] {
		if k.outside == nil {
			k.outside = map[holidays.Date]bool{}
		}
		k.outside[d] = true
		k.add(Finding{Kind: OutsideCalendar, Element: elem, Index: index, Item: item, Line: line, Date: d})
	}
	return false
}

// workday reports a conference on a day that is not a working day; with
// weekends false, only a bank holiday on a weekday (the DfE's rule 8875
// reports weekends).
func (k *checker) workday(elem string, index, item, line int, d holidays.Date, weekends bool) {
	if d.IsZero() || !k.inRange(elem, index, item, line, d) {
		return
	}
	if ok, _ := k.cal.IsWorkday(d); ok || (!weekends && isWeekend(d)) {
		return
	}
	name := d.Weekday().String()
	if h, isHol, _ := k.cal.HolidayOn(d); isHol {
		name = h.Name
	}
	k.add(Finding{Kind: NonWorkingDay, Element: elem, Index: index, Item: item, Line: line, Date: d, name: name})
}

func (k *checker) target(index int, s *Section47) {
	if s.StartDate.IsZero() || s.InitialCPCtarget.IsZero() {
		return
	}
	if !k.inRange("Section47/S47ActualStartDate", index, 0, s.Line, s.StartDate) ||
		!k.inRange("Section47/InitialCPCtarget", index, 0, s.Line, s.InitialCPCtarget) {
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
	k.add(Finding{Kind: TargetMismatch, Element: "Section47/InitialCPCtarget", Index: index, Line: s.Line,
		Date: s.InitialCPCtarget, Other: "S47ActualStartDate", OtherDate: s.StartDate, Due: want, Workdays: n})
}

// reviews checks each review against the one listed before it and the
// plan's end (the DfE's rules 8841 and 4003 cover the plan's start and CIN
// plans), and the day it was held on.
func (k *checker) reviews(index int, p *ProtectionPlan) {
	const el = "ChildProtectionPlans/Reviews/CPPreviewDate"
	for n, r := range p.Reviews {
		if n > 0 && r.Before(p.Reviews[n-1]) {
			k.add(Finding{Kind: OutOfOrder, Element: el, Index: index, Item: n + 1, Line: p.Line, Date: r,
				Other: "the review listed before it", OtherDate: p.Reviews[n-1], name: "before"})
		}
		if !p.EndDate.IsZero() && r.After(p.EndDate) {
			k.add(Finding{Kind: OutOfOrder, Element: el, Index: index, Item: n + 1, Line: p.Line, Date: r,
				Other: "CPPendDate", OtherDate: p.EndDate, name: "after"})
		}
		k.workday(el, index, n+1, p.Line, r, true)
	}
}

// appendWorkdays appends "1 working day" or "n working days".
func appendWorkdays(b []byte, n int) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	if n == 1 {
		return append(b, " working day"...)
	}
	return append(b, " working days"...)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// checkChild runs the DfE's rules and the library's calendar checks on c,
// appending the findings to out; run is the rules' scratch space (nil for
// new).
func checkChild(cal *holidays.Calendar, p *period, run *ruleRun, c *Child, out []Finding) []Finding {
	if run == nil {
		run = &ruleRun{}
	}
	out = checkDfE(run, p, c, out)
	k := &checker{cal: cal, child: c, out: out}
	for i := range c.Episodes {
		e := &c.Episodes[i]
		k.ep = i + 1
		k.workday("DateOfInitialCPC", 0, 0, e.Line, e.DateOfInitialCPC, false)
		for j := range e.Section47s {
			s := &e.Section47s[j]
			k.workday("Section47/DateOfInitialCPC", j+1, 0, s.Line, s.DateOfInitialCPC, false)
			k.target(j+1, s)
		}
		for j := range e.Plans {
			p := &e.Plans[j]
			k.reviews(j+1, p)
		}
	}
	return k.out
}
