package literal

import (
	"encoding/binary"
	"math"
	"strconv"
	"unicode/utf8"
)

// FormatFloat returns f as Python's repr(float) writes it: the shortest
// digits that read back to the same float64, in fixed notation when the
// decimal exponent is from -4 up to 15 and in exponent notation otherwise:
// "0.1", "1.0", "1e+16", "1e-05", "1.5e+300", "-0.0", "inf", "-inf", "nan".
// Python's float() reads every result back to f.
func FormatFloat(f float64) string {
	var buf [32]byte
	return string(AppendFloat(buf[:0], f))
}

// AppendFloat appends FormatFloat(f) to dst.
func AppendFloat(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "nan"...)
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	}
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, 64) // [-]d[.ddd]e±dd[d]
	k := len(e) - 1
	for e[k] != 'e' {
		k--
	}
	exp := 0
	for _, c := range e[k+2:] {
		exp = exp*10 + int(c-'0')
	}
	if e[k+1] == '-' {
		exp = -exp
	}
	if exp < -4 || exp >= 16 {
		// Go's shortest exponent form is Python's: "1e+16", "1.5e-07".
		return append(dst, e...)
	}
	mant := e[:k]
	if mant[0] == '-' {
		dst = append(dst, '-')
		mant = mant[1:]
	}
	var digits [20]byte
	nd := 0
	for _, c := range mant {
		if c != '.' {
			digits[nd] = c
			nd++
		}
	}
	decpt := exp + 1 // digits before the decimal point
	switch {
	case decpt <= 0:
		dst = append(dst, "0."...)
		for ; decpt < 0; decpt++ {
			dst = append(dst, '0')
		}
		dst = append(dst, digits[:nd]...)
	case decpt >= nd:
		dst = append(dst, digits[:nd]...)
		for ; decpt > nd; decpt-- {
			dst = append(dst, '0')
		}
		dst = append(dst, ".0"...)
	default:
		dst = append(dst, digits[:decpt]...)
		dst = append(dst, '.')
		dst = append(dst, digits[decpt:nd]...)
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// AppendJSONString appends s, a WTF-8 string (see the package
// documentation), to dst as a JSON string literal. Valid UTF-8 passes
// through unchanged except that '"', '\\' and the control characters below
// U+0020 are escaped (\", \\, \b, \f, \n, \r, \t, or \u00XX in lower-case
// hex), as Python's json.dumps(ensure_ascii=False) writes them. An encoded
// surrogate is written as its \udXXX escape. Any other byte that is not
// valid UTF-8 (which a decoded str never holds) is written as \ufffd.
//
// Like Python's json module, this writes the surrogate pair '\ud83d\ude00'
// and the character '\U0001f600' differently in WTF-8 but, once a JSON
// reader joins the escaped pair, as the same string.
func AppendJSONString(dst []byte, s string) []byte {
	if PlainJSON(s) { // names and paths nearly always: copied whole
		dst = append(dst, '"')
		dst = append(dst, s...)
		return append(dst, '"')
	}
	return appendJSONString(dst, s)
}

// appendJSONString is AppendJSONString, a byte at a time.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0 // s[start:i] is pending plain text
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != utf8.RuneError || size != 1 {
			i += size
			continue
		}
		dst = append(dst, s[start:i]...)
		if c == 0xED && i+2 < len(s) && s[i+1]&0xE0 == 0xA0 && s[i+2]&0xC0 == 0x80 {
			// An encoded surrogate: ED A0..BF 80..BF.
			r := rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
			dst = append(dst, '\\', 'u', hexDigits[r>>12], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
			i += 3
		} else {
			dst = append(dst, `\ufffd`...)
			i++
		}
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// PlainJSON reports whether s has only bytes from 0x20 to 0x7f but '"' and '\\': a JSON
// string holds it as it is, for AppendJSONString and encoding/json alike. Eight bytes are
// checked at a time.
func PlainJSON(s string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(s[i : i+8]))
		quote := x ^ ('"' * ones)
		backslash := x ^ ('\\' * ones)
		// A byte is flagged when it is below 0x20, or zero after the XOR (a quote or a
		// backslash), or has its high bit set: the classic "has less than" tests, exact
		// for bytes below 0x80.
		bad := (x - 0x20*ones) | (quote - ones) | (backslash - ones) | x
		if bad&highs != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
