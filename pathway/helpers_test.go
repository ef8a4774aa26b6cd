package pathway

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/timescales"
)

// caseComparer compares cases field by field, the shared immutable calendar
// and rulebook by identity; an empty log is an empty log, nil or not.
func caseComparer() cmp.Option {
	return cmp.Options{
		cmp.AllowUnexported(Case{}, clock{}, record{}),
		cmpopts.EquateEmpty(),
		cmp.Comparer(func(a, b *holidays.Calendar) bool { return a == b }),
		cmp.Comparer(func(a, b *timescales.Rulebook) bool { return a == b }),
	}
}
