package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// ReadFile reads the file at path, which must be a regular file (symbolic links are
// followed). It is the one way buttress reads a file that configures it or another tool
// (pyproject.toml, buttress.toml, tach.toml, tach.domain.toml, .importlinter, setup.cfg, the
// mypy configuration, .gitignore): anything else is refused without being opened, since
// opening a named pipe waits for a writer that may never come, and a device may never end.
// The file is opened without blocking and checked again once open, so that one swapped for a
// pipe between the two checks does not hang the run either.
//
// Every error is a *FileError. A file that does not exist (nor a directory on its way) gives
// one for which errors.Is(err, fs.ErrNotExist) is true.
func ReadFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, statError(path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, &FileError{Path: path, Why: NotFile(fi.Mode()), Mode: fi.Mode().Type()}
	}
	f, err := os.OpenFile(path, openFlags, 0)
	if err != nil {
		return nil, statError(path, err)
	}
	defer f.Close()
	fi, err = f.Stat()
	if err != nil {
		return nil, &FileError{Path: path, Why: errText(err), Err: err}
	}
	if !fi.Mode().IsRegular() {
		return nil, &FileError{Path: path, Why: NotFile(fi.Mode()), Mode: fi.Mode().Type()}
	}
	data := make([]byte, 0, fi.Size()+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, &FileError{Path: path, Why: errText(err), Err: err}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)] // the file grew: more room
		}
	}
}

// FileError is a file that ReadFile could not read. Error() names the file, or the
// directory at fault, and says what is wrong in words:
//
//	pyproject.toml: is a named pipe, not a file
//	proj: permission denied: cannot look for tach.toml in this directory
type FileError struct {
	Path string // the file, as given to ReadFile
	// Dir, when set, is the directory at fault (a leading part of Path): one that cannot be
	// searched, so that whether the file exists cannot be told.
	Dir  string
	Why  string      // what is wrong, without the name: "is a named pipe, not a file"
	Mode fs.FileMode // for a file that is not a regular file: its type (fs.ModeNamedPipe...)
	Err  error       // the error from the system, if any
}

func (e *FileError) Error() string { return e.Culprit() + ": " + e.Why }

// Unwrap gives errors.Is access to the system's error (fs.ErrNotExist, fs.ErrPermission).
func (e *FileError) Unwrap() error { return e.Err }

// Culprit is what Error names: Dir when set, else Path.
func (e *FileError) Culprit() string {
	if e.Dir != "" {
		return e.Dir
	}
	return e.Path
}

// Shown returns the culprit named as the caller names the file: shown is how the caller
// names Path (relative to some directory), and a Dir is named as the same number of levels
// up from it ("proj/tach.toml" with the project's directory at fault gives "proj").
func (e *FileError) Shown(shown string) string {
	if e.Dir == "" {
		return shown
	}
	for p := e.Path; p != e.Dir && p != filepath.Dir(p); p = filepath.Dir(p) {
		shown = filepath.Join(shown, "..")
	}
	return shown
}

// IsNotRegular reports whether err is a FileError about a file that is not a regular file
// (a directory, a named pipe, a socket, a device).
func IsNotRegular(err error) bool {
	var fe *FileError
	return errors.As(err, &fe) && fe.Mode != 0
}

// statError turns an error from stat or open into a FileError. Permission denied by stat
// means that a directory on the way cannot be searched: the error names that directory.
func statError(path string, err error) error {
	e := &FileError{Path: path, Why: errText(err), Err: err}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		e.Why = "does not exist"
	case errors.Is(err, syscall.ENOTDIR):
		// A file where a directory should be: there is no such file.
		e.Why = "does not exist (a part of its path is not a directory)"
		e.Err = errors.Join(fs.ErrNotExist, err)
	case errors.Is(err, fs.ErrPermission):
		if _, serr := os.Stat(path); serr == nil {
			return e // the file is there, but cannot be opened
		}
		// Find the directory that stops the search: the deepest one that can be looked at.
		for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
			if _, serr := os.Stat(dir); serr == nil || dir == filepath.Dir(dir) {
				e.Dir = dir
				break
			}
		}
		rel, rerr := filepath.Rel(e.Dir, path)
		if rerr != nil {
			rel = path
		}
		e.Why = fmt.Sprintf("permission denied: cannot look for %s in this directory", filepath.ToSlash(rel))
	}
	return e
}

// NotFile says what a file that is not a regular file is, from its mode: "is a named pipe,
// not a file".
func NotFile(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "is a directory, not a file"
	case m&fs.ModeNamedPipe != 0:
		return "is a named pipe, not a file"
	case m&fs.ModeSocket != 0:
		return "is a socket, not a file"
	case m&fs.ModeCharDevice != 0:
		return "is a character device, not a file"
	case m&fs.ModeDevice != 0:
		return "is a block device, not a file"
	}
	return fmt.Sprintf("is not a regular file (mode %s)", m.Type())
}

// errText is the reason in an error from the file system, without the path it names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, syscall.ELOOP) {
		return "too many levels of symbolic links"
	}
	return err.Error()
}
