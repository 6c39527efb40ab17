package analysis

import (
	"testing"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/parser"
)

func TestImportedQualified(t *testing.T) {
	src := `import functools as ft
import os.path
import asyncio
from asyncio import create_task as spawn
from . import local
from .rel import thing
def f():
    from concurrent.futures import CancelledError
ft.lru_cache
os.path.join
spawn
asyncio.exceptions.CancelledError
CancelledError
local
thing
print
x.y
`
	res := parser.Parse([]byte(src), parser.Options{})
	if len(res.Errors) > 0 {
		t.Fatal(res.Errors[0])
	}
	im := newImported(res.Module)
	want := []string{"functools.lru_cache", "os.path.join", "asyncio.create_task", "asyncio.exceptions.CancelledError", "concurrent.futures.CancelledError", "", "", "", ""}
	var got []string
	for _, s := range res.Module.Body[7:] {
		got = append(got, im.Qualified(s.(*ast.ExprStmt).Value))
	}
	if len(got) != len(want) {
		t.Fatalf("got %d expressions, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("expression %d: Qualified = %q, want %q", i, got[i], want[i])
		}
	}
}
