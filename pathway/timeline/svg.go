package timeline

import (
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/workingtogether/safeguarding/pathway"
)

// Colours: met and late differ in hue and in marker shape.
const (
	colourMet     = "#1a7f37"
	colourLate    = "#cf222e"
	colourOpen    = "#0969da"
	colourDone    = "#6e7781"
	colourWindow  = "#d0d7de"
	colourHoliday = "#fff3b0"
	colourAsOf    = "#8250df"
)

// stageColours gives every stage its own pale fill, the same in every
// picture, in pathway order: the child protection stages are warm. Built per
// call, so no package state can change.
func stageColours() map[pathway.Stage]string {
	return map[pathway.Stage]string{
		pathway.StageNew:                 "#f6f8fa",
		pathway.StageEarlyHelp:           "#d8f3f0",
		pathway.StageReferred:            "#e2e2f7",
		pathway.StageImmediateProtection: "#ffc8c2",
		pathway.StageStrategyDiscussion:  "#e8d5ff",
		pathway.StageAwaitingAssessment:  "#eef0c8",
		pathway.StageAssessment:          "#dff0c8",
		pathway.StageSection47:           "#ffd6a5",
		pathway.StageConferenceDue:       "#ffe4f0",
		pathway.StageChildProtectionPlan: "#ffd9d9",
		pathway.StagePreProceedings:      "#f2c8e8",
		pathway.StageTransferIn:          "#d6e4ff",
		pathway.StageChildInNeed:         "#cfe8ff",
		pathway.StageOpen:                "#e6edf3",
		pathway.StageClosed:              "#d0d7de",
	}
}

// markStyle is how every mark looks, once, so that a page of thousands of
// timelines does not repeat colours and fonts on every element. Marks take
// their status colour as currentColor from their deadline's group.
const markStyle = `.tl{font:13px "DejaVu Sans",Helvetica,Arial,sans-serif;background:#fff}
.tl text{fill:#1f2328}.tl .mu{fill:#57606a}.tl .b{font-weight:bold}.tl .e{text-anchor:end}
.tl .z{fill:#f6f8fa}.tl .hol{stroke:` + colourHoliday + `}
.tl .ax{stroke:#57606a}.tl .gl{stroke:#eaeef2}.tl .tk{font-size:11px;fill:#57606a}
.tl [data-stage]{stroke:#8c959f;stroke-width:.5}.tl .sl{text-anchor:middle}
.tl .ld{stroke:#8c959f}.tl .dot{stroke:#57606a;stroke-width:6;stroke-linecap:round}
.tl .ev{font-size:11px;fill:#24292f;paint-order:stroke;stroke:#fff;stroke-opacity:.9;stroke-width:4px;stroke-linejoin:round}
.tl .rl{font-size:12px;text-anchor:end}
.tl .w{stroke:` + colourWindow + `;stroke-width:8}.tl .a{stroke:` + colourDone + `;stroke-width:2}.tl .cut{fill:` + colourDone + `}
.tl .pd{stroke:` + colourLate + `;stroke-opacity:.45;stroke-width:8}
.tl .due{fill:#fff;stroke:currentColor;stroke-width:2}.tl .x{stroke:currentColor;stroke-width:3}.tl .ok{stroke:currentColor;stroke-width:11;stroke-linecap:round}.tl text.nt,.tl .arr{fill:currentColor}
.tl .ao{stroke:` + colourAsOf + `;stroke-width:2;stroke-dasharray:6 4}.tl text.aot{fill:` + colourAsOf + `;font-weight:bold;text-anchor:middle}.tl text.aot.e{text-anchor:end}
`

// keyStyle is how the parts of a standalone picture that an inline one
// leaves to its page look: the title, the legend and the stage key. It
// follows markStyle, whose as-of line the legend's dashes override.
const keyStyle = `.tl .hd{font-size:18px;font-weight:bold}.tl .hk{fill:` + colourHoliday + `}.tl .lao{stroke-dasharray:4 3}
.tl .lg,.tl .sk{font-size:12px}
`

// Style is the CSS that inline timelines ([Layout.WriteInlineSVG],
// [WriteLegend]) need: a page that shows them includes it once in its style
// element. A standalone picture ([Layout.WriteSVG]) carries its own.
func Style() string {
	var b strings.Builder
	b.WriteString(markStyle)
	b.WriteString(keyStyle)
	// Colours by status and stage come from the same tables as the layout's
	// Colour fields, sorted so the sheet is the same on every call.
	status := statusColours()
	for _, s := range slices.Sorted(maps.Keys(status)) {
		fmt.Fprintf(&b, ".tl [data-status=%s]{color:%s}", s, status[s])
	}
	b.WriteString("\n")
	stages := stageColours()
	for _, s := range slices.Sorted(maps.Keys(stages)) {
		fmt.Fprintf(&b, ".tl [data-stage=%s]{fill:%s}", s, stages[s])
	}
	b.WriteString("\n")
	return b.String()
}

