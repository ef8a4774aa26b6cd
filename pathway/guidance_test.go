package pathway

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

func d(y int, m time.Month, day int) holidays.Date { return holidays.Date{Year: y, Month: m, Day: day} }

// row is what a test expects of a clock: the parts a practitioner reads.
type row struct {
	Rule    timescales.RuleID
	Status  Status
	Anchor  holidays.Date
	Due     holidays.Date
	Done    holidays.Date
	Left    int
	Late    int
	Elapsed int
	Reason  string
}

func rows(cs []Clock) []row {
	out := make([]row, len(cs))
	for i, c := range cs {
		out[i] = row{c.Rule.ID, c.Status, c.Anchor, c.Due, c.Done, c.WorkdaysLeft, c.Late, c.Elapsed, c.Reason}
	}
	return out
}

// build applies events to a new case, failing the test on any error.
func build(t *testing.T, id string, birth holidays.Date, events ...Event) *Case {
	t.Helper()
	c, err := New(id, WithBirthDate(birth))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if err := c.Apply(e); err != nil {
			t.Fatalf("Apply(%+v): %v", e, err)
		}
	}
	return c
}

func checkClocks(t *testing.T, c *Case, asOf holidays.Date, wantStage Stage, want []row) {
	t.Helper()
	if got := c.StageAt(asOf); got != wantStage {
		t.Errorf("StageAt(%s) = %s, want %s", asOf, got, wantStage)
	}
	got, err := c.Deadlines(asOf)
	if err != nil {
		t.Fatalf("Deadlines(%s): %v", asOf, err)
	}
	if diff := cmp.Diff(want, rows(got)); diff != "" {
		t.Errorf("Deadlines(%s) mismatch (-want +got):\n%s", asOf, diff)
	}
	for _, k := range got {
		if k.Status != NotStarted && (k.Rule.Citation.Edition == "" || k.Edition == 0) {
			t.Errorf("clock %s has no citation or edition", k.Rule.ID)
		}
	}
}

// Paras 150 and 153: a referral on Thursday 28 March 2024 must be decided
// within one working day. Good Friday (29 March) and Easter Monday (1 April)
// are not working days, so the decision is due Tuesday 2 April; made that
// day, it is met on its last day. The child is stepped down to early help,
// which later ends and closes the case.
func TestGuidanceReferralSteppedDownToEarlyHelp(t *testing.T) {
	c := build(t, "step-down", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 3, 28)},
		Event{Type: ReferralDecision, Date: d(2024, 4, 2), Outcome: OutcomeEarlyHelp},
		Event{Type: EarlyHelpEnded, Date: d(2024, 7, 19)},
	)
	// On Saturday 30 March the decision is open with 1 working day left
	// (Tuesday 2 April is the first working day after the Saturday).
	checkClocks(t, c, d(2024, 3, 30), StageReferred, []row{
		{Rule: timescales.ReferralDecision, Status: Open, Anchor: d(2024, 3, 28), Due: d(2024, 4, 2), Left: 1},
	})
	checkClocks(t, c, d(2024, 4, 2), StageEarlyHelp, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 3, 28), Due: d(2024, 4, 2), Done: d(2024, 4, 2)},
	})
	if got := c.Stage(); got != StageClosed {
		t.Errorf("Stage() = %s, want closed", got)
	}
}

