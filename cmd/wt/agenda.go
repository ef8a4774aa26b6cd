package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/workingtogether/safeguarding/caseload"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
)

// agendaFormats are wt agenda's --format values, each a writer of the
// judged caseload.
func agendaFormats() map[string]func(r *caseload.Report, w io.Writer) error {
	return map[string]func(r *caseload.Report, w io.Writer) error{
		"text": writeAgendaText,
		"json": writeAgendaJSON,
		"ics":  (*caseload.Report).WriteICS,
		"html": (*caseload.Report).WriteHTML,
	}
}

// caseloadFlags are the options wt agenda and wt report share.
type caseloadFlags struct {
	o caseload.Options
}

// define adds --as-of, --by and, with period, --from and --to to fs.
func (c *caseloadFlags) define(fs *flagSet, period bool) {
	fs.TextVar(&c.o.AsOf, "as-of", holidays.DateOf(time.Now()), "judge as of the end of `DATE`, YYYY-MM-DD")
	fs.StringVar(&c.o.By, "by", "", "break the figures down by the case `LABEL`, such as team")
	if period {
		fs.Func("from", "first `DATE` of the compliance period (default three months before --to)", dateSetter(&c.o.From))
		fs.Func("to", "last `DATE` of the compliance period (default the as-of date)", dateSetter(&c.o.To))
	}
}

func dateSetter(d *holidays.Date) func(string) error {
	return func(s string) error {
		v, err := holidays.ParseDate(s)
		if err == nil {
			*d = v
		}
		return err
	}
}

// runAgenda prints what falls due and what is overdue across a caseload:
// wt agenda [--as-of DATE] [--days N] [--by LABEL] [--format text|json|ics|html] FILE...
func runAgenda(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("agenda")
	var c caseloadFlags
	c.define(fs, false)
	fs.IntVar(&c.o.Days, "days", caseload.DefaultDays, "list running deadlines due within `N` working days (0 or less: only the overdue)")
	format := fs.choice("format", "text", []string{"html", "ics", "json", "text"}, "output `FORMAT`")
	files, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if c.o.Days <= 0 {
		c.o.Days = -1 // caseload reads 0 as the default horizon
	}
	c.o.KeepCases = *format == "html"
	r, status := judgeFiles("agenda", files, c.o, stderr)
	if r == nil {
		return status
	}
	if err := agendaFormats()[*format](r, stdout); err != nil {
		return fail(stderr, fmt.Errorf("agenda: %w", err))
	}
	return status
}

// judgeFiles reads and judges the cases of every file ("-" is standard
// input). Each unreadable case is one line on stderr, and makes the status
// 2; the report still lists it. A nil report means there is nothing to
// write: no case at all, or bad options.
func judgeFiles(cmd string, files []string, o caseload.Options, stderr io.Writer) (*caseload.Report, int) {
	if len(files) == 0 {
		return nil, fail(stderr, fmt.Errorf("%s: no case files (use - for standard input)", cmd))
	}
	inputs := make([]caseload.Input, len(files))
	for i, name := range files {
		inputs[i] = caseload.Input{Name: name, R: os.Stdin}
		if name == "-" {
			continue
		}
		f, err := os.Open(name)
		if pe, ok := err.(*fs.PathError); ok {
			// The problem is listed under the file's name already.
			err = fmt.Errorf("cannot %s it: %w", pe.Op, pe.Err)
		}
		if err != nil {
			inputs[i].R = failingReader{err}
			continue
		}
		defer f.Close()
		inputs[i].R = f
	}
	r, err := caseload.Read(o, 0, inputs)
	switch {
	case errors.Is(err, caseload.ErrEmpty):
		// A night's export that came out empty is a fault upstream, not a
		// caseload with nothing due.
		return nil, fail(stderr, fmt.Errorf("%s: the input holds no case", cmd))
	case err != nil:
		return nil, fail(stderr, fmt.Errorf("%s: %w", cmd, err))
	}
	status := 0
	for _, p := range r.Problems {
		status = fail(stderr, fmt.Errorf("%s: %s", cmd, p))
	}
	return r, status
}

// failingReader reports a file that could not be opened as a read error,
// so that it is listed with the unreadable cases.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }

// writeAgendaText writes a table per group (one when --by is not given),
// overdue first, then the unreadable cases.
func writeAgendaText(r *caseload.Report, w io.Writer) error {
	var b strings.Builder
	o := r.Options
	horizon := "overdue, and due within " + days(o.Days, "")
	if o.Days < 0 {
		horizon = "overdue only"
	}
	fmt.Fprintf(&b, "Agenda as of %s %s: %d %s judged; %s.\n",
		o.AsOf.Weekday().String()[:3], o.AsOf, r.Read, plural(r.Read, "case", "cases"), horizon)
	groups := []string{""}
	if o.By != "" {
		groups = r.Groups
	}
	for _, g := range groups {
		if o.By != "" {
			name := g
			if name == "" {
				name = "(no " + o.By + ")"
			}
			fmt.Fprintf(&b, "\n%s: %s\n", o.By, name)
		}
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "\nDUE\tSTATUS\tWORKING DAYS\tCASE\tRULE\tCITATION")
		n := 0
		for _, e := range r.Agenda {
			if o.By != "" && e.Group != g {
				continue
			}
			n++
			due := e.Due.String()
			if e.Due.IsZero() {
				due = "asap"
			}
			status := "open"
			if e.Status == pathway.Overdue {
				status = "OVERDUE"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", due, status, e.Standing(), e.Case, e.Name, shortCitation(e.Edition, e.Citation))
		}
		if n == 0 {
			fmt.Fprintln(tw, "(nothing overdue or due)")
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(&b, "\n%d %s could not be read:\n", len(r.Problems), plural(len(r.Problems), "case", "cases"))
		for _, p := range r.Problems {
			fmt.Fprintf(&b, "  %s\n", p)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shortCitation is "WT 2023 para 153", or the last heading where the
// guidance numbers no paragraph.
func shortCitation(edition int, full string) string {
	s := fmt.Sprintf("WT %d", edition)
	parts := strings.Split(full, ", ")
	last := parts[len(parts)-1]
	if p, ok := strings.CutPrefix(last, "para "); ok {
		return s + " para " + p
	}
	heads := strings.Split(last, "; ")
	return s + ", " + heads[len(heads)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// agendaJSON is wt agenda --format json: the agenda as data.
type agendaJSON struct {
	AsOf       holidays.Date      `json:"as_of"`
	Days       int                `json:"days"`
	By         string             `json:"by,omitempty"`
	Cases      int                `json:"cases"`
	Agenda     []caseload.Entry   `json:"agenda"`
	Unreadable []caseload.Problem `json:"unreadable"`
}

func writeAgendaJSON(r *caseload.Report, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(agendaJSON{AsOf: r.Options.AsOf, Days: max(r.Options.Days, 0), By: r.Options.By,
		Cases: r.Read, Agenda: r.Agenda, Unreadable: r.Problems})
}
