// Package cli holds buttress's commands and flags. It wires the analysis packages together and
// holds no analysis logic of its own.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	ExitOK       = 0 // nothing found
	ExitFindings = 1 // findings (or a failed check)
	ExitError    = 2 // usage, configuration or internal error
)

// stopProfile writes the profiles asked for with --cpuprofile and --memprofile.
var stopProfile func()

// exitError carries an exit code out of a command.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs buttress with args and returns the process exit code.
//
// Whatever the command, an output that cannot be written is exit 2 with a message (the report
// is incomplete, and must not pass for a result), but for a reader that went away (`| head`),
// the quiet exit of a broken pipe. SIGINT and SIGTERM end the run at once (handleSignals).
func Main(args []string, stdout, stderr io.Writer) int {
	stderr = messages{stderr}
	defer handleSignals(stderr)()
	out := &output{w: stdout}
	root := newRoot(out, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if stopProfile != nil {
		// Here rather than in a post-run hook, which cobra skips when a command fails (as
		// check does, with exit 1, when it finds something).
		stopProfile()
		stopProfile = nil
	}
	var ee exitError
	if code, msg := out.failed(); code != 0 {
		if err != nil && !errors.As(err, &ee) && !errors.Is(err, out.err) {
			fmt.Fprintf(stderr, "buttress: %v\n", err)
		}
		if msg != "" {
			fmt.Fprintf(stderr, "buttress: %s\n", msg)
		}
		return code
	}
	if err == nil {
		return ExitOK
	}
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(stderr, "buttress: %v\n", err)
	return ExitError
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:           "buttress",
		Short:         "Make the structure of a Python codebase explicit and enforceable",
		Long:          "buttress reads a Python codebase without importing it: its syntax, its import graph,\nits architecture contracts and its rules, fast enough for every commit.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       Version,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%v\nRun '%s --help' for usage", err, c.CommandPath())
	})
	var cpuProfile, memProfile, traceFile string
	root.PersistentFlags().StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile (pprof) to this file")
	root.PersistentFlags().StringVar(&memProfile, "memprofile", "", "write a heap profile (pprof) to this file at exit")
	root.PersistentFlags().StringVar(&traceFile, "trace", "", "write an execution trace (go tool trace) to this file")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	_ = root.PersistentFlags().MarkHidden("memprofile")
	_ = root.PersistentFlags().MarkHidden("trace")
	colorMode = colorAuto
	root.PersistentFlags().Var(&colorMode, "color", "colour in the output: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it), always or never")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		stop, err := startProfiles(cpuProfile, memProfile, traceFile)
		stopProfile = stop
		return err
	}
	root.AddCommand(newCheckCmd(), newContractsCmd(), newRulesCmd(), newRuleCmd(), newMetricsCmd(), newCoverageCmd(), newGraphCmd(), newAPICmd(), newWhyCmd(), newDepsCmd(false), newDepsCmd(true), newAffectedCmd(), newDebugCmd())
	root.AddCommand(newCleanCmd(), newVersionCmd(), newServerCmd())
	root.AddCommand(newReportCmd(), newHistoryCmd())
	root.SetVersionTemplate("buttress {{.Version}}\n")
	return root
}

// startProfiles starts the CPU profile and arranges the heap profile; the returned function
// writes them out.
func startProfiles(cpu, mem, traced string) (func(), error) {
	var cpuFile, traceFile *os.File
	if cpu != "" {
		f, err := os.Create(cpu)
		if err != nil {
			return nil, fmt.Errorf("--cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("--cpuprofile: %v", err)
		}
		cpuFile = f
	}
	if traced != "" {
		f, err := os.Create(traced)
		if err == nil {
			err = trace.Start(f)
		}
		if err != nil {
			if cpuFile != nil {
				pprof.StopCPUProfile()
				cpuFile.Close()
			}
			return nil, fmt.Errorf("--trace: %v", err)
		}
		traceFile = f
	}
	return func() {
		if cpuFile != nil {
			pprof.StopCPUProfile()
			cpuFile.Close()
		}
		if traceFile != nil {
			trace.Stop()
			traceFile.Close()
		}
		if mem != "" {
			if f, err := os.Create(mem); err == nil {
				runtime.GC()
				_ = pprof.WriteHeapProfile(f)
				f.Close()
			}
		}
	}, nil
}
