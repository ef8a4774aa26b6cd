package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
)

// FuzzCheckReports judges any input and writes every report format: each
// must read back (JSON Lines that parse, one record per case and a summary;
// well-formed XML whose counts add up; a text report ending in its summary),
// whatever the case IDs and reasons hold. The seeds are in
// testdata/fuzz/FuzzCheckReports.
func FuzzCheckReports(f *testing.F) {
	asOf := holidays.NewDate(2024, 12, 31)
	f.Fuzz(func(t *testing.T, input []byte) {
		outs := map[string]*bytes.Buffer{}
		var cases int
		for _, format := range formatNames() {
			var out bytes.Buffer
			rep := checkFormats()[format](&out)
			var sum checkSummary
			err := checker{asOf: asOf, emit: func(r caseReport) error {
				sum.add(r)
				return rep.report(r)
			}}.stream("in", bytes.NewReader(input))
			if err == nil {
				err = rep.finish(sum)
			}
			rep.close()
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			outs[format], cases = &out, sum.Cases
		}

		records := 0
		for l := range strings.Lines(outs["json"].String()) {
			var rec struct{ Kind string }
			if err := json.Unmarshal([]byte(l), &rec); err != nil || rec.Kind == "" {
				t.Fatalf("json line does not read back (%v): %q", err, l)
			}
			records++
		}
		if records != cases+1 {
			t.Fatalf("json: %d records for %d cases, want one each and a summary", records, cases)
		}

		var doc struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Errors   int `xml:"errors,attr"`
			Suites   []struct {
				Tests    int `xml:"tests,attr"`
				Failures int `xml:"failures,attr"`
				Errors   int `xml:"errors,attr"`
			} `xml:"testsuite"`
		}
		dec := xml.NewDecoder(outs["junit"])
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("junit does not read back: %v", err)
		}
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if cd, ok := tok.(xml.CharData); err != nil || !ok || len(bytes.TrimSpace(cd)) != 0 {
				t.Fatalf("junit: more after the document: %v %v", tok, err)
			}
		}
		var tests, failures, errors int
		for _, s := range doc.Suites {
			tests, failures, errors = tests+s.Tests, failures+s.Failures, errors+s.Errors
		}
		if len(doc.Suites) != cases || tests != doc.Tests || failures != doc.Failures || errors != doc.Errors {
			t.Fatalf("junit: %d suites for %d cases; root counts %d/%d/%d, suites sum to %d/%d/%d",
				len(doc.Suites), cases, doc.Tests, doc.Failures, doc.Errors, tests, failures, errors)
		}

		// A line per case that starts with its place, a line per clock that
		// starts with spaces, and the summary.
		headings := 0
		lines := strings.Split(strings.TrimSuffix(outs["text"].String(), "\n"), "\n")
		for _, l := range lines[:len(lines)-1] {
			switch {
			case strings.HasPrefix(l, "in:"):
				headings++
			case !strings.HasPrefix(l, "  "):
				t.Fatalf("text line %q is neither a case nor a clock", l)
			}
		}
		if headings != cases || !strings.HasSuffix(lines[len(lines)-1], " unreadable") {
			t.Fatalf("text: %d headings for %d cases, last line %q", headings, cases, lines[len(lines)-1])
		}
	})
}
