package caseload_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
	"github.com/workingtogether/safeguarding/caseload"
)

// planCase runs through Christmas to a child protection plan: the first
// core group is late, with its reason recorded.
const planCase = `{"id":"plan","birth_date":"2016-06-14","events":[
{"type":"referral-received","date":"2024-12-11"},
{"type":"referral-decision","date":"2024-12-12","decision":"section-17-assessment"},
{"type":"child-seen","date":"2024-12-12"},
{"type":"assessment-started","date":"2024-12-13"},
{"type":"strategy-discussion","date":"2024-12-19","outcome":"section-47"},
{"type":"assessment-concluded","date":"2025-01-09","outcome":"strategy-discussion"},{"type":"section-47-concluded","date":"2025-01-09","outcome":"substantiated"},
{"type":"initial-conference","date":"2025-01-13","outcome":"plan","category":"neglect"},
{"type":"core-group-met","date":"2025-01-29","reason":"first day the school and health visitor could both attend"},
{"type":"review-conference","date":"2025-04-10","outcome":"continue"}]}
`

// browserReport is a small caseload with team labels and one unreadable
// case, judged as of Tuesday 10 June 2025 with the cases kept for their
// sections.
func browserReport(t *testing.T) *caseload.Report {
	t.Helper()
	// JSON Lines: the plan case on one line.
	text := labelled(threeCases+strings.ReplaceAll(planCase, "\n", "")+"\n", map[string]string{"icpc": "North", "undecided": "South", "late": "North", "plan": "South"}) +
		`{"id":7,"events":[]}` + "\n"
	r, err := caseload.Read(caseload.Options{AsOf: d(2025, 6, 10), By: "team", KeepCases: true}, 2,
		[]caseload.Input{{Name: "cases.jsonl", R: strings.NewReader(text)}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// labelled gives each case of text its team label.
func labelled(text string, teams map[string]string) string {
	for id, team := range teams {
		text = strings.Replace(text, `{"id":"`+id+`",`, `{"id":"`+id+`","labels":{"team":"`+team+`"},`, 1)
	}
	return text
}

// update rewrites docs/report.png from the browser's screenshot.
var update = flag.Bool("update", false, "rewrite docs/report.png")

// chromium finds Debian's Chromium (or a Chrome) on this machine.
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts headless Chromium with a window of the given size and
// returns a context for one tab, closed when tb ends. After limit the
// browser is stopped, so a hung browser fails the test rather than CI.
func newBrowser(tb testing.TB, exe, dir string, width, height int, limit time.Duration) context.Context {
	tb.Helper()
	// Without the networking flags Chromium waits on this closed network.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(width, height),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	stop := time.AfterFunc(limit, cancel)
	tb.Cleanup(func() {
		stop.Stop()
		cancel()
		cancelAlloc()
	})
	return ctx
}

// TestReportInBrowser opens the HTML report in headless Chromium and checks
// it as a reader would see it. It skips only when no Chromium is installed
// (.ci/run installs it).
func TestReportInBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium installed (apt-get install chromium): the report is not checked in a browser")
	}
	r := browserReport(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	writeReport(t, r, page)

	ctx := newBrowser(t, exe, dir, 1280, 2200, 90*time.Second)

	// Collect console messages while the page is used.
	cctx, endConsole := context.WithCancel(ctx)
	var consoleErrors []string
	collected := make(chan struct{})
	messages := chromedp.Console(cctx)
	go func() {
		defer close(collected)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				consoleErrors = append(consoleErrors, m.String())
			}
		}
	}()

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
		must(err)
		return v
	}
	clickCase := func() { must(chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#agenda thead th:nth-child(4) button`)))) }
	firstColumn := `Array.from(document.querySelectorAll("#agenda tbody tr")).map(tr => tr.cells[3].textContent)`

	must(chromedp.Do(ctx, chromedp.Navigate("file://"+page), chromedp.WaitReady(chromedp.CSS("body"))))
	sections, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("section.case").length`))
	must(err)
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	must(err)
	before := eval(firstColumn)
	clickCase()
	asc := eval(firstColumn)
	clickCase()
	desc := eval(firstColumn)
	// The plan case's table sorted by due date: its cells say "Sat 4 May
	// 2030", which the script reads as a date, not as text starting "Sat".
	dueColumn := `Array.from(document.querySelectorAll("#case-4 tbody tr")).map(tr => tr.cells[3].textContent)`
	// A case's table gets its buttons once the case is on screen, as a
	// reader scrolling to it sees it.
	eval(`document.querySelector("#case-4").scrollIntoView(), []`)
	must(chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#case-4 thead th:nth-child(4) button`))))
	dues := eval(dueColumn)
	// Each timeline is an image that loads when it comes near the screen:
	// scroll to it, wait until it is decoded (decode fails if the picture
	// does not), and measure the picture and its box on the page.
	images, err := chromedp.Run(ctx, chromedp.Evaluate[[]timelineImage](timelineImages, chromedp.EvalAwaitPromise))
	must(err)
	endConsole()
	<-collected

	if len(consoleErrors) > 0 {
		t.Errorf("console errors: %v", consoleErrors)
	}
	if sections != r.Read || sections != 4 {
		t.Errorf("%d case sections, want one per case (%d)", sections, r.Read)
	}
	// Hand-worked in TestAgendaHandWorked: by due date, "undecided"
	// (overdue since 3 June) comes before "icpc" (due 24 June).
	sorts := [][]string{before, asc, desc}
	if diff := cmp.Diff([][]string{{"undecided", "icpc"}, {"icpc", "undecided"}, {"undecided", "icpc"}}, sorts); diff != "" {
		t.Errorf("agenda cases by due date, by case, by case descending (-want +got):\n%s", diff)
	}
	checkDueOrder(t, dues)
	checkTimelines(t, images, r)
	if len(shot) < 1000 {
		t.Fatalf("screenshot of %d bytes", len(shot))
	}
	if err := os.WriteFile(filepath.Join(dir, "report.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(filepath.Join("..", "docs", "report.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshot: %s", filepath.Join(dir, "report.png"))
}

// checkDueOrder checks a case's due-date column after sorting by it: the
// dates, read as dates, ascend, and a deadline without one (as soon as
// possible) sorts first.
func checkDueOrder(t *testing.T, dues []string) {
	t.Helper()
	var dueDates []time.Time
	for _, text := range dues {
		if text == "" {
			continue
		}
		due, err := time.Parse("Mon 2 Jan 2006", text)
		if err != nil {
			t.Fatalf("due date %q: %v", text, err)
		}
		dueDates = append(dueDates, due)
	}
	if len(dueDates) < 3 || !slices.IsSortedFunc(dueDates, time.Time.Compare) || dues[0] != "" && len(dueDates) != len(dues) {
		t.Errorf("plan case's deadlines sorted by due date: %q", dues)
	}
}

// checkTimelines checks each case's timeline picture as the page shows it.
func checkTimelines(t *testing.T, images []timelineImage, r *caseload.Report) {
	t.Helper()
	if len(images) != r.Read {
		t.Errorf("%d timelines for %d cases", len(images), r.Read)
	}
	for i, im := range images {
		if im.Error != "" || im.NaturalWidth <= 0 || im.NaturalHeight <= 0 || im.Width <= 0 || im.Height <= 0 {
			t.Errorf("timeline %d renders at zero size: %+v", i+1, im)
		}
		// The box the page keeps for a picture before it loads is the
		// picture's own size, so nothing moves when it is drawn.
		if im.NaturalWidth != im.AttrWidth || im.NaturalHeight != im.AttrHeight {
			t.Errorf("timeline %d is %gx%g, its img element says %gx%g", i+1, im.NaturalWidth, im.NaturalHeight, im.AttrWidth, im.AttrHeight)
		}
		if !strings.HasPrefix(im.Alt, "Timeline of case "+r.Cases[i].ID+" as of ") {
			t.Errorf("timeline %d's text %q does not name case %s", i+1, im.Alt, r.Cases[i].ID)
		}
	}
}

// timelineImage is what the page says of one case's timeline picture.
type timelineImage struct {
	NaturalWidth, NaturalHeight float64 // of the picture, once loaded
	Width, Height               float64 // of its box on the page
	AttrWidth, AttrHeight       float64 // as the img element gives them
	Alt, Error                  string
}

// timelineImages scrolls to every case's timeline in turn, waits for the
// picture to be decoded and measures it.
const timelineImages = `(async () => {
  const out = [];
  for (const im of document.querySelectorAll("section.case img")) {
    im.scrollIntoView();
    let error = "";
    try { await im.decode(); } catch (e) { error = String(e); }
    const b = im.getBoundingClientRect();
    out.push({NaturalWidth: im.naturalWidth, NaturalHeight: im.naturalHeight, Width: b.width, Height: b.height,
      AttrWidth: Number(im.getAttribute("width")), AttrHeight: Number(im.getAttribute("height")), Alt: im.alt, Error: error});
  }
  return out;
})()`

// longReport writes the report of 400 generated cases, long enough for the
// page to skip blocks off screen, and opens a browser on its folder; it
// skips the test when no Chromium is installed.
func longReport(t *testing.T) (r *caseload.Report, page string, ctx context.Context) {
	t.Helper()
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium installed (apt-get install chromium): the report is not checked in a browser")
	}
	data, _ := generated(400)
	r, err := caseload.Read(caseload.Options{AsOf: d(2024, 6, 28), KeepCases: true}, 2, []caseload.Input{{Name: "cases.jsonl", R: bytes.NewReader(data)}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page = filepath.Join(dir, "report.html")
	writeReport(t, r, page)
	return r, page, newBrowser(t, exe, dir, 1280, 1000, 90*time.Second)
}

// TestLongAgendaSortsAsOne checks in Chromium that an agenda too long for
// one block of the page (chunkRows rows, 25) sorts as one table: clicking a
// column of the first block orders the rows of every block, and each block
// keeps its number of rows. Then that every timeline's as-of label is
// within its picture, and that printing draws every block and case the
// screen skips.
func TestLongAgendaSortsAsOne(t *testing.T) {
	r, page, ctx := longReport(t)
	// Three blocks at least, the last one short.
	if len(r.Agenda) <= 2*agendaBlock || len(r.Agenda)%agendaBlock == 0 {
		t.Fatalf("%d agenda entries: want over two blocks of %d and a part", len(r.Agenda), agendaBlock)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	blocks := `Array.from(document.querySelectorAll("#agenda tbody")).map(b => b.rows.length)`
	before, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](blocks))
	if err != nil {
		t.Fatal(err)
	}
	// Case IDs run from the last to the first case (descending) and back.
	cases := `Array.from(document.querySelectorAll("#agenda tbody tr")).map(tr => tr.cells[3].textContent)`
	for _, asc := range []bool{true, false} {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#agenda thead th:nth-child(4) button`))); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](cases))
		if err != nil {
			t.Fatal(err)
		}
		want := make([]string, len(r.Agenda))
		for i, e := range r.Agenda {
			want[i] = e.Case
		}
		slices.Sort(want)
		if !asc {
			slices.Reverse(want)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("agenda sorted by case (ascending %v) mismatch (-want +got):\n%s", asc, diff)
		}
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](blocks))
	if err != nil {
		t.Fatal(err)
	}
	if want := (len(r.Agenda) + agendaBlock - 1) / agendaBlock; len(before) != want || !slices.Equal(before, after) {
		t.Errorf("rows per block %v before sorting, %v after; want %d blocks of %d, kept", before, after, want, agendaBlock)
	}

	// Every timeline's as-of label lies within its picture: near the right
	// edge it ends at the as-of line rather than centring on it. An image
	// shows no box of its text, so each picture is read from its data URL
	// and laid out on the page, one at a time, to measure the label.
	clipped := `Array.from(document.querySelectorAll("section.case img")).filter(im => {
		const doc = new DOMParser().parseFromString(decodeURIComponent(im.src.slice(im.src.indexOf(",") + 1)), "image/svg+xml");
		const s = document.body.appendChild(document.adoptNode(doc.documentElement));
		try {
			const t = s.querySelector("text.aot").getBBox(), v = s.viewBox.baseVal;
			return t.width === 0 || t.x < v.x || t.x + t.width > v.x + v.width;
		} finally { s.remove(); }
	}).map(im => im.closest("section").id)`
	if out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](clipped)); err != nil || len(out) > 0 {
		t.Errorf("as-of label outside its picture in %d cases, first %q (error %v)", len(out), out[:min(len(out), 5)], err)
	}

	// On screen, blocks far down are skipped; in print every one is drawn.
	skipped := `Array.from(document.querySelectorAll(".chunk, .cases, .case")).filter(e => !e.checkVisibility({contentVisibilityAuto: true})).length`
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](skipped)); err != nil || n == 0 {
		t.Errorf("on screen %d blocks and cases skipped (error %v): want the far ones", n, err)
	}
	_, err = chromedp.Run(ctx, chromedp.Action[cdp.Empty](func(ctx context.Context, tg *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	}))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](skipped)); err != nil || n != 0 {
		t.Errorf("in print %d blocks and cases skipped (error %v): want every one drawn", n, err)
	}
}

