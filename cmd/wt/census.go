package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/workingtogether/safeguarding/census"
)

// runCensus reads a children-in-need census file and prints each child's
// findings, then the file's timeliness figures:
// wt census FILE.xml [--format text|json].
//
// The file is read one child at a time and each child's findings are printed
// as soon as it is judged, so a large authority's file needs little memory.
// A file that cannot be read (malformed XML, a bad date) stops the run with
// exit status 2 and the error on stderr, naming the child, element and line;
// what was printed before it stands. Findings themselves do not change the
// exit status.
func runCensus(args []string, stdout, stderr io.Writer) int {
	format, path := "text", ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--format" || strings.HasPrefix(a, "--format="):
			v, ok := strings.CutPrefix(a, "--format=")
			if !ok {
				if i+1 >= len(args) {
					return fail(stderr, fmt.Errorf("census: --format needs text or json"))
				}
				i++
				v = args[i]
			}
			if v != "text" && v != "json" {
				return fail(stderr, fmt.Errorf("census: --format %q: want text or json", v))
			}
			format = v
		case strings.HasPrefix(a, "-") && a != "-":
			return fail(stderr, fmt.Errorf("census: unknown flag %q", a))
		case path != "":
			return fail(stderr, fmt.Errorf("census: one file at a time (got %q and %q)", path, a))
		default:
			path = a
		}
	}
	if path == "" {
		return fail(stderr, fmt.Errorf("census: want a census file: wt census FILE.xml [--format text|json]"))
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(stderr, err)
	}
	defer f.Close()
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if format == "json" {
		err = censusJSON(f, w)
	} else {
		err = censusText(path, f, w)
	}
	if err != nil {
		w.Flush()
		return fail(stderr, err)
	}
	return 0
}

// censusJSON writes {"header":…,"children":[…],"figures":…,"warnings":[…]}
// child by child, in the shape of census.Report.
func censusJSON(in io.Reader, w io.Writer) error {
	r := census.NewReader(in)
	h, err := r.Header()
	if err != nil {
		return err
	}
	a := census.NewAuditor(h, census.Config{})
	hb, err := json.Marshal(h)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "{\"header\":%s,\n\"children\":[", hb)
	n := 0
	for c, err := range r.All() {
		if err != nil {
			return err
		}
		cb, err := json.Marshal(a.Audit(c))
		if err != nil {
			return err
		}
		if n > 0 {
			io.WriteString(w, ",")
		}
		fmt.Fprintf(w, "\n%s", cb)
		n++
	}
	fb, err := json.Marshal(a.Figures())
	if err != nil {
		return err
	}
	wb, err := json.Marshal(r.Warnings())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "],\n\"figures\":%s,\n\"warnings\":%s}\n", fb, wb)
	return nil
}

func censusText(path string, in io.Reader, w io.Writer) error {
	r := census.NewReader(in)
	h, err := r.Header()
	if err != nil {
		return err
	}
	a := census.NewAuditor(h, census.Config{})
	fmt.Fprintf(w, "census %s: collection %s %d", path, orDash(h.Collection), h.Year)
	if start, ok := h.PeriodStart(); ok {
		fmt.Fprintf(w, ", year %s to %s", start, h.ReferenceDate)
	}
	fmt.Fprintln(w)
	for c, err := range r.All() {
		if err != nil {
			return err
		}
		rep := a.Audit(c)
		if len(rep.Findings) == 0 && len(rep.Warnings) == 0 {
			continue
		}
		fmt.Fprintf(w, "\nchild %s (line %d)\n", rep.LAchildID, rep.Line)
		for _, f := range rep.Findings {
			label := string(f.Kind)
			if f.Code != "" {
				label = "DfE " + f.Code + " " + string(f.Severity)
			}
			fmt.Fprintf(w, "  episode %d, line %d: %s: %s\n", f.Episode, f.Line, label, f.Message())
		}
		for _, wn := range rep.Warnings {
			fmt.Fprintf(w, "  warning: line %d: %s: %s\n", wn.Line, wn.Element, wn.Message)
		}
	}
	for _, wn := range r.Warnings() {
		fmt.Fprintf(w, "\nwarning: line %d: %s: %s\n", wn.Line, wn.Element, wn.Message)
	}
	printFigures(w, a.Figures())
	return nil
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
	fmt.Fprintf(w, "  within 45: %d (%s); still open %d, untimed %d, completed outside the year %d\n",
		as.Within45, as.PercentWithin45, as.Open, as.Untimed, as.OutOfYear)
	cf := f.Conferences
	fmt.Fprintf(w, "\ninitial conferences held in the year, working days from the section 47 start: %d\n", cf.Held)
	printBands(w, cf.Bands)
	fmt.Fprintf(w, "  within 15: %d (%s); median %g\n", cf.Within15, cf.PercentWithin15, cf.Median)
	fmt.Fprintf(w, "  excluded: before the enquiry started %d, untimed %d, outside the year %d\n", cf.BeforeStart, cf.Untimed, cf.OutOfYear)
	if !f.ReferenceDate.IsZero() {
		fmt.Fprintf(w, "\nthis library's own measure (no DfE table): plans open on %s for at least three months: %d; reviews on time: %d (%s)\n",
			f.ReferenceDate, f.Reviews.Plans, f.Reviews.OnTime, f.Reviews.PercentOnTime)
	}
	for _, n := range f.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
}

func printBands(w io.Writer, bs []census.Band) {
	for _, b := range bs {
		fmt.Fprintf(w, "  %-9s %d\n", b.Label, b.Count)
	}
}
