// Compliance shows how a host checks its own exported case records in CI:
// a go test that loads the exports and fails, with a readable diff, for
// every case with a deadline late, overdue or missed. The test helpers come
// from the library's pathway/pathwaytest package; the host's test is
// compliance_test.go in this directory, a few lines long:
//
//	func TestExportedCasesOnTime(t *testing.T) {
//		for _, c := range pathwaytest.LoadCases(t, "testdata/cases/*.json*") {
//			t.Run(c.ID(), func(t *testing.T) { pathwaytest.CheckOnTime(t, c, asOf) })
//		}
//	}
//
// One of the sample cases is deliberately late: an initial conference held
// 3 working days after its due date over Easter 2025. So that this
// repository's own CI stays green, the program runs the same checks against
// a stand-in for *testing.T that records what it is told, and prints what
// go test would show the host:
//
//	go run ./examples/compliance [--as-of DATE] [DIR]
//
// Without DIR it checks the sample export it carries (testdata/cases);
// with DIR, every *.json and *.jsonl file in it. The as-of date defaults to
// 30 June 2025, the day the sample was exported, so that the output does not
// change with the date it is run on. It exits 1 when a case is late.
package main

import (
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway/pathwaytest"
)

//go:embed testdata/cases
var sample embed.FS

// exported is the day the sample cases were exported.
var exported = holidays.Date{Year: 2025, Month: 6, Day: 30}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	asOf := exported
	var dir string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--as-of" && i+1 < len(args):
			i++
			d, err := holidays.ParseDate(args[i])
			if err != nil {
				fmt.Fprintln(stderr, "compliance:", err)
				return 2
			}
			asOf = d
		case strings.HasPrefix(a, "-") || dir != "":
			fmt.Fprintln(stderr, "usage: compliance [--as-of DATE] [DIR]")
			return 2
		default:
			dir = a
		}
	}
	var fsys fs.FS
	var name string
	if dir == "" {
		sub, err := fs.Sub(sample, "testdata/cases")
		if err != nil {
			fmt.Fprintln(stderr, "compliance:", err)
			return 2
		}
		fsys, name = sub, "the sample export"
	} else {
		fsys, name = os.DirFS(dir), dir
	}

	// Loading reports unreadable files as test errors, as it would in the
	// host's go test.
	load := &recorder{name: "TestExportedCasesOnTime"}
	cases := pathwaytest.LoadCasesFS(load, fsys, "*.json*")
	fmt.Fprintf(stdout, "Checking %d cases from %s as of %s %s, as go test would:\n\n", len(cases), name, asOf.Weekday(), asOf)
	failed := 0
	if load.Failed() {
		load.print(stdout)
		failed++
	}
	for _, c := range cases {
		t := &recorder{name: "TestExportedCasesOnTime/" + c.ID()}
		pathwaytest.CheckOnTime(t, c, asOf)
		t.print(stdout)
		if t.Failed() {
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintln(stdout, "FAIL")
		return 1
	}
	fmt.Fprintf(stdout, "ok: all %d cases on time\n", len(cases))
	return 0
}

// A recorder stands in for *testing.T: it keeps what the checks report, so
// that this program can show a failing check without being a failing test.
// testing.TB cannot be implemented outside package testing except by
// embedding it; the methods pathwaytest calls are defined here, and any
// other call would panic on the nil interface, which the tests would show.
type recorder struct {
	testing.TB
	name     string
	messages []string
}

// Helper implements testing.TB; a recorder reports no file positions.
func (r *recorder) Helper() {}

// Errorf implements testing.TB: it records the message and marks failure.
func (r *recorder) Errorf(format string, args ...any) {
	r.messages = append(r.messages, fmt.Sprintf(format, args...))
}

// Failed implements testing.TB.
func (r *recorder) Failed() bool { return len(r.messages) > 0 }

// print writes the result as go test -v would: a PASS or FAIL line, then
// the messages indented under it. go-cmp sometimes writes a non-breaking
// space in a diff's margin so that nobody depends on its exact output; it
// is printed as a plain space here so that this program's output is stable.
func (r *recorder) print(w io.Writer) {
	if !r.Failed() {
		fmt.Fprintf(w, "--- PASS: %s\n", r.name)
		return
	}
	fmt.Fprintf(w, "--- FAIL: %s\n", r.name)
	for _, m := range r.messages {
		m = strings.ReplaceAll(m, "\u00a0", " ")
		for _, line := range strings.Split(strings.TrimRight(m, "\n"), "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
	}
}
