// Package golden checks generated text against text kept in the repository:
// whole files under testdata/, and marked blocks inside a file such as the
// README. It is for tests only. Run the tests with -update to rewrite what is
// stale; nothing outside a block's markers is touched.
package golden

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update is the -update flag of every test binary that imports this package.
var update = flag.Bool("update", false, "rewrite golden files and generated README blocks")

// File compares got with the file at path, and rewrites the file under
// -update. A difference is reported as a -want +got diff.
func File(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got); go test -update rewrites it:\n%s", path, diff)
	}
}

// Block compares got with the text of the file at path between the line that
// begins "<!-- BEGIN name" and the line "<!-- END name -->", and rewrites
// that text under -update.
func Block(t testing.TB, path, name, got string) {
	t.Helper()
	file, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	begin := bytes.Index(file, []byte("<!-- BEGIN "+name+" "))
	end := bytes.Index(file, []byte("<!-- END "+name+" -->"))
	if begin < 0 || end < begin {
		t.Fatalf("%s lacks the markers of the %s block", path, name)
	}
	start := begin + bytes.IndexByte(file[begin:], '\n') + 1
	have := string(file[start:end])
	if have == got {
		return
	}
	if !*update {
		t.Errorf("%s: the %s block is stale; go test -update rewrites it (-file +generated):\n%s",
			path, name, cmp.Diff(have, got))
		return
	}
	out := append(append(append([]byte(nil), file[:start]...), got...), file[end:]...)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("rewrote the %s block of %s", name, path)
}