// Paras 153 and 155: referral Monday 2 September 2024. 45 working days on
// (no bank holidays between September and November 2024): September gives 20
// (3-6, 9-13, 16-20, 23-27, 30), October 23, so 31 October is day 43, Friday
// 1 November day 44 and Monday 4 November day 45, the due date. Concluded on
// Wednesday 6 November, the assessment is 2 working days late, and the lead
// practitioner recorded why (para 155).
func TestGuidanceAssessmentLateWithReason(t *testing.T) {
	const reason = "paediatric assessment delayed; agreed with the family"
	c := build(t, "late-s17", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 9, 2)},
		Event{Type: ReferralDecision, Date: d(2024, 9, 3), Outcome: OutcomeSection17Assessment},
		Event{Type: ChildSeen, Date: d(2024, 9, 3)},
		Event{Type: AssessmentStarted, Date: d(2024, 9, 4)},
		Event{Type: AssessmentConcluded, Date: d(2024, 11, 6), Outcome: OutcomeChildInNeedPlan, Reason: reason},
	)
	// On Friday 1 November, one working day is left.
	checkClocks(t, c, d(2024, 11, 1), StageAssessment, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 9, 2), Due: d(2024, 9, 3), Done: d(2024, 9, 3)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 9, 3), Done: d(2024, 9, 3)},
		{Rule: timescales.Assessment, Status: Open, Anchor: d(2024, 9, 2), Due: d(2024, 11, 4), Left: 1},
	})
	// On Tuesday 5 November it is overdue by one working day.
	checkClocks(t, c, d(2024, 11, 5), StageAssessment, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 9, 2), Due: d(2024, 9, 3), Done: d(2024, 9, 3)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 9, 3), Done: d(2024, 9, 3)},
		{Rule: timescales.Assessment, Status: Overdue, Anchor: d(2024, 9, 2), Due: d(2024, 11, 4), Late: 1},
	})
	late, err := c.Late(d(2024, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	want := []row{{Rule: timescales.Assessment, Status: Late, Anchor: d(2024, 9, 2), Due: d(2024, 11, 4), Done: d(2024, 11, 6), Late: 2, Reason: reason}}
	if diff := cmp.Diff(want, rows(late)); diff != "" {
		t.Errorf("Late mismatch (-want +got):\n%s", diff)
	}
	if got := c.Stage(); got != StageChildInNeed {
		t.Errorf("Stage() = %s, want child-in-need", got)
	}
}

// The whole route. Referral Monday 8 January 2024, decided on Tuesday 9 (due
// that day). Counting working days from 8 January: 12 Jan is day 4, 19 Jan
// 9, 26 Jan 14, 2 Feb 19, 9 Feb 24, 16 Feb 29, so Monday 19 February is day
// 30 of the assessment: a strategy discussion then initiates section 47
// enquiries ("during the assessment process"). The conference is due 15
// working days after 19 February: 23 Feb is 4, 1 Mar 9, 8 Mar 14, Monday 11
// March 15; the assessment's 45th working day is the same Monday. Enquiries
// conclude on Thursday 7 March (substantiated); the conference on Friday 8
// March makes a plan (neglect). The core group is due 10 working days later,
// Friday 22 March, and meets on Wednesday 20. The first review is due three
// months after 8 March, Saturday 8 June, and is held on Tuesday 4 June; the
// next is due six months from the review held, Wednesday 4 December, about
// nine months from the conference, and is held on Tuesday 3 December, ending
// the plan. The case closes on Friday 13 December.
func TestGuidanceFullRoute(t *testing.T) {
	c := build(t, "full", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 1, 8)},
		Event{Type: ReferralDecision, Date: d(2024, 1, 9), Outcome: OutcomeSection17Assessment},
		Event{Type: ChildSeen, Date: d(2024, 1, 9)},
		Event{Type: AssessmentStarted, Date: d(2024, 1, 10)},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 2, 19), Outcome: OutcomeSection47},
		Event{Type: AssessmentConcluded, Date: d(2024, 3, 7), Outcome: OutcomeStrategyDiscussion},
		Event{Type: Section47Concluded, Date: d(2024, 3, 7), Outcome: OutcomeSubstantiated},
		Event{Type: InitialConferenceHeld, Date: d(2024, 3, 8), Outcome: OutcomePlan, Category: CategoryNeglect},
		Event{Type: CoreGroupMet, Date: d(2024, 3, 20)},
		Event{Type: ReviewConferenceHeld, Date: d(2024, 6, 4), Outcome: OutcomeContinue},
		Event{Type: CoreGroupMet, Date: d(2024, 7, 2)},
		Event{Type: ReviewConferenceHeld, Date: d(2024, 12, 3), Outcome: OutcomeEnd},
		Event{Type: CaseClosed, Date: d(2024, 12, 13)},
	)
	decision := row{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 1, 8), Due: d(2024, 1, 9), Done: d(2024, 1, 9)}
	// Para 153: the child is seen the day the decision to assess is made.
	seen := row{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 1, 9), Done: d(2024, 1, 9)}
	// Friday 1 March: Monday 4 to Friday 8 are 5 working days, Monday 11 the 6th.
	checkClocks(t, c, d(2024, 3, 1), StageSection47, []row{
		decision, seen,
		{Rule: timescales.Assessment, Status: Open, Anchor: d(2024, 1, 8), Due: d(2024, 3, 11), Left: 6},
		{Rule: timescales.ICPC, Status: Open, Anchor: d(2024, 2, 19), Due: d(2024, 3, 11), Left: 6},
		{Rule: timescales.CoreGroupFirst, Status: NotStarted},
		{Rule: timescales.ReviewFirst, Status: NotStarted},
	})
	assessment := row{Rule: timescales.Assessment, Status: Met, Anchor: d(2024, 1, 8), Due: d(2024, 3, 11), Done: d(2024, 3, 7)}
	icpc := row{Rule: timescales.ICPC, Status: Met, Anchor: d(2024, 2, 19), Due: d(2024, 3, 11), Done: d(2024, 3, 8)}
	core := row{Rule: timescales.CoreGroupFirst, Status: Met, Anchor: d(2024, 3, 8), Due: d(2024, 3, 22), Done: d(2024, 3, 20)}
	// Monday 3 June: the first review is due on Saturday 8 June; Tuesday 4
	// to Friday 7 are 4 working days, and the Saturday adds none.
	checkClocks(t, c, d(2024, 6, 3), StageChildProtectionPlan, []row{
		decision, seen, assessment, icpc, core,
		{Rule: timescales.ReviewFirst, Status: Open, Anchor: d(2024, 3, 8), Due: d(2024, 6, 8), Left: 4},
		{Rule: timescales.ReviewNext, Status: NotStarted},
	})
	checkClocks(t, c, d(2024, 12, 31), StageClosed, []row{
		decision, seen, assessment, icpc, core,
		{Rule: timescales.ReviewFirst, Status: Met, Anchor: d(2024, 3, 8), Due: d(2024, 6, 8), Done: d(2024, 6, 4)},
		{Rule: timescales.ReviewNext, Status: Met, Anchor: d(2024, 6, 4), Due: d(2024, 12, 4), Done: d(2024, 12, 3)},
	})
}

// Strategy discussion: "more than one discussion may be necessary", and the
// conference is due "within 15 working days of ... the strategy discussion at
// which section 47 enquiries were initiated if more than one has been held".
// Referral Monday 3 June 2024, decided Tuesday 4 June: strategy discussion.
// The first (Wednesday 5 June) does not initiate enquiries; the second
// (Monday 17 June) does; a third (Monday 24 June) leaves the clock alone. 15
// working days from 17 June: 21 Jun is 4, 28 Jun 9, 5 Jul 14, Monday 8 July
// 15. The conference on Wednesday 10 July is 2 working days late. The
// assessment (45 working days from 3 June: 5 Jul is day 24, 2 Aug 44, Monday
// 5 August 45) is authorised during the enquiry, on Friday 5 July, the day
// the enquiry concludes.
func TestGuidanceTwoStrategyDiscussions(t *testing.T) {
	const reason = "chair unavailable"
	c := build(t, "two-strategy", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 6, 3)},
		Event{Type: ReferralDecision, Date: d(2024, 6, 4), Outcome: OutcomeStrategyDiscussion},
		Event{Type: ChildSeen, Date: d(2024, 6, 4)},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 6, 5), Outcome: OutcomeNoSection47},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 6, 17), Outcome: OutcomeSection47},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 6, 24), Outcome: OutcomeSection47},
		Event{Type: AssessmentConcluded, Date: d(2024, 7, 5), Outcome: OutcomeStrategyDiscussion},
		Event{Type: Section47Concluded, Date: d(2024, 7, 5), Outcome: OutcomeSubstantiated},
		Event{Type: InitialConferenceHeld, Date: d(2024, 7, 10), Outcome: OutcomePlan, Category: CategoryPhysicalAbuse, Reason: reason},
	)
	checkClocks(t, c, d(2024, 7, 10), StageChildProtectionPlan, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 6, 3), Due: d(2024, 6, 4), Done: d(2024, 6, 4)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 6, 4), Done: d(2024, 6, 4)},
		{Rule: timescales.Assessment, Status: Met, Anchor: d(2024, 6, 3), Due: d(2024, 8, 5), Done: d(2024, 7, 5)},
		{Rule: timescales.ICPC, Status: Late, Anchor: d(2024, 6, 17), Due: d(2024, 7, 8), Done: d(2024, 7, 10), Late: 2, Reason: reason},
		// 10 working days from Wednesday 10 July: Wednesday 24 July.
		{Rule: timescales.CoreGroupFirst, Status: Open, Anchor: d(2024, 7, 10), Due: d(2024, 7, 24), Left: 10},
		// Three months: Thursday 10 October. From 10 July: 31 Jul is 15,
		// 23 Aug 32, 30 Aug 36 (26 August off), 30 Sep 57, 10 Oct 65.
		{Rule: timescales.ReviewFirst, Status: Open, Anchor: d(2024, 7, 10), Due: d(2024, 10, 10), Left: 65},
		{Rule: timescales.ReviewNext, Status: NotStarted},
	})
}

