package imports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
)

// oddGraph has the names real codebases give: modules whose names no import statement can
// spell (Django's migrations, a package named with a dash, a keyword, a space), names that
// are Mermaid keywords (end, graph) or look like markup or entity codes, a script that
// imports (named by its path), an unresolved module and external ones.
func oddGraph() *Graph {
	mods := []Module{
		{Name: "app", Package: true}, {Name: "app.migrations", Package: true},
		{Name: "app.migrations.0001_initial"}, {Name: "app.class"}, {Name: "app.my file"},
		{Name: "pkg", Package: true}, {Name: "pkg.my-app", Package: true}, {Name: "pkg.my-app.x"},
		{Name: "end"}, {Name: "graph"}, {Name: `app.q"uote`}, {Name: "app.#35;"},
		{Name: "app.<b>x</b>"}, {Name: "app.a`b`"}, {Name: "app.lonely"},
	}
	edge := func(from, to string, cat Category) Edge {
		return Edge{Importer: from, Imported: to, Path: from + ".py", Line: 1, Category: cat}
	}
	edges := []Edge{
		edge("app.migrations.0001_initial", "app", FirstParty),
		edge("app.migrations.0001_initial", "app.migrations", FirstParty),
		edge("pkg.my-app.x", "pkg.my-app", FirstParty),
		edge("end", "graph", FirstParty),
		edge("graph", "end", FirstParty),
		edge("app.class", `app.q"uote`, FirstParty),
		edge(`app.q"uote`, "app.#35;", FirstParty),
		edge("app.<b>x</b>", "app.a`b`", FirstParty),
		edge("scripts/run-tests.py", "app", FirstParty),
		edge("scripts/run-tests.py", "os", Stdlib),
		edge("app", "app.missing", Unresolved),
		edge("app", "app.__init__", FirstParty),
		edge("app.my file", "requests", ThirdParty),
	}
	return NewGraph([]string{"."}, mods, edges)
}

