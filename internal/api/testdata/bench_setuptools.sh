#!/bin/sh
# Builds a repository with two real versions of setuptools a year apart, read in place from
# the pyenv installs (58.1.0 of Python 3.9, September 2021; 65.5.0 of Python 3.10, October
# 2022), and times `buttress api diff` between them with GNU time.
#   internal/api/testdata/bench_setuptools.sh /path/to/buttress [DIR]
set -eu
buttress=$1
dir=${2:-$(mktemp -d)}
root=$(pyenv root)
old=$(ls -d "$root"/versions/3.9.*/lib/python3.9/site-packages | head -1)
new=$(ls -d "$root"/versions/3.10.*/lib/python3.10/site-packages | head -1)
export GIT_AUTHOR_NAME=b GIT_AUTHOR_EMAIL=b@example.com GIT_COMMITTER_NAME=b GIT_COMMITTER_EMAIL=b@example.com
if [ ! -d "$dir/.git" ]; then
	git -C "$dir" init -q -b main
	printf '*\n!*/\n!*.py\n!*.pyi\n__pycache__/\n' > "$dir/.git/info/exclude"
	for v in "$old" "$new"; do
		git -C "$dir" rm -q -r --cached --ignore-unmatch .
		git --work-tree "$v" -C "$dir" add -A setuptools pkg_resources
		oid=$(printf '[tool.buttress.api]\npackages = ["setuptools", "pkg_resources"]\n' | git -C "$dir" hash-object -w --stdin)
		git -C "$dir" update-index --add --cacheinfo "100644,$oid,pyproject.toml"
		git -C "$dir" commit -q -m "$(ls -d "$v"/setuptools-*.dist-info | sed 's/.*setuptools-//; s/.dist-info//')"
	done
	git -C "$dir" tag old HEAD~1
	git -C "$dir" tag new HEAD
fi
echo "lines of Python at old and new:"
for t in old new; do git -C "$dir" ls-tree -r --name-only $t | grep '\.py$' | sed "s|^|$t:|" | git -C "$dir" cat-file --batch | wc -l; done
cd "$dir"
for i in 1 2 3 4 5; do
	/usr/bin/time -f "%e s wall, %U s user, %M KB max RSS" "$buttress" api diff --against old --base new --format json >/dev/null || true
done
