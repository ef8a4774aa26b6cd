package caseload_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
)

// Three cases judged at the end of Tuesday 10 June 2025, worked by hand on
// the England and Wales calendar (Monday 5 May 2025 is the early May bank
// holiday):
//
//   - "icpc": referral Monday 2 June, decided that day (met), strategy
//     discussion Tuesday 3 June initiating section 47 enquiries. The
//     initial conference is due 15 working days after 3 June: 4-6 June
//     days 1-3, 9-13 June 4-8, 16-20 June 9-13, 23-24 June 14-15: Tuesday
//     24 June. From 10 June that leaves 11-13 June (3), 16-20 June (8),
//     23-24 June (10): 10 working days, so it is on a 10-day agenda.
//   - "undecided": referral Monday 2 June, no decision. Decision due 1
//     working day later, Tuesday 3 June; by 10 June it is overdue by 4-6
//     June and 9-10 June: 5 working days.
//   - "late": referral Thursday 1 May, decision due Friday 2 May, made
//     Tuesday 6 May: the bank holiday is no working day, so late by 1.
//
// The assessments (45 working days from the referral) fall due in July and
// August, beyond the horizon. Compliance over the default period (11 March
// to 10 June 2025): three referral decisions settled, two met, one late by
// a median of 1 working day.
const threeCases = `{"id":"icpc","events":[{"type":"referral-received","date":"2025-06-02"},{"type":"referral-decision","date":"2025-06-02","decision":"strategy-discussion"},{"type":"child-seen","date":"2025-06-02"},{"type":"strategy-discussion","date":"2025-06-03","outcome":"section-47"}]}
{"id":"undecided","events":[{"type":"referral-received","date":"2025-06-02"}]}
{"id":"late","events":[{"type":"referral-received","date":"2025-05-01"},{"type":"referral-decision","date":"2025-05-06","decision":"section-17-assessment"},{"type":"child-seen","date":"2025-05-06"}]}
`

func d(y, m, day int) holidays.Date { return holidays.NewDate(y, time.Month(m), day) }

