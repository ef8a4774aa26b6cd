// Package holidays is the England and Wales working-day calendar that every
// deadline of this module stands on: civil dates, the bank holidays from 1978
// to 2099, and working-day arithmetic in constant time.
//
// # Working days
//
// A working day is "any day which is not a Saturday, Sunday, or bank holiday"
// (Working Together to Safeguard Children 2023, footnote 209). Good Friday
// and Christmas Day are common-law holidays rather than bank holidays in
// England and Wales, but GOV.UK lists them and every statutory definition of
// a working day excludes them, and so does this calendar.
//
// # Dates
//
// Deadlines are days, not instants. A [Date] is a year, a month and a day,
// comparable with ==, written as ISO 8601 text and JSON strings. Which day an
// instant falls on depends on a zone: [DateOf] says it plainly, using
// Europe/London. [Date.AddMonths] follows the corresponding-date rule (31
// August plus 3 months is 30 November), never [time.Time.AddDate], which
// gives 1 December.
//
// # The calendar
//
// [EnglandAndWales] returns the built-in calendar: the recurring holidays by
// rule (Easter and the Monday holidays from rickar/cal/v2's definitions),
// every one-off change by proclamation ([Proclamations]), and a weekend
// holiday replaced by the next weekday that is not already one, worked out
// across the year so that the days carry GOV.UK's names. Years after the last
// announced one are computed by rule and marked provisional. A date outside
// the range is an error, never a guess.
//
// "Within N working days of X" is [Calendar.AddWorkdays]: X is day 0, the
// deadline the Nth working day after it. "Late by N working days" is
// [Calendar.WorkdaysBetween] from the due date to the day achieved. Both are
// table look-ups that do not allocate.
//
// # Change
//
// A Calendar is immutable and safe for concurrent use. A host lays newly
// proclaimed holidays over it without a new release ([ParseFeed] reads
// GOV.UK's bank-holidays.json; [Calendar.WithFeed] applies it and
// [Calendar.Diff] reports drift), and may opt in to local closure days
// ([Calendar.WithClosures]), which statutory counting otherwise ignores.
package holidays
