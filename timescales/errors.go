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

// Error implements the error interface.
func (e *EditionError) Error() string {
	return fmt.Sprintf("timescales: edition %d: %s", e.Year, e.Message)
}

// A NoEditionError reports that no edition applies: the date is before the
// oldest edition came into force, or the pinned year is not in the rulebook.
type NoEditionError struct {
	Date holidays.Date // the anchor date, when looking up by date
	Year int           // the edition year, when pinning
}

// Error implements the error interface.
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

// Error implements the error interface.
func (e *UnknownRuleError) Error() string {
	return fmt.Sprintf("timescales: edition %d has no rule %q", e.Edition, e.ID)
}

// A BeforeAnchorError reports a date, judged against a rule that runs
// forward from its anchor, that falls before the anchor.
type BeforeAnchorError struct {
	Rule   RuleID
	Anchor holidays.Date
	Actual holidays.Date
}

// Error implements the error interface.
func (e *BeforeAnchorError) Error() string {
	return fmt.Sprintf("timescales: rule %q: %s is before its anchor %s", e.Rule, e.Actual, e.Anchor)
}

// A NoDueDateError reports a question about the due date of a rule that has
// none ("as soon as possible").
type NoDueDateError struct {
	Rule RuleID
}

// Error implements the error interface.
func (e *NoDueDateError) Error() string {
	return fmt.Sprintf("timescales: rule %q has no fixed due date", e.Rule)
}

// A LooserThanNationalError reports a local protocol that would loosen a
// statutory national timescale, which paragraph 141 of the 2023 edition does
// not allow: for at least one anchor date its deadline falls after the
// national one, even on a calendar with no holidays.
type LooserThanNationalError struct {
	Rule     RuleID
	Edition  int   // the edition whose national rule it would loosen
	National Bound // the edition's bound
	Local    Bound // the bound the protocol asked for
}

// Error implements the error interface.
func (e *LooserThanNationalError) Error() string {
	return fmt.Sprintf("timescales: local rule %q (%s) is looser than the national bound (%s) of the %d edition",
		e.Rule, e.Local, e.National, e.Edition)
}

// An IncomparableBoundsError reports a local protocol whose bound is in
// another unit than the national rule it overrides, such that it cannot be
// shown never to fall later: only holidays could make it later, or the units
// measure different things (an age against a number of days). Stating the
// protocol in the national rule's unit resolves it.
type IncomparableBoundsError struct {
	Rule     RuleID
	Edition  int
	National Bound
	Local    Bound
}

// Error implements the error interface.
func (e *IncomparableBoundsError) Error() string {
	return fmt.Sprintf("timescales: local rule %q (%s) cannot be shown never to fall later than the national bound (%s) of the %d edition; state it in %s",
		e.Rule, e.Local, e.National, e.Edition, e.National.Unit)
}

// A LocalRuleError reports a local rule that is not sound in itself: no ID,
// name, anchor, target or citation, a bad bound, or an ID given twice.
type LocalRuleError struct {
	Rule    RuleID
	Message string
}

// Error implements the error interface.
func (e *LocalRuleError) Error() string {
	return fmt.Sprintf("timescales: local rule %q: %s", e.Rule, e.Message)
}
