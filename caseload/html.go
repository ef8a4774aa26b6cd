package caseload

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"io"
	"maps"
	"slices"
	"strconv"

	"github.com/workingtogether/safeguarding/holidays"
	"github.com/workingtogether/safeguarding/pathway"
	"github.com/workingtogether/safeguarding/pathway/timeline"
)

// WriteHTML writes the report as one self-contained HTML page: no network,
// no external assets, so it can be mailed or kept as a CI artefact. The top
// holds the summary (compliance per rule and per label, then the agenda);
// with [Options.KeepCases], a section per case follows with its timeline
// (an image held in the page) and its deadline table. Tables sort when a
// column heading is clicked (a few lines of inline script); without script
// the page reads in full. Lateness is a word and a symbol as well as a
// colour, and the page prints on A4.
func (r *Report) WriteHTML(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	notes := newFootnotes()
	t, err := template.New("report").Funcs(template.FuncMap{
		"status": statusText, "caseRef": r.caseRefs(), "date": dateText, "cite": notes.cite, "inc": func(i int) int { return i + 1 },
		"days": workdays, "groupName": groupName, "share": shareKey, "dateKey": dateKey,
		"agendaChunks": chunks[Entry], "problemChunks": chunks[Problem],
	}).Parse(reportTemplate)
	if err != nil {
		return err
	}
	head := r.headView()
	var legend bytes.Buffer
	if err := timeline.WriteLegend(&legend); err != nil {
		return err
	}
	head.Legend = template.HTML(legend.String())
	head.TimelineStyle = template.CSS(timeline.Style())
	if err := t.ExecuteTemplate(bw, "head", head); err != nil {
		return err
	}
	var svg, img bytes.Buffer
	for i, j := range r.Cases {
		svg.Reset()
		l, err := timeline.New(j.Item.Case, r.Options.AsOf)
		if err == nil {
			err = l.WriteImageSVG(&svg)
		}
		if err != nil {
			return fmt.Errorf("caseload: case %q: %w", j.ID, err)
		}
		notes.holidays(l)
		img.Reset()
		writeImage(&img, l, svg.Bytes())
		v := caseView{Judged: j, Anchor: "case-" + strconv.Itoa(i+1), Timeline: template.HTML(img.String()),
			Labels: sortedLabels(j.Item.Labels), Open: i%chunkCases == 0, Close: (i+1)%chunkCases == 0 || i == len(r.Cases)-1}
		if err := t.ExecuteTemplate(bw, "case", v); err != nil {
			return err
		}
	}
	foot := footView{Cases: len(r.Cases) > 0, Citations: notes.citations, Holidays: notes.holidayList()}
	if err := t.ExecuteTemplate(bw, "foot", foot); err != nil {
		return err
	}
	return bw.Flush()
}

// footnotes gathers, while the cases are written, what every case refers to
// and the page says once at its end: the citations of the case tables'
// rules (a rule's citation depends on the rulebook in force at its clock's
// anchor, so they are numbered by text) and the bank holidays the
// timelines shade.
type footnotes struct {
	numbers   map[string]int
	citations []string
	days      map[holidays.Date]string
}

func newFootnotes() *footnotes {
	return &footnotes{numbers: map[string]int{}, days: map[holidays.Date]string{}}
}

// cite is the footnote number of a citation (a rule's, or an agenda entry's
// text of it), numbered as first cited.
func (f *footnotes) cite(c any) int {
	text := fmt.Sprint(c)
	n, ok := f.numbers[text]
	if !ok {
		f.citations = append(f.citations, text)
		n = len(f.citations)
		f.numbers[text] = n
	}
	return n
}

func (f *footnotes) holidays(l *timeline.Layout) {
	for _, h := range l.Holidays {
		f.days[h.From] = h.Title
	}
}

// holidayList is the shaded bank holidays by date.
func (f *footnotes) holidayList() []string {
	dates := slices.SortedFunc(maps.Keys(f.days), func(a, b holidays.Date) int { return a.Compare(b) })
	out := make([]string, len(dates))
	for i, d := range dates {
		out[i] = f.days[d]
	}
	return out
}

