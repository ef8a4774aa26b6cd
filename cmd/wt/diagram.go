package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/workingtogether/safeguarding/pathway"
)

// runDiagram prints the pathway's transition table as a Mermaid state
// diagram: wt diagram. The output is sorted, so it changes only when the
// table does, and the README's copy can be checked against it. With
// --effects it lists the table instead, one transition a line with the
// clocks it starts, settles, withdraws or waives.
func runDiagram(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diagram")
	effects := fs.Bool("effects", false, "list every transition with its effects on the clocks, one a line, instead of the diagram")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) != 0 {
		return fail(stderr, fmt.Errorf("diagram: unexpected argument %q", rest[0]))
	}
	out := pathway.Mermaid()
	if *effects {
		var b strings.Builder
		for _, t := range pathway.Transitions() {
			b.WriteString(t.String())
			b.WriteByte('\n')
		}
		out = b.String()
	}
	if _, err := io.WriteString(stdout, out); err != nil {
		return fail(stderr, fmt.Errorf("diagram: %w", err))
	}
	return 0
}
