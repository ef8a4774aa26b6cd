package census

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

func auditFile(t *testing.T, name string) *Report {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := Audit(f, Config{})
	if err != nil {
		t.Fatalf("Audit(%s): %v", name, err)
	}
	return rep
}

func bands(labels []string, counts ...int) []Band {
	var out []Band
	src := assessmentBands()
	if len(labels) == 4 {
		src = conferenceBands()
	}
	for i, b := range src {
		b.Count = counts[i]
		out = append(out, b)
	}
	return out
}

// TestFigures works the figures of testdata/figures-2024.xml by hand
// (collection year 2023-04-01 to 2024-03-31; durations are working days after
// the start up to and including the end).
func TestFigures(t *testing.T) {
	got := auditFile(t, "figures-2024.xml").Figures
	want := Figures{
		ReferenceDate: d(2024, 3, 31), PeriodStart: d(2023, 4, 1), Children: 8, Episodes: 9,
		// Completed in the year:
		//   FIG-A 2023-05-02 to 2023-05-02: 0 (same day)
		//   FIG-A 2023-05-02 to 2023-05-12: 3, 4, 5, 9, 10, 11, 12 May (8 May coronation) = 7
		//   FIG-B 2023-12-04 to 2024-02-09: 4 + 5 + 5 + 3 (27-29 Dec) + 4 (2-5 Jan) + 5×5 = 46
		//   FIG-D 2023-09-01 to 2023-11-03: nine full weeks = 45
		// Open: FIG-C's first. Rejected: FIG-C's second, authorised before it
		// started (DfE error 8608). Out of year: FIG-E's (authorised
		// 2023-03-30).
		Assessments: AssessmentFigures{
			Source: SourceDfEAssessments, Bound: 45,
			Completed: 4, Bands: bands(nil, 1, 1, 0, 0, 0, 1, 1, 0, 0),
			Within45: 3, PercentWithin45: Percent{3, 4}, Open: 1, OutOfYear: 1, Rejected: 1,
			// Sorted 0, 7, 45, 46 (positions 0-3): median at 1.5 = (7+45)/2 = 26;
			// lower quartile at 0.75 = 0 + 0.75×7 = 5.25; upper at 2.25 =
			// 45 + 0.25×1 = 45.25.
			Median: ptr(26.0), LowerQuartile: ptr(5.25), UpperQuartile: ptr(45.25),
		},
		// Held in the year: 3.
		//   FIG-A 2023-05-03 to 2023-05-24: 4, 5, 9-12, 15-19, 22-24 May = 14
		//   FIG-C 2023-06-06 to 2023-07-11: 3 + 5×4 + 2 = 25
		//   FIG-C's first, 2023-06-02, before its enquiry's start on
		//   2023-06-05 (DfE error 8615): in the total, not in the durations.
		// Rejected: FIG-B's, held on Saturday 2024-01-13 (DfE error 8875).
		// Untimed: FIG-D's, at CINdetails level only. Out of year: FIG-E
		// (2023-01-10) and FIG-F (2022-06-23).
		Conferences: ConferenceFigures{
			Source: SourceDfEConferences, Bound: 15,
			Held: 3, Timed: 2, Bands: bands([]string{"", "", "", ""}, 0, 1, 0, 1),
			// Sorted 14, 25: median at 0.5 = 19.5; lower at 0.25 = 14 +
			// 0.25×11 = 16.75; upper at 0.75 = 14 + 0.75×11 = 22.25.
			Within15: 1, PercentWithin15: Percent{1, 2}, Median: ptr(19.5), LowerQuartile: ptr(16.75), UpperQuartile: ptr(22.25),
			BeforeStart: 1, Untimed: 1, OutOfYear: 2, Rejected: 1,
		},
		// Open at 2024-03-31 for three months (started by 2023-12-31):
		//   FIG-A: due 2023-08-24, held 2023-08-24; due 2024-02-24, held
		//          2024-02-23; next due 2024-08-23 after the reference date: on time.
		//   FIG-C: due 2023-10-11, held 2023-10-12: late.
		//   FIG-D: due 2023-12-20, none held: late.
		// Not counted: FIG-B (started 2024-01-13), FIG-E and FIG-H (ended).
		Reviews: ReviewFigures{Source: SourceLibraryReviews, Plans: 3, OnTime: 1, PercentOnTime: Percent{1, 3}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Figures mismatch (-want +got):\n%s", diff)
	}
}

// findingLines renders findings one per line, with the date each is about.
func findingLines(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.String() + " [" + f.Date.String() + "]"
	}
	return out
}

