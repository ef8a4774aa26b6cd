package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// checkCases are three cases as of Wednesday 20 March 2024:
//   - on-time: every deadline met, the core group and first review still open
//     in time, the later reviews not started.
//   - late: the initial conference due Monday 11 March (15 working days after
//     Monday 19 February) held on Wednesday 13, 2 working days late, with a
//     reason that XML cannot carry as it is (a control character, a CDATA
//     terminator, markup).
//   - overdue: referral Monday 18 March, decision due Tuesday 19, still not
//     made on the 20th: 1 working day overdue.
const checkCases = `{"id":"on-time","events":[{"type":"referral-received","date":"2024-01-08"},{"type":"referral-decision","date":"2024-01-09","decision":"section-17-assessment"},{"type":"child-seen","date":"2024-01-09"},{"type":"assessment-started","date":"2024-01-10"},{"type":"strategy-discussion","date":"2024-02-19","outcome":"section-47"},{"type":"assessment-concluded","date":"2024-03-07","outcome":"strategy-discussion"},{"type":"section-47-concluded","date":"2024-03-07","outcome":"substantiated"},{"type":"initial-conference","date":"2024-03-08","outcome":"plan","category":"neglect"}]}
{"id":"late","events":[{"type":"referral-received","date":"2024-01-08"},{"type":"referral-decision","date":"2024-01-09","decision":"strategy-discussion"},{"type":"child-seen","date":"2024-01-09"},{"type":"strategy-discussion","date":"2024-02-19","outcome":"section-47"},{"type":"assessment-concluded","date":"2024-03-07","outcome":"strategy-discussion"},{"type":"section-47-concluded","date":"2024-03-07","outcome":"substantiated"},{"type":"initial-conference","date":"2024-03-13","outcome":"plan","category":"neglect","reason":"chair \u0001 unavailable ]]> <b>&</b>"}]}
{"id":"overdue","events":[{"type":"referral-received","date":"2024-03-18"}]}
`

