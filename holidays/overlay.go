package holidays

import (
	"fmt"
	"slices"
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

// WithFeed returns a new calendar on which each year that the feed covers has
// exactly the feed's holidays (GOV.UK is the authority for the years it lists),
// keeping any local closure days; other years are unchanged. Years up to the
// feed's last are no longer provisional. The receiver is unchanged.
func (c *Calendar) WithFeed(feed []Holiday) (*Calendar, error) {
	covered := make(map[int]bool)
	last := c.lastAnnounced
	for _, h := range feed {
		covered[h.Date.Year] = true
		last = max(last, h.Date.Year)
	}
	return c.overlay(covered, feed, last)
}

func (c *Calendar) overlay(replace map[int]bool, add []Holiday, lastAnnounced int) (*Calendar, error) {
	for _, h := range add {
		if _, err := c.check(h.Date); err != nil {
			return nil, err
		}
	}
	years := make([][]Holiday, len(c.years))
	for i, hs := range c.years {
		year := c.first.Year + i
		if replace[year] {
			hs = slices.DeleteFunc(slices.Clone(hs), func(h Holiday) bool { return !h.Closure })
		} else {
			hs = slices.Clone(hs)
		}
		years[i] = hs
	}
	for _, h := range add {
		hs := years[h.Date.Year-c.first.Year]
		if j := indexOf(hs, h.Date); j >= 0 {
			if h.Closure {
				continue // already a day off; a closure adds nothing
			}
			hs[j] = h
			continue
		}
		if h.Closure && isWeekend(h.Date) {
			continue
		}
		years[h.Date.Year-c.first.Year] = append(hs, h)
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

// Diff compares the calendar's statutory holidays with a feed over the years
// the feed covers, and returns the days on which they differ, in date order:
// a host's CI can fail on drift before a deadline is computed on a stale
// calendar. Days outside the calendar's range are reported as differences.
// Local closure days are not compared.
func (c *Calendar) Diff(feed []Holiday) []Difference {
	type pair struct{ feed, cal string }
	byDate := make(map[Date]*pair)
	covered := make(map[int]bool)
	for _, h := range feed {
		covered[h.Date.Year] = true
		byDate[h.Date] = &pair{feed: h.Name}
	}
	for year := range covered {
		if year < c.first.Year || year > c.last.Year {
			continue
		}
		for _, h := range c.years[year-c.first.Year] {
			if h.Closure {
				continue
			}
			if p, ok := byDate[h.Date]; ok {
				p.cal = h.Name
			} else {
				byDate[h.Date] = &pair{cal: h.Name}
			}
		}
	}
	var out []Difference
	for d, p := range byDate {
		if p.feed != p.cal {
			out = append(out, Difference{Date: d, Feed: p.feed, Calendar: p.cal})
		}
	}
	slices.SortFunc(out, func(a, b Difference) int { return a.Date.Compare(b.Date) })
	return out
}
