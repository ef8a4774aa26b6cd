package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
)

func runCheckCmd(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeCase(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Referral Monday 2 September 2024; assessment due Monday 4 November
// (45 working days), concluded Wednesday 6 November: 2 working days late.
const lateCase = `{"id":"late-s17","events":[{"type":"referral-received","date":"2024-09-02"},{"type":"referral-decision","date":"2024-09-03","decision":"section-17-assessment"},{"type":"child-seen","date":"2024-09-03"},{"type":"assessment-started","date":"2024-09-04"},{"type":"assessment-concluded","date":"2024-11-06","outcome":"child-in-need-plan","reason":"paediatric assessment delayed"}]}`

// Referral Thursday 28 March 2024, decided Tuesday 2 April (Easter between).
const okCase = `{"id":"ok","events":[{"type":"referral-received","date":"2024-03-28"},{"type":"referral-decision","date":"2024-04-02","decision":"early-help"}]}`

func TestCheckText(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.json")
	os.WriteFile(ok, []byte("{\n  \"id\": \"ok\",\n  \"events\": [\n"+
		`    {"type":"referral-received","date":"2024-03-28"},`+"\n"+
		`    {"type":"referral-decision","date":"2024-04-02","decision":"early-help"}`+"\n  ]\n}\n"), 0o644)
	code, out, errOut := runCheckCmd("check", "--as-of", "2024-04-30", ok)
	want := ok + ":1: case ok: stage early-help as of 2024-04-30\n" +
		"  met         referral-decision        due 2024-04-02; done 2024-04-02 [WT 2023 para 153]\n" +
		"1 case: 0 late, 0 unreadable\n"
	if code != 0 || errOut != "" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}

func TestCheckLateExitsOne(t *testing.T) {
	p := writeCase(t, "cases.jsonl", okCase+"\n"+lateCase+"\n")
	code, out, errOut := runCheckCmd("check", "--as-of=2024-12-31", p)
	if code != 1 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, s := range []string{
		p + ":2: case late-s17: stage child-in-need as of 2024-12-31\n",
		`  late        assessment               due 2024-11-04; done 2024-11-06; 2 working days late; reason: "paediatric assessment delayed" [WT 2023 para 155]`,
	} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %q:\n%s", s, out)
		}
	}
	// Before the assessment was due, nothing is late.
	if code, out, _ := runCheckCmd("check", "--as-of", "2024-10-01", p); code != 0 {
		t.Errorf("as of 1 October: exit %d\n%s", code, out)
	}
	// Overdue counts: as of 5 November the open assessment is a day over.
	if code, out, _ := runCheckCmd("check", "--as-of", "2024-11-05", p); code != 1 || !strings.Contains(out, "overdue") {
		t.Errorf("as of 5 November: exit %d\n%s", code, out)
	}
}

