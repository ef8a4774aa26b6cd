package timescales

import (
	"fmt"
	"slices"
)

// derive returns the edition head, holding the rules of e that head also
// sets, so that an older edition is written as what differs from the newer
// one rather than restated:
//
//   - every rule of e, in e's order, except those listed in absent;
//   - each cited by cite, the citation every rule of head shares (its
//     edition, and a chapter where one serves for all), to which an
//     override's chapter, paragraph and quote are added where given;
//   - each then changed by its entry in over: a name, anchor, target, bound
//     (a Unit) or in-force date that is set there replaces the rule's.
//
// Whether a rule is statutory is not overridden: no edition has changed it.
// An override or absence naming a rule that e does not set is an error, so
// that a typo cannot silently leave a rule unchanged.
func (e Edition) derive(head Edition, cite Citation, over map[RuleID]Rule, absent ...RuleID) (Edition, error) {
	for _, id := range absent {
		if !slices.ContainsFunc(e.Rules, func(r Rule) bool { return r.ID == id }) {
			return Edition{}, fmt.Errorf("edition %d: rule %q is absent from the %d edition already", head.Year, id, e.Year)
		}
	}
	used := 0
	head.Rules = make([]Rule, 0, len(e.Rules))
	for _, r := range e.Rules {
		if slices.Contains(absent, r.ID) {
			continue
		}
		o, ok := over[r.ID]
		if ok {
			used++
		}
		head.Rules = append(head.Rules, r.with(o, cite))
	}
	if used != len(over) {
		return Edition{}, fmt.Errorf("edition %d overrides a rule that it does not carry", head.Year)
	}
	return head, nil
}

// with returns r cited by cite and changed by the fields set in o.
func (r Rule) with(o Rule, cite Citation) Rule {
	set := func(dst *string, src string) {
		if src != "" {
			*dst = src
		}
	}
	set(&r.Name, o.Name)
	set(&r.Anchor, o.Anchor)
	set(&r.Target, o.Target)
	if o.Bound.Unit != "" {
		r.Bound = o.Bound
	}
	if !o.InForce.IsZero() {
		r.InForce = o.InForce
	}
	r.Citation = cite
	set(&r.Citation.Chapter, o.Citation.Chapter)
	set(&r.Citation.Paragraph, o.Citation.Paragraph)
	set(&r.Citation.Quote, o.Citation.Quote)
	return r
}
