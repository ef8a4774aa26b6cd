// Agenda answers a team manager's Monday questions about a whole caseload:
// what falls due in the next ten working days, what is already overdue, and
// how many deadlines each team met this quarter. It judges the example cases
// it carries (JSON Lines, each case labelled with its team) as of Monday
// 9 June 2025, prints the agenda team by team and the compliance figures,
// and writes the HTML report a manager opens from an email:
//
//	go run ./examples/agenda [--html OUT]
//
// OUT defaults to agenda-report.html in the current directory.
//
// Counted by hand on the England and Wales calendar ("day N" is the Nth
// working day after the anchor, day 0):
//
//   - s-203 was referred on Wednesday 4 June and nothing is decided: the
//     decision was due the next working day, Thursday 5 June (para 153).
//     By Monday 9 June it is overdue by Friday 6 and Monday 9: 2 working days.
//   - n-102's first core group runs from its initial conference on Friday
//     30 May: 2-6 June are days 1-5, 9-13 June 6-10, so it is due Friday
//     13 June, 4 working days after 9 June.
//   - n-101's strategy discussion on Wednesday 28 May started section 47
//     enquiries; the initial conference is due 15 working days later: 29-30
//     May days 1-2, 2-6 June 3-7, 9-13 June 8-12, 16-18 June 13-15: Wednesday
//     18 June, 7 working days after 9 June.
//   - s-201's strategy discussion on Tuesday 1 April 2025 put its initial
//     conference due on Thursday 24 April (2-4 April days 1-3, 7-11 April 4-8,
//     14-17 April 9-12, then Good Friday and Easter Monday, 22-24 April
//     13-15). Held Tuesday 29 April, it was 3 working days late (25, 28, 29
//     April): the South team's late conference this quarter.
//   - s-202's assessment runs 45 working days from its referral on Monday
//     14 April: 15-17 April days 1-3, 22-25 April 4-7 (after Easter), 28
//     April-2 May 8-12, 6-9 May 13-16 (after the early May holiday), 12-23
//     May 17-26, 27-30 May 27-30 (after the spring holiday), 2-20 June 31-45:
//     due Friday 20 June, 9 working days after 9 June.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/holidays"
)

// cases is the caseload, as a case-management system would export it.
const cases = `{"id":"n-101","labels":{"team":"North","worker":"w-11"},"events":[{"type":"referral-received","date":"2025-05-27"},{"type":"referral-decision","date":"2025-05-27","decision":"strategy-discussion"},{"type":"child-seen","date":"2025-05-27"},{"type":"strategy-discussion","date":"2025-05-28","outcome":"section-47"}]}
{"id":"n-102","labels":{"team":"North","worker":"w-12"},"birth_date":"2015-03-09","events":[{"type":"referral-received","date":"2025-05-06"},{"type":"referral-decision","date":"2025-05-07","decision":"strategy-discussion"},{"type":"child-seen","date":"2025-05-07"},{"type":"strategy-discussion","date":"2025-05-09","outcome":"section-47"},{"type":"assessment-concluded","date":"2025-05-27","outcome":"strategy-discussion"},{"type":"section-47-concluded","date":"2025-05-27","outcome":"substantiated"},{"type":"initial-conference","date":"2025-05-30","outcome":"plan","category":"neglect"}]}
{"id":"n-103","labels":{"team":"North","worker":"w-11"},"events":[{"type":"referral-received","date":"2025-03-17"},{"type":"referral-decision","date":"2025-03-18","decision":"section-17-assessment"},{"type":"child-seen","date":"2025-03-18"},{"type":"assessment-started","date":"2025-03-19"},{"type":"assessment-concluded","date":"2025-05-02","outcome":"child-in-need-plan"}]}
{"id":"s-201","labels":{"team":"South","worker":"w-21"},"birth_date":"2012-11-30","events":[{"type":"referral-received","date":"2025-03-31"},{"type":"referral-decision","date":"2025-03-31","decision":"strategy-discussion"},{"type":"child-seen","date":"2025-03-31"},{"type":"strategy-discussion","date":"2025-04-01","outcome":"section-47"},{"type":"assessment-concluded","date":"2025-04-22","outcome":"strategy-discussion"},{"type":"section-47-concluded","date":"2025-04-22","outcome":"substantiated"},{"type":"initial-conference","date":"2025-04-29","outcome":"plan","category":"emotional-abuse","reason":"police could not attend earlier"},{"type":"core-group-met","date":"2025-05-09"}]}
{"id":"s-202","labels":{"team":"South","worker":"w-22"},"events":[{"type":"referral-received","date":"2025-04-14"},{"type":"referral-decision","date":"2025-04-15","decision":"section-17-assessment"},{"type":"child-seen","date":"2025-04-15"},{"type":"assessment-started","date":"2025-04-16"}]}
{"id":"s-203","labels":{"team":"South","worker":"w-21"},"events":[{"type":"referral-received","date":"2025-06-04"}]}
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("agenda", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("html", "agenda-report.html", "write the HTML report to `OUT`")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "usage: agenda [--html OUT]")
		return 2
	}
	asOf := holidays.NewDate(2025, time.June, 9)
	r, err := caseload.Read(caseload.Options{AsOf: asOf, By: "team", KeepCases: true}, 0,
		[]caseload.Input{{Name: "cases.jsonl", R: strings.NewReader(cases)}})
	if err != nil {
		fmt.Fprintln(stderr, "agenda:", err)
		return 1
	}
	if err := printAgenda(stdout, r); err != nil {
		fmt.Fprintln(stderr, "agenda:", err)
		return 1
	}
	f, err := os.Create(*out)
	if err == nil {
		err = r.WriteHTML(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, "agenda:", err)
		return 1
	}
	fmt.Fprintf(stderr, "wrote the report to %s\n", *out)
	return 0
}

// printAgenda prints the agenda team by team, then each rule's compliance
// over the quarter.
func printAgenda(w io.Writer, r *caseload.Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Agenda as of %s %s: overdue, and due within %d working days\n", r.Options.AsOf.Weekday(), r.Options.AsOf, r.Options.Days)
	for _, team := range r.Groups {
		fmt.Fprintf(tw, "\nteam %s\n", team)
		for _, e := range r.Agenda {
			if e.Group == team {
				fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", e.Due, e.Case, e.Name, e.Standing())
			}
		}
	}
	fmt.Fprintf(tw, "\nCompliance from %s to %s\n", r.Options.From, r.Options.To)
	for _, t := range r.ByGroup {
		late := "none late"
		if len(t.LateCases) > 0 {
			late = "late: " + strings.Join(t.LateCases, ", ")
		}
		fmt.Fprintf(tw, "  %s\t%s\t%d of %d on time (%s)\t%s\n", t.Group, t.Name, t.Met, t.Settled, t.OnTimeText(), late)
	}
	return tw.Flush()
}
