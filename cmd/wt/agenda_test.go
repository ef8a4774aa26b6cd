package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// agendaCases are judged at the end of Tuesday 10 June 2025 (worked by hand
// in caseload's tests): "undecided" waits for its referral decision, due
// Tuesday 3 June and 5 working days overdue; "icpc" has its initial
// conference due Tuesday 24 June, 10 working days left; "late" was decided a
// working day late in May and has nothing due within ten working days.
const agendaCases = `{"id":"icpc","events":[{"type":"referral-received","date":"2025-06-02"},{"type":"referral-decision","date":"2025-06-02","decision":"strategy-discussion"},{"type":"child-seen","date":"2025-06-02"},{"type":"strategy-discussion","date":"2025-06-03","outcome":"section-47"}]}
{"id":"undecided","events":[{"type":"referral-received","date":"2025-06-02"}]}
{"id":"late","events":[{"type":"referral-received","date":"2025-05-01"},{"type":"referral-decision","date":"2025-05-06","decision":"section-17-assessment"},{"type":"child-seen","date":"2025-05-06"}]}
`

func runWT(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestAgendaText(t *testing.T) {
	in := writeFile(t, "cases.jsonl", agendaCases)
	out, errOut, code := runWT(t, "agenda", "--as-of", "2025-06-10", in)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := `Agenda as of Tue 2025-06-10: 3 cases judged; overdue, and due within 10 working days.

DUE         STATUS   WORKING DAYS               CASE       RULE                                          CITATION
2025-06-03  OVERDUE  overdue by 5 working days  undecided  Referral acknowledged and next steps decided  WT 2023 para 153
2025-06-24  open     10 working days left       icpc       Initial child protection conference           WT 2023, Outcome of section 47 enquiries
`
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("wt agenda mismatch (-want +got):\n%s", diff)
	}
}