// Discontinuing the plan: a child on another area's plan moves in; "the
// receiving local authority should convene a child protection conference
// within 15 working days of being notified of the move". Notified Monday 16
// December 2024: 20 Dec is day 4, 23-24 Dec 6, Christmas and Boxing Day off,
// 27 Dec 7, 30-31 Dec 9, New Year's Day off, 2-3 Jan 11, Thursday 9 January
// 2025 15. The conference on Wednesday 8 January keeps the plan; its first
// core group is due 10 working days later, Wednesday 22 January, and on
// Thursday 23 January it is overdue by one working day.
func TestGuidanceTransferIn(t *testing.T) {
	c := build(t, "transfer-in", holidays.Date{},
		Event{Type: TransferInNotified, Date: d(2024, 12, 16)},
		Event{Type: TransferInConferenceHeld, Date: d(2025, 1, 8), Outcome: OutcomePlan, Category: CategoryEmotionalAbuse},
	)
	checkClocks(t, c, d(2024, 12, 20), StageTransferIn, []row{
		{Rule: timescales.TransferInConference, Status: Open, Anchor: d(2024, 12, 16), Due: d(2025, 1, 9), Left: 11},
		{Rule: timescales.CoreGroupFirst, Status: NotStarted},
		{Rule: timescales.ReviewFirst, Status: NotStarted},
	})
	checkClocks(t, c, d(2025, 1, 23), StageChildProtectionPlan, []row{
		{Rule: timescales.TransferInConference, Status: Met, Anchor: d(2024, 12, 16), Due: d(2025, 1, 9), Done: d(2025, 1, 8)},
		{Rule: timescales.CoreGroupFirst, Status: Overdue, Anchor: d(2025, 1, 8), Due: d(2025, 1, 22), Late: 1},
		// From 23 January: 31 Jan is 6, 28 Feb 26, 31 Mar 47, Tuesday 8 April 53.
		{Rule: timescales.ReviewFirst, Status: Open, Anchor: d(2025, 1, 8), Due: d(2025, 4, 8), Left: 53},
		{Rule: timescales.ReviewNext, Status: NotStarted},
	})
}

// Discontinuing the plan at 18: "the local authority should have a review
// around the child's birthday, and this should be planned in advance". Born
// 20 April 2007, the child is 18 on Sunday 20 April 2025 (Easter Day; Good
// Friday is 18 April and Easter Monday 21 April). The plan was made on Friday
// 17 January 2025 at a transfer-in conference (due Monday 27 January: 10 Jan
// is day 4, 17 Jan 9, 24 Jan 14, 27 Jan 15). Ended on Thursday 17 April,
// before the birthday, it is in time; the first review, due three months
// after the conference on that same 17 April, is stopped on its due date and
// so no longer listed. Had the plan run on, on Tuesday 22 April it would be
// one working day overdue (Easter Monday is not a working day).
func TestGuidancePlanEndsAt18(t *testing.T) {
	birth := d(2007, 4, 20)
	events := []Event{
		{Type: TransferInNotified, Date: d(2025, 1, 6)},
		{Type: TransferInConferenceHeld, Date: d(2025, 1, 17), Outcome: OutcomePlan, Category: CategoryNeglect},
		{Type: CoreGroupMet, Date: d(2025, 1, 24)},
	}
	running := build(t, "eighteen", birth, events...)
	move := row{Rule: timescales.TransferInConference, Status: Met, Anchor: d(2025, 1, 6), Due: d(2025, 1, 27), Done: d(2025, 1, 17)}
	core := row{Rule: timescales.CoreGroupFirst, Status: Met, Anchor: d(2025, 1, 17), Due: d(2025, 1, 31), Done: d(2025, 1, 24)}
	checkClocks(t, running, d(2025, 4, 22), StageChildProtectionPlan, []row{
		move, core,
		{Rule: timescales.ReviewFirst, Status: Overdue, Anchor: d(2025, 1, 17), Due: d(2025, 4, 17), Late: 1},
		{Rule: timescales.PlanEndsAt18, Status: Overdue, Anchor: birth, Due: d(2025, 4, 20), Late: 1},
		{Rule: timescales.ReviewNext, Status: NotStarted},
	})
	ended := build(t, "eighteen", birth, append(events, Event{Type: PlanEnded, Date: d(2025, 4, 17), Outcome: OutcomeReached18})...)
	checkClocks(t, ended, d(2025, 4, 22), StageClosed, []row{
		move, core,
		{Rule: timescales.PlanEndsAt18, Status: Met, Anchor: birth, Due: d(2025, 4, 20), Done: d(2025, 4, 17)},
	})
}

// Para 154 and "Immediate protection": a referral on Friday 5 July 2024 is
// decided the same day to need immediate protection; an emergency protection
// order is obtained that day, and a strategy discussion follows on Monday 8
// July ("as soon as possible after action has been taken"), initiating
// section 47 enquiries. As-soon-as-possible rules have no verdict: they report
// the working days taken (0 and 1). The conference is due 15 working days
// after 8 July: 12 Jul is 4, 19 Jul 9, 26 Jul 14, Monday 29 July 15. The
// assessment's 45 working days from 5 July skip the summer bank holiday
// (26 August): 2 Aug is day 20, 23 Aug 35, 30 Aug 39, 6 Sep 44, Monday 9
// September 45.
func TestGuidanceImmediateProtectionAtReferral(t *testing.T) {
	c := build(t, "immediate", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 7, 5)},
		Event{Type: ReferralDecision, Date: d(2024, 7, 5), Outcome: OutcomeImmediateProtection},
		Event{Type: ChildSeen, Date: d(2024, 7, 5)},
		Event{Type: ImmediateProtectionTaken, Date: d(2024, 7, 5), Outcome: OutcomeSingleAgency},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 7, 8), Outcome: OutcomeSection47},
	)
	checkClocks(t, c, d(2024, 7, 8), StageSection47, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 7, 5), Due: d(2024, 7, 8), Done: d(2024, 7, 5)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 7, 5), Done: d(2024, 7, 5)},
		{Rule: timescales.Assessment, Status: Open, Anchor: d(2024, 7, 5), Due: d(2024, 9, 9), Left: 44},
		{Rule: timescales.ImmediateProtection, Status: Done, Anchor: d(2024, 7, 5), Done: d(2024, 7, 5)},
		{Rule: timescales.StrategyAfterEmergency, Status: Done, Anchor: d(2024, 7, 5), Done: d(2024, 7, 8), Elapsed: 1},
		{Rule: timescales.ICPC, Status: Open, Anchor: d(2024, 7, 8), Due: d(2024, 7, 29), Left: 15},
		{Rule: timescales.CoreGroupFirst, Status: NotStarted},
		{Rule: timescales.ReviewFirst, Status: NotStarted},
	})
}

