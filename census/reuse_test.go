package census

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/workingtogether/safeguarding/census/internal/synth"
	"pgregory.net/rapid"
)

// reusePool reads the children the reuse property draws from: synthetic
// ones (every finding the generator's realistic mix gives) and the
// hand-made figures file's.
func reusePool(t *testing.T) (Header, []Child) {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.Write(&buf, 300, 11); err != nil {
		t.Fatal(err)
	}
	f, err := ReadAll(&buf)
	if err != nil {
		t.Fatal(err)
	}
	hand, err := os.ReadFile("testdata/figures-2024.xml")
	if err != nil {
		t.Fatal(err)
	}
	g, err := ReadAll(bytes.NewReader(hand))
	if err != nil {
		t.Fatal(err)
	}
	return f.Header, append(f.Children, g.Children...)
}

// reportJSON is everything a report shows: findings with their messages,
// cases with their logs, clocks and notes, and the measures.
func reportJSON(t interface{ Fatal(...any) }, rep ChildReport) string {
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAuditorReuseProperty: an Auditor that has judged other children
// first, in any order, gives each child the report a fresh Auditor gives
// it, and a report it gave earlier is not changed by the children judged
// after (the reports' slices share chunks of memory and the scratch space
// is reused); its figures are those of the same children in file order.
// AuditInto, writing over a few reports recycled in turn, gives each child
// the same report again.
func TestAuditorReuseProperty(t *testing.T) {
	h, pool := reusePool(t)
	fresh := make([]string, len(pool))
	for i, c := range pool {
		fresh[i] = reportJSON(t, NewAuditor(h, Config{}).Audit(c))
	}
	rapid.Check(t, func(rt *rapid.T) {
		order := rapid.Permutation(indexes(len(pool))).Draw(rt, "order")
		order = order[:rapid.IntRange(1, len(order)).Draw(rt, "children")]
		a := NewAuditor(h, Config{})
		kept := make([]ChildReport, len(order))
		for k, i := range order {
			kept[k] = a.Audit(pool[i])
			if got := reportJSON(rt, kept[k]); got != fresh[i] {
				rt.Fatalf("child %d after %d others: report differs from a fresh Auditor's (-fresh +reused):\n%s", i, k, cmp.Diff(fresh[i], got))
			}
		}
		for k, i := range order {
			if got := reportJSON(rt, kept[k]); got != fresh[i] {
				rt.Fatalf("child %d: its report changed after later children were judged (-fresh +kept):\n%s", i, cmp.Diff(fresh[i], got))
			}
		}
		into := NewAuditor(h, Config{})
		ring := make([]ChildReport, rapid.IntRange(1, 3).Draw(rt, "recycled"))
		for k, i := range order {
			rep := &ring[k%len(ring)]
			into.AuditInto(rep, &pool[i])
			if got := reportJSON(rt, *rep); got != fresh[i] {
				rt.Fatalf("child %d written over a recycled report: differs from a fresh Auditor's (-fresh +recycled):\n%s", i, cmp.Diff(fresh[i], got))
			}
		}
		if diff := cmp.Diff(a.Figures(), into.Figures()); diff != "" {
			rt.Fatalf("AuditInto's figures differ from Audit's (-Audit +AuditInto):\n%s", diff)
		}
		want := NewAuditor(h, Config{})
		inFile := slices.Clone(order)
		slices.Sort(inFile)
		for _, i := range inFile {
			want.Audit(pool[i])
		}
		if diff := cmp.Diff(want.Figures(), a.Figures()); diff != "" {
			rt.Fatalf("figures depend on the order children are judged in (-file order +drawn order):\n%s", diff)
		}
	})
}

func indexes(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
