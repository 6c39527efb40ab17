package cli

import (
	"os"
	"testing"
)

// TestDevNullIsNoTerminal: /dev/null is a character device but no terminal: output sent
// there gets no colour and no progress bar (os.ModeCharDevice said yes to both).
func TestDevNullIsNoTerminal(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	t.Setenv("TERM", "xterm")
	t.Setenv("FORCE_COLOR", "")
	t.Setenv("NO_COLOR", "")
	if isTerminal(f) {
		t.Error("isTerminal(/dev/null) = true")
	}
	if colorOutput(f) {
		t.Error("colorOutput(/dev/null) = true")
	}
	if progress(f) != nil {
		t.Error("a progress bar for /dev/null")
	}
}
