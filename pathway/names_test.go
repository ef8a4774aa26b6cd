package pathway

import (
	"fmt"
	"strings"
	"testing"
)

// Every name of every set the decoder reads is found as itself, and text
// that is not a name (another letter case, a prefix, a name with a byte
// more, another set's name) is not found.
func TestNameSets(t *testing.T) {
	sets := map[string]*nameSet{
		"event types": &eventTypeSet, "outcomes": &outcomeSet, "categories": &categorySet,
		"powers": &powerSet, "closures": &closureSet, "stages": &stageSet,
		"case fields": &caseFieldSet, "event fields": &eventFieldSet,
	}
	for what, s := range sets {
		for i, n := range s.names {
			if len(n) > maxNameLen {
				t.Errorf("%s: %q is longer than maxNameLen", what, n)
			}
			if got, ok := findName(s, []byte(n)); !ok || got != i {
				t.Errorf("%s: %q found at %d, %v; want %d", what, n, got, ok, i)
			}
			for _, not := range []string{strings.ToUpper(n), n[:len(n)-1], n + "s", " " + n, ""} {
				if j, ok := findName(s, not); ok && s.names[j] != not {
					t.Errorf("%s: %q found as %q", what, not, s.names[j])
				}
			}
		}
	}
	if _, ok := findName(&eventTypeSet, "no-further-action"); ok {
		t.Error("an outcome found as an event type")
	}
	if ty, ok := parseEventType("child-born"); !ok || ty != ChildBorn {
		t.Errorf("child-born read as %v, %v", ty, ok)
	}
	if ty, ok := parseEventType([]byte("child-seen")); !ok || ty != ChildSeen {
		t.Errorf("child-seen read as %v, %v", ty, ok)
	}
}

// A name not found reads as the zero value, which the lax benchmark peer
// relies on for events without an outcome.
func TestParseMissingName(t *testing.T) {
	if o, ok := parseOutcome(""); ok || o != NoOutcome {
		t.Errorf(`parseOutcome("") = %v, %v`, o, ok)
	}
	if c, ok := parseCategory("none"); ok || c != NoCategory {
		t.Errorf(`parseCategory("none") = %v, %v`, c, ok)
	}
	if e, ok := parseEventType("x"); ok || e != 0 {
		t.Errorf(`parseEventType("x") = %v, %v`, e, ok)
	}
}

// A TransitionError reads as fmt would have written it, for every stage,
// event type and outcome, known or not, with and without what is allowed.
func TestTransitionErrorText(t *testing.T) {
	for s := Stage(0); s <= numStages; s++ {
		for ev := EventType(0); ev <= numEventTypes; ev++ {
			for _, o := range []Outcome{NoOutcome, OutcomePlan, numOutcomes} {
				for _, allowed := range [][]EventType{nil, Allowed(s), {numEventTypes}} {
					e := &TransitionError{Index: int(s) * 7, Stage: s, Event: ev, Outcome: o, Allowed: allowed}
					names := make([]string, len(allowed))
					for i, a := range allowed {
						names[i] = a.String()
					}
					list := strings.Join(names, ", ")
					if len(names) == 0 {
						list = "nothing"
					}
					evs := ev.String()
					if o != NoOutcome {
						evs += " (" + o.String() + ")"
					}
					want := fmt.Sprintf("pathway: event %d: %s is not allowed in stage %s; allowed: %s", e.Index, evs, s, list)
					if got := e.Error(); got != want {
						t.Fatalf("Error() = %q, want %q", got, want)
					}
				}
			}
		}
	}
}
