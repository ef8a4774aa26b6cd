// Timeline follows one child's case from referral to the end of a child
// protection plan and prints it as a timeline: each event and the stage it
// leads to, each deadline it starts (rule, due date, citation) and each
// verdict it settles, then every deadline as it stood at the end.
//
//	go run ./examples/timeline [--svg OUT]
//
// With --svg it also draws the case as an SVG timeline with the library's
// renderer (package pathway/timeline).
//
// The case is made up but its dates are realistic, and it runs over
// Christmas and the new year, when three bank holidays move every
// working-day deadline. The due dates, counted by hand (the weekdays and
// bank holidays of England and Wales; "day N" is the Nth working day after
// the anchor, which is day 0):
//
//   - Referral Wednesday 11 December 2024. Decision within 1 working day:
//     Thursday 12 December (para 153). Decided that day, on its last day.
//   - Assessment within 45 working days of the referral (para 155):
//     12-13 Dec are days 1-2, 16-20 Dec 3-7, 23-24 Dec 8-9, then Christmas
//     Day and Boxing Day; 27 Dec 10, 30-31 Dec 11-12, then New Year's Day;
//     2-3 Jan 13-14, 6-10 Jan 15-19, 13-17 Jan 20-24, 20-24 Jan 25-29,
//     27-31 Jan 30-34, 3-7 Feb 35-39, 10-14 Feb 40-44: due Monday
//     17 February 2025. Without the three holidays it would be Wednesday
//     12 February. The section 47 enquiry concludes it on 9 January.
//   - Strategy discussion Thursday 19 December 2024, during the assessment,
//     initiates section 47 enquiries. Initial conference within 15 working
//     days: 20 Dec 1, 23-24 Dec 2-3, 27 Dec 4, 30-31 Dec 5-6, 2-3 Jan 7-8,
//     6-10 Jan 9-13, 13-14 Jan 14-15: due Tuesday 14 January 2025. Held
//     Monday 13 January, with one working day to spare.
//   - First core group within 10 working days of the conference: 14-17 Jan
//     are days 1-4, 20-24 Jan 5-9, Monday 27 January 10. It meets on
//     Wednesday 29 January, 2 working days late, with the reason recorded.
//   - First review within 3 months of 13 January: Sunday 13 April 2025 (a
//     calendar-month bound may end on any day). Held Thursday 10 April,
//     before the Easter weekend.
//   - Next review within 6 months of the review held: Friday 10 October
//     2025. Held Thursday 9 October, about nine months after the initial
//     conference; it judges the child no longer at risk and ends the plan.
//   - The plan must end by the child's 18th birthday, 14 June 2034; ending
//     it in 2025 meets that too.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/pathway/timeline"
	"github.com/workingtogether/safeguarding/timescales"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func date(y int, m time.Month, d int) holidays.Date {
	return holidays.NewDate(y, m, d)
}

// theCase is the example's record, as a case-management system would export
// it (see pathway.Log for its JSON form).
func theCase() pathway.Log {
	return pathway.Log{
		ID:        "timeline-example",
		BirthDate: date(2016, 6, 14),
		Events: []pathway.Event{
			{Type: pathway.ReferralReceived, Date: date(2024, 12, 11)},
			{Type: pathway.ReferralDecision, Date: date(2024, 12, 12), Outcome: pathway.OutcomeSection17Assessment},
			{Type: pathway.ChildSeen, Date: date(2024, 12, 12)},
			{Type: pathway.AssessmentStarted, Date: date(2024, 12, 13)},
			{Type: pathway.StrategyDiscussionHeld, Date: date(2024, 12, 19), Outcome: pathway.OutcomeSection47},
			{Type: pathway.AssessmentConcluded, Date: date(2025, 1, 9), Outcome: pathway.OutcomeStrategyDiscussion},
			{Type: pathway.Section47Concluded, Date: date(2025, 1, 9), Outcome: pathway.OutcomeSubstantiated},
			{Type: pathway.InitialConferenceHeld, Date: date(2025, 1, 13), Outcome: pathway.OutcomePlan, Category: pathway.CategoryNeglect},
			{Type: pathway.CoreGroupMet, Date: date(2025, 1, 29), Reason: "first day the school and health visitor could both attend"},
			{Type: pathway.ReviewConferenceHeld, Date: date(2025, 4, 10), Outcome: pathway.OutcomeContinue},
			{Type: pathway.ReviewConferenceHeld, Date: date(2025, 10, 9), Outcome: pathway.OutcomeEnd},
		},
	}
}

