// Command buttress reads a Python codebase without importing it and makes its structure
// explicit and enforceable.
package main

import (
	"os"
	"runtime/debug"

	"github.com/buttresspy/buttress/internal/cli"
	"github.com/buttresspy/buttress/internal/gctune"
)

func main() {
	// buttress parses every file once and drops each tree as soon as it is summarised: the
	// heap is mostly short-lived garbage. Collecting less often than Go's default saves CPU
	// time; at 200 as much as at 400 on the 3.11 site-packages (10,000 files), with a quarter
	// less memory, and a project of 200,000 modules (140 MB live) peaks at 600 MB, not 940.
	// The soft limit keeps memory bounded on huge trees; a lower one made the collector run
	// without pause on a single huge file (live above the limit: twice the CPU time). GOGC
	// and GOMEMLIMIT still win.
	// A heap smaller than 32 MiB is let grow to 32 MiB before it is collected (see gctune):
	// debug parse --threads 1 on the 3.13 standard library keeps 2-3 MB, and ran 48
	// collections at GOGC 200 (12 now, 10% fewer instructions, the same page faults). A
	// 64 MiB floor faulted in twice the memory for no less CPU.
	if os.Getenv("GOGC") == "" {
		gctune.Start(32<<20, 200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