// svgWriter writes elements, remembering the first write error so that the
// drawing code reads as a picture rather than as error handling.
type svgWriter struct {
	w   io.Writer
	err error
	// oneLine leaves out the line breaks between elements, which an HTML
	// page would otherwise keep as thousands of text nodes of white space.
	// Text never holds one: esc writes it as a character reference.
	oneLine bool
	// image makes the inline picture a document of its own
	// ([Layout.WriteImageSVG]): with its namespace and the style it needs.
	image bool
}

func (s *svgWriter) printf(format string, args ...any) {
	if s.oneLine {
		format = strings.ReplaceAll(format, "\n", "")
	}
	if s.err == nil {
		_, s.err = fmt.Fprintf(s.w, format, args...)
	}
}

// esc makes text safe as XML character data or an attribute value: case IDs
// and reasons come from the input.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// num writes a coordinate to the nearest pixel of the 1440-pixel picture:
// finer is invisible, and every byte is repeated thousands of times on a page.
func num(f float64) string {
	return strconv.Itoa(int(math.Round(f)))
}

// InlineWidth is the width of an inline picture: the plot and its event
// labels, without the column of verdicts on the right, which the page's
// deadline table gives.
func (l *Layout) InlineWidth() int {
	w := float64(plotRight + 16)
	for _, e := range l.Events {
		w = max(w, e.X+3+textWidth(e.Text)*11/fontSize+8)
	}
	return min(Width, int(math.Ceil(w)))
}

// InlineHeight is the height of an inline picture: [Layout.Height] less
// the legend and stage key below and the title above ([headHeight]).
func (l *Layout) InlineHeight() int {
	return l.Height - 64 - headHeight
}

// headHeight is the height of the title and subtitle at the top of a
// standalone picture; an inline one leaves them to its page.
const headHeight = 56

// WriteSVG writes the layout as a standalone SVG document, with its own
// style sheet, title, legend and stage key.
func (l *Layout) WriteSVG(w io.Writer) error {
	s := &svgWriter{w: w}
	s.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	l.writeSVG(s, true)
	return s.err
}

// WriteInlineSVG writes the layout as an svg element for an HTML page that
// shows many: no XML declaration or namespace (HTML implies it), no style sheet (the page includes [Style]
// once), no title or subtitle (the page heads each case), no holiday names
// (the page lists them once), deadlines named but not explained (the page's
// table gives their verdicts, bounds and citations), no legend or stage
// key, which the page shows once ([WriteLegend]), and no line breaks. It is
// [Layout.InlineWidth] wide, 64 pixels shorter than [Layout.Height] below and
// [headHeight] above.
func (l *Layout) WriteInlineSVG(w io.Writer) error {
	s := &svgWriter{w: w, oneLine: true}
	l.writeSVG(s, false)
	return s.err
}

// WriteImageSVG writes the inline picture ([Layout.WriteInlineSVG]) as an
// SVG document of its own, for a page to show as an image: a page of
// thousands of timelines then holds one element per case rather than
// dozens, and the browser draws a picture only when it comes on screen. An
// image cannot use its page's style sheet, so the document carries the
// rules it needs: the marks' style and the colours of the stages and
// statuses it draws, not of every one. It is [Layout.InlineWidth] by
// [Layout.InlineHeight] and has no line breaks.
func (l *Layout) WriteImageSVG(w io.Writer) error {
	s := &svgWriter{w: w, oneLine: true, image: true}
	l.writeSVG(s, false)
	return s.err
}

// imageStyle is the style sheet of an image ([Layout.WriteImageSVG]) on one
// line: the marks' rules without the legend's and the title's, which it
// does not draw. The picture is the whole document, so the rules need not
// be scoped to its class: each loses the same class, which keeps their
// order of precedence.
func (l *Layout) imageStyle() string {
	var b strings.Builder
	b.WriteString(strings.ReplaceAll(strings.ReplaceAll(markStyle, ".tl ", ""), "\n", ""))
	status := statusColours()
	used := map[pathway.Status]bool{}
	for _, r := range l.Rows {
		used[r.Clock.Status] = true
	}
	for _, st := range slices.Sorted(maps.Keys(used)) {
		fmt.Fprintf(&b, "[data-status=%s]{color:%s}", st, status[st])
	}
	stages := stageColours()
	drawn := map[pathway.Stage]bool{}
	for _, band := range l.Stages {
		drawn[band.Stage] = true
	}
	for _, st := range slices.Sorted(maps.Keys(drawn)) {
		fmt.Fprintf(&b, "[data-stage=%s]{fill:%s}", st, stages[st])
	}
	return b.String()
}