// Review conferences: the first "within three months of the initial
// conference", then "at intervals of no more than six months", each from the
// review held, so a review brought forward brings the next forward too. The
// plan is made at a transfer-in conference on Friday 8 March 2024 (notified
// Monday 26 February; 15 working days: 1 Mar is 4, 8 Mar 9, 15 Mar 14,
// Monday 18 March 15). The first review, due Saturday 8 June, is held early
// on Tuesday 7 May (after the early May bank holiday); the next is then due
// Thursday 7 November, but is brought forward to Tuesday 15 October, so the
// one after is due Tuesday 15 April 2025. On Thursday 1 May 2025 it is 10
// working days overdue (16-17 April, then Good Friday and Easter Monday
// off, 22-25 April, 28-30 April, 1 May). The child leaves the United Kingdom
// on Friday 2 May: the plan ends with that review missed by 11.
func TestGuidanceReviewBroughtForward(t *testing.T) {
	c := build(t, "reviews", holidays.Date{},
		Event{Type: TransferInNotified, Date: d(2024, 2, 26)},
		Event{Type: TransferInConferenceHeld, Date: d(2024, 3, 8), Outcome: OutcomePlan, Category: CategoryNeglect},
		Event{Type: CoreGroupMet, Date: d(2024, 3, 14)},
		Event{Type: ReviewConferenceHeld, Date: d(2024, 5, 7), Outcome: OutcomeContinue},
		Event{Type: ReviewConferenceHeld, Date: d(2024, 10, 15), Outcome: OutcomeContinue},
		Event{Type: PlanEnded, Date: d(2025, 5, 2), Outcome: OutcomeLeftUK},
	)
	move := row{Rule: timescales.TransferInConference, Status: Met, Anchor: d(2024, 2, 26), Due: d(2024, 3, 18), Done: d(2024, 3, 8)}
	core := row{Rule: timescales.CoreGroupFirst, Status: Met, Anchor: d(2024, 3, 8), Due: d(2024, 3, 22), Done: d(2024, 3, 14)}
	first := row{Rule: timescales.ReviewFirst, Status: Met, Anchor: d(2024, 3, 8), Due: d(2024, 6, 8), Done: d(2024, 5, 7)}
	second := row{Rule: timescales.ReviewNext, Status: Met, Anchor: d(2024, 5, 7), Due: d(2024, 11, 7), Done: d(2024, 10, 15)}
	checkClocks(t, c, d(2025, 5, 1), StageChildProtectionPlan, []row{
		move, core, first, second,
		{Rule: timescales.ReviewNext, Status: Overdue, Anchor: d(2024, 10, 15), Due: d(2025, 4, 15), Late: 10},
	})
	checkClocks(t, c, d(2025, 5, 2), StageClosed, []row{
		move, core, first, second,
		{Rule: timescales.ReviewNext, Status: Missed, Anchor: d(2024, 10, 15), Due: d(2025, 4, 15), Done: d(2025, 5, 2), Late: 11},
	})
}

// "A strategy discussion can take place ... when new information is received
// on an already open case", and a new referral on an open case starts its own
// clocks beside the old ones. The child on a child in need plan since
// Wednesday 6 November 2024 (after the late assessment above) is referred
// again on Monday 13 January 2025; the decision on Tuesday 14 is a new
// assessment, due 45 working days from the new referral: 17 Jan is day 4,
// 14 Feb 24, 14 Mar 44, Monday 17 March 45. The old assessment's verdict
// stands.
func TestGuidanceNewReferralOnOpenCase(t *testing.T) {
	const reason = "paediatric assessment delayed"
	c := build(t, "again", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 9, 2)},
		Event{Type: ReferralDecision, Date: d(2024, 9, 3), Outcome: OutcomeSection17Assessment},
		Event{Type: ChildSeen, Date: d(2024, 9, 3)},
		Event{Type: AssessmentStarted, Date: d(2024, 9, 4)},
		Event{Type: AssessmentConcluded, Date: d(2024, 11, 6), Outcome: OutcomeChildInNeedPlan, Reason: reason},
		Event{Type: ChildInNeedPlanReviewed, Date: d(2024, 12, 4)},
		Event{Type: ReferralReceived, Date: d(2025, 1, 13)},
		Event{Type: ReferralDecision, Date: d(2025, 1, 14), Outcome: OutcomeSection17Assessment},
		Event{Type: ChildSeen, Date: d(2025, 1, 14)},
	)
	checkClocks(t, c, d(2025, 1, 14), StageAwaitingAssessment, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 9, 2), Due: d(2024, 9, 3), Done: d(2024, 9, 3)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 9, 3), Done: d(2024, 9, 3)},
		{Rule: timescales.Assessment, Status: Late, Anchor: d(2024, 9, 2), Due: d(2024, 11, 4), Done: d(2024, 11, 6), Late: 2, Reason: reason},
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2025, 1, 13), Due: d(2025, 1, 14), Done: d(2025, 1, 14)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2025, 1, 14), Done: d(2025, 1, 14)},
		{Rule: timescales.Assessment, Status: Open, Anchor: d(2025, 1, 13), Due: d(2025, 3, 17), Left: 44},
	})
}

// "Where concerns of significant harm are not substantiated" no conference is
// held, so its clock is withdrawn, not missed, however long the enquiry took.
// Strategy discussion Wednesday 10 January 2024 (conference would be due 15
// working days later, Wednesday 31 January); the enquiry concludes on
// Monday 12 February without substantiating concerns; the assessment is
// authorised the same day, inside its 45 working days from the referral on
// Monday 8 January (due Monday 11 March).
func TestGuidanceSection47NotSubstantiated(t *testing.T) {
	c := build(t, "not-substantiated", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 1, 8)},
		Event{Type: ReferralDecision, Date: d(2024, 1, 9), Outcome: OutcomeStrategyDiscussion},
		Event{Type: ChildSeen, Date: d(2024, 1, 9)},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 1, 10), Outcome: OutcomeSection47},
		Event{Type: AssessmentConcluded, Date: d(2024, 2, 12), Outcome: OutcomeNoFurtherAction},
		Event{Type: Section47Concluded, Date: d(2024, 2, 12), Outcome: OutcomeNotSubstantiated},
	)
	checkClocks(t, c, d(2024, 2, 1), StageSection47, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 1, 8), Due: d(2024, 1, 9), Done: d(2024, 1, 9)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 1, 9), Done: d(2024, 1, 9)},
		{Rule: timescales.Assessment, Status: Open, Anchor: d(2024, 1, 8), Due: d(2024, 3, 11), Left: 27},
		{Rule: timescales.ICPC, Status: Overdue, Anchor: d(2024, 1, 10), Due: d(2024, 1, 31), Late: 1},
		{Rule: timescales.CoreGroupFirst, Status: NotStarted},
		{Rule: timescales.ReviewFirst, Status: NotStarted},
	})
	checkClocks(t, c, d(2024, 2, 12), StageOpen, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 1, 8), Due: d(2024, 1, 9), Done: d(2024, 1, 9)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 1, 9), Done: d(2024, 1, 9)},
		{Rule: timescales.Assessment, Status: Met, Anchor: d(2024, 1, 8), Due: d(2024, 3, 11), Done: d(2024, 2, 12)},
	})
}

