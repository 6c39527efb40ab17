// Package ruffwasm is test support for comparing buttress's rules with Ruff's, finding by
// finding: it finds node and Ruff's WebAssembly build (the npm package
// @astral-sh/ruff-wasm-nodejs, installed by .ci/run), and runs Ruff on files with an embedded
// script, several node processes at once.
//
// Like the differential tests against CPython (package cpython), a comparison must never
// silently vanish in CI: when BUTTRESS_REQUIRE_CPYTHON is "1", a missing node or Ruff is a test
// failure instead of a skip.
package ruffwasm

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/buttresspy/buttress/internal/cpython"
)

// DirEnv names the directory into which Ruff's WebAssembly build was installed with
// `npm install --prefix DIR @astral-sh/ruff-wasm-nodejs@Version`; the default is
// $XDG_CACHE_HOME/buttress/ruff-wasm (~/.cache/buttress/ruff-wasm). .ci/run installs it there.
const DirEnv = "BUTTRESS_RUFF_DIR"

// Package is the npm package of Ruff's WebAssembly build for node.
const Package = "@astral-sh/ruff-wasm-nodejs"

// Version is the Ruff release the comparisons are made with: another release reports other
// findings, so another version installed is treated as missing.
const Version = "0.17.4"

// SyntaxError is the code of the diagnostics Ruff makes of syntax errors, whatever the
// settings select.
const SyntaxError = "invalid-syntax"

// Script is the node script that runs Ruff (see its first comment for its input and output).
//
//go:embed check.mjs
var Script string

// Dir returns the directory Ruff's WebAssembly build is expected in.
func Dir() string {
	if d := os.Getenv(DirEnv); d != "" {
		return d
	}
	if c, err := os.UserCacheDir(); err == nil {
		return filepath.Join(c, "buttress", "ruff-wasm")
	}
	return filepath.Join(os.TempDir(), "buttress-ruff-wasm")
}

// Ruff is an installed Ruff WebAssembly build and the node that runs it.
type Ruff struct {
	Node string // path of the node executable
	Pkg  string // the package's directory: DIR/node_modules/@astral-sh/ruff-wasm-nodejs
}

// Find locates node and Ruff's WebAssembly build of Version in Dir().
func Find() (*Ruff, error) {
	dir := Dir()
	install := fmt.Sprintf("npm install --prefix %s %s@%s, or set %s", dir, Package, Version, DirEnv)
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, errors.New("ruffwasm: node is not installed (apt-get install nodejs npm), so Ruff's WebAssembly build cannot run")
	}
	pkg := filepath.Join(dir, "node_modules", filepath.FromSlash(Package))
	data, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("ruffwasm: Ruff's WebAssembly build is not installed in %s (%s): %v", dir, install, err)
	}
	var meta struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, fmt.Errorf("ruffwasm: %s: %v (reinstall: %s)", filepath.Join(pkg, "package.json"), err, install)
	}
	if meta.Version != Version {
		return nil, fmt.Errorf("ruffwasm: %s is version %q, and the comparisons are made with %s (%s)", pkg, meta.Version, Version, install)
	}
	return &Ruff{Node: node, Pkg: pkg}, nil
}

// Require returns the installed Ruff. When it or node is missing it skips the test, unless
// BUTTRESS_REQUIRE_CPYTHON is "1", in which case it fails the test with t.Fatal. It returns
// nil only if t.Skip or t.Fatal return (as a fake testing.TB may).
func Require(t testing.TB) *Ruff {
	t.Helper()
	r, err := Find()
	if err == nil {
		return r
	}
	if os.Getenv(cpython.RequireEnv) == "1" {
		t.Fatalf("%v\n%s=1 is set, so a missing Ruff is a failure, not a skip", err, cpython.RequireEnv)
		return nil
	}
	t.Skipf("skipping: %v (set %s=1 to make this a failure)", err, cpython.RequireEnv)
	return nil
}

// Diagnostic is one of Ruff's findings.
type Diagnostic struct {
	// Code is the rule's code ("E722") when the settings have "output-prefer-rule-codes":
	// true or preview off, else possibly its name; SyntaxError for a syntax error.
	Code    string `json:"code"`
	Message string `json:"message"`
	// Row and Column are where it starts, EndRow and EndColumn where it ends: rows are 1-based
	// lines, columns 1-based counts of characters (code points).
	Row       int `json:"row"`
	Column    int `json:"column"`
	EndRow    int `json:"end_row"`
	EndColumn int `json:"end_column"`
}

