package caseload_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"pgregory.net/rapid"
)

// caseGen draws one case log along the child protection route: a referral
// date, how far along the route it got, and the days between its steps.
func caseGen(i int) *rapid.Generator[string] {
	steps := []string{
		`{"type":"referral-received","date":"%s"}`,
		`{"type":"referral-decision","date":"%s","decision":"strategy-discussion"}`,
		`{"type":"strategy-discussion","date":"%s","outcome":"section-47"}`,
		`{"type":"section-47-concluded","date":"%s","outcome":"substantiated"}`,
		`{"type":"initial-conference","date":"%s","outcome":"plan","category":"neglect"}`,
		`{"type":"core-group-met","date":"%s"}`,
		`{"type":"review-conference","date":"%s","outcome":"continue"}`,
	}
	return rapid.Custom(func(t *rapid.T) string {
		day := holidays.NewDate(2024, time.January, 1).AddDays(rapid.IntRange(0, 500).Draw(t, "start"))
		n := rapid.IntRange(1, len(steps)).Draw(t, "steps")
		team := rapid.SampledFrom([]string{"North", "South", ""}).Draw(t, "team")
		var events []string
		for k := range n {
			if k > 0 {
				day = day.AddDays(rapid.IntRange(0, 40).Draw(t, "gap"))
			}
			events = append(events, fmt.Sprintf(steps[k], day))
		}
		labels := ""
		if team != "" {
			labels = `"labels":{"team":"` + team + `"},`
		}
		return fmt.Sprintf(`{"id":"c-%d",%s"events":[%s]}`, i, labels, strings.Join(events, ","))
	})
}

// Whatever the cases, the report is the same on one worker as on three,
// the agenda is in order and within the horizon, and every figure adds up
// and matches the cases behind it.
func TestReportProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 30).Draw(t, "cases")
		var lines []string
		for i := range n {
			lines = append(lines, caseGen(i).Draw(t, "case"))
		}
		text := strings.Join(lines, "\n") + "\n"
		o := caseload.Options{AsOf: holidays.NewDate(2025, time.March, 3), By: "team",
			Days: rapid.IntRange(1, 30).Draw(t, "days")}
		read := func(workers int) *caseload.Report {
			r, err := caseload.Read(o, workers, []caseload.Input{{Name: "x", R: strings.NewReader(text)}})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		one, three := read(1), read(3)
		if diff := cmp.Diff(one, three, cmpopts.IgnoreUnexported(caseload.Tally{})); diff != "" {
			t.Fatalf("1 worker vs 3 (-1 +3):\n%s", diff)
		}
		if one.Read+len(one.Problems) != n {
			t.Fatalf("%d read and %d unreadable of %d cases", one.Read, len(one.Problems), n)
		}
		if !slices.IsSortedFunc(one.Agenda, func(a, b caseload.Entry) int { return a.Due.Compare(b.Due) }) {
			t.Fatalf("agenda not by due date: %v", one.Agenda)
		}
		for _, e := range one.Agenda {
			if e.Status != pathway.Overdue && (e.Status != pathway.Open || e.Left > o.Days) {
				t.Fatalf("agenda line outside the horizon: %+v", e)
			}
		}
		perRule := map[string]int{}
		for i, tl := range append(slices.Clone(one.Compliance), one.ByGroup...) {
			if tl.Settled != tl.Met+tl.Late+tl.Missed || len(tl.MetCases) != tl.Met ||
				len(tl.LateCases) != tl.Late || len(tl.MissedCases) != tl.Missed {
				t.Fatalf("tally does not add up: %+v", tl)
			}
			if i < len(one.Compliance) {
				perRule[string(tl.Rule)] += tl.Settled
			} else {
				perRule[string(tl.Rule)] -= tl.Settled
			}
		}
		for rule, d := range perRule {
			if d != 0 {
				t.Fatalf("rule %s: the groups' figures do not add up to the whole (off by %d)", rule, d)
			}
		}
	})
}
