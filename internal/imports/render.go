package imports

import (
	"bufio"
	"fmt"
	"io"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/buttresspy/buttress/internal/python/literal"
)

// RenderOptions choose what a rendering shows.
type RenderOptions struct {
	// External includes imports of standard-library and third-party modules (as nodes in DOT,
	// Mermaid and text; as imports in JSON). Without it only first-party imports (and
	// unresolved ones) are shown.
	External bool
	// Kinds selects the import kinds shown.
	Kinds KindSet
	// Col, when not nil, gives the column JSON shows for an import (the command line's
	// 1-based character columns) instead of Edge.Col. WriteJSON calls it from several
	// goroutines at once.
	Col func(e *Edge) int
}

func (o RenderOptions) keep(e *Edge) bool {
	if !o.Kinds.Has(e.Kind) {
		return false
	}
	return o.External || e.Category == FirstParty || e.Category == Unresolved
}

// WriteJSON writes the graph in the documented JSON form (docs/graph-json.md): one module or
// import per line, so that the output diffs well.
func (g *Graph) WriteJSON(w io.Writer, o RenderOptions) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	b := make([]byte, 0, 512)
	b = append(b, "{\n  \"version\": 1,\n  \"roots\": ["...)
	for i, r := range g.Roots {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = literal.AppendJSONString(b, r)
	}
	b = append(b, "],\n  \"modules\": ["...)
	for i, m := range g.Modules {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    {\"name\": "...)
		b = literal.AppendJSONString(b, m.Name)
		b = append(b, ", \"path\": "...)
		b = literal.AppendJSONString(b, m.Path)
		b = append(b, ", \"package\": "...)
		b = strconv.AppendBool(b, m.Package)
		b = append(b, '}')
		if len(b) > 1<<15 {
			bw.Write(b)
			b = b[:0]
		}
	}
	if len(g.Modules) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "],\n  \"imports\": ["...)
	bw.Write(b)
	// Each import is written as ",\n    {...}": the first one written drops its comma.
	first := true
	write := func(part []byte) {
		if first && len(part) > 0 {
			part, first = part[1:], false
		}
		bw.Write(part)
	}
	g.renderEdges(o, write)
	b = b[:0]
	if !first {
		b = append(b, "\n  "...)
	}
	b = append(b, "]\n}\n"...)
	bw.Write(b)
	return bw.Flush()
}

// jsonChunk is the number of imports rendered at a time, by one goroutine, into a buffer of
// jsonChunkBytes to start with (an import of the 3.11 site-packages takes 229 bytes on
// average, up to 508): chunks of 4,096 into buffers of 640 KiB grew every buffer, each
// allocated twice, 10 MB in all; the five buffers now take 1.3 MB.
const (
	jsonChunk      = 1024
	jsonChunkBytes = jsonChunk * 256
)

// renderEdges renders the kept imports for WriteJSON and hands them to write in order, a
// chunk at a time. The chunks are rendered by a goroutine a core, at most two a goroutine
// ahead of the one written (129,000 imports, 20 MB, on the 3.11 site-packages: on one core,
// the last part of a run of graph).
func (g *Graph) renderEdges(o RenderOptions, write func([]byte)) {
	chunks := (len(g.Edges) + jsonChunk - 1) / jsonChunk
	render := func(b []byte, k int) []byte {
		for i := k * jsonChunk; i < min((k+1)*jsonChunk, len(g.Edges)); i++ {
			if e := &g.Edges[i]; o.keep(e) {
				b = appendEdgeJSON(b, e, o)
			}
		}
		return b
	}
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if workers <= 1 {
		b := make([]byte, 0, 1<<16)
		for k := range chunks {
			b = render(b, k)
			if len(b) > 1<<15 || k == chunks-1 {
				write(b)
				b = b[:0]
			}
		}
		return
	}
	done := make([]chan []byte, chunks)
	for k := range done {
		done[k] = make(chan []byte, 1)
	}
	// ahead holds a token for each chunk taken but not yet written: the chunk to write next
	// is always among them, and the memory of the rendered chunks stays bounded.
	ahead := make(chan struct{}, 2*workers)
	free := make(chan []byte, 2*workers+1)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				ahead <- struct{}{}
				k := int(next.Add(1) - 1)
				if k >= chunks {
					<-ahead
					return
				}
				var b []byte
				select {
				case b = <-free:
				default:
					b = make([]byte, 0, jsonChunkBytes)
				}
				done[k] <- render(b[:0], k)
			}
		})
	}
	for k := range chunks {
		b := <-done[k]
		write(b)
		free <- b
		<-ahead
	}
	wg.Wait()
}

