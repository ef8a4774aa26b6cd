package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
)

// A caseReport is one case checked: where it came from, its stage and its
// clocks as of the check date.
type caseReport struct {
	File   string
	Line   int
	ID     string
	AsOf   holidays.Date
	Stage  pathway.Stage
	Clocks []pathway.Clock
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

// A checkReporter writes the results of wt check in one format. Case
// reports arrive in input order; finish is called once after the last, so a
// format that needs the whole run (a JUnit document, say) can buffer.
type checkReporter interface {
	report(r caseReport) error
	finish() error
}

// checkFormats maps --format names to reporters; a new format is one entry.
func checkFormats() map[string]func(w io.Writer) checkReporter {
	return map[string]func(w io.Writer) checkReporter{
		"text": func(w io.Writer) checkReporter { return &textReporter{w: w} },
		"json": func(w io.Writer) checkReporter { return &jsonReporter{enc: json.NewEncoder(w)} },

		"junit": newJUnitReporter, // junit.go
	}
}

func formatNames() []string {
	var names []string
	for n := range checkFormats() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// runCheck reads case logs and prints each case's stage and deadlines:
// wt check [--as-of DATE] [--format text|json|junit] FILE...
// It exits 0 when nothing is late, 1 when anything is late, overdue or
// missed, and 2 on bad input (after checking every case it can read).
func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check")
	var asOf holidays.Date
	fs.TextVar(&asOf, "as-of", holidays.DateOf(time.Now()), "judge as of `DATE`, YYYY-MM-DD")
	format := fs.choice("format", "text", formatNames(), "output `FORMAT`")
	allowEmpty := fs.Bool("allow-empty", false, "let input that holds no case pass (by default it is an error)")
	files, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(files) == 0 {
		return fail(stderr, errors.New("check: no case files (use - for standard input)"))
	}
	rep := checkFormats()[*format](stdout)
	status := 0
	worse := func(s int) {
		if s > status {
			status = s
		}
	}
	cases := 0
	for _, name := range files {
		s, n := checkFile(name, asOf, rep, stderr)
		worse(s)
		cases += n
	}
	if cases == 0 && status == 0 && !*allowEmpty {
		// A night's export that came out empty is a fault upstream, not a
		// night with nothing late.
		worse(fail(stderr, errors.New("check: the input holds no case (use --allow-empty if that is expected)")))
	}
	if err := rep.finish(); err != nil {
		worse(fail(stderr, fmt.Errorf("check: %w", err)))
	}
	return status
}

// checkFile checks every case in one file and returns the exit status it
// calls for and the number of cases it met, readable or not.
func checkFile(name string, asOf holidays.Date, rep checkReporter, stderr io.Writer) (status, cases int) {
	var in io.Reader = os.Stdin
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return fail(stderr, fmt.Errorf("check: %w", err)), 0
		}
		defer file.Close()
		in = file
	}
	dec := pathway.NewDecoder(in)
	var last error
	for {
		c, err := dec.Decode()
		if err == io.EOF {
			return status, cases
		}
		cases++
		if err != nil {
			if err == last {
				// The decoder repeats an error it cannot read past (bad
				// JSON syntax, a failed read): the file ends here.
				return status, cases - 1
			}
			last = err
			status = fail(stderr, fmt.Errorf("check: %s:%w", name, trimLine(err)))
			continue
		}
		clocks, err := c.Deadlines(asOf)
		if err != nil {
			status = fail(stderr, fmt.Errorf("check: %s:%d: case %q: %w", name, dec.Line(), c.ID(), err))
			continue
		}
		r := caseReport{File: name, Line: dec.Line(), ID: c.ID(), AsOf: asOf, Stage: c.StageAt(asOf), Clocks: clocks}
		if err := rep.report(r); err != nil {
			return fail(stderr, fmt.Errorf("check: %w", err)), cases
		}
		if r.late() && status == 0 {
			status = 1
		}
	}
}

// lineError renders a decode error as "LINE: message", so that with the
// file name in front it reads like a compiler's FILE:LINE: message.
type lineError struct{ de *pathway.DecodeError }

func (e lineError) Error() string {
	msg := strings.TrimPrefix(e.de.Error(), fmt.Sprintf("pathway: line %d: ", e.de.Line))
	return fmt.Sprintf("%d: %s", e.de.Line, msg)
}

func (e lineError) Unwrap() error { return e.de }

func trimLine(err error) error {
	var de *pathway.DecodeError
	if errors.As(err, &de) {
		return lineError{de}
	}
	return fmt.Errorf(" %w", err)
}

// textReporter writes a block per case: a heading, then one line per clock.
type textReporter struct{ w io.Writer }

func (t *textReporter) report(r caseReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d: case %s: stage %s as of %s\n", r.File, r.Line, r.ID, r.Stage, r.AsOf)
	for _, k := range r.Clocks {
		fmt.Fprintf(&b, "  %-11s %-24s", k.Status, k.Rule.ID)
		switch k.Status {
		case pathway.NotStarted:
		case pathway.Open:
			if k.Due.IsZero() {
				fmt.Fprintf(&b, " as soon as possible; %s", days(k.Elapsed, "elapsed"))
			} else {
				fmt.Fprintf(&b, " due %s; %s", k.Due, days(k.WorkdaysLeft, "left"))
			}
		case pathway.Done:
			fmt.Fprintf(&b, " done %s; %s", k.Done, days(k.Elapsed, "taken"))
		case pathway.Met:
			fmt.Fprintf(&b, " due %s; done %s", k.Due, k.Done)
		case pathway.Late, pathway.Missed:
			fmt.Fprintf(&b, " due %s; %s %s; %s late", k.Due, map[pathway.Status]string{pathway.Late: "done", pathway.Missed: "stopped"}[k.Status], k.Done, days(k.Late, ""))
		case pathway.Overdue:
			fmt.Fprintf(&b, " due %s; %s overdue", k.Due, days(k.Late, ""))
		}
		if k.Reason != "" {
			fmt.Fprintf(&b, "; reason: %q", k.Reason)
		}
		if k.Status != pathway.NotStarted || k.Rule.Citation.Edition != "" {
			fmt.Fprintf(&b, " [%s]", citation(k))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(t.w, b.String())
	return err
}

func (t *textReporter) finish() error { return nil }

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

// jsonReporter writes JSON Lines: one object per case.
type jsonReporter struct{ enc *json.Encoder }

type jsonCase struct {
	File      string          `json:"file"`
	Line      int             `json:"line"`
	ID        string          `json:"id"`
	AsOf      holidays.Date   `json:"as_of"`
	Stage     pathway.Stage   `json:"stage"`
	Late      bool            `json:"late"`
	Deadlines []pathway.Clock `json:"deadlines"`
}

func (j *jsonReporter) report(r caseReport) error {
	if r.Clocks == nil {
		r.Clocks = []pathway.Clock{} // "deadlines": [], not null
	}
	return j.enc.Encode(jsonCase{File: r.File, Line: r.Line, ID: r.ID, AsOf: r.AsOf, Stage: r.Stage, Late: r.late(), Deadlines: r.Clocks})
}

func (j *jsonReporter) finish() error { return nil }