func render(t *testing.T, g *Graph, o RenderOptions, write func(*Graph, *bytes.Buffer, RenderOptions) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(g, &b, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func text(g *Graph, b *bytes.Buffer, o RenderOptions) error    { return g.WriteText(b, o) }
func dot(g *Graph, b *bytes.Buffer, o RenderOptions) error     { return g.WriteDOT(b, o) }
func mermaid(g *Graph, b *bytes.Buffer, o RenderOptions) error { return g.WriteMermaid(b, o) }
func jsonOut(g *Graph, b *bytes.Buffer, o RenderOptions) error { return g.WriteJSON(b, o) }

// shown is what a rendering must show: every node and every importer -> imported pair.
type shown struct {
	nodes []string
	edges [][2]string
}

// want returns what every format must show of g: the same nodes and edges in each.
func want(g *Graph, o RenderOptions) shown {
	var s shown
	for _, n := range g.nodes(o) {
		s.nodes = append(s.nodes, n.name)
	}
	s.edges = g.distinctEdges(o)
	return s
}

func (s shown) sorted() shown {
	sort.Strings(s.nodes)
	sort.Slice(s.edges, func(i, j int) bool {
		if s.edges[i][0] != s.edges[j][0] {
			return s.edges[i][0] < s.edges[j][0]
		}
		return s.edges[i][1] < s.edges[j][1]
	})
	return s
}

func TestTextShowsScriptsAndOddNames(t *testing.T) {
	got := render(t, oddGraph(), RenderOptions{Kinds: AllKinds}, text)
	want := strings.Join([]string{
		"app -> app.__init__, app.missing",
		"app.#35;",
		"app.<b>x</b> -> app.a`b`",
		"app.a`b`",
		"app.class -> app.q\"uote",
		"app.lonely",
		"app.migrations",
		"app.migrations.0001_initial -> app, app.migrations",
		"app.my file",
		"app.q\"uote -> app.#35;",
		"end -> graph",
		"graph -> end",
		"pkg",
		"pkg.my-app",
		"pkg.my-app.x -> pkg.my-app",
		"scripts/run-tests.py -> app",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("text:\n%s\nwant:\n%s", got, want)
	}
	// Collapsing cuts module names, not a script's path at its dots.
	got = render(t, oddGraph().Collapse(1), RenderOptions{Kinds: AllKinds}, text)
	want = "app\nend -> graph\ngraph -> end\npkg\nscripts/run-tests.py -> app\n"
	if got != want {
		t.Errorf("collapsed text:\n%s\nwant:\n%s", got, want)
	}
}

// TestEveryFormatShowsTheSameGraph reads the nodes and edges back from the JSON, DOT and
// Mermaid outputs (with Graphviz's and Mermaid's own parsers when they are installed) and
// checks that each shows exactly the graph's nodes and edges.
func TestEveryFormatShowsTheSameGraph(t *testing.T) {
	g := oddGraph()
	for _, o := range []RenderOptions{{Kinds: AllKinds}, {Kinds: AllKinds, External: true}} {
		w := want(g, o).sorted()
		// JSON: the importers and imported modules of its imports, and its modules.
		var j struct {
			Modules []struct{ Name string } `json:"modules"`
			Imports []struct{ Importer, Imported string }
		}
		if err := json.Unmarshal([]byte(render(t, g, o, jsonOut)), &j); err != nil {
			t.Fatal(err)
		}
		var fromJSON shown
		seen := map[string]bool{}
		add := func(n string) {
			if !seen[n] {
				seen[n] = true
				fromJSON.nodes = append(fromJSON.nodes, n)
			}
		}
		for _, m := range j.Modules {
			add(m.Name)
		}
		for _, i := range j.Imports {
			add(i.Importer)
			add(i.Imported)
			p := [2]string{i.Importer, i.Imported}
			if n := len(fromJSON.edges); n == 0 || fromJSON.edges[n-1] != p {
				fromJSON.edges = append(fromJSON.edges, p)
			}
		}
		if got := fromJSON.sorted(); !reflect.DeepEqual(got, w) {
			t.Errorf("external=%v: JSON shows\n%v\nwant\n%v", o.External, got, w)
		}

		// Mermaid, by the rules of its grammar.
		m := render(t, g, o, mermaid)
		checkMermaidLines(t, m)
	}
}

var mermaidNode = regexp.MustCompile(`^  (m[0-9]+)(\[|\(\[|\[/|\{\{)"([^"]*)"(\]|\]\)|/\]|\}\})$`)
var mermaidEdge = regexp.MustCompile(`^  (m[0-9]+) --> (m[0-9]+)$`)

// checkMermaidLines checks a flowchart line by line: ids of letters and digits only (no dots,
// no keyword), labels quoted with no quote inside, every edge between declared ids, and no
// line that starts with an arrow (Mermaid would continue the line before it).
func checkMermaidLines(t *testing.T, m string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(m, "\n"), "\n")
	if lines[0] != "flowchart LR" {
		t.Errorf("mermaid: first line %q", lines[0])
	}
	declared := map[string]bool{}
	for _, l := range lines[1:] {
		if strings.HasPrefix(strings.TrimSpace(l), "-") {
			t.Errorf("mermaid: a line starts with an arrow: %q", l)
		}
		if s := mermaidNode.FindStringSubmatch(l); s != nil {
			declared[s[1]] = true
			if strings.ContainsAny(s[3], "#<>&`") && !regexp.MustCompile(`#[0-9]+;`).MatchString(s[3]) {
				t.Errorf("mermaid: label %q holds markup or an entity start unescaped", s[3])
			}
			continue
		}
		if s := mermaidEdge.FindStringSubmatch(l); s != nil {
			if !declared[s[1]] || !declared[s[2]] {
				t.Errorf("mermaid: edge between undeclared nodes: %q", l)
			}
			continue
		}
		t.Errorf("mermaid: line is neither a node nor an edge: %q", l)
	}
}

func TestDOTAndMermaidQuoting(t *testing.T) {
	for in, out := range map[string]string{
		"app.migrations.0001_initial": `"app.migrations.0001_initial"`,
		"pkg.my-app":                  `"pkg.my-app"`,
		`a"b`:                         `"a\"b"`,
		`a\`:                          `"a\\"`,
		"a\nb":                        `"a\nb"`,
		"\xff":                        "\"\uFFFD\"",
	} {
		if got := dotID(in); got != out {
			t.Errorf("dotID(%q) = %s, want %s", in, got, out)
		}
	}
	for in, out := range map[string]string{
		"app.migrations.0001_initial": `"app.migrations.0001_initial"`,
		`a"b#c;`:                      `"a#34;b#35;c;"`,
		"<b>&`x`":                     `"#60;b#62;#38;#96;x#96;"`,
		"a\x01b":                      `"a#1;b"`,
	} {
		if got := mermaidLabel(in); got != out {
			t.Errorf("mermaidLabel(%q) = %s, want %s", in, got, out)
		}
	}
}

// requireTool skips the test when a reference tool is missing, or fails it when
// BUTTRESS_REQUIRE_CPYTHON is "1" (the repository's switch: .ci/run installs them all).
func requireTool(t *testing.T, problem string) {
	t.Helper()
	if os.Getenv(cpython.RequireEnv) == "1" {
		t.Fatalf("%s\n%s=1 is set, so this is a failure, not a skip", problem, cpython.RequireEnv)
	}
	t.Skipf("skipping: %s (set %s=1 to make this a failure)", problem, cpython.RequireEnv)
}

// TestDOTParsesWithGraphviz has Graphviz's dot read the DOT output and write it back as JSON:
// the nodes and edges it reads are the graph's, by name.
func TestDOTParsesWithGraphviz(t *testing.T) {
	bin, err := exec.LookPath("dot")
	if err != nil {
		requireTool(t, "Graphviz's dot is not installed (apt-get install graphviz): "+err.Error())
		return
	}
	g := oddGraph()
	for _, o := range []RenderOptions{{Kinds: AllKinds}, {Kinds: AllKinds, External: true}} {
		cmd := exec.Command(bin, "-Tjson")
		cmd.Stdin = strings.NewReader(render(t, g, o, dot))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("dot: %v\n%s", err, stderr.String())
		}
		var parsed struct {
			Objects []struct {
				ID   int `json:"_gvid"`
				Name string
			}
			Edges []struct{ Tail, Head int }
		}
		if err := json.Unmarshal(out, &parsed); err != nil {
			t.Fatal(err)
		}
		var got shown
		names := map[int]string{}
		for _, n := range parsed.Objects {
			names[n.ID] = n.Name
			got.nodes = append(got.nodes, n.Name)
		}
		for _, e := range parsed.Edges {
			got.edges = append(got.edges, [2]string{names[e.Tail], names[e.Head]})
		}
		if w := want(g, o).sorted(); !reflect.DeepEqual(got.sorted(), w) {
			t.Errorf("external=%v: dot reads\n%v\nwant\n%v", o.External, got.sorted(), w)
		}
	}
}

const (
	// mermaidDirEnv names the directory mermaid and jsdom were installed into (npm
	// --prefix); the default is $XDG_CACHE_HOME/buttress/mermaid (~/.cache/...).
	mermaidDirEnv = "BUTTRESS_MERMAID_DIR"
	// mermaidPackages are the releases the test was written against (.ci/run installs them).
	mermaidPackages = "mermaid@11.17.2 jsdom@26.1.0"
)

func mermaidDir() string {
	if d := os.Getenv(mermaidDirEnv); d != "" {
		return d
	}
	if c, err := os.UserCacheDir(); err == nil {
		return filepath.Join(c, "buttress", "mermaid")
	}
	return filepath.Join(os.TempDir(), "buttress-mermaid")
}

// TestMermaidParsesWithMermaid has Mermaid's own parser (in node, with jsdom for the DOM it
// wants) read the flowcharts: the nodes it finds, by their labels as drawn, and the edges
// between them are exactly the graph's, and the shapes tell modules, scripts, unresolved and
// external modules apart.
func TestMermaidParsesWithMermaid(t *testing.T) {
	dir := mermaidDir()
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "node_modules", "mermaid", "dist", "mermaid.core.mjs"))
	}
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "node_modules", "jsdom", "package.json"))
	}
	if err != nil {
		requireTool(t, fmt.Sprintf("node with mermaid and jsdom in %s is not installed "+
			"(npm install --prefix %s %s, or set %s): %v", dir, dir, mermaidPackages, mermaidDirEnv, err))
		return
	}
	g := oddGraph()
	opts := []RenderOptions{{Kinds: AllKinds}, {Kinds: AllKinds, External: true}}
	var texts []string
	for _, o := range opts {
		texts = append(texts, render(t, g, o, mermaid))
	}
	// A line that starts with an arrow, as buttress once wrote for a script's imports: Mermaid
	// reads it without complaint and makes up an edge from the node before it.
	texts = append(texts, "flowchart LR\n  m0[\"a\"]\n  m1[\"b\"]\n  m2[\"c\"]\n  m0 --> m1\n  --> m2\n")
	in, _ := json.Marshal(texts)
	cmd := exec.Command(node, "testdata/mermaid_graph.mjs", dir)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node mermaid_graph.mjs: %v", err)
	}
	var results []struct {
		Error string
		Nodes []struct{ ID, Label, Shape string }
		Edges [][2]string
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if len(results) != len(texts) {
		t.Fatalf("%d results for %d flowcharts", len(results), len(texts))
	}
	shapes := map[nodeKind]string{moduleNode: "square", scriptNode: "lean_right", unresolvedNode: "hexagon", externalNode: "stadium"}
	for i, o := range opts {
		r := results[i]
		if r.Error != "" {
			t.Errorf("external=%v: mermaid cannot parse the flowchart: %s\n%s", o.External, r.Error, texts[i])
			continue
		}
		labels := map[string]string{}
		var got shown
		gotShapes := map[string]string{}
		for _, n := range r.Nodes {
			labels[n.ID] = n.Label
			got.nodes = append(got.nodes, n.Label)
			gotShapes[n.Label] = n.Shape
		}
		for _, e := range r.Edges {
			got.edges = append(got.edges, [2]string{labels[e[0]], labels[e[1]]})
		}
		if w := want(g, o).sorted(); !reflect.DeepEqual(got.sorted(), w) {
			t.Errorf("external=%v: mermaid reads\n%v\nwant\n%v\nfrom\n%s", o.External, got.sorted(), w, texts[i])
		}
		for _, n := range g.nodes(o) {
			if gotShapes[n.name] != shapes[n.kind] {
				t.Errorf("external=%v: %q is drawn as %q, want %q", o.External, n.name, gotShapes[n.name], shapes[n.kind])
			}
		}
	}
	// The arrow-first line: proof that the rule checkMermaidLines enforces matters.
	if r := results[len(results)-1]; len(r.Edges) != 2 {
		t.Errorf("mermaid read a line starting with an arrow as %v; the test's premise (it makes up an edge) no longer holds", r.Edges)
	}
}
