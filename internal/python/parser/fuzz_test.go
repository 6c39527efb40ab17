package parser

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/python/ast"
	"github.com/buttresspy/buttress/internal/python/token"
)

// The fuzz targets' seed corpora are in testdata/fuzz/FuzzTokenize and testdata/fuzz/FuzzParse;
// a plain `go test` runs them as regression tests. Fuzz with, for example,
//
//	go test -run XXX -fuzz FuzzParse -fuzztime 3m ./internal/python/parser/
//
// A crasher lands in testdata/fuzz/<target>/ and stays there as a regression seed.

// deadline turns a hang into a failure; it is not a speed requirement.
const deadline = 20 * time.Second

// watchdog crashes the process, naming what hung, if stop is not called within d. A fuzz
// worker that crashes has its input saved as a crasher, which a plain hang would not.
func watchdog(d time.Duration, what string) (stop func() bool) {
	return time.AfterFunc(d, func() { panic(fmt.Sprintf("%s did not return within %v", what, d)) }).Stop
}

func FuzzTokenize(f *testing.F) {
	f.Fuzz(func(t *testing.T, src string) {
		stop := watchdog(deadline, "tokenize")
		defer stop()
		skipKnownBugs(t, []byte(src))
		// What Parse hands the lexer: decoded, "\n" line ends.
		if text, err := prepare(src); err == nil {
			toks, errs := tokenize(string(text))
			checkTokens(t, string(text), toks, errs)
		}
		// The lexer never panics nor loops, even on text that prepare would have refused or
		// changed (carriage returns, invalid UTF-8, NUL bytes).
		toks, errs := tokenize(src)
		checkTokens(t, src, toks, errs)
	})
}

func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, src []byte) {
		stop := watchdog(deadline, "Parse")
		defer stop()
		skipKnownBugs(t, src)
		res := Parse(src, Options{})
		checkInvariants(t, src, res)
		// Parsing is deterministic: the pooled token buffers leave no trace.
		again := Parse(src, Options{})
		if !reflect.DeepEqual(res.Module, again.Module) || !reflect.DeepEqual(res.Errors, again.Errors) {
			t.Errorf("a second Parse of the same bytes gives another result")
		}
		// An older target version only adds errors ("... requires Python 3.N or newer"); it
		// never makes a rejected file valid. (It may hide a syntax error next to a version
		// error: errorExpected takes any error at the same place for a lexer error.)
		old := Parse(src, Options{TargetVersion: 308})
		checkInvariants(t, src, old)
		// Lexing as the parser goes gives what lexing the whole file first gives.
		if text, err := prepare(string(src)); err == nil {
			checkStreamingAgrees(t, "the input", text, 313)
			checkStreamingAgrees(t, "the input", text, 308)
		}
		if len(res.Errors) > 0 && len(old.Errors) == 0 {
			t.Errorf("rejected for Python 3.13 (%v) but accepted for 3.8 (source %.200q)", res.Errors[0], src)
		}
	})
}

// skipKnownBugs skips inputs that hit a known, reported bug, so that fuzzing goes on looking
// for new ones. Remove each check once its bug is fixed; TestKnownCrashers keeps a reproducer.
func skipKnownBugs(t *testing.T, src []byte) {
	t.Helper()
	texts := []string{string(src)} // FuzzTokenize also lexes the raw bytes
	if text, err := prepare(string(src)); err == nil {
		texts = append(texts, string(text))
	}
	_ = texts // no known bug to skip today; add checks here as bugs are found
}

// knownCrashers are inputs on which Parse panics, hangs or breaks an invariant today. Each is
// skipped while it still fails, and reported once it passes: then move it to
// testdata/fuzz/FuzzParse as a regression seed and delete it here.
var knownCrashers = []struct{ src, bug string }{}

func TestKnownCrashers(t *testing.T) {
	for _, c := range knownCrashers {
		t.Run(fmt.Sprintf("%q", c.src), func(t *testing.T) {
			failure := func() (msg string) {
				defer func() {
					if r := recover(); r != nil {
						msg = fmt.Sprint("panic: ", r)
					}
				}()
				stop := watchdog(deadline, "Parse")
				defer stop()
				res := Parse([]byte(c.src), Options{})
				toks, _ := tokenize(res.Src)
				for _, tk := range toks {
					if int(tk.End) > len(res.Src) {
						return fmt.Sprintf("token %v ends at %d, past the %d bytes of the source", tk.Kind, tk.End, len(res.Src))
					}
				}
				return ""
			}()
			if failure != "" {
				t.Skipf("known bug: %s: %s", c.bug, failure)
			}
			t.Errorf("no longer fails (%s): move it to testdata/fuzz/FuzzParse and delete it from knownCrashers", c.bug)
		})
	}
}

