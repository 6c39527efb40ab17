package cli

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/buttresspy/buttress/internal/cpython"
)

// serverProjectFiles is a small project with a broken layers contract (app.domain.model
// imports app.api.views) and a rule finding (a mutable default), and a bare except that
// per-file-ignores silence.
var serverProjectFiles = map[string]string{
	"pyproject.toml": `[tool.buttress]
per-file-ignores = { "app/api/*" = ["ERR001"] }

[[tool.buttress.contracts]]
name = "layers"
type = "layers"
layers = ["app.api", "app.domain"]
`,
	"app/__init__.py":        "",
	"app/api/__init__.py":    "",
	"app/api/views.py":       "import app.domain.model\n\ntry:\n    pass\nexcept:\n    pass\n",
	"app/domain/__init__.py": "",
	"app/domain/model.py":    "import app.api.views\n\n\ndef f(x=[]):\n    return x\n",
}

// lspClient drives `buttress server` through the protocol, as an editor does.
type lspClient struct {
	t     *testing.T
	cmd   *exec.Cmd
	conn  jsonrpc2.Conn
	diags chan protocol.PublishDiagnosticsParams
	// latest holds the last diagnostics published for each document that published has
	// read past.
	latest map[protocol.DocumentURI][]protocol.Diagnostic
}

// writeProject writes files into a new directory and returns it.
func writeProject(t *testing.T, files map[string]string) string {
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// startServer runs `buttress server` (this test binary, run as buttress) on the project at
// dir, with pipes to a client, and initializes it; stop, deferred, shows the server's stderr
// when the test failed.
func startServer(t *testing.T, dir string) (c *lspClient, stop func()) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := &exec.Cmd{Path: exe, Args: []string{"buttress", "server", "--debounce", "10ms"}, Dir: t.TempDir()}
	stderr := &strings.Builder{}
	cmd.Stderr = stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop = func() {
		if t.Failed() {
			_ = cmd.Process.Kill()
			t.Logf("server's stderr:\n%s", stderr.String())
		}
	}
	c = &lspClient{t: t, cmd: cmd, diags: make(chan protocol.PublishDiagnosticsParams, 100), latest: map[protocol.DocumentURI][]protocol.Diagnostic{}}
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(struct {
		io.Reader
		io.WriteCloser
	}{stdout, stdin}))
	c.conn.Go(context.Background(), func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		if req.Method() == protocol.MethodTextDocumentPublishDiagnostics {
			var p protocol.PublishDiagnosticsParams
			if err := json.Unmarshal(req.Params(), &p); err != nil {
				t.Errorf("publishDiagnostics: %v", err)
			}
			c.diags <- p
		}
		return nil
	})
	var init protocol.InitializeResult
	c.call(protocol.MethodInitialize, &protocol.InitializeParams{WorkspaceFolders: []protocol.WorkspaceFolder{{URI: string(uri.File(dir)), Name: "project"}}}, &init)
	if init.ServerInfo == nil || init.ServerInfo.Name != "buttress" {
		t.Errorf("initialize: server info %+v", init.ServerInfo)
	}
	c.notify(protocol.MethodInitialized, &protocol.InitializedParams{})
	return c, stop
}

func (c *lspClient) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *lspClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// published waits for the diagnostics of a version of a document.
func (c *lspClient) published(u protocol.DocumentURI, version uint32) []protocol.Diagnostic {
	c.t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case p := <-c.diags:
			c.latest[p.URI] = p.Diagnostics
			if p.URI == u && p.Version == version {
				return p.Diagnostics
			}
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s version %d", u, version)
		}
	}
}

// open opens a file in the client and returns its first diagnostics.
func (c *lspClient) open(u protocol.DocumentURI, text string) []protocol.Diagnostic {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: u, LanguageID: "python", Version: 1, Text: text}})
	return c.published(u, 1)
}

// change gives an open file a new text and returns its diagnostics.
func (c *lspClient) change(u protocol.DocumentURI, version int32, text string) []protocol.Diagnostic {
	c.t.Helper()
	c.notify(protocol.MethodTextDocumentDidChange, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: version},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{{Text: text}},
	})
	return c.published(u, uint32(version))
}

// exit asks the server to shut down and exit, and checks that it exits with 0.
func (c *lspClient) exit() {
	c.t.Helper()
	c.call(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			c.t.Errorf("server exit: %v", err)
		}
	case <-time.After(10 * time.Second):
		c.t.Fatal("the server did not exit after exit")
	}
}

