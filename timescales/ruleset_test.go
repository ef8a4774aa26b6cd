package timescales_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
	"pgregory.net/rapid"
)

// A RuleSet gives, for each of its rules and any anchor, what the rulebook
// gives when asked by ID: the same due date, edition and error, and the same
// rule. Checked on the national rulebook, on one pinned to 2018 (which lacks
// the child seen rule) and on one with a local protocol, with an ID no
// edition sets among the set's.
func TestPropRuleSetMatchesRulebook(t *testing.T) {
	pinned, err := timescales.National().Pin(2018)
	if err != nil {
		t.Fatal(err)
	}
	local, err := timescales.National().WithLocal(timescales.Rule{
		ID: timescales.ICPC, Name: "ICPC (local)", Anchor: "strategy discussion", Target: "conference held",
		Bound: timescales.Bound{N: 10, Unit: timescales.WorkingDays}, Statutory: true,
		Citation: timescales.Citation{Edition: "Local protocol"},
	})
	if err != nil {
		t.Fatal(err)
	}
	books := []*timescales.Rulebook{timescales.National(), pinned, local}
	ids := []timescales.RuleID{
		timescales.ChildSeen, timescales.ReferralDecision, timescales.ICPC, timescales.ReviewFirst,
		timescales.PlanEndsAt18, timescales.SeriousIncidentNotice, timescales.YearlyReportToPanel, timescales.PracticeReviewToPanel,
		"no-such-rule",
	}
	cal := holidays.EnglandAndWales()
	rapid.Check(t, func(t *rapid.T) {
		b := books[rapid.IntRange(0, len(books)-1).Draw(t, "book")]
		set := b.RuleSet(ids)
		if set.Rulebook() != b {
			t.Fatal("the set's rulebook is another")
		}
		i := rapid.IntRange(0, len(ids)-1).Draw(t, "rule")
		anchor := dateGen(d(1995, 1, 1), d(2060, 12, 31)).Draw(t, "anchor")

		want, wantOK, wantErr := b.DeadlineIfSet(cal, ids[i], anchor)
		due, edition, ok, err := set.DueIfSet(cal, i, anchor)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || ok != wantOK || due != want.Due || edition != want.Edition {
			t.Fatalf("DueIfSet(%s, %s) = %s, %d, %v, %v; DeadlineIfSet gives %s, %d, %v, %v",
				ids[i], anchor, due, edition, ok, err, want.Due, want.Edition, wantOK, wantErr)
		}
		wantRule, wantErr := b.Rule(ids[i], anchor)
		got, err := set.Rule(i, anchor)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("Rule(%s, %s): error %v, want %v", ids[i], anchor, err, wantErr)
		}
		if diff := cmp.Diff(wantRule, got); diff != "" {
			t.Fatalf("Rule(%s, %s) mismatch (-want +got):\n%s", ids[i], anchor, diff)
		}
		if !ok {
			return
		}
		// The edition DueIfSet gave names the rule Rule gives.
		var into timescales.Rule
		if err := set.RuleInto(&into, i, edition); err != nil {
			t.Fatalf("RuleInto(%s, %d): %v", ids[i], edition, err)
		}
		if diff := cmp.Diff(wantRule, into); diff != "" {
			t.Fatalf("RuleInto(%s, %d) mismatch (-want +got):\n%s", ids[i], edition, diff)
		}
	})
}

// RuleInto refuses an edition the rulebook lacks, and a rule the edition
// lacks, and leaves the rule it was given as it was.
func TestRuleIntoErrors(t *testing.T) {
	set := timescales.National().RuleSet([]timescales.RuleID{timescales.ChildSeen})
	want := timescales.Rule{ID: "unchanged"}
	for _, tc := range []struct {
		year int
		want string
	}{
		{2018, `timescales: edition 2018 has no rule "child-seen"`},
		{2020, "timescales: no edition 2020 in the rulebook"},
	} {
		got := want
		err := set.RuleInto(&got, 0, tc.year)
		if fmt.Sprint(err) != tc.want {
			t.Errorf("RuleInto(child-seen, %d) = %v, want %s", tc.year, err, tc.want)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("RuleInto(child-seen, %d) changed the rule (-want +got):\n%s", tc.year, diff)
		}
	}
}

// Resolve the rules a host applies over and over once, then look them up by
// position. A strategy discussion on Friday 22 March 2024 is due its
// conference 15 working days later, on 16 April: Good Friday and Easter
// Monday come between.
func ExampleRulebook_RuleSet() {
	set := timescales.National().RuleSet([]timescales.RuleID{timescales.ReferralDecision, timescales.ICPC})
	due, edition, ok, err := set.DueIfSet(holidays.EnglandAndWales(), 1, holidays.Date{Year: 2024, Month: 3, Day: 22})
	if err != nil || !ok {
		fmt.Println(ok, err)
		return
	}
	r, err := set.Rule(1, holidays.Date{Year: 2024, Month: 3, Day: 22})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ID, "due", due, "under the", edition, "edition:", r.Bound)
	// Output:
	// icpc due 2024-04-16 under the 2023 edition: within 15 working days
}

// A host that kept a deadline's edition shows its rule later by that
// edition, with no search by date. A rule the edition does not set is an
// error: the child seen rule is new in 2023.
func ExampleRuleSet_RuleInto() {
	set := timescales.National().RuleSet([]timescales.RuleID{timescales.ICPC, timescales.ChildSeen})
	var r timescales.Rule
	if err := set.RuleInto(&r, 0, 2018); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ID, r.Bound, "under", r.Citation.Edition)
	fmt.Println(set.RuleInto(&r, 1, 2018))
	// Output:
	// icpc within 15 working days under Working Together to Safeguard Children 2018
	// timescales: edition 2018 has no rule "child-seen"
}
