// Package report renders findings for people and for machines. Every command that reports
// findings ends in Write, which sorts a copy of them (finding.Sort), so that the output is the
// same from run to run whatever order the checks reported in, and renders them in one of eight
// formats (Formats). WriteStatistics writes the count of findings per rule instead.
//
// Paths: findings hold paths relative to the project root (Options.Root). When the CLI gives
// the current directory (Options.Cwd), every format shows them relative to it, as Ruff does:
// run from a subdirectory, a file above it is "../pkg/a.py"; run from above the project,
// "services/shop/pkg/a.py". So a path in the output always names the file from where the
// command ran (SARIF's URIs are the exception: see below). Code frames are read by the
// project-relative path (Options.Source) whatever is shown.
//
// Positions follow package finding: lines and columns are 1-based, columns count Unicode
// characters (code points), EndCol is the column just past the end. Every format applies the
// same conventions to odd positions: a finding whose Line is below 1 is about its whole file;
// one with an empty Path is about the project; a Col below 1 is taken as 1; an EndLine of 0
// (or an end before the start) is an unknown end; an EndCol of 0 is an unknown column of
// EndLine.
//
// # text (the default)
//
// Ruff-like, for a person at a terminal or reading a CI log:
//
//	src/app/models.py:4:7: TYP001 Parameter `x` of `f` has no annotation.
//	  |
//	4 | def f(x, y):
//	  |       ^
//	5 |     return x
//	  |
//	  = note: src/app/views.py:10:5: `f` is called here
//
//	1  TYP001  untyped-parameter
//
//	Found 1 problem (1 file).
//
// Each finding is `path:line:col: CODE message` (`path: CODE message` for a whole file,
// `CODE message` for the project), then a code frame when Options.Source can read the file and
// it has the line: the line with up to two lines of context either side (blank context lines
// at the edges left out), line numbers in a gutter, and carets under the finding's range from
// Col to EndCol, clipped to the line. A path that holds control characters (a newline, the
// escape of a colour sequence) or bytes that are not UTF-8 is shown quoted with Go's escapes,
// "a\nb.py" (TextPath). A frame shows a window of at most 160 cells of each line: from the
// start of the line when the column is within its first 100 cells, else from 60 cells before
// the column; a line cut on either side shows "…" there, and the carets stay under the
// finding, so that a finding on a file with a 50 MB line prints a few lines, not the file. A range that goes on past its first line is underlined
// to the end of that line; an unknown end gets one caret. Tabs expand to the next multiple of
// four cells, East Asian wide characters take two cells and combining marks none, so the
// carets line up on a terminal; control characters are shown as their Unicode control
// pictures (␌ for a form feed, ␛ for an escape) and C1 controls, bidirectional overrides and
// isolates and line separators as U+FFFD, so a source line or a message can neither move the
// cursor nor reorder what is shown. Notes follow, indented: `  = note: path:line:col: message`.
// Then comes a summary by rule (count, code, name; most frequent first, then by code) and a
// total line, "Found 12 problems (3 files)."; with no findings, only "No problems found.".
// With Options.Color the location and the total are bold, the code and the carets red, the
// gutter dim and "= note:" cyan.
//
// With Options.Quiet, only the findings: no summary, total or baseline notice.
//
// # concise
//
// The headline of each finding alone, one per line (`path:line:col: CODE message`, as in the
// text format: no code frame, no notes), then the total line, as Ruff's concise format. Colour
// and Options.Quiet as in text.
//
// # json
//
// One document, indented by two spaces, ending in a newline, findings in sorted order, every
// key always present (but path_base64, below):
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {
//	      "code": "TYP001",
//	      "rule": "untyped-parameter",
//	      "path": "src/app/models.py",
//	      "line": 4,
//	      "col": 7,
//	      "end_line": 4,
//	      "end_col": 8,
//	      "message": "Parameter `x` of `f` has no annotation.",
//	      "notes": [
//	        {
//	          "path": "src/app/views.py",
//	          "line": 10,
//	          "col": 5,
//	          "message": "`f` is called here"
//	        }
//	      ]
//	    }
//	  ],
//	  "summary": {
//	    "total": 1,
//	    "files": 1,
//	    "by_rule": [
//	      {
//	        "code": "TYP001",
//	        "rule": "untyped-parameter",
//	        "count": 1
//	      }
//	    ]
//	  }
//	}
//
// Positions are normalised as above: line and col are 0 for a finding about a whole file,
// end_line and end_col 0 when unknown; path is "" for a finding about the project. notes is []
// when there are none (a note's path, line and col are 0 or "" when it has none). A path that
// is not UTF-8, which a JSON string cannot hold, is written with U+FFFD for each byte that is
// not, and path_base64 beside it holds its bytes (PathBase64); the key is there only then.
// summary.files counts distinct paths; summary.by_rule is sorted by code. Version 1 only ever
// gains keys; a change to existing ones would be version 2.
//
// # json-lines
//
// One line per finding, each the object the json format has in its findings array, compact
// (no indentation), in the same order; nothing when there are no findings. For tools that
// stream, or `jq -c` one finding at a time.
//
// # sarif
//
// SARIF 2.1.0, one run, made with github.com/owenrumney/go-sarif/v2 and checked in the tests
// against the SARIF 2.1.0 JSON schema and the SARIF SDK multitool's rules, both the
// specification's and GitHub code scanning's. tool.driver is "buttress" with informationUri,
// Options.ToolVersion as version, and the metadata of every rule that ran (Options.Rules, plus
// any rule a finding names that is not among them), sorted by code: id is the code, name the
// kebab-case name, shortDescription the summary, fullDescription and help the help text (the
// summary when there is none: GitHub requires both), defaultConfiguration.level "error",
// properties.tags the family, and helpUri the address of the rule's page in docs/rules.
//
// Each result has ruleId, ruleIndex, level "error", the message, and a location whose
// artifactLocation.uri is the path relative to "%SRCROOT%" (percent-encoded, with ":" encoded
// too so that it cannot read as a scheme) with uriBaseId "%SRCROOT%", and whose region
// holds startLine, startColumn, endLine and endColumn as known (run.columnKind is
// "unicodeCodePoints", as finding columns are; endColumn is exclusive in SARIF too). The
// region of a finding about a whole file is its lines, startLine 1 to endLine the last
// (counted through Options.Source), or startLine 1 alone when the file cannot be read: GitHub
// needs a startLine. A finding without a path has no location, which is valid SARIF but which
// GitHub code scanning does not take. Notes
// become relatedLocations with ids from 1. run.originalUriBaseIds maps "%SRCROOT%" to the
// file: URI of a directory, so that every URI resolves to the file wherever the log is read:
// the deepest directory that holds both the current directory and the project root
// (Options.Cwd and Options.Root), else the project root. Run from the repository root, as CI
// runs, that is the current directory, and the URIs are the paths from the repository root,
// which is how GitHub code scanning reads a relative URI; run from inside the project, it is
// the project root, so that no URI starts with "..", which SARIF consumers resolve
// inconsistently. A path outside that directory (a --config file elsewhere) is an absolute
// file: URI without uriBaseId. partialFingerprints["buttress/v1"] is a hash of the
// code, path and message — not the line, so that a result keeps its identity when code above
// it moves — followed by ":N" for the N-th result with that hash in sorted order, the scheme
// GitHub code scanning uses for its own line hashes.
//
// Every result is an error: buttress has no severities, every finding fails the run (exit
// code 1), and GitHub code scanning fails its check on errors by default. "warning" would
// suit findings that do not fail the run, which buttress does not have.
//
// # github
//
// GitHub Actions workflow commands, one line per finding, which the runner turns into
// annotations on the pull request (same level as SARIF, for the same reason):
//
//	::error file=src/app/models.py,line=4,col=7,endLine=4,endColumn=8,title=TYP001 untyped-parameter::Parameter `x` of `f` has no annotation.%0Anote: src/app/views.py:10:5: `f` is called here
//
// Properties are given as known (none but title for a finding about the project). Notes are
// appended to the message, one per line. Escaping follows the runner's parser (actions/runner
// ActionCommand.TryParseV2) and @actions/core: in the message %, CR and LF become %25, %0D and
// %0A; in property values also : and , become %3A and %2C. Paths are relative to the current
// directory, as in the other formats; the runner reads them from the repository root, which is
// where a workflow step runs unless it sets a working-directory. Nothing is written when there are no
// findings. (GitHub shows at most 10 error annotations per step and 50 per job; the log keeps
// every line.)
//
// # gitlab
//
// GitLab's Code Quality report (artifacts:reports:codequality), checked in the tests against a
// JSON schema written down from GitLab's documentation (testdata/schema): an indented JSON
// array, [] when there are no findings, with one object per finding:
//
//	{
//	  "description": "TYP001 Parameter `x` of `f` has no annotation.",
//	  "check_name": "TYP001",
//	  "fingerprint": "eb0e0fe31c93e8385b7085f3477e7f2b",
//	  "severity": "major",
//	  "location": {"path": "src/app/models.py", "lines": {"begin": 4, "end": 4}}
//	}
//
// location.path is the path as the other formats show it, relative to the current directory;
// GitLab reads it from the repository root, where a CI job runs (the CLI makes it relative to
// CI_PROJECT_DIR when that is set). A finding about a whole file is at line 1, one about the
// project (no file) at path ".". severity is "major" for every finding, which fails the run
// (see sarif). The fingerprint is the first 128 bits, in hex, of a SHA-256 of the SARIF
// fingerprint (code, project-relative path, message: not the line) and ":N" for the N-th
// finding with it in sorted order: stable from run to run and when code above moves, and
// unique within a report, as GitLab needs (it shows only the first issue of a fingerprint).
//
// # junit
//
// JUnit XML as Jenkins and GitLab read it: <testsuites name="buttress"> holds one <testsuite>
// per rule (name "CODE rule-name"), sorted by code, for every rule that ran (Options.Rules) or
// that a finding names. Per rule rather than per file, so that a rule without findings is a
// passing test case (named after the rule) and the CI page shows what was checked. A rule with
// findings has one failing test case per finding, named path:line:col (" (2)" and so on when
// two findings share a place), with classname "buttress.CODE" and file and line attributes;
// its <failure> has the message as its message attribute, the code as its type, and the text
// rendering of the finding (location, code frame, notes; no colour) as its body, in CDATA.
// Characters XML cannot hold become U+FFFD. With neither rules nor findings there is one
// passing test case, "no problems found". Times are 0 and there is no timestamp: the output
// does not depend on the clock.
package report
