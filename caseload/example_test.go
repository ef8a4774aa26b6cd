package caseload_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/holidays"
)

// Two cases as of Tuesday 10 June 2025. North's referral of Monday 2 June
// was never decided: due Tuesday 3 June, it is 5 working days overdue (4-6
// and 9-10 June). South's strategy discussion on Tuesday 3 June puts the
// initial conference due 15 working days later, Tuesday 24 June: 10 working
// days after 10 June. South's decision, made the day of the referral, is on
// time.
func ExampleRead() {
	cases := `{"id":"n-1","labels":{"team":"North"},"events":[{"type":"referral-received","date":"2025-06-02"}]}
{"id":"s-1","labels":{"team":"South"},"events":[{"type":"referral-received","date":"2025-06-02"},{"type":"referral-decision","date":"2025-06-02","decision":"strategy-discussion"},{"type":"strategy-discussion","date":"2025-06-03","outcome":"section-47"}]}
`
	r, err := caseload.Read(caseload.Options{AsOf: holidays.NewDate(2025, time.June, 10), By: "team"}, 0,
		[]caseload.Input{{Name: "cases.jsonl", R: strings.NewReader(cases)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range r.Agenda {
		// An as-soon-as-possible clock has no due date: it comes first.
		due := "no fixed due date"
		if !e.Due.IsZero() {
			due = "due " + e.Due.String()
		}
		fmt.Printf("%s %s %s: %s, %s, %s\n", e.Group, e.Case, e.Rule, e.Status, due, e.Standing())
	}
	for _, t := range r.ByGroup {
		fmt.Printf("%s %s: %d of %d on time (%s)\n", t.Group, t.Rule, t.Met, t.Settled, t.OnTimeText())
	}
	// Output:
	// South s-1 child-seen: open, no fixed due date, as soon as possible: 6 working days so far
	// North n-1 referral-decision: overdue, due 2025-06-03, overdue by 5 working days
	// South s-1 icpc: open, due 2025-06-24, 10 working days left
	// South referral-decision: 1 of 1 on time (100%)
}

// An unreadable case is listed with its file, line and field; the others
// are still judged.
func ExampleRead_unreadable() {
	cases := `{"id":"a","events":[{"type":"referral-received","date":"2025-06-31"}]}
{"id":"b","events":[{"type":"referral-received","date":"2025-06-09"}]}
`
	r, err := caseload.Read(caseload.Options{AsOf: holidays.NewDate(2025, time.June, 10)}, 0,
		[]caseload.Input{{Name: "cases.jsonl", R: strings.NewReader(cases)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Read, "read")
	for _, p := range r.Problems {
		fmt.Println(p)
	}
	// Output:
	// 1 read
	// cases.jsonl:1: case "a": event 0 (referral-received): field "date": holidays: parsing date "2025-06-31": day out of range
}

// The agenda as an iCalendar file, for a social worker's calendar.
func ExampleReport_WriteICS() {
	cases := `{"id":"n-1","events":[{"type":"referral-received","date":"2025-06-02"}]}`
	r, err := caseload.Read(caseload.Options{AsOf: holidays.NewDate(2025, time.June, 10)}, 0,
		[]caseload.Input{{Name: "cases.jsonl", R: strings.NewReader(cases)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	var b strings.Builder
	if err := r.WriteICS(&b); err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(b.String(), "\r\n") {
		if strings.HasPrefix(line, "UID") || strings.HasPrefix(line, "DTSTART") || strings.HasPrefix(line, "DTEND") || strings.HasPrefix(line, "SUMMARY") {
			fmt.Println(line)
		}
	}
	// Output:
	// UID:"n-1"/referral-decision/2025-06-02@safeguarding
	// DTSTART;VALUE=DATE:20250603
	// DTEND;VALUE=DATE:20250604
	// SUMMARY:OVERDUE: Referral acknowledged and next steps decided - case n-1
}

// The HTML report of a caseload, written to a file for a manager.
func ExampleReport_WriteHTML() {
	cases := `{"id":"n-1","events":[{"type":"referral-received","date":"2025-06-02"}]}`
	r, err := caseload.Read(caseload.Options{AsOf: holidays.NewDate(2025, time.June, 10), KeepCases: true}, 0,
		[]caseload.Input{{Name: "cases.jsonl", R: strings.NewReader(cases)}})
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := os.CreateTemp("", "report-*.html")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.Remove(f.Name())
	err = r.WriteHTML(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	fmt.Println(err)
	// Output:
	// <nil>
}