func writeCases(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cases.jsonl")
	if err := os.WriteFile(path, []byte(checkCases), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The shape a CI system reads, declared apart from the writer's types so
// that the test does not merely read back what the writer meant to write.
type xSuites struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Skipped  int      `xml:"skipped,attr"`
	Suites   []xSuite `xml:"testsuite"`
}

type xSuite struct {
	Name       string      `xml:"name,attr"`
	Tests      int         `xml:"tests,attr"`
	Failures   int         `xml:"failures,attr"`
	Skipped    int         `xml:"skipped,attr"`
	Properties []xProperty `xml:"properties>property"`
	Cases      []xCase     `xml:"testcase"`
}

type xProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type xCase struct {
	Name      string `xml:"name,attr"`
	Classname string `xml:"classname,attr"`
	Failure   *struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	} `xml:"failure"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
}

// elementPaths lists every element as its path from the root, once each,
// checking on the way that the document is well-formed XML.
func elementPaths(t *testing.T, doc []byte) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(doc))
	dec.Strict = true
	var stack []string
	seen := map[string]bool{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, doc)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			seen[strings.Join(stack, "/")] = true
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// A suiteSummary is what a JUnit suite holds: its counts and its test
// cases' names, all and by outcome.
type suiteSummary struct {
	Name                      string
	Tests, Failures, Skipped  int
	Failed, SkippedCases, All []string
}

// suiteSummaries sums up each suite of doc, checking that each test case's
// class is its suite's case ID.
func suiteSummaries(t *testing.T, doc xSuites) []suiteSummary {
	t.Helper()
	var got []suiteSummary
	for _, s := range doc.Suites {
		g := suiteSummary{Name: s.Name, Tests: s.Tests, Failures: s.Failures, Skipped: s.Skipped}
		for _, c := range s.Cases {
			if c.Classname != s.Name {
				t.Errorf("testcase %q has classname %q, want the case ID %q", c.Name, c.Classname, s.Name)
			}
			g.All = append(g.All, c.Name)
			if c.Failure != nil {
				g.Failed = append(g.Failed, c.Name)
			}
			if c.Skipped != nil {
				g.SkippedCases = append(g.SkippedCases, c.Name)
			}
		}
		got = append(got, g)
	}
	return got
}

// --format junit writes a suite per case and a test case per deadline: a
// late or overdue one fails, one not yet started is skipped, and the
// counts add up.
func TestCheckJUnit(t *testing.T) {
	path := writeCases(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where the suites are spooled
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--as-of", "2024-03-20", "--format", "junit", path}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d, want 1 (something is late); stderr: %s", code, errOut.String())
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("output does not start with an XML declaration:\n%s", out.String())
	}
	wantPaths := []string{
		"testsuites",
		"testsuites/testsuite",
		"testsuites/testsuite/properties",
		"testsuites/testsuite/properties/property",
		"testsuites/testsuite/testcase",
		"testsuites/testsuite/testcase/failure",
		"testsuites/testsuite/testcase/skipped",
		"testsuites/testsuite/testcase/system-out",
	}
	if diff := cmp.Diff(wantPaths, elementPaths(t, out.Bytes())); diff != "" {
		t.Errorf("element structure mismatch (-want +got):\n%s", diff)
	}

	var doc xSuites
	if err := xml.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	got := suiteSummaries(t, doc)
	want := []suiteSummary{
		{Name: "on-time", Tests: 7, Skipped: 1, SkippedCases: []string{"review-next"}, All: []string{
			"referral-decision from 2024-01-08", "child-seen from 2024-01-09", "assessment from 2024-01-08", "icpc from 2024-02-19",
			"core-group-first from 2024-03-08", "review-first from 2024-03-08", "review-next",
		}},
		{Name: "late", Tests: 7, Failures: 1, Skipped: 1, Failed: []string{"icpc from 2024-02-19"}, SkippedCases: []string{"review-next"}, All: []string{
			"referral-decision from 2024-01-08", "child-seen from 2024-01-09", "assessment from 2024-01-08", "icpc from 2024-02-19",
			"core-group-first from 2024-03-13", "review-first from 2024-03-13", "review-next",
		}},
		{Name: "overdue", Tests: 1, Failures: 1, Failed: []string{"referral-decision from 2024-03-18"}, All: []string{"referral-decision from 2024-03-18"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suites mismatch (-want +got):\n%s", diff)
	}
	// The root's counts, written before the suites, are their sums.
	type counts struct{ Tests, Failures, Skipped, Errors int }
	var sum counts
	for _, s := range doc.Suites {
		sum.Tests += s.Tests
		sum.Failures += s.Failures
		sum.Skipped += s.Skipped
	}
	root := counts{doc.Tests, doc.Failures, doc.Skipped, doc.Errors}
	if diff := cmp.Diff(sum, root); diff != "" {
		t.Errorf("root counts differ from the suites' sums (-sums +root):\n%s", diff)
	}
	if diff := cmp.Diff(counts{Tests: 15, Failures: 2, Skipped: 2}, root); diff != "" {
		t.Errorf("root counts mismatch (-want +got):\n%s", diff)
	}

	// The failure says what, by how much, and why, in words a CI summary shows.
	late := doc.Suites[1].Cases[3].Failure
	if late == nil {
		t.Fatal("late icpc has no failure")
	}
	if want := "icpc late: due 2024-03-11, done 2024-03-13, 2 working days late"; late.Message != want || late.Type != "late" {
		t.Errorf("failure message %q type %q, want %q type late", late.Message, late.Type, want)
	}
	for _, want := range []string{"reason: chair \uFFFD unavailable ]]> <b>&</b>", "Outcome of section 47 enquiries"} {
		if !strings.Contains(late.Text, want) {
			t.Errorf("failure text lacks %q:\n%s", want, late.Text)
		}
	}
	over := doc.Suites[2].Cases[0].Failure
	if over == nil || over.Type != "overdue" || !strings.Contains(over.Message, "1 working day overdue") {
		t.Errorf("overdue failure = %+v", over)
	}
	props := map[string]string{}
	for _, p := range doc.Suites[1].Properties {
		props[p.Name] = p.Value
	}
	if diff := cmp.Diff(map[string]string{"as_of": "2024-03-20", "stage": "child-protection-plan", "line": "2"}, props); diff != "" {
		t.Errorf("properties mismatch (-want +got):\n%s", diff)
	}
}

// An input with no case in it (empty, or only white space) fails in every
// format, so that a broken export never passes CI; with --allow-empty it
// passes, and the JUnit document is still one a CI system accepts.
func TestCheckNoCases(t *testing.T) {
	for _, body := range []string{"", " \n\t\r\n\n"} {
		path := filepath.Join(t.TempDir(), "empty.jsonl")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, format := range formatNames() {
			var out, errOut bytes.Buffer
			args := []string{"check", "--as-of=2024-03-20", "--format=" + format, path}
			if code := run(args, &out, &errOut); code != 2 {
				t.Errorf("%q in %s: exit %d, want 2", body, format, code)
			}
			if want := "wt: check: the input holds no case (use --allow-empty if that is expected)\n"; errOut.String() != want {
				t.Errorf("%q in %s: stderr %q, want %q", body, format, errOut.String(), want)
			}
			out.Reset()
			errOut.Reset()
			if code := run(append(args, "--allow-empty"), &out, &errOut); code != 0 {
				t.Errorf("%q in %s --allow-empty: exit %d, want 0; stderr %s", body, format, code, errOut.String())
			}
			if format != "junit" {
				continue
			}
			var doc xSuites
			if err := xml.Unmarshal(out.Bytes(), &doc); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			if doc.Tests != 0 || len(doc.Suites) != 0 {
				t.Errorf("got %+v, want an empty testsuites", doc)
			}
		}
	}
}

// --format json writes JSON Lines, one object per case and a summary, with
// the fields the README documents. Scripts depend on these names: a change
// here is a breaking change.
func TestCheckJSONShape(t *testing.T) {
	path := writeCases(t)
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--as-of", "2024-03-20", "--format", "json", path}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d, want 1; stderr: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4 (one per case, then the summary):\n%s", len(lines), out.String())
	}
	type deadline struct {
		Rule         string `json:"rule"`
		Cite         string `json:"cite"`
		Edition      int    `json:"edition"`
		Status       string `json:"status"`
		Anchor       string `json:"anchor"`
		Due          string `json:"due"`
		Done         string `json:"done"`
		WorkdaysLeft int    `json:"workdays_left"`
		Late         int    `json:"late_workdays"`
		Reason       string `json:"reason"`
		Event        *int   `json:"event"`
	}
	type report struct {
		Kind      string     `json:"kind"`
		File      string     `json:"file"`
		Line      int        `json:"line"`
		ID        string     `json:"id"`
		AsOf      string     `json:"as_of"`
		Stage     string     `json:"stage"`
		Late      *bool      `json:"late"`
		Deadlines []deadline `json:"deadlines"`
	}
	var reports []report
	for i, l := range lines[:3] {
		// Every key is one the README documents.
		if diff := cmp.Diff([]string{"as_of", "deadlines", "file", "id", "kind", "late", "line", "stage"}, jsonKeys(t, l)); diff != "" {
			t.Errorf("line %d keys mismatch (-want +got):\n%s", i+1, diff)
		}
		var r report
		dec := json.NewDecoder(strings.NewReader(l))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		reports = append(reports, r)
	}
	// Each report's header, and the deadlines that show each status, are
	// worked by hand: the ICPC of the late case was due 15 working days
	// after its strategy discussion of Monday 19 February (Monday 11 March)
	// and held two working days later.
	headerOnly := cmpopts.IgnoreFields(report{}, "Deadlines")
	onTime := report{Kind: "case", File: path, Line: 1, ID: "on-time", AsOf: "2024-03-20", Stage: "child-protection-plan", Late: ptr(false)}
	if diff := cmp.Diff(onTime, reports[0], headerOnly); diff != "" {
		t.Errorf("on-time report header mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(report{Line: 2, Late: ptr(true)}, reports[1], headerOnly, cmpopts.IgnoreFields(report{}, "Kind", "File", "ID", "AsOf", "Stage")); diff != "" {
		t.Errorf("late report header mismatch (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		name             string
		report, deadline int
		want             deadline
		ignore           []string
	}{
		{"late icpc", 1, 3, deadline{Rule: "icpc", Cite: "WT 2023, Outcome of section 47 enquiries", Edition: 2023, Status: "late",
			Anchor: "2024-02-19", Due: "2024-03-11", Done: "2024-03-13", Late: 2, Event: ptr(3)}, []string{"WorkdaysLeft", "Reason"}},
		{"overdue", 2, 0, deadline{Cite: "WT 2023 para 153", Status: "overdue", Due: "2024-03-19", Late: 1},
			[]string{"Rule", "Edition", "Anchor", "Done", "WorkdaysLeft", "Reason", "Event"}},
		// due Friday 22 March
		{"open core group", 0, 4, deadline{Rule: "core-group-first", Status: "open", WorkdaysLeft: 2},
			[]string{"Cite", "Edition", "Anchor", "Due", "Done", "Late", "Reason", "Event"}},
		{"not-started review", 0, 6, deadline{Status: "not-started", Event: ptr(-1)},
			[]string{"Rule", "Cite", "Edition", "Done", "WorkdaysLeft", "Late", "Reason"}},
	} {
		got := reports[tt.report].Deadlines[tt.deadline]
		if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(deadline{}, tt.ignore...)); diff != "" {
			t.Errorf("%s deadline mismatch (-want +got):\n%s", tt.name, diff)
		}
	}

	// The summary counts the cases and holds each rule named, once, in full.
	var sum struct {
		Kind                    string
		Cases, Late, Unreadable int
		Rules                   []struct {
			Edition int
			timescales.Rule
		}
	}
	if diff := cmp.Diff([]string{"cases", "kind", "late", "rules", "unreadable"}, jsonKeys(t, lines[3])); diff != "" {
		t.Errorf("summary keys mismatch (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(lines[3]), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Kind != "summary" || sum.Cases != 3 || sum.Late != 2 || sum.Unreadable != 0 {
		t.Errorf("summary = %+v", sum)
	}
	var ids []string
	for _, r := range sum.Rules {
		ids = append(ids, fmt.Sprintf("%d %s", r.Edition, r.ID))
	}
	if diff := cmp.Diff([]string{"2023 referral-decision", "2023 child-seen", "2023 assessment", "2023 icpc", "2023 core-group-first", "2023 review-first", "2023 review-next"}, ids); diff != "" {
		t.Errorf("summary rules mismatch (-want +got):\n%s", diff)
	}
	want, err := timescales.National().Rule(timescales.ICPC, holidays.NewDate(2024, 2, 19))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, sum.Rules[3].Rule); diff != "" {
		t.Errorf("summary icpc rule mismatch (-want +got):\n%s", diff)
	}
}

// jsonKeys lists the top-level keys of a JSON object, sorted.
func jsonKeys(t *testing.T, line string) []string {
	t.Helper()
	var keys map[string]json.RawMessage
	if err := json.Unmarshal([]byte(line), &keys); err != nil {
		t.Fatalf("%v: %s", err, line)
	}
	return slices.Sorted(maps.Keys(keys))
}

// A case that cannot be read, between two that can, is in the report in
// every format, with its file and line, and the case after it is judged.
func TestCheckUnreadableEveryFormat(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(checkCases, "\n"), "\n")
	bad := `{"id":"bad","events":[{"type":"referral-received","date":"2024-03-28"},{"type":"core-group-met","date":"2024-04-02"}]}`
	path := filepath.Join(t.TempDir(), "cases.jsonl")
	if err := os.WriteFile(path, []byte(lines[0]+"\n"+bad+"\n"+lines[1]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run1 := func(format string) string {
		var out, errOut bytes.Buffer
		if code := run([]string{"check", "--as-of", "2024-03-20", "--format", format, path}, &out, &errOut); code != 2 {
			t.Errorf("%s: exit %d, want 2", format, code)
		}
		if strings.Count(errOut.String(), "\n") != 1 || !strings.Contains(errOut.String(), path+":2: ") {
			t.Errorf("%s: stderr %q, want one line naming %s:2", format, errOut.String(), path)
		}
		return out.String()
	}

	text := run1("text")
	for _, want := range []string{":1: case on-time:", "\n" + path + ":2: unreadable case bad: event 1: core-group-met is not allowed", ":3: case late:", "\n3 cases: 1 late, 1 unreadable\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}

	var kinds []string
	var errRec struct {
		Kind, File, ID, Error string
		Line                  int
	}
	for l := range strings.Lines(run1("json")) {
		var rec struct{ Kind, ID string }
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		kinds = append(kinds, rec.Kind+" "+rec.ID)
		if rec.Kind == "error" {
			json.Unmarshal([]byte(l), &errRec)
		}
	}
	if diff := cmp.Diff([]string{"case on-time", "error bad", "case late", "summary "}, kinds); diff != "" {
		t.Errorf("json records mismatch (-want +got):\n%s", diff)
	}
	if errRec.File != path || errRec.Line != 2 || !strings.HasPrefix(errRec.Error, "event 1: core-group-met is not allowed") {
		t.Errorf("json error record = %+v", errRec)
	}

	checkUnreadableJUnit(t, run1("junit"), path)
}

// checkUnreadableJUnit checks TestCheckUnreadableEveryFormat's JUnit
// document: the unreadable case at path:2 is a suite of one erroring test
// case, between the two judged cases.
func checkUnreadableJUnit(t *testing.T, junit, path string) {
	t.Helper()
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Errors   int `xml:"errors,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name   string `xml:"name,attr"`
			Errors int    `xml:"errors,attr"`
			Cases  []struct {
				Name  string `xml:"name,attr"`
				File  string `xml:"file,attr"`
				Line  int    `xml:"line,attr"`
				Error *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
				} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(junit), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 15 || doc.Errors != 1 || doc.Failures != 1 || len(doc.Suites) != 3 {
		t.Fatalf("junit counts tests=%d errors=%d failures=%d suites=%d, want 15, 1, 1, 3", doc.Tests, doc.Errors, doc.Failures, len(doc.Suites))
	}
	s := doc.Suites[1]
	if s.Name != "bad" || s.Errors != 1 || len(s.Cases) != 1 {
		t.Fatalf("junit suite of the bad case = %+v", s)
	}
	if c := s.Cases[0]; c.File != path || c.Line != 2 || c.Error == nil || c.Error.Type != "unreadable" || !strings.Contains(c.Error.Message, "core-group-met") {
		t.Errorf("junit test case of the bad case = %+v", c)
	}
	if doc.Suites[2].Name != "late" {
		t.Errorf("the case after the bad one is %q, want late", doc.Suites[2].Name)
	}
}

func ptr[T any](v T) *T { return &v }
