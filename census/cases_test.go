package census

import (
	"strconv"
	"strings"
	"testing"
)

// TestCaseIDsStayPut: the case IDs caseID writes in shared chunks each keep
// their own words while later IDs fill the chunk and the next ones, an ID
// longer than a chunk included, so that no case's ID changes under it.
func TestCaseIDsStayPut(t *testing.T) {
	var sc mapScratch
	long := strings.Repeat("L", idChunk+10)
	var ids, want []string
	for i := range 3 * idChunk / 8 {
		child := "C" + strconv.Itoa(i)
		if i == 100 {
			child = long
		}
		ep := i%12 + 1
		ids = append(ids, sc.caseID(child, ep))
		want = append(want, child+"/"+strconv.Itoa(ep))
	}
	for i := range ids {
		if ids[i] != want[i] {
			t.Fatalf("ID %d = %.40q, want %.40q", i, ids[i], want[i])
		}
	}
}