type footView struct {
	Cases     bool
	Citations []string
	Holidays  []string
}

type headView struct {
	*Report
	Title   string
	Days    int
	Byline  string
	Groups  []groupView
	Summary string
	Legend  template.HTML // the key to every timeline, shown once
	// TimelineStyle styles every timeline's marks, once for the page.
	TimelineStyle template.CSS
}

type groupView struct {
	Name    string
	Tallies []Tally
	Agenda  []Entry
}

type caseView struct {
	Judged
	// Open and Close start and end a block of chunkCases cases.
	Open, Close bool
	Anchor      string
	Timeline    template.HTML // an img element
	Labels      [][2]string
}

// writeImage writes a case's timeline as an img element holding the
// picture as SVG in a data URL, so the page stays self-contained. Drawn
// inline, the timelines gave the page of 5,000 generated cases 1.32
// million nodes to build before it showed (0.88 million as images); an
// image is one element, and the browser draws it when it comes on screen.
// Its width and height are given, so the page does not shift when it is
// drawn. Its text says what the picture's title said, and where its
// deadlines are told in words.
func writeImage(b *bytes.Buffer, l *timeline.Layout, svg []byte) {
	alt := fmt.Sprintf("Timeline of case %s as of %s, at stage %s: %d %s, each a row of the table below",
		l.Case, dateText(l.AsOf), l.Stage, len(l.Rows), plural(len(l.Rows), "deadline", "deadlines"))
	if len(l.Holidays) > 0 {
		alt += "; bank holidays shaded"
	}
	fmt.Fprintf(b, `<img width="%d" height="%d" loading="lazy" decoding="async" alt="%s" src="data:image/svg+xml,`,
		l.InlineWidth(), l.InlineHeight(), template.HTMLEscapeString(alt))
	writeDataText(b, svg)
	b.WriteString(`">`)
}

// writeDataText writes SVG as the text of a data URL in a double-quoted
// attribute, escaping as little as the URL and the attribute allow (Base64
// would add a third): % and # (which would start an escape and a fragment)
// and & (which would start a character reference) as percent escapes, and
// the markup's double quotes as single quotes, which XML takes alike. The
// picture's text holds no quote of either kind (it escapes them as
// references), so no text changes; a single quote would still be escaped.
func writeDataText(b *bytes.Buffer, svg []byte) {
	for _, c := range svg {
		switch c {
		case '%':
			b.WriteString("%25")
		case '#':
			b.WriteString("%23")
		case '&':
			b.WriteString("%26")
		case '\'':
			b.WriteString("%27")
		case '"':
			b.WriteByte('\'')
		case '\n':
			b.WriteString("%0A")
		default:
			b.WriteByte(c)
		}
	}
}

func (r *Report) headView() headView {
	o := r.Options
	v := headView{Report: r, Days: o.Days,
		Title: "Safeguarding caseload as of " + dateText(o.AsOf)}
	overdue := 0
	for _, e := range r.Agenda {
		if e.Status == pathway.Overdue {
			overdue++
		}
	}
	v.Summary = fmt.Sprintf("%d %s judged at the end of %s; %d %s overdue, %d due within %s; %d %s could not be read.",
		r.Read, plural(r.Read, "case", "cases"), dateText(o.AsOf), overdue, plural(overdue, "deadline", "deadlines"),
		len(r.Agenda)-overdue, workdays(o.Days), len(r.Problems), plural(len(r.Problems), "case", "cases"))
	if o.By != "" {
		for _, g := range r.Groups {
			gv := groupView{Name: g}
			for _, t := range r.ByGroup {
				if t.Group == g {
					gv.Tallies = append(gv.Tallies, t)
				}
			}
			v.Groups = append(v.Groups, gv)
		}
	}
	return v
}

// caseRefs returns a function from a case ID to the anchor of its section,
// or "" when cases are not kept (the first case of an ID when IDs repeat).
func (r *Report) caseRefs() func(string) string {
	refs := make(map[string]string, len(r.Cases))
	for i, j := range r.Cases {
		if _, ok := refs[j.ID]; !ok {
			refs[j.ID] = "case-" + strconv.Itoa(i+1)
		}
	}
	return func(id string) string { return refs[id] }
}