// A calendar-month due date can fall on a weekend: the transfer-in conference
// on Friday 8 March 2024 made a plan, so the first review is due within three
// months (2023 edition, "Child protection review conference"): Saturday
// 8 June 2024. On Sunday 9 June no working day has passed since, yet the due
// date has: the review is overdue by 1 working day, never by 0. A review
// held that Sunday is late by 1; one held on Monday 10 June is late by 1
// too (Monday is the first working day after the Saturday).
func TestWeekendDueDateIsLateByAtLeastOne(t *testing.T) {
	events := []Event{
		{Type: TransferInNotified, Date: d(2024, 2, 26)},
		{Type: TransferInConferenceHeld, Date: d(2024, 3, 8), Outcome: OutcomePlan, Category: CategoryNeglect},
		{Type: CoreGroupMet, Date: d(2024, 3, 14)},
	}
	move := row{Rule: timescales.TransferInConference, Status: Met, Anchor: d(2024, 2, 26), Due: d(2024, 3, 18), Done: d(2024, 3, 8)}
	core := row{Rule: timescales.CoreGroupFirst, Status: Met, Anchor: d(2024, 3, 8), Due: d(2024, 3, 22), Done: d(2024, 3, 14)}
	notStarted := row{Rule: timescales.ReviewNext, Status: NotStarted}

	c := build(t, "weekend-due", holidays.Date{}, events...)
	checkClocks(t, c, d(2024, 6, 8), StageChildProtectionPlan, []row{
		move, core, {Rule: timescales.ReviewFirst, Status: Open, Anchor: d(2024, 3, 8), Due: d(2024, 6, 8)}, notStarted,
	})
	checkClocks(t, c, d(2024, 6, 9), StageChildProtectionPlan, []row{
		move, core, {Rule: timescales.ReviewFirst, Status: Overdue, Anchor: d(2024, 3, 8), Due: d(2024, 6, 8), Late: 1}, notStarted,
	})
	for _, held := range []holidays.Date{d(2024, 6, 9), d(2024, 6, 10)} {
		c := build(t, "weekend-held", holidays.Date{}, append(events,
			Event{Type: ReviewConferenceHeld, Date: held, Outcome: OutcomeContinue})...)
		got, err := c.Deadlines(held)
		if err != nil {
			t.Fatal(err)
		}
		want := row{Rule: timescales.ReviewFirst, Status: Late, Anchor: d(2024, 3, 8), Due: d(2024, 6, 8), Done: held, Late: 1}
		if diff := cmp.Diff(want, rows(got)[2]); diff != "" {
			t.Errorf("review held %s mismatch (-want +got):\n%s", held, diff)
		}
	}
}

// A child who dies mid-assessment: the case leaves the pathway and its
// clocks are withdrawn ("missed" only if already past due). Referral Monday
// 2 September 2024, decided on Tuesday 3 (para 153; the child seen that day),
// assessment due 45 working days from the referral on Monday 4 November
// (para 155, worked in TestGuidanceAssessmentLateWithReason). Had the child
// died on Friday 1 November, the assessment is no longer a deadline and is
// not listed; dying on Wednesday 6 November, after its due date, it is
// missed by 2 working days (5 and 6 November).
func TestGuidanceChildDiesMidAssessment(t *testing.T) {
	route := []Event{
		{Type: ReferralReceived, Date: d(2024, 9, 2)},
		{Type: ReferralDecision, Date: d(2024, 9, 3), Outcome: OutcomeSection17Assessment},
		{Type: ChildSeen, Date: d(2024, 9, 3)},
		{Type: AssessmentStarted, Date: d(2024, 9, 4)},
	}
	decision := row{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 9, 2), Due: d(2024, 9, 3), Done: d(2024, 9, 3)}
	seen := row{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 9, 3), Done: d(2024, 9, 3)}
	before := build(t, "died-before-due", holidays.Date{}, append(route, Event{Type: ChildDied, Date: d(2024, 11, 1)})...)
	checkClocks(t, before, d(2024, 11, 1), StageClosed, []row{decision, seen})
	after := build(t, "died-after-due", holidays.Date{}, append(route, Event{Type: ChildDied, Date: d(2024, 11, 6)})...)
	checkClocks(t, after, d(2024, 11, 6), StageClosed, []row{decision, seen,
		{Rule: timescales.Assessment, Status: Missed, Anchor: d(2024, 9, 2), Due: d(2024, 11, 4), Done: d(2024, 11, 6), Late: 2},
	})
}

// A family that moves away permanently mid-enquiry, with no plan in force:
// the case transfers out and its clocks are withdrawn. Referral Monday 8
// January 2024, decided Tuesday 9 (strategy discussion; the child seen that
// day); the discussion on Wednesday 10 initiates section 47 enquiries, so
// the conference is due 15 working days later, Wednesday 31 January
// ("Outcome of section 47 enquiries"). The family moves on Monday 5
// February: the conference is missed by 3 working days (1, 2 and 5
// February); the assessment, due Monday 11 March (para 155), is not yet due
// and is withdrawn. With a plan in force the move ends the plan only after
// the receiving area's conference ("Discontinuing the child protection
// plan"), so transferred-out is refused there.
func TestGuidanceMovedAwayMidEnquiry(t *testing.T) {
	c := build(t, "moved", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 1, 8)},
		Event{Type: ReferralDecision, Date: d(2024, 1, 9), Outcome: OutcomeStrategyDiscussion},
		Event{Type: ChildSeen, Date: d(2024, 1, 9)},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 1, 10), Outcome: OutcomeSection47},
		Event{Type: TransferredOut, Date: d(2024, 2, 5)},
	)
	checkClocks(t, c, d(2024, 2, 5), StageClosed, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 1, 8), Due: d(2024, 1, 9), Done: d(2024, 1, 9)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 1, 9), Done: d(2024, 1, 9)},
		{Rule: timescales.ICPC, Status: Missed, Anchor: d(2024, 1, 10), Due: d(2024, 1, 31), Done: d(2024, 2, 5), Late: 3},
	})
	onPlan := build(t, "moved-on-plan", holidays.Date{},
		Event{Type: TransferInNotified, Date: d(2024, 1, 8)},
		Event{Type: TransferInConferenceHeld, Date: d(2024, 1, 15), Outcome: OutcomePlan, Category: CategoryNeglect},
	)
	var refused *TransitionError
	if err := onPlan.Apply(Event{Type: TransferredOut, Date: d(2024, 2, 5)}); !errors.As(err, &refused) || !slices.Contains(refused.Allowed, PlanEnded) {
		t.Errorf("transferred-out on a plan: %v, want a TransitionError allowing plan-ended", err)
	}
}

