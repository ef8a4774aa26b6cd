package holidays

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func parseFile(t *testing.T, name string) ([]Holiday, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ParseFeed(f)
}

// feed20262027 is testdata/feed-2026-2027.json as Holidays: 2026 as GOV.UK
// publishes it, 2027 with the spring holiday moved to 7 June and a made-up
// holiday on 5 July, neither of which is real.
var feed20262027 = []Holiday{
	hol(2026, jan, 1, "New Year’s Day"),
	hol(2026, apr, 3, "Good Friday"),
	hol(2026, apr, 6, "Easter Monday"),
	hol(2026, may, 4, "Early May bank holiday"),
	hol(2026, may, 25, "Spring bank holiday"),
	hol(2026, aug, 31, "Summer bank holiday"),
	hol(2026, dec, 25, "Christmas Day"),
	sub(2026, dec, 28, "Boxing Day"),
	hol(2027, jan, 1, "New Year’s Day"),
	hol(2027, mar, 26, "Good Friday"),
	hol(2027, mar, 29, "Easter Monday"),
	hol(2027, may, 3, "Early May bank holiday"),
	hol(2027, jun, 7, "Spring bank holiday"),
	hol(2027, jul, 5, "Made-up test holiday"),
	hol(2027, aug, 30, "Summer bank holiday"),
	sub(2027, dec, 27, "Christmas Day"),
	sub(2027, dec, 28, "Boxing Day"),
}

func TestParseFeed(t *testing.T) {
	got, err := parseFile(t, "feed-2026-2027.json")
	if err != nil {
		t.Fatal(err)
	}
	// The file lists Boxing Day 2027 before Christmas Day and carries a
	// scotland division: the result is in date order, England and Wales only.
	if diff := cmp.Diff(feed20262027, got); diff != "" {
		t.Errorf("ParseFeed mismatch (-want +got):\n%s", diff)
	}
}

func TestParseFeedErrors(t *testing.T) {
	tests := []struct {
		file string
		want FeedError
	}{
		// A trailing comma: the "]" opening line 6 at column 5.
		{"feed-bad-syntax.json", FeedError{Line: 6, Column: 5,
			Message: "invalid character ']' looking for beginning of value"}},
		// The second event's date is a number; its last digit is at column 47.
		{"feed-bad-type.json", FeedError{Path: "england-and-wales.events.date", Line: 6, Column: 47,
			Message: "want JSON string, have JSON number"}},
		// "events" is an object; it opens at column 15 of line 4.
		{"feed-events-object.json", FeedError{Path: "england-and-wales.events", Line: 4, Column: 15,
			Message: "want JSON array, have JSON object"}},
		{"feed-bad-date.json", FeedError{Path: "england-and-wales.events[2].date",
			Message: `"2026-02-30": day out of range`}},
		{"feed-no-title.json", FeedError{Path: "england-and-wales.events[1].title", Message: "missing"}},
		{"feed-duplicate.json", FeedError{Path: "england-and-wales.events[2].date",
			Message: "2026-04-03 repeats events[1]"}},
		{"feed-no-division.json", FeedError{Message: `no "england-and-wales" division`}},
		{"feed-no-events.json", FeedError{Path: "england-and-wales.events", Message: "no events"}},
	}
	for _, tt := range tests {
		got, err := parseFile(t, tt.file)
		var fe *FeedError
		if !errors.As(err, &fe) {
			t.Errorf("ParseFeed(%s) = %v, %v; want *FeedError", tt.file, got, err)
			continue
		}
		if diff := cmp.Diff(tt.want, *fe); diff != "" {
			t.Errorf("ParseFeed(%s) error mismatch (-want +got):\n%s", tt.file, diff)
		}
		if got != nil {
			t.Errorf("ParseFeed(%s) returned holidays with its error", tt.file)
		}
	}
}

