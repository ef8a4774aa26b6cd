package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/timescales"
)

// A caseReport is one case of the input: where it starts, and either its
// stage and clocks as of the check date or, when it could not be read or
// judged, Err.
type caseReport struct {
	File   string
	Line   int    // 0 when the whole file could not be read
	ID     string // "" when not known
	AsOf   holidays.Date
	Stage  pathway.Stage
	Clocks []pathway.Clock
	Err    error
	Case   *pathway.Case // the case judged, for reports that draw it (html)
}

// late reports whether anything in the case was late, overdue or missed.
func (r caseReport) late() bool {
	for _, k := range r.Clocks {
		if k.Status.IsLate() {
			return true
		}
	}
	return false
}

// where is "FILE:LINE", or "FILE" when the fault is the whole file's.
func (r caseReport) where() string {
	if r.Line == 0 {
		return r.File
	}
	return fmt.Sprintf("%s:%d", r.File, r.Line)
}

// problem is the error of an unreadable case without the line and case the
// report gives beside it.
func (r caseReport) problem() string {
	var de *pathway.DecodeError
	if !errors.As(r.Err, &de) {
		return r.Err.Error()
	}
	msg := lineError{de}.message()
	if de.Case != "" {
		msg = strings.TrimPrefix(msg, fmt.Sprintf("case %q: ", de.Case))
	}
	return msg
}

// lineError renders a decode error as "LINE: message", so that with the
// file name in front it reads like a compiler's FILE:LINE: message.
type lineError struct{ de *pathway.DecodeError }

func (e lineError) Error() string { return fmt.Sprintf("%d: %s", e.de.Line, e.message()) }

// message is the error without its "pathway: line N: " prefix.
func (e lineError) message() string {
	return strings.TrimPrefix(e.de.Error(), fmt.Sprintf("pathway: line %d: ", e.de.Line))
}

func (e lineError) Unwrap() error { return e.de }

// trimLine is err as a lineError when it is a decode error (wt timeline's
// errors use it).
func trimLine(err error) error {
	var de *pathway.DecodeError
	if errors.As(err, &de) {
		return lineError{de}
	}
	return fmt.Errorf(" %w", err)
}

// A checkSummary counts a run's cases.
type checkSummary struct {
	Cases      int `json:"cases"`      // every case met, readable or not
	Late       int `json:"late"`       // cases with a deadline late, overdue or missed
	Unreadable int `json:"unreadable"` // cases that could not be read or judged
}

func (s *checkSummary) add(r caseReport) {
	s.Cases++
	switch {
	case r.Err != nil:
		s.Unreadable++
	case r.late():
		s.Late++
	}
}

// String is the summary line that ends the text report.
func (s checkSummary) String() string {
	return fmt.Sprintf("%s: %d late, %d unreadable", nCases(s.Cases), s.Late, s.Unreadable)
}

// nCases is "1 case" or "N cases".
func nCases(n int) string {
	if n == 1 {
		return "1 case"
	}
	return fmt.Sprintf("%d cases", n)
}

// A checkReporter writes the results of wt check in one format, as a stream:
// report is called for each case in input order, finish once after the last
// with the counts, close always, last, to free what the reporter holds.
type checkReporter interface {
	report(r caseReport) error
	finish(s checkSummary) error
	close()
}

// checkFormats maps --format names to reporters; a new format is one entry.
func checkFormats() map[string]func(w io.Writer) checkReporter {
	return map[string]func(w io.Writer) checkReporter{
		"text":  newTextReporter,
		"json":  newJSONReporter,
		"junit": newJUnitReporter, // junit.go
		"html":  newHTMLReporter,  // report.go
	}
}

func formatNames() []string {
	return slices.Sorted(maps.Keys(checkFormats()))
}

