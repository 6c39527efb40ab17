package htmlreport_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/buttresspy/buttress/internal/cli"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/htmlreport"
)

// chromium returns Debian's chromium, or skips the test when it is missing, unless
// BUTTRESS_REQUIRE_CPYTHON=1 (CI), where a missing browser fails the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "/usr/bin/chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(cpython.RequireEnv) == "1" {
		t.Fatalf("chromium is not installed and %s=1: the report's browser test needs it (apt-get install chromium; .ci/run does it)", cpython.RequireEnv)
	}
	t.Skip("chromium is not installed (apt-get install chromium)")
	return ""
}

// writeReport runs `buttress report DIR -o FILE` and returns FILE.
func writeReport(t *testing.T, dir string, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.html")
	var stdout, stderr bytes.Buffer
	args := append([]string{"report", dir, "-o", out, "--no-cache"}, extra...)
	if code := cli.Main(args, &stdout, &stderr); code != 0 {
		t.Fatalf("buttress %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
	}
	return out
}

// page is a report open in headless Chromium, with the script errors it reported.
type page struct {
	ctx    context.Context
	mu     sync.Mutex
	errors []string
}

func (p *page) errs() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// open loads file in a new headless Chromium and waits until the graph is drawn.
func open(t *testing.T, file string, timeout time.Duration) *page {
	t.Helper()
	exe := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // root in CI
		chromedp.WindowSize(1400, 1000),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelA)
	p := &page{}
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithListener(func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg = ev.ExceptionDetails.Text
			if ex := ev.ExceptionDetails.Exception; ex != nil {
				msg += " " + ex.Description
			}
		case *runtime.EventConsoleAPICalled:
			if string(ev.Type) != "error" {
				return
			}
			msg = "console.error:"
			for _, a := range ev.Args {
				msg += " " + string(a.Value) + a.Description
			}
		default:
			return
		}
		p.mu.Lock()
		p.errors = append(p.errors, msg)
		p.mu.Unlock()
	}))
	t.Cleanup(cancel)
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	t.Cleanup(cancelT)
	p.ctx = ctx
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		t.Fatalf("loading %s in chromium: %v", file, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`window.buttressReport && (window.buttressReport.sectionsReady || window.buttressReport.errors.length > 0)`, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		t.Fatalf("loading %s in chromium: %v (script errors: %v)", file, err, p.errs())
	}
	p.noErrors(t)
	return p
}

func (p *page) noErrors(t *testing.T) {
	t.Helper()
	inPage := eval[[]string](t, p, `window.buttressReport.errors`)
	if errs := append(p.errs(), inPage...); len(errs) > 0 {
		t.Fatalf("script errors in the page:\n%s", strings.Join(errs, "\n"))
	}
}

func eval[T any](t *testing.T, p *page, js string) T {
	t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluating %s: %v", js, err)
	}
	return v
}

// waitFor waits until the expression is true.
func (p *page) waitFor(t *testing.T, js string) {
	t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v (script errors: %v)", js, err, p.errs())
	}
}

