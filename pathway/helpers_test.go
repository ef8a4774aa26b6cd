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
		cmp.AllowUnexported(Case{}, clock{}, record{}, label{}),
		cmpopts.EquateEmpty(),
		cmp.Comparer(func(a, b *holidays.Calendar) bool { return a == b }),
		cmp.Comparer(func(a, b *timescales.Rulebook) bool { return a == b }),
		// The rules are resolved in the case's rulebook: the same
		// rulebook, the same rules, wherever they were resolved.
		cmp.Comparer(func(a, b *timescales.RuleSet) bool {
			book := func(s *timescales.RuleSet) *timescales.Rulebook {
				if s == nil {
					return timescales.National() // the zero Case's
				}
				return s.Rulebook()
			}
			return book(a) == book(b)
		}),
	}
}
