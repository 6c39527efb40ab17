package cli

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// nodac is the program `nodac PROGRAM [ARGS...]` of the scripts: it runs PROGRAM as the
// current user, but without the capabilities that let root read and search any file
// (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so that a file the script made unreadable with
// chmod is unreadable to PROGRAM even when the tests run as root. Run as another user, it
// only runs PROGRAM. As root it needs util-linux's setpriv, and fails without it: a test that
// cannot make a file unreadable must not pass.
func nodac() {
	args := os.Args[1:]
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: nodac PROGRAM [ARGS...]")
		os.Exit(2)
	}
	if os.Geteuid() == 0 {
		args = append([]string{"setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"}, args...)
	}
	path, err := exec.LookPath(args[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "nodac: %v (as root, nodac needs setpriv, of util-linux)\n", err)
		os.Exit(2)
	}
	err = syscall.Exec(path, args, os.Environ())
	fmt.Fprintf(os.Stderr, "nodac: %v\n", err)
	os.Exit(2)
}