// runCheck reads case logs and reports each case's stage and deadlines:
// wt check [--as-of DATE] [--format text|json|junit] [--allow-empty] [--workers N] FILE...
// Every case is judged, whatever is wrong with the ones before it; each one
// that cannot be read is a record of the report, in every format. The exit
// status is 2 when any case was unreadable, or no case was found (unless
// --allow-empty), or the report could not be written; else 1 when anything
// was late, overdue or missed; else 0.
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check")
	var asOf holidays.Date
	fs.TextVar(&asOf, "as-of", holidays.DateOf(time.Now()), "judge as of `DATE`, YYYY-MM-DD")
	format := fs.choice("format", "text", formatNames(), "output `FORMAT`")
	allowEmpty := fs.Bool("allow-empty", false, "let input that holds no case pass (by default it is an error)")
	// pathway.MapCases bounds the cases in flight (4 MB of text, 4,096
	// cases) whatever the workers, yet peak RSS on a 50 MB export in JUnit
	// still grew from 32 MB with GOMAXPROCS=1 to 83 MB with 32 (cause not
	// yet found): a CI runner with many cores may want fewer workers.
	workers := fs.Int("workers", 0, "judge cases on `N` goroutines (0: one per CPU); fewer use less memory")
	files, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(files) == 0 {
		return fail(stderr, errors.New("check: no case files (use - for standard input)"))
	}
	rep := checkFormats()[*format](stdout)
	defer rep.close()
	var sum checkSummary
	var first *caseReport // the first unreadable case, for stderr
	c := checker{asOf: asOf, workers: *workers, emit: func(r caseReport) error {
		sum.add(r)
		if r.Err != nil && first == nil {
			first = &r
		}
		return rep.report(r)
	}}
	for _, name := range files {
		if err := c.file(name); err != nil {
			return fail(stderr, fmt.Errorf("check: writing the report: %w", err))
		}
	}
	if err := rep.finish(sum); err != nil {
		return fail(stderr, fmt.Errorf("check: writing the report: %w", err))
	}
	switch {
	case first != nil:
		what := ""
		if first.ID != "" {
			what = fmt.Sprintf(" case %q:", first.ID)
		}
		return fail(stderr, fmt.Errorf("check: %d unreadable (see the report); the first: %s:%s %s", sum.Unreadable, first.where(), what, first.problem()))
	case sum.Cases == 0 && !*allowEmpty:
		// A night's export that came out empty is a fault upstream, not a
		// night with nothing late.
		return fail(stderr, errors.New("check: the input holds no case (use --allow-empty if that is expected)"))
	case sum.Late > 0:
		return 1
	}
	return 0
}

// A checker judges case logs as of a date on workers goroutines (0: one per
// CPU) and passes each case's report to emit.
type checker struct {
	asOf    holidays.Date
	workers int
	emit    func(caseReport) error
}

// file judges every case in one file, in input order. A file that cannot be
// opened is one unreadable record; otherwise see stream. Its error is emit's:
// the report could not be written.
func (k checker) file(name string) error {
	if name == "-" {
		return k.stream(name, os.Stdin)
	}
	file, err := os.Open(name)
	if err != nil {
		return k.emit(caseReport{File: name, Err: err})
	}
	defer file.Close()
	return k.stream(name, file)
}

// stream judges the cases of one stream in parallel (pathway.MapCases) and
// passes each report to emit, in input order, with the line each case starts
// on. A case that cannot be read is a record and the next case is still
// judged; a fatal error (a failed read, a case over pathway.MaxCaseSize) is
// the last record of the stream.
func (k checker) stream(name string, in io.Reader) error {
	fn := func(c *pathway.Case, line int) (caseReport, error) {
		r := judge(name, c, k.asOf)
		r.Line = line
		return r, nil
	}
	for r, err := range pathway.MapCasesAt(in, k.workers, fn) {
		if err != nil {
			r = caseReport{File: name, Err: err}
			var de *pathway.DecodeError
			if errors.As(err, &de) {
				r.Line, r.ID = de.Line, de.Case
			}
		}
		if err := k.emit(r); err != nil {
			return err
		}
	}
	return nil
}