// appendEdgeJSON appends an import of WriteJSON, after a comma.
func appendEdgeJSON(b []byte, e *Edge, o RenderOptions) []byte {
	b = append(b, ",\n    {\"importer\": "...)
	b = literal.AppendJSONString(b, e.Importer)
	b = append(b, ", \"imported\": "...)
	b = literal.AppendJSONString(b, e.Imported)
	b = append(b, ", \"path\": "...)
	b = literal.AppendJSONString(b, e.Path)
	b = append(b, ", \"line\": "...)
	b = strconv.AppendInt(b, int64(e.Line), 10)
	b = append(b, ", \"col\": "...)
	col := e.Col
	if o.Col != nil {
		col = o.Col(e)
	}
	b = strconv.AppendInt(b, int64(col), 10)
	b = append(b, ", \"kind\": \""...)
	b = append(b, e.Kind.String()...)
	b = append(b, "\", \"guarded\": "...)
	b = strconv.AppendBool(b, e.Guarded)
	b = append(b, ", \"category\": \""...)
	b = append(b, e.Category.String()...)
	return append(b, "\"}"...)
}

// distinctEdges returns the kept importer->imported pairs, each once, sorted.
func (g *Graph) distinctEdges(o RenderOptions) [][2]string {
	var pairs [][2]string
	for i := range g.Edges {
		e := &g.Edges[i]
		if !o.keep(e) {
			continue
		}
		p := [2]string{e.Importer, e.Imported}
		if n := len(pairs); n > 0 && pairs[n-1] == p {
			continue
		}
		pairs = append(pairs, p)
	}
	return pairs
}

// nodeKind says what a node of a rendering stands for.
type nodeKind uint8

const (
	moduleNode     nodeKind = iota // a first-party module
	scriptNode                     // a file that is no module, named by its path
	unresolvedNode                 // a missing module under a first-party top-level name
	externalNode                   // a standard-library or third-party module (with External)
)

type node struct {
	name string
	kind nodeKind
}