// Planned versus single-agency emergency action (chapter 3, immediate
// protection): "Planned emergency action will normally take place following
// an immediate strategy discussion ... Where a single agency has to act
// immediately, a strategy discussion should take place as soon as possible
// after action has been taken". Referral Friday 5 July 2024, decided the
// same day to need immediate protection (para 154), the child seen by the
// agency acting. Single-agency: an emergency protection order that day,
// the discussion on Monday 8 July (1 working day after, as soon as
// possible, no verdict), initiating enquiries, so the conference is due 15
// working days later, Monday 29 July. Planned: the discussion first, that
// Friday, then the order, also that day: no strategy-after-emergency clock
// at all, and the conference is due Friday 26 July (12 Jul is day 5, 19 Jul
// 10, 26 Jul 15), 14 working days after Monday 8 July (9-12, 15-19,
// 22-26). The assessment (para 155) is due Monday 9 September either way.
func TestGuidancePlannedVersusSingleAgencyAction(t *testing.T) {
	start := []Event{
		{Type: ReferralReceived, Date: d(2024, 7, 5)},
		{Type: ReferralDecision, Date: d(2024, 7, 5), Outcome: OutcomeImmediateProtection},
		{Type: ChildSeen, Date: d(2024, 7, 5)},
	}
	common := []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 7, 5), Due: d(2024, 7, 8), Done: d(2024, 7, 5)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 7, 5), Done: d(2024, 7, 5)},
		{Rule: timescales.Assessment, Status: Open, Anchor: d(2024, 7, 5), Due: d(2024, 9, 9), Left: 44},
		{Rule: timescales.ImmediateProtection, Status: Done, Anchor: d(2024, 7, 5), Done: d(2024, 7, 5)},
	}
	ahead := []row{{Rule: timescales.CoreGroupFirst, Status: NotStarted}, {Rule: timescales.ReviewFirst, Status: NotStarted}}
	single := build(t, "single-agency", holidays.Date{}, append(slices.Clone(start),
		Event{Type: ImmediateProtectionTaken, Date: d(2024, 7, 5), Outcome: OutcomeSingleAgency, Power: EmergencyProtectionOrder},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 7, 8), Outcome: OutcomeSection47},
	)...)
	checkClocks(t, single, d(2024, 7, 8), StageSection47, slices.Concat(common, []row{
		{Rule: timescales.StrategyAfterEmergency, Status: Done, Anchor: d(2024, 7, 5), Done: d(2024, 7, 8), Elapsed: 1},
		{Rule: timescales.ICPC, Status: Open, Anchor: d(2024, 7, 8), Due: d(2024, 7, 29), Left: 15},
	}, ahead))
	planned := build(t, "planned", holidays.Date{}, append(slices.Clone(start),
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 7, 5), Outcome: OutcomeSection47},
		Event{Type: ImmediateProtectionTaken, Date: d(2024, 7, 5), Outcome: OutcomePlanned, Power: EmergencyProtectionOrder},
	)...)
	checkClocks(t, planned, d(2024, 7, 8), StageSection47, slices.Concat(common, []row{
		{Rule: timescales.ICPC, Status: Open, Anchor: d(2024, 7, 5), Due: d(2024, 7, 26), Left: 14},
	}, ahead))
}

// Emergency action during a transfer-in: the area where the child is found
// "is responsible for taking emergency action" even for a child on another
// area's plan (chapter 3, immediate protection), and "A strategy discussion
// can take place ... at any other time" (chapter 3, strategy discussion).
// Notified Monday 16 December 2024, the receiving conference is due Thursday
// 9 January 2025 (worked in TestGuidanceTransferIn). The police take the
// child into police protection on Friday 20 December; the discussion on
// Monday 23 December, 1 working day later, initiates no enquiry. The
// conference stays due, with 10 working days left on 23 December (24, 27,
// 30, 31 December, 2, 3, 6, 7, 8, 9 January).
func TestGuidanceEmergencyActionDuringTransferIn(t *testing.T) {
	c := build(t, "transfer-in-emergency", holidays.Date{},
		Event{Type: TransferInNotified, Date: d(2024, 12, 16)},
		Event{Type: ImmediateProtectionTaken, Date: d(2024, 12, 20), Outcome: OutcomeSingleAgency, Power: PolicePowers},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 12, 23), Outcome: OutcomeNoSection47},
	)
	checkClocks(t, c, d(2024, 12, 23), StageTransferIn, []row{
		{Rule: timescales.TransferInConference, Status: Open, Anchor: d(2024, 12, 16), Due: d(2025, 1, 9), Left: 10},
		{Rule: timescales.StrategyAfterEmergency, Status: Done, Anchor: d(2024, 12, 20), Done: d(2024, 12, 23), Elapsed: 1},
		{Rule: timescales.CoreGroupFirst, Status: NotStarted},
		{Rule: timescales.ReviewFirst, Status: NotStarted},
	})
}

// An assessment authorised after the initial conference: the 45-day clock
// from the referral (para 155) settles on the assessment's own conclusion,
// recorded on the plan. The route of TestGuidanceFullRoute: referral Monday
// 8 January 2024, assessment due Monday 11 March; on Friday 8 March, the
// conference's day, 1 working day is left. Authorised on Wednesday 13
// March, the assessment is 2 working days late (12 and 13 March), with the
// reason the lead practitioner recorded.
func TestGuidanceAssessmentAuthorisedAfterConference(t *testing.T) {
	const reason = "authorised after the conference"
	c := build(t, "after-conference", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 1, 8)},
		Event{Type: ReferralDecision, Date: d(2024, 1, 9), Outcome: OutcomeSection17Assessment},
		Event{Type: ChildSeen, Date: d(2024, 1, 9)},
		Event{Type: AssessmentStarted, Date: d(2024, 1, 10)},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 2, 19), Outcome: OutcomeSection47},
		Event{Type: Section47Concluded, Date: d(2024, 3, 7), Outcome: OutcomeSubstantiated},
		Event{Type: InitialConferenceHeld, Date: d(2024, 3, 8), Outcome: OutcomePlan, Category: CategoryNeglect},
		Event{Type: AssessmentConcluded, Date: d(2024, 3, 13), Outcome: OutcomeStrategyDiscussion, Reason: reason},
	)
	got, err := c.Deadlines(d(2024, 3, 8))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(row{Rule: timescales.Assessment, Status: Open, Anchor: d(2024, 1, 8), Due: d(2024, 3, 11), Left: 1}, rows(got)[2]); diff != "" {
		t.Errorf("assessment on 8 March (-want +got):\n%s", diff)
	}
	late, err := c.Late(d(2024, 3, 13))
	if err != nil {
		t.Fatal(err)
	}
	want := []row{{Rule: timescales.Assessment, Status: Late, Anchor: d(2024, 1, 8), Due: d(2024, 3, 11), Done: d(2024, 3, 13), Late: 2, Reason: reason}}
	if diff := cmp.Diff(want, rows(late)); diff != "" {
		t.Errorf("Late (-want +got):\n%s", diff)
	}
	if got := c.Stage(); got != StageChildProtectionPlan {
		t.Errorf("stage %s, want child-protection-plan", got)
	}
}