// writeSVG draws the case as it stood on asOf into the file named.
func writeSVG(c *pathway.Case, asOf holidays.Date, name string) error {
	l, err := timeline.New(c, asOf)
	if err != nil {
		return err
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	err = l.WriteSVG(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// replay builds the case from its record, as a host does on reading one.
func replay() (*pathway.Case, error) { return pathway.Replay(theCase()) }

func run(args []string, stdout, stderr io.Writer) int {
	var svg string
	switch {
	case len(args) == 2 && args[0] == "--svg":
		svg = args[1]
	case len(args) != 0:
		fmt.Fprintln(stderr, "usage: timeline [--svg OUT]")
		return 2
	}
	c, err := replay()
	if err != nil {
		fmt.Fprintln(stderr, "timeline:", err)
		return 1
	}
	events := c.Events()
	// Judge the case as it stood when the plan ended.
	asOf := events[len(events)-1].Date
	if svg != "" {
		// The same case as a picture, drawn by the library's renderer.
		if err := writeSVG(c, asOf, svg); err != nil {
			fmt.Fprintln(stderr, "timeline:", err)
			return 1
		}
	}
	clocks, err := c.Deadlines(asOf)
	if err != nil {
		fmt.Fprintln(stderr, "timeline:", err)
		return 1
	}

	fmt.Fprintf(stdout, "Case %s, child born %s\n\n", c.ID(), c.BirthDate())
	for i, e := range events {
		what := e.Type.String()
		if e.Outcome != pathway.NoOutcome {
			what += ": " + e.Outcome.String()
		}
		if e.Category != pathway.NoCategory {
			what += " (" + e.Category.String() + ")"
		}
		fmt.Fprintf(stdout, "%s  %-44s -> %s\n", day(e.Date), what, c.StageAt(e.Date))
		// Verdicts are shown under the last event of the day that settled
		// them, because a case is judged at the end of the day.
		if i == len(events)-1 || events[i+1].Date != e.Date {
			for _, k := range clocks {
				if k.Done == e.Date && k.Status != pathway.Open {
					fmt.Fprintf(stdout, "%18s%-8s %-19s %s\n", "", "settles", k.Rule.ID, verdict(k))
				}
			}
		}
		for _, k := range clocks {
			if k.Event == i {
				fmt.Fprintf(stdout, "%18s%-8s %-19s %s\n", "", "starts", k.Rule.ID, due(k))
			}
		}
	}

	fmt.Fprintf(stdout, "\nDeadlines as of %s (stage %s):\n\n", day(asOf), c.StageAt(asOf))
	width := len("CITATION")
	for _, k := range clocks {
		width = max(width, len(shortCite(k)))
	}
	fmt.Fprintf(stdout, "%-19s %-10s %-10s %-10s %-*s %s\n", "RULE", "ANCHOR", "DUE", "DONE", width, "CITATION", "VERDICT")
	var cited []timescales.Rule
	seen := map[timescales.RuleID]bool{}
	for _, k := range clocks {
		fmt.Fprintf(stdout, "%-19s %-10s %-10s %-10s %-*s %s\n",
			k.Rule.ID, orDash(k.Anchor), orDash(k.Due), orDash(k.Done), width, shortCite(k), verdict(k))
		if !seen[k.Rule.ID] {
			seen[k.Rule.ID] = true
			cited = append(cited, k.Rule)
		}
	}
	fmt.Fprintln(stdout, "\nCitations:")
	for _, r := range cited {
		fmt.Fprintf(stdout, "  %s: %s (%s)\n    %s\n", r.ID, r.Name, r.Bound, r.Citation)
	}
	return 0
}

// day gives a date with its weekday, because whether a day is a working day
// is the first thing a reader checks.
func day(d holidays.Date) string {
	return d.Weekday().String()[:3] + " " + d.String()
}

func orDash(d holidays.Date) string {
	if d.IsZero() {
		return "-"
	}
	return d.String()
}

func due(k pathway.Clock) string {
	s := "no fixed date (" + k.Rule.Bound.String() + ")"
	if !k.Due.IsZero() {
		s = "due " + day(k.Due) + " (" + k.Rule.Bound.String() + ")"
	}
	return s + ", " + shortCite(k)
}

func verdict(k pathway.Clock) string {
	switch k.Status {
	case pathway.Met:
		if k.Done == k.Due {
			return "met on its last day"
		}
		return "met"
	case pathway.Late:
		s := fmt.Sprintf("late by %d working %s", k.Late, plural(k.Late, "day"))
		if k.Reason != "" {
			s += ` (reason: "` + k.Reason + `")`
		}
		return s
	case pathway.Overdue:
		return fmt.Sprintf("overdue by %d working %s", k.Late, plural(k.Late, "day"))
	case pathway.Missed:
		return fmt.Sprintf("missed by %d working %s", k.Late, plural(k.Late, "day"))
	case pathway.Open:
		if k.Due.IsZero() {
			return fmt.Sprintf("open, %d working %s so far", k.Elapsed, plural(k.Elapsed, "day"))
		}
		return fmt.Sprintf("open, %d working %s left", k.WorkdaysLeft, plural(k.WorkdaysLeft, "day"))
	case pathway.Done:
		return fmt.Sprintf("done after %d working %s", k.Elapsed, plural(k.Elapsed, "day"))
	}
	return string(k.Status)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// shortCite names the edition and paragraph, which is how practitioners
// cite Working Together, or the section heading where the guidance numbers
// no paragraph; the full citation is printed once at the end.
func shortCite(k pathway.Clock) string {
	c := k.Rule.Citation
	s := fmt.Sprintf("WT %d", k.Edition)
	switch {
	case c.Paragraph != "":
		return s + " para " + c.Paragraph
	case c.Chapter != "":
		heading := c.Chapter[strings.LastIndex(c.Chapter, "; ")+1:]
		return s + ", " + strings.TrimSpace(heading)
	}
	return s
}
