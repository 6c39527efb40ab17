// check.mjs runs Ruff's WebAssembly build (the npm package @astral-sh/ruff-wasm-nodejs) on
// files, for buttress's tests. Its only argument is the package's directory. It reads one
// JSON object from stdin, {"settings": <Ruff settings, as in pyproject.toml's [tool.ruff]>,
// "files": [path, ...]}, and writes one JSON line per file, in order:
// {"path": ..., "diagnostics": [{"code", "message", "row", "column", "end_row",
// "end_column"}]} or {"path": ..., "error": "..."}. Rows are 1-based; columns are 1-based and
// count code points. Settings that Ruff rejects end the process with status 2.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const pkgDir = process.argv[process.argv.length - 1];
const ruff = createRequire(path.join(pkgDir, 'package.json'))(pkgDir);

let text = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) {
  text += chunk;
}
const input = JSON.parse(text);

let workspace;
try {
  workspace = new ruff.Workspace(input.settings, ruff.PositionEncoding.Utf32);
} catch (e) {
  process.stderr.write(`Ruff rejects the settings ${JSON.stringify(input.settings)}: ${e}\n`);
  process.exit(2);
}

for (const file of input.files) {
  let out;
  try {
    let src = readFileSync(file, 'utf8');
    if (src.charCodeAt(0) === 0xfeff) {
      src = src.slice(1); // a byte order mark is no character of the source: columns start after it
    }
    const diagnostics = workspace.check(src).map((d) => ({
      code: d.code ?? '',
      message: d.message,
      row: d.start_location.row,
      column: d.start_location.column,
      end_row: d.end_location.row,
      end_column: d.end_location.column,
    }));
    out = { path: file, diagnostics };
  } catch (e) {
    out = { path: file, error: String(e) };
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