// judge is the report of one case read from file, as of asOf; its line is
// the caller's to fill in.
func judge(file string, c *pathway.Case, asOf holidays.Date) caseReport {
	r := caseReport{File: file, ID: c.ID(), AsOf: asOf, Case: c}
	r.Clocks, r.Err = c.Deadlines(asOf)
	if r.Err == nil {
		r.Stage = c.StageAt(asOf)
	}
	return r
}

// textReporter writes a block per case (a heading, then a line per clock),
// a line per unreadable case, and a summary line.
type textReporter struct{ w *bufio.Writer }

func newTextReporter(w io.Writer) checkReporter { return &textReporter{bufio.NewWriter(w)} }

func (t *textReporter) report(r caseReport) error {
	b := t.w
	if r.Err != nil {
		fmt.Fprintf(b, "%s: unreadable", r.where())
		if r.ID != "" {
			fmt.Fprintf(b, " case %s", shown(r.ID))
		}
		fmt.Fprintf(b, ": %s\n", oneLine(r.problem()))
		return flushError(b)
	}
	fmt.Fprintf(b, "%s:%d: case %s: stage %s as of %s\n", r.File, r.Line, shown(r.ID), r.Stage, r.AsOf)
	for _, k := range r.Clocks {
		fmt.Fprintf(b, "  %-11s %-24s", k.Status, k.Rule.ID)
		switch k.Status {
		case pathway.NotStarted:
		case pathway.Open:
			if k.Due.IsZero() {
				fmt.Fprintf(b, " as soon as possible; %s", days(k.Elapsed, "elapsed"))
			} else {
				fmt.Fprintf(b, " due %s; %s", k.Due, days(k.WorkdaysLeft, "left"))
			}
		case pathway.Done:
			fmt.Fprintf(b, " done %s; %s", k.Done, days(k.Elapsed, "taken"))
		case pathway.Met:
			fmt.Fprintf(b, " due %s; done %s", k.Due, k.Done)
		case pathway.Late, pathway.Missed:
			fmt.Fprintf(b, " due %s; %s %s; %s late", k.Due, map[pathway.Status]string{pathway.Late: "done", pathway.Missed: "stopped"}[k.Status], k.Done, days(k.Late, ""))
		case pathway.Overdue:
			fmt.Fprintf(b, " due %s; %s overdue", k.Due, days(k.Late, ""))
		}
		if k.Reason != "" {
			fmt.Fprintf(b, "; reason: %q", k.Reason)
		}
		if k.Status != pathway.NotStarted || k.Rule.Citation.Edition != "" {
			fmt.Fprintf(b, " [%s]", citation(k))
		}
		b.WriteByte('\n')
	}
	return flushError(b)
}

func (t *textReporter) finish(s checkSummary) error {
	fmt.Fprintln(t.w, s)
	return t.w.Flush()
}

func (t *textReporter) close() {}

// flushError is the error a bufio.Writer has met so far, without flushing
// it: a bufio.Writer keeps its first write error, and a reporter stops at it
// rather than judging the rest of a large input for nothing.
func flushError(w *bufio.Writer) error {
	_, err := w.Write(nil)
	return err
}

// oneLine keeps a message to one line of a line-oriented report.
func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// shown is a case ID as the text report prints it: as it is, or quoted when
// it holds a character that would break or hide in a line (a newline, a
// control character).
func shown(id string) string {
	if strings.ContainsFunc(id, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return strconv.Quote(id)
	}
	return id
}

func days(n int, what string) string {
	s := fmt.Sprintf("%d working days", n)
	if n == 1 || n == -1 {
		s = fmt.Sprintf("%d working day", n)
	}
	if what != "" {
		s += " " + what
	}
	return s
}

