// Package lsp is buttress's language server: it speaks the Language Server Protocol over a
// stream (standard input and output, as `buttress server` runs it) and shows in an editor
// what `buttress check` reports, as diagnostics of the open files, with a code action that
// adds a suppression comment and the rule's documentation on hover.
//
// The analysis itself is not here: the server is given an Analyzer (internal/cli gives the
// one check runs), and handles the protocol, the open documents, and when to analyse again:
// at once on open, save and close, and after a pause in typing (Options.Debounce) on change.
// Analyses run one at a time on their own goroutine; a change that comes during one is
// analysed after it, with every other change made meanwhile.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/buttresspy/buttress/internal/analysis"
	"github.com/buttresspy/buttress/internal/finding"
	"github.com/buttresspy/buttress/internal/python/ast"
)

// Analyzer analyses one project.
type Analyzer interface {
	// Root is the project's root directory: the paths of findings are relative to it.
	Root() string
	// Analyze takes the text of the files that changed since the last call (absolute paths;
	// nil for a file closed in the editor, to be read from disk again) and returns the
	// findings of the files in open (absolute paths), keyed by absolute path, as `buttress
	// check` reports them (selection, per-file-ignores, suppression comments, baseline).
	Analyze(changed map[string][]byte, open []string) (map[string][]finding.Finding, error)
}

// Options configure a server.
type Options struct {
	// Load loads the project that holds dir: the editor's workspace folder, or the directory
	// of the first file opened when the editor gives none.
	Load func(dir string) (Analyzer, error)
	// RuleDoc returns a rule's documentation, as `buttress rule CODE` prints it.
	RuleDoc func(code string) (string, bool)
	// Reload reports whether saving the file at path (absolute) changes the analysis
	// itself (a configuration or baseline file): the project is loaded again then.
	Reload func(path string) bool
	// Debounce is how long the server waits after a change before it analyses the buffer,
	// so that it does not analyse at every keystroke.
	Debounce time.Duration
	Log      io.Writer // where the server writes what it does (standard error)
	Version  string
}

// Serve runs a language server on a stream until the client sends exit (or closes the
// stream). It returns an error when the stream failed or the client exited without asking
// to shut down first, as the protocol says (the process then exits with 1).
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	s := &server{
		opts: opts, docs: map[protocol.DocumentURI]*document{}, changed: map[string][]byte{},
		kick: make(chan struct{}, 1), exited: make(chan struct{}),
	}
	s.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(rwc))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.conn.Go(ctx, s.handle)
	go s.worker(ctx)
	select {
	case <-s.exited:
		s.conn.Close() // the read on standard input may not end: the process exits
	case <-s.conn.Done():
	case <-ctx.Done():
		s.conn.Close()
	}
	s.mu.Lock()
	shutdown, exited := s.shutdown, s.exit
	s.mu.Unlock()
	if !exited {
		if err := s.conn.Err(); err != nil && !errors.Is(err, io.EOF) && !shutdown {
			return fmt.Errorf("the editor's connection failed: %v", err)
		}
	}
	if !shutdown {
		return errors.New("the editor exited without asking the server to shut down first")
	}
	return nil
}

// document is a file open in the editor.
type document struct {
	path    string // absolute
	text    string
	version int32
	// findings are the findings last shown for the document, with their diagnostics, for
	// hover and code actions.
	findings []shown
}

// shown is a finding as the editor shows it.
type shown struct {
	finding finding.Finding
	diag    protocol.Diagnostic
}

type server struct {
	opts Options
	conn jsonrpc2.Conn

	mu       sync.Mutex
	root     string // the directory of the project, from initialize
	docs     map[protocol.DocumentURI]*document
	changed  map[string][]byte // absolute path -> text (nil: closed) not yet analysed
	reload   bool              // load the project again before the next analysis
	dirty    bool              // something to analyse: an open, change, save or close since the last analysis
	timer    *time.Timer       // the debounce of a change
	shutdown bool              // the client asked to shut down
	exit     bool

	kick   chan struct{} // an analysis is due
	exited chan struct{} // closed at exit

	// Owned by the worker.
	analyzer Analyzer
	loadErr  error
}

