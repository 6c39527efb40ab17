// Command buttress reads a Python codebase without importing it and makes its structure
// explicit and enforceable.
package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"

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
	// A heap smaller than 64 MiB is let grow to 64 MiB before it is collected (see gctune):
	// debug parse --threads 1 on the 3.13 standard library keeps 2-3 MB, and ran 48
	// collections at GOGC 200 (12 with a 32 MiB floor: 10% fewer instructions). A warm check
	// (most summaries from the cache) allocates about 60 MB: with a 32 MiB floor it paid one
	// or two collections, 15% of its CPU time (0.181 -> 0.153 s on the 850k-line bench
	// project with 64 MiB, 47 -> 60 MB peak RSS); a cold check's peak is unchanged (90 MB).
	// debug parse sets its floor back to 32 MiB (gctune.SetFloor): the same CPU, and half
	// the memory.
	if os.Getenv("GOGC") == "" {
		gctune.Start(64<<20, 200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
	// Go samples an allocation's stack every 512 KB allocated, for heap profiles that only the
	// hidden --memprofile writes: the parser's deep stacks made that 1.5% of the instructions
	// of debug parse on the 3.13 standard library.
	if !memProfiling(os.Args[1:]) {
		runtime.MemProfileRate = 0
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}

// memProfiling reports whether the arguments ask for a heap profile (--memprofile FILE or
// --memprofile=FILE, before a "--" that ends the flags).
func memProfiling(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "--memprofile" || strings.HasPrefix(a, "--memprofile=") {
			return true
		}
	}
	return false
}
