// Drift compares the built-in England and Wales calendar with a GOV.UK
// bank-holidays.json file and prints every day on which they differ, so that a
// host's CI notices a newly proclaimed holiday before a deadline is computed
// on a stale calendar. It exits 1 when anything differs.
//
//	go run ./examples/drift [FILE]
//
// Without FILE it reads the sample feed it carries, a hand-made file in
// GOV.UK's format that proclaims an imaginary extra holiday in 2027 and moves
// the 2028 spring bank holiday. In production, point it at a fresh download
// of https://www.gov.uk/bank-holidays.json.
package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"os"

	"github.com/workingtogether/safeguarding/holidays"
)

//go:embed testdata/sample-bank-holidays.json
var sampleFeed []byte

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	var in io.Reader = bytes.NewReader(sampleFeed)
	name := "sample feed"
	switch len(args) {
	case 0:
	case 1:
		f, err := os.Open(args[0])
		if err != nil {
			fmt.Fprintln(stderr, "drift:", err)
			return 2
		}
		defer f.Close()
		in, name = f, args[0]
	default:
		fmt.Fprintln(stderr, "usage: drift [bank-holidays.json]")
		return 2
	}
	feed, err := holidays.ParseFeed(in)
	if err != nil {
		fmt.Fprintf(stderr, "drift: %s: %v\n", name, err)
		return 2
	}
	cal := holidays.EnglandAndWales()
	diffs := cal.Diff(feed)
	first, last := feed[0].Date.Year, feed[len(feed)-1].Date.Year
	fmt.Fprintf(stdout, "%s: %d holidays, %d to %d\n", name, len(feed), first, last)
	if len(diffs) == 0 {
		fmt.Fprintln(stdout, "the built-in calendar agrees with the feed")
		return 0
	}
	fmt.Fprintf(stdout, "%d differences from the built-in calendar:\n", len(diffs))
	for _, d := range diffs {
		fmt.Fprintf(stdout, "  %s (%s)\n", d, d.Date.Weekday())
	}
	// What a host would do next: lay the feed over the calendar.
	updated, err := cal.WithFeed(feed)
	if err != nil {
		fmt.Fprintln(stderr, "drift:", err)
		return 2
	}
	fmt.Fprintf(stdout, "after WithFeed: %d differences; holidays provisional from %d\n",
		len(updated.Diff(feed)), updated.LastAnnouncedYear()+1)
	return 1
}
