package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteJSON writes the API as a snapshot file.
func (a *API) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(a)
}

// ReadSnapshot reads a snapshot written by WriteJSON.
func ReadSnapshot(data []byte) (*API, error) {
	var a API
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		if se, ok := err.(*json.SyntaxError); ok {
			line := 1 + bytes.Count(data[:se.Offset], []byte("\n"))
			return nil, fmt.Errorf("line %d: not a buttress API snapshot: %v", line, err)
		}
		return nil, fmt.Errorf("not a buttress API snapshot (written by buttress api snapshot --format json): %v", err)
	}
	if a.Version != SnapshotVersion {
		return nil, fmt.Errorf("snapshot format version %d, this buttress reads version %d: write it again with this buttress", a.Version, SnapshotVersion)
	}
	for i, o := range a.Objects {
		if o == nil || o.Path == "" || o.Kind == "" {
			return nil, fmt.Errorf("object %d has no path or kind", i+1)
		}
	}
	a.sort()
	return &a, nil
}

// WriteText writes the API one object a line, as Python-like declarations.
func (a *API) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, o := range a.Objects {
		b.WriteString(o.Declaration())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Declaration writes the object as a one-line declaration.
func (o *Object) Declaration() string {
	var b strings.Builder
	for _, d := range o.Decorators {
		b.WriteString("@" + d + " ")
	}
	switch o.Kind {
	case KindModule:
		b.WriteString("module " + o.Path)
	case KindClass:
		b.WriteString("class " + o.Path)
		if len(o.Bases) > 0 {
			b.WriteString("(" + strings.Join(o.Bases, ", ") + ")")
		}
		if o.Data != "" {
			b.WriteString("  # " + o.Data)
		}
	case KindFunction, KindMethod, KindClassMethod, KindStaticMethod:
		if o.Async {
			b.WriteString("async ")
		}
		b.WriteString("def " + o.Path + "(" + ParamsText(o.Params) + ")")
		if o.Returns != "" {
			b.WriteString(" -> " + o.Returns)
		}
		if o.Kind != KindFunction && o.Kind != KindMethod {
			b.WriteString("  # " + o.Kind)
		}
		if o.Overloaded {
			b.WriteString("  # overloaded")
		}
	case KindAlias:
		b.WriteString(o.Path + " = " + o.Target)
	default:
		b.WriteString(o.Kind + " " + o.Path)
		if o.Type != "" {
			b.WriteString(": " + o.Type)
		}
		if o.Required {
			b.WriteString("  # required")
		}
	}
	return b.String()
}

// ParamsText writes parameters as Python does, with / and * where they belong.
func ParamsText(ps []Param) string {
	var parts []string
	star := false
	for i, p := range ps {
		if p.Kind == KeywordOnly && !star {
			parts = append(parts, "*")
			star = true
		}
		s := p.Name
		switch p.Kind {
		case VarPositional:
			s, star = "*"+s, true
		case VarKeyword:
			s = "**" + s
		}
		if p.Annotation != "" {
			s += ": " + p.Annotation
		}
		if p.Default != "" {
			if p.Annotation != "" {
				s += " = " + p.Default
			} else {
				s += "=" + p.Default
			}
		}
		parts = append(parts, s)
		if p.Kind == PositionalOnly && (i+1 == len(ps) || ps[i+1].Kind != PositionalOnly) {
			parts = append(parts, "/")
		}
	}
	return strings.Join(parts, ", ")
}
