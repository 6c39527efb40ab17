package literal

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// NumberKind is the kind of a numeric literal.
type NumberKind uint8

// The kinds of numeric literals.
const (
	Int   NumberKind = iota // an int, such as 42 or 0xFF
	Float                   // a float, such as 1.5 or 1e3
	Imag                    // an imaginary number, such as 2j or 1.5J
)

// String returns "int", "float" or "imag".
func (k NumberKind) String() string {
	switch k {
	case Int:
		return "int"
	case Float:
		return "float"
	case Imag:
		return "imag"
	}
	return "NumberKind(" + strconv.Itoa(int(k)) + ")"
}

// Number is the value of a numeric literal token.
type Number struct {
	Kind NumberKind
	// Int is set for an Int that does not fit in an int64; otherwise it is
	// nil and Small holds the value.
	Int   *big.Int
	Small int64
	// Float is the value of a Float, or the imaginary part of an Imag (whose
	// real part is 0).
	Float float64
}

// MaxIntDigits is CPython's default limit on the number of digits of a
// decimal int literal (sys.int_info.default_max_str_digits). ast.parse
// rejects a longer decimal literal with a SyntaxError; hexadecimal, octal
// and binary literals have no limit, and neither does a decimal literal
// that is all zeros.
const MaxIntDigits = 4300

// ParseNumber returns the value of a numeric literal token, written as in
// Python source: "0x_FF", "1_000", "1e-3", "3.14j", "0o17", "00", "1E5J".
// Floats are correctly rounded; a float too large for a float64 is +Inf, as
// in CPython (1e500 is inf), and one too small is 0. Ints may be any size,
// except that a decimal int of more than MaxIntDigits digits is an error, as
// in CPython 3.13.
//
// The lexer is expected to have checked the token, but any text is safe:
// what is not a Python number is an error. ParseNumber does not allocate for
// a token without underscores whose value fits in an int64 or is a float
// (a float of more than 64 characters may).
func ParseNumber(text string) (Number, *Error) {
	if text == "" {
		return Number{}, syntaxError("invalid decimal literal")
	}
	// Fast path: a decimal int of up to 18 digits, no underscores.
	if c := text[0]; '1' <= c && c <= '9' && len(text) <= 18 {
		v := int64(c - '0')
		i := 1
		for ; i < len(text); i++ {
			c := text[i]
			if c < '0' || c > '9' {
				break
			}
			v = v*10 + int64(c-'0')
		}
		if i == len(text) {
			return Number{Kind: Int, Small: v}, nil
		}
	} else if text == "0" {
		return Number{Kind: Int}, nil
	}
	if last := text[len(text)-1]; last == 'j' || last == 'J' {
		body := text[:len(text)-1]
		if !isFloatSyntax(body, true) {
			return Number{}, syntaxError("invalid imaginary literal")
		}
		return Number{Kind: Imag, Float: parseFloat(body)}, nil
	}
	if len(text) >= 2 && text[0] == '0' {
		switch text[1] {
		case 'x', 'X':
			return parseRadix(text, 16, "hexadecimal")
		case 'o', 'O':
			return parseRadix(text, 8, "octal")
		case 'b', 'B':
			return parseRadix(text, 2, "binary")
		}
	}
	// A decimal int if it has digits and underscores only.
	intSyntax := true
	for i := 0; i < len(text); i++ {
		if c := text[i]; !isDigit(c) && c != '_' {
			intSyntax = false
			break
		}
	}
	if intSyntax {
		return parseDecimal(text)
	}
	if !isFloatSyntax(text, false) {
		return Number{}, syntaxError("invalid decimal literal")
	}
	return Number{Kind: Float, Float: parseFloat(text)}, nil
}

// IntString returns the value of an Int in decimal. For a Float or Imag it
// returns "".
func (n Number) IntString() string {
	if n.Kind != Int {
		return ""
	}
	if n.Int != nil {
		return n.Int.String()
	}
	return strconv.FormatInt(n.Small, 10)
}

