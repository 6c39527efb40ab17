//go:build !linux && !darwin

package cache

// rootDir holds the project's root open for the stats of a run where that is done
// (statpath_linux.go); here there is none: stat_other.go stats with os.Stat.
type rootDir struct{}

func openRoot(string) *rootDir { return nil }

func (*rootDir) close() {}