// TestFindings lists every finding of testdata/figures-2024.xml.
func TestFindings(t *testing.T) {
	rep := auditFile(t, "figures-2024.xml")
	var got []string
	for _, c := range rep.Children {
		got = append(got, findingLines(c.Findings)...)
	}
	const (
		q8863 = ": 8863Q query: An Assessment is shown as starting when there is another Assessment ongoing."
		q8897 = ": 8897Q query: Parental or child factors at assessment information is missing from a completed assessment"
	)
	want := []string{
		// Both assessments start on 2 May, the first authorised that day:
		// each start falls on or between the other's start and end.
		`census: line 23: child "FIG-A": Assessments[1]/AssessmentActualStartDate` + q8863 + ` [2023-05-02]`,
		`census: line 27: child "FIG-A": Assessments[2]/AssessmentActualStartDate` + q8863 + ` [2023-05-02]`,
		// The file records no factors for any assessment.
		`census: line 23: child "FIG-A": Assessments[1]/FactorsIdentifiedAtAssessment` + q8897 + ` [2023-05-02]`,
		`census: line 27: child "FIG-A": Assessments[2]/FactorsIdentifiedAtAssessment` + q8897 + ` [2023-05-12]`,
		// Referral 2023-05-02 + 45 working days = 2023-07-06.
		`census: line 23: child "FIG-A": Assessments[1]/AssessmentAuthorisationDate: Assessment concluded (section 17 or 47): due 2023-07-06, met on 2023-05-02 [2023-05-02]`,
		`census: line 31: child "FIG-A": Section47[1]/DateOfInitialCPC: Initial child protection conference: due 2023-05-25, met on 2023-05-24 [2023-05-24]`,
		`census: line 38: child "FIG-A": ChildProtectionPlans[1]/Reviews/CPPreviewDate: First child protection review conference: due 2023-08-24, met on 2023-08-24 [2023-08-24]`,
		`census: line 38: child "FIG-A": ChildProtectionPlans[1]/Reviews/CPPreviewDate: Later child protection review conference: due 2024-02-24, met on 2024-02-23 [2024-02-23]`,

		`census: line 60: child "FIG-B": Section47[1]/DateOfInitialCPC: 8875 error: The Date of Initial Child Protection Conference cannot be a weekend [2024-01-13]`,
		`census: line 56: child "FIG-B": Assessments[1]/FactorsIdentifiedAtAssessment` + q8897 + ` [2024-02-09]`,
		// 2023-12-18 + 15: 19-22 (4), 27-29 (7), 2-5 Jan (11), 8-11 Jan (15).
		`census: line 60: child "FIG-B": Section47[1]/InitialCPCtarget: InitialCPCtarget 2024-01-10 is 1 working day early: 2023-12-18 plus 15 working days is 2024-01-11 [2024-01-10]`,
		// The enquiry's conclusion is assumed (the conference date), so the
		// assessment is judged on its own authorisation instead: 2023-12-01 +
		// 45 working days = 2024-02-07 (25, 26 Dec and 1 Jan off); authorised
		// Friday 9th, 2 working days late.
		`census: line 56: child "FIG-B": Assessments[1]/AssessmentAuthorisationDate: Assessment concluded (section 17 or 47): due 2024-02-07, held 2024-02-09, 2 working days late [2024-02-09]`,
		// Due Thursday 11 January, held Saturday 13th: Friday 12th is one working day late.
		`census: line 60: child "FIG-B": Section47[1]/DateOfInitialCPC: Initial child protection conference: due 2024-01-11, held 2024-01-13, 1 working day late [2024-01-13]`,

		`census: line 84: child "FIG-C": Assessments[2]/AssessmentAuthorisationDate: 8608 error: Assessment Start Date cannot be later than its End Date [2023-06-01]`,
		`census: line 88: child "FIG-C": Section47[1]/S47ActualStartDate: 8615 error: Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference [2023-06-05]`,
		// Open, started 2023-04-03: before 2024-03-31 minus 45 working days.
		`census: line 81: child "FIG-C": Assessments[1]/AssessmentActualStartDate: 8670Q query: Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date. [2023-04-03]`,
		// The second starts while the first is open (up to the reference date).
		`census: line 84: child "FIG-C": Assessments[2]/AssessmentActualStartDate` + q8863 + ` [2023-06-05]`,
		`census: line 84: child "FIG-C": Assessments[2]/FactorsIdentifiedAtAssessment` + q8897 + ` [2023-06-01]`,
		// The first assessment is never authorised: its clock, due 45
		// working days after the referral of 2023-04-03 (2023-06-12), runs
		// to the reference date, 2024-03-31, 204 working days on.
		`census: line 78: child "FIG-C": Assessments/AssessmentAuthorisationDate: Assessment concluded (section 17 or 47): due 2023-06-12, not recorded by 2024-03-31: 204 working days overdue [0000-00-00]`,
		// The pathway runs the conference clock from the first strategy
		// discussion (2023-06-05, due 2023-06-26) to the second enquiry's
		// conference on 2023-07-11: 27-30 June, 3-7 and 10-11 July = 11.
		`census: line 93: child "FIG-C": Section47[2]/DateOfInitialCPC: Initial child protection conference: due 2023-06-26, held 2023-07-11, 11 working days late [2023-07-11]`,
		// The review of the plan made on 2023-07-11 was due 2023-10-11.
		`census: line 99: child "FIG-C": ChildProtectionPlans[1]/Reviews/CPPreviewDate: First child protection review conference: due 2023-10-11, held 2023-10-12, 1 working day late [2023-10-12]`,

		`census: line 117: child "FIG-D": Assessments[1]/FactorsIdentifiedAtAssessment` + q8897 + ` [2023-11-03]`,
		// 2023-09-01 + 45 working days = 2023-11-03: met on the last day.
		`census: line 117: child "FIG-D": Assessments[1]/AssessmentAuthorisationDate: Assessment concluded (section 17 or 47): due 2023-11-03, met on 2023-11-03 [2023-11-03]`,

		`census: line 138: child "FIG-E": Assessments[1]/AssessmentAuthorisationDate: 8696 error: Assessment end date must fall within the census year [2023-03-30]`,
		`census: line 142: child "FIG-E": Section47[1]/DateOfInitialCPC: 8715 error: Date of Initial Child Protection Conference must fall within the census year [2023-01-10]`,
		// 2022-12-01 + 45 working days = 2023-02-07; authorised 2023-03-30,
		// 37 working days later.
		`census: line 138: child "FIG-E": Assessments[1]/AssessmentAuthorisationDate: Assessment concluded (section 17 or 47): due 2023-02-07, held 2023-03-30, 37 working days late [2023-03-30]`,
		// 2022-12-12 + 15 across Christmas 2022 (26, 27 Dec and 2 Jan off) = 2023-01-05.
		`census: line 142: child "FIG-E": Section47[1]/DateOfInitialCPC: Initial child protection conference: due 2023-01-05, held 2023-01-10, 3 working days late [2023-01-10]`,
		`census: line 149: child "FIG-E": ChildProtectionPlans[1]/Reviews/CPPreviewDate: First child protection review conference: due 2023-04-10, met on 2023-04-06 [2023-04-06]`,

		`census: line 164: child "FIG-F": CINclosureDate: 8620 error: CIN Closure Date present and does not fall within the Census year [2022-07-29]`,
		`census: line 169: child "FIG-F": Section47[1]/DateOfInitialCPC: 8715 error: Date of Initial Child Protection Conference must fall within the census year [2022-06-23]`,
		// The jubilee trap: 2022-06-02 + 15 = 2022-06-24 (2 and 3 June off), not the file's 23rd.
		`census: line 169: child "FIG-F": Section47[1]/InitialCPCtarget: InitialCPCtarget 2022-06-23 is 1 working day early: 2022-06-02 plus 15 working days is 2022-06-24 [2022-06-23]`,
		`census: line 169: child "FIG-F": Section47[1]/DateOfInitialCPC: Initial child protection conference: due 2022-06-24, met on 2022-06-23 [2022-06-23]`,

		`census: line 184: child "FIG-G": Section47[1]/S47ActualStartDate: 2889 error: The S47 start date cannot be before the referral date. [1970-06-02]`,
		`census: line 184: child "FIG-G": Section47[1]/S47ActualStartDate: Section47[1]/S47ActualStartDate 1970-06-02 is outside the calendar's range: no working-day question about it is answered [1970-06-02]`,

		// The plan starts on 2023-06-01 with no conference in the episode.
		`census: line 199: child "FIG-H": ChildProtectionPlans[1]/CPPstartDate: 2885 error: Child protection plan shown as starting a different day to the initial child protection conference. [2023-06-01]`,
		`census: line 216: child "FIG-H": CINPlanDates[1]/CINPlanEndDate: 4011 error: CIN Plan End Date earlier than Start Date [2024-01-15]`,
		// Closed 2024-01-12, before its referral and before the CIN plan's dates.
		`census: line 211: child "FIG-H": CINclosureDate: 8565 error: Activity shown after a case has been closed [2024-01-12]`,
		`census: line 211: child "FIG-H": CINclosureDate: 8630 error: CIN Closure Date is before CIN Referral Date for the same CIN episode [2024-01-12]`,
		// Episode 1 (referred 2023-05-15) has no closure and ReferralNFA
		// false, so it runs to the reference date: episode 2's referral on
		// 2024-01-15 falls inside it.
		`census: line 211: child "FIG-H": CINreferralDate: 8820 error: The dates on the CIN episodes for this child overlap [2024-01-15]`,
		`census: line 199: child "FIG-H": ChildProtectionPlans[1]/Reviews/CPPreviewDate[2]: ChildProtectionPlans[1]/Reviews/CPPreviewDate[2] 2023-08-28 is before the review listed before it 2023-08-31 [2023-08-28]`,
		`census: line 199: child "FIG-H": ChildProtectionPlans[1]/Reviews/CPPreviewDate[2]: ChildProtectionPlans[1]/Reviews/CPPreviewDate[2] 2023-08-28 is not a working day (Summer bank holiday) [2023-08-28]`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
}

// TestCaseMapping checks the pathway events made from FIG-B's episode and
// that each assumption is noted.
func TestCaseMapping(t *testing.T) {
	rep := auditFile(t, "figures-2024.xml")
	c := rep.Children[1].Cases[0]
	want := []pathway.Event{
		{Type: pathway.ReferralReceived, Date: d(2023, 12, 1)},
		{Type: pathway.ReferralDecision, Date: d(2023, 12, 1), Outcome: pathway.OutcomeSection17Assessment},
		{Type: pathway.AssessmentStarted, Date: d(2023, 12, 4)},
		{Type: pathway.StrategyDiscussionHeld, Date: d(2023, 12, 18), Outcome: pathway.OutcomeSection47},
		{Type: pathway.Section47Concluded, Date: d(2024, 1, 13), Outcome: pathway.OutcomeSubstantiated},
		{Type: pathway.InitialConferenceHeld, Date: d(2024, 1, 13), Outcome: pathway.OutcomePlan, Category: pathway.CategoryPhysicalAbuse},
		// Authorised on the plan: the assessment clock settles on it.
		{Type: pathway.AssessmentConcluded, Date: d(2024, 2, 9), Outcome: pathway.OutcomeStrategyDiscussion},
	}
	if diff := cmp.Diff(want, c.Case.Events()); diff != "" {
		t.Errorf("FIG-B events mismatch (-want +got):\n%s", diff)
	}
	if c.Stage != pathway.StageChildProtectionPlan || c.AsOf != d(2024, 3, 31) {
		t.Errorf("FIG-B stage %s as of %s, want child-protection-plan as of 2024-03-31", c.Stage, c.AsOf)
	}
	for _, want := range []string{
		"referral decision: the census records no decision date",
		"core group meetings are not in the census",
		"Section47[1]/DateOfInitialCPC 2024-01-13: the census records no section 47 conclusion date; taken as the date of the initial conference",
	} {
		if !containsPrefix(c.Notes, want) {
			t.Errorf("FIG-B notes lack %q; have:\n%s", want, c.Notes)
		}
	}
}

// ignoreFinding compares findings by their public fields, the child aside.
var ignoreFinding = cmp.Options{cmpopts.IgnoreUnexported(Finding{}), cmpopts.IgnoreFields(Finding{}, "LAchildID")}

// libraryFindings returns the findings that are not the DfE's.
func libraryFindings(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Kind != DfE {
			out = append(out, f)
		}
	}
	return out
}

