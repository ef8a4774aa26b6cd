package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/census"
	"github.com/workingtogether/safeguarding/internal/golden"
	"pgregory.net/rapid"
)

func runCensusCmd(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(append([]string{"census"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeCensus writes a small hand-made census file: one child whose
// initial conference (strategy discussion Thursday 2 June 2022, a bank
// holiday, as was Friday 3rd) was due Friday 24 June and held Monday 27th,
// one working day late; the file's own target is a day early.
func writeCensus(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "census.xml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const smallCensus = `<Message>
<Header><CollectionDetails><Collection>CIN</Collection><Year>2023</Year><ReferenceDate>2023-03-31</ReferenceDate></CollectionDetails></Header>
<Children>
<Child>
<ChildIdentifiers><LAchildID>CLI-1</LAchildID><Sex>F</Sex></ChildIdentifiers>
<CINdetails>
<CINreferralDate>2022-05-31</CINreferralDate>
<Section47>
<S47ActualStartDate>2022-06-02</S47ActualStartDate>
<InitialCPCtarget>2022-06-23</InitialCPCtarget>
<DateOfInitialCPC>2022-06-27</DateOfInitialCPC>
<ICPCnotRequired>0</ICPCnotRequired>
</Section47>
<ReferralNFA>0</ReferralNFA>
</CINdetails>
</Child>
</Children>
</Message>
`

func TestCensusText(t *testing.T) {
	path := writeCensus(t, smallCensus)
	code, out, errOut := runCensusCmd(path)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		"census " + path + ": collection CIN 2023, year 2022-04-01 to 2023-03-31\n",
		"child CLI-1 (line 4)\n",
		"  episode 1, line 8: Section47[1]/InitialCPCtarget: initial-cpc-target-mismatch: InitialCPCtarget 2022-06-23 is 1 working day early: 2022-06-02 plus 15 working days is 2022-06-24\n",
		"  episode 1, line 8: Section47[1]/DateOfInitialCPC: deadline-late: Initial child protection conference: due 2022-06-24, held 2022-06-27, 1 working day late\n",
		// 2022-06-02 to 2022-06-27: 6-10, 13-17, 20-24 June and the 27th = 16.
		"initial conferences held in the year, working days from the section 47 start: 1\n  0-10      0\n  11-15     0\n  16-20     1\n",
		"  within 15: 0 (0.0%); median 16, quartiles 16 to 16\n",
		// No assessment at all: nothing to measure, so no median.
		"assessments completed in the year, working days from start to authorisation: 0\n  same day  0\n",
		"  within 45: 0 (n/a); median n/a, quartiles n/a\n",
		"this library's own measure (no DfE table): plans open on 2023-03-31 for at least three months: 0; reviews on time: 0 (n/a)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q; got:\n%s", want, out)
		}
	}
}

func TestCensusJSON(t *testing.T) {
	path := writeCensus(t, smallCensus)
	code, out, errOut := runCensusCmd("--format", "json", path)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Header   census.Header `json:"header"`
		Children []struct {
			LAchildID string           `json:"la_child_id"`
			Findings  []census.Finding `json:"findings"`
			Cases     []struct {
				Stage string   `json:"stage"`
				Notes []string `json:"notes"`
			} `json:"cases"`
		} `json:"children"`
		Figures  census.Figures   `json:"figures"`
		Warnings []census.Warning `json:"warnings"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(got.Children) != 1 || got.Children[0].LAchildID != "CLI-1" {
		t.Fatalf("children: %+v", got.Children)
	}
	var kinds []census.Kind
	for _, f := range got.Children[0].Findings {
		kinds = append(kinds, f.Kind)
	}
	if diff := cmp.Diff([]census.Kind{census.TargetMismatch, census.DeadlineMissed, census.DeadlineLate}, kinds); diff != "" {
		t.Errorf("finding kinds mismatch (-want +got):\n%s", diff)
	}
	if c := got.Children[0].Cases; len(c) != 1 || c[0].Stage != "child-protection-plan" && c[0].Stage != "open" {
		t.Errorf("cases: %+v", c)
	}
	if cf := got.Figures.Conferences; cf.Held != 1 || cf.Median == nil || *cf.Median != 16 {
		t.Errorf("figures: %+v", cf)
	}
	if as := got.Figures.Assessments; as.Median != nil || as.LowerQuartile != nil || as.UpperQuartile != nil {
		t.Errorf("assessments: no assessment, yet quartiles %v %v %v", as.Median, as.LowerQuartile, as.UpperQuartile)
	}
	if !strings.Contains(out, `"median":null,"lower_quartile":null,"upper_quartile":null`) {
		t.Errorf("an empty set's quartiles are not null:\n%s", out)
	}
}

const figures2024 = "../../census/testdata/figures-2024.xml"

// TestCensusTextShowsLibrary: the text output shows what the library
// computes for figures-2024.xml, worked by hand in census's
// TestFiguresByHand: each assessment measured both ways and named, the
// findings' element paths, the figures' quartiles and the records left
// out for breaking a DfE error rule.
func TestCensusTextShowsLibrary(t *testing.T) {
	code, out, errOut := runCensusCmd(figures2024)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{
		// FIG-B: referral Friday 1 December 2023, assessment started Monday
		// 4th, authorised Friday 9 February 2024. DfE: 4 + 5 + 5 + 3 (27-29
		// Dec) + 4 (2-5 Jan) + 5×5 = 46 working days from the start, over
		// 45. Working Together: 45 working days from the referral is
		// Wednesday 7 February; the 8th and 9th make it 2 late.
		"  episode 1, line 56: assessment 1: DfE start to authorisation 2023-12-04 to 2024-02-09: 46 working days (over 45); " +
			"Working Together para 155 from referral 2023-12-01: due 2024-02-07, late by 2 working days\n",
		// FIG-D: 1 September to 3 November 2023 is nine full weeks, 45
		// working days, both ways (referred the day the assessment began).
		"  episode 1, line 117: assessment 1: DfE start to authorisation 2023-09-01 to 2023-11-03: 45 working days (within 45); " +
			"Working Together para 155 from referral 2023-09-01: due 2023-11-03, met\n",
		// FIG-C's first assessment is still open: no DfE duration; the
		// Working Together clock ran out.
		"  episode 1, line 81: assessment 1: DfE start to authorisation: not authorised yet; " +
			"Working Together para 155 from referral 2023-04-03: due 2023-06-12, overdue by 204 working days\n",
		// The element path of a DfE finding.
		"  episode 1, line 60: Section47[1]/DateOfInitialCPC: DfE 8875 error: The Date of Initial Child Protection Conference cannot be a weekend\n",
		"  within 45: 3 (75.0%); median 26, quartiles 5.25 to 45.25\n",
		"  within 15: 1 (50.0%); median 19.5, quartiles 16.75 to 22.25\n",
		// FIG-C's second assessment (8608) and FIG-B's conference (8875).
		"  still open 1, untimed 0, completed outside the year 1\n  left out, breaking a DfE error rule: 1\n",
		"  excluded: before the enquiry started 1, untimed 1, outside the year 2\n  left out, breaking a DfE error rule: 1\n",
		"reviews on time: 1 (33.3%)\n  left out, breaking a DfE error rule: 0\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q; got:\n%s", want, out)
		}
	}
}

// TestCensusFileFindings: a finding about the whole return (DfE rule 2883)
// is shown in both formats; before, neither showed it.
func TestCensusFileFindings(t *testing.T) {
	const path = "../../census/testdata/rules/2883.xml"
	_, out, _ := runCensusCmd(path)
	const want = "\nfile, line 7: ChildProtectionPlans/CPPstartDate: DfE 2883 error: There are more child protection plans starting than initial conferences taking place\n"
	if !strings.Contains(out, want) {
		t.Errorf("text lacks %q; got:\n%s", want, out)
	}
	_, out, _ = runCensusCmd("--format", "json", path)
	var got struct {
		FileFindings []census.Finding `json:"file_findings"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.FileFindings) != 1 || got.FileFindings[0].Code != "2883" || got.FileFindings[0].Path() != "ChildProtectionPlans/CPPstartDate" {
		t.Errorf("file findings: %+v", got.FileFindings)
	}
}

// TestCensusJSONCarriesText: the JSON output carries the facts the text
// shows: both measures of each assessment, each finding's path, the
// rejected counts and the quartiles.
func TestCensusJSONCarriesText(t *testing.T) {
	_, out, _ := runCensusCmd("--format", "json", figures2024)
	var got struct {
		Children []census.ChildReport `json:"children"`
		Figures  census.Figures       `json:"figures"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	want, err := census.Audit(mustOpen(t, figures2024), census.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Figures, got.Figures); diff != "" {
		t.Errorf("figures (-library +json):\n%s", diff)
	}
	if len(got.Children) != len(want.Children) {
		t.Fatalf("%d children, want %d", len(got.Children), len(want.Children))
	}
	for i, c := range got.Children {
		if diff := cmp.Diff(want.Children[i].Assessments, c.Assessments); diff != "" {
			t.Errorf("%s assessments (-library +json):\n%s", c.LAchildID, diff)
		}
		for j, f := range c.Findings {
			if w := want.Children[i].Findings[j]; f.Path() != w.Path() || f.Message() != w.Message() {
				t.Errorf("%s finding %d: %s %q, want %s %q", c.LAchildID, j, f.Path(), f.Message(), w.Path(), w.Message())
			}
		}
	}
	if !strings.Contains(out, `"path":"Section47[1]/DateOfInitialCPC"`) || !strings.Contains(out, `"dfe_start_to_authorisation"`) {
		t.Errorf("JSON lacks the paths or the DfE measure")
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestCensusErrors(t *testing.T) {
	bad := writeCensus(t, "<Message><Children><Child><ChildIdentifiers><LAchildID>E1</LAchildID></ChildIdentifiers>\n<CINdetails><CINreferralDate>2022-13-01</CINreferralDate></CINdetails></Child></Children></Message>")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "wt: census: want one census file, or - for standard input (got 0)\n"},
		{[]string{"--format", "xml", "x.xml"}, "wt: census: unknown --format \"xml\"; want one of text, json (see wt census -h)\n"},
		{[]string{"--format"}, "wt: census: --format needs a value (see wt census -h)\n"},
		{[]string{"--verbose", "x.xml"}, "wt: census: unknown flag --verbose; flags: --allow-empty, --format, --workers (see wt census -h)\n"},
		{[]string{"a.xml", "b.xml"}, "wt: census: want one census file, or - for standard input (got 2)\n"},
		{[]string{bad}, "wt: census: line 2: child \"E1\": Message/Children/Child/CINdetails/CINreferralDate: \"2022-13-01\": not a date (want YYYY-MM-DD)\n"},
		{[]string{"--format=json", bad}, "wt: census: line 2: child \"E1\": Message/Children/Child/CINdetails/CINreferralDate: \"2022-13-01\": not a date (want YYYY-MM-DD)\n"},
	} {
		code, _, errOut := runCensusCmd(tc.args...)
		if code != 2 || errOut != tc.want {
			t.Errorf("wt census %q: exit %d, stderr %q; want 2, %q", tc.args, code, errOut, tc.want)
		}
	}
	code, _, errOut := runCensusCmd(filepath.Join(t.TempDir(), "missing.xml"))
	if code != 2 || !strings.HasPrefix(errOut, "wt: census: open ") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
}

// TestCensusNoChild: a well-formed return that holds no child exits 2 in
// both formats, on a file and on standard input, so that a broken export
// cannot pass CI; the report is still written whole. --allow-empty lets it
// pass.
func TestCensusNoChild(t *testing.T) {
	const empty = `<Message><Header><Collection><CollectionName>CIN</CollectionName><Year>2024</Year>` +
		`<ReferenceDate>2024-03-31</ReferenceDate></Collection></Header><Children>\n</Children></Message>`
	const refusal = "wt: census: the file holds no child (use --allow-empty if that is expected)\n"
	path := writeCensus(t, empty)
	for _, format := range []string{"text", "json"} {
		code, out, errOut := runCensusCmd("--format", format, path)
		if code != 2 || errOut != refusal {
			t.Errorf("%s: exit %d, stderr %q; want 2, %q", format, code, errOut, refusal)
		}
		if format == "json" && !json.Valid([]byte(out)) {
			t.Errorf("json: not one whole document:\n%s", out)
		}
		if format == "text" && !strings.Contains(out, "figures: 0 children") {
			t.Errorf("text: no figures:\n%s", out)
		}
		code, allowed, errOut := runCensusCmd("--format", format, "--allow-empty", path)
		if code != 0 || errOut != "" || allowed != out {
			t.Errorf("%s --allow-empty: exit %d, stderr %q, same output %v; want 0, none, true", format, code, errOut, allowed == out)
		}
	}
	withStdin(t, empty, func() {
		if code, _, errOut := runCensusCmd("-"); code != 2 || errOut != refusal {
			t.Errorf("standard input: exit %d, stderr %q; want 2, %q", code, errOut, refusal)
		}
	})
}

// withStdin runs f with standard input reading data.
func withStdin(t *testing.T, data string, f func()) {
	t.Helper()
	path := writeCensus(t, data)
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	saved := os.Stdin
	os.Stdin = in
	defer func() { os.Stdin = saved }()
	f()
}

// TestCensusStdin: "-" reads standard input, with the same output as the
// file.
func TestCensusStdin(t *testing.T) {
	_, fromFile, _ := runCensusCmd("--format", "json", writeCensus(t, smallCensus))
	withStdin(t, smallCensus, func() {
		code, out, errOut := runCensusCmd("--format", "json", "-")
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		if diff := cmp.Diff(fromFile, out); diff != "" {
			t.Errorf("standard input and file differ (-file +stdin):\n%s", diff)
		}
	})
}

// TestCensusJSONError: a file that breaks off after a good child gives one
// whole JSON document, ending with the error, and exit status 2. Before,
// the output stopped after the children array's first element.
func TestCensusJSONError(t *testing.T) {
	for name, doc := range map[string]string{
		"bad date in the second child": strings.Replace(smallCensus, "</Children>",
			"<Child><ChildIdentifiers><LAchildID>E2</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2022-13-01</CINreferralDate></CINdetails></Child></Children>", 1),
		"truncated":           smallCensus[:len(smallCensus)-40],
		"not a census":        "<Census/>",
		"malformed in header": "<Message><Header></Heder></Message>",
	} {
		code, out, errOut := runCensusCmd("--format", "json", writeCensus(t, doc))
		if code != 2 || errOut == "" {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the error", name, code, errOut)
		}
		if !json.Valid([]byte(out)) {
			t.Errorf("%s: output is not one JSON document:\n%s", name, out)
			continue
		}
		var got struct {
			Children []json.RawMessage `json:"children"`
			Error    struct {
				Line    int    `json:"line"`
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil || got.Error.Line < 1 || got.Error.Message == "" {
			t.Errorf("%s: no error record with a line: %v\n%s", name, err, out)
		}
		if name == "bad date in the second child" && len(got.Children) != 1 {
			t.Errorf("%s: %d children before the error, want 1", name, len(got.Children))
		}
	}
}

// TestCensusTextError: a file that cannot be read past its second child
// prints the first child's findings, as judged, before the error (exit
// status 2): text output is written in batches, and the batch in hand is
// written out before the run stops.
func TestCensusTextError(t *testing.T) {
	doc := strings.Replace(smallCensus, "</Children>",
		"<Child><ChildIdentifiers><LAchildID>E2</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2022-13-01</CINreferralDate></CINdetails></Child></Children>", 1)
	path := writeCensus(t, doc)
	code, out, errOut := runCensusCmd(path)
	if code != 2 || !strings.Contains(errOut, "E2") {
		t.Errorf("exit %d, stderr %q; want 2 and the second child's error", code, errOut)
	}
	if err := os.WriteFile(path, []byte(smallCensus), 0o600); err != nil {
		t.Fatal(err)
	}
	_, whole, _ := runCensusCmd(path)
	first := whole[:strings.Index(whole, "\nfigures:")]
	if !strings.Contains(first, "\nchild CLI-1 (line ") || out != first {
		t.Errorf("output before the error:\n%s\nwant the first child's lines as a whole file prints them:\n%s", out, first)
	}
}

// TestCensusWriteError: output that cannot be written is exit status 2,
// in both formats.
func TestCensusWriteError(t *testing.T) {
	path := writeCensus(t, smallCensus)
	for _, format := range []string{"text", "json"} {
		var errOut bytes.Buffer
		code := run([]string{"census", "--format", format, path}, failWriter{}, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), "no space left") {
			t.Errorf("%s: exit %d, stderr %q; want 2 and the write error", format, code, errOut.String())
		}
	}
}

// repeatChildren writes a census file at dir of n children, made by
// repeating the Child elements of figures-2024.xml (hand-made, every kind
// of finding and measure) after its header, so that the command's cost a
// child is timed on a file as large as wanted. It returns the path.
func repeatChildren(tb testing.TB, dir string, n int) string {
	tb.Helper()
	src, err := os.ReadFile(figures2024)
	if err != nil {
		tb.Fatal(err)
	}
	first := bytes.Index(src, []byte("<Child>"))
	last := bytes.LastIndex(src, []byte("</Child>"))
	if first < 0 || last < first {
		tb.Fatal("figures-2024.xml has no children")
	}
	body := src[first : last+len("</Child>")]
	k := bytes.Count(body, []byte("<Child>"))
	var out bytes.Buffer
	out.Write(src[:first])
	for i := 0; i < n; i += k {
		out.Write(body)
		out.WriteByte('\n')
	}
	out.Write(src[last+len("</Child>"):])
	path := filepath.Join(dir, "repeated.xml")
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkCensus runs wt census as a user does, on 8,000 children, in
// each format, writing to nowhere: reading, judging and the formatting
// and writing of every finding.
func BenchmarkCensus(b *testing.B) {
	path := repeatChildren(b, b.TempDir(), 8000)
	for _, format := range []string{"text", "json"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"census", "--format", format, path}, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*8000), "ns/child")
		})
	}
}

