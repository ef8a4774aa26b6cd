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
	fs := newFlags("timeline")
	var asOf holidays.Date
	fs.TextVar(&asOf, "as-of", holidays.DateOf(time.Now()), "draw the case as it stood at the end of `DATE`, YYYY-MM-DD")
	svg := fs.String("svg", "", "write the picture to `OUT` (- for standard output)")
	id := fs.String("case", "", "draw the case with this `ID`, when FILE holds more than one")
	files, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	switch {
	case len(files) != 1:
		return fail(stderr, fmt.Errorf("timeline: want one case FILE, got %d", len(files)))
	case *svg == "":
		return fail(stderr, errors.New("timeline: --svg OUT is required (use --svg - for standard output)"))
	}
	c, err := readOneCase(files[0], *id)
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %w", err))
	}
	tl, err := timeline.New(c, asOf)
	if err != nil {
		return fail(stderr, fmt.Errorf("timeline: %s: %w", files[0], err))
	}
	if err := writeOutput(*svg, stdout, tl.WriteSVG); err != nil {
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
	var found *pathway.Case
	var ids []string
	for c, err := range pathway.NewDecoder(in).All() {
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
