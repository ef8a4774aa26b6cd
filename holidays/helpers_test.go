package holidays

import "time"

// Month names read better than numbers in hand-written tables.
const (
	jan = time.January
	feb = time.February
	mar = time.March
	apr = time.April
	may = time.May
	jun = time.June
	jul = time.July
	aug = time.August
	sep = time.September
	oct = time.October
	nov = time.November
	dec = time.December
)

// d keeps table rows short.
func d(y int, m time.Month, day int) Date { return Date{Year: y, Month: m, Day: day} }

// hol is a holiday on its own date; sub is a weekday standing in for a weekend
// holiday. The names in the tables are typed out from GOV.UK rather than
// taken from the package's Name constants, so that a wrong constant fails.
func hol(y int, m time.Month, day int, name string) Holiday {
	return Holiday{Date: d(y, m, day), Name: name}
}

func sub(y int, m time.Month, day int, name string) Holiday {
	return Holiday{Date: d(y, m, day), Name: name, Substitute: true}
}

// mustCal returns the built-in calendar; it exists so tests read as prose.
func mustCal() *Calendar { return EnglandAndWales() }