// File is what Ruff found in one file.
type File struct {
	Path        string       `json:"path"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	// Error is set when the file could not be read or Ruff failed on it.
	Error string `json:"error"`
}

// Check runs Ruff with settings (what pyproject.toml's [tool.ruff] holds, as JSON: for example
// {"lint": {"select": ["E722"]}}) on every file, with up to workers node processes at once
// (one per core when workers <= 0), each checking its share of the files in one run. The
// result has one File per path, in the same order. Ruff reads each file as UTF-8 with the
// settings of no project around it. An error means Ruff could not run at all (node failed,
// or Ruff rejected the settings).
func (r *Ruff) Check(settings any, paths []string, workers int) ([]File, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(paths)))
	if len(paths) == 0 {
		return nil, nil
	}
	// Round robin, so that the big files of one directory do not all land on one process.
	shares := make([][]int, workers)
	for i := range paths {
		shares[i%workers] = append(shares[i%workers], i)
	}
	out := make([]File, len(paths))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w, share := range shares {
		wg.Add(1)
		go func() {
			defer wg.Done()
			files := make([]string, len(share))
			for i, p := range share {
				files[i] = paths[p]
			}
			res, err := r.run(settings, files)
			if err != nil {
				errs[w] = err
				return
			}
			for i, p := range share {
				out[p] = res[i]
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// liftoffOnly is node's flag that compiles WebAssembly with V8's baseline compiler (Liftoff)
// only. Without it, V8's optimising compiler spends about 5 s of CPU per process on Ruff's
// 10 MB module, in background threads, and gains nothing back on a thousand files: with it the
// agreement test's sample takes 1.5 s of CPU instead of 6.3 s, with the same output.
const liftoffOnly = "--liftoff-only"

// noLiftoffOnly is set once a node has rejected liftoffOnly as a bad option.
var noLiftoffOnly atomic.Bool

// run checks files with one node process.
func (r *Ruff) run(settings any, files []string) ([]File, error) {
	res, badOption, err := r.runNode(settings, files, !noLiftoffOnly.Load())
	if badOption {
		noLiftoffOnly.Store(true)
		res, _, err = r.runNode(settings, files, false)
	}
	return res, err
}

// runNode checks files with one node process, with liftoffOnly or not; badOption says that
// node rejected liftoffOnly.
func (r *Ruff) runNode(settings any, files []string, liftoff bool) (res []File, badOption bool, err error) {
	input, err := json.Marshal(struct {
		Settings any      `json:"settings"`
		Files    []string `json:"files"`
	}{settings, files})
	if err != nil {
		return nil, false, fmt.Errorf("ruffwasm: the settings are not JSON: %v", err)
	}
	args := []string{"--input-type=module", "--eval", Script, "--", r.Pkg}
	if liftoff {
		args = append([]string{liftoffOnly}, args...)
	}
	cmd := exec.Command(r.Node, args...)
	cmd.Stdin = bytes.NewReader(input)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, false, err
	}
	if err := cmd.Start(); err != nil {
		return nil, false, fmt.Errorf("ruffwasm: starting %s: %v", r.Node, err)
	}
	dec := json.NewDecoder(stdout)
	res = make([]File, 0, len(files))
	var readErr error
	for len(res) < len(files) {
		var f File
		if readErr = dec.Decode(&f); readErr != nil {
			break
		}
		if f.Path != files[len(res)] {
			readErr = fmt.Errorf("the answer for %s came where %s was expected", f.Path, files[len(res)])
			break
		}
		res = append(res, f)
	}
	_, _ = io.Copy(io.Discard, stdout)
	waitErr := cmd.Wait()
	if readErr != nil || waitErr != nil {
		if readErr == io.EOF {
			readErr = io.ErrUnexpectedEOF
		}
		msg := strings.TrimSpace(stderr.String())
		if liftoff && len(res) == 0 && strings.Contains(msg, "bad option") && strings.Contains(msg, liftoffOnly) {
			return nil, true, nil
		}
		if len(msg) > 2000 {
			msg = "..." + msg[len(msg)-2000:]
		}
		return nil, false, fmt.Errorf("ruffwasm: node running Ruff %s on %d files failed after %d (reading: %v; exit: %v): %s",
			Version, len(files), len(res), readErr, waitErr, msg)
	}
	return res, false, nil
}