// codes lists the codes of diagnostics, with their 1-based lines: "ARCH001:1 PAT003:4".
func codes(ds []protocol.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code.(string)+":"+itoa(int(d.Range.Start.Line)+1))
	}
	return strings.Join(out, " ")
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestServer drives `buttress server` over pipes through a session: initialize, open a file,
// its diagnostics (a contract and a rule), edits that remove and bring back the contract's
// import, hover, the quick fix applied, per-file-ignores, a new file, close, shutdown and exit.
func TestServer(t *testing.T) {
	dir := writeProject(t, serverProjectFiles)
	c, stop := startServer(t, dir)
	defer stop()

	model := uri.File(filepath.Join(dir, "app", "domain", "model.py"))
	text := serverProjectFiles["app/domain/model.py"]
	ds := c.open(model, text)
	if got, want := codes(ds), "ARCH001:1 PAT003:4"; got != want {
		t.Fatalf("on open: %s, want %s", got, want)
	}
	arch := ds[0]
	if arch.Range.Start.Character != 7 || arch.Range.End.Character != 20 || arch.Source != "buttress" ||
		arch.CodeDescription == nil || !strings.HasSuffix(string(arch.CodeDescription.Href), "docs/rules/ARCH001.md") {
		t.Errorf("ARCH001: %+v", arch)
	}

	// The unsaved text is analysed: without the import, the contract is kept (the import
	// graph follows the edit); with it back in another form, broken again, on its new line.
	change := func(version int32, text string) []protocol.Diagnostic { return c.change(model, version, text) }
	text = "\n\n\ndef f(x=[]):\n    return x\n"
	if got, want := codes(change(2, text)), "PAT003:4"; got != want {
		t.Errorf("import removed: %s, want %s", got, want)
	}
	text = "import os\nfrom app.api import views\n\ndef f(x=[]):\n    return x\n"
	ds = change(3, text)
	if got, want := codes(ds), "ARCH001:2 PAT003:4"; got != want {
		t.Fatalf("import back: %s, want %s", got, want)
	}

	// Hover on the contract finding shows its rule's documentation.
	var hover protocol.Hover
	c.call(protocol.MethodTextDocumentHover, &protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: model}, Position: ds[0].Range.Start,
	}}, &hover)
	if !strings.Contains(hover.Contents.Value, "ARCH001 (layer-violation)") || !strings.Contains(hover.Contents.Value, "Why") {
		t.Errorf("hover: %q", hover.Contents.Value)
	}

	// The quick fix of the rule finding adds a suppression comment; with it applied, the
	// finding is gone.
	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: model}, Range: ds[1].Range,
		Context: protocol.CodeActionContext{Diagnostics: []protocol.Diagnostic{ds[1]}},
	}, &actions)
	if len(actions) != 1 || actions[0].Edit == nil || len(actions[0].Edit.Changes[model]) != 1 {
		t.Fatalf("code actions: %+v", actions)
	}
	edit := actions[0].Edit.Changes[model][0]
	if edit.NewText != "  # buttress: ignore[PAT003]" || edit.Range.Start != (protocol.Position{Line: 3, Character: 12}) {
		t.Errorf("quick fix: %+v", edit)
	}
	lines := strings.Split(text, "\n")
	lines[3] += edit.NewText
	text = strings.Join(lines, "\n")
	if got, want := codes(change(4, text)), "ARCH001:2"; got != want {
		t.Errorf("quick fix applied: %s, want %s", got, want)
	}

	// Another file: per-file-ignores silence its bare except, as in check.
	views := uri.File(filepath.Join(dir, "app", "api", "views.py"))
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: views, LanguageID: "python", Version: 1, Text: serverProjectFiles["app/api/views.py"]}})
	if got := codes(c.published(views, 1)); got != "" {
		t.Errorf("views.py: %s, want nothing", got)
	}

	// A file created since the project was loaded: saved, it is analysed (the project is
	// loaded again to take it).
	fresh := filepath.Join(dir, "app", "api", "fresh.py")
	freshText := "def g(y={}):\n    return y\n"
	freshURI := uri.File(fresh)
	c.notify(protocol.MethodTextDocumentDidOpen, &protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{URI: freshURI, LanguageID: "python", Version: 1, Text: freshText}})
	if got := codes(c.published(freshURI, 1)); got != "" {
		t.Errorf("a new file, not saved: %s, want nothing", got)
	}
	if err := os.WriteFile(fresh, []byte(freshText), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: freshURI}})
	if got, want := codes(c.published(freshURI, 1)), "PAT003:1"; got != want {
		t.Errorf("a new file, saved: %s, want %s", got, want)
	}
	// The edited, unsaved text of the other file survives the new load.
	c.notify(protocol.MethodTextDocumentDidSave, &protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: model}})
	if got, want := codes(c.published(model, 4)), "ARCH001:2"; got != want {
		t.Errorf("after the new load: %s, want %s", got, want)
	}

	// Closed, a file shows nothing.
	c.notify(protocol.MethodTextDocumentDidClose, &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: model}})
	if got := codes(c.published(model, 0)); got != "" {
		t.Errorf("closed: %s, want nothing", got)
	}

	c.exit()
}