// censusInputs are the census files of the repository's tests: the
// hand-made figures and schema files and one file per DfE rule, which
// between them give every kind of finding, note, clock and measure.
func censusInputs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../census/testdata/*.xml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := filepath.Glob("../../census/testdata/rules/*.xml")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, rules...)
	if len(files) < 50 {
		t.Fatalf("found %d census test files, want the 3 hand-made and the rules'", len(files))
	}
	return files
}

// escapingCensus has every kind of text JSON escapes, in an identifier,
// a code the pathway notes and an element warned about.
const escapingCensus = "<Message><Header><CollectionDetails><Collection>C&amp;&lt;IN</Collection><Year>2023</Year><ReferenceDate>2023-03-31</ReferenceDate></CollectionDetails></Header><Children>" +
	"<Child><ChildIdentifiers><LAchildID>A&lt;b&gt;&amp;c é\u2028x</LAchildID><PersonBirthDate>2010-01-01</PersonBirthDate></ChildIdentifiers><CINdetails><CINreferralDate>2022-05-31</CINreferralDate><ReasonForClosure>&lt;x&gt;</ReasonForClosure><CINclosureDate>2022-06-30</CINclosureDate><ReferralNFA>0</ReferralNFA><Junk>1</Junk></CINdetails>" +
	"<CINdetails><CINreferralDate>2022-07-01</CINreferralDate><Section47><S47ActualStartDate>2022-07-04</S47ActualStartDate><DateOfInitialCPC>2022-07-20</DateOfInitialCPC><ICPCnotRequired>0</ICPCnotRequired></Section47><ChildProtectionPlans><CPPstartDate>2022-07-20</CPPstartDate><InitialCategoryOfAbuse>&lt;&amp;&gt;</InitialCategoryOfAbuse></ChildProtectionPlans><ReferralNFA>0</ReferralNFA></CINdetails></Child>" +
	"<Child><ChildIdentifiers><LAchildID>q\"\\\u00a0\x7f</LAchildID></ChildIdentifiers><CINdetails><CINreferralDate>2022-05-31</CINreferralDate><ReferralNFA>1</ReferralNFA></CINdetails></Child>" +
	"<Bogus/></Children></Message>"

// TestCensusJSONMatchesEncodingJSON: the JSON that wt census appends by
// hand is byte for byte what encoding/json writes for the same
// census.Report, in the streamed shape, on every test file.
func TestCensusJSONMatchesEncodingJSON(t *testing.T) {
	for _, path := range append(censusInputs(t), writeCensus(t, escapingCensus)) {
		code, got, errOut := runCensusCmd("--format", "json", path)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", path, code, errOut)
		}
		rep, err := census.Audit(mustOpen(t, path), census.Config{})
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		want.WriteString(`{"header":`)
		enc.Encode(rep.Header)
		want.WriteString(`,"children":[`)
		sep := "\n"
		for _, c := range rep.Children {
			want.WriteString(sep)
			if err := enc.Encode(c); err != nil {
				t.Fatal(err)
			}
			sep = ","
		}
		want.WriteString(`],"figures":`)
		enc.Encode(rep.Figures)
		want.WriteString(`,"file_findings":`)
		enc.Encode(append([]census.Finding{}, rep.FileFindings...))
		want.WriteString(`,"warnings":`)
		enc.Encode(append([]census.Warning{}, rep.Warnings...))
		want.WriteString("}\n")
		if diff := cmp.Diff(want.String(), got); diff != "" {
			t.Errorf("%s: wt census JSON differs from encoding/json's (-want +got):\n%s", path, diff)
		}
	}
}

// TestCensusParallelMatchesSerial: on a file of 8,000 children, some
// 140 chunks, the renderings the workers make, in text and in JSON, are
// the serial path's byte for byte. The serial path renders on the
// consumer: the pipeline reads a file declared in another character set
// than UTF-8 serially, here the same ASCII bytes declared windows-1252.
func TestCensusParallelMatchesSerial(t *testing.T) {
	data, err := os.ReadFile(figures2024)
	if err != nil {
		t.Fatal(err)
	}
	open, close := bytes.Index(data, []byte("<Children>")), bytes.Index(data, []byte("</Children>"))
	if open < 0 || close < open {
		t.Fatal("figures-2024.xml has no Children element")
	}
	var big bytes.Buffer
	big.Write(data[:open+len("<Children>")])
	children := data[open+len("<Children>") : close]
	for i := range 1000 {
		big.Write(bytes.ReplaceAll(children, []byte("<LAchildID>"), fmt.Appendf(nil, "<LAchildID>R%d-", i)))
	}
	big.Write(data[close:])
	utf8Path := writeCensus(t, big.String())
	serialPath := writeCensus(t, strings.Replace(big.String(), `encoding="UTF-8"`, `encoding="windows-1252"`, 1))
	for _, format := range []string{"text", "json"} {
		code, parallel, errOut := runCensusCmd("--format", format, "--workers", "3", utf8Path)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", format, code, errOut)
		}
		code, serial, errOut := runCensusCmd("--format", format, "--workers", "3", serialPath)
		if code != 0 || errOut != "" {
			t.Fatalf("%s, serial: exit %d, stderr %q", format, code, errOut)
		}
		// The text output's first line names the file.
		_, parallel, _ = strings.Cut(parallel, "\n")
		_, serial, _ = strings.Cut(serial, "\n")
		if strings.Count(parallel, "R999-FIG-A") == 0 || len(parallel) < 1<<20 {
			t.Fatalf("%s: %d bytes of output, without the last copy's children", format, len(parallel))
		}
		if parallel != serial {
			i := 0
			for i < min(len(parallel), len(serial)) && parallel[i] == serial[i] {
				i++
			}
			from := max(0, i-200)
			t.Errorf("%s: the workers' renderings differ from the serial path's at byte %d:\nserial:   %q\nparallel: %q",
				format, i, serial[from:min(len(serial), i+200)], parallel[from:min(len(parallel), i+200)])
		}
	}
}

// TestCensusTextGolden pins the text report of the hand-made files, whose
// every line is worked in census's tests: the report is written by
// appending, not by fmt, and must not change by a byte.
func TestCensusTextGolden(t *testing.T) {
	var got bytes.Buffer
	for _, name := range []string{"figures-2024", "new-2026", "old-2018", "rules/8841", "rules/2883", "rules/8615"} {
		code, out, errOut := runCensusCmd("../../census/testdata/" + name + ".xml")
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d, stderr %q", name, code, errOut)
		}
		got.WriteString(out)
	}
	golden.File(t, "testdata/census.golden", got.Bytes())
}

// TestAppendJSONString: the census's text is quoted exactly as
// encoding/json quotes it, whatever it holds.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", "<", ">", "&", `"`, `\`, "\b\f\n\r\t\x00\x1f\x7f", "é’", "a\u2028", "\u2029b", "\xff", "a\xe2\x80", "\U0001F600"} {
		checkJSONString(t, s)
	}
	rapid.Check(t, func(t *rapid.T) {
		checkJSONString(t, rapid.String().Draw(t, "s"))
		checkJSONString(t, string(rapid.SliceOf(rapid.Byte()).Draw(t, "bytes")))
	})
}

func checkJSONString(t interface {
	Helper()
	Fatalf(string, ...any)
}, s string) {
	t.Helper()
	want, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("%v", err)
	}
	if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
		t.Fatalf("appendJSONString(%q) = %s, want x%s", s, got, want)
	}
	if got := appendJSONString(nil, []byte(s)); string(got) != string(want) {
		t.Fatalf("appendJSONString([]byte(%q)) = %s, want %s", s, got, want)
	}
}

// TestCensusRestoresGC: the collector settings of a census run are undone
// when it returns, so that a host calling run (the tests) keeps its own;
// settings the user made through GOGC and GOMEMLIMIT are left alone.
func TestCensusRestoresGC(t *testing.T) {
	path := writeCensus(t, smallCensus)
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 40))
	if code, _, errOut := runCensusCmd(path); code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if p := debug.SetGCPercent(77); p != 77 {
		t.Errorf("GC percent after the run: %d, want 77", p)
	}
	if l := debug.SetMemoryLimit(-1); l != 1<<40 {
		t.Errorf("memory limit after the run: %d, want %d", l, int64(1<<40))
	}
	t.Setenv("GOGC", "77")
	t.Setenv("GOMEMLIMIT", "1TiB")
	restore := tuneGC()
	if p, l := debug.SetGCPercent(77), debug.SetMemoryLimit(-1); p != 77 || l != 1<<40 {
		t.Errorf("with GOGC and GOMEMLIMIT set, the run changed them to %d and %d", p, l)
	}
	restore()
}
