package parser_test

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/buttresspy/buttress/internal/python/astjson"
	"github.com/buttresspy/buttress/internal/python/parser"
)

// TestDumpHashes writes, for every .py file of the pyenv standard libraries 3.8 to 3.13
// (site-packages included) and the fuzz corpus, one line of hashes: the AST JSON and errors
// (default target and 3.8), the comments, and the lexer's tokens and errors. It runs only when
// BUTTRESS_PARSER_DUMP names the output file; two outputs, before and after a change to the
// parser, must be byte-identical. With BUTTRESS_PARSER_DUMP_ARENA set, each worker parses
// into one Arena, reset before each file: the hashes must be those made without.
func TestDumpHashes(t *testing.T) {
	out := os.Getenv("BUTTRESS_PARSER_DUMP")
	if out == "" {
		t.Skip("BUTTRESS_PARSER_DUMP not set")
	}
	root := os.Getenv("PYENV_ROOT")
	if root == "" {
		root = filepath.Join(os.Getenv("HOME"), ".pyenv")
	}
	var files []string
	for _, v := range []string{"3.8", "3.9", "3.10", "3.11", "3.12", "3.13"} {
		dirs, _ := filepath.Glob(filepath.Join(root, "versions", v+".*", "lib", "python"+v))
		if len(dirs) == 0 {
			t.Fatalf("no stdlib for %s under %s", v, root)
		}
		filepath.WalkDir(dirs[0], func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() && strings.HasSuffix(path, ".py") {
				files = append(files, path)
			}
			return nil
		})
	}
	fuzz, _ := filepath.Glob("testdata/fuzz/*/*")
	files = append(files, fuzz...)
	sort.Strings(files)
	lines := make([]string, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var arena *parser.Arena
			if os.Getenv("BUTTRESS_PARSER_DUMP_ARENA") != "" {
				arena = new(parser.Arena) // the same hashes, each tree parsed over the last
			}
			for i := range next {
				lines[i] = dumpOne(files[i], arena)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	for _, l := range lines {
		w.WriteString(l)
	}
	w.Flush()
	f.Close()
	t.Logf("%d files", len(files))
}

func dumpOne(path string, arena *parser.Arena) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("%s read error %v\n", path, err)
	}
	if strings.Contains(path, "testdata/fuzz/") {
		data = fuzzInput(data)
	}
	h := func(b []byte) string { s := sha256.Sum256(b); return fmt.Sprintf("%x", s[:8]) }
	var b strings.Builder
	b.WriteString(path)
	for _, target := range []parser.Version{0, 308} {
		if arena != nil {
			arena.Reset()
		}
		res := parser.Parse(data, parser.Options{TargetVersion: target, Arena: arena})
		jh := sha256.New()
		astjson.WriteFile(jh, "f", res)
		var e []byte
		for _, x := range res.Errors {
			e = fmt.Appendf(e, "%d %d:%d %s\n", x.Offset, x.Line, x.Col, x.Msg)
		}
		var c []byte
		for _, s := range res.Comments {
			c = fmt.Appendf(c, "%d-%d ", s.Start, s.End)
		}
		fmt.Fprintf(&b, " ast=%x err=%s(%d) com=%s", jh.Sum(nil)[:8], h(e), len(res.Errors), h(c))
	}
	if text, perr := parser.Prepare(string(data)); perr == nil {
		toks, errs := parser.Tokenize(text)
		var tb []byte
		for _, t := range toks {
			tb = fmt.Appendf(tb, "%d %d %d %v\n", t.Kind, t.Start, t.End, t.NonASCII)
		}
		for _, x := range errs {
			tb = fmt.Appendf(tb, "E %d %s\n", x.Offset, x.Msg)
		}
		fmt.Fprintf(&b, " tok=%s(%d)", h(tb), len(toks))
	}
	b.WriteByte('\n')
	return b.String()
}

// fuzzInput decodes a file of Go's fuzz corpus ("go test fuzz v1" and one quoted value).
func fuzzInput(data []byte) []byte {
	lines := strings.SplitN(string(data), "\n", 3)
	if len(lines) < 2 {
		return data
	}
	v := strings.TrimSpace(lines[1])
	if i := strings.IndexByte(v, '('); i >= 0 && strings.HasSuffix(v, ")") {
		v = v[i+1 : len(v)-1]
	}
	s, err := strconv.Unquote(v)
	if err != nil {
		return data
	}
	return []byte(s)
}
