// Reads Mermaid flowcharts, a JSON array of texts, on stdin, parses each with Mermaid's own
// parser, and prints what Mermaid reads: for each, its nodes (id, label with entity codes
// decoded as the browser shows them, shape) and edges (start and end ids), or its error.
//
// Usage: node mermaid_graph.mjs DIR < flowcharts.json
// DIR is where mermaid and jsdom were installed (npm install --prefix DIR mermaid jsdom).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const require = createRequire(join(dir, 'node_modules', 'index.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const entry = join(dir, 'node_modules', 'mermaid', 'dist', 'mermaid.core.mjs');
const { default: mermaid } = await import(pathToFileURL(entry).href);
mermaid.initialize({ startOnLoad: false });

// Mermaid keeps entity codes (#35;, #quot;) encoded in its database and decodes them when it
// draws; this is its decoding, then the browser's.
function decode(text) {
  const html = String(text).replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  const area = document.createElement('textarea');
  area.innerHTML = html;
  return area.value;
}

let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = [];
for (const text of JSON.parse(input)) {
  try {
    const d = await mermaid.mermaidAPI.getDiagramFromText(text);
    const nodes = [...d.db.getVertices().values()].map((v) => ({ id: v.id, label: decode(v.text), shape: v.type }));
    const edges = d.db.getEdges().map((e) => [e.start, e.end]);
    out.push({ nodes, edges });
  } catch (e) {
    out.push({ error: String(e && e.message ? e.message : e) });
  }
}
console.log(JSON.stringify(out));