// TestServerUnusedSuppression: a suppression that silenced a contract finding is reported
// unused (SUP001) once an edit of another file breaks the chain the finding was about, and
// silences it again when the chain is back.
func TestServerUnusedSuppression(t *testing.T) {
	dir := writeProject(t, map[string]string{
		"pyproject.toml": `[[tool.buttress.contracts]]
name = "no db in the api"
type = "forbidden"
source-modules = ["app.api"]
forbidden-modules = ["app.db"]
`,
		"app/__init__.py": "",
		"app/api.py":      "import app.service  # buttress: ignore[ARCH002]  being moved\n",
		"app/service.py":  "import app.db\n",
		"app/db.py":       "",
	})
	c, stop := startServer(t, dir)
	defer stop()
	api := uri.File(filepath.Join(dir, "app", "api.py"))
	service := uri.File(filepath.Join(dir, "app", "service.py"))
	if got := codes(c.open(api, "import app.service  # buttress: ignore[ARCH002]  being moved\n")); got != "" {
		t.Errorf("api.py: %s, want nothing", got)
	}
	c.open(service, "import app.db\n")
	// An analysis publishes the open files in order: api.py's comes before service.py's.
	c.change(service, 2, "\n")
	if got, want := codes(c.latest[api]), "SUP001:1"; got != want {
		t.Errorf("the chain broken: api.py %s, want %s", got, want)
	}
	c.change(service, 3, "import app.db\n")
	if got := codes(c.latest[api]); got != "" {
		t.Errorf("the chain back: api.py %s, want nothing", got)
	}
	c.exit()
}

// TestServerNeovim runs Debian's Neovim headless as the client of `buttress server`, with
// testdata/server/nvim.lua: the diagnostics on open and after an unsaved edit, the hover
// and the quick fix as Neovim shows and applies them. Without nvim the test is skipped, or
// fails under BUTTRESS_REQUIRE_CPYTHON=1 (.ci/run installs it).
func TestServerNeovim(t *testing.T) {
	nvim := cpython.RequireProgram(t, "nvim", "Debian's neovim, the editor this test drives buttress server from")
	script, err := filepath.Abs(filepath.Join("testdata", "server", "nvim.lua"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, content := range serverProjectFiles {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Neovim starts the server by name: this test binary, named buttress, runs as buttress.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	buttress := filepath.Join(bin, "buttress")
	if err := os.Symlink(exe, buttress); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-i", "NONE", "-n", "-u", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BUTTRESS="+buttress, "FILE="+filepath.Join("app", "domain", "model.py"),
		"HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_CACHE_HOME="+home, "XDG_STATE_HOME="+home)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("nvim: %v\n%s", err, out)
	}
	want := `on open:
  1:8 buttress [layers] app.domain.model -> app.api.views: the layer app.domain may not import the higher layer app.api
  4:9 buttress mutable default value is shared by every call: default to None and build it inside the function
line 1 deleted, unsaved:
  3:9 buttress mutable default value is shared by every call: default to None and build it inside the function
hover: PAT003 (mutable-default): A mutable default argument (` + "`[]`, `{}`, `set()`" + `, ...)
code action: Silence PAT003 on this line (# buttress: ignore[PAT003])
line 3: def f(x=[]):  # buttress: ignore[PAT003]
quick fix applied:
`
	if got := strings.ReplaceAll(string(out), "\r\n", "\n"); got != want {
		t.Errorf("Neovim showed:\n%s\nwant:\n%s", got, want)
	}
}
