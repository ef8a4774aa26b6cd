package pathway

import (
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/timescales"
)

// AppendDeadlines builds each clock in place, field by field, over
// whatever a reused slice held: nothing of the old clocks shows through.
func TestAppendDeadlinesOverwritesEveryField(t *testing.T) {
	// Every field of Clock is set in the garbage below; a new field must
	// be set there too (and by deadlines).
	if n := reflect.TypeOf(Clock{}).NumField(); n != 11 {
		t.Fatalf("Clock has %d fields; set the new ones in garbage and in Case.deadlines", n)
	}
	garbage := Clock{
		Rule: timescales.Rule{ID: "junk", Name: "junk"}, Edition: 1999, Status: "junk",
		Anchor: d(2000, 1, 1), Due: d(2000, 1, 2), Done: d(2000, 1, 3),
		WorkdaysLeft: 9, Late: 9, Elapsed: 9, Reason: "junk", Event: 99,
	}
	for i := range 50 {
		l := typicalLog(i)
		l.Events = l.Events[:2+i%11]
		c, err := Replay(l)
		if err != nil {
			t.Fatal(err)
		}
		asOf := l.Events[len(l.Events)-1].Date.AddDays(i * 7)
		want, err := c.Deadlines(asOf)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]Clock, 20)
		for j := range buf {
			buf[j] = garbage
		}
		got, err := c.AppendDeadlines(buf[:1], asOf)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got[1:]); diff != "" || got[0] != garbage {
			t.Fatalf("case %d: AppendDeadlines over garbage differs (-fresh +reused):\n%s", i, diff)
		}
	}
}
