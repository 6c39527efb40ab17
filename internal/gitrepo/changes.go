package gitrepo

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Status says how a file changed.
type Status byte

// Statuses, as git's --name-status letters; Untracked is a file git does not track and does
// not ignore.
const (
	Added       Status = 'A'
	Modified    Status = 'M'
	Deleted     Status = 'D'
	Renamed     Status = 'R'
	Copied      Status = 'C'
	TypeChanged Status = 'T'
	Unmerged    Status = 'U'
	Untracked   Status = '?'
)

// FileChange is one changed file.
type FileChange struct {
	Path    string // relative to the root Changes was given, slash-separated ("../x" outside it)
	OldPath string // for a rename or copy: the path it came from, relative to the same root
	Status  Status
	// Lines are the lines of the file as it is now that were added or changed, as sorted,
	// disjoint ranges. A deleted file has none; nor has a file renamed without a change.
	Lines []LineRange
	// Whole says that every line of the file is new: an untracked file, or one added since
	// the base (or one git reports as unmerged).
	Whole bool
}

// LineRange is the lines First to Last, 1-based, inclusive.
type LineRange struct{ First, Last int }

// Changes are the files changed since a commit.
type Changes struct {
	Base  string        // the commit compared with
	Files []*FileChange // sorted by Path
	index map[string]*FileChange
}

// File returns the change of the file at path (relative to the root), or nil.
func (c *Changes) File(path string) *FileChange { return c.index[path] }

// Line reports whether line (1-based) of the file at path is new or changed.
func (c *Changes) Line(path string, line int) bool {
	f := c.index[path]
	if f == nil {
		return false
	}
	if f.Whole {
		return true
	}
	i := sort.Search(len(f.Lines), func(i int) bool { return f.Lines[i].Last >= line })
	return i < len(f.Lines) && f.Lines[i].First <= line
}