// screenshot saves the page as PNG in $BUTTRESS_SCREENSHOT_DIR, when set (to look at it).
func (p *page) screenshot(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if len(png) < 1000 {
		t.Fatalf("screenshot: only %d bytes", len(png))
	}
	if dir := os.Getenv("BUTTRESS_SCREENSHOT_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReportInBrowser(t *testing.T) {
	chromium(t)
	file := writeReport(t, filepath.Join("..", "..", "examples", "shop"))
	p := open(t, file, 90*time.Second)

	// The graph is drawn: every box carries its module's name.
	boxes := eval[int](t, p, `document.querySelectorAll('#graph-svg g.box[data-module]').length`)
	modules := eval[[]string](t, p, `Array.from(document.querySelectorAll('#graph-svg g.box')).map(g => g.getAttribute('data-module'))`)
	t.Logf("%d boxes at the opening depth: %v; graph drawn %d ms after navigation (layout %d ms)", boxes, modules, eval[int](t, p, `window.buttressReport.readyMs`), eval[int](t, p, `window.buttressReport.layoutMs`))
	if boxes < 5 || boxes != len(modules) {
		t.Fatalf("%d boxes drawn with data-module, %d boxes: want the same, at least 5", boxes, len(modules))
	}
	for _, want := range []string{"shop", "shop.api", "shop.domain", "shop.infrastructure"} {
		if !contains(modules, want) {
			t.Errorf("no box for %s at the opening depth", want)
		}
	}
	// The layers are bands, in declared order from the top.
	bands := eval[[]string](t, p, `Array.from(document.querySelectorAll('g.band text')).map(t => t.textContent)`)
	if len(bands) != 4 || !strings.Contains(bands[0], "shop.api") || !strings.Contains(bands[3], "shop.common") {
		t.Errorf("layer bands: %q, want the 4 layers of examples/shop from shop.api to shop.common", bands)
	}
	bandOrder := eval[bool](t, p, `(() => { const ys = Array.from(document.querySelectorAll('g.band rect')).map(r => +r.getAttribute('y')); return ys.every((y, i) => i === 0 || y > ys[i-1]); })()`)
	if !bandOrder {
		t.Errorf("the layer bands are not drawn from the top in their declared order")
	}
	p.screenshot(t, "shop-graph.png")

	// Findings: one row per finding, each with its code, linking to the rule's documentation.
	rows := eval[int](t, p, `document.querySelectorAll('#findings-table tbody tr[data-code]').length`)
	findings := eval[int](t, p, `JSON.parse(document.getElementById('data').textContent).findings.length`)
	if rows == 0 || rows != findings {
		t.Errorf("%d rows in the findings table, %d findings", rows, findings)
	}
	docsOK := eval[bool](t, p, `Array.from(document.querySelectorAll('#findings-table tr[data-code]')).every(tr => { const a = tr.querySelector('a'); return a && document.getElementById(a.getAttribute('href').slice(1)) && a.getAttribute('href') === '#rule-' + tr.dataset.code; })`)
	if !docsOK {
		t.Errorf("a findings row does not link to its rule's documentation in the page")
	}
	// The filter.
	eval[int](t, p, `(() => { const f = document.getElementById('filter'); f.value = 'ARCH001'; f.dispatchEvent(new Event('input')); return 0; })()`)
	p.waitFor(t, `Array.from(document.querySelectorAll('#findings-table tbody tr')).every(tr => tr.dataset.code === 'ARCH001') && document.querySelectorAll('#findings-table tbody tr').length > 0`)

	// A click on a red edge shows its findings and the chain.
	red := eval[int](t, p, `document.querySelectorAll('#graph-svg path.edge.red').length`)
	if red == 0 {
		t.Fatalf("no red edge: examples/shop breaks its layers")
	}
	clicked := eval[string](t, p, `(() => { const h = Array.from(document.querySelectorAll('#graph-svg path.hit.red-hit')).find(h => h.dataset.from === 'shop.domain' && h.dataset.to === 'shop.api'); if (!h) return ''; h.dispatchEvent(new MouseEvent('click', {bubbles: true})); return h.dataset.from + ' -> ' + h.dataset.to; })()`)
	if clicked == "" {
		t.Fatalf("no red edge from shop.domain to shop.api")
	}
	p.waitFor(t, `!document.getElementById('details').hidden && document.querySelectorAll('#details .findings-of-edge .finding-item').length > 0`)
	detail := eval[string](t, p, `document.getElementById('details').innerText`)
	for _, want := range []string{"ARCH001", "shop.domain.notifications", "shop.api.schemas.orders", "src/shop/domain/notifications.py:9"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the details of the red edge lack %q:\n%s", want, detail)
		}
	}
	chainHops := eval[int](t, p, `document.querySelectorAll('#details ol.chain li').length`)
	if chainHops < 2 {
		t.Errorf("the red edge's findings show %d hops of a chain, want the package cycle's chain", chainHops)
	}
	p.screenshot(t, "shop-red-edge.png")

	// Why does shop.infrastructure import shop.api? Two clicks.
	eval[bool](t, p, `(() => {
		document.getElementById('why-mode').click();
		const box = name => document.querySelector('#graph-svg g.box[data-module="' + name + '"]');
		box('shop.infrastructure').dispatchEvent(new MouseEvent('click', {bubbles: true}));
		box('shop.api').dispatchEvent(new MouseEvent('click', {bubbles: true}));
		document.getElementById('why-mode').click();
		return true; })()`)
	p.waitFor(t, `document.querySelector('#details-body[data-why="shop.infrastructure -> shop.api"]') !== null`)
	why := eval[[]string](t, p, `Array.from(document.querySelectorAll('#details ol.why-chain li')).map(li => li.textContent)`)
	if len(why) < 2 || !strings.HasPrefix(why[0], "shop.infrastructure.") || !strings.Contains(why[len(why)-1], "imports shop.api.") {
		t.Errorf("why does shop.infrastructure import shop.api: %q, want a chain from the first to the second", why)
	}

	// The search finds a module inside a closed package, opens its way and marks it.
	eval[bool](t, p, `(() => { const s = document.getElementById('search'); s.value = 'pricing'; s.dispatchEvent(new Event('input')); s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); return true; })()`)
	p.waitFor(t, `document.querySelector('#graph-svg g.box.found[data-module="shop.domain.pricing"]') !== null`)
	cycleBox := eval[bool](t, p, `document.querySelector('#graph-svg g.box[data-module="shop.domain.pricing"]').classList.contains('cycle')`)
	if !cycleBox {
		t.Errorf("shop.domain.pricing is in an import cycle but its box is not marked")
	}
	p.screenshot(t, "shop-search.png")

	// Coverage treemap and hotspots.
	cells := eval[int](t, p, `document.querySelectorAll('#treemap rect').length`)
	hot := eval[int](t, p, `document.querySelectorAll('#hotspots-table tbody tr').length`)
	if cells == 0 || hot == 0 {
		t.Errorf("treemap cells %d, hotspot rows %d: want some of both", cells, hot)
	}
	for _, id := range []string{"findings", "coverage", "hotspots"} {
		eval[bool](t, p, `(() => { const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input')); window.scrollTo(0, document.getElementById('`+id+`').offsetTop - 100); return true; })()`)
		time.Sleep(300 * time.Millisecond) // the filter waits 120 ms for more typing
		p.screenshot(t, "shop-"+id+".png")
	}
	p.noErrors(t)
}