// Care proceedings "can be initiated at any stage" (chapter 3, initiating
// pre-proceedings); the case leaves this pathway for the court's timetable
// and its clocks are withdrawn. From an enquiry: the discussion on
// Wednesday 10 January 2024 made the conference due Wednesday 31 January;
// proceedings issued on Friday 2 February leave it missed by 2 working days
// (1 and 2 February). On a plan: the transfer-in conference of Friday 8
// March 2024 made the first review due Saturday 8 June (three months);
// pre-proceedings start on Monday 3 June and proceedings are issued on
// Monday 10 June, with the review not held: missed by 1 working day.
func TestGuidanceProceedingsIssued(t *testing.T) {
	enquiry := build(t, "proceedings-enquiry", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 1, 8)},
		Event{Type: ReferralDecision, Date: d(2024, 1, 9), Outcome: OutcomeStrategyDiscussion},
		Event{Type: ChildSeen, Date: d(2024, 1, 9)},
		Event{Type: StrategyDiscussionHeld, Date: d(2024, 1, 10), Outcome: OutcomeSection47},
		Event{Type: ProceedingsIssued, Date: d(2024, 2, 2)},
	)
	checkClocks(t, enquiry, d(2024, 2, 2), StageClosed, []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 1, 8), Due: d(2024, 1, 9), Done: d(2024, 1, 9)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 1, 9), Done: d(2024, 1, 9)},
		{Rule: timescales.ICPC, Status: Missed, Anchor: d(2024, 1, 10), Due: d(2024, 1, 31), Done: d(2024, 2, 2), Late: 2},
	})
	plan := build(t, "proceedings-plan", holidays.Date{},
		Event{Type: TransferInNotified, Date: d(2024, 2, 26)},
		Event{Type: TransferInConferenceHeld, Date: d(2024, 3, 8), Outcome: OutcomePlan, Category: CategoryNeglect},
		Event{Type: CoreGroupMet, Date: d(2024, 3, 14)},
		Event{Type: PreProceedingsStarted, Date: d(2024, 6, 3)},
		Event{Type: ProceedingsIssued, Date: d(2024, 6, 10)},
	)
	checkClocks(t, plan, d(2024, 6, 10), StageClosed, []row{
		{Rule: timescales.TransferInConference, Status: Met, Anchor: d(2024, 2, 26), Due: d(2024, 3, 18), Done: d(2024, 3, 8)},
		{Rule: timescales.CoreGroupFirst, Status: Met, Anchor: d(2024, 3, 8), Due: d(2024, 3, 22), Done: d(2024, 3, 14)},
		{Rule: timescales.ReviewFirst, Status: Missed, Anchor: d(2024, 3, 8), Due: d(2024, 6, 8), Done: d(2024, 6, 10), Late: 1},
	})
}

// An unborn child: "If concerns relate to an unborn child, consideration
// should be given as to whether to hold a child protection conference prior
// to the child's birth" (chapter 3, initial child protection conference).
// Referral Monday 2 September 2024, decided Tuesday 3 (strategy
// discussion); the discussion on Wednesday 4 initiates enquiries, so the
// conference is due Wednesday 25 September (6 Sep is day 2, 13 Sep 7, 20
// Sep 12, 25 Sep 15). The assessment (due Monday 4 November, para 155) and
// the enquiry conclude on Friday 20 September; the pre-birth conference on
// Tuesday 24 September makes a plan: first core group due Tuesday 8
// October, first review Tuesday 24 December. With no birth date there is no
// age-18 clock. The child is born on Thursday 10 October 2024: the plan's
// end at 18 is due Friday 10 October 2042. Seen on Friday 11 October, 28
// working days after the decision (para 153). On 11 October the first
// review has 52 working days left (14 October to 24 December, with no bank
// holiday) and the age-18 clock 4551 (18 years of working days, counted
// with wt workdays rather than by hand).
func TestGuidanceUnbornChild(t *testing.T) {
	events := []Event{
		{Type: ReferralReceived, Date: d(2024, 9, 2)},
		{Type: ReferralDecision, Date: d(2024, 9, 3), Outcome: OutcomeStrategyDiscussion},
		{Type: StrategyDiscussionHeld, Date: d(2024, 9, 4), Outcome: OutcomeSection47},
		{Type: AssessmentConcluded, Date: d(2024, 9, 20), Outcome: OutcomeStrategyDiscussion},
		{Type: Section47Concluded, Date: d(2024, 9, 20), Outcome: OutcomeSubstantiated},
		{Type: InitialConferenceHeld, Date: d(2024, 9, 24), Outcome: OutcomePlan, Category: CategoryNeglect},
		{Type: CoreGroupMet, Date: d(2024, 10, 7)},
		{Type: ChildBorn, Date: d(2024, 10, 10)},
		{Type: ChildSeen, Date: d(2024, 10, 11)},
	}
	c := build(t, "unborn", holidays.Date{}, events...)
	settled := []row{
		{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 9, 2), Due: d(2024, 9, 3), Done: d(2024, 9, 3)},
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 9, 3), Done: d(2024, 10, 11), Elapsed: 28},
		{Rule: timescales.Assessment, Status: Met, Anchor: d(2024, 9, 2), Due: d(2024, 11, 4), Done: d(2024, 9, 20)},
		{Rule: timescales.ICPC, Status: Met, Anchor: d(2024, 9, 4), Due: d(2024, 9, 25), Done: d(2024, 9, 24)},
		{Rule: timescales.CoreGroupFirst, Status: Met, Anchor: d(2024, 9, 24), Due: d(2024, 10, 8), Done: d(2024, 10, 7)},
	}
	checkClocks(t, c, d(2024, 10, 11), StageChildProtectionPlan, append(settled,
		row{Rule: timescales.ReviewFirst, Status: Open, Anchor: d(2024, 9, 24), Due: d(2024, 12, 24), Left: 52},
		row{Rule: timescales.PlanEndsAt18, Status: Open, Anchor: d(2024, 10, 10), Due: d(2042, 10, 10), Left: 4551},
		row{Rule: timescales.ReviewNext, Status: NotStarted},
	))
	before, err := c.Deadlines(d(2024, 10, 9))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range before {
		if k.Rule.ID == timescales.PlanEndsAt18 {
			t.Errorf("age-18 clock %s before the birth", k.Status)
		}
	}
	if got := c.BirthDate(); got != d(2024, 10, 10) {
		t.Errorf("BirthDate() = %s", got)
	}
	var ee *EventError
	if err := c.Apply(Event{Type: ChildBorn, Date: d(2024, 10, 14)}); !errors.As(err, &ee) || ee.Field != "type" {
		t.Errorf("a second birth: %v, want an EventError", err)
	}
	if l := c.Log(); !l.BirthDate.IsZero() {
		t.Errorf("the log's birth_date %s: the birth is an event", l.BirthDate)
	}
}

