package holidays

import (
	"fmt"
	"slices"
	"time"
)

// WithHolidays returns a new calendar with the given days added as holidays,
// for a holiday proclaimed after this module was released. A day that is
// already a holiday takes the new name. The receiver is unchanged. Every day
// must be valid and in range; otherwise nothing is applied and the error says
// which day.
func (c *Calendar) WithHolidays(days []Holiday) (*Calendar, error) {
	proclaimed := slices.Clone(days)
	for i := range proclaimed {
		proclaimed[i].Closure = false
	}
	return c.overlay(nil, proclaimed, c.lastAnnounced)
}

// WithClosures returns a new calendar on which the given days, such as a
// council's Christmas shutdown, are not working days. Closure days are not
// statutory: counting under Working Together ignores them, so no calendar
// has them unless a host asks with this call. A closure on a day that is
// already not a working day changes nothing. The receiver is unchanged.
func (c *Calendar) WithClosures(days []Holiday) (*Calendar, error) {
	closures := make([]Holiday, 0, len(days))
	for _, h := range days {
		h.Closure = true
		if h.Name == "" {
			h.Name = "Local closure"
		}
		closures = append(closures, h)
	}
	return c.overlay(nil, closures, c.lastAnnounced)
}

// WithFeed returns a new calendar on which the feed is the authority for the
// span of dates it lists, from its first holiday to its last: within that span
// the calendar has exactly the feed's holidays (plus any local closure days);
// outside it nothing changes. The span, not whole years, is replaced, because
// a feed that ends on 1 January says nothing about the Easter that follows.
// A year is no longer provisional once the feed reaches its December. The
// feed must be in date order, as [ParseFeed] returns it. The receiver is
// unchanged.
func (c *Calendar) WithFeed(feed []Holiday) (*Calendar, error) {
	from, to, err := feedSpan(feed)
	if err != nil {
		return nil, err
	}
	last := c.lastAnnounced
	if to.Month == time.December {
		last = max(last, to.Year)
	} else {
		last = max(last, to.Year-1)
	}
	return c.overlay(&span{from, to}, feed, last)
}

// A span is a range of dates, inclusive.
type span struct{ from, to Date }

func (s *span) contains(d Date) bool {
	return s != nil && !d.Before(s.from) && !d.After(s.to)
}

func feedSpan(feed []Holiday) (from, to Date, err error) {
	if len(feed) == 0 {
		return Date{}, Date{}, &FeedError{Message: "no events"}
	}
	for i := 1; i < len(feed); i++ {
		if !feed[i-1].Date.Before(feed[i].Date) {
			return Date{}, Date{}, &FeedError{Message: fmt.Sprintf("events not in date order at %s", feed[i].Date)}
		}
	}
	return feed[0].Date, feed[len(feed)-1].Date, nil
}

func (c *Calendar) overlay(replace *span, add []Holiday, lastAnnounced int) (*Calendar, error) {
	for _, h := range add {
		if _, err := c.check(h.Date); err != nil {
			return nil, err
		}
	}
	years := make([][]Holiday, len(c.years))
	for i, hs := range c.years {
		years[i] = slices.DeleteFunc(slices.Clone(hs), func(h Holiday) bool {
			return !h.Closure && replace.contains(h.Date)
		})
	}
	for _, h := range add {
		y := h.Date.Year - c.first.Year
		// A closure is kept even on a statutory holiday, so that it still
		// closes the day if a later feed moves that holiday away.
		if j := indexOf(years[y], h.Date, h.Closure); j >= 0 {
			years[y][j] = h
			continue
		}
		if h.Closure && isWeekend(h.Date) {
			continue
		}
		years[y] = append(years[y], h)
	}
	for i, hs := range years {
		sortHolidays(hs)
		provisional := c.first.Year+i > lastAnnounced
		for j := range hs {
			hs[j].Provisional = provisional && !hs[j].Closure
		}
	}
	return newCalendar(years, lastAnnounced), nil
}

// A Difference is a day on which a feed and a calendar disagree.
type Difference struct {
	Date     Date   `json:"date"`
	Feed     string `json:"feed"`     // the feed's name for the day, "" if the feed has no holiday then
	Calendar string `json:"calendar"` // the calendar's name, "" if it has none
}

// String says in a sentence what the feed and the calendar each have.
func (d Difference) String() string {
	switch {
	case d.Calendar == "":
		return fmt.Sprintf("%s: feed has %q, calendar has no holiday", d.Date, d.Feed)
	case d.Feed == "":
		return fmt.Sprintf("%s: calendar has %q, feed has no holiday", d.Date, d.Calendar)
	default:
		return fmt.Sprintf("%s: feed calls it %q, calendar %q", d.Date, d.Feed, d.Calendar)
	}
}

// Diff compares the calendar's statutory holidays with a feed over the span
// of dates the feed lists, from its first holiday to its last, and returns
// the days on which they differ, in date order: a host's CI can fail on drift
// before a deadline is computed on a stale calendar. Local closure days are
// not compared. A feed day outside the calendar's range is a difference.
func (c *Calendar) Diff(feed []Holiday) []Difference {
	if len(feed) == 0 {
		return nil
	}
	s := span{feed[0].Date, feed[0].Date}
	names := make(map[Date]string, len(feed))
	for _, h := range feed {
		names[h.Date] = h.Name
		s.from, s.to = minDate(s.from, h.Date), maxDate(s.to, h.Date)
	}
	var out []Difference
	for year := max(s.from.Year, c.first.Year); year <= min(s.to.Year, c.last.Year); year++ {
		for _, h := range c.years[year-c.first.Year] {
			if h.Closure || !s.contains(h.Date) {
				continue
			}
			if name, ok := names[h.Date]; !ok || name != h.Name {
				out = append(out, Difference{Date: h.Date, Feed: name, Calendar: h.Name})
			}
			delete(names, h.Date)
		}
	}
	for d, name := range names {
		out = append(out, Difference{Date: d, Feed: name})
	}
	slices.SortFunc(out, func(a, b Difference) int { return a.Date.Compare(b.Date) })
	return out
}

func minDate(a, b Date) Date {
	if b.Before(a) {
		return b
	}
	return a
}

func maxDate(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}
