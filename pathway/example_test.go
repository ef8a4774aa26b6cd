package pathway_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
)

func date(y int, m time.Month, d int) holidays.Date { return holidays.NewDate(y, m, d) }

// Build a case event by event and print its deadlines. A referral on
// Thursday 28 March 2024 is due a decision on Tuesday 2 April: Good Friday
// and Easter Monday come between. Its assessment is due 45 working days
// after the referral, on 5 June, past the early May and spring bank holidays.
// The child, not yet seen, is to be seen as soon as possible after the
// decision (para 153): 6 working days have passed by 10 April (3-5, 8-10).
func ExampleNew() {
	c, err := pathway.New("case-1", pathway.WithBirthDate(date(2012, 5, 4)))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range []pathway.Event{
		{Type: pathway.ReferralReceived, Date: date(2024, 3, 28)},
		{Type: pathway.ReferralDecision, Date: date(2024, 4, 2), Outcome: pathway.OutcomeStrategyDiscussion},
		{Type: pathway.StrategyDiscussionHeld, Date: date(2024, 4, 4), Outcome: pathway.OutcomeSection47},
	} {
		if err := c.Apply(e); err != nil {
			fmt.Println(err)
			return
		}
	}
	clocks, err := c.Deadlines(date(2024, 4, 10))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("stage:", c.Stage())
	for _, k := range clocks {
		switch {
		case k.Status == pathway.Open && k.Due.IsZero():
			fmt.Printf("%-17s open %d working days, as soon as possible (WT %d)\n", k.Rule.ID, k.Elapsed, k.Edition)
		case k.Status == pathway.Open:
			fmt.Printf("%-17s open, due %s, %d working days left (WT %d)\n", k.Rule.ID, k.Due, k.WorkdaysLeft, k.Edition)
		case k.Status == pathway.NotStarted:
			fmt.Printf("%-17s not started\n", k.Rule.ID)
		default:
			fmt.Printf("%-17s %s on %s, due %s\n", k.Rule.ID, k.Status, k.Done, k.Due)
		}
	}
	// Output:
	// stage: section-47
	// referral-decision met on 2024-04-02, due 2024-04-02
	// child-seen        open 6 working days, as soon as possible (WT 2023)
	// assessment        open, due 2024-06-05, 38 working days left (WT 2023)
	// icpc              open, due 2024-04-25, 11 working days left (WT 2023)
	// core-group-first  not started
	// review-first      not started
	// plan-ends-at-18   not started
}

// Decode case logs (JSON Lines, one case per line) and report what was late,
// by how many working days, with what recorded reason.
func ExampleDecoder() {
	logs := `{"id":"a","events":[{"type":"referral-received","date":"2024-09-02"},{"type":"referral-decision","date":"2024-09-03","decision":"section-17-assessment"},{"type":"assessment-started","date":"2024-09-04"},{"type":"assessment-concluded","date":"2024-11-06","outcome":"child-in-need-plan","reason":"paediatric assessment delayed"}]}
{"id":"b","events":[{"type":"transfer-in-notified","date":"2024-12-16"},{"type":"transfer-in-conference","date":"2025-01-08","outcome":"plan","category":"neglect"}]}
`
	for c, err := range pathway.NewDecoder(strings.NewReader(logs)).All() {
		if err != nil {
			fmt.Println(err) // one bad case: the next is still read
			continue
		}
		late, err := c.Late(date(2025, 1, 23))
		if err != nil {
			fmt.Println(err)
			continue
		}
		for _, k := range late {
			fmt.Printf("%s: %s %s by %d working days (due %s) %q\n", c.ID(), k.Rule.ID, k.Status, k.Late, k.Due, k.Reason)
		}
	}
	// Output:
	// a: assessment late by 2 working days (due 2024-11-04) "paediatric assessment delayed"
	// b: core-group-first overdue by 1 working days (due 2025-01-22) ""
}

// A refused event leaves the case as it was; the error names the stage, the
// event and what the stage allows.
func ExampleTransitionError() {
	c, _ := pathway.New("case-2")
	_ = c.Apply(pathway.Event{Type: pathway.ReferralReceived, Date: date(2024, 3, 28)})
	err := c.Apply(pathway.Event{Type: pathway.CoreGroupMet, Date: date(2024, 4, 2)})
	fmt.Println(err)
	var te *pathway.TransitionError
	if errors.As(err, &te) {
		fmt.Println(te.Stage, te.Event, te.Allowed, c.Len())
	}
	// Output:
	// pathway: event 1: core-group-met is not allowed in stage referred; allowed: referral-decision, immediate-protection-taken, strategy-discussion, child-born, child-died, transferred-out, care-proceedings-issued
	// referred core-group-met [referral-decision immediate-protection-taken strategy-discussion child-born child-died transferred-out care-proceedings-issued] 1
}