func TestFeedErrorMessage(t *testing.T) {
	tests := []struct {
		err  FeedError
		want string
	}{
		{FeedError{Message: "no events"}, "holidays: feed: no events"},
		{FeedError{Path: "england-and-wales.events[2].date", Message: "bad"},
			"holidays: feed: england-and-wales.events[2].date: bad"},
		{FeedError{Line: 6, Column: 5, Message: "bad"}, "holidays: feed: (line 6, column 5): bad"},
		{FeedError{Path: "a.b", Line: 6, Column: 5, Message: "bad"}, "holidays: feed: a.b (line 6, column 5): bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestParseFeedSmallInputs(t *testing.T) {
	for _, in := range []string{"", "null", "[]", "{}", `{"england-and-wales": null}`, `{"england-and-wales": []}`,
		`{"england-and-wales": {"events": [{"title": "x", "date": "2026-1-1"}]}}`} {
		if _, err := ParseFeed(strings.NewReader(in)); err == nil {
			t.Errorf("ParseFeed(%q) succeeded", in)
		}
	}
	// A reader that fails is an error too, not a *FeedError.
	_, err := ParseFeed(io.MultiReader(strings.NewReader("{"), errReader{}))
	if err == nil || !errors.Is(err, errBroken) {
		t.Errorf("ParseFeed(broken reader) error = %v, want one wrapping errBroken", err)
	}
	// An oversized document is refused before it is decoded.
	big := strings.NewReader(`{"x":"` + strings.Repeat("a", 5<<20) + `"}`)
	var fe *FeedError
	if _, err := ParseFeed(big); !errors.As(err, &fe) {
		t.Errorf("ParseFeed(5 MB) error = %v, want *FeedError", err)
	}
}

var errBroken = errors.New("broken")

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errBroken }

func TestDiffAndWithFeed(t *testing.T) {
	feed, err := parseFile(t, "feed-2026-2027.json")
	if err != nil {
		t.Fatal(err)
	}
	base := EnglandAndWales()
	wantDiff := []Difference{
		{Date: d(2027, may, 31), Calendar: "Spring bank holiday"},
		{Date: d(2027, jun, 7), Feed: "Spring bank holiday"},
		{Date: d(2027, jul, 5), Feed: "Made-up test holiday"},
	}
	if diff := cmp.Diff(wantDiff, base.Diff(feed)); diff != "" {
		t.Errorf("Diff mismatch (-want +got):\n%s", diff)
	}
	wantText := []string{
		`2027-05-31: calendar has "Spring bank holiday", feed has no holiday`,
		`2027-06-07: feed has "Spring bank holiday", calendar has no holiday`,
		`2027-07-05: feed has "Made-up test holiday", calendar has no holiday`,
	}
	for i, df := range wantDiff {
		if got := df.String(); got != wantText[i] {
			t.Errorf("String() = %q, want %q", got, wantText[i])
		}
	}
	if got := (Difference{Date: d(2026, dec, 28), Feed: "Boxing Day", Calendar: "Christmas Day"}).String(); got != `2026-12-28: feed calls it "Boxing Day", calendar "Christmas Day"` {
		t.Errorf("String() = %q", got)
	}

	c, err := base.WithFeed(feed)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Diff(feed); len(got) != 0 {
		t.Errorf("after WithFeed, Diff = %v, want none", got)
	}
	got2027, _ := c.Holidays(2027)
	if diff := cmp.Diff(feed20262027[8:], got2027); diff != "" {
		t.Errorf("WithFeed Holidays(2027) mismatch (-want +got):\n%s", diff)
	}
	// Monday 31 May 2027 is a working day on the new calendar, 7 June and 5 July
	// are not; the built-in calendar is unchanged.
	checkWorkday(t, c, d(2027, may, 31), true)
	checkWorkday(t, c, d(2027, jun, 7), false)
	checkWorkday(t, c, d(2027, jul, 5), false)
	checkWorkday(t, base, d(2027, may, 31), false)
	checkWorkday(t, base, d(2027, jun, 7), true)
	checkWorkday(t, base, d(2027, jul, 5), true)
	if got, _ := base.WorkdaysBetween(d(2027, may, 28), d(2027, jul, 9)); got != 29 {
		t.Errorf("built-in WorkdaysBetween(28 May, 9 July 2027) = %d, want 29", got)
	}
	// The moved spring holiday changes nothing over the span; the made-up
	// holiday takes one working day away.
	if got, _ := c.WorkdaysBetween(d(2027, may, 28), d(2027, jul, 9)); got != 28 {
		t.Errorf("feed WorkdaysBetween(28 May, 9 July 2027) = %d, want 28", got)
	}
	if got, _ := c.AddWorkdays(d(2027, jul, 2), 1); got != d(2027, jul, 6) {
		t.Errorf("feed AddWorkdays(2 July 2027, 1) = %s, want 2027-07-06", got)
	}
	// Years the feed does not cover are left as they were.
	for _, y := range []int{2025, 2028, 2029} {
		a, _ := base.Holidays(y)
		b, _ := c.Holidays(y)
		if diff := cmp.Diff(a, b); diff != "" {
			t.Errorf("WithFeed changed %d (-before +after):\n%s", y, diff)
		}
	}
}

// A feed reaching past the last announced year ends the provisional marks up
// to its last year.
func TestWithFeedEndsProvisional(t *testing.T) {
	feed := []Holiday{
		hol(2029, jan, 1, "New Year’s Day"),
		hol(2029, mar, 30, "Good Friday"),
		hol(2029, apr, 2, "Easter Monday"),
		hol(2029, may, 7, "Early May bank holiday"),
		hol(2029, may, 28, "Spring bank holiday"),
		hol(2029, aug, 27, "Summer bank holiday"),
		hol(2029, dec, 25, "Christmas Day"),
		hol(2029, dec, 26, "Boxing Day"),
	}
	c, err := EnglandAndWales().WithFeed(feed)
	if err != nil {
		t.Fatal(err)
	}
	if c.LastAnnouncedYear() != 2029 || EnglandAndWales().LastAnnouncedYear() != 2028 {
		t.Errorf("LastAnnouncedYear = %d (built-in %d), want 2029 (2028)", c.LastAnnouncedYear(), EnglandAndWales().LastAnnouncedYear())
	}
	got, _ := c.Holidays(2029)
	if diff := cmp.Diff(feed, got); diff != "" {
		t.Errorf("Holidays(2029) mismatch (-want +got):\n%s", diff)
	}
	h, _, _ := c.HolidayOn(d(2030, jan, 1))
	if !h.Provisional {
		t.Errorf("2030 holiday %+v after a 2029 feed: want provisional", h)
	}
}

func TestWithFeedErrors(t *testing.T) {
	base := EnglandAndWales()
	for _, feed := range [][]Holiday{
		{hol(1970, jan, 1, "Too early"), hol(2026, jan, 1, "New Year’s Day")},
		{hol(2100, jan, 1, "Too late")},
	} {
		c, err := base.WithFeed(feed)
		if !isRange(err) || c != nil {
			t.Errorf("WithFeed(%v) = %v, %v; want nil, *RangeError", feed, c, err)
		}
	}
	var ie *InvalidDateError
	if _, err := base.WithFeed([]Holiday{{Date: d(2026, feb, 30), Name: "x"}}); !errors.As(err, &ie) {
		t.Errorf("WithFeed(2026-02-30) error = %v, want *InvalidDateError", err)
	}
	// WithFeed takes the span from first to last, so the feed must be in
	// date order, as ParseFeed returns it, and not empty.
	var fe *FeedError
	unsorted := []Holiday{hol(2026, dec, 25, "Christmas Day"), hol(2026, jan, 1, "New Year’s Day")}
	if c, err := base.WithFeed(unsorted); !errors.As(err, &fe) || c != nil {
		t.Errorf("WithFeed(unsorted) = %v, %v; want nil, *FeedError", c, err)
	}
	repeated := []Holiday{hol(2026, jan, 1, "New Year’s Day"), hol(2026, jan, 1, "New Year’s Day")}
	if _, err := base.WithFeed(repeated); !errors.As(err, &fe) {
		t.Errorf("WithFeed(repeated day) error = %v, want *FeedError", err)
	}
	if _, err := base.WithFeed(nil); !errors.As(err, &fe) {
		t.Errorf("WithFeed(nil) error = %v, want *FeedError", err)
	}
	// Diff does not fail on days outside the range: they are differences.
	got := base.Diff([]Holiday{hol(1970, jan, 1, "New Year’s Day")})
	want := []Difference{{Date: d(1970, jan, 1), Feed: "New Year’s Day"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Diff mismatch (-want +got):\n%s", diff)
	}
	if got := base.Diff(nil); len(got) != 0 {
		t.Errorf("Diff(nil) = %v, want none", got)
	}
}

func TestWithHolidays(t *testing.T) {
	base := EnglandAndWales()
	c, err := base.WithHolidays([]Holiday{
		hol(2026, jun, 15, "Made-up proclaimed holiday"),
		hol(2026, dec, 25, "Christmas Day (renamed)"),
		{Date: d(2026, jun, 16), Name: "Not a closure", Closure: true},
		hol(2030, jun, 3, "Made-up future holiday"),
	})
	if err != nil {
		t.Fatal(err)
	}
	checkWorkday(t, c, d(2026, jun, 15), false)
	checkWorkday(t, c, d(2026, jun, 16), false)
	checkWorkday(t, base, d(2026, jun, 15), true)
	tests := []struct {
		day  Date
		want Holiday
	}{
		{d(2026, jun, 15), hol(2026, jun, 15, "Made-up proclaimed holiday")},
		{d(2026, dec, 25), hol(2026, dec, 25, "Christmas Day (renamed)")},
		// WithHolidays adds holidays: a Closure mark is dropped.
		{d(2026, jun, 16), hol(2026, jun, 16, "Not a closure")},
		{d(2030, jun, 3), Holiday{Date: d(2030, jun, 3), Name: "Made-up future holiday", Provisional: true}},
	}
	for _, tt := range tests {
		got, ok, err := c.HolidayOn(tt.day)
		if err != nil || !ok || got != tt.want {
			t.Errorf("HolidayOn(%s) = %+v, %v, %v; want %+v", tt.day, got, ok, err, tt.want)
		}
	}
	if h, _, _ := base.HolidayOn(d(2026, dec, 25)); h.Name != "Christmas Day" {
		t.Errorf("WithHolidays renamed the built-in calendar's Christmas: %q", h.Name)
	}
	// Nothing is applied when one day is bad.
	if c, err := base.WithHolidays([]Holiday{hol(2026, jun, 15, "ok"), hol(2026, feb, 29, "bad")}); err == nil || c != nil {
		t.Errorf("WithHolidays with an invalid day = %v, %v; want an error", c, err)
	}
}

func TestWithClosures(t *testing.T) {
	base := EnglandAndWales()
	before, _ := base.Holidays(2024)
	c, err := base.WithClosures([]Holiday{
		{Date: d(2024, dec, 27)},                            // Friday
		{Date: d(2024, dec, 30), Name: "Council shutdown"},  // Monday
		{Date: d(2024, dec, 31), Name: "Council shutdown"},  // Tuesday
		{Date: d(2024, dec, 25), Name: "Already Christmas"}, // a holiday already
		{Date: d(2024, dec, 28), Name: "Saturday"},          // a weekend already
	})
	if err != nil {
		t.Fatal(err)
	}
	// The opt-in calendar: Christmas Eve + 1 working day jumps the shutdown.
	if got, _ := c.AddWorkdays(d(2024, dec, 24), 1); got != d(2025, jan, 2) {
		t.Errorf("with closures, AddWorkdays(24 Dec 2024, 1) = %s, want 2025-01-02", got)
	}
	// The statutory calendar does not know about the shutdown.
	if got, _ := base.AddWorkdays(d(2024, dec, 24), 1); got != d(2024, dec, 27) {
		t.Errorf("built-in AddWorkdays(24 Dec 2024, 1) = %s, want 2024-12-27", got)
	}
	if got, _ := EnglandAndWales().AddWorkdays(d(2024, dec, 24), 1); got != d(2024, dec, 27) {
		t.Errorf("EnglandAndWales() after WithClosures: AddWorkdays = %s, want 2024-12-27", got)
	}
	after, _ := base.Holidays(2024)
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("WithClosures changed the receiver (-before +after):\n%s", diff)
	}
	got, _ := c.Holidays(2024)
	want := append(before[:len(before):len(before)],
		Holiday{Date: d(2024, dec, 27), Name: "Local closure", Closure: true},
		Holiday{Date: d(2024, dec, 30), Name: "Council shutdown", Closure: true},
		Holiday{Date: d(2024, dec, 31), Name: "Council shutdown", Closure: true},
	)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Holidays(2024) with closures mismatch (-want +got):\n%s", diff)
	}
	// Diff compares statutory holidays only.
	feed, _ := base.Holidays(2024)
	if got := c.Diff(feed); len(got) != 0 {
		t.Errorf("Diff with closures = %v, want none", got)
	}
	// A feed keeps the closure days.
	c2, err := c.WithFeed(feed)
	if err != nil {
		t.Fatal(err)
	}
	checkWorkday(t, c2, d(2024, dec, 30), false)
	if h, ok, _ := c2.HolidayOn(d(2024, dec, 30)); !ok || !h.Closure || h.Provisional {
		t.Errorf("after WithFeed, HolidayOn(2024-12-30) = %+v, %v; want the closure", h, ok)
	}
	if _, err := base.WithClosures([]Holiday{{Date: d(2100, jan, 4)}}); !isRange(err) {
		t.Errorf("WithClosures(2100-01-04) error = %v, want *RangeError", err)
	}
}

