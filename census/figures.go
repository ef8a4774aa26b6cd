package census

import (
	"slices"
	"strconv"

	"github.com/workingtogether/safeguarding/holidays"
)

// Figures are a census file's timeliness figures, counted as the DfE counts
// them in the national statistics "Children in need" (Characteristics of
// children in need, England; methodology and the CIN census guide).
//
// The collection year runs from [Figures.PeriodStart] to [Figures.ReferenceDate]
// inclusive (1 April to 31 March). Durations are
// [holidays.Calendar.WorkdaysBetween](start, end): the working days after the
// start up to and including the end, so that an event on its start day takes
// 0 working days ("same day"), and an event on the next working day 1.
type Figures struct {
	ReferenceDate holidays.Date `json:"reference_date,omitzero"`
	PeriodStart   holidays.Date `json:"period_start,omitzero"`
	Children      int           `json:"children"`
	Episodes      int           `json:"episodes"`

	Assessments AssessmentFigures `json:"assessments"`
	Conferences ConferenceFigures `json:"initial_conferences"`
	Reviews     ReviewFigures     `json:"reviews"`

	// Notes say where a figure had to depart from the DfE's counting, for
	// example a file with no reference date, whose figures cover every date
	// in it.
	Notes []string `json:"notes,omitempty"`
}

// A Band is a count of durations between Min and Max working days inclusive;
// Max is -1 for an open band ("61 or more").
type Band struct {
	Label string `json:"label"`
	Min   int    `json:"min"`
	Max   int    `json:"max"`
	Count int    `json:"count"`
}

// The sources of the figures: the DfE's published statistics, or this
// library's own measure.
const (
	// SourceDfEAssessments is the DfE's measure of assessment timeliness:
	// "Children in need" national statistics, table C2 (assessments
	// completed in the year, by working days from start to authorisation),
	// the measure of query 8670Q.
	SourceDfEAssessments = "DfE: Characteristics of children in need, table C2 (assessment start to authorisation)"
	// SourceDfEConferences is the DfE's measure of initial conference
	// timeliness: table C4 (initial child protection conferences in the
	// year, by working days from the start of the section 47 enquiry).
	SourceDfEConferences = "DfE: Characteristics of children in need, table C4 (section 47 start to initial conference)"
	// SourceLibraryReviews marks the plan-review measure as this library's
	// own: no DfE table measures review conferences on time.
	SourceLibraryReviews = "this library's own measure (no DfE table): Working Together review timescales, plans open at the reference date"
)

// A Percent is N out of Of as a percentage. An empty denominator has no
// percentage: it prints as "n/a" and its JSON percent is null, never 0%.
type Percent struct {
	N  int `json:"n"`
	Of int `json:"of"`
}

// Value returns 100 × N / Of, and false when Of is 0.
func (p Percent) Value() (float64, bool) {
	if p.Of == 0 {
		return 0, false
	}
	return float64(p.N) * 100 / float64(p.Of), true
}

