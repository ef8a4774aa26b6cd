package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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

func TestCheckJUnit(t *testing.T) {
	path := writeCases(t)
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--as-of", "2024-03-20", "--format", "junit", path}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d, want 1 (something is late); stderr: %s", code, errOut.String())
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
	type suite struct {
		Name                      string
		Tests, Failures, Skipped  int
		Failed, SkippedCases, All []string
	}
	var got []suite
	for _, s := range doc.Suites {
		g := suite{Name: s.Name, Tests: s.Tests, Failures: s.Failures, Skipped: s.Skipped}
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
	want := []suite{
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
	if doc.Tests != 15 || doc.Failures != 2 || doc.Skipped != 2 || doc.Errors != 0 {
		t.Errorf("root counts tests=%d failures=%d skipped=%d errors=%d, want 15, 2, 2, 0", doc.Tests, doc.Failures, doc.Skipped, doc.Errors)
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

// --format json writes JSON Lines, one object per case, with the fields the
// README documents. Scripts depend on these names: a change here is a
// breaking change.
func TestCheckJSONShape(t *testing.T) {
	path := writeCases(t)
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--as-of", "2024-03-20", "--format", "json", path}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d, want 1; stderr: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3 (one per case):\n%s", len(lines), out.String())
	}
	type deadline struct {
		Rule struct {
			ID    string `json:"id"`
			Name  string `json:"name"`
			Bound struct {
				N    int
				Unit string
			} `json:"bound"`
			Citation struct {
				Edition   string `json:"edition"`
				Paragraph string `json:"paragraph"`
			} `json:"citation"`
		} `json:"rule"`
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
		File      string     `json:"file"`
		Line      int        `json:"line"`
		ID        string     `json:"id"`
		AsOf      string     `json:"as_of"`
		Stage     string     `json:"stage"`
		Late      *bool      `json:"late"`
		Deadlines []deadline `json:"deadlines"`
	}
	var reports []report
	for i, l := range lines {
		// Every top-level key is one the README documents.
		var keys map[string]json.RawMessage
		if err := json.Unmarshal([]byte(l), &keys); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		var names []string
		for k := range keys {
			names = append(names, k)
		}
		sort.Strings(names)
		if diff := cmp.Diff([]string{"as_of", "deadlines", "file", "id", "late", "line", "stage"}, names); diff != "" {
			t.Errorf("line %d keys mismatch (-want +got):\n%s", i+1, diff)
		}
		var r report
		dec := json.NewDecoder(strings.NewReader(l))
		if err := dec.Decode(&r); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		reports = append(reports, r)
	}
	if r := reports[0]; r.ID != "on-time" || r.File != path || r.Line != 1 || r.AsOf != "2024-03-20" || r.Stage != "child-protection-plan" || r.Late == nil || *r.Late {
		t.Errorf("on-time report header = %+v", r)
	}
	late := reports[1]
	if late.Late == nil || !*late.Late || late.Line != 2 {
		t.Errorf("late report: late=%v line=%d, want true, 2", late.Late, late.Line)
	}
	icpc := late.Deadlines[3]
	if icpc.Rule.ID != "icpc" || icpc.Status != "late" || icpc.Due != "2024-03-11" || icpc.Done != "2024-03-13" ||
		icpc.Late != 2 || icpc.Edition != 2023 || icpc.Anchor != "2024-02-19" || icpc.Event == nil || *icpc.Event != 3 ||
		icpc.Rule.Bound.N != 15 || icpc.Rule.Bound.Unit != "working-days" || icpc.Rule.Citation.Edition == "" {
		t.Errorf("late icpc deadline = %+v", icpc)
	}
	over := reports[2].Deadlines[0]
	if over.Status != "overdue" || over.Late != 1 || over.Due != "2024-03-19" {
		t.Errorf("overdue deadline = %+v", over)
	}
	open := reports[0].Deadlines[4]
	if open.Rule.ID != "core-group-first" || open.Status != "open" || open.WorkdaysLeft != 2 {
		t.Errorf("open core group = %+v, want 2 working days left (due Friday 22 March)", open)
	}
	ns := reports[0].Deadlines[6]
	if ns.Status != "not-started" || ns.Due != "" || ns.Anchor != "" || ns.Event == nil || *ns.Event != -1 {
		t.Errorf("not-started review = %+v", ns)
	}
}
