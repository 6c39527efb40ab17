// Package token defines the lexical tokens of Python.
package token

// Kind is the kind of a token.
type Kind uint8

// Token kinds. Keywords and operators each have their own kind; soft keywords (match, case,
// type, _) are NAME tokens.
const (
	ILLEGAL Kind = iota
	ENDMARKER
	NEWLINE
	INDENT
	DEDENT
	NAME
	NUMBER
	STRING
	FSTRING_START
	FSTRING_MIDDLE
	FSTRING_END
	TSTRING_START

	keywordBeg
	FALSE
	NONE
	TRUE
	AND
	AS
	ASSERT
	ASYNC
	AWAIT
	BREAK
	CLASS
	CONTINUE
	DEF
	DEL
	ELIF
	ELSE
	EXCEPT
	FINALLY
	FOR
	FROM
	GLOBAL
	IF
	IMPORT
	IN
	IS
	LAMBDA
	NONLOCAL
	NOT
	OR
	PASS
	RAISE
	RETURN
	TRY
	WHILE
	WITH
	YIELD
	keywordEnd

	LPAR             // (
	RPAR             // )
	LSQB             // [
	RSQB             // ]
	COLON            // :
	COMMA            // ,
	SEMI             // ;
	PLUS             // +
	MINUS            // -
	STAR             // *
	SLASH            // /
	VBAR             // |
	AMPER            // &
	LESS             // <
	GREATER          // >
	EQUAL            // =
	DOT              // .
	PERCENT          // %
	LBRACE           // {
	RBRACE           // }
	EQEQUAL          // ==
	NOTEQUAL         // !=
	LESSEQUAL        // <=
	GREATEREQUAL     // >=
	TILDE            // ~
	CIRCUMFLEX       // ^
	LEFTSHIFT        // <<
	RIGHTSHIFT       // >>
	DOUBLESTAR       // **
	PLUSEQUAL        // +=
	MINEQUAL         // -=
	STAREQUAL        // *=
	SLASHEQUAL       // /=
	PERCENTEQUAL     // %=
	AMPEREQUAL       // &=
	VBAREQUAL        // |=
	CIRCUMFLEXEQUAL  // ^=
	LEFTSHIFTEQUAL   // <<=
	RIGHTSHIFTEQUAL  // >>=
	DOUBLESTAREQUAL  // **=
	DOUBLESLASH      // //
	DOUBLESLASHEQUAL // //=
	AT               // @
	ATEQUAL          // @=
	RARROW           // ->
	ELLIPSIS         // ...
	COLONEQUAL       // :=
	EXCLAMATION      // !
	NOTEQUAL_LEGACY  // <>
	numKinds
)

var names = [...]string{
	ILLEGAL: "ILLEGAL", ENDMARKER: "ENDMARKER", NEWLINE: "NEWLINE", INDENT: "INDENT", DEDENT: "DEDENT",
	NAME: "NAME", NUMBER: "NUMBER", STRING: "STRING", FSTRING_START: "FSTRING_START",
	FSTRING_MIDDLE: "FSTRING_MIDDLE", FSTRING_END: "FSTRING_END", TSTRING_START: "TSTRING_START",
	FALSE: "False", NONE: "None", TRUE: "True", AND: "and", AS: "as", ASSERT: "assert", ASYNC: "async",
	AWAIT: "await", BREAK: "break", CLASS: "class", CONTINUE: "continue", DEF: "def", DEL: "del",
	ELIF: "elif", ELSE: "else", EXCEPT: "except", FINALLY: "finally", FOR: "for", FROM: "from",
	GLOBAL: "global", IF: "if", IMPORT: "import", IN: "in", IS: "is", LAMBDA: "lambda",
	NONLOCAL: "nonlocal", NOT: "not", OR: "or", PASS: "pass", RAISE: "raise", RETURN: "return",
	TRY: "try", WHILE: "while", WITH: "with", YIELD: "yield",
	LPAR: "(", RPAR: ")", LSQB: "[", RSQB: "]", COLON: ":", COMMA: ",", SEMI: ";", PLUS: "+",
	MINUS: "-", STAR: "*", SLASH: "/", VBAR: "|", AMPER: "&", LESS: "<", GREATER: ">", EQUAL: "=",
	DOT: ".", PERCENT: "%", LBRACE: "{", RBRACE: "}", EQEQUAL: "==", NOTEQUAL: "!=",
	LESSEQUAL: "<=", GREATEREQUAL: ">=", TILDE: "~", CIRCUMFLEX: "^", LEFTSHIFT: "<<",
	RIGHTSHIFT: ">>", DOUBLESTAR: "**", PLUSEQUAL: "+=", MINEQUAL: "-=", STAREQUAL: "*=",
	SLASHEQUAL: "/=", PERCENTEQUAL: "%=", AMPEREQUAL: "&=", VBAREQUAL: "|=", CIRCUMFLEXEQUAL: "^=",
	LEFTSHIFTEQUAL: "<<=", RIGHTSHIFTEQUAL: ">>=", DOUBLESTAREQUAL: "**=", DOUBLESLASH: "//",
	DOUBLESLASHEQUAL: "//=", AT: "@", ATEQUAL: "@=", RARROW: "->", ELLIPSIS: "...",
	COLONEQUAL: ":=", EXCLAMATION: "!", NOTEQUAL_LEGACY: "<>",
}

func (k Kind) String() string {
	if int(k) < len(names) && names[k] != "" {
		return names[k]
	}
	return "?"
}

// IsKeyword reports whether k is a hard keyword.
func (k Kind) IsKeyword() bool { return k > keywordBeg && k < keywordEnd }

// Keywords maps each hard keyword to its kind.
var Keywords = func() map[string]Kind {
	m := make(map[string]Kind)
	for k := keywordBeg + 1; k < keywordEnd; k++ {
		m[names[k]] = k
	}
	return m
}()

// Lookup returns the keyword kind of an identifier, or NAME.
func Lookup(ident string) Kind {
	if len(ident) < 2 || len(ident) > 8 || ident[0] < 'F' {
		return NAME
	}
	switch ident {
	case "False":
		return FALSE
	case "None":
		return NONE
	case "True":
		return TRUE
	case "and":
		return AND
	case "as":
		return AS
	case "assert":
		return ASSERT
	case "async":
		return ASYNC
	case "await":
		return AWAIT
	case "break":
		return BREAK
	case "class":
		return CLASS
	case "continue":
		return CONTINUE
	case "def":
		return DEF
	case "del":
		return DEL
	case "elif":
		return ELIF
	case "else":
		return ELSE
	case "except":
		return EXCEPT
	case "finally":
		return FINALLY
	case "for":
		return FOR
	case "from":
		return FROM
	case "global":
		return GLOBAL
	case "if":
		return IF
	case "import":
		return IMPORT
	case "in":
		return IN
	case "is":
		return IS
	case "lambda":
		return LAMBDA
	case "nonlocal":
		return NONLOCAL
	case "not":
		return NOT
	case "or":
		return OR
	case "pass":
		return PASS
	case "raise":
		return RAISE
	case "return":
		return RETURN
	case "try":
		return TRY
	case "while":
		return WHILE
	case "with":
		return WITH
	case "yield":
		return YIELD
	}
	return NAME
}

// Token is one token: its kind and byte range [Start, End).
type Token struct {
	Kind Kind
	// NonASCII is set on a NAME with a non-ASCII character, which the parser normalises
	// (NFKC); the others are their source text as is.
	NonASCII   bool
	Start, End int32
}
