// Package caseload judges many cases at once and answers what the people who
// act on them ask: what falls due in the next working days and what is
// already overdue (the agenda), and how many deadlines of each rule were met
// over a period (compliance), broken down by any label the host gives its
// cases, with the cases behind every figure.
//
// It holds no rules and no date arithmetic of its own: every due date,
// working-day count and verdict comes from [pathway] (and through it from
// the rulebook and the England and Wales calendar).
//
// # Reading
//
// [Read] decodes case logs in the pathway JSON format on every core and
// judges them as it goes, keeping only the agenda and the counts (and, with
// [Options.KeepCases], each case for a report). A case that cannot be read
// is a [Problem] naming its file, line and field; the cases after it are
// still judged. [Judge] does the same for cases the host already holds.
//
// # Output
//
// A [Report] marshals to JSON as it is. [Report.WriteICS] writes the agenda
// as an iCalendar file and [Report.WriteHTML] the self-contained HTML report.
package caseload
