package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"buttress": func() { os.Exit(Main(os.Args[1:], os.Stdout, os.Stderr)) },
		"nodac":    nodac,
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a txtar archive with
// the files of a small project and the buttress commands to run on it, with their expected
// output. Run with -update to rewrite the expected output from what buttress prints.
//
// Besides testscript's commands, `status N PROGRAM ARGS...` runs a program as exec does and
// checks that it exits with code N (exec and ! exec tell only success from failure); on
// Linux, `pty` runs a program on a terminal and can interrupt it (see ptyCmd). The program
// `nodac PROGRAM ARGS...` runs a program that root's capabilities do not let read every file
// (see nodac). The condition [root] holds when the tests run as root.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("BUTTRESS_UPDATE_SCRIPTS") == "1",
		Cmds:          withFSCmds(scriptCmds),
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, errors.New("unknown condition " + cond)
		},
	})
}

// scriptCmds are the commands the scripts have besides testscript's.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"status": status, "damagecache": damageCache, "gitlabschema": gitlabSchema, "jsonlines": jsonLines,
	"age": age,
}

// age sets the modification time of files and directories an hour back, older than the
// cache's racy window: `age PATH...`.
func age(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: age PATH...")
	}
	old := time.Now().Add(-time.Hour)
	for _, a := range args {
		ts.Check(os.Chtimes(ts.MkAbs(a), old, old))
	}
}

// gitlabSchemaFile is GitLab's Code Quality report format as a JSON schema (see the report
// package's tests).
const gitlabSchemaFile = "../report/testdata/schema/gitlab-codequality.schema.json"

// gitlabSchema checks that a file is a valid GitLab Code Quality report: `gitlabschema FILE`.
func gitlabSchema(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: gitlabschema FILE")
	}
	c := jsonschema.NewCompiler()
	schema, err := c.Compile(gitlabSchemaFile)
	if err != nil {
		ts.Fatalf("compiling %s: %v", gitlabSchemaFile, err)
	}
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(ts.ReadFile(args[0])))
	if err == nil {
		err = schema.Validate(inst)
	}
	if neg != (err != nil) {
		ts.Fatalf("%s against GitLab's Code Quality schema: %v", args[0], err)
	}
}

// jsonLines reads a file line by line, each line one JSON object with a code, and checks
// their number: `jsonlines FILE N`.
func jsonLines(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: jsonlines FILE N")
	}
	want, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("jsonlines: %q is not a number", args[1])
	}
	text := ts.ReadFile(args[0])
	n := 0
	for line := range strings.Lines(text) {
		var f struct {
			Code string `json:"code"`
			Path string `json:"path"`
			Line *int   `json:"line"`
		}
		dec := json.NewDecoder(strings.NewReader(line))
		if err := dec.Decode(&f); err != nil || dec.More() || f.Code == "" || f.Line == nil {
			ts.Fatalf("line %d is not one finding (%v): %s", n+1, err, line)
		}
		n++
	}
	if n != want {
		ts.Fatalf("%d lines, want %d", n, want)
	}
}

func status(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: status N PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status: %q is not an exit code", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("status: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

// TestExitCodes checks the documented exit codes: 0 nothing found, 1 findings, 2 usage,
// configuration or internal error.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("ok/pkg/__init__.py", "")
	write("ok/pkg/a.py", "from pkg import b\n")
	write("ok/pkg/b.py", "")
	write("cycle/pkg/__init__.py", "")
	write("cycle/pkg/a.py", "from pkg import b\n")
	write("cycle/pkg/b.py", "from pkg import a\n")
	write("badcfg/buttress.toml", "nope = 1\n")
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"graph", "--cycles", filepath.Join(dir, "ok")}, ExitOK},
		{[]string{"graph", "--cycles", filepath.Join(dir, "cycle")}, ExitFindings},
		{[]string{"graph", filepath.Join(dir, "badcfg")}, ExitError},
		{[]string{"graph", "--format", "yaml", filepath.Join(dir, "ok")}, ExitError},
		{[]string{"graph", "--no-such-flag"}, ExitError},
		{[]string{"why", "--project", filepath.Join(dir, "ok"), "pkg.a", "pkg.b"}, ExitOK},
		{[]string{"why", "--project", filepath.Join(dir, "ok"), "pkg.b", "pkg.a"}, ExitFindings},
		{[]string{"no-such-command"}, ExitError},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		if got := Main(c.args, &out, &errOut); got != c.want {
			t.Errorf("buttress %v: exit %d, want %d\nstdout: %s\nstderr: %s", c.args, got, c.want, out.String(), errOut.String())
		}
	}
}

// TestDocsSelfContained checks that the README, docs/ and the commands' help point only at
// files of the repository: a user's clone has no ../shared beside it.
func TestDocsSelfContained(t *testing.T) {
	var files []string
	for _, pattern := range []string{"../../README.md", "../../docs/*.md", "*.go"} {
		ms, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, ms...)
	}
	if len(files) < 5 {
		t.Fatalf("found only %v", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"../shared", "shared/specs"} {
			if bytes.Contains(b, []byte(bad)) && filepath.Base(f) != "cli_test.go" {
				t.Errorf("%s mentions %s, which a clone of the repository does not have: point at docs/", f, bad)
			}
		}
	}
	if _, err := os.Stat("../../docs/ast-json.md"); err != nil {
		t.Errorf("docs/ast-json.md, the AST JSON spec the README and `debug ast --help` point at: %v", err)
	}
}
