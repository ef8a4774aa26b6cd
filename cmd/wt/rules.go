package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// editionFlag defines --edition on fs, limited to the rulebook's editions;
// the year it returns is 0 when the flag is not given.
func editionFlag(fs *flagSet, book *timescales.Rulebook, usage string) func() int {
	var years []string
	for _, e := range book.Editions() {
		years = append(years, strconv.Itoa(e.Year))
	}
	v := fs.choice("edition", "", years, usage)
	return func() int {
		y, _ := strconv.Atoi(*v) // one of years, or "" for 0
		return y
	}
}

// rulebookNotes lists the editions and every rule ID, with the editions that
// carry it, for the help of wt rules and wt due.
func rulebookNotes(book *timescales.Rulebook) []string {
	var eds, ids strings.Builder
	eds.WriteString("editions (newest first):")
	names := map[timescales.RuleID]string{}
	in := map[timescales.RuleID][]string{}
	var order []timescales.RuleID
	for _, e := range book.Editions() {
		fmt.Fprintf(&eds, "\n  %d  %s, in force from %s", e.Year, e.Title, e.InForce)
		for _, r := range e.Rules {
			if _, ok := names[r.ID]; !ok {
				names[r.ID] = r.Name
				order = append(order, r.ID)
			}
			in[r.ID] = append(in[r.ID], strconv.Itoa(e.Year))
		}
	}
	ids.WriteString("rule IDs (editions that carry them):")
	width := 0
	for _, id := range order {
		width = max(width, len(id))
	}
	for _, id := range order {
		fmt.Fprintf(&ids, "\n  %-*s  %s (%s)", width, id, names[id], strings.Join(in[id], ", "))
	}
	return []string{eds.String(), ids.String()}
}

// runRules prints an edition of the national rulebook with its citations:
// wt rules [--edition YEAR] [--json].
func runRules(args []string, stdout, stderr io.Writer) int {
	book := timescales.National()
	fs := newFlags("rules", rulebookNotes(book)...)
	edition := editionFlag(fs, book, "the edition to print, by `YEAR`; default the newest")
	asJSON := fs.Bool("json", false, "print the edition as JSON")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) != 0 {
		return fail(stderr, fmt.Errorf("rules: unexpected argument %q", rest[0]))
	}
	eds := book.Editions() // newest first
	// --edition is one of eds or absent (0), so i is never -1.
	i := max(0, slices.IndexFunc(eds, func(e timescales.Edition) bool { return e.Year == edition() }))
	ed := eds[i]
	w := bufio.NewWriter(stdout)
	if *asJSON {
		b, err := json.MarshalIndent(ed, "", "  ")
		if err != nil {
			return fail(stderr, fmt.Errorf("rules: %w", err))
		}
		fmt.Fprintf(w, "%s\n", b)
		return flush(w, stderr, "rules")
	}
	fmt.Fprintf(w, "%s, in force from %s\n", ed.Title, ed.InForce)
	fmt.Fprintf(w, "source of that date: %s\n", ed.Source)
	for _, r := range ed.Rules {
		kind := "statutory"
		if !r.Statutory {
			kind = "non-statutory"
		}
		fmt.Fprintf(w, "\n%s: %s (%s, %s)\n", r.ID, r.Name, r.Bound, kind)
		fmt.Fprintf(w, "  from: %s\n", r.Anchor)
		fmt.Fprintf(w, "  to:   %s\n", r.Target)
		fmt.Fprintf(w, "  cite: %s\n", r.Citation)
		if !r.InForce.IsZero() {
			fmt.Fprintf(w, "  in force from %s (the edition from %s)\n", r.InForce, ed.InForce)
		}
		if r.Citation.Quote != "" {
			fmt.Fprintf(w, "  text: %s\n", r.Citation.Quote)
		}
	}
	return flush(w, stderr, "rules")
}

// runDue prints the deadline of one rule from an anchor date:
// wt due RULE DATE [--edition YEAR].
func runDue(args []string, stdout, stderr io.Writer) int {
	book := timescales.National()
	fs := newFlags("due", rulebookNotes(book)...)
	edition := editionFlag(fs, book, "judge by the edition of `YEAR`; default the one in force on DATE")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) != 2 {
		return fail(stderr, fmt.Errorf("due: want RULE DATE, got %d arguments", len(rest)))
	}
	id := timescales.RuleID(rest[0])
	anchor, err := holidays.ParseDate(rest[1])
	if err != nil {
		return fail(stderr, fmt.Errorf("due: %w", err))
	}
	if y := edition(); y != 0 {
		if book, err = book.Pin(y); err != nil {
			return fail(stderr, fmt.Errorf("due: %w", err))
		}
	}
	d, err := book.Deadline(holidays.EnglandAndWales(), id, anchor)
	if err != nil {
		return fail(stderr, fmt.Errorf("due: %w", unknownRule(book, err)))
	}
	w := bufio.NewWriter(stdout)
	r := d.Rule
	fmt.Fprintf(w, "%s: %s (Working Together %d)\n", r.ID, r.Name, d.Edition)
	fmt.Fprintf(w, "from %s %s: %s\n", d.Anchor.Weekday(), d.Anchor, r.Anchor)
	switch {
	case r.Bound.Unit == timescales.AsSoonAsPossible:
		fmt.Fprintf(w, "due  as soon as possible: no fixed date\n")
	case r.Bound.Before:
		fmt.Fprintf(w, "due  %s %s at the latest (%s)\n", d.Due.Weekday(), d.Due, r.Bound)
	default:
		fmt.Fprintf(w, "due  %s %s (%s)\n", d.Due.Weekday(), d.Due, r.Bound)
	}
	fmt.Fprintf(w, "cite %s\n", r.Citation)
	return flush(w, stderr, "due")
}

// unknownRule turns a rulebook's unknown-rule error into one that lists the
// edition's rule IDs and names the close one; other errors pass through.
func unknownRule(book *timescales.Rulebook, err error) error {
	var ue *timescales.UnknownRuleError
	if !errors.As(err, &ue) {
		return err
	}
	rules, rerr := book.Rules(ue.Edition)
	if rerr != nil {
		return err
	}
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = string(r.ID)
	}
	return fmt.Errorf("edition %d: %w", ue.Edition, &choiceError{What: "rule", Got: string(ue.ID), Valid: ids})
}
