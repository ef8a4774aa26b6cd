package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// recorder is a testing.TB that keeps failures instead of failing the test.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }
func (r *recorder) Fatal(...any)          { r.failed = true; panic(r) }
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(r) }
func (r *recorder) Helper()               {}
func (r *recorder) Logf(string, ...any)   {}

func fails(t *testing.T, f func(tb testing.TB)) (failed bool) {
	t.Helper()
	r := &recorder{TB: t}
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
		failed = r.failed
	}()
	f(r)
	return r.failed
}

func TestFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.golden")
	if err := os.WriteFile(path, []byte("same\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fails(t, func(tb testing.TB) { File(tb, path, []byte("same\n")) }) {
		t.Error("File reported a difference for equal text")
	}
	if !fails(t, func(tb testing.TB) { File(tb, path, []byte("other\n")) }) {
		t.Error("File reported no difference for different text")
	}
	if !fails(t, func(tb testing.TB) { File(tb, filepath.Join(t.TempDir(), "missing"), nil) }) {
		t.Error("File reported no failure for a missing file")
	}
}

func TestBlock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	readme := "intro\n<!-- BEGIN demo (generated) -->\nold\n<!-- END demo -->\noutro\n"
	if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
		t.Fatal(err)
	}
	if fails(t, func(tb testing.TB) { Block(tb, path, "demo", "old\n") }) {
		t.Error("Block reported a difference for equal text")
	}
	if !fails(t, func(tb testing.TB) { Block(tb, path, "demo", "new\n") }) {
		t.Error("Block reported no difference for different text")
	}
	if !fails(t, func(tb testing.TB) { Block(tb, path, "absent", "x") }) {
		t.Error("Block reported no failure for missing markers")
	}

	*update = true
	defer func() { *update = false }()
	if fails(t, func(tb testing.TB) { Block(tb, path, "demo", "new\n") }) {
		t.Error("Block under -update failed")
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "intro\n<!-- BEGIN demo (generated) -->\nnew\n<!-- END demo -->\noutro\n"; string(got) != want {
		t.Errorf("rewritten file = %q, want %q", got, want)
	}
}