// checkTokens checks the lexer's output: tokens in order, within the source, ending with one
// ENDMARKER at the end of the source; errors within the source.
func checkTokens(t *testing.T, src string, toks []token.Token, errs []*Error) {
	t.Helper()
	n := int32(len(src))
	if len(toks) == 0 {
		t.Fatalf("no tokens (not even ENDMARKER) for %.200q", src)
	}
	prevEnd := int32(0)
	for i, tk := range toks {
		if tk.Start < 0 || tk.Start > tk.End || tk.End > n {
			t.Fatalf("token %d %v [%d,%d) is outside the source of %d bytes, or inverted (source %.200q)", i, tk.Kind, tk.Start, tk.End, n, src)
		}
		if tk.Start < prevEnd {
			t.Fatalf("token %d %v [%d,%d) starts before the end %d of the previous token %v (source %.200q)", i, tk.Kind, tk.Start, tk.End, prevEnd, toks[i-1].Kind, src)
		}
		prevEnd = tk.End
		if tk.Kind == token.ENDMARKER && i != len(toks)-1 {
			t.Fatalf("ENDMARKER is token %d of %d (source %.200q)", i, len(toks), src)
		}
	}
	if last := toks[len(toks)-1]; last.Kind != token.ENDMARKER {
		t.Fatalf("the last token is %v, not ENDMARKER (source %.200q)", last.Kind, src)
	}
	for _, e := range errs {
		if e.Offset < 0 || e.Offset > len(src) || e.Msg == "" {
			t.Fatalf("lexer error %q at offset %d is outside the source of %d bytes or has no message (source %.200q)", e.Msg, e.Offset, len(src), src)
		}
	}
}

// checkInvariants checks what holds for any parse result: a module; every node's span within
// the source with Start <= End; errors in order, with a message, on a line of the source.
func checkInvariants(t *testing.T, src []byte, res *Result) {
	t.Helper()
	if res == nil || res.Module == nil || res.Lines == nil {
		t.Fatalf("Parse returned an incomplete result for %.200q", src)
	}
	n := len(res.Src)
	nlines := res.Lines.Lines()
	for i, e := range res.Errors {
		if e.Msg == "" {
			t.Errorf("error %d at %d:%d has no message (source %.200q)", i, e.Line, e.Col, src)
		}
		if res.Src == "" && len(src) > 0 && !onlyBOM(src) {
			// The file could not be decoded: the error has a line of the raw bytes at most.
			if e.Line < 0 || e.Line > bytes.Count(src, []byte("\n"))+1 {
				t.Errorf("error %v: line %d is not a line of the raw source (source %.200q)", e, e.Line, src)
			}
			continue
		}
		if e.Offset < 0 || e.Offset > n {
			t.Errorf("error %v: offset %d is outside the source of %d bytes (source %.200q)", e, e.Offset, n, src)
		}
		if e.Line < 1 || e.Line > nlines {
			t.Errorf("error %v: line %d is not one of the %d lines (source %.200q)", e, e.Line, nlines, src)
		}
		if l, c := res.Lines.Position(e.Offset); l != e.Line || c != e.Col {
			t.Errorf("error %v: its offset %d is at %d:%d (source %.200q)", e, e.Offset, l, c, src)
		}
		// Errors are sorted by position, except that "'(' was never closed" may come after
		// a later error that recovery from it led to, and an unterminated f-string (reported
		// at its start) after the errors inside it (as CPython reports them).
		if i > 0 && res.Errors[i-1].Offset > e.Offset && !strings.HasSuffix(res.Errors[i-1].Msg, "was never closed") &&
			!strings.HasSuffix(e.Msg, "was never closed") && !unterminatedFString(e.Msg) {
			t.Errorf("errors out of order: %v before %v (source %.200q)", res.Errors[i-1], e, src)
		}
	}
	if len(res.Errors) == 0 && res.Src == "" && len(src) > 0 && !onlyBOM(src) {
		t.Errorf("no error, yet no source text either (source %.200q)", src)
	}
	walkNodes(reflect.ValueOf(res.Module), func(node ast.Node, depth int) {
		s, e := node.Pos(), node.EndPos()
		if s < 0 || s > e || e > n {
			t.Errorf("a %T at depth %d has the span [%d,%d), outside the source of %d bytes or inverted (source %.200q)", node, depth, s, e, n, src)
		}
	}, 0)
}

func onlyBOM(src []byte) bool { return string(src) == "\xef\xbb\xbf" }

var nodeType = reflect.TypeOf((*ast.Node)(nil)).Elem()

// walkNodes calls fn for every node reachable from v (a node, a pointer to one, an interface
// holding one, or a slice of those), with its depth in the tree.
func walkNodes(v reflect.Value, fn func(ast.Node, int), depth int) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			walkNodes(v.Elem(), fn, depth)
		}
	case reflect.Pointer:
		if v.IsNil() || v.Elem().Kind() != reflect.Struct {
			return
		}
		if v.Type().Implements(nodeType) {
			fn(v.Interface().(ast.Node), depth)
		}
		e := v.Elem()
		for i := 0; i < e.NumField(); i++ {
			f := e.Type().Field(i)
			if f.Anonymous || !f.IsExported() {
				continue
			}
			walkNodes(e.Field(i), fn, depth+1)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkNodes(v.Index(i), fn, depth)
		}
	}
}

// parseWithin parses src in a goroutine and fails the test, instead of crashing or hanging,
// when Parse panics or does not return within d. It returns nil after such a failure.
func parseWithin(t *testing.T, src []byte, d time.Duration) *Result {
	t.Helper()
	type outcome struct {
		res   *Result
		panic any
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{panic: r}
			}
		}()
		done <- outcome{res: Parse(src, Options{})}
	}()
	select {
	case o := <-done:
		if o.panic != nil {
			t.Errorf("Parse panicked: %v", o.panic)
			return nil
		}
		return o.res
	case <-time.After(d):
		t.Errorf("Parse did not return within %v", d)
		return nil
	}
}

// unterminatedFString reports whether msg is the lexer's error for an f-string or t-string
// never closed, which sorts where it was found, at its end.
func unterminatedFString(msg string) bool {
	return strings.HasPrefix(msg, "unterminated ") && (strings.Contains(msg, "f-string literal") || strings.Contains(msg, "t-string literal"))
}
