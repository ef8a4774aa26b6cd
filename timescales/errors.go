package timescales

import (
	"fmt"

	"github.com/workingtogether/safeguarding/holidays"
)

// An EditionError reports an edition that cannot go into a rulebook.
type EditionError struct {
	Year    int
	Message string
}

func (e *EditionError) Error() string {
	return fmt.Sprintf("timescales: edition %d: %s", e.Year, e.Message)
}

// A NoEditionError reports that no edition applies: the date is before the
// oldest edition came into force, or the pinned year is not in the rulebook.
type NoEditionError struct {
	Date holidays.Date // the anchor date, when looking up by date
	Year int           // the edition year, when pinning
}

func (e *NoEditionError) Error() string {
	if e.Year != 0 {
		return fmt.Sprintf("timescales: no edition %d in the rulebook", e.Year)
	}
	return fmt.Sprintf("timescales: no edition in force on %s", e.Date)
}

// An UnknownRuleError reports a rule ID that the applicable edition lacks.
type UnknownRuleError struct {
	ID      RuleID
	Edition int
}

func (e *UnknownRuleError) Error() string {
	return fmt.Sprintf("timescales: edition %d has no rule %q", e.Edition, e.ID)
}

// An OrderError reports an actual date before the anchor it is timed from.
type OrderError struct {
	Rule   RuleID
	Anchor holidays.Date
	Actual holidays.Date
}

func (e *OrderError) Error() string {
	return fmt.Sprintf("timescales: rule %q: %s is before its anchor %s", e.Rule, e.Actual, e.Anchor)
}

// A NoDueDateError reports a question about the due date of a rule that has
// none ("as soon as possible").
type NoDueDateError struct {
	Rule RuleID
}

func (e *NoDueDateError) Error() string {
	return fmt.Sprintf("timescales: rule %q has no fixed due date", e.Rule)
}
