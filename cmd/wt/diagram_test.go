package main

import (
	"bytes"
	"strings"
	"testing"
)

// wt diagram --effects lists every transition with what it does to the
// clocks: a decision to protect the child immediately starts the child-seen,
// assessment and immediate-protection clocks, and a death withdraws them all.
func TestDiagramEffects(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diagram", "--effects"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, want := range []string{
		"referred --referral-decision(immediate-protection)--> immediate-protection [settles referral-decision; starts child-seen from event; starts assessment from referral; starts immediate-protection from referral]\n",
		"assessment --child-died--> closed [withdraws every clock]\n",
		"transfer-in --immediate-protection-taken(planned)--> transfer-in [settles immediate-protection]\n",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("listing lacks %q", want)
		}
	}
	if strings.Contains(stdout.String(), "stateDiagram") {
		t.Error("--effects printed the diagram too")
	}
}