// WriteLegend writes the key to the marks of every timeline as a small
// standalone svg element, for a page of inline timelines (it needs [Style]).
func WriteLegend(w io.Writer) error {
	s := &svgWriter{w: w}
	s.printf(`<svg xmlns="http://www.w3.org/2000/svg" class="tl" width="%d" height="28" viewBox="0 0 %d 28" role="img"><title>Key to the timelines</title>`,
		Width, Width)
	writeLegend(s, 14)
	s.printf("</svg>\n")
	return s.err
}

func (l *Layout) writeSVG(s *svgWriter, standalone bool) {
	top, width, height, notesY := 0, Width, l.Height, l.LegendY+54
	if !standalone {
		top, width, height, notesY = headHeight, l.InlineWidth(), l.Height-64-headHeight, l.LegendY-10
	}
	// An svg element in HTML is in the SVG namespace without saying so.
	xmlns := ""
	if standalone || s.image {
		xmlns = ` xmlns="http://www.w3.org/2000/svg"`
	}
	s.printf(`<svg%s class="tl" width="%d" height="%d" viewBox="0 %d %d %d" role="img">`+"\n",
		xmlns, width, height, top, width, height)
	s.printf("<title>Case %s as of %s</title>\n", esc(l.Case), l.AsOf)
	if s.image {
		s.printf("<style>%s</style>", l.imageStyle())
	}
	if standalone {
		const titleY = 28
		s.printf("<style>\n%s</style>\n<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n", Style())
		s.printf(`<text class="hd" x="16" y="%d">Case %s</text>`+"\n", titleY, esc(l.Case))
		s.printf(`<text class="mu" x="16" y="%d">stage %s as of %s %s · deadlines on the England and Wales working-day calendar</text>`+"\n",
			titleY+22, l.Stage, l.AsOf.Weekday(), l.AsOf)
	}

	// Every other deadline row shaded, to guide the eye along it.
	if len(l.Rows) > 1 {
		s.printf(`<path class="z" d="`)
		for i := 1; i < len(l.Rows); i += 2 {
			s.printf("M8 %dh%dv%dH8z", l.Rows[i].Y, Width-16, rowHeight)
		}
		s.printf("\"/>\n")
	}
	l.writeHolidays(s, standalone)
	l.writeAxis(s)
	l.writeStages(s, standalone)
	l.writeEvents(s)
	l.writeRows(s, standalone)

	// The as-of date, over everything.
	s.printf(`<g class="as-of"><path class="ao" d="M%s %dV%d"/>`, num(l.AsOfX), l.AxisY, l.RowsEnd+6)
	anchor := ""
	if l.AsOfX > plotRight-60 {
		anchor = " e"
	}
	s.printf(`<text class="aot%s" x="%s" y="%d">as of %s</text></g>`+"\n", anchor, num(l.AsOfX), l.RowsEnd+22, l.AsOf)

	if standalone {
		writeLegend(s, l.LegendY)
		l.writeStageKey(s, l.LegendY+26)
	}
	if len(l.Notes) > 0 {
		s.printf(`<text class="mu" x="16" y="%d">%s</text>`+"\n", notesY, esc(strings.Join(l.Notes, "; ")))
	}
	s.printf("</svg>\n")
}

// writeHolidays draws the bank holidays behind everything else, as one path
// of day-wide strokes with one tooltip naming them all (standalone) or
// leaving their names to the page, which lists them once. Holidays that
// fall on the same stroke (Christmas and Boxing Day on a timeline of
// years) are drawn once.
func (l *Layout) writeHolidays(s *svgWriter, standalone bool) {
	if len(l.Holidays) == 0 {
		return
	}
	names := make([]string, len(l.Holidays))
	s.printf(`<path class="hol" stroke-width="%s" d="`, num(l.Holidays[0].W))
	last := ""
	for i, h := range l.Holidays {
		if x := num(h.X + h.W/2); x != last {
			s.printf("M%s %dV%d", x, l.AxisY, l.RowsEnd)
			last = x
		}
		names[i] = h.Title
	}
	title := "bank holidays: " + strings.Join(names, ", ")
	if !standalone {
		title = "bank holidays" // named once, by the page
	}
	s.printf(`"><title>%s</title></path>`+"\n", esc(title))
}

