package main

import (
	"errors"
	"fmt"
	"io"
)

// runReport writes the caseload report as one self-contained HTML file:
// wt report --html OUT [--as-of DATE] [--from DATE --to DATE] [--by LABEL] FILE...
func runReport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("report")
	var c caseloadFlags
	c.define(fs, true)
	fs.IntVar(&c.o.Days, "days", 10, "the agenda lists running deadlines due within `N` working days")
	out := fs.String("html", "", "write the report to `OUT` (- for standard output)")
	files, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *out == "" {
		return fail(stderr, errors.New("report: --html OUT is required (use --html - for standard output)"))
	}
	if c.o.Days <= 0 {
		c.o.Days = -1
	}
	c.o.KeepCases = true
	r, status := judgeFiles("report", files, c.o, stderr)
	if r == nil {
		return status
	}
	if err := writeOutput(*out, stdout, r.WriteHTML); err != nil {
		return fail(stderr, fmt.Errorf("report: %w", err))
	}
	return status
}
