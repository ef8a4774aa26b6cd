package main

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/workingtogether/safeguarding/pathway"
)

// The JUnit XML that wt check --format junit writes. There is no formal
// standard; this is the common subset that Jenkins, GitLab, GitHub Actions
// reporters, Azure Pipelines and CircleCI all read: a testsuites root, a
// testsuite per case, a testcase per deadline, and a failure element for each
// deadline late, overdue or missed. A clock not yet started is skipped; an
// open clock still in time passes, because nothing has gone wrong yet. A case
// that cannot be read or judged is a testsuite of one testcase with an error
// element, at its file and line.
//
// The root's counts come before the suites, but are known only at the end.
// The reporter streams the suites to a temporary file as each case is
// judged, then writes the root with its counts and copies the suites after
// it: memory stays bounded by the largest case, at the cost of the report's
// size on disk, and standard output receives a whole document or nothing.
// (Writing per-case testsuites under a root without counts would stream to
// standard output directly, but a run cut short would leave a document no
// CI system can read.)
type junitTotals struct {
	Tests, Failures, Errors, Skipped int
}

type junitSuite struct {
	XMLName    xml.Name        `xml:"testsuite"`
	Name       string          `xml:"name,attr"`
	ID         int             `xml:"id,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Time       string          `xml:"time,attr"`
	File       string          `xml:"file,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Line      int           `xml:"line,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure"`
	Error     *junitFailure `xml:"error"`
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut *junitText    `xml:"system-out"`
}

