package census

import (
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
)

// A Severity is how the DfE treats a validation rule's failure.
type Severity string

// The DfE's severities.
const (
	// SeverityError: the return cannot be submitted until it is fixed.
	SeverityError Severity = "error"
	// SeverityQuery: the authority must fix the data or explain it (the
	// rule codes ending in Q).
	SeverityQuery Severity = "query"
)

// A DfERule is one of the DfE's CIN census validation rules about dates,
// timescales or the order of events, as published in the DfE's "Children in
// need census: validation rules" for the 2025 to 2026 collection. Code,
// Severity and Message are the DfE's; the rule's condition is in the doc
// comment of its check (see [DfERules]).
type DfERule struct {
	Code     string   `json:"code"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Element is the element the finding points at, relative to
	// CINdetails ("ChildIdentifiers/..." for the child's own items).
	Element string `json:"element"`

	level level
	// counted marks an error the DfE's own figures count in their way
	// (8615: table C4 counts a conference dated before its enquiry in the
	// total, not in the durations), so it does not reject the record.
	counted bool
	// needs is what an episode must have for the rule to fail on it: a
	// rule about the records of a group has nothing to check in an episode
	// without any, one about the child's death nothing in a child alive,
	// one comparing a group's records with each other nothing in a group
	// of one, one about open assessments nothing where all are authorised.
	// Most episodes lack most of these, so skipping the rule there saves
	// most of the table's calls. TestRulesSkippedOnlyWhenIdle holds each
	// rule to its needs.
	needs groups
	check func(k *ruleRun, r *DfERule)
}

// appliesIn reports whether r can fail on an episode that has g.
func (r *DfERule) appliesIn(g groups) bool { return r.level != levelFile && g&r.needs == r.needs }

// groups is the set of what an episode has that some rule needs.
type groups uint16

const (
	hasAssessments groups = 1 << iota
	hasSection47s
	hasPlans
	hasCINPlans
	hasICPC    // a DateOfInitialCPC, of the CINdetails or a Section47
	hasClosure // a CINclosureDate
	hasDeath   // the child's PersonDeathDate
	hasNFA     // ReferralNFA true
	severalAssessments
	severalSection47s
	severalPlans
	severalCINPlans
	severalEpisodes    // the child's
	openAssessment     // an assessment not authorised
	enquiryWithoutICPC // a Section47 with no DateOfInitialCPC
	allGroups          = enquiryWithoutICPC<<1 - 1
	// dfeApplying's table is looked up by these; the few rules that
	// need several records, or records of a kind, are passed over one by
	// one.
	tableGroups = hasNFA<<1 - 1
)

// groupsOf returns what episode e of child c has.
func groupsOf(c *Child, e *Episode) groups {
	g := records(len(e.Assessments), hasAssessments, severalAssessments) |
		records(len(e.Section47s), hasSection47s, severalSection47s) |
		records(len(e.Plans), hasPlans, severalPlans) |
		records(len(e.CINPlans), hasCINPlans, severalCINPlans) |
		records(len(c.Episodes), 0, severalEpisodes)
	if !e.DateOfInitialCPC.IsZero() {
		g |= hasICPC
	}
	for i := range e.Section47s {
		if e.Section47s[i].DateOfInitialCPC.IsZero() {
			g |= enquiryWithoutICPC
		} else {
			g |= hasICPC
		}
	}
	for i := range e.Assessments {
		if e.Assessments[i].AuthorisationDate.IsZero() {
			g |= openAssessment
			break
		}
	}
	if !e.ClosureDate.IsZero() {
		g |= hasClosure
	}
	if !c.DeathDate.IsZero() {
		g |= hasDeath
	}
	if e.ReferralNFA == Yes {
		g |= hasNFA
	}
	return g
}

// records returns has for one record, has and several for more.
func records(n int, has, several groups) groups {
	switch {
	case n > 1:
		return has | several
	case n == 1:
		return has
	}
	return 0
}

// dfeApplying lists, for each set of tableGroups, the table's rules that
// can apply to an episode with those, in code order, so that judging an
// episode walks only those.
var dfeApplying = sync.OnceValue(func() (t [tableGroups + 1][]*DfERule) {
	rules := dfeTable()
	for g := range t {
		for i := range rules {
			// Listed if it can apply when the episode has everything
			// beyond tableGroups: checkDfE asks about those rule by rule.
			if rules[i].appliesIn(groups(g) | allGroups&^tableGroups) {
				t[g] = append(t[g], &rules[i])
			}
		}
	}
	return t
})

// level is the census record a rule's finding belongs to; records that
// break an error rule are left out of the figures at this level.
type level uint8

const (
	levelEpisode level = iota // the CINdetails group and everything in it
	levelAssessment
	levelSection47
	levelPlan // ChildProtectionPlans, with its Reviews
	levelCINPlan
	levelFile // counts over the whole return, reported by [Auditor.FileFindings]
)

// ruleRun applies the rule table to one child. Its scratch space is kept
// from one child to the next.
type ruleRun struct {
	p     *period
	child *Child
	ep    int // 1-based episode under check
	e     *Episode
	out   []Finding

	sp       spans // the overlap rules' scratch
	eps      spans // the child's episodes, for rule 8820
	episodes *spans
	icpcs    []holidays.Date // the conference dates of icpcOf, sorted
	icpcOf   *Episode
	// applying is dfeApplying's table, looked up once: the table is an
	// array, which each call would copy.
	applying *[tableGroups + 1][]*DfERule
}

// period holds the dates every rule reads from the header, computed once
// per file.
type period struct {
	cal        *holidays.Calendar
	has        bool          // the header has a valid ReferenceDate
	start, ref holidays.Date // the collection year, inclusive
	// Limits are the DfE's "ReferenceDate minus 45 working days", "minus 15
	// working days" and "Start_of_Census_Year minus 1 working day"; each
	// is valid only when the header's dates lie on the calendar.
	assess45, s47of15, nfaLimit holidays.Date
}

func newPeriod(h Header, cal *holidays.Calendar) *period {
	p := &period{cal: cal}
	start, ok := h.PeriodStart()
	if !ok {
		return p
	}
	p.has, p.start, p.ref = true, start, h.ReferenceDate
	p.assess45, _ = cal.AddWorkdays(p.ref, -dfeAssessmentDays)
	p.s47of15, _ = cal.AddWorkdays(p.ref, -dfeS47Days)
	p.nfaLimit, _ = cal.AddWorkdays(p.start, -1)
	return p
}

// The working days of the DfE's queries 8670Q and 8675Q: numbers of the
// DfE's rules, not bounds of the guidance, so not read from a rulebook.
const (
	dfeAssessmentDays = 45
	dfeS47Days        = 15
)

// inPeriod reports whether d lies in the collection year; with no reference
// date nothing is judged out of it.
func (p *period) inPeriod(d holidays.Date) bool {
	return !p.has || (!d.Before(p.start) && !d.After(p.ref))
}

// afterRef reports whether d is after the reference date.
func (p *period) afterRef(d holidays.Date) bool { return p.has && d.After(p.ref) }

// hit records a failure of r at the index-th record (1-based; 0 for the
// episode or child) on line, about date d.
func (k *ruleRun) hit(r *DfERule, index, line int, d holidays.Date) {
	el := r.Element
	if index == 0 && r.level != levelEpisode {
		// The CINdetails item of a group's element (DateOfInitialCPC).
		el = el[strings.LastIndexByte(el, '/')+1:]
	}
	var f *Finding
	k.out, f = nextFinding(k.out)
	f.Kind, f.Code, f.Severity, f.LAchildID = DfE, r.Code, r.Severity, k.child.LAchildID
	f.Episode, f.Element, f.Index, f.Line, f.Date, f.dfe = k.ep, el, index, line, d, r
}

// hitReview records a failure of r at the item-th review of the index-th
// plan.
func (k *ruleRun) hitReview(r *DfERule, index, item, line int, d holidays.Date) {
	k.hit(r, index, line, d)
	k.out[len(k.out)-1].Item = item
}

// isWeekend is the DfE's "a Saturday, Sunday" (bank holidays are not part
// of rules 8870Q and 8875; the library reports them as [NonWorkingDay]).
func isWeekend(d holidays.Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// before reports a before b, both present.
func before(a, b holidays.Date) bool { return !a.IsZero() && !b.IsZero() && a.Before(b) }

// icpcDates calls f with every DateOfInitialCPC of the episode: the
// CINdetails one (index 0, the episode's line) and each Section47's.
func (k *ruleRun) icpcDates(f func(index, line int, d holidays.Date)) {
	if !k.e.DateOfInitialCPC.IsZero() {
		f(0, k.e.Line, k.e.DateOfInitialCPC)
	}
	for i := range k.e.Section47s {
		if s := &k.e.Section47s[i]; !s.DateOfInitialCPC.IsZero() {
			f(i+1, s.Line, s.DateOfInitialCPC)
		}
	}
}

// openS47 reports a Section47 group still awaiting its conference: no
// DateOfInitialCPC and ICPCnotRequired not true.
func openS47(s *Section47) bool { return s.DateOfInitialCPC.IsZero() && s.ICPCnotRequired != Yes }

// factorCodes are the codes of the CIN XSD's assessmentfactorstype, each
// between spaces.
const factorCodes = " 1A 1B 1C 2A 2B 2C 3A 3B 3C 4A 4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A 10A 11A 12A" +
	" 13A 14A 15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A 24A "

// validFactor reports whether code is one of factorCodes, by its number
// and letter in factorTable rather than by searching the list: rule 8897Q
// asks it of a factor of nearly every completed assessment.
func validFactor(code string) bool {
	n, bit, ok := factorKey(code)
	return ok && factorTable()[n]&bit != 0
}

// factorTable is factorCodes as a table: for each number, a bit for each
// letter that may follow it (bit 0: none).
var factorTable = sync.OnceValue(func() *[factorMax + 1]uint8 {
	var t [factorMax + 1]uint8
	for _, code := range strings.Fields(factorCodes) {
		n, bit, _ := factorKey(code)
		t[n] |= bit
	}
	return &t
})

// factorMax is the highest number of factorCodes.
const factorMax = 24

// factorKey splits code, of factorCodes' form (a number from 1 to
// factorMax with no leading zero, then at most one letter from A to G),
// into its number and letter bit; ok is false for any other form.
func factorKey(code string) (n int, bit uint8, ok bool) {
	i := 0
	for ; i < len(code) && i < 2 && '0' <= code[i] && code[i] <= '9'; i++ {
		n = n*10 + int(code[i]-'0')
	}
	if i == 0 || code[0] == '0' || n > factorMax {
		return 0, 0, false
	}
	switch rest := code[i:]; {
	case rest == "":
		return n, 1, true
	case len(rest) == 1 && 'A' <= rest[0] && rest[0] <= 'G':
		return n, 1 << (rest[0] - 'A' + 1), true
	}
	return 0, 0, false
}

// dfeTable is the DfE's date rules, in code order, built once and never
// changed. Each check's comment gives the DfE's condition. The checks, like
// the rest of the judging, read each record in place (&k.e.Plans[i]): a
// record is 88 to 120 bytes, which ranging by value copies for every rule.
var dfeTable = sync.OnceValue(func() []DfERule {
	return []DfERule{
		{Code: "1103", Severity: SeverityError, Message: "The assessment start date cannot be before the referral date",
			Element: "Assessments/AssessmentActualStartDate", level: levelAssessment, needs: hasAssessments,
			// Where present, AssessmentActualStartDate must be on or after CINreferralDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if before(a.StartDate, k.e.ReferralDate) {
						k.hit(r, i+1, a.Line, a.StartDate)
					}
				}
			}},
		{Code: "1104", Severity: SeverityError, Message: "The date of the initial child protection conference cannot be before the referral date",
			Element: "Section47/DateOfInitialCPC", level: levelSection47, needs: hasICPC,
			// Where present, DateOfInitialCPC must be on or after CINreferralDate
			// (in either module: index 0 is the CINdetails item).
			check: func(k *ruleRun, r *DfERule) {
				k.icpcDates(func(i, line int, d holidays.Date) {
					if before(d, k.e.ReferralDate) {
						k.hit(r, i, line, d)
					}
				})
			}},
		{Code: "1105", Severity: SeverityError, Message: "The child protection plan start date cannot be before the referral date",
			Element: "ChildProtectionPlans/CPPstartDate", level: levelPlan, needs: hasPlans,
			// CPPstartDate must be on or after CINreferralDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if before(p.StartDate, k.e.ReferralDate) {
						k.hit(r, i+1, p.Line, p.StartDate)
					}
				}
			}},
		{Code: "2883", Severity: SeverityError, Message: "There are more child protection plans starting than initial conferences taking place",
			Element: "ChildProtectionPlans/CPPstartDate", level: levelFile,
			// Within the return, the CPPstartDates in the census year must not
			// outnumber the DateOfInitialCPCs (both modules) in it: counted by
			// the tally and reported by [Auditor.FileFindings].
			check: func(*ruleRun, *DfERule) {}},
		{Code: "2884", Severity: SeverityError, Message: "An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one",
			Element: "Section47/DateOfInitialCPC", level: levelSection47, needs: hasSection47s | hasICPC,
			// A DateOfInitialCPC of a Section47 group must not also be the
			// CINdetails DateOfInitialCPC.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Section47s {
					s := &k.e.Section47s[i]
					if !s.DateOfInitialCPC.IsZero() && s.DateOfInitialCPC == k.e.DateOfInitialCPC {
						k.hit(r, i+1, s.Line, s.DateOfInitialCPC)
					}
				}
			}},
		{Code: "2885", Severity: SeverityError, Message: "Child protection plan shown as starting a different day to the initial child protection conference.",
			Element: "ChildProtectionPlans/CPPstartDate", level: levelPlan, needs: hasPlans,
			// A CPPstartDate in the census year must equal a Section47
			// DateOfInitialCPC of its CINdetails group, or, when the group has no
			// Section47, the CINdetails DateOfInitialCPC.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if p.StartDate.IsZero() || !k.p.inPeriod(p.StartDate) || k.planHasConference(p.StartDate) {
						continue
					}
					k.hit(r, i+1, p.Line, p.StartDate)
				}
			}},
		{Code: "2889", Severity: SeverityError, Message: "The S47 start date cannot be before the referral date.",
			Element: "Section47/S47ActualStartDate", level: levelSection47, needs: hasSection47s,
			// Where present, S47ActualStartDate must be on or after CINreferralDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Section47s {
					s := &k.e.Section47s[i]
					if before(s.StartDate, k.e.ReferralDate) {
						k.hit(r, i+1, s.Line, s.StartDate)
					}
				}
			}},
		{Code: "4001", Severity: SeverityError, Message: "A CIN Plan cannot run concurrently with a Child Protection Plan",
			Element: "CINPlanDates/CINPlanEndDate", level: levelCINPlan, needs: hasPlans | hasCINPlans,
			// If a ChildProtectionPlans group has no CPPendDate, no CINPlanDates
			// group of the same CINdetails may lack its CINPlanEndDate.
			check: func(k *ruleRun, r *DfERule) {
				if !slices.ContainsFunc(k.e.Plans, func(p ProtectionPlan) bool { return p.EndDate.IsZero() }) {
					return
				}
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if c.EndDate.IsZero() {
						k.hit(r, i+1, c.Line, c.StartDate)
					}
				}
			}},
		{Code: "4003", Severity: SeverityError, Message: "A CPP review date is shown as being held at the same time as an open CIN Plan.",
			Element: "ChildProtectionPlans/Reviews/CPPreviewDate", level: levelPlan, needs: hasPlans | hasCINPlans,
			// No CPPreviewDate may fall from a CINPlanStartDate up to (not
			// including) its CINPlanEndDate, or up to the ReferenceDate when the
			// CIN plan has no end, unless it equals the plan's CPPendDate.
			check: func(k *ruleRun, r *DfERule) {
				if len(k.e.Plans) == 0 || len(k.e.CINPlans) == 0 {
					return // most episodes: no span to fall in, or nothing to fall
				}
				s := k.cinPlanSpans()
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					for j, rv := range p.Reviews {
						if rv != p.EndDate && s.covers(rv, -1) {
							k.hitReview(r, i+1, j+1, p.Line, rv)
						}
					}
				}
			}},
		{Code: "4008", Severity: SeverityError, Message: "CIN Plan shown as starting after the child’s Date of Death.",
			Element: "CINPlanDates/CINPlanStartDate", level: levelCINPlan, needs: hasCINPlans | hasDeath,
			// If PersonDeathDate is present, CINPlanStartDate must be on or before it.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if before(k.child.DeathDate, c.StartDate) {
						k.hit(r, i+1, c.Line, c.StartDate)
					}
				}
			}},
		{Code: "4009Q", Severity: SeverityQuery, Message: "CIN Plan cannot end after the child’s Date of Death",
			Element: "CINPlanDates/CINPlanEndDate", level: levelCINPlan, needs: hasCINPlans | hasDeath,
			// If PersonDeathDate is present, CINPlanEndDate must be on or before it.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if before(k.child.DeathDate, c.EndDate) {
						k.hit(r, i+1, c.Line, c.EndDate)
					}
				}
			}},
		{Code: "4010", Severity: SeverityError, Message: "CIN Plan start date is missing or out of data collection period",
			Element: "CINPlanDates/CINPlanStartDate", level: levelCINPlan, needs: hasCINPlans,
			// Where a CINPlanDates group is present, CINPlanStartDate must be
			// present and on or before the ReferenceDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if c.StartDate.IsZero() || k.p.afterRef(c.StartDate) {
						k.hit(r, i+1, c.Line, c.StartDate)
					}
				}
			}},
		{Code: "4011", Severity: SeverityError, Message: "CIN Plan End Date earlier than Start Date",
			Element: "CINPlanDates/CINPlanEndDate", level: levelCINPlan, needs: hasCINPlans,
			// If present, CINPlanEndDate must be on or after CINPlanStartDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if before(c.EndDate, c.StartDate) {
						k.hit(r, i+1, c.Line, c.EndDate)
					}
				}
			}},
		{Code: "4013", Severity: SeverityError, Message: "CIN Plan end date must fall within the census year",
			Element: "CINPlanDates/CINPlanEndDate", level: levelCINPlan, needs: hasCINPlans,
			// If present, CINPlanEndDate must fall within the census year.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if !c.EndDate.IsZero() && !k.p.inPeriod(c.EndDate) {
						k.hit(r, i+1, c.Line, c.EndDate)
					}
				}
			}},
		{Code: "4014", Severity: SeverityError, Message: "CIN Plan data contains overlapping dates",
			Element: "CINPlanDates/CINPlanStartDate", level: levelCINPlan, needs: hasCINPlans | severalCINPlans,
			// Where there is more than one CINPlanDates group, no
			// CINPlanStartDate may fall from another group's CINPlanStartDate to
			// its CINPlanEndDate, or to the ReferenceDate when it has none.
			check: func(k *ruleRun, r *DfERule) {
				if len(k.e.CINPlans) < 2 {
					return // no other group
				}
				s := k.sp.reset(k.p)
				for j := range k.e.CINPlans {
					o := &k.e.CINPlans[j]
					s.add(o.StartDate, o.EndDate, false, j)
				}
				s.build()
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if s.covers(c.StartDate, i) {
						k.hit(r, i+1, c.Line, c.StartDate)
					}
				}
			}},
		{Code: "4015", Severity: SeverityError, Message: "The CIN Plan start date cannot be before the referral date",
			Element: "CINPlanDates/CINPlanStartDate", level: levelCINPlan, needs: hasCINPlans,
			// Where present, CINPlanStartDate must be on or after CINreferralDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if before(c.StartDate, k.e.ReferralDate) {
						k.hit(r, i+1, c.Line, c.StartDate)
					}
				}
			}},
		{Code: "4016", Severity: SeverityError, Message: "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
			Element: "CINPlanDates/CINPlanStartDate", level: levelCINPlan, needs: hasPlans | hasCINPlans,
			// No CINPlanStartDate may fall from a CPPstartDate up to its
			// CPPendDate, or up to the ReferenceDate when the plan has none;
			// starting on the CPPendDate is allowed.
			check: func(k *ruleRun, r *DfERule) {
				if len(k.e.Plans) == 0 || len(k.e.CINPlans) == 0 {
					return
				}
				s := k.sp.reset(k.p)
				for j := range k.e.Plans {
					p := &k.e.Plans[j]
					s.add(p.StartDate, p.EndDate, true, j)
				}
				s.build()
				for i := range k.e.CINPlans {
					c := &k.e.CINPlans[i]
					if s.covers(c.StartDate, -1) {
						k.hit(r, i+1, c.Line, c.StartDate)
					}
				}
			}},
		{Code: "4017", Severity: SeverityError, Message: "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
			Element: "ChildProtectionPlans/CPPstartDate", level: levelPlan, needs: hasPlans | hasCINPlans,
			// No CPPstartDate may fall from a CINPlanStartDate up to its
			// CINPlanEndDate, or up to the ReferenceDate when it has none;
			// starting on the CINPlanEndDate is allowed.
			check: func(k *ruleRun, r *DfERule) {
				if len(k.e.Plans) == 0 || len(k.e.CINPlans) == 0 {
					return
				}
				s := k.cinPlanSpans()
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if s.covers(p.StartDate, -1) {
						k.hit(r, i+1, p.Line, p.StartDate)
					}
				}
			}},
		{Code: "8555Q", Severity: SeverityQuery, Message: "Child cannot be referred after its recorded date of death",
			Element: "CINreferralDate", level: levelEpisode, needs: hasDeath,
			// CINreferralDate must be on or before PersonDeathDate.
			check: func(k *ruleRun, r *DfERule) {
				if before(k.child.DeathDate, k.e.ReferralDate) {
					k.hit(r, 0, k.e.Line, k.e.ReferralDate)
				}
			}},
		{Code: "8565", Severity: SeverityError, Message: "Activity shown after a case has been closed",
			Element: "CINclosureDate", level: levelEpisode, needs: hasClosure,
			// If CINclosureDate is present it must be on or after every
			// AssessmentActualStartDate, AssessmentAuthorisationDate,
			// S47ActualStartDate, DateOfInitialCPC, CPPendDate,
			// CINPlanStartDate and CINPlanEndDate of the group.
			check: func(k *ruleRun, r *DfERule) {
				if cl := k.e.ClosureDate; !cl.IsZero() && k.activityAfter(cl) {
					k.hit(r, 0, k.e.Line, cl)
				}
			}},
		{Code: "8569Q", Severity: SeverityQuery, Message: "A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case",
			Element: "ReferralNFA", level: levelEpisode, needs: hasNFA,
			// If CINreferralDate is before the start of the census year minus 1
			// working day, ReferralNFA must be false.
			check: func(k *ruleRun, r *DfERule) {
				if k.p.has && k.e.ReferralNFA == Yes && before(k.e.ReferralDate, k.p.nfaLimit) {
					k.hit(r, 0, k.e.Line, k.e.ReferralDate)
				}
			}},
		{Code: "8600", Severity: SeverityError, Message: "Child referral date missing or after data collection period",
			Element: "CINreferralDate", level: levelEpisode,
			// CINreferralDate must be present and on or before the ReferenceDate.
			check: func(k *ruleRun, r *DfERule) {
				if k.e.ReferralDate.IsZero() || k.p.afterRef(k.e.ReferralDate) {
					k.hit(r, 0, k.e.Line, k.e.ReferralDate)
				}
			}},
		{Code: "8606", Severity: SeverityError, Message: "Child referral date is more than 40 weeks before DOB or expected DOB",
			Element: "CINreferralDate", level: levelEpisode,
			// CINreferralDate cannot be more than 280 days before PersonBirthDate
			// or ExpectedPersonBirthDate.
			check: func(k *ruleRun, r *DfERule) {
				ref := k.e.ReferralDate
				for _, b := range [...]holidays.Date{k.child.BirthDate, k.child.ExpectedBirthDate} {
					// Only a referral before the birth can be so early: the
					// day 280 days before it, a date sum, is worked out
					// only for an unborn child's referral, not for every
					// episode (TestRule8606Shortcut).
					if before(ref, b) && ref.Before(b.AddDays(-280)) {
						k.hit(r, 0, k.e.Line, ref)
						return
					}
				}
			}},
		{Code: "8608", Severity: SeverityError, Message: "Assessment Start Date cannot be later than its End Date",
			Element: "Assessments/AssessmentAuthorisationDate", level: levelAssessment, needs: hasAssessments,
			// If present, AssessmentAuthorisationDate must be on or after
			// AssessmentActualStartDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if before(a.AuthorisationDate, a.StartDate) {
						k.hit(r, i+1, a.Line, a.AuthorisationDate)
					}
				}
			}},
		{Code: "8615", Severity: SeverityError, Message: "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference",
			Element: "Section47/S47ActualStartDate", level: levelSection47, needs: hasSection47s | hasICPC, counted: true,
			// If a Section47 group has DateOfInitialCPC, S47ActualStartDate must
			// be present and on or before it.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Section47s {
					s := &k.e.Section47s[i]
					if !s.DateOfInitialCPC.IsZero() && (s.StartDate.IsZero() || s.DateOfInitialCPC.Before(s.StartDate)) {
						k.hit(r, i+1, s.Line, s.StartDate)
					}
				}
			}},
		{Code: "8620", Severity: SeverityError, Message: "CIN Closure Date present and does not fall within the Census year",
			Element: "CINclosureDate", level: levelEpisode, needs: hasClosure,
			// If present, CINclosureDate must fall within the census year.
			check: func(k *ruleRun, r *DfERule) {
				if cl := k.e.ClosureDate; !cl.IsZero() && !k.p.inPeriod(cl) {
					k.hit(r, 0, k.e.Line, cl)
				}
			}},
		{Code: "8630", Severity: SeverityError, Message: "CIN Closure Date is before CIN Referral Date for the same CIN episode",
			Element: "CINclosureDate", level: levelEpisode, needs: hasClosure,
			// If present, CINclosureDate must be on or after CINreferralDate.
			check: func(k *ruleRun, r *DfERule) {
				if before(k.e.ClosureDate, k.e.ReferralDate) {
					k.hit(r, 0, k.e.Line, k.e.ClosureDate)
				}
			}},
		{Code: "8670Q", Severity: SeverityQuery, Message: "Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.",
			Element: "Assessments/AssessmentActualStartDate", level: levelAssessment, needs: hasAssessments | openAssessment,
			// If AssessmentAuthorisationDate is not present,
			// AssessmentActualStartDate should not be before the ReferenceDate
			// minus 45 working days.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if k.p.has && a.AuthorisationDate.IsZero() && before(a.StartDate, k.p.assess45) {
						k.hit(r, i+1, a.Line, a.StartDate)
					}
				}
			}},
		{Code: "8675Q", Severity: SeverityQuery, Message: "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.",
			Element: "Section47/S47ActualStartDate", level: levelSection47, needs: hasSection47s | enquiryWithoutICPC,
			// If DateOfInitialCPC is not present and ICPCnotRequired is false,
			// S47ActualStartDate should not be before the ReferenceDate minus 15
			// working days.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Section47s {
					s := &k.e.Section47s[i]
					if k.p.has && s.DateOfInitialCPC.IsZero() && s.ICPCnotRequired == No && before(s.StartDate, k.p.s47of15) {
						k.hit(r, i+1, s.Line, s.StartDate)
					}
				}
			}},
		{Code: "8696", Severity: SeverityError, Message: "Assessment end date must fall within the census year",
			Element: "Assessments/AssessmentAuthorisationDate", level: levelAssessment, needs: hasAssessments,
			// If present, AssessmentAuthorisationDate must be on or between the
			// start of the census year and the ReferenceDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if !a.AuthorisationDate.IsZero() && !k.p.inPeriod(a.AuthorisationDate) {
						k.hit(r, i+1, a.Line, a.AuthorisationDate)
					}
				}
			}},
		{Code: "8715", Severity: SeverityError, Message: "Date of Initial Child Protection Conference must fall within the census year",
			Element: "Section47/DateOfInitialCPC", level: levelSection47, needs: hasICPC,
			// If present, DateOfInitialCPC must be on or between the start of the
			// census year and the ReferenceDate (in either module).
			check: func(k *ruleRun, r *DfERule) {
				k.icpcDates(func(i, line int, d holidays.Date) {
					if !k.p.inPeriod(d) {
						k.hit(r, i, line, d)
					}
				})
			}},
		{Code: "8720", Severity: SeverityError, Message: "Child Protection Plan Start Date missing or out of data collection period",
			Element: "ChildProtectionPlans/CPPstartDate", level: levelPlan, needs: hasPlans,
			// Where a ChildProtectionPlans group is present, CPPstartDate must be
			// present and on or before the ReferenceDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if p.StartDate.IsZero() || k.p.afterRef(p.StartDate) {
						k.hit(r, i+1, p.Line, p.StartDate)
					}
				}
			}},
		{Code: "8736", Severity: SeverityError, Message: "For an Assessment that has not been completed, the start date must fall within the census year",
			Element: "Assessments/AssessmentActualStartDate", level: levelAssessment, needs: hasAssessments | openAssessment,
			// Where present, if an Assessments group has no
			// AssessmentAuthorisationDate, its AssessmentActualStartDate must be
			// on or between the start of the census year and the ReferenceDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if a.AuthorisationDate.IsZero() && !a.StartDate.IsZero() && !k.p.inPeriod(a.StartDate) {
						k.hit(r, i+1, a.Line, a.StartDate)
					}
				}
			}},
		{Code: "8740", Severity: SeverityError, Message: "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year",
			Element: "Section47/S47ActualStartDate", level: levelSection47, needs: hasSection47s | enquiryWithoutICPC,
			// If a Section47 group has no DateOfInitialCPC and ICPCnotRequired is
			// false, S47ActualStartDate must be on or between the start of the
			// census year and the ReferenceDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Section47s {
					s := &k.e.Section47s[i]
					if s.DateOfInitialCPC.IsZero() && s.ICPCnotRequired == No && !s.StartDate.IsZero() && !k.p.inPeriod(s.StartDate) {
						k.hit(r, i+1, s.Line, s.StartDate)
					}
				}
			}},
		{Code: "8820", Severity: SeverityError, Message: "The dates on the CIN episodes for this child overlap",
			Element: "CINreferralDate", level: levelEpisode, needs: severalEpisodes,
			// Where a child has more than one CINdetails group, no
			// CINreferralDate may fall (a) from another group's CINreferralDate
			// up to its CINclosureDate (a referral on the day the other closed is
			// allowed), or (b) from another group's CINreferralDate to the
			// ReferenceDate when that group has no CINclosureDate and its
			// ReferralNFA is false.
			check: func(k *ruleRun, r *DfERule) {
				if len(k.child.Episodes) < 2 {
					return // no other episode
				}
				if k.ep == 1 {
					// The child's episodes are compared once, on the first.
					k.episodes = k.episodeSpans()
				}
				if k.episodes.covers(k.e.ReferralDate, k.ep-1) {
					k.hit(r, 0, k.e.Line, k.e.ReferralDate)
				}
			}},
		{Code: "8839", Severity: SeverityError, Message: "Within one CINDetails group there are 2 or more open S47 Assessments",
			Element: "Section47", level: levelSection47, needs: hasSection47s | severalSection47s | enquiryWithoutICPC,
			// Within one CINdetails group, only one Section47 group may have no
			// DateOfInitialCPC with ICPCnotRequired not true.
			check: func(k *ruleRun, r *DfERule) {
				open := 0
				for i := range k.e.Section47s {
					if s := &k.e.Section47s[i]; openS47(s) {
						if open++; open > 1 {
							k.hit(r, i+1, s.Line, s.StartDate)
						}
					}
				}
			}},
		{Code: "8840", Severity: SeverityError, Message: "Child Protection Plan cannot start and end on the same day",
			Element: "ChildProtectionPlans/CPPendDate", level: levelPlan, needs: hasPlans,
			// CPPstartDate must not be the same as CPPendDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if !p.StartDate.IsZero() && p.StartDate == p.EndDate {
						k.hit(r, i+1, p.Line, p.EndDate)
					}
				}
			}},
		{Code: "8841", Severity: SeverityError, Message: "The review date cannot be on the same day or before the Child protection Plan start date.",
			Element: "ChildProtectionPlans/Reviews/CPPreviewDate", level: levelPlan, needs: hasPlans,
			// No CPPreviewDate may be the same as or before CPPstartDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					for j, rv := range p.Reviews {
						if !p.StartDate.IsZero() && !rv.After(p.StartDate) {
							k.hitReview(r, i+1, j+1, p.Line, rv)
						}
					}
				}
			}},
		{Code: "8863Q", Severity: SeverityQuery, Message: "An Assessment is shown as starting when there is another Assessment ongoing.",
			Element: "Assessments/AssessmentActualStartDate", level: levelAssessment, needs: hasAssessments | severalAssessments,
			// Within one CINdetails group, no AssessmentActualStartDate may fall
			// on or between another group's AssessmentActualStartDate and its
			// AssessmentAuthorisationDate, or the ReferenceDate when it has none.
			check: func(k *ruleRun, r *DfERule) {
				if len(k.e.Assessments) < 2 {
					return // no other group
				}
				s := k.sp.reset(k.p)
				for j := range k.e.Assessments {
					o := &k.e.Assessments[j]
					s.add(o.StartDate, o.AuthorisationDate, false, j)
				}
				s.build()
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if s.covers(a.StartDate, i) {
						k.hit(r, i+1, a.Line, a.StartDate)
					}
				}
			}},
		{Code: "8867", Severity: SeverityError, Message: "CIN episode is shown as closed, however Assessment is not shown as completed",
			Element: "Assessments/AssessmentAuthorisationDate", level: levelAssessment, needs: hasAssessments | hasClosure | openAssessment,
			// If CINclosureDate is present, every Assessments group must have
			// an AssessmentAuthorisationDate.
			check: func(k *ruleRun, r *DfERule) {
				if k.e.ClosureDate.IsZero() {
					return
				}
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if a.AuthorisationDate.IsZero() {
						k.hit(r, i+1, a.Line, a.StartDate)
					}
				}
			}},
		{Code: "8868", Severity: SeverityError, Message: "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag",
			Element: "Section47/DateOfInitialCPC", level: levelSection47, needs: hasSection47s | hasClosure | enquiryWithoutICPC,
			// If CINclosureDate is present, every Section47 group must have a
			// DateOfInitialCPC or ICPCnotRequired true.
			check: func(k *ruleRun, r *DfERule) {
				if k.e.ClosureDate.IsZero() {
					return
				}
				for i := range k.e.Section47s {
					if s := &k.e.Section47s[i]; openS47(s) {
						k.hit(r, i+1, s.Line, s.StartDate)
					}
				}
			}},
		{Code: "8870Q", Severity: SeverityQuery, Message: "Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend",
			Element: "Section47/InitialCPCtarget", level: levelSection47, needs: hasSection47s,
			// InitialCPCtarget should not be a Saturday or Sunday.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Section47s {
					s := &k.e.Section47s[i]
					if !s.InitialCPCtarget.IsZero() && isWeekend(s.InitialCPCtarget) {
						k.hit(r, i+1, s.Line, s.InitialCPCtarget)
					}
				}
			}},
		{Code: "8875", Severity: SeverityError, Message: "The Date of Initial Child Protection Conference cannot be a weekend",
			Element: "Section47/DateOfInitialCPC", level: levelSection47, needs: hasICPC,
			// DateOfInitialCPC should not be a Saturday or Sunday (in either
			// module).
			check: func(k *ruleRun, r *DfERule) {
				k.icpcDates(func(i, line int, d holidays.Date) {
					if isWeekend(d) {
						k.hit(r, i, line, d)
					}
				})
			}},
		{Code: "8890", Severity: SeverityError, Message: "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
			Element: "Section47/S47ActualStartDate", level: levelSection47, needs: hasSection47s | severalSection47s,
			// Within one CINdetails group, no S47ActualStartDate may fall on or
			// between (a) another group's S47ActualStartDate and its
			// DateOfInitialCPC, or (b) another group's S47ActualStartDate and the
			// ReferenceDate when that group has no DateOfInitialCPC and
			// ICPCnotRequired is not true.
			check: func(k *ruleRun, r *DfERule) {
				if len(k.e.Section47s) < 2 {
					return // no other group
				}
				s := k.sp.reset(k.p)
				for j := range k.e.Section47s {
					if o := &k.e.Section47s[j]; !o.DateOfInitialCPC.IsZero() || openS47(o) {
						s.add(o.StartDate, o.DateOfInitialCPC, false, j)
					}
				}
				s.build()
				for i := range k.e.Section47s {
					e := &k.e.Section47s[i]
					if s.covers(e.StartDate, i) {
						k.hit(r, i+1, e.Line, e.StartDate)
					}
				}
			}},
		{Code: "8896", Severity: SeverityError, Message: "Within one CINDetails group there are 2 or more open Assessments groups",
			Element: "Assessments/AssessmentAuthorisationDate", level: levelAssessment, needs: hasAssessments | severalAssessments | openAssessment,
			// Within one CINdetails group, no more than one Assessments group may
			// lack its AssessmentAuthorisationDate.
			check: func(k *ruleRun, r *DfERule) {
				open := 0
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if a.AuthorisationDate.IsZero() {
						if open++; open > 1 {
							k.hit(r, i+1, a.Line, a.StartDate)
						}
					}
				}
			}},
		{Code: "8897Q", Severity: SeverityQuery, Message: "Parental or child factors at assessment information is missing from a completed assessment",
			Element: "Assessments/FactorsIdentifiedAtAssessment", level: levelAssessment, needs: hasAssessments,
			// Where AssessmentAuthorisationDate is on or after the start of the
			// census year, one or more AssessmentFactors must be present and be a
			// valid code.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Assessments {
					a := &k.e.Assessments[i]
					if a.AuthorisationDate.IsZero() || (k.p.has && a.AuthorisationDate.Before(k.p.start)) {
						continue
					}
					if !slices.ContainsFunc(a.Factors, validFactor) {
						k.hit(r, i+1, a.Line, a.AuthorisationDate)
					}
				}
			}},
		{Code: "8915", Severity: SeverityError, Message: "Child Protection Plan shown as starting after the child’s Date of Death",
			Element: "ChildProtectionPlans/CPPstartDate", level: levelPlan, needs: hasPlans | hasDeath,
			// CPPstartDate must be on or before PersonDeathDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if before(k.child.DeathDate, p.StartDate) {
						k.hit(r, i+1, p.Line, p.StartDate)
					}
				}
			}},
		{Code: "8920", Severity: SeverityError, Message: "Child Protection Plan cannot end after the child’s Date of Death",
			Element: "ChildProtectionPlans/CPPendDate", level: levelPlan, needs: hasPlans | hasDeath,
			// If PersonDeathDate is present, CPPendDate must be on or before it.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if before(k.child.DeathDate, p.EndDate) {
						k.hit(r, i+1, p.Line, p.EndDate)
					}
				}
			}},
		{Code: "8925", Severity: SeverityError, Message: "Child Protection Plan End Date earlier than Start Date",
			Element: "ChildProtectionPlans/CPPendDate", level: levelPlan, needs: hasPlans,
			// If present, CPPendDate must be on or after CPPstartDate.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if before(p.EndDate, p.StartDate) {
						k.hit(r, i+1, p.Line, p.EndDate)
					}
				}
			}},
		{Code: "8930", Severity: SeverityError, Message: "Child Protection Plan End Date must fall within the census year",
			Element: "ChildProtectionPlans/CPPendDate", level: levelPlan, needs: hasPlans,
			// If present, CPPendDate must fall within the census year.
			check: func(k *ruleRun, r *DfERule) {
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if !p.EndDate.IsZero() && !k.p.inPeriod(p.EndDate) {
						k.hit(r, i+1, p.Line, p.EndDate)
					}
				}
			}},
		{Code: "8940", Severity: SeverityError, Message: "Child Protection Plan data contains overlapping dates",
			Element: "ChildProtectionPlans/CPPstartDate", level: levelPlan, needs: hasPlans | severalPlans,
			// Where there is more than one ChildProtectionPlans group, no
			// CPPstartDate may fall from another group's CPPstartDate to its
			// CPPendDate, or to the ReferenceDate when it has none.
			check: func(k *ruleRun, r *DfERule) {
				if len(k.e.Plans) < 2 {
					return // no other group
				}
				s := k.sp.reset(k.p)
				for j := range k.e.Plans {
					o := &k.e.Plans[j]
					s.add(o.StartDate, o.EndDate, false, j)
				}
				s.build()
				for i := range k.e.Plans {
					p := &k.e.Plans[i]
					if s.covers(p.StartDate, i) {
						k.hit(r, i+1, p.Line, p.StartDate)
					}
				}
			}},
	}
})

// cinPlanSpans returns the episode's CIN plans as spans, each ending the
// day before its CINPlanEndDate (rules 4003 and 4017 allow the end day).
func (k *ruleRun) cinPlanSpans() *spans {
	s := k.sp.reset(k.p)
	for j := range k.e.CINPlans {
		c := &k.e.CINPlans[j]
		s.add(c.StartDate, c.EndDate, true, j)
	}
	s.build()
	return s
}

// episodeSpans returns the child's episodes as rule 8820 reads them: from
// the referral to the day before closure, or to the reference date when
// open, except an open one whose referral led to no further action. Who is
// the episode's 0-based index.
func (k *ruleRun) episodeSpans() *spans {
	s := k.eps.reset(k.p)
	for j := range k.child.Episodes {
		o := &k.child.Episodes[j]
		if o.ClosureDate.IsZero() && o.ReferralNFA == Yes {
			continue
		}
		s.add(o.ReferralDate, o.ClosureDate, true, j)
	}
	s.build()
	return s
}

// planHasConference reports whether a plan starting on d has its initial
// conference in the episode, as rule 2885 reads it. The episode's conference
// dates are sorted once per episode, so that many plans cost no more than
// sorting them.
func (k *ruleRun) planHasConference(d holidays.Date) bool {
	if len(k.e.Section47s) == 0 {
		return k.e.DateOfInitialCPC == d
	}
	if k.icpcOf != k.e {
		k.icpcOf, k.icpcs = k.e, k.icpcs[:0]
		for i := range k.e.Section47s {
			s := &k.e.Section47s[i]
			k.icpcs = append(k.icpcs, s.DateOfInitialCPC)
		}
		slices.SortFunc(k.icpcs, holidays.Date.Compare)
	}
	_, found := slices.BinarySearchFunc(k.icpcs, d, holidays.Date.Compare)
	return found
}

// activityAfter reports whether any date rule 8565 lists is after closed.
func (k *ruleRun) activityAfter(closed holidays.Date) bool {
	e := k.e
	if e.DateOfInitialCPC.After(closed) {
		return true
	}
	for i := range e.Assessments {
		a := &e.Assessments[i]
		if a.StartDate.After(closed) || a.AuthorisationDate.After(closed) {
			return true
		}
	}
	for i := range e.Section47s {
		s := &e.Section47s[i]
		if s.StartDate.After(closed) || s.DateOfInitialCPC.After(closed) {
			return true
		}
	}
	for i := range e.Plans {
		p := &e.Plans[i]
		if p.EndDate.After(closed) {
			return true
		}
	}
	for i := range e.CINPlans {
		c := &e.CINPlans[i]
		if c.StartDate.After(closed) || c.EndDate.After(closed) {
			return true
		}
	}
	return false
}

// DfERules returns the DfE validation rules the census checks, in code
// order. The slice is the caller's own.
func DfERules() []DfERule {
	return slices.Clone(dfeTable())
}

// checkDfE applies every child-level DfE rule to c, appending findings to
// out, in k's scratch space.
func checkDfE(k *ruleRun, p *period, c *Child, out []Finding) []Finding {
	k.p, k.child, k.out, k.icpcOf = p, c, out, nil
	if k.applying == nil {
		t := dfeApplying()
		k.applying = &t
	}
	for i := range c.Episodes {
		k.ep, k.e = i+1, &c.Episodes[i]
		g := groupsOf(c, k.e)
		for _, r := range k.applying[g&tableGroups] {
			if r.appliesIn(g) {
				r.check(k, r)
			}
		}
	}
	return k.out
}

// dfeRule returns the table's rule of the given code, or nil.
func dfeRule(code string) *DfERule {
	rules := dfeTable()
	for i := range rules {
		if rules[i].Code == code {
			return &rules[i]
		}
	}
	return nil
}
