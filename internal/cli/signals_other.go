//go:build !unix

package cli

import (
	"os"
	"syscall"
)

// dieOf ends the process after sig. Windows has no signal a process can die of: the exit
// code is the one a Unix shell would report (130 for Ctrl-C, 143 for SIGTERM).
func dieOf(sig syscall.Signal) {
	os.Exit(128 + int(sig))
}
