package analysis

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// walkSource holds every kind of node the walker numbers, and a few syntax errors.
const walkSource = `"""doc"""
# type: ignore
from __future__ import annotations
import os.path as p, sys
from . import (a as b, c)
from .m import *
X: int = 1
Y = Z = [1, *rest]
T = (1, 2)
del Y[0], Z.a
type Alias[K, *Ts, **P] = dict[K, int]
async def f[T: int = str](a, /, b: int = 1, *args: str, c=2, d, **kw: int) -> T:
    global G
    nonlocal H
    async for i in aiter():
        await g(i)
    async with m() as (x, y), n():
        pass
    yield x
    yield from y
    return (lambda q=1, *, r: q + r)(1)
@decorate(1)
class C[T](Base, metaclass=Meta, **extra):
    x: int
    def m(self, *, k=3):
        self.a += 1
        for i in range(3):
            if i or not i and -i:
                break
            elif i:
                continue
            else:
                pass
        else:
            pass
        while k > 0 < 1 is not None:
            k -= 1
        else:
            k = ...
        with open(f) as h:
            h.read()[1:2:3, ::-1]
        try:
            raise ValueError("x") from None
        except (TypeError, KeyError) as e:
            pass
        else:
            pass
        finally:
            pass
        try:
            pass
        except* OSError:
            pass
        assert k, "m"
        return {1: 2, **d}, {1, 2}, [i for i in x if i], {i for j in y for i in j}, {k: v for k, v in z}, (i async for i in w)
def g():
    match command.split():
        case [action]:
            pass
        case [Point(x=0, y=0), *others] if others:
            pass
        case {"k": 1, **rest}:
            pass
        case None | True | 1.5 | "s" as v:
            pass
        case Point(1, y=_):
            pass
        case _:
            pass
    print(f"{x!r:>{width}} {y=}", t"{z}")
    x = (y := 10) if y else z
    return x @ y ** 2 // 3 % 4 << 5 >> 6 & 7 | 8 ^ ~9
def broken(:
    pass
x = = 1
`

// TestWalkOrder checks that the rules' walk hands over the nodes that ast.Inspect does, in
// its order, each with its kindOf: the walker keeps a switch of its own in step with
// ast.Inspect's (a node type added to one and not the other fails here).
func TestWalkOrder(t *testing.T) {
	checkWalk(t, "walkSource", walkSource)
	if testing.Short() {
		return
	}
	for _, minor := range []string{"3.13"} {
		dir := cpython.Stdlib(t, minor)
		if dir == "" {
			continue
		}
		files, err := cpython.PyFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range files {
			src, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			rel, _ := filepath.Rel(dir, path)
			checkWalk(t, rel, string(src))
		}
	}
}

func checkWalk(t *testing.T, name, src string) {
	t.Helper()
	res := parser.ParseString(src, parser.Options{TargetVersion: 314})
	if res.Module == nil {
		return
	}
	var want, got []ast.Node
	ast.Inspect(res.Module, func(n ast.Node) bool { want = append(want, n); return true })
	// A rule for every kind, which checks that the nodes it is handed are of its kind.
	var w walker
	w.setVisit(visitFunc(func(n ast.Node) bool { got = append(got, n); return true }), nil)
	bad := 0
	for k := range numKinds {
		k := k
		r := &Rule{Visit: func(_ *Pass, n ast.Node) bool {
			if kindOf(n) != k && bad < 5 {
				bad++
				t.Errorf("%s: a %T handed to the rule for kind %d", name, n, k)
			}
			return true
		}}
		w.add(&Pass{rule: r}, []ast.Node{nodeOfKind(k)})
	}
	w.walk(res.Module)
	if len(got) != len(want) {
		t.Fatalf("%s: the walk handed %d nodes, ast.Inspect %d", name, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: node %d: the walk handed a %T at %d, ast.Inspect a %T at %d", name, i, got[i], got[i].Pos(), want[i], want[i].Pos())
		}
	}
}

type visitFunc func(ast.Node) bool

func (f visitFunc) Visit(n ast.Node) bool { return f(n) }