// TestReportSitePackagesInBrowser opens the report of the 3.11 site-packages (14,500 modules).
func TestReportSitePackagesInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("the site-packages report: not in -short")
	}
	chromium(t)
	dir := cpython.SitePackages(t, "3.11")
	if dir == "" {
		return
	}
	start := time.Now()
	file := writeReport(t, dir, "--no-git")
	gen := time.Since(start)
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	p := open(t, file, 3*time.Minute)
	boxes := eval[int](t, p, `document.querySelectorAll('#graph-svg g.box[data-module]').length`)
	readyMs := eval[int](t, p, `window.buttressReport.readyMs`)
	layoutMs := eval[int](t, p, `window.buttressReport.layoutMs`)
	phases := eval[map[string]int](t, p, `window.buttressReport.phases`)
	t.Logf("before the layout (ms): %v; edges given to the layout: %d", phases, eval[int](t, p, `window.buttressReport.laidEdges`))
	sectionsMs := eval[int](t, p, `window.buttressReport.sectionsMs`)
	t.Logf("site-packages: report %s generated in %v (in the test process), %d boxes, graph drawn %d ms after navigation (layout %d ms), the other sections %d ms", size(fi.Size()), gen.Round(time.Millisecond), boxes, readyMs, layoutMs, sectionsMs)
	if boxes == 0 {
		t.Fatalf("no box drawn")
	}
	p.screenshot(t, "site-packages.png")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func size(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// TestTrendsInBrowser draws the trends of a history, and the sections below the graph.
func TestTrendsInBrowser(t *testing.T) {
	chromium(t)
	d := &htmlreport.Data{Project: "trends", Version: "test", Rules: map[string]htmlreport.Rule{}, Churn: true, ChurnFrom: "2026-06-01",
		Modules: []htmlreport.Module{
			{Name: "app", Path: "app/__init__.py", Package: true},
			{Name: "app.a", Path: "app/a.py", Functions: 4, Annotated: 2, Slots: 8, SlotsAnn: 5, Complex: 12, MaxCx: 6, Churn: 40, Commits: 3},
			{Name: "app.b", Path: "app/b.py", Functions: 2, Annotated: 2, Slots: 3, SlotsAnn: 3, Complex: 3, MaxCx: 2, Churn: 5, Commits: 1},
		},
		Edges: []htmlreport.Edge{{From: 1, To: 2, Count: 1, Path: "app/a.py", Line: 1}},
	}
	for i := 0; i < 12; i++ {
		d.Trends = append(d.Trends, htmlreport.Trend{SHA: fmt.Sprintf("%040d", i), Date: fmt.Sprintf("2026-%02d-01T00:00:00Z", i+1),
			Findings: map[string]int{"TYP001": 10 - i/2, "ARCH001": i % 3}, Coverage: 50 + float64(i)*3, Cycles: i / 4, Modules: 3, Complex: 15 + i})
	}
	file := filepath.Join(t.TempDir(), "trends.html")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := htmlreport.Write(f, d); err != nil {
		t.Fatal(err)
	}
	f.Close()
	p := open(t, file, 60*time.Second)
	charts := eval[[]string](t, p, `Array.from(document.querySelectorAll('#trends svg.trend')).map(s => s.dataset.trend)`)
	want := []string{"findings ARCH", "findings TYP", "annotation coverage %", "import cycles", "complexity"}
	if strings.Join(charts, "|") != strings.Join(want, "|") {
		t.Errorf("trend charts %q, want %q", charts, want)
	}
	hot := eval[[]string](t, p, `Array.from(document.querySelectorAll('#hotspots-table tbody tr')).map(tr => tr.dataset.module)`)
	if strings.Join(hot, ",") != "app.a,app.b" {
		t.Errorf("hotspots %q, want app.a (complexity 12 × churn 40) before app.b", hot)
	}
	cov := eval[string](t, p, `document.querySelector('#treemap .tm-title').textContent`)
	if !strings.Contains(cov, "72.7% annotated (8 of 11 parameters and returns)") {
		t.Errorf("treemap title %q: want the coverage as buttress coverage counts it", cov)
	}
	eval[any](t, p, `document.getElementById('trends').scrollIntoView(), true`)
	p.screenshot(t, "trends.png")
	p.noErrors(t)
}
