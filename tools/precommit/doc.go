// Package precommit holds the test of buttress's pre-commit hooks (.pre-commit-hooks.yaml at
// the repository root): Debian's pre-commit builds them from a clone of this repository and
// runs them on a scratch project.
package precommit
