package main

// flags.go is the one way a wt subcommand reads its arguments. A subcommand
// builds a flagSet, defines its flags on the embedded flag.FlagSet (Bool,
// String, TextVar, ...) or with choice, and calls parse:
//
//	fs := newFlags("census")        // synopsis and description from the command table (main.go)
//	format := fs.choice("format", "text", []string{"text", "json"}, "output `FORMAT`")
//	args, code, ok := fs.parse(args, stdout, stderr)
//	if !ok {
//		return code // help was printed (0), or a usage error (2)
//	}
//
// What parse accepts, for every subcommand alike:
//   - flags before, between or after the positional arguments;
//   - -flag and --flag, with the value as the next argument or after "=";
//   - "--" ends the flags: every later argument is positional;
//   - "-" (standard input) and negative numbers ("-7") are positional, since
//     no flag name starts with a digit;
//   - -h, -help and --help print the synopsis, the command's description and
//     every flag with its default on stdout, and parse returns code 0.
//
// A usage error (an unknown flag, a missing or bad value) is one line on
// stderr, naming the close flag or value when there is one, and code 2.
// newFlags(name, notes...) appends notes (lists of valid values, say) to the
// help. choiceError and suggest serve positional arguments with a fixed set
// of values (rule IDs) the same way.

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
)

// A flagSet is a flag.FlagSet that knows its command's synopsis and
// description, so that it can print help and name the command in errors.
type flagSet struct {
	*flag.FlagSet
	usage string   // synopsis, "holidays [--json] YEAR..."
	about string   // what the command does
	notes []string // further help paragraphs
}

// newFlags returns the flag set of the named command in the command table,
// with notes to print after the flags in its help.
func newFlags(name string, notes ...string) *flagSet {
	cmd := commands()[name]
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	// flag's own messages span lines and go to stderr; parse writes them.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, usage: cmd.usage, about: cmd.about, notes: notes}
}

// parse reads args as the file comment describes. It returns the
// positional arguments and ok; when ok is false the command must return code
// at once: 0 after printing help, 2 after a usage error.
func (f *flagSet) parse(args []string, stdout, stderr io.Writer) (positional []string, code int, ok bool) {
	positional, err := f.set(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		if err := f.help(stdout); err != nil {
			return nil, fail(stderr, fmt.Errorf("%s: %w", f.Name(), err)), false
		}
		return nil, 0, false
	case err != nil:
		return nil, fail(stderr, fmt.Errorf("%s: %v (see wt %s -h)", f.Name(), err, f.Name())), false
	}
	return positional, 0, true
}

// set gives each flag in args its value and returns the other arguments.
// It walks args itself, rather than calling Parse, because Parse stops at the
// first positional argument and wraps a value's error in its own words.
func (f *flagSet) set(args []string) (positional []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(positional, args[i+1:]...), nil
		}
		if !isFlag(a) {
			positional = append(positional, a)
			continue
		}
		// One or two dashes; a third is part of the name, and unknown.
		name, value, hasValue := strings.Cut(strings.TrimPrefix(a[1:], "-"), "=")
		fl := f.Lookup(name)
		switch {
		case fl == nil && (name == "h" || name == "help"):
			return nil, flag.ErrHelp
		case fl == nil:
			return nil, f.unknown(a, name)
		case !hasValue && isBool(fl):
			value = "true"
		case !hasValue && i+1 < len(args):
			i++
			value = args[i]
		case !hasValue:
			return nil, fmt.Errorf("--%s needs a value", name)
		}
		if err := f.Set(name, value); err != nil {
			var ce *choiceError
			if errors.As(err, &ce) {
				return nil, err
			}
			return nil, fmt.Errorf("--%s %q: %w", name, value, err)
		}
	}
	return positional, nil
}

func isFlag(a string) bool {
	return len(a) > 1 && a[0] == '-' && (a[1] < '0' || a[1] > '9')
}

