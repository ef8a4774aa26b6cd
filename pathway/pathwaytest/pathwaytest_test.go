package pathwaytest_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/pathway/pathwaytest"
	"github.com/workingtogether/safeguarding/timescales"
)

// recorder is a testing.TB that keeps what the helpers report instead of
// failing the test that runs them. Only the methods the helpers call are
// implemented; the embedded nil interface makes any other call panic, which
// would show that the helpers started to rely on more.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) Failed() bool { return len(r.errors) > 0 }

// asOf is a fixed as-of date after every event in testdata, so that no test
// depends on today's date.
var asOf = holidays.Date{Year: 2024, Month: 3, Day: 20}

func loadAll(t *testing.T) map[string]*pathway.Case {
	t.Helper()
	byID := make(map[string]*pathway.Case)
	for _, glob := range []string{"testdata/ontime.json", "testdata/more.jsonl"} {
		for _, c := range pathwaytest.LoadCases(t, glob) {
			byID[c.ID()] = c
		}
	}
	return byID
}

func TestCheckOnTimePassesOnTimeCases(t *testing.T) {
	cases := loadAll(t)
	for _, id := range []string{"on-time", "decided"} {
		c, ok := cases[id]
		if !ok {
			t.Fatalf("case %q not loaded", id)
		}
		// The real t: this is how a host uses it.
		if !pathwaytest.CheckOnTime(t, c, asOf) {
			t.Errorf("CheckOnTime(%s) = false, want true", id)
		}
	}
}

