package main

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// timelineCase is the case of examples/timeline: referral Wednesday
// 11 December 2024, the conference due Tuesday 14 January 2025 after
// Christmas, the first core group 2 working days late.
const timelineCase = `{"id":"timeline-example","birth_date":"2016-06-14","events":[
{"type":"referral-received","date":"2024-12-11"},
{"type":"referral-decision","date":"2024-12-12","decision":"section-17-assessment"},
{"type":"assessment-started","date":"2024-12-13"},
{"type":"strategy-discussion","date":"2024-12-19","outcome":"section-47"},
{"type":"assessment-concluded","date":"2025-01-09","outcome":"strategy-discussion"},{"type":"section-47-concluded","date":"2025-01-09","outcome":"substantiated"},
{"type":"initial-conference","date":"2025-01-13","outcome":"plan","category":"neglect"},
{"type":"core-group-met","date":"2025-01-29","reason":"first day the school and health visitor could both attend"},
{"type":"review-conference","date":"2025-04-10","outcome":"continue"},
{"type":"review-conference","date":"2025-10-09","outcome":"end"}]}
`

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// svgElement is any element of the picture, with the attributes and text
// the test looks for.
type svgElement struct {
	XMLName  xml.Name
	Attrs    []xml.Attr   `xml:",any,attr"`
	Text     string       `xml:",chardata"`
	Children []svgElement `xml:",any"`
}

func (e svgElement) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// walk calls f on e and every element under it.
func (e svgElement) walk(f func(svgElement)) {
	f(e)
	for _, c := range e.Children {
		c.walk(f)
	}
}

// allText is the text of e and everything under it.
func (e svgElement) allText() string {
	var b strings.Builder
	e.walk(func(x svgElement) { b.WriteString(x.Text) })
	return b.String()
}

func parseSVG(t *testing.T, data []byte) svgElement {
	t.Helper()
	// Well-formed first, strictly, token by token.
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
	var root svgElement
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element is %v, want svg in the SVG namespace", root.XMLName)
	}
	return root
}

type drawnDeadline struct{ Rule, Status, Due string }

func deadlinesIn(root svgElement) ([]drawnDeadline, map[string]string) {
	var got []drawnDeadline
	notes := map[string]string{}
	root.walk(func(e svgElement) {
		if e.XMLName.Local == "g" && e.attr("class") == "deadline" {
			got = append(got, drawnDeadline{e.attr("data-rule"), e.attr("data-status"), e.attr("data-due")})
			notes[e.attr("data-rule")] += e.allText()
		}
	})
	return got, notes
}

func TestTimelineSVG(t *testing.T) {
	in := writeFile(t, "case.json", timelineCase)
	out := filepath.Join(t.TempDir(), "case.svg")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"timeline", in, "--svg", out, "--as-of", "2025-10-20"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr.String())
	}
	if stdout.Len() != 0 {
		t.Errorf("wrote %q to stdout, want nothing", stdout.String())
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	root := parseSVG(t, data)

	// Every deadline of the case, with its due date and verdict.
	got, notes := deadlinesIn(root)
	want := []drawnDeadline{
		{"referral-decision", "met", "2024-12-12"},
		{"assessment", "met", "2025-02-17"},
		{"icpc", "met", "2025-01-14"},
		{"core-group-first", "late", "2025-01-27"},
		{"review-first", "met", "2025-04-13"},
		{"plan-ends-at-18", "met", "2034-06-14"},
		{"review-next", "met", "2025-10-10"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deadlines drawn mismatch (-want +got):\n%s", diff)
	}
	for _, d := range want {
		note := notes[d.Rule]
		if !strings.Contains(note, d.Rule) || !strings.Contains(note, d.Due) {
			t.Errorf("deadline %s: its text %q does not show the rule and due date", d.Rule, note)
		}
	}
	if n := notes["core-group-first"]; !strings.Contains(n, "2 working days late") || !strings.Contains(n, "school and health visitor") {
		t.Errorf("late core group's text %q lacks the verdict or the reason", n)
	}

	// Met and late differ in colour.
	colours := map[string]map[string]bool{}
	root.walk(func(e svgElement) {
		if e.XMLName.Local == "g" && e.attr("class") == "deadline" {
			e.walk(func(x svgElement) {
				if x.XMLName.Local == "text" && x.attr("fill") != "" {
					if colours[e.attr("data-status")] == nil {
						colours[e.attr("data-status")] = map[string]bool{}
					}
					colours[e.attr("data-status")][x.attr("fill")] = true
				}
			})
		}
	})
	for c := range colours["met"] {
		if colours["late"][c] {
			t.Errorf("met and late deadlines share the colour %s", c)
		}
	}

	// The stages as bands, in order, and the as-of line.
	var stages []string
	var asOf string
	root.walk(func(e svgElement) {
		switch {
		case e.XMLName.Local == "g" && e.attr("class") == "stage":
			stages = append(stages, e.attr("data-stage"))
		case e.XMLName.Local == "g" && e.attr("class") == "as-of":
			asOf = e.allText()
		}
	})
	wantStages := []string{"referred", "awaiting-assessment", "assessment", "section-47", "conference-due", "child-protection-plan", "open"}
	if diff := cmp.Diff(wantStages, stages); diff != "" {
		t.Errorf("stage bands mismatch (-want +got):\n%s", diff)
	}
	if asOf != "as of 2025-10-20" {
		t.Errorf("as-of line label %q, want %q", asOf, "as of 2025-10-20")
	}
}

// Before the conference, a deadline is overdue, later events are left out,
// and what comes next is named.
func TestTimelineSVGAsOfMidCase(t *testing.T) {
	in := writeFile(t, "case.json", timelineCase)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"timeline", "--as-of=2025-01-28", "--svg=-", in}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr.String())
	}
	root := parseSVG(t, stdout.Bytes())
	got, _ := deadlinesIn(root)
	want := []drawnDeadline{
		{"referral-decision", "met", "2024-12-12"},
		{"assessment", "met", "2025-02-17"},
		{"icpc", "met", "2025-01-14"},
		{"core-group-first", "overdue", "2025-01-27"},
		{"review-first", "open", "2025-04-13"},
		{"plan-ends-at-18", "open", "2034-06-14"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deadlines drawn mismatch (-want +got):\n%s", diff)
	}
	text := root.allText()
	for _, s := range []string{"not yet started: review-next", "3 later events after the as-of date not drawn", "1 working day overdue"} {
		if !strings.Contains(text, s) {
			t.Errorf("picture lacks %q", s)
		}
	}
}

