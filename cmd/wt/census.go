package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"

	"github.com/workingtogether/safeguarding/census"
	"github.com/workingtogether/safeguarding/holidays"
)

// runCensus reads a children-in-need census file and prints each child's
// findings, then the file's timeliness figures:
// wt census [--format text|json] [--workers N] [--allow-empty] FILE.xml, or
// - for standard input.
//
// The file is read once, a child at a time, and judged on several workers
// (census.Pipeline); each child's findings are printed in file order as soon
// as it is judged, so a national file needs little memory. A file that
// cannot be read (malformed XML, a bad date) stops the run with exit status
// 2 and the error on stderr, naming the child, element and line; what was
// printed before it stands, and JSON output is closed with the error as its
// last member, so that it is always one whole document. A failed write exits
// 2 as well. So does a file that holds no child, unless --allow-empty: a
// return of no children is a broken export, and a check of it in CI must not
// pass. Findings themselves do not change the exit status.
func runCensus(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("census")
	format := fs.choice("format", "text", []string{"text", "json"}, "output `FORMAT`")
	workers := fs.Int("workers", 0, "judge children on `N` goroutines (0: one per CPU)")
	allowEmpty := fs.Bool("allow-empty", false, "let a file that holds no child pass (by default it is an error)")
	files, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(files) != 1 {
		return fail(stderr, fmt.Errorf("census: want one census file, or - for standard input (got %d)", len(files)))
	}
	path := files[0]
	var in io.Reader = os.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return fail(stderr, fmt.Errorf("census: %w", err))
		}
		defer f.Close()
		in = f
	}
	defer tuneGC()()
	bw := bufio.NewWriterSize(stdout, outputBatch)
	w := &errWriter{w: bw}
	p := census.NewPipeline(in, census.Config{}, *workers)
	var err error
	if *format == "json" {
		err = censusJSON(p, w)
	} else {
		err = censusText(path, p, w)
	}
	status := flush(bw, stderr, "census")
	if err != nil && w.err == nil {
		return fail(stderr, err)
	}
	if w.err != nil && status == 0 {
		status = fail(stderr, fmt.Errorf("census: writing output: %w", w.err))
	}
	if status == 0 && p.Figures().Children == 0 && !*allowEmpty {
		status = fail(stderr, errors.New("census: the file holds no child (use --allow-empty if that is expected)"))
	}
	return status
}

// outputBatch is the size of census output's writes.
const outputBatch = 64 << 10

// tuneGC sets the collector for a census run and returns what restores
// it. A run keeps a few tens of megabytes live (the chunks and reports in
// flight) while it reads and writes gigabytes, so the default GOGC=100
// collects often: on the national file (650,000 children, text, 02:25 UTC,
// load 8) 71 collections took 2.3 to 2.5 s of CPU, against 17 taking 0.3
// to 0.7 s here, a third of a core-second budget of 6. Before reports were
// recycled, the churn also had the scavenger return pages to the kernel
// only for them to fault back in (50,000 children: 530 madvise calls, 79
// here). The price is memory: peak RSS 87 MB in text and 95 MB in JSON,
// against 43 and 46 MB; the limit keeps it under the 128 MB a national run
// is allowed, whatever the live heap. GOGC and GOMEMLIMIT set by the user
// win. The settings are the process's: run is not called concurrently.
func tuneGC() (restore func()) {
	var undo []func()
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(400)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(96 << 20)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}