// Changes returns the files that differ between base (a commit) and the work tree, committed
// or not, staged or not, and the untracked files that .gitignore and the like do not ignore,
// each with its new and changed lines. Renames are followed: a renamed file's lines are
// compared with the file it came from. Paths are given relative to root, an absolute
// directory (the project's root), whether it is inside the work tree or not.
func (r *Repo) Changes(base, root string) (*Changes, error) {
	// The list of files, with their status: -z gives paths as they are, whatever they hold.
	diffOpts := []string{"--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "-M", "--ignore-submodules=none"}
	out, stderr, err := r.cmd(append(append([]string{"diff", "--name-status", "-z"}, diffOpts...), base, "--")...)
	if err != nil {
		return nil, gitFailed("diff --name-status", stderr, err)
	}
	list, err := parseNameStatus(out)
	if err != nil {
		return nil, err
	}
	// The lines: hunks without context, each giving the new file's changed lines.
	out, stderr, err = r.cmd(append(append([]string{"diff", "-U0", "--src-prefix=a/", "--dst-prefix=b/"}, diffOpts...), base, "--")...)
	if err != nil {
		return nil, gitFailed("diff -U0", stderr, err)
	}
	hunks, err := parseHunks(out)
	if err != nil {
		return nil, err
	}
	out, stderr, err = r.cmd("ls-files", "-z", "--others", "--exclude-standard", "--full-name")
	if err != nil {
		return nil, gitFailed("ls-files --others", stderr, err)
	}
	for _, p := range strings.Split(out, "\x00") {
		if p != "" {
			list = append(list, &FileChange{Path: p, Status: Untracked, Whole: true})
		}
	}

	rootReal := root
	if rr, err := filepath.EvalSymlinks(root); err == nil {
		rootReal = rr
	}
	rel := func(p string) string {
		if p == "" {
			return ""
		}
		abs := filepath.Join(r.Top, filepath.FromSlash(p))
		if rp, err := filepath.Rel(rootReal, abs); err == nil {
			return filepath.ToSlash(rp)
		}
		return filepath.ToSlash(abs)
	}
	c := &Changes{Base: base, index: map[string]*FileChange{}}
	for _, f := range list {
		switch f.Status {
		case Added, Unmerged:
			f.Whole = true
		case Deleted:
		default:
			f.Lines = hunks[f.Path]
		}
		f.Path, f.OldPath = rel(f.Path), rel(f.OldPath)
		if prev := c.index[f.Path]; prev != nil {
			// A path both deleted (from the index) and untracked (in the work tree): the file
			// there now is new.
			*prev = *f
			continue
		}
		c.index[f.Path] = f
		c.Files = append(c.Files, f)
	}
	sort.Slice(c.Files, func(i, j int) bool { return c.Files[i].Path < c.Files[j].Path })
	return c, nil
}

// parseNameStatus reads `git diff --name-status -z`: a status (R and C with a similarity
// score), then one path, or two for a rename or copy, each ended by NUL.
func parseNameStatus(out string) ([]*FileChange, error) {
	fields := strings.Split(out, "\x00")
	var list []*FileChange
	for i := 0; i < len(fields); i++ {
		st := fields[i]
		if st == "" {
			continue
		}
		f := &FileChange{Status: Status(st[0])}
		n := 1
		if f.Status == Renamed || f.Status == Copied {
			n = 2
		}
		if i+n >= len(fields) {
			return nil, fmt.Errorf("git diff --name-status: unexpected output after %q", st)
		}
		if n == 2 {
			f.OldPath, f.Path = fields[i+1], fields[i+2]
		} else {
			f.Path = fields[i+1]
		}
		i += n
		list = append(list, f)
	}
	return list, nil
}

// parseHunks reads `git diff -U0` and returns, for each file (by its new path, relative to the
// top of the work tree), the ranges of its new lines that were added or changed.
func parseHunks(out string) (map[string][]LineRange, error) {
	hunks := map[string][]LineRange{}
	file := ""
	oldLeft, newLeft := 0, 0 // lines of the current hunk's body still to come
	for len(out) > 0 {
		line := out
		if i := strings.IndexByte(out, '\n'); i >= 0 {
			line, out = out[:i], out[i+1:]
		} else {
			out = ""
		}
		if oldLeft > 0 || newLeft > 0 {
			switch {
			case strings.HasPrefix(line, "-"):
				oldLeft--
			case strings.HasPrefix(line, "+"):
				newLeft--
			case strings.HasPrefix(line, `\`): // "\ No newline at end of file"
			default:
				return nil, fmt.Errorf("git diff -U0: unexpected line in a hunk of %s: %q", file, line)
			}
			continue
		}
		switch {
		case strings.HasPrefix(line, "diff "):
			file = ""
		case strings.HasPrefix(line, "+++ "):
			// git ends the name with a tab when it holds a space (as GNU diff does); a name
			// with a tab of its own is quoted.
			p := strings.TrimSuffix(strings.TrimPrefix(line, "+++ "), "\t")
			if strings.HasPrefix(p, `"`) {
				u, err := unquote(p)
				if err != nil {
					return nil, fmt.Errorf("git diff -U0: %v in %q", err, line)
				}
				p = u
			}
			if p == "/dev/null" {
				file = ""
			} else {
				file = strings.TrimPrefix(p, "b/")
			}
		case strings.HasPrefix(line, "@@ "):
			o, n, first, ok := parseHunkHeader(line)
			if !ok {
				return nil, fmt.Errorf("git diff -U0: unreadable hunk header %q", line)
			}
			oldLeft, newLeft = o, n
			if n > 0 && file != "" {
				rs := hunks[file]
				if k := len(rs); k > 0 && rs[k-1].Last+1 >= first {
					rs[k-1].Last = max(rs[k-1].Last, first+n-1)
				} else {
					rs = append(rs, LineRange{first, first + n - 1})
				}
				hunks[file] = rs
			}
		}
	}
	return hunks, nil
}

// parseHunkHeader reads "@@ -a[,b] +c[,d] @@ ...": the number of old lines (b, default 1),
// of new lines (d, default 1), and the first new line (c).
func parseHunkHeader(line string) (oldN, newN, first int, ok bool) {
	rest := strings.TrimPrefix(line, "@@ ")
	end := strings.Index(rest, " @@")
	if end < 0 {
		return 0, 0, 0, false
	}
	parts := strings.Fields(rest[:end])
	if len(parts) != 2 || !strings.HasPrefix(parts[0], "-") || !strings.HasPrefix(parts[1], "+") {
		return 0, 0, 0, false
	}
	count := func(s string) (start, n int, ok bool) {
		a, b, has := strings.Cut(s, ",")
		start, err := strconv.Atoi(a)
		if err != nil {
			return 0, 0, false
		}
		n = 1
		if has {
			if n, err = strconv.Atoi(b); err != nil {
				return 0, 0, false
			}
		}
		return start, n, true
	}
	_, oldN, ok1 := count(parts[0][1:])
	first, newN, ok2 := count(parts[1][1:])
	return oldN, newN, first, ok1 && ok2
}

// unquote reads a path as git quotes it (C style, in double quotes) when it holds a double
// quote, a backslash or a control character.
func unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", fmt.Errorf("badly quoted path")
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("badly quoted path")
		}
		switch c = s[i]; c {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'v':
			b.WriteByte('\v')
		case 'f':
			b.WriteByte('\f')
		case 'r':
			b.WriteByte('\r')
		case '"', '\\':
			b.WriteByte(c)
		default:
			if c < '0' || c > '3' || i+2 >= len(s) {
				return "", fmt.Errorf("badly quoted path")
			}
			v, err := strconv.ParseUint(s[i:i+3], 8, 8)
			if err != nil {
				return "", fmt.Errorf("badly quoted path")
			}
			b.WriteByte(byte(v))
			i += 2
		}
	}
	return b.String(), nil
}