// Text from the input is escaped, and every kind of clock is drawn.
func TestTimelineSVGEscapesAndAsSoonAsPossible(t *testing.T) {
	in := writeFile(t, "case.json", `{"id":"<ip & \"q\">","events":[
{"type":"referral-received","date":"2024-03-27"},
{"type":"referral-decision","date":"2024-03-28","decision":"immediate-protection"},
{"type":"immediate-protection-taken","date":"2024-04-02","outcome":"single-agency","reason":"a \u0001 ]]> b"},
{"type":"strategy-discussion","date":"2024-04-04","outcome":"section-47"}]}`)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"timeline", in, "--svg", "-", "--as-of", "2024-06-12"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, stderr.String())
	}
	root := parseSVG(t, stdout.Bytes())
	if !strings.Contains(root.allText(), `Case <ip & "q">`) {
		t.Error("the case ID does not survive escaping")
	}
	got, _ := deadlinesIn(root)
	want := []drawnDeadline{
		{"referral-decision", "met", "2024-03-28"},
		{"assessment", "overdue", "2024-06-04"},
		{"immediate-protection", "done", ""},
		{"strategy-after-emergency", "done", ""},
		{"icpc", "overdue", "2024-04-25"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("deadlines drawn mismatch (-want +got):\n%s", diff)
	}
}

func TestTimelineErrors(t *testing.T) {
	two := writeFile(t, "two.jsonl", `{"id":"a","events":[]}
{"id":"b","events":[]}
`)
	bad := writeFile(t, "bad.json", `{"id":"a","events":[{"type":"referral-received","date":"2024-02-30"}]}`)
	out := filepath.Join(t.TempDir(), "x.svg")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"timeline", two, "--svg", out, "--as-of", "2024-01-01"}, "pick one with --case ID"},
		{[]string{"timeline", two, "--svg", out, "--case", "c", "--as-of", "2024-01-01"}, `holds no case "c"`},
		{[]string{"timeline", bad, "--svg", out, "--as-of", "2024-01-01"}, `bad.json:1: event 0 (referral-received): field "date"`},
		{[]string{"timeline", two, "--as-of", "2024-01-01"}, "--svg OUT is required"},
		{[]string{"timeline", "--svg", out}, "want one case FILE, got 0"},
		{[]string{"timeline", two, "--svg"}, "--svg needs a value"},
		{[]string{"timeline", two, "--svg", out, "--as-of", "2024-13-01"}, "--as-of"},
		{[]string{"timeline", two, "--svg", out, "--colour"}, `unknown flag "--colour"`},
		{[]string{"timeline", filepath.Join(t.TempDir(), "none.json"), "--svg", out}, "no such file"},
		{[]string{"timeline", two, "--case", "a", "--svg", out, "--as-of", "1900-01-01"}, "1900-01-01"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, &stdout, &stderr); code != 2 {
			t.Errorf("wt %s: exit %d, want 2", strings.Join(tt.args, " "), code)
		}
		if !strings.Contains(stderr.String(), tt.want) || strings.Count(stderr.String(), "\n") != 1 {
			t.Errorf("wt %s: stderr %q, want one line containing %q", strings.Join(tt.args, " "), stderr.String(), tt.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed run left %s behind (stat: %v)", out, err)
	}
}