// citation is a short reference: the paragraph, or where the guidance
// numbers none (section 3 of chapter 3 in 2023), the heading it falls under.
func citation(k pathway.Clock) string {
	s := fmt.Sprintf("WT %d", k.Edition)
	c := k.Rule.Citation
	switch {
	case c.Paragraph != "":
		s += " para " + c.Paragraph
	case c.Chapter != "":
		parts := strings.Split(c.Chapter, "; ")
		s += ", " + parts[len(parts)-1]
	}
	return s
}

// jsonReporter writes JSON Lines: a record per case, then a summary record.
// Each record's "kind" says which it is: "case", "error" (a case that could
// not be read or judged) or "summary". A clock names its rule by ID and a
// short citation; the full text of each rule the report names is in the
// summary, once (wt rules --json prints a whole edition).
type jsonReporter struct {
	w     *bufio.Writer
	enc   *json.Encoder
	rules []jsonRule // every rule named so far, in the order first named
	seen  map[jsonRuleKey]bool
}

type jsonRuleKey struct {
	edition int
	id      timescales.RuleID
}

func newJSONReporter(w io.Writer) checkReporter {
	b := bufio.NewWriter(w)
	return &jsonReporter{w: b, enc: json.NewEncoder(b), seen: map[jsonRuleKey]bool{}}
}

type jsonCase struct {
	Kind      string         `json:"kind"` // "case"
	File      string         `json:"file"`
	Line      int            `json:"line"`
	ID        string         `json:"id"`
	AsOf      holidays.Date  `json:"as_of"`
	Stage     pathway.Stage  `json:"stage"`
	Late      bool           `json:"late"`
	Deadlines []jsonDeadline `json:"deadlines"`
}

// jsonDeadline is a clock with its rule named, not spelt out: the field
// "rule" here hides pathway.Clock's, which holds the whole rule.
type jsonDeadline struct {
	Rule timescales.RuleID `json:"rule"`
	Cite string            `json:"cite"`
	pathway.Clock
}

// jsonUnreadable is the record of a case that could not be read or judged.
type jsonUnreadable struct {
	Kind  string `json:"kind"` // "error"
	File  string `json:"file"`
	Line  int    `json:"line,omitempty"`
	ID    string `json:"id,omitempty"`
	Error string `json:"error"`
}

type jsonSummary struct {
	Kind string `json:"kind"` // "summary"
	checkSummary
	Rules []jsonRule `json:"rules"`
}

// jsonRule is a rule with the edition it comes from.
type jsonRule struct {
	Edition int `json:"edition"`
	timescales.Rule
}

func (j *jsonReporter) report(r caseReport) error {
	if r.Err != nil {
		if err := j.enc.Encode(jsonUnreadable{Kind: "error", File: r.File, Line: r.Line, ID: r.ID, Error: r.problem()}); err != nil {
			return err
		}
		return flushError(j.w)
	}
	c := jsonCase{Kind: "case", File: r.File, Line: r.Line, ID: r.ID, AsOf: r.AsOf, Stage: r.Stage, Late: r.late(),
		Deadlines: make([]jsonDeadline, len(r.Clocks))} // "deadlines": [], never null
	for i, k := range r.Clocks {
		c.Deadlines[i] = jsonDeadline{Rule: k.Rule.ID, Cite: citation(k), Clock: k}
		key := jsonRuleKey{k.Edition, k.Rule.ID}
		if !j.seen[key] {
			j.seen[key] = true
			j.rules = append(j.rules, jsonRule{k.Edition, k.Rule})
		}
	}
	if err := j.enc.Encode(c); err != nil {
		return err
	}
	return flushError(j.w)
}

func (j *jsonReporter) finish(s checkSummary) error {
	rules := j.rules
	if rules == nil {
		rules = []jsonRule{}
	}
	if err := j.enc.Encode(jsonSummary{Kind: "summary", checkSummary: s, Rules: rules}); err != nil {
		return err
	}
	return j.w.Flush()
}

func (j *jsonReporter) close() {}
