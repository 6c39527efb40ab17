package gitrepo

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Commit is one commit of a history.
type Commit struct {
	SHA        string
	Date       time.Time // the committer's date
	AuthorDate time.Time
	Subject    string
	// Depth is the commit's place on the first-parent chain: 1 for the root commit. It never
	// changes, unlike the commit's place from HEAD.
	Depth int
}

// FirstParent returns the commits of the first-parent history of HEAD, newest first: at most
// n of them (0: no limit), none older than since (zero: no limit).
func (r *Repo) FirstParent(n int, since time.Time) ([]Commit, error) {
	args := []string{"log", "--first-parent", "--no-color", "--format=%H%x00%cI%x00%aI%x00%s"}
	if n > 0 {
		args = append(args, "-n", strconv.Itoa(n))
	}
	if !since.IsZero() {
		args = append(args, "--since="+since.UTC().Format(time.RFC3339))
	}
	args = append(args, "HEAD", "--")
	out, stderr, err := r.cmd(args...)
	if err != nil {
		if strings.Contains(stderr, "does not have any commits") || strings.Contains(stderr, "bad default revision") || strings.Contains(stderr, "bad revision 'HEAD'") || strings.Contains(stderr, "unknown revision") {
			return nil, &Error{NoCommit, fmt.Sprintf("%s has no commit yet", r.Top)}
		}
		return nil, gitFailed("log --first-parent", stderr, err)
	}
	top, stderr, err := r.cmd("rev-list", "--first-parent", "--count", "HEAD")
	if err != nil {
		return nil, gitFailed("rev-list --count", stderr, err)
	}
	depth, err := strconv.Atoi(strings.TrimSpace(top))
	if err != nil {
		return nil, &Error{GitFailed, fmt.Sprintf("git rev-list --count: unexpected answer %q", strings.TrimSpace(top))}
	}
	var cs []Commit
	for _, line := range strings.Split(out, "\n") {
		f := strings.SplitN(line, "\x00", 4)
		if len(f) != 4 {
			continue
		}
		c := Commit{SHA: f[0], Subject: f[3], Depth: depth - len(cs)}
		c.Date, _ = time.Parse(time.RFC3339, f[1])
		c.AuthorDate, _ = time.Parse(time.RFC3339, f[2])
		cs = append(cs, c)
	}
	return cs, nil
}

// TreeEntry is a file of a commit's tree.
type TreeEntry struct {
	Path string // relative to the prefix given to Tree, slash-separated
	Blob string // the object name of its content
	Link bool   // a symbolic link (Blob holds its target)
}

// Tree lists the files of a commit under prefix (a directory relative to the top of the work
// tree, slash-separated; "" or "." for all), straight from the object database: nothing is
// checked out. Submodules are left out.
func (r *Repo) Tree(commit, prefix string) ([]TreeEntry, error) {
	args := []string{"ls-tree", "-r", "-z", "--full-tree", commit}
	if prefix != "" && prefix != "." {
		args = append(args, "--", prefix)
	}
	out, stderr, err := r.cmd(args...)
	if err != nil {
		return nil, gitFailed("ls-tree", stderr, err)
	}
	var es []TreeEntry
	for _, rec := range strings.Split(out, "\x00") {
		// "<mode> SP <type> SP <object> TAB <path>"
		meta, path, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta)
		if len(f) != 3 || f[1] != "blob" {
			continue
		}
		if prefix != "" && prefix != "." {
			if !strings.HasPrefix(path, prefix+"/") {
				continue
			}
			path = path[len(prefix)+1:]
		}
		es = append(es, TreeEntry{Path: path, Blob: f[2], Link: f[0] == "120000"})
	}
	return es, nil
}

// Blobs reads objects from the repository's object database through one `git cat-file
// --batch`. Close it when done.
type Blobs struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

// Blobs starts a reader of objects.
func (r *Repo) Blobs() (*Blobs, error) {
	cmd := exec.Command(r.git, "-C", r.Top, "cat-file", "--batch")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, &Error{GitFailed, fmt.Sprintf("git cat-file --batch: %v", err)}
	}
	return &Blobs{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<16)}, nil
}

// Read returns the content of the blob with the object name.
func (b *Blobs) Read(object string) ([]byte, error) {
	if _, err := io.WriteString(b.in, object+"\n"); err != nil {
		return nil, fmt.Errorf("git cat-file --batch: %v", err)
	}
	header, err := b.out.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("git cat-file --batch: %v", err)
	}
	f := strings.Fields(header)
	if len(f) == 2 && f[1] == "missing" {
		return nil, fmt.Errorf("git cat-file: object %s is missing from the repository (a shallow or partial clone?)", object)
	}
	if len(f) != 3 {
		return nil, fmt.Errorf("git cat-file --batch: unexpected answer %q", strings.TrimSpace(header))
	}
	size, err := strconv.Atoi(f[2])
	if err != nil {
		return nil, fmt.Errorf("git cat-file --batch: unexpected answer %q", strings.TrimSpace(header))
	}
	data := make([]byte, size+1) // the content, then a newline
	if _, err := io.ReadFull(b.out, data); err != nil {
		return nil, fmt.Errorf("git cat-file --batch: %v", err)
	}
	return data[:size], nil
}

// Close ends the reader.
func (b *Blobs) Close() error {
	b.in.Close()
	return b.cmd.Wait()
}
