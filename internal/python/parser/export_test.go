package parser

import "github.com/buttresspy/buttress/internal/python/token"

// Tokenize exposes the lexer to the external tests (see dump_test.go).
func Tokenize(src string) ([]token.Token, []*Error) { return tokenize(src) }

// Prepare exposes prepare to the external tests.
func Prepare(src string) (string, *Error) {
	s, err := prepare(src)
	if err != nil {
		return "", err
	}
	return s, nil
}
