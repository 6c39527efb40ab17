// Package version holds buttress's version: the one place it lives. `buttress version` prints
// it, the cache records it, and tools/wheels writes it into the wheels' METADATA and file names,
// so it must be a version in PEP 440's normalized form (0.1.0, 0.2.0rc1, 0.1.0.dev0): the
// wheel builder refuses any other. A release bumps it here, and the release workflow checks
// that the tag is "v" followed by it.
package version

// Version is buttress's version, in PEP 440's normalized form.
const Version = "0.1.0.dev0"