func checkWorkday(t *testing.T, c *Calendar, day Date, want bool) {
	t.Helper()
	got, err := c.IsWorkday(day)
	if err != nil || got != want {
		t.Errorf("IsWorkday(%s) = %v, %v; want %v", day, got, err, want)
	}
}

// A feed is the authority from its first day to its last, and only there.
func TestWithFeedSpan(t *testing.T) {
	base := EnglandAndWales()
	// A one-day feed adds that day and removes nothing else in 2027.
	c, err := base.WithFeed([]Holiday{hol(2027, jul, 5, "Made-up test holiday")})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := base.Holidays(2027)
	want = append(want, hol(2027, jul, 5, "Made-up test holiday"))
	sortHolidays(want)
	got, _ := c.Holidays(2027)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("one-day feed: Holidays(2027) mismatch (-want +got):\n%s", diff)
	}
	// Early May to 7 June: the spring holiday of 31 May, between them and
	// not in the feed, is gone; Easter before the span and the summer holiday
	// after it stay.
	c, err = base.WithFeed([]Holiday{
		hol(2027, may, 3, "Early May bank holiday"),
		hol(2027, jun, 7, "Spring bank holiday"),
	})
	if err != nil {
		t.Fatal(err)
	}
	checkWorkday(t, c, d(2027, may, 31), true)
	checkWorkday(t, c, d(2027, jun, 7), false)
	checkWorkday(t, c, d(2027, mar, 29), false)
	checkWorkday(t, c, d(2027, aug, 30), false)
	if got := c.LastAnnouncedYear(); got != 2028 {
		t.Errorf("LastAnnouncedYear() = %d, want 2028", got)
	}
	// A feed ending in January 2030 announces 2029 but not the rest of 2030.
	feed := []Holiday{
		hol(2029, dec, 25, "Christmas Day"),
		hol(2029, dec, 26, "Boxing Day"),
		hol(2030, jan, 1, "New Year’s Day"),
	}
	c, err = base.WithFeed(feed)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.LastAnnouncedYear(); got != 2029 {
		t.Errorf("LastAnnouncedYear() = %d, want 2029", got)
	}
	for _, tt := range []struct {
		day         Date
		provisional bool
	}{
		{d(2029, mar, 30), false},
		{d(2029, dec, 25), false},
		{d(2030, jan, 1), true},
		{d(2030, apr, 19), true}, // Good Friday 2030
	} {
		h, ok, _ := c.HolidayOn(tt.day)
		if !ok || h.Provisional != tt.provisional {
			t.Errorf("HolidayOn(%s) = %+v, %v; want Provisional %v", tt.day, h, ok, tt.provisional)
		}
	}
}
