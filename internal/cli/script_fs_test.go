package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// Commands for the scripts that make what a txtar archive cannot hold (named pipes, sockets),
// and that run buttress without root's power to read anything:
//
//	mkfifo NAME...            make named pipes
//	mksocket NAME...          make Unix sockets (no one listens on them)
//	unprivileged N PROG ARGS  run PROG as exec does, as an unprivileged user when the test
//	                          runs as root, and check that it exits with code N (* for any)
//
// and the condition [unprivileged]: unprivileged can run (the test does not run as root, or
// setpriv or runuser is installed). Guard mkfifo and mksocket with [unix].
func withFSCmds(cmds map[string]func(ts *testscript.TestScript, neg bool, args []string)) map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	cmds["mkfifo"] = func(ts *testscript.TestScript, neg bool, args []string) {
		makeNodes(ts, neg, args, mkfifo)
	}
	cmds["mksocket"] = func(ts *testscript.TestScript, neg bool, args []string) {
		makeNodes(ts, neg, args, mksocket)
	}
	cmds["unprivileged"] = unprivileged
	return cmds
}

func makeNodes(ts *testscript.TestScript, neg bool, args []string, mk func(string) error) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: mkfifo|mksocket NAME...")
	}
	for _, name := range args {
		if err := mk(ts.MkAbs(name)); err != nil {
			ts.Fatalf("%s: %v", name, err)
		}
	}
}

// scriptCondition answers the scripts' own conditions.
func scriptCondition(cond string) (bool, error) {
	if cond == "unprivileged" {
		return os.Geteuid() != 0 || dropPrivileges() != nil, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// dropPrivileges returns the command line that runs a program as the user nobody (the
// program follows it), or nil when no tool for it is installed.
func dropPrivileges() []string {
	if p, err := exec.LookPath("setpriv"); err == nil {
		return []string{p, "--reuid=65534", "--regid=65534", "--clear-groups", "--"}
	}
	if p, err := exec.LookPath("runuser"); err == nil {
		return []string{p, "-u", "nobody", "--"}
	}
	return nil
}

// unprivileged runs a program as the user nobody when the test runs as root, since root
// reads every file and searches every directory whatever their permissions: with setpriv,
// else runuser (see the condition [unprivileged]). The program and the script's work
// directory must then be reachable by that user: the temporary directories that hold them,
// which the test made, get search permission for others.
func unprivileged(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: unprivileged N PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if args[0] == "*" {
		want = -1
	} else if err != nil {
		ts.Fatalf("unprivileged: %q is not an exit code (or *, any)", args[0])
	}
	prog, rest := args[1], args[2:]
	if os.Geteuid() == 0 {
		path := ts.Getenv("PATH")
		bin := ""
		for _, dir := range filepath.SplitList(path) {
			if p := filepath.Join(dir, prog); isExecutable(p) {
				bin = p
				break
			}
		}
		if bin == "" {
			ts.Fatalf("unprivileged: %s not found in $PATH", prog)
		}
		searchable(ts, filepath.Dir(bin))
		searchable(ts, ts.Getenv("WORK"))
		drop := dropPrivileges()
		if drop == nil {
			ts.Fatalf("unprivileged: running as root, and neither setpriv nor runuser is installed: guard the command with [unprivileged]")
		}
		wrapped := append(append(drop, bin), rest...)
		prog, rest = wrapped[0], wrapped[1:]
	}
	got := 0
	if err := ts.Exec(prog, rest...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("unprivileged: %v", err)
		}
		got = ee.ExitCode()
	}
	if want >= 0 && got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// searchable gives others search permission on dir and the directories above it, up to the
// system's temporary directory: the temporary directories of the test.
func searchable(ts *testscript.TestScript, dir string) {
	tmp := filepath.Clean(os.TempDir())
	for d := filepath.Clean(dir); strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			ts.Fatalf("unprivileged: %v", err)
		}
		if fi.Mode().Perm()&0o001 == 0 {
			ts.Check(os.Chmod(d, fi.Mode().Perm()|0o001))
		}
	}
}