func (s *server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, "buttress server: "+format+"\n", args...)
}

// handle answers one message. It runs on the connection's reading goroutine, one message
// at a time and in order: it never waits for an analysis.
func (s *server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	s.mu.Lock()
	down := s.shutdown
	s.mu.Unlock()
	if down && req.Method() != protocol.MethodExit {
		if _, isCall := req.(*jsonrpc2.Call); isCall {
			return reply(ctx, nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "the server is shutting down"))
		}
		return nil
	}
	switch req.Method() {
	case protocol.MethodInitialize:
		var p initializeParams
		if err := decode(req, &p); err != nil {
			return reply(ctx, nil, err)
		}
		return reply(ctx, s.initialize(&p), nil)
	case protocol.MethodInitialized:
		s.analyze(0) // load the project now: the first answer then comes quickly
		return nil
	case protocol.MethodShutdown:
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return reply(ctx, nil, nil)
	case protocol.MethodExit:
		s.mu.Lock()
		if !s.exit {
			s.exit = true
			close(s.exited)
		}
		s.mu.Unlock()
		return nil
	case protocol.MethodTextDocumentDidOpen:
		var p protocol.DidOpenTextDocumentParams
		if err := decode(req, &p); err != nil {
			return replyIfCall(ctx, reply, req, err)
		}
		s.open(p.TextDocument.URI, p.TextDocument.Text, p.TextDocument.Version)
		return nil
	case protocol.MethodTextDocumentDidChange:
		var p protocol.DidChangeTextDocumentParams
		if err := decode(req, &p); err != nil {
			return replyIfCall(ctx, reply, req, err)
		}
		s.change(&p)
		return nil
	case protocol.MethodTextDocumentDidSave:
		var p protocol.DidSaveTextDocumentParams
		if err := decode(req, &p); err != nil {
			return replyIfCall(ctx, reply, req, err)
		}
		s.save(p.TextDocument.URI)
		return nil
	case protocol.MethodTextDocumentDidClose:
		var p protocol.DidCloseTextDocumentParams
		if err := decode(req, &p); err != nil {
			return replyIfCall(ctx, reply, req, err)
		}
		s.close(ctx, p.TextDocument.URI)
		return nil
	case protocol.MethodTextDocumentHover:
		var p protocol.HoverParams
		if err := decode(req, &p); err != nil {
			return reply(ctx, nil, err)
		}
		return reply(ctx, s.hover(&p), nil)
	case protocol.MethodTextDocumentCodeAction:
		var p protocol.CodeActionParams
		if err := decode(req, &p); err != nil {
			return reply(ctx, nil, err)
		}
		return reply(ctx, s.codeActions(&p), nil)
	}
	if _, isCall := req.(*jsonrpc2.Call); isCall {
		return jsonrpc2.MethodNotFoundHandler(ctx, reply, req)
	}
	return nil // a notification the server has no use for ($/cancelRequest, ...)
}

func decode(req jsonrpc2.Request, into any) error {
	if err := json.Unmarshal(req.Params(), into); err != nil {
		return jsonrpc2.NewError(jsonrpc2.InvalidParams, fmt.Sprintf("%s: %v", req.Method(), err))
	}
	return nil
}

func replyIfCall(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request, err error) error {
	if _, isCall := req.(*jsonrpc2.Call); isCall {
		return reply(ctx, nil, err)
	}
	return nil
}

// initializeParams is what the server reads of initialize: the workspace folders, or, from a
// client older than them (the protocol deprecates these fields, which clients still send),
// the root.
type initializeParams struct {
	WorkspaceFolders []protocol.WorkspaceFolder `json:"workspaceFolders"`
	RootURI          protocol.DocumentURI       `json:"rootUri"`
	RootPath         string                     `json:"rootPath"`
}

