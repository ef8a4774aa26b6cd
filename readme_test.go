package safeguarding_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/internal/golden"
	"github.com/workingtogether/safeguarding/timescales"
)

const readmePath = "README.md"

// The README's generated blocks: each fails the test when stale, and
// go test . -run TestReadme -update rewrites it.
func TestReadmeGenerated(t *testing.T) {
	golden.Block(t, readmePath, "tour", exampleBlock(t, "Example"))
	golden.Block(t, readmePath, "rulebook", rulebookBlock(t))
	golden.Block(t, readmePath, "local protocol", exampleBlock(t, "Example_localProtocol"))
	golden.Block(t, readmePath, "new holiday", exampleBlock(t, "Example_newHoliday"))
	golden.Block(t, readmePath, "caseload agenda", agendaBlock(t))
}

// CI runs the first line of the Set-up block as the README's main job, so
// the block keeps exactly that shape.
func TestReadmeSetup(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)\n## Set-up\n(.*?)\n## ").FindSubmatch(readme)
	if m == nil {
		t.Fatalf("%s has no ## Set-up section", readmePath)
	}
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```\n").FindAllSubmatch(m[1], -1)
	if len(blocks) != 1 {
		t.Fatalf("Set-up has %d sh blocks, want 1", len(blocks))
	}
	want := "go run ./examples/timeline\ngo test ./...\n"
	if diff := cmp.Diff(want, string(blocks[0][1])); diff != "" {
		t.Errorf("Set-up block mismatch (-want +got):\n%s", diff)
	}
	if !bytes.Contains(readme, []byte("<!-- BEGIN pathway diagram")) || !bytes.Contains(readme, []byte("<!-- END pathway diagram -->")) {
		t.Error("the pathway diagram markers are gone")
	}
}

// tourBlock is the body of Example in example_test.go, and its output, as
// the README shows them.
// exampleBlock is the body of the named Example function in example_test.go,
// as a Go block, and its output, so that the README shows code that go test
// compiles and runs.
func exampleBlock(t *testing.T, name string) string {
	t.Helper()
	const file = "example_test.go"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	var fn *ast.FuncDecl
	for _, d := range f.Decls {
		if d, ok := d.(*ast.FuncDecl); ok && d.Name.Name == name {
			fn = d
		}
	}
	if fn == nil {
		t.Fatalf("%s has no func %s", file, name)
	}
	body := string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
	code, output, ok := strings.Cut(body, "\t// Output:\n")
	if !ok {
		t.Fatalf("%s in %s has no // Output: comment", name, file)
	}
	var b strings.Builder
	b.WriteString("```go\n")
	for _, line := range strings.Split(strings.Trim(code, "\n"), "\n") {
		b.WriteString(strings.TrimPrefix(line, "\t") + "\n")
	}
	b.WriteString("```\n\nIt prints:\n\n```\n")
	for _, line := range strings.Split(strings.TrimRight(output, "\n"), "\n") {
		line = strings.TrimPrefix(strings.TrimPrefix(line, "\t//"), " ")
		b.WriteString(line + "\n")
	}
	b.WriteString("```\n")
	return b.String()
}

// rulebookBlock is the national rulebook as a Markdown table: each rule of
// the newest edition with its bound and citation, and its bound in the
// older editions that set it.
func rulebookBlock(t *testing.T) string {
	t.Helper()
	eds := timescales.National().Editions() // newest first
	var b strings.Builder
	newest := eds[0]
	fmt.Fprintf(&b, "| Rule | What | Bound | From | %d citation |", newest.Year)
	for _, e := range eds[1:] {
		fmt.Fprintf(&b, " %d |", e.Year)
	}
	b.WriteString("\n| --- | --- | --- | --- | --- |")
	for range eds[1:] {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range newest.Rules {
		bound := r.Bound.String()
		if !r.Statutory {
			bound += " (non-statutory)"
		}
		bound += ownStart(newest, r)
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |", r.ID, cell(r.Name), cell(bound), cell(r.Anchor), cell(shortCitation(r.Citation)))
		for _, e := range eds[1:] {
			b.WriteString(" " + olderBound(e, r) + " |")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\nIn force: ")
	for i, e := range eds {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%d edition from %s", e.Year, e.InForce)
	}
	b.WriteString(". \"same\" means the older edition sets the same bound (under its own citation); \"–\" that it sets none.\n")
	return b.String()
}

// olderBound is how an older edition sets the rule: "same", its own bound,
// or "–" when it has no such rule.
func olderBound(e timescales.Edition, r timescales.Rule) string {
	for _, o := range e.Rules {
		if o.ID == r.ID {
			if o.Bound == r.Bound {
				return "same" + ownStart(e, o)
			}
			return cell(o.Bound.String()) + ownStart(e, o)
		}
	}
	return "–"
}

// ownStart names the day a rule came into force when that is not its
// edition's day (the 2018 duties to the Child Safeguarding Practice Review
// Panel began on 29 June 2018, before the edition itself), so the table
// never suggests a clock ran before its duty existed.
func ownStart(e timescales.Edition, r timescales.Rule) string {
	if r.InForce.IsZero() || r.InForce == e.InForce {
		return ""
	}
	return ", from " + r.InForce.String()
}

// shortCitation keeps the chapter number, the innermost heading and the
// paragraph: "Ch 3, Timeliness, para 153".
func shortCitation(c timescales.Citation) string {
	var parts []string
	if c.Chapter != "" {
		if n, _, ok := strings.Cut(strings.TrimPrefix(c.Chapter, "Chapter "), ":"); ok && strings.HasPrefix(c.Chapter, "Chapter ") {
			parts = append(parts, "Ch "+n)
		}
		parts = append(parts, strings.TrimSpace(c.Chapter[strings.LastIndex(c.Chapter, ";")+1:]))
	}
	if c.Paragraph != "" {
		parts = append(parts, "para "+c.Paragraph)
	}
	return strings.Join(parts, ", ")
}

// cell escapes text for a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// agendaBlock is the output of examples/agenda, which that example's own
// golden test holds to the program.
func agendaBlock(t *testing.T) string {
	t.Helper()
	out, err := os.ReadFile("examples/agenda/testdata/agenda.golden")
	if err != nil {
		t.Fatal(err)
	}
	return "```\n$ go run ./examples/agenda\n" + string(out) + "```\n"
}