// A child seen (para 153: "to see the child as soon as possible if the
// decision is taken that the referral requires further assessment"). The
// referral of Thursday 28 March 2024 is decided on Tuesday 2 April; on
// Monday 8 April the clock has run 4 working days (3, 4, 5 and 8 April);
// the child is seen on Wednesday 10 April, 6 working days after the
// decision. As soon as possible has no due date, so no verdict: the time
// taken is reported. The assessment, due Wednesday 5 June (see ExampleNew),
// has 40 working days left on 8 April and 38 on 10 April. A visit before the
// decision settles no clock and is
// refused; a decision of 2019 keeps no child-seen clock, since the 2018
// edition in force then sets no such timescale.
func TestGuidanceChildSeen(t *testing.T) {
	c := build(t, "seen", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 3, 28)},
		Event{Type: ReferralDecision, Date: d(2024, 4, 2), Outcome: OutcomeSection17Assessment},
		Event{Type: ChildSeen, Date: d(2024, 4, 10)},
	)
	decision := row{Rule: timescales.ReferralDecision, Status: Met, Anchor: d(2024, 3, 28), Due: d(2024, 4, 2), Done: d(2024, 4, 2)}
	assessment := func(left int) row {
		return row{Rule: timescales.Assessment, Status: Open, Anchor: d(2024, 3, 28), Due: d(2024, 6, 5), Left: left}
	}
	checkClocks(t, c, d(2024, 4, 8), StageAwaitingAssessment, []row{decision,
		{Rule: timescales.ChildSeen, Status: Open, Anchor: d(2024, 4, 2), Elapsed: 4}, assessment(40)})
	checkClocks(t, c, d(2024, 4, 10), StageAwaitingAssessment, []row{decision,
		{Rule: timescales.ChildSeen, Status: Done, Anchor: d(2024, 4, 2), Done: d(2024, 4, 10), Elapsed: 6}, assessment(38)})

	// A child who dies before being seen stops the child-seen clock without
	// its target: as soon as possible has no due date to miss, so it is
	// not listed, however long it ran (nor is the assessment, stopped
	// before its due date).
	died := build(t, "died-unseen", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2024, 3, 28)},
		Event{Type: ReferralDecision, Date: d(2024, 4, 2), Outcome: OutcomeSection17Assessment},
		Event{Type: ChildDied, Date: d(2024, 5, 20)},
	)
	checkClocks(t, died, d(2024, 5, 20), StageClosed, []row{decision})

	undecided := build(t, "seen-early", holidays.Date{}, Event{Type: ReferralReceived, Date: d(2024, 3, 28)})
	var refused *TransitionError
	if err := undecided.Apply(Event{Type: ChildSeen, Date: d(2024, 3, 28)}); !errors.As(err, &refused) {
		t.Errorf("child seen before the decision: %v, want a TransitionError", err)
	}
	old := build(t, "2019", holidays.Date{},
		Event{Type: ReferralReceived, Date: d(2019, 6, 3)},
		Event{Type: ReferralDecision, Date: d(2019, 6, 4), Outcome: OutcomeSection17Assessment},
	)
	got, err := old.Deadlines(d(2019, 6, 4))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range got {
		if k.Rule.ID == timescales.ChildSeen {
			t.Errorf("2019 decision keeps a child-seen clock (%s)", k.Status)
		}
	}
}

// A child born on 29 February 2008 reaches 18 on 1 March 2026, a common
// year's corresponding date (the rulebook's age rule), a Sunday. "To end the
// child protection plan, the local authority should have a review around
// the child's birthday" ("Discontinuing the child protection plan"). The
// plan was made at a transfer-in conference on Thursday 11 December 2025
// (notified Monday 1 December, due Monday 22 December: 5 Dec is day 4, 12
// Dec 9, 19 Dec 14, 22 Dec 15); first core group due Monday 29 December (12
// Dec day 1, 19 Dec 6, 22-24 Dec 9, Christmas and Boxing Day off, 29 Dec
// 10), held Monday 15 December; first review due Wednesday 11 March 2026.
// The review on Friday 27 February ends the plan before the birthday: both
// met. Held on Monday 2 March instead, the review is still in time but the
// plan outlived the birthday by 1 working day.
func TestGuidanceLeapDayChildPlanEndsAtReview(t *testing.T) {
	birth := d(2008, 2, 29)
	route := []Event{
		{Type: TransferInNotified, Date: d(2025, 12, 1)},
		{Type: TransferInConferenceHeld, Date: d(2025, 12, 11), Outcome: OutcomePlan, Category: CategoryNeglect},
		{Type: CoreGroupMet, Date: d(2025, 12, 15)},
	}
	move := row{Rule: timescales.TransferInConference, Status: Met, Anchor: d(2025, 12, 1), Due: d(2025, 12, 22), Done: d(2025, 12, 11)}
	core := row{Rule: timescales.CoreGroupFirst, Status: Met, Anchor: d(2025, 12, 11), Due: d(2025, 12, 29), Done: d(2025, 12, 15)}
	for _, tt := range []struct {
		held  holidays.Date
		adult row
	}{
		{d(2026, 2, 27), row{Rule: timescales.PlanEndsAt18, Status: Met, Anchor: birth, Due: d(2026, 3, 1), Done: d(2026, 2, 27)}},
		{d(2026, 3, 2), row{Rule: timescales.PlanEndsAt18, Status: Late, Anchor: birth, Due: d(2026, 3, 1), Done: d(2026, 3, 2), Late: 1}},
	} {
		c := build(t, "leap", birth, append(slices.Clone(route), Event{Type: ReviewConferenceHeld, Date: tt.held, Outcome: OutcomeEnd})...)
		checkClocks(t, c, tt.held, StageOpen, []row{move, core,
			{Rule: timescales.ReviewFirst, Status: Met, Anchor: d(2025, 12, 11), Due: d(2026, 3, 11), Done: tt.held},
			tt.adult,
		})
	}
}
