package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/holidays"
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

// htmlReporter is wt check --format html: the caseload report of wt report,
// for CI. It keeps every case until the run ends, as the report needs them
// all for its summary.
type htmlReporter struct {
	w     io.Writer
	asOf  holidays.Date
	items []caseload.Item
	errs  []error
}

func newHTMLReporter(w io.Writer) checkReporter { return &htmlReporter{w: w} }

func (h *htmlReporter) report(r caseReport) error {
	src := caseload.Source{File: r.File, Line: r.Line}
	if r.Err != nil {
		h.items = append(h.items, caseload.Item{Source: src})
		h.errs = append(h.errs, r.Err)
		return nil
	}
	h.asOf = r.AsOf
	h.items = append(h.items, caseload.Item{Case: r.Case, Labels: r.Case.Labels(), Source: src})
	h.errs = append(h.errs, nil)
	return nil
}

func (h *htmlReporter) finish(checkSummary) error {
	if h.asOf.IsZero() {
		h.asOf = holidays.DateOf(time.Now()) // no case was read: the page lists the unreadable
	}
	seq := func(yield func(caseload.Item, error) bool) {
		for i, it := range h.items {
			if !yield(it, h.errs[i]) {
				return
			}
		}
	}
	r, err := caseload.Judge(seq, caseload.Options{AsOf: h.asOf, KeepCases: true})
	if errors.Is(err, caseload.ErrEmpty) {
		return nil // wt check reports the empty input itself
	}
	if err != nil {
		return err
	}
	return r.WriteHTML(h.w)
}

func (h *htmlReporter) close() { h.items, h.errs = nil, nil }
