package pathway

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the README's pathway diagram")

// The README shows the transition table as a Mermaid diagram between two
// markers. This test fails when it is stale; go test -update rewrites it,
// touching nothing outside the markers.
func TestReadmeDiagram(t *testing.T) {
	const path = "../README.md"
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin := bytes.Index(readme, []byte("<!-- BEGIN pathway diagram"))
	end := bytes.Index(readme, []byte("<!-- END pathway diagram -->"))
	if begin < 0 || end < begin {
		t.Fatalf("%s lacks the pathway diagram markers", path)
	}
	start := begin + bytes.IndexByte(readme[begin:], '\n') + 1
	got := string(readme[start:end])
	want := "```mermaid\n" + Mermaid() + "```\n"
	if got == want {
		return
	}
	if *update {
		out := append(append(append([]byte(nil), readme[:start]...), want...), readme[end:]...)
		if err := os.WriteFile(path, out, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("rewrote the diagram in %s", path)
		return
	}
	t.Errorf("%s: pathway diagram is stale; run go test ./pathway -run TestReadmeDiagram -update (-README +generated):\n%s", path, cmp.Diff(got, want))
}
