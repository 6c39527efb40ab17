//go:build !linux && !darwin

package cache

import "io/fs"

// changeTime is 0 where the change time is not at hand: size and modification time alone
// then vouch for a file.
func changeTime(fs.FileInfo) int64 { return 0 }

// dirStamp: no listing is reused where inodes and change times are not at hand.
func dirStamp(fs.FileInfo, error) (uint64, int64, bool) { return 0, 0, false }