// String returns the percentage to one decimal place ("75.0%"), or "n/a".
func (p Percent) String() string {
	v, ok := p.Value()
	if !ok {
		return "n/a"
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + "%"
}

// MarshalJSON writes {"n": N, "of": Of, "percent": 100 × N / Of}, with a
// null percent when Of is 0; it reads back into a Percent.
func (p Percent) MarshalJSON() ([]byte, error) {
	b := append([]byte(`{"n":`), strconv.Itoa(p.N)...)
	b = append(append(b, `,"of":`...), strconv.Itoa(p.Of)...)
	b = append(b, `,"percent":`...)
	if v, ok := p.Value(); ok {
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
	} else {
		b = append(b, "null"...)
	}
	return append(b, '}'), nil
}

// AssessmentFigures are the DfE's "assessments completed in the year by
// duration" (see [SourceDfEAssessments]): an assessment counts when its
// AssessmentAuthorisationDate (the census's completion) falls in the
// collection year; its duration is the working days from
// AssessmentActualStartDate to AssessmentAuthorisationDate. The DfE reports
// the share completed within 45 working days, the bound that Working
// Together sets for an assessment (2023, chapter 3, para 155, where it runs
// from the referral; the DfE's statistic runs from the assessment's start,
// as here). The bound is read from the rulebook (rule "assessment").
//
// Assessments with no start date, or authorised before they started, cannot
// be timed: they are counted apart and in no band. Assessments that break a
// DfE error rule (on the assessment or its CINdetails group) are left out,
// as the DfE would not accept them, and counted in Rejected.
type AssessmentFigures struct {
	Source    string `json:"source"`
	Bound     int    `json:"bound"`     // working days, from the rulebook
	Completed int    `json:"completed"` // timed, completed in the year
	Bands     []Band `json:"bands"`     // same day, 1-10, 11-20, 21-30, 31-40, 41-45, 46-50, 51-60, 61+
	Within45  int    `json:"within_45"` // within Bound
	// PercentWithin45 is Within45 of Completed.
	PercentWithin45 Percent `json:"percent_within_45"`
	// Median, LowerQuartile and UpperQuartile are the working days of the
	// completed assessments, by [hist.quantile]'s method; nil (JSON null,
	// "n/a" in words) when none was completed, since there is nothing to
	// measure, never 0 working days.
	Median        *float64 `json:"median"`
	LowerQuartile *float64 `json:"lower_quartile"`
	UpperQuartile *float64 `json:"upper_quartile"`
	Open          int      `json:"open"`        // no authorisation date
	Untimed       int      `json:"untimed"`     // no start date, authorised before starting, or outside the calendar
	OutOfYear     int      `json:"out_of_year"` // authorised outside the collection year
	// Rejected counts assessments authorised in the year but left out: a DfE
	// error rule fails on the assessment or its CINdetails group.
	Rejected int `json:"rejected"`
}

// ConferenceFigures are the DfE's "initial child protection conferences in
// the year: working days from the start of the section 47 enquiry" (see
// [SourceDfEConferences]). A conference counts when a Section47 element holds
// DateOfInitialCPC in the collection year. Held is the overall number of
// such conferences, including those dated before their enquiry started; the
// durations (bands, median, quartiles, Within15) leave those out, as the DfE
// does, and time the rest from S47ActualStartDate (the strategy discussion,
// as the census defines it).
//
// Working Together sets 15 working days from the strategy discussion at which
// section 47 enquiries were initiated (2023, chapter 3, section 3, "Outcome
// of section 47 enquiries"); the bound is read from the rulebook (rule
// "icpc").
type ConferenceFigures struct {
	Source string `json:"source"`
	Bound  int    `json:"bound"` // working days, from the rulebook
	Held   int    `json:"held"`  // in the year, Timed plus BeforeStart
	Timed  int    `json:"timed"` // with a duration, in the bands
	Bands  []Band `json:"bands"` // 0-10, 11-15, 16-20, 21+
	// Within15 counts timed conferences within Bound.
	Within15 int `json:"within_15"`
	// PercentWithin15 is Within15 of Timed.
	PercentWithin15 Percent `json:"percent_within_15"`
	// Median, LowerQuartile and UpperQuartile are of the timed durations;
	// nil (JSON null, "n/a") when none was timed.
	Median        *float64 `json:"median"`
	LowerQuartile *float64 `json:"lower_quartile"`
	UpperQuartile *float64 `json:"upper_quartile"`
	BeforeStart   int      `json:"before_start"`
	// Untimed counts conferences recorded at CINdetails level only, with no
	// section 47 start to time them from, and dates outside the calendar.
	Untimed   int `json:"untimed"`
	OutOfYear int `json:"out_of_year"`
	// Rejected counts conferences in the year left out: a DfE error rule
	// fails on the Section47 group or its CINdetails group. Error 8615 (a
	// conference before its enquiry started) is not a rejection here:
	// table C4 counts such a conference in BeforeStart.
	Rejected int `json:"rejected"`
}

// ReviewFigures are THIS LIBRARY'S OWN measure ([SourceLibraryReviews]): no
// DfE table measures review conferences on time. It counts the child
// protection plans open at the reference date for at least the first
// review's bound: a plan counts when CPPstartDate plus three months (by the
// corresponding-date rule) is on or before the reference date and it has no
// CPPendDate on or before it.
//
// Its reviews were on time when every review due on or before the reference
// date was held by its due date: the first within three months of the plan's
// start (CPPstartDate, the date of the initial conference), each later one
// within six months of the review before it (Working Together 2023, chapter
// 3, section 3, "Child protection review conference"; the bounds are read
// from the rulebook, rules "review-first" and "review-next"). A due date on
// or before the reference date with no review held by then makes the plan
// late. A review on or before the plan's start is DfE error 8841, never a
// first review: such a plan is left out and counted in Rejected, with every
// plan that breaks a DfE error rule.
type ReviewFigures struct {
	Source string `json:"source"`
	Plans  int    `json:"plans"`
	OnTime int    `json:"on_time"`
	// PercentOnTime is OnTime of Plans.
	PercentOnTime Percent `json:"percent_on_time"`
	Rejected      int     `json:"rejected"`
}

// A counter is one of the tally's plain counts; keeping them in an array
// makes merging two tallies one loop that cannot forget a field.
type counter uint8

const (
	cChildren counter = iota
	cEpisodes
	cAssessOpen
	cAssessUntimed
	cAssessOutOfYear
	cICPCBefore
	cICPCUntimed
	cICPCOutOfYear
	cICPCCINLevel // at CINdetails level only: untimed
	cPlans
	cPlansOnTime
	cAssessRejected
	cICPCRejected
	cPlansRejected
	cCPPStarts // CPPstartDates in the year, for rule 2883
	cICPCDates // DateOfInitialCPCs in the year, both modules, for rule 2883
	nCounters
)

// bounds are the timescales the figures measure against, read from the
// rulebook in force on the reference date.
type bounds struct {
	assessment int // working days, rule [timescales.Assessment]
	icpc       int // working days, rule [timescales.ICPC]
	reviewFrom int // calendar months to the first review, [timescales.ReviewFirst]
	reviewNext int // calendar months between reviews, [timescales.ReviewNext]
}

// tally accumulates figures child by child in memory that does not grow
// with the file: durations are kept as histograms by working day, so that
// bands, medians and quartiles are exact.
type tally struct {
	cal        *holidays.Calendar
	ref, start holidays.Date
	hasPeriod  bool
	bounds     bounds
	n          [nCounters]int
	assess     hist // working days from assessment start to authorisation
	icpc       hist // working days from section 47 start to initial conference
	notes      []string
}

func assessmentBands() []Band {
	return []Band{
		{"same day", 0, 0, 0}, {"1-10", 1, 10, 0}, {"11-20", 11, 20, 0}, {"21-30", 21, 30, 0},
		{"31-40", 31, 40, 0}, {"41-45", 41, 45, 0}, {"46-50", 46, 50, 0}, {"51-60", 51, 60, 0},
		{"61+", 61, -1, 0},
	}
}

func conferenceBands() []Band {
	return []Band{{"0-10", 0, 10, 0}, {"11-15", 11, 15, 0}, {"16-20", 16, 20, 0}, {"21+", 21, -1, 0}}
}

func newTally(h Header, cal *holidays.Calendar, bd bounds) *tally {
	t := &tally{cal: cal, bounds: bd}
	if start, ok := h.PeriodStart(); ok {
		t.ref, t.start, t.hasPeriod = h.ReferenceDate, start, true
	} else {
		t.notes = append(t.notes,
			"the header has no valid ReferenceDate: assessments and conferences of every date are counted, and plans open at the reference date are not")
	}
	return t
}

func (t *tally) inYear(d holidays.Date) bool {
	return !t.hasPeriod || (!d.Before(t.start) && !d.After(t.ref))
}

// add counts child c, whose rejected records, collected from its findings,
// are rej: records that break a DfE error rule are counted as rejected
// instead.
func (t *tally) add(c *Child, rej rejections) {
	// The records are asked about in the order the rejections are sorted
	// in: episode, level (the episode first), index.
	t.n[cChildren]++
	for i := range c.Episodes {
		e := &c.Episodes[i]
		ep := i + 1
		// A rejected episode rejects each of its records: asked once.
		epRejected := rej.next(recKey{ep, levelEpisode, 0})
		t.n[cEpisodes]++
		t.rule2883(e)
		for j := range e.Assessments {
			a := &e.Assessments[j]
			t.assessment(a, epRejected || rej.next(recKey{ep, levelAssessment, j + 1}))
		}
		for j := range e.Section47s {
			s := &e.Section47s[j]
			t.conference(s, epRejected || rej.next(recKey{ep, levelSection47, j + 1}))
		}
		if !e.DateOfInitialCPC.IsZero() && len(e.Section47s) == 0 && t.inYear(e.DateOfInitialCPC) {
			t.n[cICPCCINLevel]++
		}
		if !t.hasPeriod {
			continue
		}
		for j := range e.Plans {
			p := &e.Plans[j]
			t.plan(p, epRejected || rej.next(recKey{ep, levelPlan, j + 1}))
		}
	}
}

// rule2883 counts the plans starting and the conferences held in the year,
// for the DfE's file-level rule 2883.
func (t *tally) rule2883(e *Episode) {
	if !t.hasPeriod {
		return
	}
	for i := range e.Plans {
		p := &e.Plans[i]
		if !p.StartDate.IsZero() && t.inYear(p.StartDate) {
			t.n[cCPPStarts]++
		}
	}
	if !e.DateOfInitialCPC.IsZero() && t.inYear(e.DateOfInitialCPC) {
		t.n[cICPCDates]++
	}
	for i := range e.Section47s {
		s := &e.Section47s[i]
		if !s.DateOfInitialCPC.IsZero() && t.inYear(s.DateOfInitialCPC) {
			t.n[cICPCDates]++
		}
	}
}

// A recKey names a census record: its episode, level and 1-based index (0
// for the episode itself).
type recKey struct {
	ep    int
	lv    level
	index int
}

func (a recKey) compare(b recKey) int {
	switch {
	case a.ep != b.ep:
		return a.ep - b.ep
	case a.lv != b.lv:
		return int(a.lv) - int(b.lv)
	}
	return a.index - b.index
}

// rejections collects, sorted, the records of one child that break a DfE
// error rule (other than one the figures count in their own way, 8615).
// The tally asks about the child's records in the same order, so that
// answering moves through them once (next) however many findings the child
// has.
type rejections []recKey

func (rs *rejections) collect(fs []Finding) {
	*rs = (*rs)[:0]
	for i := range fs {
		f := &fs[i]
		if f.Kind != DfE || f.Severity != SeverityError || f.dfe == nil || f.dfe.counted {
			continue
		}
		k := recKey{f.Episode, f.dfe.level, f.Index}
		if k.lv == levelEpisode {
			k.index = 0
		}
		*rs = append(*rs, k)
	}
	// A child has a few: sorted by insertion, compared in place, which
	// costs less than the general sort's calls of a comparison function.
	if len(*rs) > 16 {
		slices.SortFunc(*rs, recKey.compare)
		return
	}
	for i := 1; i < len(*rs); i++ {
		for j := i; j > 0 && (*rs)[j].compare((*rs)[j-1]) < 0; j-- {
			(*rs)[j], (*rs)[j-1] = (*rs)[j-1], (*rs)[j]
		}
	}
}

// next reports whether rs holds k (the index-th record, 1-based, at level
// lv of episode ep, or the episode itself with level levelEpisode and index
// 0), dropping from rs the records before k: asked in sorted order, the
// questions read rs once.
func (rs *rejections) next(k recKey) bool {
	for len(*rs) > 0 && (*rs)[0].compare(k) < 0 {
		*rs = (*rs)[1:]
	}
	return len(*rs) > 0 && (*rs)[0] == k
}

// assessment counts a; reject says a DfE error falls on it.
func (t *tally) assessment(a *Assessment, reject bool) {
	switch {
	case a.AuthorisationDate.IsZero():
		t.n[cAssessOpen]++
		return
	case !t.inYear(a.AuthorisationDate):
		t.n[cAssessOutOfYear]++
		return
	case reject:
		t.n[cAssessRejected]++
		return
	case a.StartDate.IsZero() || a.AuthorisationDate.Before(a.StartDate):
		t.n[cAssessUntimed]++
		return
	}
	n, err := t.cal.WorkdaysBetween(a.StartDate, a.AuthorisationDate)
	if err != nil {
		t.n[cAssessUntimed]++
		return
	}
	t.assess.add(n)
}

// conference counts s; reject says a DfE error other than 8615 falls on it.
func (t *tally) conference(s *Section47, reject bool) {
	switch {
	case s.DateOfInitialCPC.IsZero():
		return
	case !t.inYear(s.DateOfInitialCPC):
		t.n[cICPCOutOfYear]++
		return
	case reject:
		t.n[cICPCRejected]++
		return
	case s.StartDate.IsZero():
		t.n[cICPCUntimed]++
		return
	case s.DateOfInitialCPC.Before(s.StartDate):
		t.n[cICPCBefore]++
		return
	}
	n, err := t.cal.WorkdaysBetween(s.StartDate, s.DateOfInitialCPC)
	if err != nil {
		t.n[cICPCUntimed]++
		return
	}
	t.icpc.add(n)
}

// plan counts p; reject says a DfE error falls on it.
func (t *tally) plan(p *ProtectionPlan, reject bool) {
	if p.StartDate.IsZero() || p.StartDate.AddMonths(t.bounds.reviewFrom).After(t.ref) {
		return
	}
	if !p.EndDate.IsZero() && !p.EndDate.After(t.ref) {
		return
	}
	if reject {
		t.n[cPlansRejected]++
		return
	}
	t.n[cPlans]++
	if reviewsOnTime(p, t.ref, t.bounds) {
		t.n[cPlansOnTime]++
	}
}

// reviewsOnTime applies the chain of review due dates described on
// [ReviewFigures] up to the reference date ref.
func reviewsOnTime(p *ProtectionPlan, ref holidays.Date, bd bounds) bool {
	// A plan has a few reviews a year: room for them on the stack.
	var room [8]holidays.Date
	held := room[:0]
	for _, r := range p.Reviews {
		if r.After(p.StartDate) && !r.After(ref) {
			held = append(held, r)
		}
	}
	slices.SortFunc(held, holidays.Date.Compare)
	due := p.StartDate.AddMonths(bd.reviewFrom)
	for _, r := range held {
		if due.After(ref) {
			return true
		}
		if r.After(due) {
			return false
		}
		due = r.AddMonths(bd.reviewNext)
	}
	return due.After(ref)
}

func (t *tally) figures() Figures {
	f := Figures{Children: t.n[cChildren], Episodes: t.n[cEpisodes], Notes: slices.Clone(t.notes)}
	if t.hasPeriod {
		f.ReferenceDate, f.PeriodStart = t.ref, t.start
	}
	a := &f.Assessments
	a.Source, a.Bound = SourceDfEAssessments, t.bounds.assessment
	a.Completed, a.Bands = t.assess.total(), t.assess.bands(assessmentBands())
	a.Within45 = t.assess.count(0, t.bounds.assessment)
	a.PercentWithin45 = Percent{a.Within45, a.Completed}
	a.Median, a.LowerQuartile, a.UpperQuartile = t.assess.quartiles()
	a.Open, a.Untimed, a.OutOfYear = t.n[cAssessOpen], t.n[cAssessUntimed], t.n[cAssessOutOfYear]
	a.Rejected = t.n[cAssessRejected]

	c := &f.Conferences
	c.Source, c.Bound = SourceDfEConferences, t.bounds.icpc
	c.Timed, c.Bands = t.icpc.total(), t.icpc.bands(conferenceBands())
	c.Held = c.Timed + t.n[cICPCBefore]
	c.Within15 = t.icpc.count(0, t.bounds.icpc)
	c.PercentWithin15 = Percent{c.Within15, c.Timed}
	c.Median, c.LowerQuartile, c.UpperQuartile = t.icpc.quartiles()
	c.BeforeStart, c.OutOfYear = t.n[cICPCBefore], t.n[cICPCOutOfYear]
	c.Untimed = t.n[cICPCUntimed] + t.n[cICPCCINLevel]
	c.Rejected = t.n[cICPCRejected]

	r := &f.Reviews
	r.Source = SourceLibraryReviews
	r.Plans, r.OnTime, r.Rejected = t.n[cPlans], t.n[cPlansOnTime], t.n[cPlansRejected]
	r.PercentOnTime = Percent{r.OnTime, r.Plans}
	return f
}