// Ask what a stage allows without applying anything.
func ExampleAllowed() {
	fmt.Println(pathway.Allowed(pathway.StageConferenceDue))
	fmt.Println(pathway.Outcomes(pathway.InitialConferenceHeld))
	// Output:
	// [immediate-protection-taken assessment-concluded strategy-discussion initial-conference case-closed child-seen child-born child-died transferred-out care-proceedings-issued]
	// [plan no-plan]
}

// The stage at a past date: after every event dated on or before it.
func ExampleCase_StageAt() {
	c, _ := pathway.Replay(pathway.Log{ID: "case-3", Events: []pathway.Event{
		{Type: pathway.ReferralReceived, Date: date(2024, 3, 28)},
		{Type: pathway.ReferralDecision, Date: date(2024, 4, 2), Outcome: pathway.OutcomeEarlyHelp},
	}})
	fmt.Println(c.StageAt(date(2024, 3, 27)), c.StageAt(date(2024, 3, 29)), c.StageAt(date(2024, 4, 2)))
	// Output: new referred early-help
}

// The transition table drawn as a Mermaid state diagram (the README shows
// it); the lines are sorted, so the diagram changes only with the table.
func ExampleMermaid() {
	lines := strings.Split(pathway.Mermaid(), "\n")
	for _, l := range lines[:3] {
		fmt.Println(l)
	}
	// Output:
	// stateDiagram-v2
	//     [*] --> new
	//     state "assessment" as assessment
}

// The event log is the record: it serialises to JSON, and replaying it gives
// the same case.
func ExampleCase_MarshalJSON() {
	c, _ := pathway.New("case-4", pathway.WithBirthDate(date(2012, 5, 4)))
	_ = c.Apply(pathway.Event{Type: pathway.TransferInNotified, Date: date(2024, 12, 16)})
	_ = c.Apply(pathway.Event{Type: pathway.TransferInConferenceHeld, Date: date(2025, 1, 10),
		Outcome: pathway.OutcomePlan, Category: pathway.CategoryNeglect, Reason: "family unavailable"})
	b, err := json.Marshal(c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	var back pathway.Case
	if err := json.Unmarshal(b, &back); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.ID(), back.Stage(), back.Len())
	// Output:
	// {"id":"case-4","birth_date":"2012-05-04","events":[{"type":"transfer-in-notified","date":"2024-12-16"},{"type":"transfer-in-conference","date":"2025-01-10","outcome":"plan","category":"neglect","reason":"family unavailable"}]}
	// case-4 child-protection-plan 2
}

