// Package htmlreport writes buttress's architecture report: one self-contained HTML file with
// the package graph, the findings, the annotation coverage and the hotspots of a project.
//
// Everything the page needs is inline: the styles, the data (as JSON), the page's script and
// the vendored libraries (see Vendored), so the file works offline and as a CI artifact. The
// data is built by the caller (internal/cli) from the same workspace, graph, contracts and
// findings as `buttress check`; this package only lays it into the page.
package htmlreport

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
)

//go:embed assets/report.js assets/report.css assets/vendor/elk.bundled.js assets/vendor/d3.min.js
var assets embed.FS

// vendorFS holds every vendored file, licenses included, for the test of their hashes.
//
//go:embed assets/vendor
var vendorFS embed.FS

// Data is what the page shows. Field names are short: the JSON of a 14,000-module project is
// most of the file.
type Data struct {
	Project   string          `json:"project"`
	Version   string          `json:"version"` // of buttress
	Modules   []Module        `json:"modules"` // sorted by name
	Edges     []Edge          `json:"edges"`   // first-party imports, one per pair of modules
	Cycles    [][]int         `json:"cycles"`  // strongly connected sets of modules (indices), module-level imports
	Layers    []Layers        `json:"layers"`  // layers contracts, in declaration order
	Findings  []Finding       `json:"findings"`
	Rules     map[string]Rule `json:"rules"` // by code: every rule a finding has
	Baseline  string          `json:"baseline,omitempty"`
	Churn     bool            `json:"churn"`                // Module.Churn is known (a git repository)
	ChurnFrom string          `json:"churn_from,omitempty"` // the first day counted
	// Trends, when not nil, is the project's history (buttress history), oldest first.
	Trends []Trend `json:"trends,omitempty"`
}

// Module is one first-party module.
type Module struct {
	Name      string `json:"n"`
	Path      string `json:"p,omitempty"` // relative to the project root
	Package   bool   `json:"k,omitempty"`
	Lines     int    `json:"l,omitempty"`
	Functions int    `json:"f,omitempty"`
	Annotated int    `json:"a,omitempty"`  // fully annotated functions
	Slots     int    `json:"sl,omitempty"` // parameters and returns that can be annotated, as buttress coverage counts them
	SlotsAnn  int    `json:"sa,omitempty"` // those annotated
	Complex   int    `json:"c,omitempty"`  // total cyclomatic complexity
	MaxCx     int    `json:"cm,omitempty"` // largest cyclomatic complexity of a function
	Churn     int    `json:"ch,omitempty"` // lines added and removed over the churn period
	Commits   int    `json:"co,omitempty"` // commits that touched the file over the churn period
}

// Edge is every first-party import from one module of another.
type Edge struct {
	From  int    `json:"s"`
	To    int    `json:"t"`
	Count int    `json:"n"` // import statements
	Path  string `json:"p"` // where the first one is
	Line  int    `json:"l"`
}

// Layers is one layers contract.
type Layers struct {
	Contract   string     `json:"contract"`
	Layers     [][]string `json:"layers"` // from the highest; each the siblings of one level
	Containers []string   `json:"containers,omitempty"`
}

// Finding is one finding.
type Finding struct {
	Code    string `json:"c"`
	Rule    string `json:"r"`
	Path    string `json:"p"`
	Line    int    `json:"l"`
	Col     int    `json:"o"`
	Message string `json:"m"`
	Symbol  string `json:"s,omitempty"`
	Module  int    `json:"x"` // index of the module of Path, -1 when none
	Notes   []Note `json:"h,omitempty"`
	New     bool   `json:"nw,omitempty"` // not in the baseline (when there is one)
}

// Note is a secondary place of a finding: a hop of an import chain.
type Note struct {
	Path    string `json:"p"`
	Line    int    `json:"l"`
	Message string `json:"m"`
}

// Rule is a rule's documentation, shown in the page.
type Rule struct {
	Name    string `json:"name"`
	Summary string `json:"summary"`
	Help    string `json:"help"`
	Bad     string `json:"bad,omitempty"`  // an example of what it reports
	Good    string `json:"good,omitempty"` // and the fix
	URL     string `json:"url,omitempty"`  // its documentation page
}