func isBool(fl *flag.Flag) bool {
	b, ok := fl.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// unknown is the error for a flag the command does not have.
func (f *flagSet) unknown(arg, name string) error {
	var names []string
	f.VisitAll(func(fl *flag.Flag) { names = append(names, fl.Name) })
	if len(names) == 0 {
		return fmt.Errorf("unknown flag %s: wt %s takes no flags", arg, f.Name())
	}
	for i, n := range names {
		names[i] = "--" + n
	}
	e := &choiceError{What: "flag", Got: "--" + name, Valid: names}
	return fmt.Errorf("unknown flag %s%s; flags: %s", arg, e.hint(), strings.Join(names, ", "))
}

// help writes the synopsis, the description, every flag and the notes.
func (f *flagSet) help(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "usage: wt %s\n\n%s\n", f.usage, f.about)
	type row struct{ left, right string }
	var rows []row
	f.VisitAll(func(fl *flag.Flag) {
		arg, text := flag.UnquoteUsage(fl)
		left := "--" + fl.Name
		if arg != "" {
			left += " " + arg
		}
		if c, ok := fl.Value.(*choiceValue); ok {
			text += " (one of " + strings.Join(c.valid, ", ") + ")"
		}
		// As flag.PrintDefaults does, a zero default goes unsaid.
		if fl.DefValue != "" && fl.DefValue != "0" && !isBool(fl) {
			text += fmt.Sprintf(" (default %s)", fl.DefValue)
		}
		rows = append(rows, row{left, text})
	})
	rows = append(rows, row{"-h, --help", "print this help"})
	width := 0
	for _, r := range rows {
		width = max(width, len(r.left))
	}
	b.WriteString("\nflags:\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.left, r.right)
	}
	for _, n := range f.notes {
		fmt.Fprintf(&b, "\n%s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// choice defines a string flag that accepts only the given values; a bad
// value is refused with the list and the close one.
func (f *flagSet) choice(name, value string, valid []string, usage string) *string {
	c := &choiceValue{what: "--" + name, value: value, valid: valid}
	f.Var(c, name, usage)
	return &c.value
}

// choiceValue is the flag.Value behind choice.
type choiceValue struct {
	what  string
	value string
	valid []string
}

func (c *choiceValue) String() string {
	if c == nil {
		return "" // flag.isZeroValue calls String on a nil *choiceValue
	}
	return c.value
}

func (c *choiceValue) Set(s string) error {
	if err := choose(c.what, s, c.valid); err != nil {
		return err
	}
	c.value = s
	return nil
}

// A choiceError reports a value outside a fixed set. Its message lists the
// set and, when one value is close to the one given (the same but for case,
// or a typo or two away), suggests it.
type choiceError struct {
	What  string   // "rule", "--format"
	Got   string   // the value given
	Valid []string // every value accepted, in the order to list them
}

func (e *choiceError) Error() string {
	return fmt.Sprintf("unknown %s %q%s; want one of %s", e.What, e.Got, e.hint(), strings.Join(e.Valid, ", "))
}

// hint is ` (did you mean "x"?)`, or empty when nothing is close.
func (e *choiceError) hint() string {
	if s, ok := suggest(e.Got, e.Valid); ok {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// choose returns nil when got is one of valid, and a *choiceError otherwise.
func choose(what, got string, valid []string) error {
	if slices.Contains(valid, got) {
		return nil
	}
	return &choiceError{What: what, Got: got, Valid: valid}
}

// suggest returns the one value of valid close to got: equal but for case,
// or else the nearest by edit distance when that is at most a third of its
// length (so "asessment" finds "assessment" but "x" finds nothing).
func suggest(got string, valid []string) (string, bool) {
	for _, v := range valid {
		if strings.EqualFold(v, got) {
			return v, true
		}
	}
	best, bestD, ties := "", -1, 0
	lower := strings.ToLower(got)
	for _, v := range valid {
		d := editDistance(lower, strings.ToLower(v))
		switch {
		case bestD < 0 || d < bestD:
			best, bestD, ties = v, d, 1
		case d == bestD:
			ties++
		}
	}
	if bestD < 0 || ties > 1 || bestD*3 > len([]rune(best)) {
		return "", false
	}
	return best, true
}

// editDistance is the Levenshtein distance between a and b in runes, in
// space linear in the shorter.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
