package gitrepo

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// TreeFile is a regular file of a commit's tree.
type TreeFile struct {
	Path string // from the top of the repository, slash-separated
	OID  string // the blob's object name
}

// ListTree returns the regular files of commit's tree under dir (relative to the top of the
// repository, slash-separated; "" for all), read from the object database: no checkout.
// Symbolic links and submodules are left out.
func (r *Repo) ListTree(commit, dir string) ([]TreeFile, error) {
	args := []string{"ls-tree", "-r", "-z", "--full-tree", commit}
	if dir != "" && dir != "." {
		args = append(args, "--", strings.TrimSuffix(dir, "/")+"/")
	}
	out, stderr, err := r.cmd(args...)
	if err != nil {
		return nil, gitFailed("ls-tree", stderr, err)
	}
	var files []TreeFile
	for _, rec := range strings.Split(out, "\x00") {
		meta, path, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta)
		if len(f) != 3 || f[1] != "blob" || (f[0] != "100644" && f[0] != "100755") {
			continue
		}
		files = append(files, TreeFile{Path: path, OID: f[2]})
	}
	return files, nil
}

// ReadBlobs returns the contents of the blobs, by object name, read through one
// `git cat-file --batch`.
func (r *Repo) ReadBlobs(oids []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(oids))
	if len(oids) == 0 {
		return out, nil
	}
	cmd := exec.Command(r.git, "-C", r.Top, "cat-file", "--batch")
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0")
	var input bytes.Buffer
	for _, o := range oids {
		input.WriteString(o)
		input.WriteByte('\n')
	}
	cmd.Stdin = &input
	var errb bytes.Buffer
	cmd.Stderr = &errb
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, gitFailed("cat-file --batch", "", err)
	}
	br := bufio.NewReaderSize(pipe, 1<<16)
	var readErr error
	for _, o := range oids {
		header, err := br.ReadString('\n')
		if err != nil {
			readErr = fmt.Errorf("git cat-file --batch: output ended early")
			break
		}
		f := strings.Fields(header)
		if len(f) != 3 {
			readErr = fmt.Errorf("git cat-file --batch: object %s: %s", o, strings.TrimSpace(header))
			break
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			readErr = fmt.Errorf("git cat-file --batch: bad header %q", strings.TrimSpace(header))
			break
		}
		buf := make([]byte, n+1)
		if _, err := io.ReadFull(br, buf); err != nil {
			readErr = fmt.Errorf("git cat-file --batch: output ended early")
			break
		}
		out[o] = buf[:n]
	}
	_, _ = io.Copy(io.Discard, br)
	if err := cmd.Wait(); err != nil && readErr == nil {
		readErr = gitFailed("cat-file --batch", errb.String(), err)
	}
	if readErr != nil {
		return nil, readErr
	}
	return out, nil
}
