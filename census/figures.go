package census

import (
	"slices"

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

// AssessmentFigures are the DfE's "assessments completed in the year by
// duration": an assessment counts when its AssessmentAuthorisationDate (the
// census's completion) falls in the collection year; its duration is the
// working days from AssessmentActualStartDate to AssessmentAuthorisationDate.
// The DfE reports the share completed within 45 working days, the bound that
// Working Together sets for an assessment (2023, chapter 3, para 155, where
// it runs from the referral; the DfE's statistic runs from the assessment's
// start, as here).
//
// Assessments with no start date, or authorised before they started, cannot
// be timed: they are counted apart and in no band.
type AssessmentFigures struct {
	Completed int    `json:"completed"` // timed, completed in the year
	Bands     []Band `json:"bands"`     // same day, 1-10, 11-20, 21-30, 31-40, 41-45, 46-50, 51-60, 61+
	Within45  int    `json:"within_45"`
	// PercentWithin45 is 100 × Within45 / Completed, 0 when nothing was
	// completed.
	PercentWithin45 float64 `json:"percent_within_45"`
	// Median, LowerQuartile and UpperQuartile are the working days of the
	// completed assessments, by [hist.quantile]'s method; 0 when none.
	Median        float64 `json:"median"`
	LowerQuartile float64 `json:"lower_quartile"`
	UpperQuartile float64 `json:"upper_quartile"`
	Open          int     `json:"open"`        // no authorisation date
	Untimed       int     `json:"untimed"`     // no start date, authorised before starting, or outside the calendar
	OutOfYear     int     `json:"out_of_year"` // authorised outside the collection year
}

// ConferenceFigures are the DfE's "initial child protection conferences in
// the year: working days from the start of the section 47 enquiry". A
// conference counts when a Section47 element holds both S47ActualStartDate
// (the strategy discussion, as the census defines it) and DateOfInitialCPC,
// and the conference falls in the collection year. Conferences dated before
// their enquiry started are excluded, as the DfE excludes them, and counted
// in BeforeStart.
//
// Working Together sets 15 working days from the strategy discussion at which
// section 47 enquiries were initiated (2023, chapter 3, section 3, "Outcome
// of section 47 enquiries").
type ConferenceFigures struct {
	Held     int    `json:"held"`  // timed, held in the year
	Bands    []Band `json:"bands"` // 0-10, 11-15, 16-20, 21+
	Within15 int    `json:"within_15"`
	// PercentWithin15 is 100 × Within15 / Held, 0 when none were held.
	PercentWithin15 float64 `json:"percent_within_15"`
	// Median is the median duration in working days (the mean of the two
	// middle values for an even count); 0 when none were held.
	Median        float64 `json:"median"`
	LowerQuartile float64 `json:"lower_quartile"`
	UpperQuartile float64 `json:"upper_quartile"`
	BeforeStart   int     `json:"before_start"`
	// Untimed counts conferences recorded at CINdetails level only, with no
	// section 47 start to time them from, and dates outside the calendar.
	Untimed   int `json:"untimed"`
	OutOfYear int `json:"out_of_year"`
}

// ReviewFigures are the DfE's "child protection plans open at 31 March for at
// least three months, reviewed on time". A plan counts when it started on or
// before three calendar months before the reference date (CPPstartDate plus
// three months, by the corresponding-date rule, is on or before it) and has no
// CPPendDate on or before it.
//
// Its reviews were on time when every review due on or before the reference
// date was held by its due date: the first within three months of the plan's
// start (CPPstartDate, the date of the initial conference), each later one
// within six months of the review before it (Working Together 2023, chapter
// 3, section 3, "Child protection review conference"). A due date on or before the
// reference date with no review held by then makes the plan late.
type ReviewFigures struct {
	Plans  int `json:"plans"`
	OnTime int `json:"on_time"`
	// PercentOnTime is 100 × OnTime / Plans, 0 when there are none.
	PercentOnTime float64 `json:"percent_on_time"`
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
	cPlans
	cPlansOnTime
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
// bands, medians and quartiles are exact and two tallies merge exactly.
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

// merge adds o's children to t, as if t had audited them itself. Both
// tallies must come from the same header and configuration (one Auditor
// per worker of one file).
func (t *tally) merge(o *tally) {
	for i := range t.n {
		t.n[i] += o.n[i]
	}
	t.assess.merge(o.assess)
	t.icpc.merge(o.icpc)
}

func (t *tally) inYear(d holidays.Date) bool {
	return !t.hasPeriod || (!d.Before(t.start) && !d.After(t.ref))
}

func (t *tally) add(c Child) {
	t.n[cChildren]++
	for _, e := range c.Episodes {
		t.n[cEpisodes]++
		for _, a := range e.Assessments {
			t.assessment(a)
		}
		for _, s := range e.Section47s {
			t.conference(s)
		}
		if !e.DateOfInitialCPC.IsZero() && len(e.Section47s) == 0 && t.inYear(e.DateOfInitialCPC) {
			t.n[cICPCUntimed]++
		}
		if t.hasPeriod {
			for _, p := range e.Plans {
				t.plan(p)
			}
		}
	}
}

func (t *tally) assessment(a Assessment) {
	switch {
	case a.AuthorisationDate.IsZero():
		t.n[cAssessOpen]++
		return
	case !t.inYear(a.AuthorisationDate):
		t.n[cAssessOutOfYear]++
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

func (t *tally) conference(s Section47) {
	switch {
	case s.DateOfInitialCPC.IsZero():
		return
	case !t.inYear(s.DateOfInitialCPC):
		t.n[cICPCOutOfYear]++
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

func (t *tally) plan(p ProtectionPlan) {
	if p.StartDate.IsZero() || p.StartDate.AddMonths(t.bounds.reviewFrom).After(t.ref) {
		return
	}
	if !p.EndDate.IsZero() && !p.EndDate.After(t.ref) {
		return
	}
	t.n[cPlans]++
	if reviewsOnTime(p, t.ref, t.bounds) {
		t.n[cPlansOnTime]++
	}
}

// reviewsOnTime applies the chain of review due dates described on
// [ReviewFigures] up to the reference date ref.
func reviewsOnTime(p ProtectionPlan, ref holidays.Date, bd bounds) bool {
	held := make([]holidays.Date, 0, len(p.Reviews))
	for _, r := range p.Reviews {
		if !r.Before(p.StartDate) && !r.After(ref) {
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

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) * 100 / float64(of)
}

func (t *tally) figures() Figures {
	f := Figures{Children: t.n[cChildren], Episodes: t.n[cEpisodes], Notes: slices.Clone(t.notes)}
	if t.hasPeriod {
		f.ReferenceDate, f.PeriodStart = t.ref, t.start
	}
	a := &f.Assessments
	a.Completed, a.Bands = t.assess.total(), t.assess.bands(assessmentBands())
	a.Within45 = t.assess.count(0, t.bounds.assessment)
	a.PercentWithin45 = percent(a.Within45, a.Completed)
	a.Median, a.LowerQuartile, a.UpperQuartile = t.assess.quartiles()
	a.Open, a.Untimed, a.OutOfYear = t.n[cAssessOpen], t.n[cAssessUntimed], t.n[cAssessOutOfYear]

	c := &f.Conferences
	c.Held, c.Bands = t.icpc.total(), t.icpc.bands(conferenceBands())
	c.Within15 = t.icpc.count(0, t.bounds.icpc)
	c.PercentWithin15 = percent(c.Within15, c.Held)
	c.Median, c.LowerQuartile, c.UpperQuartile = t.icpc.quartiles()
	c.BeforeStart, c.Untimed, c.OutOfYear = t.n[cICPCBefore], t.n[cICPCUntimed], t.n[cICPCOutOfYear]

	r := &f.Reviews
	r.Plans, r.OnTime = t.n[cPlans], t.n[cPlansOnTime]
	r.PercentOnTime = percent(r.OnTime, r.Plans)
	return f
}