func (s *server) initialize(p *initializeParams) *protocol.InitializeResult {
	root := ""
	switch {
	case len(p.WorkspaceFolders) > 0:
		root = uri.URI(p.WorkspaceFolders[0].URI).Filename()
	case p.RootURI != "":
		root = p.RootURI.Filename()
	case p.RootPath != "":
		root = p.RootPath
	}
	s.mu.Lock()
	s.root = root
	s.mu.Unlock()
	return &protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync: &protocol.TextDocumentSyncOptions{
				OpenClose: true,
				Change:    protocol.TextDocumentSyncKindFull,
				Save:      &protocol.SaveOptions{},
			},
			HoverProvider: true,
			CodeActionProvider: &protocol.CodeActionOptions{
				CodeActionKinds: []protocol.CodeActionKind{protocol.QuickFix},
			},
		},
		ServerInfo: &protocol.ServerInfo{Name: "buttress", Version: s.opts.Version},
	}
}

func (s *server) open(u protocol.DocumentURI, text string, version int32) {
	path := filepath.Clean(u.Filename())
	s.mu.Lock()
	s.docs[u] = &document{path: path, text: text, version: version}
	s.changed[path] = []byte(text)
	s.dirty = true
	if s.root == "" {
		s.root = filepath.Dir(path)
	}
	s.mu.Unlock()
	s.analyze(0)
}

func (s *server) change(p *protocol.DidChangeTextDocumentParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	if d == nil || len(p.ContentChanges) == 0 {
		s.mu.Unlock()
		return
	}
	// Full synchronisation (initialize says so): the last change is the whole text.
	d.text = p.ContentChanges[len(p.ContentChanges)-1].Text
	d.version = p.TextDocument.Version
	s.changed[d.path] = []byte(d.text)
	s.dirty = true
	s.mu.Unlock()
	s.analyze(s.opts.Debounce)
}

func (s *server) save(u protocol.DocumentURI) {
	path := filepath.Clean(u.Filename())
	s.mu.Lock()
	if s.opts.Reload != nil && s.opts.Reload(path) {
		s.reload = true
	}
	if d := s.docs[u]; d != nil {
		// Analysed again as saved: a file new to the project is on disk only now.
		s.changed[d.path] = []byte(d.text)
	}
	s.dirty = true
	s.mu.Unlock()
	s.analyze(0)
}

func (s *server) close(ctx context.Context, u protocol.DocumentURI) {
	s.mu.Lock()
	d := s.docs[u]
	if d != nil {
		delete(s.docs, u)
		s.changed[d.path] = nil
		s.dirty = true
	}
	s.mu.Unlock()
	if d != nil {
		s.publish(ctx, u, 0, nil) // nothing is shown for a closed file
		s.analyze(0)
	}
}

// analyze asks for an analysis after a delay (none: at once); a request made before an
// earlier one is due replaces it.
func (s *server) analyze(after time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	if after <= 0 {
		s.due()
		return
	}
	s.timer = time.AfterFunc(after, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.due()
	})
}

// due wakes the worker; s.mu is held.
func (s *server) due() {
	select {
	case s.kick <- struct{}{}:
	default: // already due: that analysis will take every change
	}
}

// worker runs the analyses, one at a time.
func (s *server) worker(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.exited:
			return
		case <-s.kick:
		}
		s.run(ctx)
	}
}