func TestCheckOnTimeReportsLateCase(t *testing.T) {
	c := loadAll(t)["late-conference"]
	if c == nil {
		t.Fatal("case late-conference not loaded")
	}
	rec := &recorder{}
	if pathwaytest.CheckOnTime(rec, c, asOf) {
		t.Error("CheckOnTime = true for a conference held 2 working days late")
	}
	if len(rec.errors) != 1 {
		t.Fatalf("CheckOnTime reported %d errors, want 1: %q", len(rec.errors), rec.errors)
	}
	msg := rec.errors[0]
	for _, want := range []string{
		`case "late-conference" as of 2024-03-20`,
		"(-want +got)",
		`Rule:`, `"icpc"`, `"late"`, "LateWorkdays: 2", `"chair unavailable"`,
		"Working Together 2023, Outcome of section 47 enquiries",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestMissedDeadlines(t *testing.T) {
	c := loadAll(t)["late-conference"]
	if c == nil {
		t.Fatal("case late-conference not loaded")
	}
	got, err := pathwaytest.MissedDeadlines(c, asOf)
	if err != nil {
		t.Fatal(err)
	}
	// Strategy discussion Monday 19 February 2024: 15 working days end on
	// Monday 11 March. Held on Wednesday 13 March: 2 working days late.
	want := []pathwaytest.Missed{{
		Rule:         timescales.ICPC,
		Status:       pathway.Late,
		Anchor:       holidays.Date{Year: 2024, Month: 2, Day: 19},
		Due:          holidays.Date{Year: 2024, Month: 3, Day: 11},
		Done:         holidays.Date{Year: 2024, Month: 3, Day: 13},
		LateWorkdays: 2,
		Reason:       "chair unavailable",
	}}
	if diff := cmp.Diff(want, got, cmp.FilterPath(func(p cmp.Path) bool {
		return p.Last().String() == ".Citation"
	}, cmp.Ignore())); diff != "" {
		t.Errorf("MissedDeadlines mismatch (-want +got):\n%s", diff)
	}
	if len(got) == 1 && got[0].Citation != "Working Together 2023, Outcome of section 47 enquiries" {
		t.Errorf("citation %q, want the 2023 edition and its section", got[0].Citation)
	}

	// An overdue clock counts too: as of Tuesday 12 March, before the
	// conference, it is 1 working day overdue and has no done date.
	got, err = pathwaytest.MissedDeadlines(c, holidays.Date{Year: 2024, Month: 3, Day: 12})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Status != pathway.Overdue || got[0].LateWorkdays != 1 || !got[0].Done.IsZero() {
		t.Errorf("as of 2024-03-12: got %+v, want icpc overdue by 1", got)
	}
}

func TestCheckOnTimeCannotCheck(t *testing.T) {
	rec := &recorder{}
	if pathwaytest.CheckOnTime(rec, nil, asOf) {
		t.Error("CheckOnTime(nil case) = true")
	}
	c, err := pathway.New("empty")
	if err != nil {
		t.Fatal(err)
	}
	if pathwaytest.CheckOnTime(rec, c, holidays.Date{Year: 1066, Month: 10, Day: 14}) {
		t.Error("CheckOnTime with an as-of date outside the calendar = true")
	}
	if len(rec.errors) != 2 {
		t.Fatalf("got %d errors, want 2: %q", len(rec.errors), rec.errors)
	}
	for _, e := range rec.errors {
		if !strings.HasPrefix(e, "pathwaytest: cannot check: ") {
			t.Errorf("error %q does not say the check could not be made", e)
		}
	}
}

func TestLoadCasesReportsBadInput(t *testing.T) {
	rec := &recorder{}
	cases := pathwaytest.LoadCases(rec, "testdata/bad.jsonl")
	var ids []string
	for _, c := range cases {
		ids = append(ids, c.ID())
	}
	if diff := cmp.Diff([]string{"fine"}, ids); diff != "" {
		t.Errorf("loaded cases mismatch (-want +got):\n%s", diff)
	}
	if len(rec.errors) != 2 {
		t.Fatalf("got %d errors, want 2 (order, syntax): %q", len(rec.errors), rec.errors)
	}
	for i, want := range []string{"testdata/bad.jsonl: line 2", "testdata/bad.jsonl: line 3"} {
		if !strings.Contains(rec.errors[i], want) {
			t.Errorf("error %d = %q, want it to contain %q", i, rec.errors[i], want)
		}
	}
	if !strings.Contains(rec.errors[0], `case "wrong-order"`) {
		t.Errorf("error %q does not name the case", rec.errors[0])
	}
}

func TestLoadCasesNoMatch(t *testing.T) {
	rec := &recorder{}
	if got := pathwaytest.LoadCases(rec, "testdata/no-such-*.json"); got != nil {
		t.Errorf("LoadCases = %v, want nil", got)
	}
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "no file matches") {
		t.Errorf("errors = %q, want one saying no file matches", rec.errors)
	}
	rec = &recorder{}
	pathwaytest.LoadCases(rec, "testdata/[")
	if len(rec.errors) != 1 {
		t.Errorf("a malformed glob gave errors %q, want one", rec.errors)
	}
}

// A host's compliance test: every exported case, one subtest each.
func ExampleCheckOnTime() {
	// In a _test.go file of the host:
	//
	//	func TestCasesOnTime(t *testing.T) {
	//		asOf := holidays.Date{Year: 2024, Month: 3, Day: 20}
	//		for _, c := range pathwaytest.LoadCases(t, "testdata/cases/*.json") {
	//			t.Run(c.ID(), func(t *testing.T) { pathwaytest.CheckOnTime(t, c, asOf) })
	//		}
	//	}
	//
	// Outside a test, the same verdicts come from MissedDeadlines.
	c, err := pathway.Replay(pathway.Log{ID: "c-1", Events: []pathway.Event{
		{Type: pathway.ReferralReceived, Date: holidays.Date{Year: 2024, Month: 3, Day: 28}},
		{Type: pathway.ReferralDecision, Date: holidays.Date{Year: 2024, Month: 4, Day: 3}, Outcome: pathway.OutcomeEarlyHelp},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	missed, err := pathwaytest.MissedDeadlines(c, holidays.Date{Year: 2024, Month: 4, Day: 30})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range missed {
		fmt.Printf("%s: due %s, done %s, %d working day late\n", m.Rule, m.Due, m.Done, m.LateWorkdays)
	}
	// Output:
	// referral-decision: due 2024-04-02, done 2024-04-03, 1 working day late
}

func TestLoadCasesFS(t *testing.T) {
	fsys := fstest.MapFS{
		"cases/a.json":   {Data: []byte(`{"id":"a","events":[{"type":"referral-received","date":"2024-03-28"}]}`)},
		"cases/b.jsonl":  {Data: []byte("{\"id\":\"b\",\"events\":[]}\n{\"id\":\"c\",\"events\":[]}\n")},
		"cases/bad.json": {Data: []byte(`{"id":"d","events":[{"type":"nonsense","date":"2024-03-28"}]}`)},
		"other.json":     {Data: []byte(`{"id":"x","events":[]}`)},
	}
	rec := &recorder{}
	var ids []string
	for _, c := range pathwaytest.LoadCasesFS(rec, fsys, "cases/*.json*") {
		ids = append(ids, c.ID())
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, ids); diff != "" {
		t.Errorf("loaded cases mismatch (-want +got):\n%s", diff)
	}
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], `cases/bad.json: line 1: case "d": event 0: field "type": unknown event type "nonsense"; want one of `) {
		t.Errorf("errors = %q", rec.errors)
	}
	rec = &recorder{}
	if got := pathwaytest.LoadCasesFS(rec, fsys, "none/*"); got != nil || len(rec.errors) != 1 {
		t.Errorf("no match: got %v, errors %q", got, rec.errors)
	}
}

// A deadline set by a local protocol cites the protocol, not the guidance.
func TestMissedDeadlinesLocalCitation(t *testing.T) {
	book, err := timescales.National().WithLocal(timescales.Rule{
		ID:        timescales.ICPC,
		Name:      "Initial child protection conference (Anytown protocol)",
		Anchor:    "strategy discussion at which section 47 enquiries were initiated",
		Target:    "initial child protection conference held",
		Bound:     timescales.Bound{N: 10, Unit: timescales.WorkingDays},
		Statutory: true,
		Citation:  timescales.Citation{Edition: "Anytown procedures 2024", Chapter: "Child protection", Paragraph: "4.2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	cases := pathwaytest.LoadCases(rec, "testdata/more.jsonl", pathway.WithRulebook(book))
	if len(rec.errors) != 0 || len(cases) == 0 {
		t.Fatalf("load: %q", rec.errors)
	}
	got, err := pathwaytest.MissedDeadlines(cases[0], asOf)
	if err != nil {
		t.Fatal(err)
	}
	// Ten working days after Monday 19 February 2024: Monday 4 March.
	if len(got) != 1 || got[0].Citation != "Anytown procedures 2024, para 4.2" || got[0].Due != (holidays.Date{Year: 2024, Month: 3, Day: 4}) || got[0].LateWorkdays != 7 {
		t.Errorf("got %+v, want icpc due 2024-03-04, 7 working days late, citing the protocol", got)
	}
}
