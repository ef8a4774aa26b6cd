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
//	wt check [--as-of DATE] [--format text|json|junit] FILE...
//	wt diagram
//	wt timeline FILE --svg OUT [--as-of DATE] [--case ID]
//
// Bad arguments print a one-line error on stderr and exit with status 2.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// A command runs one subcommand with its arguments; it returns the exit status.
type command struct {
	usage string
	run   func(args []string, stdout, stderr io.Writer) int
}

// commands is built per call so that no package state can change between runs.
func commands() map[string]command {
	return map[string]command{
		"holidays": {"holidays [--json] YEAR...", runHolidays},
		"workdays": {"workdays add DATE N | workdays between FROM TO", runWorkdays},
		"rules":    {"rules [--edition YEAR] [--json]", runRules},
		"due":      {"due RULE DATE [--edition YEAR]", runDue},
		"census":   {"census FILE.xml [--format text|json]", runCensus},
		"check":    {"check [--as-of DATE] [--format text|json|junit] FILE...", runCheck},
		"diagram":  {"diagram", runDiagram},
		"timeline": {"timeline FILE --svg OUT [--as-of DATE] [--case ID]", runTimeline},
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
	if len(args) == 2 && isHelp(args[1]) {
		fmt.Fprintf(stdout, "usage: wt %s\n", cmd.usage)
		return 0
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