func sortedLabels(m map[string]string) [][2]string {
	var out [][2]string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, [2]string{k, m[k]})
	}
	return out
}

// chunkRows is how many rows of a long table (the agenda, the unreadable
// cases) go in one block of the page that the browser lays out only when it
// is near the screen: the agenda of 5,000 cases has over 10,000 rows, which
// took Chromium seconds to lay out as one table before anything showed.
// A block of 200 rows stood 13,600 pixels high and took a frame of 67 to
// 167 ms to lay out as it came on screen: scrolling the report of 5,000
// cases, every frame over 50 ms was in the agenda. Blocks of 25 (about
// 1,700 pixels, the height the page guesses for one not yet drawn) left
// one frame over 50 ms in the whole scroll, where blocks of 50 left 12
// and blocks of 200 left 33, measured one after the other.
const chunkRows = 25

// chunkCases is how many case sections go in one block that the browser
// skips as one while it is off screen, so that scrolling past a section
// lays out a block of sections rather than all 5,000 of a large caseload.
// Measured with BenchmarkReportOpen on 5,000 cases: blocks of 50 gave a
// median frame of 33 ms and 71-81 frames in 383 over 50 ms while
// scrolling; blocks of 10 gave 16.7 ms and 42-45 in 400.
const chunkCases = 10

// chunks splits a long table's rows into blocks of chunkRows.
func chunks[T any](rows []T) [][]T {
	return slices.Collect(slices.Chunk(rows, chunkRows))
}

// shareKey sorts shares on time, "n/a" first.
func shareKey(t Tally) string {
	share, ok := t.OnTime()
	if !ok {
		return "-1"
	}
	return strconv.FormatFloat(share, 'f', -1, 64)
}

// dateKey is a date as ISO text for sorting; "" for none.
func dateKey(d holidays.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func groupName(g string) string {
	if g == "" {
		return "(no label)"
	}
	return g
}

func dateText(d holidays.Date) string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d %s %d", d.Weekday().String()[:3], d.Day, d.Month.String()[:3], d.Year)
}

// statusText is a clock's status as a symbol and a word, never colour alone.
func statusText(s pathway.Status) string {
	switch s {
	case pathway.Met:
		return "✓ met"
	case pathway.Late:
		return "✗ late"
	case pathway.Missed:
		return "✗ missed"
	case pathway.Overdue:
		return "⚠ overdue"
	case pathway.Open:
		return "○ open"
	case pathway.Done:
		return "• done"
	}
	return "· " + string(s)
}

