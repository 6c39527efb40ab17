package importlinter

import (
	"reflect"
	"strings"
	"testing"

	"github.com/buttresspy/buttress/internal/contracts"
)

// Fixes from a review of the reader against import-linter's documented semantics and code.

// An empty name made a contract without a name (import-linter takes it and reports the
// contract as ""): buttress's contracts are reported by name. It was an error, which made
// buttress fail where lint-imports passes; it is now a warning, and the contract is named
// after its section. Found by FuzzParseINI (testdata/fuzz/FuzzParseINI/9b13c55263a5936e).
func TestReviewEmptyName(t *testing.T) {
	text := iniHead + "[importlinter:contract:c]\nname =\ntype = independence\nmodules =\n    mypackage.a\n    mypackage.b\n"
	cfg, err := ParseINI([]byte(text), ".importlinter")
	if err != nil || len(cfg.Contracts) != 1 {
		t.Fatalf("INI: %v, %s", err, dump(cfg))
	}
	if c := cfg.Contracts[0]; c.Name != "(no name: importlinter:contract:c)" || len(c.Warnings) != 1 || !strings.HasPrefix(c.Warnings[0], ".importlinter:4: [importlinter:contract:c] name is empty") {
		t.Errorf("INI: name %q, warnings %q", c.Name, c.Warnings)
	}

	toml := "[tool.importlinter]\nroot_package = \"mypackage\"\n\n[[tool.importlinter.contracts]]\nname = \"  \"\ntype = \"independence\"\nmodules = [\"mypackage.a\", \"mypackage.b\"]\n"
	cfg, err = ParseTOML([]byte(toml), "pyproject.toml")
	if err != nil || len(cfg.Contracts) != 1 {
		t.Fatalf("TOML: %v, %s", err, dump(cfg))
	}
	if c := cfg.Contracts[0]; !strings.HasPrefix(c.Name, "(no name: ") || len(c.Warnings) != 1 || !strings.HasPrefix(c.Warnings[0], "pyproject.toml:5") {
		t.Errorf("TOML: name %q, warnings %q", c.Name, c.Warnings)
	}
}

// import-linter makes each module of a layer optional by wrapping that module, not the line:
// in "(high | low)" it reads the modules "(high" and "low)", which do not exist (so the
// contract fails). The reader used to pass the line on as buttress's "(a | b)", an optional
// layer of high and low: a contract that checks what import-linter would not.
func TestReviewParenthesesAroundLayerLine(t *testing.T) {
	for _, tc := range []errorCase{{
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = layers\nlayers =\n    mypackage.top\n    (mypackage.high | mypackage.low)\n",
		marker: "(mypackage.high",
		msg:    `layers: layer "(mypackage.high | mypackage.low)": import-linter makes a module optional when the module itself is in parentheses`,
	}, {
		text:   iniHead + "[importlinter:contract:c]\nname = C\ntype = layers\nlayers =\n    ((mypackage.high))\n    mypackage.low\n",
		marker: "((mypackage.high))",
		msg:    `it reads "(mypackage.high)" as a module name`,
	}} {
		cfg, err := ParseINI([]byte(tc.text), ".importlinter")
		if cfg != nil {
			t.Errorf("got a configuration: %s", dump(cfg))
		}
		checkError(t, ".importlinter", tc, err)
	}

	// Each module wrapped, as import-linter's documentation writes it, is still an optional
	// layer.
	text := iniHead + "[importlinter:contract:c]\nname = C\ntype = layers\nlayers =\n    mypackage.top\n    (mypackage.high) | (mypackage.low)\n"
	cfg, err := ParseINI([]byte(text), ".importlinter")
	if err != nil {
		t.Fatal(err)
	}
	want := &contracts.Layers{Layers: []contracts.Layer{layer("mypackage.top"), layer("(mypackage.high | mypackage.low)")}}
	if got := cfg.Contracts[0].Spec; !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
