package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/workingtogether/safeguarding/pathway"
)

// The JUnit XML that wt check --format junit writes. There is no formal
// standard; this is the common subset that Jenkins, GitLab, GitHub Actions
// reporters, Azure Pipelines and CircleCI all read: a testsuites root, a
// testsuite per case, a testcase per deadline, and a failure element for each
// deadline late, overdue or missed. A clock not yet started is skipped; an
// open clock still in time passes, because nothing has gone wrong yet.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
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
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut *junitText    `xml:"system-out"`
}

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

// junitReporter collects every case, because the root element's counts
// must come before the suites, and writes the document on finish.
type junitReporter struct {
	w   io.Writer
	doc junitSuites
}

func newJUnitReporter(w io.Writer) checkReporter {
	// No time is measured: a check takes microseconds, and "0" keeps the
	// output the same on every run, which CI diffing and our tests rely on.
	return &junitReporter{w: w, doc: junitSuites{Name: "wt check", Time: "0"}}
}

func (j *junitReporter) report(r caseReport) error {
	s := junitSuite{
		Name: r.ID,
		ID:   len(j.doc.Suites),
		Time: "0",
		File: r.File,
		Properties: []junitProperty{
			{Name: "as_of", Value: r.AsOf.String()},
			{Name: "stage", Value: r.Stage.String()},
			{Name: "line", Value: fmt.Sprint(r.Line)},
		},
	}
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
	j.doc.Suites = append(j.doc.Suites, s)
	j.doc.Tests += s.Tests
	j.doc.Failures += s.Failures
	j.doc.Skipped += s.Skipped
	return nil
}

func (j *junitReporter) finish() error {
	if _, err := io.WriteString(j.w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(j.w)
	enc.Indent("", "  ")
	if err := enc.Encode(j.doc); err != nil {
		return err
	}
	_, err := io.WriteString(j.w, "\n")
	return err
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
