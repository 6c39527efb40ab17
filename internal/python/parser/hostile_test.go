package parser

import (
	"runtime"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/python/ast"
)

// shortStatements is a hostile file for memory: n bytes of the shortest statements, one per
// line ("a\n"), the most nodes and tokens per byte a file can hold.
func shortStatements(n int) string {
	return strings.Repeat("a\n", n/2)
}

// assignments is n bytes of short assignments ("x1 = 2\n"), closer to generated data files.
func assignments(n int) string {
	var b strings.Builder
	b.Grow(n + 16)
	for i := 0; b.Len() < n; i++ {
		b.WriteString("x")
		b.WriteString(itoa(i % 1000))
		b.WriteString(" = ")
		b.WriteString(itoa(i % 100))
		b.WriteString("\n")
	}
	return b.String()
}

// benchParseMemory parses src and reports the bytes allocated and the heap in use at the end,
// each per source byte.
func benchParseMemory(b *testing.B, src string) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		res := ParseString(src, Options{})
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
		runtime.KeepAlive(res)
	}
	b.ReportMetric(float64(peak)/float64(len(src)), "live-B/srcB")
}

func BenchmarkParseShortStatements(b *testing.B) { benchParseMemory(b, shortStatements(20<<20)) }
func BenchmarkParseAssignments(b *testing.B)     { benchParseMemory(b, assignments(20<<20)) }

// TestLargeModuleBody checks the body of a module with more top-level statements than one
// block of them (moduleBlock), a compound one among them.
func TestLargeModuleBody(t *testing.T) {
	var b strings.Builder
	n := 3*moduleBlock + 17
	for i := range n {
		if i == moduleBlock {
			b.WriteString("def f():\n    return 1\n")
			continue
		}
		b.WriteString("a" + itoa(i) + "\n")
	}
	res := ParseString(b.String(), Options{})
	if len(res.Errors) > 0 || len(res.Module.Body) != n {
		t.Fatalf("%d statements, %d errors; want %d and none", len(res.Module.Body), len(res.Errors), n)
	}
	for i, s := range res.Module.Body {
		if i == moduleBlock {
			if _, ok := s.(*ast.FunctionDef); !ok {
				t.Fatalf("statement %d: %T, want the def", i, s)
			}
			continue
		}
		if name := s.(*ast.ExprStmt).Value.(*ast.Name).ID; name != "a"+itoa(i) {
			t.Fatalf("statement %d is %s", i, name)
		}
	}
}
