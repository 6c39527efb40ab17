package api

import (
	"sort"
	"strings"
	"testing"
)

// build builds the API of files given as path → source ("pkg/__init__.py").
func build(t *testing.T, files map[string]string) *API {
	t.Helper()
	var fs []File
	pkgs := map[string]bool{}
	for rel, src := range files {
		fs = append(fs, fileOf(rel, []byte(src)))
		pkgs[strings.SplitN(rel, "/", 2)[0]] = true
	}
	var ps []string
	for p := range pkgs {
		ps = append(ps, strings.TrimSuffix(strings.TrimSuffix(p, ".py"), ".pyi"))
	}
	sort.Strings(ps)
	return Build(fs, ps)
}

func paths(a *API) []string {
	var out []string
	for _, o := range a.Objects {
		out = append(out, o.Path+":"+o.Kind)
	}
	return out
}