// --days 0 lists only what is overdue.
func TestAgendaOverdueOnly(t *testing.T) {
	in := writeFile(t, "cases.jsonl", agendaCases)
	out, errOut, code := runWT(t, "agenda", "--as-of", "2025-06-10", "--days", "0", in)
	if code != 0 || !strings.HasPrefix(out, "Agenda as of Tue 2025-06-10: 3 cases judged; overdue only.") ||
		!strings.Contains(out, "undecided") || strings.Contains(out, "icpc") {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
}

func TestAgendaJSONAndICS(t *testing.T) {
	in := writeFile(t, "cases.jsonl", agendaCases)
	out, errOut, code := runWT(t, "agenda", "--format=json", "--as-of=2025-06-10", "--days", "9", in)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Cases  int `json:"cases"`
		Days   int `json:"days"`
		Agenda []struct {
			Case    string `json:"case"`
			Due     string `json:"due"`
			Overdue int    `json:"workdays_overdue"`
		} `json:"agenda"`
		Unreadable []any `json:"unreadable"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	// Nine working days leave out the conference due in ten.
	if got.Cases != 3 || got.Days != 9 || len(got.Agenda) != 1 || got.Agenda[0].Case != "undecided" ||
		got.Agenda[0].Due != "2025-06-03" || got.Agenda[0].Overdue != 5 || got.Unreadable == nil {
		t.Errorf("JSON agenda = %+v", got)
	}
	out, _, code = runWT(t, "agenda", "--format", "ics", "--as-of", "2025-06-10", in)
	if code != 0 || !strings.HasPrefix(out, "BEGIN:VCALENDAR\r\n") || strings.Count(out, "BEGIN:VEVENT") != 2 {
		t.Errorf("exit %d; ics output:\n%s", code, out)
	}
}

// A bad case is one line on stderr, is listed in every format, and the
// cases after it are still judged; the exit status is 2.
func TestAgendaBadInputListedInEveryFormat(t *testing.T) {
	in := writeFile(t, "cases.jsonl", strings.Replace(agendaCases, `{"id":"undecided"`, `{"id":"broken","events":[{"type":"referral-received","date":"2025-02-30"}]}
{"id":"undecided"`, 1))
	missing := filepath.Join(t.TempDir(), "missing.jsonl")
	for _, format := range []string{"text", "json", "ics", "html"} {
		out, errOut, code := runWT(t, "agenda", "--as-of", "2025-06-10", "--format", format, in, missing)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2", format, code)
		}
		if !strings.Contains(errOut, "cases.jsonl:2: ") || !strings.Contains(errOut, "missing.jsonl:1: cannot open it: no such file") || strings.Count(errOut, "\n") != 2 {
			t.Errorf("%s: stderr %q, want one line for line 2 and one for the missing file", format, errOut)
		}
		if format == "ics" {
			out = strings.ReplaceAll(out, "\r\n ", "") // unfold RFC 5545 lines
		}
		line2 := "cases.jsonl:2"
		if format == "json" {
			line2 = "cases.jsonl\",\n        \"line\": 2"
		}
		if !strings.Contains(out, line2) || !strings.Contains(out, "missing.jsonl") {
			t.Errorf("%s: output does not list the unreadable input:\n%.2000s", format, out)
		}
		if !strings.Contains(out, "undecided") {
			t.Errorf("%s: the case after the bad one is missing:\n%.2000s", format, out)
		}
	}
}

func TestAgendaErrors(t *testing.T) {
	empty := writeFile(t, "empty.jsonl", "\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"agenda", empty}, "the input holds no case"},
		{[]string{"agenda"}, "no case files"},
		{[]string{"agenda", "--days", "0", "--format", "nope", empty}, "nope"},
		{[]string{"agenda", "--format", "pdf", empty}, "pdf"},
		{[]string{"agenda", "--as-of", "2025-02-30", empty}, "2025-02-30"},
		{[]string{"report", empty}, "--html OUT is required"},
		{[]string{"report", "--html", t.TempDir(), writeFile(t, "c.jsonl", agendaCases)}, "is a directory"},
		{[]string{"report", "--html", "-", "--from", "2025-06-01", "--to", "2025-05-01", "--as-of", "2025-06-10", empty}, "ends before it starts"},
	}
	for _, tt := range tests {
		_, errOut, code := runWT(t, tt.args...)
		if code != 2 || !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("wt %s: exit %d, stderr %q; want 2 and one line containing %q", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
}

func TestReportWritesHTML(t *testing.T) {
	in := writeFile(t, "cases.jsonl", agendaCases)
	out := filepath.Join(t.TempDir(), "report.html")
	stdout, errOut, code := runWT(t, "report", in, "--html", out, "--as-of", "2025-06-10", "--from", "2025-05-01", "--to", "2025-05-31")
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, errOut)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	html := string(page)
	if n := strings.Count(html, `<section class="case"`); n != 3 {
		t.Errorf("%d case sections, want 3", n)
	}
	// May's only settled clock is the late decision: 0 of 1 on time.
	for _, s := range []string{"Compliance period Thu 1 May 2025 to Sat 31 May 2025", "✗ late", "0%", `src="data:image/svg+xml,`, "⚠ overdue"} {
		if !strings.Contains(html, s) {
			t.Errorf("report lacks %q", s)
		}
	}
	// The timelines are images held in the page as data URLs, and name
	// the SVG namespace; nothing else is a link out of it.
	inside := strings.NewReplacer(`src="data:image/svg+xml,`, "", `xmlns='http://www.w3.org/2000/svg'`, "", `xmlns="http://www.w3.org/2000/svg"`, "").Replace(html)
	if strings.Contains(inside, "http://") || strings.Contains(inside, "https://") || strings.Contains(inside, "src=") || strings.Contains(inside, "url(") {
		t.Error("report refers to something outside itself")
	}
}

// wt check --format html gives the caseload report for CI, with check's
// exit status: 1 when a deadline is late or overdue, 2 when a case is
// unreadable (listed in the page).
func TestCheckFormatHTML(t *testing.T) {
	in := writeFile(t, "cases.jsonl", agendaCases)
	out, errOut, code := runWT(t, "check", "--format", "html", "--as-of", "2025-06-10", in)
	if code != 1 || errOut != "" {
		t.Errorf("exit %d, stderr %q; want 1 (undecided is overdue)", code, errOut)
	}
	if n := strings.Count(out, `<section class="case"`); n != 3 || !strings.Contains(out, "⚠ overdue") {
		t.Errorf("%d case sections, want 3 with the overdue decision", n)
	}
	bad := writeFile(t, "bad.jsonl", agendaCases+"{\"id\":\"x\",\"events\":[{\"type\":\"nope\",\"date\":\"2025-06-02\"}]}\n")
	out, _, code = runWT(t, "check", "--format=html", "--as-of=2025-06-10", bad)
	if code != 2 || !strings.Contains(out, "Cases that could not be read") || !strings.Contains(out, "bad.jsonl:4") {
		t.Errorf("exit %d; want 2 and the unreadable case on line 4 listed", code)
	}
}
