// Package gitrepo reads what buttress needs from a git repository: refs, the merge-base of a
// ref and HEAD, and the lines changed since a commit (committed, staged, unstaged and
// untracked).
//
// It runs the git program rather than reading git's files itself: the user's git is the one
// that wrote the repository, so it reads every format it can be in (packed and loose refs,
// reftable, SHA-256 objects, partial and shallow clones, worktrees, sparse checkouts,
// split indexes, safe.directory and the rest of the configuration) exactly as the user's
// other tools see it, and buttress carries no second implementation of git to keep in step.
// The cost is a process per query (a handful per run, a few milliseconds each) and a git
// program on PATH, which every CI runner that checks out a repository has.
//
// Every command is run with the options that make its output independent of the user's
// configuration (no colour, no external diff, no pager, fixed path prefixes, unquoted
// paths) and with GIT_OPTIONAL_LOCKS=0, so that buttress never takes the index lock a
// concurrent git command needs.
package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Repo is a git work tree.
type Repo struct {
	// Top is the work tree's top-level directory: absolute, symbolic links resolved.
	Top string
	git string
}

// Error is a failure with the cause and what to do about it, ready to show.
type Error struct {
	Kind ErrorKind
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// ErrorKind says what went wrong.
type ErrorKind int

// Error kinds.
const (
	NoGit       ErrorKind = iota + 1 // the git program is not on PATH
	NotRepo                          // the directory is in no git work tree
	NoCommit                         // HEAD names no commit yet
	NoRef                            // the ref names no commit of the clone
	NoMergeBase                      // the ref and HEAD have no common ancestor in the clone
	GitFailed                        // git failed otherwise (its message is in Msg)
)

// IsKind reports whether err is an *Error of kind k.
func IsKind(err error, k ErrorKind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}

// Open finds the git work tree that holds dir.
func Open(dir string) (*Repo, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, &Error{NoGit, "git is not installed, or not on PATH: buttress runs it to read what changed; install git"}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	r := &Repo{git: git, Top: abs}
	out, stderr, err := r.run(abs, "rev-parse", "--show-toplevel")
	if err != nil {
		if strings.Contains(stderr, "not a git repository") {
			return nil, &Error{NotRepo, fmt.Sprintf("%s is not in a git repository", abs)}
		}
		if strings.Contains(stderr, "must be run in a work tree") || strings.Contains(stderr, "this operation must be run in a work tree") {
			return nil, &Error{NotRepo, fmt.Sprintf("%s is inside a git directory, not a work tree with checked-out files", abs)}
		}
		return nil, gitFailed("rev-parse --show-toplevel", stderr, err)
	}
	top := strings.TrimSpace(out)
	if top == "" {
		return nil, &Error{NotRepo, fmt.Sprintf("%s is inside a git directory, not a work tree with checked-out files", abs)}
	}
	if t, err := filepath.EvalSymlinks(top); err == nil {
		top = t
	}
	r.Top = filepath.Clean(top)
	return r, nil
}

// run runs git in dir with args and returns its standard output and error.
func (r *Repo) run(dir string, args ...string) (stdout, stderr string, err error) {
	full := append([]string{"-C", dir, "-c", "core.quotePath=false"}, args...)
	cmd := exec.Command(r.git, full...)
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}

// cmd runs git at the top of the work tree.
func (r *Repo) cmd(args ...string) (string, string, error) { return r.run(r.Top, args...) }

// exitCode is the exit status of a finished git, or -1 when it did not run.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

func gitFailed(what, stderr string, err error) error {
	msg := strings.TrimSpace(stderr)
	if msg == "" {
		msg = err.Error()
	}
	return &Error{GitFailed, fmt.Sprintf("git %s failed: %s", what, msg)}
}

// Shallow reports whether the clone is shallow (fetched with a depth): commits older than its
// boundary are missing.
func (r *Repo) Shallow() (bool, error) {
	out, stderr, err := r.cmd("rev-parse", "--is-shallow-repository")
	if err != nil {
		return false, gitFailed("rev-parse --is-shallow-repository", stderr, err)
	}
	return strings.TrimSpace(out) == "true", nil
}

// Resolve returns the commit that ref names (a branch, tag, remote-tracking branch, hash or
// any revision expression git reads), or an error of kind NoRef.
func (r *Repo) Resolve(ref string) (string, error) {
	if ref == "" || strings.HasPrefix(ref, "-") {
		// No ref starts with "-": git would take it for an option.
		return "", &Error{NoRef, fmt.Sprintf("%q is not a ref: give a branch, tag or commit", ref)}
	}
	out, stderr, err := r.cmd("rev-parse", "--verify", "--quiet", ref+"^{commit}")
	if err != nil {
		if exitCode(err) == 1 || exitCode(err) == 128 {
			return "", r.noRef(ref)
		}
		return "", gitFailed("rev-parse", stderr, err)
	}
	return strings.TrimSpace(out), nil
}

func (r *Repo) noRef(ref string) error {
	if ref == "HEAD" {
		return &Error{NoCommit, fmt.Sprintf("the repository at %s has no commit yet: commit once, or name the changed files", r.Top)}
	}
	msg := fmt.Sprintf("%q names no commit in this clone", ref)
	fetch := "fetch it (git fetch origin BRANCH)"
	if remote, branch, ok := strings.Cut(ref, "/"); ok && !strings.ContainsAny(remote, "^~:@{}") && branch != "" {
		if _, _, err := r.cmd("config", "--get", "remote."+remote+".url"); err == nil {
			fetch = fmt.Sprintf("fetch it (git fetch %s %s)", remote, branch)
		}
	}
	shallow, _ := r.Shallow()
	if shallow {
		msg += fmt.Sprintf(": the clone is shallow and may hold only the commit being built; %s, or fetch the whole history (git fetch --unshallow; with actions/checkout, fetch-depth: 0)", fetch)
	} else {
		msg += fmt.Sprintf(": check its spelling (git branch -a lists the branches), or %s; a CI checkout often fetches only the branch it builds (with actions/checkout, fetch-depth: 0 fetches every branch)", fetch)
	}
	return &Error{NoRef, msg}
}

// MergeBase returns the best common ancestor of ref and HEAD: where the current branch forked
// from ref. In a shallow clone it must be among the fetched commits; when it is not, the
// error (of kind NoMergeBase) says how to fetch it.
func (r *Repo) MergeBase(ref string) (string, error) {
	head, err := r.Resolve("HEAD")
	if err != nil {
		return "", err
	}
	at, err := r.Resolve(ref)
	if err != nil {
		return "", err
	}
	out, stderr, err := r.cmd("merge-base", at, head)
	if err == nil {
		return strings.TrimSpace(out), nil
	}
	if exitCode(err) != 1 || strings.TrimSpace(stderr) != "" {
		return "", gitFailed("merge-base", stderr, err)
	}
	shallow, serr := r.Shallow()
	if serr != nil {
		return "", serr
	}
	if shallow {
		return "", &Error{NoMergeBase, fmt.Sprintf("%q and HEAD have no common commit in this clone: it is shallow (fetched with a depth), and the commit where HEAD's branch forked from %s was not fetched. Fetch the history back to it: git fetch --unshallow (or git fetch --deepen=N with N large enough); with actions/checkout, fetch-depth: 0", ref, ref)}
	}
	return "", &Error{NoMergeBase, fmt.Sprintf("%q and HEAD have no common ancestor: their histories are unrelated; give a branch or commit that HEAD's branch was made from", ref)}
}
