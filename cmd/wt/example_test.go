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

// A value outside a fixed set is refused with the list and the one meant:
// here an edition year typed with a letter O.
func Example_dueUnknownEdition() {
	run([]string{"due", "icpc", "2024-03-28", "--edition", "2O23"}, os.Stdout, os.Stdout)
	// Output:
	// wt: due: unknown --edition "2O23" (did you mean "2023"?); want one of 2023, 2018, 2015, 2013 (see wt due -h)
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
	// testdata/example.jsonl:2: unreadable case typo: event 0: field "type": unknown event type "referral-recieved"; want one of early-help-started, early-help-ended, referral-received, referral-decision, immediate-protection-taken, assessment-started, assessment-concluded, strategy-discussion, section-47-concluded, initial-conference, core-group-met, review-conference, child-in-need-plan-started, child-in-need-plan-reviewed, child-in-need-plan-ended, plan-ended, transfer-in-notified, transfer-in-conference, pre-proceedings-started, case-closed, child-seen, child-born, child-died, transferred-out, care-proceedings-issued
	// testdata/example.jsonl:3: case late: stage child-in-need as of 2024-12-31
	//   met         referral-decision        due 2024-09-03; done 2024-09-03 [WT 2023 para 153]
	//   done        child-seen               done 2024-09-03; 0 working days taken [WT 2023 para 153]
	//   late        assessment               due 2024-11-04; done 2024-11-06; 2 working days late; reason: "paediatric assessment delayed" [WT 2023 para 155]
	// 3 cases: 1 late, 1 unreadable
	// wt: check: 1 unreadable (see the report); the first: testdata/example.jsonl:2: case "typo": event 0: field "type": unknown event type "referral-recieved"; want one of early-help-started, early-help-ended, referral-received, referral-decision, immediate-protection-taken, assessment-started, assessment-concluded, strategy-discussion, section-47-concluded, initial-conference, core-group-met, review-conference, child-in-need-plan-started, child-in-need-plan-reviewed, child-in-need-plan-ended, plan-ended, transfer-in-notified, transfer-in-conference, pre-proceedings-started, case-closed, child-seen, child-born, child-died, transferred-out, care-proceedings-issued
	// exit 2
}
