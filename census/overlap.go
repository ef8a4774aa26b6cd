package census

import (
	"slices"

	"github.com/workingtogether/safeguarding/holidays"
)

// farFuture ends a span left open in a file with no reference date.
func farFuture() holidays.Date { return holidays.Date{Year: 1 << 30, Month: 12, Day: 31} }

// A span is the dates a record covers, lo to end inclusive; who is the
// record's index.
type span struct {
	lo, end holidays.Date
	who     int
}

// spans answers the overlap rules' question, "does a date fall within any
// other record's span?", in O(n log n) for n records, so that a hostile child
// with thousands of records costs no more than sorting them. It is scratch
// space, reused from one episode to the next.
type spans struct {
	p    *period
	list []span    // sorted by lo
	top  [][2]span // top[k]: the two spans of list[:k+1] that end latest
	// linear: list is few spans, unsorted, which covers reads one by one
	// (see build); top is then empty.
	linear bool
	// steps counts the binary-search steps of covers, so that a test can
	// show the cost grows as n log n.
	steps int
}

// reset empties s for a new question.
func (s *spans) reset(p *period) *spans {
	s.p, s.list, s.top = p, s.list[:0], s.top[:0]
	return s
}

// add adds record who's span from lo to hi, as the rules read it: an
// absent hi runs to the reference date (or without end, in a file with
// none); exclusive leaves hi itself out. A record with no lo covers nothing.
func (s *spans) add(lo, hi holidays.Date, exclusive bool, who int) {
	if lo.IsZero() {
		return
	}
	end := hi
	switch {
	case hi.IsZero() && s.p.has:
		end = s.p.ref
	case hi.IsZero():
		end = farFuture()
	case exclusive:
		end = hi.AddDays(-1)
	}
	if end.Before(lo) {
		return
	}
	s.list = append(s.list, span{lo, end, who})
}

// linearMax is the most spans that covers reads one by one rather than
// by a binary search over the sorted spans: for so few, reading them costs
// less than sorting them and keeping the latest ends.
const linearMax = 8

// build sorts the spans and keeps, for each prefix, the two that end
// latest: two, so that a record's own span can be passed over. It leaves at
// most linearMax spans as they are, for covers to read one by one.
func (s *spans) build() {
	if s.linear = len(s.list) <= linearMax; s.linear {
		return
	}
	slices.SortFunc(s.list, func(a, b span) int { return a.lo.Compare(b.lo) })
	none := span{who: -1}
	best := [2]span{none, none}
	for _, sp := range s.list {
		switch {
		case best[0].who < 0 || sp.end.After(best[0].end):
			best[0], best[1] = sp, best[0]
		case best[1].who < 0 || sp.end.After(best[1].end):
			best[1] = sp
		}
		s.top = append(s.top, best)
	}
}

// covers reports whether d falls within a span of a record other than self
// (-1 to pass over none). build must have been called.
func (s *spans) covers(d holidays.Date, self int) bool {
	if d.IsZero() {
		return false
	}
	if s.linear {
		// The same question as the search's: each record has one span,
		// so a span of another covering d is there or not, whichever two
		// end latest.
		for i := range s.list {
			if sp := &s.list[i]; sp.who != self && !sp.lo.After(d) && !sp.end.Before(d) {
				return true
			}
		}
		return false
	}
	// k: how many spans start on or before d.
	k, hi := 0, len(s.list)
	for k < hi {
		s.steps++
		if m := int(uint(k+hi) >> 1); s.list[m].lo.After(d) {
			hi = m
		} else {
			k = m + 1
		}
	}
	if k == 0 {
		return false
	}
	for _, sp := range s.top[k-1] {
		if sp.who >= 0 && sp.who != self && !sp.end.Before(d) {
			return true
		}
	}
	return false
}