// Apply records one event at a time. The area where a child on another
// area's plan is found takes emergency action even while the receiving
// conference is due; an event the stage does not allow is refused with a
// typed error naming the stage, the event and what is allowed, and the case
// is left as it was.
func ExampleCase_Apply() {
	c, err := pathway.New("transfer")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range []pathway.Event{
		{Type: pathway.TransferInNotified, Date: date(2024, 12, 16)},
		{Type: pathway.ImmediateProtectionTaken, Date: date(2024, 12, 20), Outcome: pathway.OutcomeSingleAgency, Power: pathway.PolicePowers},
	} {
		if err := c.Apply(e); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println("stage:", c.Stage())
	err = c.Apply(pathway.Event{Type: pathway.CoreGroupMet, Date: date(2024, 12, 23)})
	fmt.Println(err)
	fmt.Println("events:", c.Len())
	// Output:
	// stage: transfer-in
	// pathway: event 2: core-group-met is not allowed in stage transfer-in; allowed: immediate-protection-taken, strategy-discussion, transfer-in-conference, case-closed, child-seen, child-born, child-died, transferred-out, care-proceedings-issued
	// events: 2
}

// Deadlines judges a case as of any date. The family moved away during a
// section 47 enquiry, with no plan in force: the case transferred out, the
// conference (due Wednesday 31 January 2024) is missed, and the assessment,
// not yet due, is withdrawn.
func ExampleCase_Deadlines() {
	c, err := pathway.New("moved")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range []pathway.Event{
		{Type: pathway.ReferralReceived, Date: date(2024, 1, 8)},
		{Type: pathway.ReferralDecision, Date: date(2024, 1, 9), Outcome: pathway.OutcomeStrategyDiscussion},
		{Type: pathway.ChildSeen, Date: date(2024, 1, 9)},
		{Type: pathway.StrategyDiscussionHeld, Date: date(2024, 1, 10), Outcome: pathway.OutcomeSection47},
		{Type: pathway.TransferredOut, Date: date(2024, 2, 5)},
	} {
		if err := c.Apply(e); err != nil {
			fmt.Println(err)
			return
		}
	}
	for _, asOf := range []holidays.Date{date(2024, 2, 1), date(2024, 2, 5)} {
		clocks, err := c.Deadlines(asOf)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("as of %s, stage %s:\n", asOf, c.StageAt(asOf))
		for _, k := range clocks {
			line := fmt.Sprintf("  %-17s %s", k.Rule.ID, k.Status)
			if !k.Due.IsZero() {
				line += ", due " + k.Due.String()
			}
			if k.Late > 0 {
				line += fmt.Sprintf(", %d working days late", k.Late)
			}
			fmt.Println(line)
		}
	}
	// Output:
	// as of 2024-02-01, stage section-47:
	//   referral-decision met, due 2024-01-09
	//   child-seen        done
	//   assessment        open, due 2024-03-11
	//   icpc              overdue, due 2024-01-31, 1 working days late
	//   core-group-first  not-started
	//   review-first      not-started
	// as of 2024-02-05, stage closed:
	//   referral-decision met, due 2024-01-09
	//   child-seen        done
	//   icpc              missed, due 2024-01-31, 3 working days late
}

// Replay builds a case from its record, as a host reads it back; the
// transition table lists what each event does to the clocks.
func ExampleReplay() {
	c, err := pathway.Replay(pathway.Log{ID: "unborn", Events: []pathway.Event{
		{Type: pathway.TransferInNotified, Date: date(2024, 9, 2)},
		{Type: pathway.TransferInConferenceHeld, Date: date(2024, 9, 13), Outcome: pathway.OutcomePlan, Category: pathway.CategoryNeglect},
		{Type: pathway.ChildBorn, Date: date(2024, 10, 10)},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Stage(), "born", c.BirthDate())
	for _, t := range pathway.Transitions() {
		if t.From == pathway.StageChildProtectionPlan && t.Event == pathway.ChildBorn {
			fmt.Println(t)
		}
	}
	// Output:
	// child-protection-plan born 2024-10-10
	// child-protection-plan --child-born--> child-protection-plan [starts plan-ends-at-18 from birth]
}

// Record why a case closed, as the children in need census codes it. The
// JSON names the closure; Code gives the census's ReasonForClosure. A value
// that is not a closure is refused with the list of those that are.
func ExampleClosure() {
	c, err := pathway.New("closed")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range []pathway.Event{
		{Type: pathway.ReferralReceived, Date: date(2024, 7, 1)},
		{Type: pathway.ReferralDecision, Date: date(2024, 7, 2), Outcome: pathway.OutcomeSection17Assessment},
		{Type: pathway.AssessmentStarted, Date: date(2024, 7, 3)},
		{Type: pathway.AssessmentConcluded, Date: date(2024, 8, 9), Outcome: pathway.OutcomeChildInNeedPlan},
		{Type: pathway.ChildInNeedPlanEnded, Date: date(2025, 2, 14)},
		{Type: pathway.CaseClosed, Date: date(2025, 2, 14), Closure: pathway.ClosureServicesCeased},
	} {
		if err := c.Apply(e); err != nil {
			fmt.Println(err)
			return
		}
	}
	last := c.Events()[c.Len()-1]
	b, err := json.Marshal(last)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
	fmt.Println("census code:", last.Closure.Code())
	var e pathway.Event
	fmt.Println(json.Unmarshal([]byte(`{"type":"case-closed","date":"2025-02-14","closure":"RC7"}`), &e))
	// Output:
	// {"type":"case-closed","date":"2025-02-14","closure":"services-ceased"}
	// census code: RC7
	// pathway: event 0 (case-closed): field "closure": unknown closure "RC7"; want one of adopted, died, child-arrangements-order, special-guardianship-order, transferred-to-another-local-authority, transferred-to-adult-social-care, services-ceased, assessed-no-further-action, assessed-referred-to-early-help
}

// Judge many cases with one Case, as a census of every child's episodes
// does: Reset makes it new for each, keeping the memory of its log and
// clocks. Each referral is due a decision the next working day; the one of
// Friday 22 March 2024 is decided on the Tuesday, a working day late.
func ExampleCase_Reset() {
	referrals := []struct {
		id       string
		received holidays.Date
		decided  holidays.Date
	}{
		{"a", date(2024, 3, 20), date(2024, 3, 21)},
		{"b", date(2024, 3, 22), date(2024, 3, 26)},
	}
	var (
		c      pathway.Case
		clocks []pathway.Clock
	)
	for _, r := range referrals {
		if err := c.Reset(r.id); err != nil {
			fmt.Println(err)
			return
		}
		for _, e := range []pathway.Event{
			{Type: pathway.ReferralReceived, Date: r.received},
			{Type: pathway.ReferralDecision, Date: r.decided, Outcome: pathway.OutcomeNoFurtherAction},
		} {
			if err := c.Apply(e); err != nil {
				fmt.Println(err)
				return
			}
		}
		var err error
		if clocks, err = c.AppendDeadlines(clocks[:0], r.decided); err != nil {
			fmt.Println(err)
			return
		}
		for _, k := range clocks {
			fmt.Println(c.ID(), c.Len(), "events:", k.Rule.ID, k.Status, k.Late)
		}
	}
	// Output:
	// a 2 events: referral-decision met 0
	// b 2 events: referral-decision late 1
}
