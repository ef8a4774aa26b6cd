package main

import (
	"fmt"
	"os"
)

// Thursday 28 March 2024 is the example of Working Together 2023: Good
// Friday and Easter Monday fall in the 15 working days, so the initial
// conference is due on Monday 22 April.
func Example_due() {
	code := run([]string{"due", "icpc", "2024-03-28"}, os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	// Output:
	// icpc: Initial child protection conference (Working Together 2023)
	// from Thursday 2024-03-28: strategy discussion at which section 47 enquiries were initiated (the later one, if more than one was held)
	// due  Monday 2024-04-22 (within 15 working days)
	// cite Working Together to Safeguard Children 2023, Chapter 3: Providing help, support and protection; Section 3: Child protection; Outcome of section 47 enquiries
	// exit 0
}

// A rule ID in the wrong case is refused with the one meant and the list.
func Example_dueUnknownRule() {
	run([]string{"due", "Assessment", "2024-03-28"}, os.Stdout, os.Stdout)
	// Output:
	// wt: due: edition 2023: unknown rule "Assessment" (did you mean "assessment"?); want one of referral-decision, child-seen, assessment, immediate-protection, strategy-after-emergency, icpc, core-group-first, review-first, review-next, transfer-in-conference, plan-ends-at-18, allegation-to-designated-officer, serious-incident-notification, rapid-review, practice-review-published, practice-review-to-panel, yearly-report-published, yearly-report-to-panel, coroner-to-child-death-review
}

// Flags may follow the arguments. Referral Monday 2 September 2024: the
// assessment was due Monday 4 November (45 working days) and concluded on
// Wednesday 6 November, 2 working days late; the case in between cannot be
// read, is reported where it stands, and the case after it is judged. The
// exit status is 2: an unreadable case fails the run.
func Example_check() {
	code := run([]string{"check", "testdata/example.jsonl", "--as-of", "2024-12-31"}, os.Stdout, os.Stdout)
	fmt.Println("exit", code)
	// Output:
	// testdata/example.jsonl:1: case on-time: stage early-help as of 2024-12-31
	//   met         referral-decision        due 2024-04-02; done 2024-04-02 [WT 2023 para 153]
	// testdata/example.jsonl:2: unreadable case typo: event 0: field "type": unknown event type "referral-recieved"; want one of early-help-started, early-help-ended, referral-received, referral-decision, immediate-protection-taken, assessment-started, assessment-concluded, strategy-discussion, section-47-concluded, initial-conference, core-group-met, review-conference, child-in-need-plan-started, child-in-need-plan-reviewed, child-in-need-plan-ended, plan-ended, transfer-in-notified, transfer-in-conference, pre-proceedings-started, case-closed
	// testdata/example.jsonl:3: case late: stage child-in-need as of 2024-12-31
	//   met         referral-decision        due 2024-09-03; done 2024-09-03 [WT 2023 para 153]
	//   late        assessment               due 2024-11-04; done 2024-11-06; 2 working days late; reason: "paediatric assessment delayed" [WT 2023 para 155]
	// 3 cases: 1 late, 1 unreadable
	// wt: check: 1 unreadable (see the report); the first: testdata/example.jsonl:2: case "typo": event 0: field "type": unknown event type "referral-recieved"; want one of early-help-started, early-help-ended, referral-received, referral-decision, immediate-protection-taken, assessment-started, assessment-concluded, strategy-discussion, section-47-concluded, initial-conference, core-group-met, review-conference, child-in-need-plan-started, child-in-need-plan-reviewed, child-in-need-plan-ended, plan-ended, transfer-in-notified, transfer-in-conference, pre-proceedings-started, case-closed
	// exit 2
}