// nodeOfKind returns a nil pointer of the node type kindOf numbers k.
func nodeOfKind(k int) ast.Node {
	for _, n := range allNodeTypes {
		if kindOf(n) == k {
			return n
		}
	}
	panic(fmt.Sprint("no node type of kind ", k))
}

var allNodeTypes = []ast.Node{
	(*ast.Module)(nil), (*ast.TypeIgnore)(nil), (*ast.Arguments)(nil), (*ast.Arg)(nil), (*ast.Keyword)(nil),
	(*ast.Alias)(nil), (*ast.WithItem)(nil), (*ast.Comprehension)(nil), (*ast.ExceptHandler)(nil),
	(*ast.MatchCase)(nil), (*ast.FunctionDef)(nil), (*ast.AsyncFunctionDef)(nil), (*ast.ClassDef)(nil),
	(*ast.Return)(nil), (*ast.Delete)(nil), (*ast.Assign)(nil), (*ast.TypeAlias)(nil), (*ast.AugAssign)(nil),
	(*ast.AnnAssign)(nil), (*ast.For)(nil), (*ast.AsyncFor)(nil), (*ast.While)(nil), (*ast.If)(nil),
	(*ast.With)(nil), (*ast.AsyncWith)(nil), (*ast.Match)(nil), (*ast.Raise)(nil), (*ast.Try)(nil),
	(*ast.TryStar)(nil), (*ast.Assert)(nil), (*ast.Import)(nil), (*ast.ImportFrom)(nil), (*ast.Global)(nil),
	(*ast.Nonlocal)(nil), (*ast.ExprStmt)(nil), (*ast.Pass)(nil), (*ast.Break)(nil), (*ast.Continue)(nil),
	(*ast.BoolOp)(nil), (*ast.NamedExpr)(nil), (*ast.BinOp)(nil), (*ast.UnaryOp)(nil), (*ast.Lambda)(nil),
	(*ast.IfExp)(nil), (*ast.Dict)(nil), (*ast.Set)(nil), (*ast.ListComp)(nil), (*ast.SetComp)(nil),
	(*ast.DictComp)(nil), (*ast.GeneratorExp)(nil), (*ast.Await)(nil), (*ast.Yield)(nil), (*ast.YieldFrom)(nil),
	(*ast.Compare)(nil), (*ast.Call)(nil), (*ast.FormattedValue)(nil), (*ast.Interpolation)(nil),
	(*ast.JoinedStr)(nil), (*ast.TemplateStr)(nil), (*ast.Constant)(nil), (*ast.Attribute)(nil),
	(*ast.Subscript)(nil), (*ast.Starred)(nil), (*ast.Name)(nil), (*ast.List)(nil), (*ast.Tuple)(nil),
	(*ast.Slice)(nil), (*ast.MatchValue)(nil), (*ast.MatchSingleton)(nil), (*ast.MatchSequence)(nil),
	(*ast.MatchMapping)(nil), (*ast.MatchClass)(nil), (*ast.MatchStar)(nil), (*ast.MatchAs)(nil),
	(*ast.MatchOr)(nil), (*ast.TypeVar)(nil), (*ast.ParamSpec)(nil), (*ast.TypeVarTuple)(nil),
}

// TestWalkKinds checks that every kind kindOf numbers is walked: a walk over walkSource hands
// over a node of each (TypeIgnore aside, which the parser makes only from type comments).
func TestWalkKinds(t *testing.T) {
	res := parser.ParseString(walkSource, parser.Options{TargetVersion: 314})
	seen := map[int]bool{}
	ast.Inspect(res.Module, func(n ast.Node) bool { seen[kindOf(n)] = true; return true })
	for k := range numKinds {
		if !seen[k] && k != kindOf((*ast.TypeIgnore)(nil)) {
			t.Errorf("walkSource holds no %T", nodeOfKind(k))
		}
	}
	if len(allNodeTypes) != numKinds {
		t.Errorf("allNodeTypes lists %d types, kindOf numbers %d", len(allNodeTypes), numKinds)
	}
}
