package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/pathway/timeline"
)

// timelineFlags are wt timeline's options. Like wt check's, they may come
// before or after the file, as --flag VALUE or --flag=VALUE.
type timelineFlags struct {
	svg  string // where to write the SVG; "-" is standard output
	asOf holidays.Date
	id   string // which case, when the file holds more than one
	file string
}

func parseTimelineFlags(args []string) (timelineFlags, error) {
	var f timelineFlags
	var files []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, v, hasValue := strings.Cut(a, "=")
		switch name {
		case "--svg", "--as-of", "--case":
			if !hasValue {
				if i+1 >= len(args) {
					return f, fmt.Errorf("%s needs a value", name)
				}
				i++
				v = args[i]
			}
			switch name {
			case "--svg":
				f.svg = v
			case "--case":
				f.id = v
			case "--as-of":
				d, err := holidays.ParseDate(v)
				if err != nil {
					return f, fmt.Errorf("--as-of: %w", err)
				}
				f.asOf = d
			}
		default:
			if strings.HasPrefix(a, "-") && a != "-" {
				return f, fmt.Errorf("unknown flag %q", a)
			}
			files = append(files, a)
		}
	}
	switch {
	case len(files) != 1:
		return f, fmt.Errorf("want one case FILE, got %d", len(files))
	case f.svg == "":
		return f, errors.New("--svg OUT is required (use --svg - for standard output)")
	}
	f.file = files[0]
	return f, nil
}

// runTimeline draws one case as an SVG timeline:
//
//	wt timeline FILE --svg OUT [--as-of DATE] [--case ID]
//
// FILE holds case logs in the pathway JSON format (see wt check); with more
// than one case in it, --case picks one. The picture shows the stages as
// bands, each deadline as a row from its anchor to its due date with its
// outcome marked, and the as-of date (by default today in England) as a
// line. The case is drawn as it stood at the end of the as-of date.
func runTimeline(args []string, stdout, stderr io.Writer) int {
	f, err := parseTimelineFlags(args)
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %w", err))
	}
	if f.asOf.IsZero() {
		f.asOf = holidays.DateOf(time.Now())
	}
	c, err := readOneCase(f.file, f.id)
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %w", err))
	}
	tl, err := timeline.New(c, f.asOf)
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %s: %w", f.file, err))
	}
	if err := writeOutput(f.svg, stdout, tl.WriteSVG); err != nil {
		return fail(stderr, fmt.Errorf("timeline: %w", err))
	}
	return 0
}

// writeOutput writes to the named file, or to stdout for "-". A file is
// written whole to a temporary file beside it and renamed, so that a failure
// never leaves half a picture or report where the last good one was.
func writeOutput(name string, stdout io.Writer, write func(io.Writer) error) error {
	if name == "-" {
		return write(stdout)
	}
	if fi, err := os.Stat(name); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory: give a file name to write", name)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".wt-*"+filepath.Ext(name))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	return err
}

// readOneCase reads the case with the given ID from the file, or its only
// case when id is empty.
func readOneCase(name, id string) (*pathway.Case, error) {
	var in io.Reader = os.Stdin
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		in = file
	}
	dec := pathway.NewDecoder(in)
	var found *pathway.Case
	var ids []string
	for {
		c, err := dec.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%w", name, trimLine(err))
		}
		ids = append(ids, c.ID())
		if id == "" || c.ID() == id {
			if found != nil {
				if id == "" {
					return nil, fmt.Errorf("%s holds more than one case (%s, ...): pick one with --case ID", name, strings.Join(ids[:2], ", "))
				}
				return nil, fmt.Errorf("%s holds more than one case %q", name, id)
			}
			found = c
		}
	}
	if found == nil {
		if id != "" {
			return nil, fmt.Errorf("%s holds no case %q", name, id)
		}
		return nil, fmt.Errorf("%s holds no case", name)
	}
	return found, nil
}
