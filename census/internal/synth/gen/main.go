// Command gen writes a synthetic children-in-need census file to standard
// output, for measuring wt census on a national file:
//
//	go run ./census/internal/synth/gen -n 650000 > /tmp/national.xml
//	/usr/bin/time -v wt census /tmp/national.xml > /dev/null
//
// The file is invented (identifiers SYN...) and must not be committed.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/workingtogether/safeguarding/census/internal/synth"
)

func main() {
	n := flag.Int("n", 650_000, "number of children")
	seed := flag.Uint64("seed", 1, "generator seed")
	flag.Parse()
	if err := synth.Write(os.Stdout, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
