package htmlreport

// Vendored are the JavaScript libraries the report embeds, copied byte for byte from their
// npm packages by `go run ./tools/vendorjs` (which installs the pinned versions into a cache
// and copies these files into assets/vendor). TestVendoredFiles checks the committed copies
// against these hashes, so a hand edit or a drifted copy fails the tests.
//
// ELK (elkjs, Eclipse Public License 2.0) lays the package graph out: its layered algorithm
// handles nested packages (compound nodes) and partitions (the contract layers, as bands in
// their declared order), and stays usable on hundreds of boxes and thousands of edges. d3
// (ISC) draws it as SVG, so every box is a DOM element (data-module), and draws the
// treemap and the hotspot chart.
var Vendored = []VendoredFile{
	{Package: "elkjs", Version: "0.12.1", From: "lib/elk.bundled.js", To: "elk.bundled.js", SHA256: "b1032b7cfd2a57c54c6f0e8369d7665e19a579954f7cd20a6dae28f1912ea0d7"},
	{Package: "elkjs", Version: "0.12.1", From: "LICENSE.md", To: "LICENSE.elkjs.md", SHA256: "637e81f4a1b6b4079535c499fca05e238cf7605c1ff5b76d60d7da7ce96700c9"},
	{Package: "d3", Version: "7.9.2", From: "dist/d3.min.js", To: "d3.min.js", SHA256: "912111098ea99503a6f4967361d2bbdc9dbf58cf9c678c8e27e5b02d1a07f0c1"},
	{Package: "d3", Version: "7.9.2", From: "LICENSE", To: "LICENSE.d3", SHA256: "2a6d2d5f32ba0b755ddbc1c833f766e30cdbe6ebe9a6d4e3e24427721f0b63d3"},
}

// VendoredFile is one file copied from an npm package into assets/vendor.
type VendoredFile struct {
	Package, Version string
	From             string // path inside the package
	To               string // name in assets/vendor
	SHA256           string // of the file's bytes
}