func TestCheckJSON(t *testing.T) {
	p := writeCase(t, "cases.jsonl", okCase+"\n"+lateCase+"\n")
	code, out, _ := runCheckCmd("check", "--format", "json", "--as-of", "2024-12-31", p)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 JSON lines (2 cases and the summary), got %d:\n%s", len(lines), out)
	}
	var got struct {
		Line      int    `json:"line"`
		ID        string `json:"id"`
		Stage     string `json:"stage"`
		Late      bool   `json:"late"`
		Deadlines []struct {
			Rule   string `json:"rule"`
			Status string `json:"status"`
			Due    string `json:"due"`
			Late   int    `json:"late_workdays"`
			Reason string `json:"reason"`
		} `json:"deadlines"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &got); err != nil {
		t.Fatal(err)
	}
	if got.Line != 2 || got.ID != "late-s17" || got.Stage != "child-in-need" || !got.Late || len(got.Deadlines) != 3 {
		t.Fatalf("got %+v", got)
	}
	if d := got.Deadlines[2]; d.Rule != "assessment" || d.Status != "late" || d.Due != "2024-11-04" || d.Late != 2 || d.Reason != "paediatric assessment delayed" {
		t.Errorf("assessment %+v", d)
	}
}

// A case that cannot be read or judged is reported where it stands, in
// the report itself, and the cases after it are still judged; the run exits
// 2 with one line on stderr.
func TestCheckBadInput(t *testing.T) {
	bad := `{"id":"bad","events":[{"type":"referral-received","date":"2024-03-28"},{"type":"core-group-met","date":"2024-04-02"}]}`
	p := writeCase(t, "cases.jsonl", okCase+"\n"+bad+"\n"+lateCase+"\n")
	code, out, errOut := runCheckCmd("check", "--as-of", "2024-12-31", p)
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	want := "wt: check: 1 unreadable (see the report); the first: " + p + `:2: case "bad": event 1: core-group-met is not allowed in stage referred; allowed: referral-decision, immediate-protection-taken, strategy-discussion, child-born, child-died, transferred-out, care-proceedings-issued` + "\n"
	if errOut != want {
		t.Errorf("stderr:\n got %q\nwant %q", errOut, want)
	}
	for _, line := range []string{
		p + ":1: case ok: stage early-help as of 2024-12-31\n",
		p + ":2: unreadable case bad: event 1: core-group-met is not allowed in stage referred; allowed: referral-decision, immediate-protection-taken, strategy-discussion, child-born, child-died, transferred-out, care-proceedings-issued\n",
		p + ":3: case late-s17: stage child-in-need as of 2024-12-31\n",
		"\n3 cases: 1 late, 1 unreadable\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("report lacks %q:\n%s", line, out)
		}
	}

	syntax := writeCase(t, "syntax.json", "{\"id\":\"x\",\n\"events\":[}\n"+okCase)
	code, out, errOut = runCheckCmd("check", "--as-of", "2024-12-31", syntax)
	if code != 2 || errOut != "wt: check: 1 unreadable (see the report); the first: "+syntax+":2: invalid character '}' looking for beginning of value\n" {
		t.Errorf("syntax: exit %d, stderr %q", code, errOut)
	}
	if !strings.HasPrefix(out, syntax+":2: unreadable: invalid character '}' looking for beginning of value\n") {
		t.Errorf("syntax: report %q", out)
	}

	// A file that cannot be opened is unreadable too, and the next file is
	// still checked.
	missing := filepath.Join(t.TempDir(), "missing.json")
	code, out, errOut = runCheckCmd("check", "--as-of", "2024-12-31", missing, p)
	if code != 2 || !strings.HasPrefix(out, missing+": unreadable: open "+missing+": no such file or directory\n") ||
		!strings.HasSuffix(out, "\n4 cases: 1 late, 2 unreadable\n") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("missing file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	for _, args := range [][]string{
		{"check"},
		{"check", "--format", "xml", p},
		{"check", "--as-of", "2024-13-01", p},
		{"check", "--as-of"},
		{"check", "--colour", p},
	} {
		code, out, errOut := runCheckCmd(args...)
		if code != 2 || out != "" || !strings.HasPrefix(errOut, "wt: check: ") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestDiagramCommand(t *testing.T) {
	code, out, errOut := runCheckCmd("diagram")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "stateDiagram-v2\n    [*] --> new\n") {
		t.Errorf("exit %d, stderr %q, stdout starts %q", code, errOut, out[:min(len(out), 40)])
	}
	if code, _, _ := runCheckCmd("diagram", "extra"); code != 2 {
		t.Errorf("diagram extra: exit %d", code)
	}
}

// A case ID that holds a newline or a control character is quoted in the
// text report, which stays a line per case heading.
func TestCheckTextQuotesStrangeIDs(t *testing.T) {
	odd := strings.Replace(okCase, `"id":"ok"`, `"id":"two\nlines\u0007"`, 1)
	p := writeCase(t, "cases.jsonl", odd+"\n")
	_, out, _ := runCheckCmd("check", "--as-of", "2024-04-30", p)
	if want := p + ":1: case \"two\\nlines\\a\": stage early-help as of 2024-04-30\n"; !strings.HasPrefix(out, want) {
		t.Errorf("report begins %q, want %q", out, want)
	}
}

// A truncated line in the middle of an export is one unreadable case: the
// cases after it are still judged, in every format.
func TestCheckGoesOnAfterSyntaxError(t *testing.T) {
	p := writeCase(t, "cases.jsonl", okCase+"\n"+`{"id":"cut","events":[{"type":"referral-rec`+"\n"+lateCase+"\n")
	code, out, _ := runCheckCmd("check", "--as-of", "2024-12-31", p)
	for _, want := range []string{
		p + ":1: case ok:",
		"\n" + p + ":2: unreadable: ",
		"\n" + p + ":3: case late-s17:",
		"\n3 cases: 1 late, 1 unreadable\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}

// Judged on every core, the cases still come out in input order, each with
// the line it starts on, over more cases than one batch of work: a JSON Lines
// file with unreadable cases mixed in, then a file of cases spread over
// several lines.
func TestCheckManyCasesOrderAndLines(t *testing.T) {
	type rec struct {
		Kind string
		File string
		ID   string
		Line int
	}
	dir := t.TempDir()
	lines, spread := filepath.Join(dir, "lines.jsonl"), filepath.Join(dir, "spread.json")
	var want []rec
	var in strings.Builder
	for i := range 1200 {
		id := fmt.Sprintf("c%04d", i)
		c := strings.Replace(okCase, `"id":"ok"`, `"id":"`+id+`"`, 1)
		switch i % 7 {
		case 5: // refused: an event type that does not exist
			c = strings.Replace(c, `"referral-received"`, `"referral-recieved"`, 1)
			want = append(want, rec{"error", lines, id, i + 1})
		case 6: // cut short: not JSON
			c = c[:len(c)/2]
			want = append(want, rec{"error", lines, "", i + 1})
		default:
			want = append(want, rec{"case", lines, id, i + 1})
		}
		in.WriteString(c + "\n")
	}
	if err := os.WriteFile(lines, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	in.Reset()
	for i := range 300 {
		id := fmt.Sprintf("s%03d", i)
		c := strings.Replace(okCase, `"id":"ok"`, `"id":"`+id+`"`, 1)
		c = strings.Replace(c, `"events":[`, "\n\"events\":[\n", 1) // three lines
		if i%50 == 49 {
			// An error names the line of the event at fault: the third.
			c = strings.Replace(c, `"early-help"`, `"early-hope"`, 1)
			want = append(want, rec{"error", spread, id, 3*i + 3})
		} else {
			want = append(want, rec{"case", spread, id, 3*i + 1})
		}
		in.WriteString(c + "\n")
	}
	if err := os.WriteFile(spread, []byte(in.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out, _ := runCheckCmd("check", "--as-of", "2024-12-31", "--format", "json", lines, spread)
	var got []rec
	for l := range strings.Lines(out) {
		var r rec
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("%v: %s", err, l)
		}
		if r.Kind != "summary" {
			got = append(got, r)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}
	// However many workers judge them, the report is the same bytes.
	for _, n := range []string{"1", "3"} {
		_, again, _ := runCheckCmd("check", "--as-of", "2024-12-31", "--format", "json", "--workers", n, lines, spread)
		if again != out {
			t.Errorf("--workers %s gives a different report", n)
		}
	}
}

// cutReader gives its data, then fails, as a dropped network mount does.
type cutReader struct{ data *strings.Reader }

func (r cutReader) Read(p []byte) (int, error) {
	if r.data.Len() == 0 {
		return 0, errors.New("input/output error")
	}
	return r.data.Read(p)
}

// A stream that fails part way is reported: the cases read before the
// failure, then the failure as the last record, never a silent short report.
func TestCheckStreamFatal(t *testing.T) {
	var got []string
	emit := func(r caseReport) error {
		s := fmt.Sprintf("%d %s", r.Line, r.ID)
		if r.Err != nil {
			s += " error: " + r.problem()
		}
		got = append(got, s)
		return nil
	}
	in := cutReader{strings.NewReader(okCase + "\n" + lateCase + "\n")}
	if err := (checker{asOf: holidays.NewDate(2024, 12, 31), workers: 2, emit: emit}).stream("in", in); err != nil {
		t.Fatal(err)
	}
	want := []string{"1 ok", "2 late-s17", "3  error: input/output error"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}
}