// writeAxis draws month ticks across the top and faint gridlines down.
func (l *Layout) writeAxis(s *svgWriter) {
	y := l.AxisY
	s.printf(`<path class="ax" d="M%d %dH%d`, plotLeft, y, plotRight)
	for _, t := range l.Ticks {
		s.printf("M%s %dv4", num(t.X), y-4)
	}
	s.printf(`"/>`)
	if len(l.Ticks) > 0 {
		s.printf(`<path class="gl" d="`)
		for _, t := range l.Ticks {
			s.printf("M%s %dV%d", num(t.X), y, l.RowsEnd)
		}
		s.printf(`"/>`)
	}
	if len(l.Ticks) > 0 {
		s.printf(`<text class="tk" y="%d">`, y-6)
		for _, t := range l.Ticks {
			s.printf(`<tspan x="%s">%s</tspan>`, num(t.X+3), t.Label)
		}
		s.printf("</text>\n")
	}
}

// writeStages draws a band per stage; a standalone picture's bands say their
// dates, which on a page the events' labels below them give.
func (l *Layout) writeStages(s *svgWriter, standalone bool) {
	y := l.StagesY
	s.printf(`<g class="stages">`+"\n"+`<text class="b e" x="%d" y="%d">stage</text>`+"\n", plotLeft-10, y+stageHeight/2+5)
	for _, b := range l.Stages {
		x, w := num(b.X), num(b.W)
		s.printf(`<path data-stage="%s" d="M%s %dh%sv%dh-%sz"`, b.Stage, x, y, w, stageHeight, w)
		if standalone {
			s.printf(`><title>%s</title></path>`, esc(b.Title))
		} else {
			s.printf(`/>`)
		}
		if b.Label != "" {
			s.printf(`<text class="sl" x="%s" y="%d">%s</text>`, num(b.X+b.W/2), y+stageHeight/2+5, b.Label)
		}
		s.printf("\n")
	}
	s.printf("</g>\n")
}

// writeEvents draws every leader line first, then every label over them,
// each with a white halo so that a line passing behind it does not cut it.
func (l *Layout) writeEvents(s *svgWriter) {
	s.printf(`<text class="b e" x="%d" y="%d">events</text>`+"\n", plotLeft-10, l.EventsY+14)
	if len(l.Events) > 0 {
		top := l.StagesY + stageHeight
		s.printf(`<path class="ld" d="`)
		for _, e := range l.Events {
			s.printf("M%s %dV%d", num(e.X), top, l.EventsY+10+e.Lane*16)
		}
		// A dot is a round cap on a stroke of no length.
		s.printf(`"/><path class="dot" d="`)
		for _, e := range l.Events {
			s.printf("M%s %dh0", num(e.X), top)
		}
		s.printf("\"/>\n")
	}
	if len(l.Events) > 0 {
		s.printf(`<text class="ev">`)
		for _, e := range l.Events {
			s.printf(`<tspan x="%s" y="%d">%s</tspan>`, num(e.X+3), l.EventsY+14+e.Lane*16, esc(e.Text))
		}
		s.printf("</text>")
	}
	s.printf("\n")
}

// writeRows draws the deadlines' names and marks, the marks gathered by kind
// and colour into one path each, so that a page of thousands of timelines
// carries a few elements per case rather than a handful per deadline. A
// standalone picture groups each deadline's name with its verdict and a
// tooltip that explains and cites it; inline, the names are one text, and
// the page's deadline table beside the picture gives the rest, row for row.
func (l *Layout) writeRows(s *svgWriter, standalone bool) {
	var m markPaths
	if !standalone && len(l.Rows) > 0 {
		s.printf(`<text class="rl">`)
	}
	for _, r := range l.Rows {
		k := r.Clock
		mid := r.Y + rowHeight/2
		if standalone {
			s.printf(`<g class="deadline" data-rule="%s" data-status="%s"><title>%s</title><text class="rl" x="%d" y="%d">%s</text><text class="nt" x="%d" y="%d">%s</text></g>`+"\n",
				esc(string(k.Rule.ID)), k.Status, esc(r.Title), plotLeft-10, mid+5, esc(r.Label), plotRight+16, mid+5, esc(r.Note))
		} else {
			s.printf(`<tspan x="%d" y="%d">%s</tspan>`, plotLeft-10, mid+5, esc(r.Label))
		}
		r.addMarks(&m, mid)
	}
	if !standalone && len(l.Rows) > 0 {
		s.printf("</text>\n")
	}
	m.write(s)

}

