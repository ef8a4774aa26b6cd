package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// ruleFlags are the options wt rules and wt due share. Flags may come before
// or after the positional arguments, in either --edition YEAR or
// --edition=YEAR form.
type ruleFlags struct {
	edition int  // 0: newest (rules) or in force on the anchor (due)
	json    bool // only wt rules
	args    []string
}

func parseRuleFlags(args []string, allowJSON bool) (ruleFlags, error) {
	var f ruleFlags
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--json" && allowJSON:
			f.json = true
		case a == "--edition" || strings.HasPrefix(a, "--edition="):
			v, ok := strings.CutPrefix(a, "--edition=")
			if !ok {
				if i+1 >= len(args) {
					return f, fmt.Errorf("--edition needs a year")
				}
				i++
				v = args[i]
			}
			y, err := strconv.Atoi(v)
			if err != nil || y <= 0 {
				return f, fmt.Errorf("--edition %q is not a year", v)
			}
			f.edition = y
		case strings.HasPrefix(a, "-") && a != "-":
			return f, fmt.Errorf("unknown flag %q", a)
		default:
			f.args = append(f.args, a)
		}
	}
	return f, nil
}

// runRules prints an edition of the national rulebook with its citations:
// wt rules [--edition YEAR] [--json].
func runRules(args []string, stdout, stderr io.Writer) int {
	f, err := parseRuleFlags(args, true)
	if err != nil {
		return fail(stderr, fmt.Errorf("rules: %w", err))
	}
	if len(f.args) != 0 {
		return fail(stderr, fmt.Errorf("rules: unexpected argument %q", f.args[0]))
	}
	book := timescales.National()
	eds := book.Editions()
	ed := eds[0] // newest first
	if f.edition != 0 {
		found := false
		for _, e := range eds {
			if e.Year == f.edition {
				ed, found = e, true
			}
		}
		if !found {
			return fail(stderr, fmt.Errorf("rules: %w", &timescales.NoEditionError{Year: f.edition}))
		}
	}
	if f.json {
		b, err := json.MarshalIndent(ed, "", "  ")
		if err != nil {
			return fail(stderr, fmt.Errorf("rules: %w", err))
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return 0
	}
	fmt.Fprintf(stdout, "%s, in force from %s\n", ed.Title, ed.InForce)
	fmt.Fprintf(stdout, "source of that date: %s\n", ed.Source)
	for _, r := range ed.Rules {
		kind := "statutory"
		if !r.Statutory {
			kind = "non-statutory"
		}
		fmt.Fprintf(stdout, "\n%s: %s (%s, %s)\n", r.ID, r.Name, r.Bound, kind)
		fmt.Fprintf(stdout, "  from: %s\n", r.Anchor)
		fmt.Fprintf(stdout, "  to:   %s\n", r.Target)
		fmt.Fprintf(stdout, "  cite: %s\n", r.Citation)
		if r.Citation.Quote != "" {
			fmt.Fprintf(stdout, "  text: %s\n", r.Citation.Quote)
		}
	}
	return 0
}

// runDue prints the deadline of one rule from an anchor date:
// wt due RULE DATE [--edition YEAR].
func runDue(args []string, stdout, stderr io.Writer) int {
	f, err := parseRuleFlags(args, false)
	if err != nil {
		return fail(stderr, fmt.Errorf("due: %w", err))
	}
	if len(f.args) != 2 {
		return fail(stderr, fmt.Errorf("due: want RULE DATE, got %d arguments", len(f.args)))
	}
	id := timescales.RuleID(f.args[0])
	anchor, err := holidays.ParseDate(f.args[1])
	if err != nil {
		return fail(stderr, fmt.Errorf("due: %w", err))
	}
	book := timescales.National()
	if f.edition != 0 {
		if book, err = book.Pin(f.edition); err != nil {
			return fail(stderr, fmt.Errorf("due: %w", err))
		}
	}
	d, err := book.Deadline(holidays.EnglandAndWales(), id, anchor)
	if err != nil {
		return fail(stderr, fmt.Errorf("due: %w", err))
	}
	r := d.Rule
	fmt.Fprintf(stdout, "%s: %s (Working Together %d)\n", r.ID, r.Name, d.Edition)
	fmt.Fprintf(stdout, "from %s %s: %s\n", d.Anchor.Weekday(), d.Anchor, r.Anchor)
	switch {
	case r.Bound.Unit == timescales.AsSoonAsPossible:
		fmt.Fprintf(stdout, "due  as soon as possible: no fixed date\n")
	case r.Bound.Before:
		fmt.Fprintf(stdout, "due  %s %s at the latest (%s)\n", d.Due.Weekday(), d.Due, r.Bound)
	default:
		fmt.Fprintf(stdout, "due  %s %s (%s)\n", d.Due.Weekday(), d.Due, r.Bound)
	}
	fmt.Fprintf(stdout, "cite %s\n", r.Citation)
	return 0
}
