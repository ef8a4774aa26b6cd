package census

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/workingtogether/safeguarding/census/internal/synth"
	"github.com/workingtogether/safeguarding/holidays"
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
// the same report again, and leaves the other reports as they were.
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
		// The reports still in the ring are not changed by the children
		// written over the others: no two reports, nor a report and the
		// Auditor's scratch space, share memory.
		for k := max(0, len(order)-len(ring)); k < len(order); k++ {
			i := order[k]
			if got := reportJSON(rt, ring[k%len(ring)]); got != fresh[i] {
				rt.Fatalf("child %d: its recycled report changed after later children were judged (-fresh +recycled):\n%s", i, cmp.Diff(fresh[i], got))
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

// TestRulesSkippedOnlyWhenIdle: a DfE rule that does not apply to an
// episode (DfERule.appliesIn: it lacks what the rule needs) finds nothing
// there when run all the same, on every episode of the synthetic and
// hand-made children, on each with one thing a rule may need taken away,
// and on each child's first episode alone, so that skipping it loses no
// finding.
func TestRulesSkippedOnlyWhenIdle(t *testing.T) {
	h, pool := reusePool(t)
	cal := NewAuditor(h, Config{}).cal
	periods := make([]*period, len(pool))
	for i := range periods {
		periods[i] = newPeriod(h, cal)
	}
	// Each rule's own file fires it.
	files, err := filepath.Glob("testdata/rules/*.xml")
	if err != nil || len(files) < 50 {
		t.Fatalf("rules files: %d, %v", len(files), err)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ReadAll(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for range r.Children {
			periods = append(periods, newPeriod(r.Header, cal))
		}
		pool = append(pool, r.Children...)
	}
	rules := dfeTable()
	// Each takes away, from every episode, something a rule may need.
	strip := []func(*Child, *Episode){
		func(*Child, *Episode) {},
		func(_ *Child, e *Episode) { e.Assessments = nil },
		func(_ *Child, e *Episode) { e.Section47s = nil },
		func(_ *Child, e *Episode) { e.Plans = nil },
		func(_ *Child, e *Episode) { e.CINPlans = nil },
		func(_ *Child, e *Episode) { e.Section47s, e.DateOfInitialCPC = nil, holidays.Date{} },
		// An enquiry's conference recorded at the CINdetails level instead.
		func(_ *Child, e *Episode) {
			if len(e.Section47s) > 0 {
				e.DateOfInitialCPC = e.Section47s[0].DateOfInitialCPC
			}
			e.Section47s = nil
		},
		// Enquiries with no conference at either level.
		func(_ *Child, e *Episode) {
			e.DateOfInitialCPC = holidays.Date{}
			e.Section47s = slices.Clone(e.Section47s)
			for i := range e.Section47s {
				e.Section47s[i].DateOfInitialCPC = holidays.Date{}
			}
		},
		// Every assessment authorised, every enquiry with its conference.
		func(_ *Child, e *Episode) {
			e.Assessments, e.Section47s = slices.Clone(e.Assessments), slices.Clone(e.Section47s)
			for i := range e.Assessments {
				if a := &e.Assessments[i]; a.AuthorisationDate.IsZero() {
					a.AuthorisationDate = a.StartDate.AddDays(10)
				}
			}
			for i := range e.Section47s {
				if s := &e.Section47s[i]; s.DateOfInitialCPC.IsZero() {
					s.DateOfInitialCPC = s.StartDate.AddDays(10)
				}
			}
		},
		func(_ *Child, e *Episode) { e.ClosureDate = holidays.Date{} },
		func(c *Child, _ *Episode) { c.DeathDate = holidays.Date{} },
		func(_ *Child, e *Episode) { e.ReferralNFA = No },
		// One record of each group.
		func(_ *Child, e *Episode) {
			e.Assessments, e.Section47s = e.Assessments[:min(len(e.Assessments), 1)], e.Section47s[:min(len(e.Section47s), 1)]
			e.Plans, e.CINPlans = e.Plans[:min(len(e.Plans), 1)], e.CINPlans[:min(len(e.CINPlans), 1)]
		},
	}
	skipped := 0
	for n, c := range pool {
		for _, f := range strip {
			c := c
			c.Episodes = slices.Clone(c.Episodes)
			for i := range c.Episodes {
				f(&c, &c.Episodes[i])
			}
			// The child's first episode alone, too.
			for _, eps := range [][]Episode{c.Episodes, c.Episodes[:min(len(c.Episodes), 1)]} {
				c := c
				c.Episodes = eps
				k := &ruleRun{p: periods[n], child: &c}
				for i := range c.Episodes {
					k.ep, k.e = i+1, &c.Episodes[i]
					g := groupsOf(&c, k.e)
					for j := range rules {
						r := &rules[j]
						if r.appliesIn(g) {
							continue
						}
						skipped++
						k.out = k.out[:0]
						r.check(k, r)
						if len(k.out) > 0 {
							t.Fatalf("rule %s is skipped on child %s's episode %d (groups %013b), yet finds %v", r.Code, c.LAchildID, i+1, g, k.out)
						}
					}
				}
			}
		}
	}
	if skipped == 0 {
		t.Fatal("no rule was skipped on any episode: the test proves nothing")
	}
}

// TestJudgeBatchProperty: a Pipeline worker's judging, a batch of children
// judged in the Auditor's scratch space and copied into a slot's arena
// that the reports of an earlier batch held, gives each child the report a
// fresh Auditor gives it, and the consumer's counting of those reports
// gives the figures of Audit on the same children.
func TestJudgeBatchProperty(t *testing.T) {
	h, pool := reusePool(t)
	fresh := make([]string, len(pool))
	for i, c := range pool {
		fresh[i] = reportJSON(t, NewAuditor(h, Config{}).Audit(c))
	}
	rapid.Check(t, func(rt *rapid.T) {
		judge, counter, serial := NewAuditor(h, Config{}), NewAuditor(h, Config{}), NewAuditor(h, Config{})
		// Two slots, written over in turn as a Pipeline's window is.
		var slots [2]struct {
			reps  []ChildReport
			arena arena
			order []int
		}
		for b := range rapid.IntRange(1, 5).Draw(rt, "batches") {
			order := rapid.SliceOfN(rapid.IntRange(0, len(pool)-1), 0, 40).Draw(rt, "batch")
			batch := make([]Child, len(order))
			for k, i := range order {
				batch[k] = pool[i]
			}
			s := &slots[b%2]
			s.reps = slices.Grow(s.reps[:0], len(batch))[:len(batch)]
			judge.judgeBatch(s.reps, batch, &s.arena)
			for k, i := range order {
				if got := reportJSON(rt, s.reps[k]); got != fresh[i] {
					rt.Fatalf("batch %d, child %d (pool %d): report differs from a fresh Auditor's (-fresh +batch):\n%s", b, k, i, cmp.Diff(fresh[i], got))
				}
				counter.tally.add(&batch[k], s.reps[k].rejected)
				serial.Audit(pool[i])
			}
			s.order = order
			// The other slot's reports, which a consumer may still be
			// giving out, are as they were.
			o := &slots[(b+1)%2]
			for k, i := range o.order {
				if got := reportJSON(rt, o.reps[k]); got != fresh[i] {
					rt.Fatalf("batch %d changed the batch before's child %d (pool %d) (-fresh +after):\n%s", b, k, i, cmp.Diff(fresh[i], got))
				}
			}
		}
		if diff := cmp.Diff(serial.Figures(), counter.Figures()); diff != "" {
			rt.Fatalf("figures differ (-Audit +judgeBatch and count):\n%s", diff)
		}
		if diff := cmp.Diff(serial.FileFindings(), counter.FileFindings(), cmp.AllowUnexported(Finding{})); diff != "" {
			rt.Fatalf("file findings differ (-Audit +judgeBatch and count):\n%s", diff)
		}
	})
}
