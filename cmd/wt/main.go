// Command wt answers questions about Working Together timescales from the
// command line: the England and Wales holiday calendar, working-day sums, the
// rulebook, and checks of case logs.
//
// Usage:
//
//	wt holidays [--json] YEAR...
//	wt workdays add DATE N
//	wt workdays between FROM TO
//	wt rules [--edition YEAR] [--json]
//	wt due RULE DATE [--edition YEAR]
//	wt check [--as-of DATE] [--format text|json|junit|html] [--allow-empty] [--workers N] FILE...
//	wt diagram
//	wt census FILE.xml [--format text|json]
//	wt timeline FILE --svg OUT [--as-of DATE] [--case ID]
//	wt agenda [--as-of DATE] [--days N] [--by LABEL] [--format text|json|ics|html] FILE...
//	wt report --html OUT [--as-of DATE] [--from DATE --to DATE] [--by LABEL] FILE...
//
// Every subcommand takes its flags before or after its arguments, as -flag or
// --flag, and prints its help with -h. Bad arguments print a one-line error
// on stderr and exit with status 2, as does a failure to write the output.
//
// go build and go install compile wt with profile-guided optimization from
// default.pgo, a CPU profile of the census pipeline reading, judging and
// rendering the synthetic national file (650,000 children) on two cores,
// by Pipeline.Rendered as wt census does. It cuts the instructions wt
// census runs on the first 100,000 children of that file (one worker,
// callgrind) from 5,282,983,829 to 5,069,548,552 (4.0%; December 2026).
// Rewrite it after changing the census, pathway, holidays or timescales
// hot paths, from a national file written beforehand, so that the
// generator is not in the profile:
//
//	go run ./census/internal/synth/gen -n 650000 > /tmp/national.xml
//	CENSUS_NATIONAL=/tmp/national.xml go test ./census -run '^$' -bench 'AuditNational/rendered$' -benchtime 1x -cpu 2 -cpuprofile cmd/wt/default.pgo
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// A command runs one subcommand with its arguments; it returns the exit status.
type command struct {
	usage string // synopsis, after "wt "
	about string // what it does, for its help (see flags.go)
	run   func(args []string, stdout, stderr io.Writer) int
}

// commands is built per call so that no package state can change between runs.
func commands() map[string]command {
	return map[string]command{
		"holidays": {usage: "holidays [--json] YEAR...", run: runHolidays,
			about: "Lists the England and Wales bank holidays of each YEAR, in the order given: GOV.UK's\n" +
				"published list where it has one, and the statutory rules, marked provisional, beyond it."},
		"workdays": {usage: "workdays add DATE N | workdays between FROM TO", run: runWorkdays,
			about: "Working-day sums on the England and Wales calendar. add prints the Nth working day\n" +
				"after DATE (before it, for negative N); between prints the number of working days\n" +
				"after FROM up to and including TO."},
		"rules": {usage: "rules [--edition YEAR] [--json]", run: runRules,
			about: "Prints an edition of the national rulebook of Working Together to Safeguard Children:\n" +
				"each rule's ID, name, bound, anchor, target and citation."},
		"due": {usage: "due RULE DATE [--edition YEAR]", run: runDue,
			about: "Prints the deadline of RULE for a clock started on DATE, with its citation. The\n" +
				"edition is the one in force on DATE unless --edition pins one."},
		"census": {usage: "census [--format text|json] [--workers N] [--allow-empty] FILE.xml", run: runCensus,
			about: "Reads a children-in-need census file (- for standard input) one child at a time and\n" +
				"prints each child's findings, then the file's timeliness figures. Exit status: 0 when\n" +
				"the file was read, whatever its findings; 2 when it cannot be read or holds no child."},
		"check": {usage: "check [--as-of DATE] [--format text|json|junit|html] [--allow-empty] [--workers N] FILE...", run: runCheck,
			about: "Judges every case in each FILE of case logs (JSON Lines; - for standard input) as of\n" +
				"DATE and prints each case's stage and deadlines. Exit status: 0 when nothing is late,\n" +
				"1 when a deadline is late, overdue or missed, 2 when input is unreadable or empty."},
		"diagram": {usage: "diagram [--effects]", run: runDiagram,
			about: "Prints the pathway's transition table as a Mermaid state diagram, or with --effects\n" +
				"lists it, one transition a line with the clocks it starts, settles or withdraws."},
		"agenda": {usage: "agenda [--as-of DATE] [--days N] [--by LABEL] [--format text|json|ics|html] FILE...", run: runAgenda,
			about: "Lists every overdue deadline across the cases of each FILE of case logs (JSON Lines;\n" +
				"- for standard input), and every running one due within N working days, earliest\n" +
				"first, as a table per LABEL value, JSON, an iCalendar file or the HTML report.\n" +
				"Exit status 2 when a case is unreadable (it is still listed) or there is none."},
		"report": {usage: "report --html OUT [--as-of DATE] [--from DATE --to DATE] [--by LABEL] FILE...", run: runReport,
			about: "Writes one self-contained HTML page about the cases of each FILE: compliance per\n" +
				"rule (and per LABEL value) over the period, the agenda, and a section per case with\n" +
				"its timeline and deadlines. It needs no network to open, and prints on A4."},
		"timeline": {usage: "timeline FILE --svg OUT [--as-of DATE] [--case ID]", run: runTimeline,
			about: "Draws one case of a case-log FILE as an SVG timeline: stages as bands, each deadline\n" +
				"as a row from its anchor to its due date, and the as-of date as a line."},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: tests call it.
func run(args []string, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 {
		usage(stderr, cmds)
		return 2
	}
	if isHelp(args[0]) || args[0] == "help" {
		usage(stdout, cmds) // asked for: not an error
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		return fail(stderr, fmt.Errorf("unknown command %q (try wt help)", args[0]))
	}
	return cmd.run(args[1:], stdout, stderr)
}

func isHelp(arg string) bool { return arg == "-h" || arg == "-help" || arg == "--help" }

func usage(w io.Writer, cmds map[string]command) {
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintln(w, "usage:")
	for _, n := range names {
		fmt.Fprintf(w, "  wt %s\n", cmds[n].usage)
	}
}

// fail prints err as one line on stderr and returns exit status 2.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "wt: "+strings.ReplaceAll(err.Error(), "\n", " "))
	return 2
}

// flush writes out a command's buffered output and returns its exit status:
// 0, or 2 when any write failed (a full disk, a closed pipe), since output
// that did not arrive is no answer. A bufio.Writer keeps its first error, so
// the command may print freely and check once, here.
func flush(w *bufio.Writer, stderr io.Writer, cmd string) int {
	if err := w.Flush(); err != nil {
		return fail(stderr, fmt.Errorf("%s: writing output: %w", cmd, err))
	}
	return 0
}