const reportTemplate = `{{define "head"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font:15px/1.45 "DejaVu Sans",Helvetica,Arial,sans-serif;color:#1f2328;margin:0 auto;max-width:1480px;padding:0 16px 48px}
h1{font-size:1.6em;margin:.8em 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #d0d7de}h3{margin:1.2em 0 .3em}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:.93em}
th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n,.case td:nth-child(6){text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
th button{all:inherit;cursor:pointer;padding:0;border:0;background:none}
th button::after{content:" \2195";color:#8c959f}
th[aria-sort=ascending] button::after{content:" \2191"}th[aria-sort=descending] button::after{content:" \2193"}
.late,.missed,.overdue{color:#cf222e;font-weight:bold}.met{color:#1a7f37}.open{color:#0969da}.done{color:#57606a}
.case{content-visibility:auto;contain-intrinsic-size:auto 640px;border-top:1px solid #d0d7de;margin-top:1.5em}
.chunk{content-visibility:auto;contain-intrinsic-size:auto 1700px}.cases{content-visibility:auto;contain-intrinsic-size:auto 7000px}.rows{margin:.5em 0 1em}.rows table{margin:0;table-layout:fixed;width:100%}.rows td{overflow-wrap:anywhere}.rows td.n{white-space:normal}.chunk+.chunk table{border-top:0}
th.date{width:8.5em}th.status{width:7.5em}th.days{width:11em}th.id{width:7em}th.note{width:4.5em}th.where{width:16em}th.field{width:9em}
.case img,.legend svg{max-width:100%;height:auto;display:block}
details{display:inline}summary{display:inline;cursor:pointer;text-decoration:underline dotted}
.muted{color:#57606a}
{{.TimelineStyle}}
@page{size:A4;margin:12mm}
@media print{body{max-width:none;font-size:10pt;padding:0}.case{break-before:page}.case,.chunk,.cases{content-visibility:visible}th button::after{content:""}details>*{display:block}table{page-break-inside:auto}tr{break-inside:avoid}}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p>{{.Summary}}</p>
<p class="muted">Compliance period {{date .Options.From}} to {{date .Options.To}}. Deadlines on the England and Wales working-day calendar; every due date and verdict is as the rulebook in force on each clock's anchor sets it.</p>
</header>
<nav aria-label="Contents"><ul>
{{- if .Problems}}<li><a href="#unreadable">Cases that could not be read</a></li>{{end}}
<li><a href="#compliance">Compliance by rule</a></li>
{{- if .Groups}}<li><a href="#by-label">Compliance by {{.Options.By}}</a></li>{{end}}
<li><a href="#agenda">Agenda</a></li>
{{- if .Cases}}<li><a href="#cases">Cases</a></li>{{end}}
{{- if or .Agenda .Cases}}<li><a href="#citations">Citations</a></li>{{end}}
{{- if .Cases}}<li><a href="#holidays">Bank holidays</a></li>{{end}}
</ul></nav>
<main>
{{- if .Problems}}
<section id="unreadable">
<h2>Cases that could not be read</h2>
<p>These cases are not in any figure below. Correct them and run the report again.</p>
<div class="rows">
{{- range problemChunks .Problems}}
<div class="chunk"><table class="sortable problems"><thead><tr><th scope="col" class="where">Where<th scope="col" class="id">Case<th scope="col" class="field">Field<th scope="col">Problem</thead><tbody>
{{- range .}}
<tr><td>{{.Source}}<td>{{.Case}}<td>{{.Field}}<td>{{.Err}}
{{- end}}
</tbody></table></div>
{{- end}}
</div>
</section>
{{- end}}
<section id="compliance">
<h2>Compliance by rule</h2>
<p>Clocks settled from {{date .Options.From}} to {{date .Options.To}}: met on time, late (target reached after the due date) or missed (stopped after the due date without it). Open each count for its cases.</p>
{{template "tallies" .Compliance}}
</section>
{{- if .Groups}}
<section id="by-label">
<h2>Compliance by {{.Options.By}}</h2>
{{- range .Groups}}
<h3>{{$.Options.By}}: {{groupName .Name}}</h3>
{{template "tallies" .Tallies}}
{{- end}}
</section>
{{- end}}
<section id="agenda">
<h2>Agenda</h2>
<p>Every overdue deadline and every running deadline due within {{days .Days}} after {{date .Options.AsOf}}, earliest first.</p>
{{- if .Agenda}}
<div class="rows">
{{- range agendaChunks .Agenda}}
<div class="chunk"><table class="sortable agenda"><thead><tr><th scope="col" class="date">Due<th scope="col" class="status">Status<th scope="col" class="days">Working days<th scope="col" class="id">Case{{if $.Options.By}}<th scope="col" class="id">{{$.Options.By}}{{end}}<th scope="col">Rule<th scope="col" class="date">From<th scope="col" class="note">Citation</thead><tbody>
{{- range .}}
<tr><td data-sort="{{dateKey .Due}}">{{if .Due.IsZero}}as soon as possible{{else}}{{date .Due}}{{end}}<td class="{{.Status}}">{{status .Status}}<td class="n" data-sort="{{if eq .Status "overdue"}}-{{.Overdue}}{{else}}{{.Left}}{{end}}">{{.Standing}}<td>{{with caseRef .Case}}<a href="#{{.}}">{{end}}{{.Case}}{{if caseRef .Case}}</a>{{end}}{{if $.Options.By}}<td>{{groupName .Group}}{{end}}<td>{{.Name}}<td>{{date .Anchor}}<td>{{template "cite" .Citation}}
{{- end}}
</tbody></table></div>
{{- end}}
</div>
{{- else}}
<p>Nothing is overdue or due within the horizon.</p>
{{- end}}
</section>
{{- if .Cases}}
<section id="cases">
<h2>Cases</h2>
<p>Each case as it stood at the end of {{date .Options.AsOf}}: its timeline (stages, events, and a row per deadline from its anchor to its due date), then its deadlines.</p>
<div class="legend">{{.Legend}}</div>
<p class="muted">Bank holidays shaded in the timelines are <a href="#holidays">named at the end</a>. Under each timeline, its deadlines' table gives each row's verdict, bound and citation.</p>
{{- end}}
{{end}}

{{define "tallies"}}
{{- if .}}
<table class="sortable"><thead><tr><th scope="col">Rule</th><th scope="col">Settled</th><th scope="col">Met</th><th scope="col">Late</th><th scope="col">Median working days late</th><th scope="col">Missed</th><th scope="col">On time</th></tr></thead><tbody>
{{- range .}}
<tr><td>{{.Name}}<br><span class="muted">{{.Citation}}</span></td><td class="n">{{.Settled}}</td><td class="n met">{{template "count" .MetCases}}</td><td class="n{{if .Late}} late{{end}}">{{if .Late}}✗ {{end}}{{template "count" .LateCases}}</td><td class="n">{{if .Late}}{{.MedianLate}}{{else}}n/a{{end}}</td><td class="n{{if .Missed}} missed{{end}}">{{if .Missed}}✗ {{end}}{{template "count" .MissedCases}}</td><td class="n" data-sort="{{share .}}">{{.OnTimeText}}</td></tr>
{{- end}}
</tbody></table>
{{- else}}
<p>No deadline was settled in the period.</p>
{{- end}}
{{end}}

{{define "count"}}{{if .}}<details><summary>{{len .}}</summary>{{range $i, $id := .}}{{if $i}}, {{end}}{{with caseRef $id}}<a href="#{{.}}">{{$id}}</a>{{else}}{{$id}}{{end}}{{end}}</details>{{else}}0{{end}}{{end}}

{{define "case"}}
{{- if .Open}}
<div class="cases">
{{- end}}
<section class="case" id="{{.Anchor}}"><h3>Case {{.ID}}</h3><p class="muted">Stage {{.Stage}}{{with .Source.String}}; from {{.}}{{end}}{{range .Labels}}; {{index . 0}}: {{index . 1}}{{end}}</p>{{.Timeline}}<table class="sortable"><caption class="muted">Deadlines of case {{.ID}}</caption><thead><tr><th>Rule<th>Status<th>From<th>Due<th>Done<th>Working days<th>Citation</thead><tbody>
{{- range .Clocks}}<tr><td>{{.Rule.Name}} ({{.Rule.Bound}})<td class="{{.Status}}">{{status .Status}}<td>{{date .Anchor}}<td>{{date .Due}}<td>{{date .Done}}<td>{{template "clockdays" .}}<td>{{template "cite" .Rule.Citation}}{{with .Reason}}<br><span class="muted">reason recorded: {{.}}</span>{{end}}
{{- end}}</tbody></table></section>
{{- if .Close}}
</div>
{{- end}}
{{- end}}

{{define "cite"}}{{with cite .}}<a href="#cite-{{.}}">note {{.}}</a>{{end}}{{end}}

{{define "clockdays"}}{{if eq .Status "open"}}{{if .Due.IsZero}}{{days .Elapsed}} so far{{else}}{{days .WorkdaysLeft}} left{{end}}{{else if eq .Status "done"}}{{days .Elapsed}} taken{{else if .Late}}{{days .Late}} late{{end}}{{end}}

{{define "foot"}}
{{- if .Cases}}
</section>
{{- end}}
{{- if .Citations}}
<section id="citations">
<h2>Citations</h2>
<p>The guidance each deadline rests on, as the rulebook in force on its clock's anchor cites it.</p>
<ol>
{{- range $i, $c := .Citations}}
<li id="cite-{{inc $i}}">{{$c}}</li>
{{- end}}
</ol>
</section>
{{- end}}
{{- if .Cases}}
<section id="holidays">
<h2>Bank holidays</h2>
{{- if .Holidays}}
<p>The bank holidays shaded in the timelines above: working-day deadlines step over them.</p>
<ul>
{{- range .Holidays}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- else}}
<p>No bank holiday falls within the timelines.</p>
{{- end}}
</section>
{{- end}}
</main>
<script>
// Sort a table by the column whose heading is clicked: by data-sort where a
// cell has it, dates ("Mon 2 Jan 2023") as ISO dates, as numbers when both
// are numbers. The page reads without it.
var months = "JanFebMarAprMayJunJulAugSepOctNovDec", collate = new Intl.Collator("en").compare;
function sortKey(c) {
  if (!c) return "";
  if (c.dataset.sort !== undefined) return c.dataset.sort;
  var t = c.textContent.trim(), d = /^[A-Z][a-z]{2} (\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(t);
  return d ? d[3] + "-" + String(months.indexOf(d[2]) / 3 + 1).padStart(2, "0") + "-" + d[1].padStart(2, "0") : t;
}
// Sorting a long table sorts all its blocks (div.rows) as one, and puts
// back as many rows in each block as it had. Each row's key is read once,
// not at every comparison: the agenda of a large caseload has thousands.
function sortBy(table, col) {
  var rows = table.closest(".rows"), tables = rows ? rows.querySelectorAll("table") : [table];
  var asc = table.tHead.rows[0].cells[col].getAttribute("aria-sort") !== "ascending", bodies = [], all = [];
  tables.forEach(function (t) {
    Array.prototype.forEach.call(t.tHead.rows[0].cells, function (th, i) {
      if (i === col) th.setAttribute("aria-sort", asc ? "ascending" : "descending"); else th.removeAttribute("aria-sort");
    });
    var body = t.tBodies[0];
    bodies.push([body, body.rows.length]);
    Array.prototype.forEach.call(body.rows, function (tr) {
      var k = sortKey(tr.cells[col]), n = Number(k);
      all.push({ tr: tr, k: k, n: String(n) === k ? n : NaN });
    });
  });
  all.sort(function (x, y) {
    var c = isNaN(x.n) || isNaN(y.n) ? collate(x.k, y.k) : x.n - y.n;
    return asc ? c : -c;
  });
  var next = 0, moved = bodies.map(function (b) {
    var f = document.createDocumentFragment();
    all.slice(next, next += b[1]).forEach(function (r) { f.appendChild(r.tr); });
    return f;
  });
  bodies.forEach(function (b, i) { b[0].appendChild(moved[i]); });
}
function sortable(table) {
  table.querySelectorAll("thead th").forEach(function (th, col) {
    var b = document.createElement("button"); b.type = "button"; b.textContent = th.textContent;
    th.textContent = ""; th.appendChild(b);
    b.addEventListener("click", function () { sortBy(table, col); });
  });
}
// A case's tables get their buttons when the browser first draws the case,
// so opening thousands of cases does not wait on buttons no one sees yet.
var lazy = "ContentVisibilityAutoStateChangeEvent" in window, drawn = new WeakSet();
document.querySelectorAll("table.sortable").forEach(function (table) {
  if (!lazy || !table.closest(".case")) sortable(table);
});
if (lazy) document.addEventListener("contentvisibilityautostatechange", function (e) {
  if (e.skipped || drawn.has(e.target) || !e.target.matches(".case")) return;
  drawn.add(e.target);
  e.target.querySelectorAll("table.sortable").forEach(sortable);
}, true);
// A link to a case far down lands where the browser estimated the case to
// be, before the sections around it were drawn at their real heights, and
// they are drawn over the next few frames: go to the case again until it
// has stood still at the top for a few frames.
function reveal() {
  var t = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1))), frames = 0, still = 0;
  if (!t) return;
  (function again() {
    if (Math.abs(t.getBoundingClientRect().top) > 1) { t.scrollIntoView(); still = 0; } else still++;
    if (still < 5 && ++frames < 120) requestAnimationFrame(again);
  })();
}
addEventListener("hashchange", reveal);
addEventListener("load", reveal);
</script>
</body>
</html>
{{end}}`
