package api

import (
	"strings"
	"testing"
)

func TestReexportFromPrivateModule(t *testing.T) {
	a := build(t, map[string]string{
		"pkg/__init__.py": "from ._client import Client\nfrom ._util import *\nimport os\n",
		"pkg/_client.py":  "from typing import Optional\nclass Client:\n    def __init__(self, url: str, timeout: Optional[int] = None) -> None:\n        self.url = url\n    def send(self, data: 'bytes', *, retries: int = 3) -> bool: ...\n    @property\n    def closed(self) -> bool: ...\n    def _private(self): ...\n",
		"pkg/_util.py":    "__all__ = ['helper']\ndef helper(x, /, y=1, *args, **kw): ...\ndef other(): ...\n",
		"pkg/sub.py":      "from pkg._client import Client as Client\nVALUE: int = 3\n",
	})
	got := strings.Join(paths(a), "\n")
	want := strings.Join([]string{
		"pkg:module", "pkg.Client:class", "pkg.Client.__init__:method", "pkg.Client.closed:property",
		"pkg.Client.send:method", "pkg.Client.url:attribute", "pkg.helper:function", "pkg.sub:module",
		"pkg.sub.Client:alias", "pkg.sub.VALUE:attribute",
	}, "\n")
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	init := a.Lookup("pkg.Client.__init__")
	if len(init.Params) != 2 || init.Params[1].Annotation != "int | None" || init.Params[1].Default != "None" {
		t.Errorf("__init__ params: %+v", init.Params)
	}
	if u := a.Lookup("pkg.Client.url"); u.Type != "str" {
		t.Errorf("url type %q", u.Type)
	}
	h := a.Lookup("pkg.helper")
	kinds := []string{}
	for _, p := range h.Params {
		kinds = append(kinds, p.Kind)
	}
	if strings.Join(kinds, ",") != "positional-only,positional-or-keyword,var-positional,var-keyword" {
		t.Errorf("helper kinds %v", kinds)
	}
}

func TestNormalizeType(t *testing.T) {
	spellings := [][]string{
		{"Optional[int]", "int | None", "Union[int, None]", "'int | None'", "None | int", "typing.Optional[int]", "Union[None, int, None]"},
		{"List[int]", "list[int]", "typing.List[int]", "'list[int]'", "List['int']"},
		{"Dict[str, Any]", "dict[str, typing.Any]"},
		{"Callable[[int], str]", "collections.abc.Callable[[int], str]"},
		{"Annotated[int, 'meta']", "int"},
	}
	for _, group := range spellings {
		var first string
		for i, s := range group {
			src := "import typing, collections.abc\nfrom typing import *\nx: " + s + "\n"
			a := build(t, map[string]string{"m.py": src})
			got := a.Lookup("m.x").Type
			if i == 0 {
				first = got
			} else if got != first {
				t.Errorf("%s normalises to %q, %s to %q", group[0], first, s, got)
			}
		}
	}
}

// TestExclude: an excluded module is not part of the API, but what a public module
// re-exports from it is.
func TestExclude(t *testing.T) {
	files := map[string]string{
		"pkg/__init__.py":         "from .testing.fakes import FakeClient\n",
		"pkg/testing/__init__.py": "",
		"pkg/testing/fakes.py":    "class FakeClient: ...\ndef helper(): ...\n",
		"pkg/core.py":             "def run(): ...\n",
	}
	var fs []File
	for rel, src := range files {
		fs = append(fs, fileOf(rel, []byte(src)))
	}
	a := Build(fs, []string{"pkg"}, "pkg.testing")
	got := strings.Join(paths(a), " ")
	if got != "pkg:module pkg.FakeClient:class pkg.core:module pkg.core.run:function" {
		t.Errorf("got %s", got)
	}
	a = Build(fs, []string{"pkg"}, "pkg.*.fakes")
	if a.Lookup("pkg.testing") == nil || a.Lookup("pkg.testing.fakes") != nil {
		t.Errorf("a pattern: got %s", strings.Join(paths(a), " "))
	}
}