// BigInt returns the value of an Int as a new big.Int, or nil for a Float or
// Imag.
func (n Number) BigInt() *big.Int {
	if n.Kind != Int {
		return nil
	}
	if n.Int != nil {
		return new(big.Int).Set(n.Int)
	}
	return big.NewInt(n.Small)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// syntaxError is the error for a token that is not a Python number, with
// the message CPython's tokenizer would give (less its detail).
func syntaxError(what string) *Error {
	return &Error{Msg: what}
}

// digitsOK reports whether s is digits with single underscores between
// them, each digit valid for base.
func digitsOK(s string, base int) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			if s[i-1] == '_' {
				return false
			}
			continue
		}
		if d, ok := digitValue(c); !ok || d >= base {
			return false
		}
	}
	return true
}

func digitValue(c byte) (int, bool) {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0'), true
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 10, true
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10, true
	}
	return 0, false
}

// parseRadix parses a "0x", "0o" or "0b" int. Python allows one underscore
// right after the prefix ("0x_FF").
func parseRadix(text string, base int, name string) (Number, *Error) {
	digits := strings.TrimPrefix(text[2:], "_")
	shift := uint(4)
	switch base {
	case 8:
		shift = 3
	case 2:
		shift = 1
	}
	if digits != "" && uint(len(digits))*shift < 63 {
		// Digits alone (no '_') that fit an int64, as most are: checked and summed in one
		// pass; else digitsOK, then the sum.
		var v uint64
		i := 0
		for ; i < len(digits); i++ {
			d, ok := digitValue(digits[i])
			if !ok || d >= base {
				break
			}
			v = v<<shift | uint64(d)
		}
		if i == len(digits) {
			return Number{Kind: Int, Small: int64(v)}, nil
		}
	}
	if !digitsOK(digits, base) {
		return Number{}, syntaxError("invalid " + name + " literal")
	}
	var v uint64
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if c == '_' {
			continue
		}
		if v>>(64-shift) != 0 {
			return bigInt(digits, base), nil
		}
		d, _ := digitValue(c)
		v = v<<shift | uint64(d)
	}
	if v > math.MaxInt64 {
		return Number{Kind: Int, Int: new(big.Int).SetUint64(v)}, nil
	}
	return Number{Kind: Int, Small: int64(v)}, nil
}

// parseDecimal parses a decimal int: digits and underscores.
func parseDecimal(text string) (Number, *Error) {
	if !digitsOK(text, 10) {
		return Number{}, syntaxError("invalid decimal literal")
	}
	if text[0] == '0' {
		// Only zeros may follow a leading zero ("00", "0_0").
		for i := 0; i < len(text); i++ {
			if c := text[i]; c != '0' && c != '_' {
				return Number{}, &Error{Offset: i, Msg: "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"}
			}
		}
		return Number{Kind: Int}, nil
	}
	var v uint64
	ndigits := 0
	overflow := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '_' {
			continue
		}
		ndigits++
		if !overflow {
			d := uint64(c - '0')
			if v > (math.MaxUint64-d)/10 {
				overflow = true
			} else {
				v = v*10 + d
			}
		}
	}
	if !overflow && v <= math.MaxInt64 {
		return Number{Kind: Int, Small: int64(v)}, nil
	}
	if ndigits > MaxIntDigits {
		return Number{}, &Error{Msg: "Exceeds the limit (" + strconv.Itoa(MaxIntDigits) +
			" digits) for integer string conversion: value has " + strconv.Itoa(ndigits) +
			" digits; use sys.set_int_max_str_digits() to increase the limit" +
			" - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."}
	}
	if !overflow {
		return Number{Kind: Int, Int: new(big.Int).SetUint64(v)}, nil
	}
	return bigInt(text, 10), nil
}

// bigInt parses digits (valid for base, with underscores) into a big Int.
func bigInt(digits string, base int) Number {
	z, ok := new(big.Int).SetString(strings.ReplaceAll(digits, "_", ""), base)
	if !ok {
		// Cannot happen: the digits were checked.
		z = new(big.Int)
	}
	return Number{Kind: Int, Int: z}
}

