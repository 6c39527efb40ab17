package summary

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// sourceRefs returns the paths of the strings reachable from v whose bytes lie in src: each
// keeps the whole source of its file alive as long as the summary is (a third of the live
// heap of check --select ALL on the standard library, before they were cloned).
func sourceRefs(v reflect.Value, src string) []string {
	lo := uintptr(unsafe.Pointer(unsafe.StringData(src)))
	hi := lo + uintptr(len(src))
	var out []string
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			if s := v.String(); s != "" {
				if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p >= lo && p < hi {
					out = append(out, path+" = "+s)
				}
			}
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem(), path)
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), path+"[]")
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(it.Key(), path+"{key}")
				walk(it.Value(), path+"{value}")
			}
		}
	}
	walk(v, "")
	return out
}

// TestSummaryKeepsNoSource summarises files with every rule, the usage facts, the entities
// and the metrics, and checks that no string of a summary shares the bytes of its source: a
// substring of it kept in a summary keeps the whole file in memory to the end of the run.
func TestSummaryKeepsNoSource(t *testing.T) {
	opts := Options{TargetVersion: parser.Version(312), Rules: allRules(t), Metrics: true, Usage: true, Entities: true}
	check := func(name, src string) {
		t.Helper()
		f := fromSource(&File{Input: Input{Rel: name, Module: strings.TrimSuffix(name, ".py")}}, src, opts, nil)
		if refs := sourceRefs(reflect.ValueOf(f).Elem(), src); len(refs) > 0 {
			t.Errorf("%s: %d strings of the summary share the source's bytes, the first: %s", name, len(refs), refs[0])
		}
	}
	// A finding in a top-level def (its Symbol), a noqa comment in upper case, a
	// suppression, a class for the entities, __all__, imports.
	check("mod.py", `"""Doc."""
import os
from typing import Any

__all__ = ["Point", "f"]


class Point:
    x: int
    y: "Any"


def f(a, b=[]):  # noqa: B006
    try:
        return os.path.join(a, b)
    except:  # buttress: ignore[ERR001]  reason
        pass
`)
	root := cpython.Stdlib(t, "3.12")
	paths, err := cpython.PyFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(paths); i += 25 {
		b, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, paths[i])
		check(filepath.ToSlash(rel), string(b))
	}
}