// addMarks adds a deadline's marks: the window from anchor to due date as a
// bar, a diamond on the due date, and a dot when it was done in time or a
// cross when late.
func (r Row) addMarks(m *markPaths, mid int) {
	k := r.Clock
	m.add("w", "", "M%s %dh%s", num(r.X0), mid, num(max(r.X1-r.X0, 2)))
	if r.Cut0 {
		m.add("cut", "", "M%s %dl8-6v12z", num(r.X0), mid)
	} else {
		m.add("a", "", "M%s %dv14", num(r.X0), mid-7)
	}
	if k.Status.IsLate() {
		m.add("pd", "", "M%s %dh%s", num(r.LateX0), mid, num(max(r.LateX1-r.LateX0, 2)))
	}
	if !k.Due.IsZero() {
		if r.Cut1 {
			m.add("arr", k.Status, "M%s %dl-9-7v14z", num(r.X1), mid)
		} else {
			m.add("due", k.Status, "M%s %dl7 7-7 7-7-7z", num(r.X1), mid-7)
		}
	}
	if r.HasDone {
		if k.Status == pathway.Late || k.Status == pathway.Missed {
			m.add("x", k.Status, "M%s %dl10 10m0-10-10 10", num(r.DoneX-5), mid-5)
		} else {
			m.add("ok", k.Status, "M%s %dh0", num(r.DoneX), mid)
		}
	}
}

// markKinds are the classes of the deadlines' marks in drawing order:
// windows at the back, what happened in front.
func markKinds() []string { return []string{"w", "a", "cut", "pd", "arr", "due", "x", "ok"} }

// markPaths gathers the path data of marks by class and status colour.
type markPaths struct {
	keys []markKey
	data map[markKey]*strings.Builder
}

type markKey struct {
	class  string
	status pathway.Status
}

func (m *markPaths) add(class string, status pathway.Status, format string, args ...any) {
	k := markKey{class, status}
	b := m.data[k]
	if b == nil {
		if m.data == nil {
			m.data = map[markKey]*strings.Builder{}
		}
		b = new(strings.Builder)
		m.data[k] = b
		m.keys = append(m.keys, k)
	}
	fmt.Fprintf(b, format, args...)
}

func (m *markPaths) write(s *svgWriter) {
	for _, class := range markKinds() {
		for _, k := range m.keys {
			if k.class != class {
				continue
			}
			if k.status == "" {
				s.printf(`<path class="%s" d="%s"/>`, class, m.data[k])
			} else {
				s.printf(`<path data-status="%s" class="%s" d="%s"/>`, k.status, class, m.data[k])
			}
		}
	}
	s.printf("\n")
}

// writeStageKey names the colour of every stage the case passed through,
// because a short stage's band is too narrow to carry its name.
func (l *Layout) writeStageKey(s *svgWriter, y int) {
	s.printf(`<g class="sk"><text x="16" y="%d">stages:</text>`, y+4)
	x := 16 + int(textWidth("stages:")) + 6
	seen := map[pathway.Stage]bool{}
	for _, b := range l.Stages {
		if seen[b.Stage] {
			continue
		}
		seen[b.Stage] = true
		name := b.Stage.String()
		s.printf(`<rect data-stage="%s" x="%d" y="%d" width="14" height="14"/><text x="%d" y="%d">%s</text>`,
			b.Stage, x, y-7, x+18, y+4, name)
		x += 30 + int(textWidth(name)*12/fontSize)
	}
	s.printf("</g>\n")
}

// legend is the key to the marks, as format strings taking x and y: the
// same classes as the marks they explain.
func legend() []struct{ mark, text string } {
	return []struct{ mark, text string }{
		{`<path class="w" d="M%d %dh14"/>`, "time allowed"},
		{`<path data-status="open" class="due" d="M%d %dm7-7 7 7-7 7-7-7z"/>`, "due date"},
		{`<path data-status="met" class="ok" d="M%d %dm7 0h0"/>`, "met"},
		{`<path data-status="late" class="x" d="M%d %dm2-5 10 10m0-10-10 10"/>`, "late or missed"},
		{`<path class="pd" d="M%d %dh14"/>`, "past due"},
		{`<rect class="hk" x="%d" y="%d" width="14" height="14" transform="translate(0 -7)"/>`, "bank holiday"},
		{`<path class="ao lao" d="M%d %dm7-8v16"/>`, "as-of date"},
	}
}

func writeLegend(s *svgWriter, y int) {
	s.printf(`<g class="lg">`)
	x := 16
	for _, it := range legend() {
		s.printf(it.mark, x, y)
		s.printf(`<text x="%d" y="%d">%s</text>`, x+18, y+4, it.text)
		x += 30 + int(textWidth(it.text)*12/fontSize)
	}
	s.printf("</g>\n")
}