// junitFailure is a failure or an error element.
type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// junitText is element text kept in a CDATA section, so that the lines of a
// deadline's detail stay lines in the file rather than &#xA; escapes.
type junitText struct {
	Text string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// junitReporter streams the suites to a temporary file; see above.
type junitReporter struct {
	w      io.Writer // where the document goes, on finish
	tmp    *os.File  // the suites so far; nil until the first case
	buf    *bufio.Writer
	enc    *xml.Encoder
	totals junitTotals
	suites int
}

func newJUnitReporter(w io.Writer) checkReporter {
	return &junitReporter{w: w}
}

func (j *junitReporter) report(r caseReport) error {
	if j.tmp == nil {
		tmp, err := os.CreateTemp("", "wt-check-*.xml")
		if err != nil {
			return fmt.Errorf("junit needs a temporary file: %w", err)
		}
		j.tmp, j.buf = tmp, bufio.NewWriter(tmp)
		j.enc = xml.NewEncoder(j.buf)
		j.enc.Indent("  ", "  ")
	}
	s := j.suite(r)
	j.suites++
	j.totals.Tests += s.Tests
	j.totals.Failures += s.Failures
	j.totals.Errors += s.Errors
	j.totals.Skipped += s.Skipped
	return j.enc.Encode(s)
}

// suite is the testsuite of one case.
func (j *junitReporter) suite(r caseReport) junitSuite {
	// No time is measured: a check takes microseconds, and "0" keeps the
	// output the same on every run, which CI diffing and our tests rely on.
	s := junitSuite{Name: r.ID, ID: j.suites, Time: "0", File: r.File,
		Properties: []junitProperty{{Name: "line", Value: fmt.Sprint(r.Line)}}}
	if r.Err != nil {
		if s.Name == "" {
			s.Name = r.where()
		}
		msg := xmlText(oneLine(r.problem()))
		s.Tests, s.Errors = 1, 1
		s.Cases = []junitCase{{Name: "unreadable case", Classname: s.Name, File: r.File, Line: r.Line, Time: "0",
			Error: &junitFailure{Message: msg, Type: "unreadable", Text: xmlText(r.where()) + ": " + msg + "\n"}}}
		return s
	}
	s.Properties = append([]junitProperty{
		{Name: "as_of", Value: r.AsOf.String()},
		{Name: "stage", Value: r.Stage.String()},
	}, s.Properties...)
	seen := make(map[string]int, len(r.Clocks))
	for _, k := range r.Clocks {
		tc := junitCase{Name: clockName(k), Classname: r.ID, File: r.File, Line: r.Line, Time: "0"}
		// Later reviews repeat a rule: a CI system that keys test results by
		// name would merge them, so a repeated name gets a number.
		if n := seen[tc.Name]; n > 0 {
			tc.Name = fmt.Sprintf("%s #%d", tc.Name, n+1)
		}
		seen[clockName(k)]++
		switch {
		case k.Status == pathway.NotStarted:
			tc.Skipped = &junitSkipped{Message: "not started: " + k.Rule.Name}
			s.Skipped++
		case k.Status.IsLate():
			tc.Failure = &junitFailure{Message: failureMessage(k), Type: string(k.Status), Text: xmlText(clockDetail(k))}
			s.Failures++
		default:
			tc.SystemOut = &junitText{xmlText(clockDetail(k))}
		}
		s.Tests++
		s.Cases = append(s.Cases, tc)
	}
	return s
}

func (j *junitReporter) finish(checkSummary) error {
	t := j.totals
	_, err := fmt.Fprintf(j.w, "%s<testsuites name=\"wt check\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"0\">\n",
		xml.Header, t.Tests, t.Failures, t.Errors, t.Skipped)
	if err != nil || j.tmp == nil {
		if err == nil {
			_, err = io.WriteString(j.w, "</testsuites>\n")
		}
		return err
	}
	if err := j.buf.Flush(); err != nil {
		return err
	}
	if _, err := j.tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if _, err := io.Copy(j.w, j.tmp); err != nil {
		return err
	}
	_, err = io.WriteString(j.w, "\n</testsuites>\n")
	return err
}

// close removes the temporary file.
func (j *junitReporter) close() {
	if j.tmp != nil {
		j.tmp.Close()
		os.Remove(j.tmp.Name())
	}
}

// clockName names a deadline by its rule and the day its clock started,
// which is how a practitioner tells two reviews apart.
func clockName(k pathway.Clock) string {
	if k.Anchor.IsZero() {
		return string(k.Rule.ID)
	}
	return fmt.Sprintf("%s from %s", k.Rule.ID, k.Anchor)
}

// failureMessage is the one line a CI summary shows.
func failureMessage(k pathway.Clock) string {
	switch k.Status {
	case pathway.Overdue:
		return fmt.Sprintf("%s overdue: due %s, %s overdue", k.Rule.ID, k.Due, days(k.Late, ""))
	case pathway.Missed:
		return fmt.Sprintf("%s missed: due %s, stopped %s without it, %s late", k.Rule.ID, k.Due, k.Done, days(k.Late, ""))
	}
	return fmt.Sprintf("%s late: due %s, done %s, %s late", k.Rule.ID, k.Due, k.Done, days(k.Late, ""))
}

// clockDetail is the body under a test case: everything needed to find the
// record and defend the verdict.
func clockDetail(k pathway.Clock) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)\n", k.Rule.Name, k.Rule.Bound)
	fmt.Fprintf(&b, "status: %s\n", k.Status)
	if !k.Anchor.IsZero() {
		fmt.Fprintf(&b, "anchor: %s %s\n", k.Anchor.Weekday(), k.Anchor)
	}
	if !k.Due.IsZero() {
		fmt.Fprintf(&b, "due:    %s %s\n", k.Due.Weekday(), k.Due)
	}
	if !k.Done.IsZero() {
		fmt.Fprintf(&b, "done:   %s %s\n", k.Done.Weekday(), k.Done)
	}
	if k.Reason != "" {
		fmt.Fprintf(&b, "reason: %s\n", k.Reason)
	}
	fmt.Fprintf(&b, "cite:   %s (edition %d)\n", k.Rule.Citation, k.Edition)
	return b.String()
}

// xmlText replaces the characters that XML 1.0 cannot carry at all (most
// control characters), which a recorded reason might hold, with U+FFFD.
// encoding/xml does this for attributes and escaped text but not in CDATA.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r',
			r >= 0x20 && r <= 0xD7FF,
			r >= 0xE000 && r <= 0xFFFD,
			r >= 0x10000 && r <= 0x10FFFF:
			return r
		}
		return '\uFFFD'
	}, s)
}
