//go:build unix

package cli

import (
	"io"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"github.com/buttresspy/buttress/internal/config"
	"github.com/buttresspy/buttress/internal/cpython"
	"github.com/buttresspy/buttress/internal/workspace"
)

// BenchmarkCheckFindingsStdlib measures what `check --select ALL` does on the 3.11 standard
// library once its files are summarised: the project-wide rules (DEAD, MOD009, API001, PAT002),
// the suppressions and the sort, the part of the run after the last file, where the cores
// are not all busy. The workspace is loaded once, outside the timing.
func BenchmarkCheckFindingsStdlib(b *testing.B) {
	dir := cpython.Stdlib(b, "3.11")
	if dir == "" {
		return
	}
	cfg, err := config.Discover(dir)
	if err != nil {
		b.Fatal(err)
	}
	setup, err := newCheckSetup(io.Discard, cfg, selectFlags{sel: []string{"ALL"}, selectGiven: true})
	if err != nil {
		b.Fatal(err)
	}
	opts := setup.workspaceOptions()
	ws, err := workspace.Load(cfg, opts)
	if err != nil {
		b.Fatal(err)
	}
	pl := newPlaces(ws.Project.Root)
	s := &scope{}
	debug.SetGCPercent(200) // as main runs
	runtime.GC()
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		fs, _ := setup.findings(io.Discard, ws, s, pl, 0)
		if len(fs) == 0 {
			b.Fatal("no findings")
		}
	}
	b.StopTimer()
	// CPU time, less sensitive than the wall time to the other work of a shared machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the process's user and system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