func containsPrefix(list []Note, prefix string) bool {
	for _, n := range list {
		if strings.HasPrefix(n.String(), prefix) {
			return true
		}
	}
	return false
}

// TestOldFileCases maps a whole 2017-18 episode: a plan that ends with the
// child's death, and an episode closed at referral.
func TestOldFileCases(t *testing.T) {
	rep := auditFile(t, "old-2018.xml")
	c := rep.Children[0].Cases[0]
	want := []pathway.Event{
		{Type: pathway.ReferralReceived, Date: d(2017, 6, 5)},
		{Type: pathway.ReferralDecision, Date: d(2017, 6, 5), Outcome: pathway.OutcomeSection17Assessment},
		{Type: pathway.AssessmentStarted, Date: d(2017, 6, 5)},
		{Type: pathway.StrategyDiscussionHeld, Date: d(2017, 6, 12), Outcome: pathway.OutcomeSection47},
		{Type: pathway.Section47Concluded, Date: d(2017, 7, 3), Outcome: pathway.OutcomeSubstantiated},
		{Type: pathway.InitialConferenceHeld, Date: d(2017, 7, 3), Outcome: pathway.OutcomePlan, Category: pathway.CategoryNeglect},
		{Type: pathway.AssessmentConcluded, Date: d(2017, 7, 31), Outcome: pathway.OutcomeStrategyDiscussion},
		{Type: pathway.ReviewConferenceHeld, Date: d(2017, 9, 28), Outcome: pathway.OutcomeContinue},
		{Type: pathway.ReviewConferenceHeld, Date: d(2018, 3, 15), Outcome: pathway.OutcomeContinue},
		// The child's death ends the plan and closes the case on the
		// pathway, so CINclosureDate adds nothing.
		{Type: pathway.ChildDied, Date: d(2018, 3, 20)},
	}
	if diff := cmp.Diff(want, c.Case.Events()); diff != "" {
		t.Errorf("OLD-1 events mismatch (-want +got):\n%s", diff)
	}
	nfa := rep.Children[0].Cases[1].Case.Events()
	if len(nfa) != 2 || nfa[1].Outcome != pathway.OutcomeNoFurtherAction {
		t.Errorf("OLD-1 second episode: %v, want a referral decided no further action", nfa)
	}
	// OLD-2: an enquiry that needed no conference, with nothing to date its
	// conclusion and no assessment: no conference verdict, and the
	// assessment (2018-01-08 + 45 working days = 2018-03-12) is overdue at
	// the reference date by 13 working days (13-16, 19-23, 26-29 March;
	// Good Friday is 30 March).
	wantOld2 := []Finding{{Kind: DeadlineMissed, Episode: 1, Element: "Assessments/AssessmentAuthorisationDate", Line: 100,
		Other: "anchor", OtherDate: d(2018, 1, 8), Rule: timescales.Assessment, Due: d(2018, 3, 12), Workdays: 13}}
	if diff := cmp.Diff(wantOld2, libraryFindings(rep.Children[1].Findings), ignoreFinding); diff != "" {
		t.Errorf("OLD-2 findings mismatch (-want +got):\n%s", diff)
	}
	if !containsPrefix(rep.Children[1].Cases[0].Notes, "Section47[1]: no conference was required, but the census records nothing to date") {
		t.Errorf("OLD-2 notes: %q", rep.Children[1].Cases[0].Notes)
	}
}