// Trend is one commit of the history.
type Trend struct {
	SHA       string         `json:"sha"`
	Date      string         `json:"date"`
	Findings  map[string]int `json:"findings"`
	Coverage  float64        `json:"coverage"`
	Cycles    int            `json:"cycles"`
	Modules   int            `json:"modules"`
	Complex   int            `json:"complexity"`
	MaxComplx int            `json:"max_complexity"`
}

// Write writes the page for d.
func Write(w io.Writer, d *Data) error {
	data, err := json.Marshal(d) // escapes <, > and &: safe inside a script element
	if err != nil {
		return err
	}
	var b bytes.Buffer
	title := html.EscapeString("buttress report: " + d.Project)
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n<title>%s</title>\n", title)
	b.WriteString("<meta name=\"generator\" content=\"buttress " + html.EscapeString(d.Version) + "\">\n<style>\n")
	b.Write(asset("assets/report.css"))
	b.WriteString("</style>\n</head>\n<body>\n")
	b.WriteString(body(title))
	for _, lib := range []string{"assets/vendor/d3.min.js", "assets/vendor/elk.bundled.js"} {
		b.WriteString("<script>\n")
		b.Write(asset(lib))
		b.WriteString("\n</script>\n")
	}
	b.WriteString("<script type=\"application/json\" id=\"data\">")
	b.Write(data)
	b.WriteString("</script>\n<script>\n")
	b.Write(asset("assets/report.js"))
	b.WriteString("\n</script>\n</body>\n</html>\n")
	_, err = w.Write(b.Bytes())
	return err
}

func asset(name string) []byte {
	data, err := assets.ReadFile(name)
	if err != nil {
		panic(err) // embedded: cannot fail
	}
	return data
}

// body is the page's skeleton; report.js fills it in.
func body(title string) string {
	return strings.ReplaceAll(`<header>
<h1>TITLE</h1>
<nav><a href="#graph">Graph</a> <a href="#findings">Findings</a> <a href="#coverage">Coverage</a> <a href="#hotspots">Hotspots</a> <a href="#trends" id="nav-trends" hidden>Trends</a> <a href="#rules">Rules</a></nav>
<div id="summary"></div>
</header>
<main>
<section id="graph">
<h2>Package graph</h2>
<div class="toolbar">
<input id="search" type="search" placeholder="Find a module (name or part of it)" autocomplete="off">
<span id="search-result"></span>
<button id="expand-more" type="button" title="Open one more level of every package">Expand a level</button>
<button id="collapse-all" type="button" title="Back to the opening depth">Collapse</button>
<button id="why-mode" type="button" title="Click two boxes: the chain of imports from the first to the second">Why does A import B?</button>
<span class="legend"><i class="lg-red"></i>breaks a contract <i class="lg-cycle"></i>in a cycle <i class="lg-edge"></i>imports (width: count)</span>
</div>
<div id="graph-wrap"><svg id="graph-svg"></svg><div id="graph-status"></div></div>
<aside id="details" hidden><button id="details-close" type="button" aria-label="Close">×</button><div id="details-body"></div></aside>
</section>
<section id="findings">
<h2>Findings</h2>
<div id="findings-summary"></div>
<div class="toolbar"><input id="filter" type="search" placeholder="Filter by rule, code, package or file" autocomplete="off"> <label><input type="checkbox" id="only-new"> only new (not in the baseline)</label> <span id="filter-count"></span></div>
<div id="findings-table-wrap"><table id="findings-table"><thead><tr><th>Code</th><th>Rule</th><th>Package</th><th>File</th><th>Message</th></tr></thead><tbody></tbody></table></div>
</section>
<section id="coverage">
<h2>Annotation coverage</h2>
<p class="hint">Area: functions. Colour: annotation coverage as <code>buttress coverage</code> counts it (parameters and returns annotated), red 0% to green 100%. Click a package to look inside, the title to go back.</p>
<div id="treemap"></div>
</section>
<section id="hotspots">
<h2>Hotspots</h2>
<p class="hint" id="hotspots-hint"></p>
<div id="hotspots-chart"></div>
<table id="hotspots-table"><thead><tr><th>Module</th><th>Complexity</th><th>Churn</th><th>Commits</th><th>Score</th></tr></thead><tbody></tbody></table>
</section>
<section id="trends" hidden>
<h2>Trends</h2>
<div id="trends-charts"></div>
</section>
<section id="rules">
<h2>Rules</h2>
<div id="rules-list"></div>
</section>
</main>
`, "TITLE", title)
}
