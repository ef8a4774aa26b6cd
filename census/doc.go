// Package census reads the children-in-need (CIN) census that every local
// authority in England returns to the Department for Education each year, and
// turns it into the library's terms: one [pathway] case per episode of need,
// the deadlines each case met or missed, and the timeliness figures the DfE
// publishes in "Children in need" (Characteristics of children in need,
// national statistics).
//
// # Reading
//
// A census file is XML: a Message with a Header (CollectionDetails: Collection,
// Year, ReferenceDate) and Children, one Child per child, each with
// ChildIdentifiers, ChildCharacteristics and one CINdetails element per episode
// of need. [Reader] streams it one Child at a time, so a large authority's
// file is read in memory bounded by its largest child, never as a tree.
// [ReadAll] is the convenience for small files.
//
// The schemas of the collection years 2017 to 2026 differ in small ways (the
// 2026 schema replaces GenderCurrent by Sex; DfE and suppliers add modules such
// as pre-proceedings); the reader accepts all of them. An element it does not
// know is skipped with a [Warning] naming its path and line. Malformed XML, a
// date that is not YYYY-MM-DD, or a flag that is not a boolean stops the read
// with an *[Error] that names the child (LAchildID), the element and the line.
//
// # Judging
//
// [Auditor] checks one child at a time ([Auditor.Audit]) and keeps running
// totals for the file ([Auditor.Figures], [Auditor.FileFindings]); [Audit]
// does both for a whole file, and [Pipeline] does both in parallel: one
// goroutine reads the file and splits it only where a Child element has
// ended, workers read and judge batches of children, and the reports come
// out in file order with the serial reader's line numbers; the children
// are counted in [Pipeline.Figures] and [Pipeline.FileFindings] as they
// come out, so the figures are those of exactly the children reported. A
// host that writes each report out renders it on the workers as well
// ([Pipeline.Rendered]) and takes the renderings in file order.
//
// Findings are of two sources, never mixed ([Finding.Source]):
//
//   - The DfE's CIN census validation rules about dates, timescales and the
//     order of events ([DfERules]; the 2025 to 2026 "Children in need
//     census: validation rules"): each [DfE] finding carries the rule's
//     code (8841, 8670Q), severity (error: must fix; query: fix or explain)
//     and the DfE's own message, with the child, the element and its line.
//   - This library's own checks, which the DfE does not make: an
//     InitialCPCtarget that is not 15 working days after the strategy
//     discussion, a conference on a bank holiday or a review on a
//     non-working day, reviews out of order, dates outside the calendar, and
//     the Working Together deadlines of each episode as a [pathway] case.
//
// Findings hold dates and codes: their messages are written only when they
// are output ([Finding.Message], [Finding.String], JSON).
//
// Each CINdetails becomes a [Case]: a [pathway.Case] built from the census
// dates, judged as of the reference date, whose deadlines become findings
// (met, late by so many working days, missed). Where the census leaves a
// pathway question open (no referral decision date, no section 47 conclusion
// date, no core group meetings) the Case's Notes say what was assumed, and
// no verdict rests on a guessed date; a note says "not judged" only of a
// timescale that neither the findings nor the case's deadlines judge.
//
// Each assessment is measured both ways, side by side and each named
// ([AssessmentTimeliness]): the DfE's working days from start to
// authorisation, and Working Together's deadline from the referral (2023,
// chapter 3, para 155). They answer different questions and can disagree.
//
// [Figures] are the DfE's published timeliness measures (tables C2 and C4
// of "Characteristics of children in need"), and one measure of this
// library's own, labelled as such (reviews on time). Records that break a
// DfE error rule are left out of the figures and counted as rejected; a
// share of nothing prints "n/a". Counting rules are stated on each; every
// working-day count is [holidays.Calendar.WorkdaysBetween]: the working days
// after the first date up to and including the second, so that an event on
// its start day counts 0.
package census