func TestReviewsOnTime(t *testing.T) {
	ref := d(2024, 3, 31)
	for _, tc := range []struct {
		name    string
		start   holidays.Date
		reviews []holidays.Date
		want    bool
	}{
		{"first due after the reference date", d(2024, 1, 2), nil, true},
		{"first due on the reference date, not held", d(2023, 12, 31), nil, false},
		{"first held on its due date", d(2023, 12, 31), []holidays.Date{d(2024, 3, 31)}, true},
		{"30 November plus three months is 29 February", d(2023, 11, 30), []holidays.Date{d(2024, 2, 29)}, true},
		{"a day late", d(2023, 11, 30), []holidays.Date{d(2024, 3, 1)}, false},
		{"second due 31 August + 6 = 29 February", d(2023, 5, 31), []holidays.Date{d(2023, 8, 31), d(2024, 2, 29)}, true},
		{"second late", d(2023, 5, 31), []holidays.Date{d(2023, 8, 31), d(2024, 3, 1)}, false},
		{"reviews in any order", d(2023, 5, 31), []holidays.Date{d(2024, 2, 29), d(2023, 8, 31)}, true},
		{"a review brought forward moves the next", d(2023, 5, 31), []holidays.Date{d(2023, 6, 30), d(2023, 12, 29), d(2024, 3, 30)}, true},
		{"six months from a review brought forward", d(2023, 5, 31), []holidays.Date{d(2023, 6, 30), d(2023, 12, 31)}, false},
		{"a review after the reference date does not count", d(2023, 5, 31), []holidays.Date{d(2023, 8, 31), d(2024, 4, 2)}, false},
		// DfE error 8841: a review on the start day is never the first review;
		// the first, due 2024-02-29, was not held.
		{"a review on the plan's start day is not a review", d(2023, 11, 30), []holidays.Date{d(2023, 11, 30)}, false},
	} {
		got := reviewsOnTime(&ProtectionPlan{StartDate: tc.start, Reviews: tc.reviews}, ref, figureBounds(timescales.National(), ref))
		if got != tc.want {
			t.Errorf("%s: reviewsOnTime = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestQuantiles works each median and quartile by hand: the p-quantile of n
// sorted values is at position (n-1)·p, interpolated between neighbours.
func TestQuantiles(t *testing.T) {
	for _, tc := range []struct {
		values               []int
		median, lower, upper *float64
	}{
		// Nothing to measure: no median, never 0 working days.
		{nil, nil, nil, nil},
		{[]int{7}, ptr(7.0), ptr(7.0), ptr(7.0)},
		// positions 0.5, 0.25, 0.75 between 3 and 9
		{[]int{9, 3}, ptr(6.0), ptr(4.5), ptr(7.5)},
		{[]int{3, 4}, ptr(3.5), ptr(3.25), ptr(3.75)},
		// 1 1 10 20: median at 1.5 = (1+10)/2; lower at 0.75 = 1; upper at 2.25 = 10 + 0.25×10
		{[]int{1, 10, 1, 20}, ptr(5.5), ptr(1.0), ptr(12.5)},
		// 1 1 1 10: median at 1.5 = 1; upper at 2.25 = 1 + 0.25×9
		{[]int{1, 1, 1, 10}, ptr(1.0), ptr(1.0), ptr(3.25)},
		// 0 5 10 15 20: positions 2, 1, 3 exactly
		{[]int{20, 0, 15, 5, 10}, ptr(10.0), ptr(5.0), ptr(15.0)},
	} {
		var h hist
		for _, v := range tc.values {
			h.add(v)
		}
		var got, want [3]*float64
		got[0], got[1], got[2] = h.quartiles()
		want = [3]*float64{tc.median, tc.lower, tc.upper}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("quartiles(%v) (-want +got):\n%s", tc.values, diff)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestNoReferenceDate: figures count every date and say so.
func TestNoReferenceDate(t *testing.T) {
	doc := `<Message><Children><Child><ChildIdentifiers><LAchildID>N</LAchildID></ChildIdentifiers><CINdetails>
<CINreferralDate>2024-01-02</CINreferralDate><Assessments><AssessmentActualStartDate>2024-01-02</AssessmentActualStartDate>
<AssessmentAuthorisationDate>2024-01-03</AssessmentAuthorisationDate></Assessments></CINdetails></Child></Children></Message>`
	rep, err := Audit(strings.NewReader(doc), Config{})
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Figures
	if f.Assessments.Completed != 1 || f.Assessments.Bands[1].Count != 1 || len(f.Notes) != 1 {
		t.Errorf("figures without a reference date: %+v", f)
	}
	if c := rep.Children[0].Cases[0]; c.AsOf != d(2024, 1, 3) {
		t.Errorf("as-of date without a reference date = %s, want the last event, 2024-01-03", c.AsOf)
	}
}

// TestMissedReview: a plan that ends with its first review overdue. The
// conference on Tuesday 2 May 2023 made the plan; the first review was due
// three months later, Wednesday 2 August; the plan ended on Friday 1
// September without one: 21 working days after the due date (3-4, 7-11,
// 14-18, 21-25 August, 29 August-1 September; 28 August is the summer bank
// holiday).
func TestMissedReview(t *testing.T) {
	doc := `<Message><Header><CollectionDetails><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>MISS</LAchildID></ChildIdentifiers>
<CINdetails><CINreferralDate>2023-04-17</CINreferralDate>
<Section47><S47ActualStartDate>2023-04-18</S47ActualStartDate><DateOfInitialCPC>2023-05-02</DateOfInitialCPC><ICPCnotRequired>0</ICPCnotRequired></Section47>
<ReferralNFA>0</ReferralNFA>
<ChildProtectionPlans><CPPstartDate>2023-05-02</CPPstartDate><CPPendDate>2023-09-01</CPPendDate>
<InitialCategoryOfAbuse>XYZ</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>
</CINdetails></Child></Children></Message>`
	rep, err := Audit(strings.NewReader(doc), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var got []Finding
	for _, f := range rep.Children[0].Findings {
		if f.Rule == timescales.ReviewFirst {
			got = append(got, f)
		}
	}
	want := []Finding{{Kind: DeadlineMissed, Episode: 1, Element: "ChildProtectionPlans/Reviews/CPPreviewDate", Index: 1, Line: 6,
		Date: d(2023, 9, 1), Other: "anchor", OtherDate: d(2023, 5, 2), Rule: timescales.ReviewFirst, Due: d(2023, 8, 2), Workdays: 21}}
	if diff := cmp.Diff(want, got, ignoreFinding); diff != "" {
		t.Errorf("findings mismatch (-want +got):\n%s", diff)
	}
	notes := rep.Children[0].Cases[0].Notes
	if !containsPrefix(notes, `ChildProtectionPlans[1]/InitialCategoryOfAbuse "XYZ": not a census category; taken as multiple`) {
		t.Errorf("notes: %q", notes)
	}
}

// TestFiguresBoundsFromRulebook: the figures measure against the rulebook's
// bounds, not literals. Under a local protocol of 10 working days to the
// initial conference and two months to the first review, on
// testdata/figures-2024.xml:
//   - conferences timed 14 (FIG-A) and 25 (FIG-C): none within 10;
//   - plans open at 31 March 2024 for two months (started by 31 January
//     2024) now include FIG-B's (13 January 2024, first review due 13 March,
//     none held); FIG-A's first review, due 24 July 2023, was held on 24
//     August: late; FIG-C's and FIG-D's were late already. None on time.
func TestFiguresBoundsFromRulebook(t *testing.T) {
	local := func(id timescales.RuleID, b timescales.Bound) timescales.Rule {
		r, err := timescales.National().Rule(id, d(2024, 3, 31))
		if err != nil {
			t.Fatal(err)
		}
		r.Bound, r.Citation = b, timescales.Citation{Edition: "Anytown protocol 2024", Paragraph: "1"}
		return r
	}
	book, err := timescales.National().WithLocal(
		local(timescales.ICPC, timescales.Bound{N: 10, Unit: timescales.WorkingDays}),
		local(timescales.ReviewFirst, timescales.Bound{N: 2, Unit: timescales.CalendarMonths}))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/figures-2024.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := Audit(f, Config{Rules: book})
	if err != nil {
		t.Fatal(err)
	}
	c, r := rep.Figures.Conferences, rep.Figures.Reviews
	if c.Bound != 10 || c.Within15 != 0 || c.Timed != 2 || rep.Figures.Assessments.Bound != 45 {
		t.Errorf("conferences: %+v", c)
	}
	if r.Plans != 4 || r.OnTime != 0 {
		t.Errorf("reviews: %+v", r)
	}
}

// TestBirthDateNoteKept: a birth date outside the calendar is noted before
// the mapping runs, and the note survives it (an earlier version of the
// scratch-space change started the notes afresh and lost it).
func TestBirthDateNoteKept(t *testing.T) {
	doc := `<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2024</Year><ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header>
<Children><Child><ChildIdentifiers><LAchildID>OLD</LAchildID><PersonBirthDate>1966-03-24</PersonBirthDate></ChildIdentifiers><CINdetails>
<CINreferralDate>2024-01-02</CINreferralDate><ReferralNFA>1</ReferralNFA></CINdetails></Child></Children></Message>`
	rep, err := Audit(strings.NewReader(doc), Config{})
	if err != nil {
		t.Fatal(err)
	}
	notes := rep.Children[0].Cases[0].Notes
	if !containsPrefix(notes, "PersonBirthDate 1966-03-24 is outside the calendar: the plan-ends-at-18 timescale is not judged") {
		t.Errorf("notes lack the birth date's: %s", notes)
	}
}

// TestNoteJSON: a note is written to JSON as its words, and reads back to
// the same words.
func TestNoteJSON(t *testing.T) {
	rep := auditFile(t, "figures-2024.xml")
	seen := 0
	for _, c := range rep.Children {
		for _, cs := range c.Cases {
			for _, n := range cs.Notes {
				b, err := json.Marshal(n)
				if err != nil {
					t.Fatal(err)
				}
				var s string
				if err := json.Unmarshal(b, &s); err != nil || s != n.String() {
					t.Errorf("note %q written as %s", n, b)
				}
				var back Note
				if err := json.Unmarshal(b, &back); err != nil || back.String() != n.String() {
					t.Errorf("note %q read back as %q (%v)", n, back, err)
				}
				seen++
			}
		}
	}
	if seen == 0 {
		t.Fatal("no notes in figures-2024.xml")
	}
}

// TestRefusalNote: an event the pathway refuses is noted with the
// pathway's own message, the same in words and in JSON, written only when
// the note is: a section 47 enquiry started after the episode closed.
func TestRefusalNote(t *testing.T) {
	c := Child{LAchildID: "R1", Line: 1, Episodes: []Episode{{ReferralDate: d(2023, 5, 2), ClosureDate: d(2023, 5, 10), Line: 2,
		Section47s: []Section47{{StartDate: d(2023, 6, 1), Line: 3}}}}}
	rep := NewAuditor(Header{ReferenceDate: d(2024, 3, 31)}, Config{}).Audit(c)
	var refusal *Note
	for i, n := range rep.Cases[0].Notes {
		if n.err != nil {
			refusal = &rep.Cases[0].Notes[i]
		}
	}
	if refusal == nil {
		t.Fatalf("no refusal noted: %q", rep.Cases[0].Notes)
	}
	var te *pathway.TransitionError
	if !errors.As(refusal.err, &te) {
		t.Fatalf("refusal %v is not a *pathway.TransitionError", refusal.err)
	}
	want := "Section47[1]/S47ActualStartDate 2023-06-01: not placed on the pathway: " + te.Error()
	if got := refusal.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	b, err := json.Marshal(refusal)
	if err != nil {
		t.Fatal(err)
	}
	if wantJSON, _ := json.Marshal(want); string(b) != string(wantJSON) {
		t.Errorf("JSON = %s, want %s", b, wantJSON)
	}
}
