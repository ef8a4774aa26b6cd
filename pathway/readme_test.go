package pathway

import (
	"testing"

	"github.com/workingtogether/safeguarding/internal/golden"
)

// The README shows the transition table as a Mermaid diagram between two
// markers. This test fails when it is stale; go test ./pathway -run
// TestReadmeDiagram -update rewrites it, touching nothing outside the markers.
func TestReadmeDiagram(t *testing.T) {
	golden.Block(t, "../README.md", "pathway diagram", "```mermaid\n"+Mermaid()+"```\n")
}