func read(t *testing.T, o caseload.Options, text string) *caseload.Report {
	t.Helper()
	r, err := caseload.Read(o, 2, []caseload.Input{{Name: "cases.jsonl", R: strings.NewReader(text)}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAgendaHandWorked(t *testing.T) {
	r := read(t, caseload.Options{AsOf: d(2025, 6, 10)}, threeCases)
	type line struct {
		Case    string
		Rule    string
		Status  pathway.Status
		Due     holidays.Date
		Left    int
		Overdue int
	}
	var got []line
	for _, e := range r.Agenda {
		got = append(got, line{e.Case, string(e.Rule), e.Status, e.Due, e.Left, e.Overdue})
	}
	want := []line{
		{"undecided", "referral-decision", pathway.Overdue, d(2025, 6, 3), 0, 5},
		{"icpc", "icpc", pathway.Open, d(2025, 6, 24), 10, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("agenda mismatch (-want +got):\n%s", diff)
	}
	// One working day less of horizon drops the conference.
	r = read(t, caseload.Options{AsOf: d(2025, 6, 10), Days: 9}, threeCases)
	if len(r.Agenda) != 1 || r.Agenda[0].Case != "undecided" {
		t.Errorf("9-day agenda = %+v, want only the overdue decision", r.Agenda)
	}
}

func TestComplianceHandWorked(t *testing.T) {
	r := read(t, caseload.Options{AsOf: d(2025, 6, 10)}, threeCases)
	want := []caseload.Tally{{
		Rule: "referral-decision", Settled: 2, Met: 1, Late: 1, MedianLate: 1,
		MetCases: []string{"icpc"}, LateCases: []string{"late"}, MissedCases: []string{},
	}}
	if diff := cmp.Diff(want, r.Compliance, cmpopts.IgnoreFields(caseload.Tally{}, "Name", "Citation"), cmpopts.IgnoreUnexported(caseload.Tally{})); diff != "" {
		t.Errorf("compliance mismatch (-want +got):\n%s", diff)
	}
	if got := r.Compliance[0].OnTimeText(); got != "50%" {
		t.Errorf("on time = %q, want 50%%", got)
	}
	// A period that ends before the late decision settles only... nothing:
	// 0 of 0 is "n/a", and no rule is listed.
	r = read(t, caseload.Options{AsOf: d(2025, 6, 10), From: d(2025, 1, 1), To: d(2025, 4, 30)}, threeCases)
	if len(r.Compliance) != 0 {
		t.Errorf("compliance over January to April = %+v, want none", r.Compliance)
	}
	if got := (caseload.Tally{}).OnTimeText(); got != "n/a" {
		t.Errorf("0 of 0 on time = %q, want n/a", got)
	}
}

func TestBadInputListedNextStillJudged(t *testing.T) {
	text := `{"id":"a","events":[{"type":"referral-received","date":"2025-06-02"}]}
{"id":"b","events":[{"type":"referral-received","date":"2025-06-31"}]}
not json
{"id":"c","events":[{"type":"referral-received","date":"2025-06-02"},{"type":"no-such-event","date":"2025-06-03"}]}
{"id":"d","events":[{"type":"referral-received","date":"2025-06-02"}]}
{"id":"e","events":[
`
	r := read(t, caseload.Options{AsOf: d(2025, 6, 10)}, text)
	if r.Read != 2 {
		t.Errorf("read %d cases, want a and d", r.Read)
	}
	var got []string
	for _, p := range r.Problems {
		got = append(got, p.Source.String()+" "+p.Case+" "+p.Field)
	}
	want := []string{
		"cases.jsonl:2 b date",
		"cases.jsonl:3  ",
		"cases.jsonl:4 c type",
		"cases.jsonl:6  ", // a JSON Lines case not closed on its line
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s\n%v", diff, r.Problems)
	}
}

// Pretty-printed cases, one after another, are read too.
func TestPrettyPrintedCases(t *testing.T) {
	text := strings.ReplaceAll(strings.ReplaceAll(threeCases, `{"type"`, "\n  {\"type\""), "]}\n{", "]}\n\n{")
	r := read(t, caseload.Options{AsOf: d(2025, 6, 10)}, text)
	if r.Read != 3 || len(r.Problems) != 0 || len(r.Agenda) != 2 {
		t.Errorf("read %d cases, %d problems (%v), agenda of %d; want 3, 0 and 2", r.Read, len(r.Problems), r.Problems, len(r.Agenda))
	}
}

func TestEmptyInputIsAnError(t *testing.T) {
	for _, text := range []string{"", "\n  \n"} {
		_, err := caseload.Read(caseload.Options{AsOf: d(2025, 6, 10)}, 1, []caseload.Input{{Name: "x", R: strings.NewReader(text)}})
		if !errors.Is(err, caseload.ErrEmpty) {
			t.Errorf("Read(%q) error = %v, want ErrEmpty", text, err)
		}
	}
	_, err := caseload.Read(caseload.Options{}, 1, nil)
	var oe *caseload.OptionsError
	if !errors.As(err, &oe) {
		t.Errorf("Read without as-of date: error = %v, want *OptionsError", err)
	}
}

// The report does not depend on how many workers judge the cases.
func TestWorkersAgree(t *testing.T) {
	var b strings.Builder
	for range 300 {
		b.WriteString(threeCases)
	}
	o := caseload.Options{AsOf: d(2025, 6, 10)}
	one, err := caseload.Read(o, 1, []caseload.Input{{Name: "x", R: strings.NewReader(b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	four, err := caseload.Read(o, 4, []caseload.Input{{Name: "x", R: strings.NewReader(b.String())}})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(one, four, cmpopts.IgnoreUnexported(caseload.Tally{})); diff != "" {
		t.Errorf("1 worker vs 4 (-1 +4):\n%s", diff)
	}
	if one.Read != 900 || len(one.Agenda) != 600 {
		t.Errorf("read %d cases, agenda %d lines; want 900 and 600", one.Read, len(one.Agenda))
	}
}

// Every agenda line, kept case and problem says the file and the line its
// case starts on: a blank line before the cases, and the cases written as
// objects over two lines (not JSON Lines), move them.
func TestSourcesGiveFileAndLine(t *testing.T) {
	text := "\n" + strings.ReplaceAll(threeCases, `"events":[`, "\n\"events\":[")
	want := map[string]caseload.Source{
		"icpc":      {File: "cases.jsonl", Line: 2},
		"undecided": {File: "cases.jsonl", Line: 4},
		"late":      {File: "cases.jsonl", Line: 6},
	}
	r := read(t, caseload.Options{AsOf: d(2025, 6, 10), KeepCases: true}, text)
	got := map[string]caseload.Source{}
	for _, j := range r.Cases {
		got[j.ID] = j.Source
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cases' sources mismatch (-want +got):\n%s", diff)
	}
	if len(r.Agenda) == 0 {
		t.Fatal("no agenda: the test checks nothing")
	}
	for _, e := range r.Agenda {
		if e.Source != want[e.Case] {
			t.Errorf("agenda line of %s from %v, want %v", e.Case, e.Source, want[e.Case])
		}
	}
	// Judged beyond the calendar, every case is a problem, still at its line.
	r = read(t, caseload.Options{AsOf: d(2200, 1, 1)}, text)
	got = map[string]caseload.Source{}
	for _, p := range r.Problems {
		got[p.Case] = p.Source
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems' sources mismatch (-want +got):\n%s", diff)
	}
}