func (s *server) run(ctx context.Context) {
	defer func() {
		// A bug in an analysis must not take the editor's diagnostics down for the session:
		// say so, and answer the next edit.
		if r := recover(); r != nil {
			s.logf("internal error, please report it: %v\n%s", r, debug.Stack())
			s.message(ctx, protocol.MessageTypeError, fmt.Sprintf("buttress: internal error (%v); the server's log has the details", r))
		}
	}()
	s.mu.Lock()
	root, reload := s.root, s.reload
	s.reload = false
	s.mu.Unlock()
	if root == "" {
		return // nothing opened yet, and no workspace folder
	}
	if reload || s.analyzer == nil && s.loadErr == nil {
		start := time.Now()
		s.analyzer, s.loadErr = s.opts.Load(root)
		if s.loadErr != nil {
			s.logf("%v", s.loadErr)
			s.message(ctx, protocol.MessageTypeError, "buttress: "+s.loadErr.Error())
		} else {
			s.logf("loaded the project at %s in %v", s.analyzer.Root(), time.Since(start).Round(time.Millisecond))
			// Every open document is new to the new project.
			s.mu.Lock()
			for _, d := range s.docs {
				s.changed[d.path] = []byte(d.text)
			}
			s.mu.Unlock()
		}
	}
	if s.analyzer == nil {
		return
	}
	s.mu.Lock()
	if !s.dirty && !reload {
		s.mu.Unlock()
		return // the analysis that took the last change is done: nothing new
	}
	s.dirty = false
	changed := s.changed
	s.changed = map[string][]byte{}
	type snap struct {
		uri     protocol.DocumentURI
		doc     *document
		text    string
		version int32
	}
	var open []snap
	var paths []string
	for u, d := range s.docs {
		open = append(open, snap{u, d, d.text, d.version})
		paths = append(paths, d.path)
	}
	s.mu.Unlock()
	sort.Slice(open, func(i, j int) bool { return open[i].uri < open[j].uri })
	start := time.Now()
	found, err := s.analyzer.Analyze(changed, paths)
	if err != nil {
		s.logf("%v", err)
		s.message(ctx, protocol.MessageTypeError, "buttress: "+err.Error())
		return
	}
	s.logf("analysed %d changed and %d open files in %v", len(changed), len(open), time.Since(start).Round(time.Millisecond))
	root = s.analyzer.Root()
	for _, o := range open {
		var list []shown
		for _, f := range found[o.doc.path] {
			list = append(list, shown{f, diagnostic(root, o.text, f)})
		}
		s.mu.Lock()
		stale := s.docs[o.uri] != o.doc
		if !stale {
			o.doc.findings = list
		}
		s.mu.Unlock()
		if !stale {
			s.publish(ctx, o.uri, o.version, list)
		}
	}
}

func (s *server) publish(ctx context.Context, u protocol.DocumentURI, version int32, list []shown) {
	diags := make([]protocol.Diagnostic, 0, len(list))
	for _, x := range list {
		diags = append(diags, x.diag)
	}
	p := &protocol.PublishDiagnosticsParams{URI: u, Diagnostics: diags}
	if version > 0 {
		p.Version = uint32(version)
	}
	if err := s.conn.Notify(ctx, protocol.MethodTextDocumentPublishDiagnostics, p); err != nil {
		s.logf("publishing diagnostics: %v", err)
	}
}

func (s *server) message(ctx context.Context, kind protocol.MessageType, msg string) {
	if err := s.conn.Notify(ctx, protocol.MethodWindowShowMessage, &protocol.ShowMessageParams{Type: kind, Message: msg}); err != nil {
		s.logf("showing a message: %v", err)
	}
}

// diagnostic turns a finding into the editor's diagnostic. Findings count 1-based lines and
// characters; the protocol counts from 0, in UTF-16 code units.
func diagnostic(root, text string, f finding.Finding) protocol.Diagnostic {
	lines := ast.SplitLines(text)
	start := position(lines, f.Line, f.Col)
	end := start
	if f.EndLine > 0 {
		end = position(lines, f.EndLine, f.EndCol)
	}
	if end == start { // an empty range: the rest of the line, for the editor to show it
		end = position(lines, f.Line, 1<<30)
		if end == start && start.Character > 0 {
			start.Character--
		}
	}
	severity := protocol.DiagnosticSeverityWarning
	if f.Code == "SYN001" || strings.HasPrefix(f.Code, "ARCH") {
		severity = protocol.DiagnosticSeverityError
	}
	d := protocol.Diagnostic{
		Range: protocol.Range{Start: start, End: end}, Severity: severity,
		Code: f.Code, Source: "buttress", Message: f.Message,
		CodeDescription: &protocol.CodeDescription{Href: uri.URI(analysis.DocsURLOf(f.Code))},
	}
	for _, n := range f.Notes {
		if n.Path == "" {
			d.Message += "\n" + n.Message
			continue
		}
		at := protocol.Position{}
		if n.Line > 0 {
			at = protocol.Position{Line: uint32(n.Line - 1), Character: uint32(max(n.Col-1, 0))}
		}
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: protocol.Location{URI: uri.File(filepath.Join(root, filepath.FromSlash(n.Path))), Range: protocol.Range{Start: at, End: at}},
			Message:  n.Message,
		})
	}
	return d
}