// An errWriter keeps the first write error, so that a run stops reading
// once its output has nowhere to go (a closed pipe, a full disk).
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// A censusErrorRecord is the last member of a JSON document cut short by a file
// that cannot be read.
type censusErrorRecord struct {
	LAchildID string `json:"la_child_id,omitempty"`
	Element   string `json:"element,omitempty"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	Value     string `json:"value,omitempty"`
	Message   string `json:"message"`
}

func errorRecord(err error) censusErrorRecord {
	var e *census.Error
	if errors.As(err, &e) {
		return censusErrorRecord{LAchildID: e.LAchildID, Element: e.Element, Line: e.Line, Column: e.Column, Value: e.Value, Message: e.Message}
	}
	return censusErrorRecord{Message: err.Error()}
}

// censusJSON streams
// {"header":…,"children":[…],"figures":…,"file_findings":[…],"warnings":[…]},
// child by child, in the shape of census.Report. A read error ends the
// document with "error" in place of the figures (which would count only
// part of the file) and is returned.
func censusJSON(p *census.Pipeline, w *errWriter) error {
	enc := json.NewEncoder(w)
	h, err := p.Header()
	if err != nil {
		return writeJSONError(w, enc, "{", err)
	}
	io.WriteString(w, `{"header":`)
	enc.Encode(h)
	io.WriteString(w, `,"children":[`)
	// The workers render each child, with a jsonAppender each; the
	// renderings are gathered here, a line each, as for text.
	render := func() census.Render {
		var j jsonAppender
		return func(b []byte, rep *census.ChildReport) ([]byte, error) {
			b, err := j.report(b, rep)
			return append(b, '\n'), err
		}
	}
	var b []byte
	sep := byte('\n')
	for child, err := range p.Rendered(render) {
		if err != nil {
			w.Write(b)
			return writeJSONError(w, enc, "],", err)
		}
		if w.err != nil {
			return w.err
		}
		if b = append(append(b, sep), child...); len(b) >= outputBatch {
			w.Write(b)
			b = b[:0]
		}
		sep = ','
	}
	w.Write(b)
	io.WriteString(w, `],"figures":`)
	enc.Encode(p.Figures())
	io.WriteString(w, `,"file_findings":`)
	ff := p.FileFindings()
	if ff == nil {
		ff = []census.Finding{}
	}
	enc.Encode(ff)
	io.WriteString(w, `,"warnings":`)
	ws := p.Warnings()
	if ws == nil {
		ws = []census.Warning{}
	}
	enc.Encode(ws)
	io.WriteString(w, "}\n")
	return w.err
}

// writeJSONError closes the document with {"error":…} after prefix and
// returns err.
func writeJSONError(w *errWriter, enc *json.Encoder, prefix string, err error) error {
	io.WriteString(w, prefix+`"error":`)
	enc.Encode(errorRecord(err))
	io.WriteString(w, "}\n")
	return err
}

func censusText(path string, p *census.Pipeline, w *errWriter) error {
	h, err := p.Header()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "census %s: collection %s %d", path, orDash(h.Collection), h.Year)
	if start, ok := h.PeriodStart(); ok {
		fmt.Fprintf(w, ", year %s to %s", start, h.ReferenceDate)
	}
	fmt.Fprintln(w)
	// The figures of no children yet, for the rulebook's assessment bound.
	bound := p.Figures().Assessments.Bound
	render := func() census.Render {
		return func(b []byte, rep *census.ChildReport) ([]byte, error) {
			return appendChild(b, rep, bound), nil
		}
	}
	// The workers render the children's lines; they are gathered in one
	// buffer, kept from child to child, and handed to bufio 64 KB at a
	// time, not child by child: a national file has millions of lines,
	// and bufio writes straight through whatever of a large write does not
	// fit in its own buffer, rather than copying it all.
	var b []byte
	for lines, err := range p.Rendered(render) {
		if err != nil {
			w.Write(b)
			return err
		}
		if w.err != nil {
			return w.err
		}
		if b = append(b, lines...); len(b) >= outputBatch {
			w.Write(b)
			b = b[:0]
		}
	}
	w.Write(b)
	for _, f := range p.FileFindings() {
		b = appendFinding(fmt.Appendf(b[:0], "\nfile, line %d: ", f.Line), &f)
		w.Write(append(b, '\n'))
	}
	for _, wn := range p.Warnings() {
		fmt.Fprintf(w, "\nwarning: line %d: %s: %s\n", wn.Line, wn.Element, wn.Message)
	}
	printFigures(w, p.Figures())
	return w.err
}

// appendChild appends a child's findings, its assessments measured both
// ways and its warnings; a child with none of them is left out. bound is
// the rulebook's assessment timescale in working days.
func appendChild(b []byte, rep *census.ChildReport, bound int) []byte {
	if len(rep.Findings) == 0 && len(rep.Assessments) == 0 && len(rep.Warnings) == 0 {
		return b
	}
	b = append(append(b, "\nchild "...), rep.LAchildID...)
	b = append(strconv.AppendInt(append(b, " (line "...), int64(rep.Line), 10), ")\n"...)
	for i := range rep.Findings {
		f := &rep.Findings[i]
		b = appendFinding(appendEpisodeLine(b, f.Episode, f.Line), f)
		b = append(b, '\n')
	}
	for i := range rep.Assessments {
		m := &rep.Assessments[i]
		b = strconv.AppendInt(append(appendEpisodeLine(b, m.Episode, m.Line), "assessment "...), int64(m.Assessment), 10)
		b = appendWorkingTogether(append(appendDfEMeasure(append(b, ": "...), m.DfE, bound), "; "...), m.WorkingTogether)
		b = append(b, '\n')
	}
	for _, wn := range rep.Warnings {
		b = strconv.AppendInt(append(b, "  warning: line "...), int64(wn.Line), 10)
		b = append(append(append(append(append(b, ": "...), wn.Element...), ": "...), wn.Message...), '\n')
	}
	return b
}

// appendEpisodeLine appends "  episode E, line L: ".
func appendEpisodeLine(b []byte, episode, line int) []byte {
	b = strconv.AppendInt(append(b, "  episode "...), int64(episode), 10)
	return append(strconv.AppendInt(append(b, ", line "...), int64(line), 10), ": "...)
}

// appendFinding appends a finding's element path, source and message:
// "Section47[1]/DateOfInitialCPC: DfE 8875 error: …". f is a pointer, as a
// finding is large and a national file has millions.
func appendFinding(b []byte, f *census.Finding) []byte {
	b = append(f.AppendPath(b), ": "...)
	if f.Code != "" {
		b = append(append(append(append(b, "DfE "...), f.Code...), ' '), f.Severity...)
	} else {
		b = append(b, f.Kind...)
	}
	return f.AppendMessage(append(b, ": "...))
}

// appendDfEMeasure names and states the DfE's measure of an assessment
// (table C2, query 8670Q): working days from its start to its
// authorisation, against bound.
func appendDfEMeasure(b []byte, m census.DfEAssessmentMeasure, bound int) []byte {
	b = append(b, "DfE start to authorisation"...)
	switch {
	case m.Timed:
		verdict := " (over "
		if m.Within {
			verdict = " (within "
		}
		b = appendDate(append(appendDate(append(b, ' '), m.Start), " to "...), m.Authorised)
		b = append(appendWorkdayCount(append(b, ": "...), m.Workdays), verdict...)
		return append(strconv.AppendInt(b, int64(bound), 10), ')')
	case m.Authorised.IsZero():
		return append(b, ": not authorised yet"...)
	}
	return append(b, ": not timed"...)
}

// appendWorkingTogether names and states the Working Together deadline of
// an assessment (2023, chapter 3, para 155: 45 working days from the
// referral), as the pathway judged it.
func appendWorkingTogether(b []byte, m census.WorkingTogetherAssessment) []byte {
	b = append(b, "Working Together para 155 from referral"...)
	if !m.OnPathway {
		return append(b, ": not on the pathway (see the case's notes)"...)
	}
	b = appendDate(append(appendDate(append(b, ' '), m.Referral), ": due "...), m.Due)
	b = append(append(b, ", "...), m.Status...)
	if m.Late > 0 {
		b = appendWorkdayCount(append(b, " by "...), m.Late)
	}
	return b
}

// appendWorkdayCount appends "1 working day" or "n working days".
func appendWorkdayCount(b []byte, n int) []byte {
	b = strconv.AppendInt(b, int64(n), 10)
	if n == 1 {
		return append(b, " working day"...)
	}
	return append(b, " working days"...)
}

// appendDate appends d as its String method writes it.
func appendDate(b []byte, d holidays.Date) []byte {
	if out, err := d.AppendText(b); err == nil {
		return out
	}
	return append(b, d.String()...)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func printFigures(w io.Writer, f census.Figures) {
	fmt.Fprintf(w, "\nfigures: %d children, %d episodes\n", f.Children, f.Episodes)
	as := f.Assessments
	fmt.Fprintf(w, "\nassessments completed in the year, working days from start to authorisation: %d\n", as.Completed)
	printBands(w, as.Bands)
	fmt.Fprintf(w, "  within %d: %d (%s); %s\n", as.Bound, as.Within45, as.PercentWithin45, quartiles(as.Median, as.LowerQuartile, as.UpperQuartile))
	fmt.Fprintf(w, "  still open %d, untimed %d, completed outside the year %d\n", as.Open, as.Untimed, as.OutOfYear)
	fmt.Fprintf(w, "  left out, breaking a DfE error rule: %d\n", as.Rejected)
	cf := f.Conferences
	fmt.Fprintf(w, "\ninitial conferences held in the year, working days from the section 47 start: %d\n", cf.Held)
	printBands(w, cf.Bands)
	fmt.Fprintf(w, "  within %d: %d (%s); %s\n", cf.Bound, cf.Within15, cf.PercentWithin15, quartiles(cf.Median, cf.LowerQuartile, cf.UpperQuartile))
	fmt.Fprintf(w, "  excluded: before the enquiry started %d, untimed %d, outside the year %d\n", cf.BeforeStart, cf.Untimed, cf.OutOfYear)
	fmt.Fprintf(w, "  left out, breaking a DfE error rule: %d\n", cf.Rejected)
	if !f.ReferenceDate.IsZero() {
		fmt.Fprintf(w, "\nthis library's own measure (no DfE table): plans open on %s for at least three months: %d; reviews on time: %d (%s)\n",
			f.ReferenceDate, f.Reviews.Plans, f.Reviews.OnTime, f.Reviews.PercentOnTime)
		fmt.Fprintf(w, "  left out, breaking a DfE error rule: %d\n", f.Reviews.Rejected)
	}
	for _, n := range f.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

// quartiles states a median and quartiles in working days, or "n/a" when
// there was nothing to measure.
func quartiles(median, lower, upper *float64) string {
	if median == nil || lower == nil || upper == nil {
		return "median n/a, quartiles n/a"
	}
	return fmt.Sprintf("median %g, quartiles %g to %g", *median, *lower, *upper)
}

func printBands(w io.Writer, bs []census.Band) {
	for _, b := range bs {
		fmt.Fprintf(w, "  %-9s %d\n", b.Label, b.Count)
	}
}