// isFloatSyntax reports whether s is a Python floatnumber, or, if
// digitsAlone, also a bare digitpart (the part before the j of "10j").
//
//	floatnumber:   pointfloat | exponentfloat
//	pointfloat:    [digitpart] fraction | digitpart "."
//	exponentfloat: (digitpart | pointfloat) exponent
//	digitpart:     digit (["_"] digit)*
//	fraction:      "." digitpart
//	exponent:      ("e" | "E") ["+" | "-"] digitpart
func isFloatSyntax(s string, digitsAlone bool) bool {
	i := scanDigitpart(s, 0)
	if i < 0 {
		return false
	}
	intDigits := i > 0
	point := false
	if i < len(s) && s[i] == '.' {
		point = true
		j := scanDigitpart(s, i+1)
		if j < 0 {
			return false
		}
		if j == i+1 && !intDigits {
			return false // "." alone
		}
		i = j
	} else if !intDigits {
		return false
	}
	exp := false
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		exp = true
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := scanDigitpart(s, i)
		if j <= i {
			return false
		}
		i = j
	}
	if i != len(s) {
		return false
	}
	return point || exp || digitsAlone
}

// scanDigitpart returns the end of the digitpart (possibly empty) at s[i:],
// or -1 if an underscore is misplaced.
func scanDigitpart(s string, i int) int {
	start := i
	for i < len(s) {
		c := s[i]
		if isDigit(c) {
			i++
			continue
		}
		if c == '_' && i > start && i+1 < len(s) && isDigit(s[i+1]) {
			i++
			continue
		}
		if c == '_' {
			return -1
		}
		break
	}
	return i
}

// maxFastFloat is the length up to which a float without underscores goes
// straight to strconv.ParseFloat.
const maxFastFloat = 64

// parseFloat returns the correctly rounded value of s, which isFloatSyntax
// accepted (digits alone included).
func parseFloat(s string) float64 {
	if len(s) <= maxFastFloat && strings.IndexByte(s, '_') < 0 {
		return parseFloatRaw(s)
	}
	return parseFloatLong(s)
}

// parseFloatRaw is strconv.ParseFloat, with overflow giving ±Inf.
func parseFloatRaw(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return f
		}
		// Cannot happen: the syntax was checked.
		return math.NaN()
	}
	return f
}

// parseFloatLong handles floats with underscores, very many digits or a
// huge exponent: it rewrites the literal as 0.DIGITSe±N, with no leading or
// trailing zeros and the exponent brought into a range strconv reads exactly,
// and parses that. (strconv stops reading exponents at about 10000, which a
// literal such as "0.000…0001e10050" with thousands of zeros goes past.)
func parseFloatLong(s string) float64 {
	var mant []byte
	exp := int64(0) // the value is 0.mant × 10^exp
	i := 0
	seenPoint := false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_':
		case c == '.':
			seenPoint = true
		case isDigit(c):
			if c == '0' && len(mant) == 0 {
				if seenPoint {
					exp--
				}
				continue
			}
			mant = append(mant, c)
			if !seenPoint {
				exp++
			}
		default:
			goto exponent
		}
	}
exponent:
	if i < len(s) { // s[i] is 'e' or 'E'
		i++
		neg := false
		if s[i] == '+' || s[i] == '-' {
			neg = s[i] == '-'
			i++
		}
		var e int64
		for ; i < len(s); i++ {
			if c := s[i]; isDigit(c) && e < 1e12 {
				e = e*10 + int64(c-'0')
			}
		}
		if neg {
			e = -e
		}
		exp += e
	}
	for len(mant) > 0 && mant[len(mant)-1] == '0' {
		mant = mant[:len(mant)-1]
	}
	switch {
	case len(mant) == 0:
		return 0
	case exp > 400: // at least 10^399
		return math.Inf(1)
	case exp < -400: // below 10^-400, under half the least subnormal
		return 0
	}
	buf := make([]byte, 0, len(mant)+10)
	buf = append(buf, "0."...)
	buf = append(buf, mant...)
	buf = append(buf, 'e')
	buf = strconv.AppendInt(buf, exp, 10)
	return parseFloatRaw(string(buf))
}
