//go:build unix

package summary

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadNamedPipe: a named pipe is not read (nor waited on), and says why.
func TestReadNamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.py")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan []*File, 1)
	go func() { done <- Summarize([]Input{{Path: fifo, Rel: "pipe.py"}}, Options{}) }()
	select {
	case files := <-done:
		if got := files[0].ReadError; got != "cannot read: not a regular file" {
			t.Errorf("read error %q", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a named pipe blocks")
	}
}
