package timescales

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/holidays"
)

func TestDerive(t *testing.T) {
	base := edition2023()
	head := Edition{Year: 2030, Title: "Working Together 2030", InForce: holidays.Date{Year: 2030, Month: 1, Day: 1}}
	cite := Citation{Edition: head.Title, Chapter: "Chapter 9", Unverified: true}
	got, err := base.derive(head, cite, map[RuleID]Rule{
		ICPC: {Bound: Bound{N: 10, Unit: WorkingDays}, Citation: Citation{Paragraph: "12"}},
	}, RapidReview)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rules) != len(base.Rules)-1 {
		t.Fatalf("derived %d rules from %d with one absent", len(got.Rules), len(base.Rules))
	}
	skip := slices.IndexFunc(base.Rules, func(r Rule) bool { return r.ID == RapidReview })
	for i, r := range got.Rules {
		if r.ID == RapidReview {
			t.Errorf("absent rule %s carried", r.ID)
		}
		want := base.Rules[i]
		if i >= skip {
			want = base.Rules[i+1]
		}
		want.Citation = cite
		if r.ID == ICPC {
			want.Bound, want.Citation.Paragraph = Bound{N: 10, Unit: WorkingDays}, "12"
		}
		if diff := cmp.Diff(want, r); diff != "" {
			t.Errorf("rule %d mismatch (-want +got):\n%s", i, diff)
		}
	}
	if base.Rules[0].Citation.Edition != wt2023 {
		t.Error("derive changed its base")
	}
	if _, err := got.derive(head, cite, nil, RapidReview); err == nil {
		t.Error("an absence of a rule the base lacks was accepted")
	}
	if _, err := got.derive(head, cite, map[RuleID]Rule{RapidReview: {Name: "x"}}); err == nil {
		t.Error("an override of a rule the base lacks was accepted")
	}
}
