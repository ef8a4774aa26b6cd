package census

import (
	"encoding/json"
	"testing"
)

// FuzzFindingJSON: whatever a finding's JSON holds, reading it never
// panics, and a finding read back writes the same JSON again.
func FuzzFindingJSON(f *testing.F) {
	f.Add([]byte(`{"kind":"dfe-rule","code":"8841","severity":"error","la_child_id":"A","episode":1,"element":"ChildProtectionPlans/Reviews/CPPreviewDate","index":1,"item":1,"line":6,"date":"2023-06-01","source":"dfe","path":"ChildProtectionPlans[1]/Reviews/CPPreviewDate[1]","message":"The review date cannot be on the same day or before the Child protection Plan start date."}`))
	f.Add([]byte(`{"kind":"deadline-late","episode":1,"element":"Section47/DateOfInitialCPC","index":2,"line":9,"date":"2024-01-13","rule":"icpc","due":"2024-01-11","workdays":1,"message":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var x Finding
		if err := json.Unmarshal(b, &x); err != nil {
			return
		}
		out, err := json.Marshal(x)
		if err != nil {
			t.Fatalf("%s read, but not written: %v", b, err)
		}
		var y Finding
		if err := json.Unmarshal(out, &y); err != nil {
			t.Fatalf("%s written, but not read back: %v", out, err)
		}
		again, err := json.Marshal(y)
		if err != nil || string(again) != string(out) {
			t.Fatalf("written %s, then %s (%v)", out, again, err)
		}
	})
}
