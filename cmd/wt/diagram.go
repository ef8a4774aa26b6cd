package main

import (
	"fmt"
	"io"

	"github.com/workingtogether/safeguarding/pathway"
)

// runDiagram prints the pathway's transition table as a Mermaid state
// diagram: wt diagram. The output is sorted, so it changes only when the
// table does, and the README's copy can be checked against it.
func runDiagram(args []string, stdout, stderr io.Writer) int {
	rest, code, ok := newFlags("diagram").parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) != 0 {
		return fail(stderr, fmt.Errorf("diagram: unexpected argument %q", rest[0]))
	}
	if _, err := io.WriteString(stdout, pathway.Mermaid()); err != nil {
		return fail(stderr, fmt.Errorf("diagram: %w", err))
	}
	return 0
}