// nodes returns every node a rendering shows, sorted by name: the first-party modules, and
// every other end of a kept import: scripts that import, unresolved modules and, with
// External, external modules. Every end of every pair of distinctEdges is one of them.
func (g *Graph) nodes(o RenderOptions) []node {
	var out []node
	for _, m := range g.Modules {
		out = append(out, node{m.Name, moduleNode})
	}
	seen := map[string]bool{}
	for i := range g.Edges {
		e := &g.Edges[i]
		if !o.keep(e) {
			continue
		}
		if !g.HasModule(e.Importer) && !seen[e.Importer] {
			seen[e.Importer] = true
			out = append(out, node{e.Importer, scriptNode})
		}
		if !g.HasModule(e.Imported) && !seen[e.Imported] {
			seen[e.Imported] = true
			k := externalNode
			switch e.Category {
			case Unresolved:
				k = unresolvedNode
			case FirstParty:
				k = moduleNode // pkg.__init__, which loads the package's file again
			}
			out = append(out, node{e.Imported, k})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// dotID quotes a name as a DOT id: a double-quoted string, where DOT reads \" as a quote
// and, in the default label, \\ as a backslash and \n as a new line.
func dotID(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// WriteDOT writes the graph for Graphviz. Every id is quoted (module names such as
// app.migrations.0001_initial or pkg.my-app are no bare DOT ids); scripts are notes,
// unresolved modules dotted, external modules dashed.
func (g *Graph) WriteDOT(w io.Writer, o RenderOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph imports {")
	fmt.Fprintln(bw, "  rankdir=LR;")
	fmt.Fprintln(bw, "  node [shape=box, fontname=\"Helvetica\"];")
	for _, n := range g.nodes(o) {
		switch n.kind {
		case scriptNode:
			fmt.Fprintf(bw, "  %s [shape=note];\n", dotID(n.name))
		case unresolvedNode:
			fmt.Fprintf(bw, "  %s [style=dotted];\n", dotID(n.name))
		case externalNode:
			fmt.Fprintf(bw, "  %s [style=dashed];\n", dotID(n.name))
		default:
			fmt.Fprintf(bw, "  %s;\n", dotID(n.name))
		}
	}
	for _, p := range g.distinctEdges(o) {
		fmt.Fprintf(bw, "  %s -> %s;\n", dotID(p[0]), dotID(p[1]))
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

// mermaidLabel quotes a name as a Mermaid label: in double quotes, with Mermaid's entity
// codes (#34; and the like) for what would end the string, start an entity or a markdown
// string, or be read as HTML, and for control characters.
func mermaidLabel(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"' || r == '#' || r == '&' || r == '<' || r == '>' || r == '`' || unicode.IsControl(r):
			fmt.Fprintf(&b, "#%d;", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// WriteMermaid writes the graph as a Mermaid flowchart. Node ids are m0, m1, ... (Mermaid's
// ids allow no dots, and words like end are keywords); the real name is the label. Every
// edge joins two declared nodes: a line starting with --> would continue the line before it
// and make up an import. Scripts are parallelograms, unresolved modules hexagons, external
// modules stadiums.
func (g *Graph) WriteMermaid(w io.Writer, o RenderOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "flowchart LR")
	nodes := g.nodes(o)
	ids := make(map[string]string, len(nodes))
	for i, n := range nodes {
		id := "m" + strconv.Itoa(i)
		ids[n.name] = id
		label := mermaidLabel(n.name)
		switch n.kind {
		case scriptNode:
			fmt.Fprintf(bw, "  %s[/%s/]\n", id, label)
		case unresolvedNode:
			fmt.Fprintf(bw, "  %s{{%s}}\n", id, label)
		case externalNode:
			fmt.Fprintf(bw, "  %s([%s])\n", id, label)
		default:
			fmt.Fprintf(bw, "  %s[%s]\n", id, label)
		}
	}
	for _, p := range g.distinctEdges(o) {
		from, to := ids[p[0]], ids[p[1]]
		if from == "" || to == "" {
			return fmt.Errorf("mermaid: the import %s -> %s has an end that is no node", p[0], p[1])
		}
		fmt.Fprintf(bw, "  %s --> %s\n", from, to)
	}
	return bw.Flush()
}

// WriteText writes each module with the modules it imports, one per line, and each script
// (a file that is no module, named by its path) that imports something.
func (g *Graph) WriteText(w io.Writer, o RenderOptions) error {
	bw := bufio.NewWriter(w)
	byImporter := map[string][]string{}
	for _, p := range g.distinctEdges(o) {
		byImporter[p[0]] = append(byImporter[p[0]], p[1])
	}
	for _, n := range g.nodes(o) {
		deps := byImporter[n.name]
		switch {
		case len(deps) > 0:
			fmt.Fprintf(bw, "%s -> %s\n", n.name, strings.Join(deps, ", "))
		case n.kind == moduleNode && g.HasModule(n.name):
			fmt.Fprintf(bw, "%s\n", n.name)
		}
	}
	return bw.Flush()
}