// position is the protocol's position of a 1-based line and 1-based character column; a
// column past the end of the line is its end.
func position(lines []string, line, col int) protocol.Position {
	if line < 1 {
		return protocol.Position{}
	}
	if line > len(lines) {
		return protocol.Position{Line: uint32(len(lines) - 1), Character: uint32(utf16Len(lines[len(lines)-1]))}
	}
	text := lines[line-1]
	units, chars := 0, 1
	for _, r := range text {
		if chars >= col {
			break
		}
		units++
		if r >= 0x10000 {
			units++
		}
		chars++
	}
	return protocol.Position{Line: uint32(line - 1), Character: uint32(units)}
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}

// at returns the findings shown for a document whose range holds a position.
func (s *server) at(u protocol.DocumentURI, rng protocol.Range) (*document, []shown) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.docs[u]
	if d == nil {
		return nil, nil
	}
	var out []shown
	for _, x := range d.findings {
		r := x.diag.Range
		if !before(rng.End, r.Start) && !before(r.End, rng.Start) {
			out = append(out, x)
		}
	}
	return d, out
}

func before(a, b protocol.Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// hover shows the documentation of the rules of the findings under the cursor.
func (s *server) hover(p *protocol.HoverParams) *protocol.Hover {
	_, list := s.at(p.TextDocument.URI, protocol.Range{Start: p.Position, End: p.Position})
	if len(list) == 0 || s.opts.RuleDoc == nil {
		return nil
	}
	var b strings.Builder
	seen := map[string]bool{}
	for _, x := range list {
		code := x.finding.Code
		if seen[code] {
			continue
		}
		seen[code] = true
		doc, ok := s.opts.RuleDoc(code)
		if !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n---\n\n")
		}
		fmt.Fprintf(&b, "**%s** %s\n\n```text\n%s```\n", code, x.finding.Message, strings.TrimRight(doc, "\n")+"\n")
	}
	if b.Len() == 0 {
		return nil
	}
	r := list[0].diag.Range
	return &protocol.Hover{Contents: protocol.MarkupContent{Kind: protocol.Markdown, Value: b.String()}, Range: &r}
}

// codeActions offers, for each finding in the range, to silence it with a suppression
// comment on its line.
func (s *server) codeActions(p *protocol.CodeActionParams) []protocol.CodeAction {
	if len(p.Context.Only) > 0 && !containsKind(p.Context.Only, protocol.QuickFix) {
		return []protocol.CodeAction{}
	}
	d, list := s.at(p.TextDocument.URI, p.Range)
	out := []protocol.CodeAction{}
	if d == nil {
		return out
	}
	s.mu.Lock()
	text, path := d.text, d.path
	s.mu.Unlock()
	if !strings.HasSuffix(path, ".py") && !strings.HasSuffix(path, ".pyi") {
		return out // a finding in a configuration file is silenced there, not by a comment
	}
	seen := map[string]bool{}
	for _, x := range list {
		f := x.finding
		key := fmt.Sprintf("%s:%d", f.Code, f.Line)
		if seen[key] {
			continue
		}
		seen[key] = true
		edit, ok := Suppress(text, f.Line, f.Code)
		if !ok {
			continue
		}
		out = append(out, protocol.CodeAction{
			Title:       fmt.Sprintf("Silence %s on this line (# buttress: ignore[%s])", f.Code, f.Code),
			Kind:        protocol.QuickFix,
			Diagnostics: []protocol.Diagnostic{x.diag},
			Edit:        &protocol.WorkspaceEdit{Changes: map[protocol.DocumentURI][]protocol.TextEdit{p.TextDocument.URI: {edit}}},
		})
	}
	return out
}

func containsKind(kinds []protocol.CodeActionKind, k protocol.CodeActionKind) bool {
	for _, x := range kinds {
		if x == k || strings.HasPrefix(string(k), string(x)+".") {
			return true
		}
	}
	return false
}