// TestLinkLandsOnCase checks in Chromium that a link to a case far down a
// long report (a case ID in the agenda, or a link sent by email) shows
// that case at the top of the window. The sections the browser skips off
// screen are laid out at an estimated height until drawn, so a jump can
// land on a neighbour unless the page corrects it.
func TestLinkLandsOnCase(t *testing.T) {
	_, page, ctx := longReport(t)
	// top is where the case's section stands in the window once the page
	// has stopped moving (polled: layout settles over a few frames).
	top := func(id string) float64 {
		t.Helper()
		js := `document.getElementById("` + id + `").getBoundingClientRect().top`
		last := -1e9
		for range 50 {
			time.Sleep(100 * time.Millisecond)
			v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](js))
			if err != nil {
				t.Fatal(err)
			}
			if v == last {
				return v
			}
			last = v
		}
		return last
	}
	for _, id := range []string{"case-350", "case-120"} {
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page+"#"+id)); err != nil {
			t.Fatal(err)
		}
		if y := top(id); y < -1 || y > 1 {
			t.Errorf("opening the report at #%s: the case's section stands at %.0f px from the top of the window, want 0", id, y)
		}
	}
	// An in-page link: the agenda's link to the last case.
	id := "case-400"
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('a[href="#`+id+`"]').click(), true)`)); err != nil {
		t.Fatal(err)
	}
	if y := top(id); y < -1 || y > 1 {
		t.Errorf("following the report's link to #%s: the case's section stands at %.0f px from the top of the window, want 0", id, y)
	}
}

// TestPrintShowsTimelines checks that printing the report from Chromium
// draws every timeline, though each is an image that loads only when it
// comes near the screen: the page is printed before the reader has
// scrolled, and again with the pictures hidden, and the first print must
// carry every picture the second lacks.
func TestPrintShowsTimelines(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium installed (apt-get install chromium): the report is not checked in a browser")
	}
	// Enough cases that most timelines are far below the first screen.
	const cases = 30
	data, _ := generated(cases)
	r, err := caseload.Read(caseload.Options{AsOf: d(2024, 6, 28), KeepCases: true}, 2, []caseload.Input{{Name: "cases.jsonl", R: bytes.NewReader(data)}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	writeReport(t, r, page)
	ctx := newBrowser(t, exe, dir, 1280, 1000, 90*time.Second)
	loaded := `Array.from(document.images).filter(i => i.closest(".case") && i.complete && i.naturalWidth > 0).length`
	var sizes [2]int
	for i, hide := range []bool{false, true} {
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+page)); err != nil {
			t.Fatal(err)
		}
		if hide {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.head.insertAdjacentHTML("beforeend", "<style>.case img{visibility:hidden}</style>"), true)`)); err != nil {
				t.Fatal(err)
			}
		} else if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](loaded)); err != nil || n >= cases {
			t.Fatalf("%d of %d timelines loaded before printing (error %v): the test would prove nothing", n, cases, err)
		}
		pdf, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
			yes := true // the page's own A4 size
			res, err := cdp.Call(ctx, tg, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PreferCSSPageSize: &yes})
			return res.Data, err
		}))
		if err != nil {
			t.Fatal(err)
		}
		sizes[i] = len(pdf)
		if !hide {
			if err := os.WriteFile(filepath.Join(dir, "report.pdf"), pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](loaded)); err != nil || n != cases {
				t.Errorf("%d of %d timelines loaded after printing (error %v)", n, cases, err)
			}
		}
	}
	// A timeline prints as about 25 kB of drawing (measured); an image not
	// loaded in time prints as nothing.
	if sizes[0]-sizes[1] < cases*10_000 {
		t.Errorf("the print is %d bytes with its timelines and %d with them hidden: want at least 10 kB more for each of %d", sizes[0], sizes[1], cases)
	}
	t.Logf("print with timelines: %s (%d bytes; %d with them hidden)", filepath.Join(dir, "report.pdf"), sizes[0], sizes[1])
}
