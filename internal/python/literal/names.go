package literal

import (
	_ "embed" // for the name table
	"strconv"
	"strings"
)

// unicodeNames holds the character names and name aliases of Unicode 15.1.0
// (the version of CPython 3.13's unicodedata), as "NAME<TAB>HEX<LF>" lines
// sorted by name. Hangul syllables and CJK unified ideographs are not in it:
// their names are computed. gen_names.go makes it.
//
// It is kept as plain text and searched in place: the gzipped table it
// replaces had to be unpacked into a map on the first \N escape of a run,
// 58 million instructions and 4.8 MB (2.4% of parsing the 3.13 standard
// library), for a binary 0.9 MB smaller.
//
//go:embed unicode_names.txt
var unicodeNames string

// maxNameLen is the length of the longest name in the table. CPython's table
// holds nothing longer, so a longer name cannot be found.
const maxNameLen = 88

// lookupTable finds name, upper case, in unicodeNames by binary search over
// its bytes: the middle byte of the range is moved back to the start of its
// line, whose name is compared.
func lookupTable(name string) (rune, bool) {
	lo, hi := 0, len(unicodeNames) // [lo, hi) are whole lines
	for lo < hi {
		mid := lo + strings.LastIndexByte(unicodeNames[lo:lo+(hi-lo)/2], '\n') + 1
		line := unicodeNames[mid:hi]
		line = line[:strings.IndexByte(line, '\n')]
		tab := strings.IndexByte(line, '\t')
		switch cmp := strings.Compare(name, line[:tab]); {
		case cmp < 0:
			hi = mid
		case cmp > 0:
			lo = mid + len(line) + 1
		default:
			v, err := strconv.ParseUint(line[tab+1:], 16, 32)
			if err != nil {
				panic("literal: corrupt embedded name table line " + strconv.Quote(line))
			}
			return rune(v), true
		}
	}
	return 0, false
}

// LookupName returns the code point whose name or name alias is name, as a
// \N{name} escape in CPython 3.13 resolves it:
//
//   - Names and aliases from the table (Unicode 15.1.0 and its NameAliases.txt)
//     match without regard to ASCII case: "latin small letter a" finds 'a',
//     "nbsp" finds U+00A0, "LATIN CAPITAL LETTER GHA" (a correction alias)
//     finds U+01A2.
//   - The algorithmic names "HANGUL SYLLABLE GA" and "CJK UNIFIED
//     IDEOGRAPH-4E00" match only in upper case, prefix and all, as CPython
//     compares them byte for byte: "hangul syllable GA" and "CJK UNIFIED
//     IDEOGRAPH-4e00" are unknown. The ideograph takes 4 or 5 hex digits.
//   - Named sequences ("KEYCAP NUMBER SIGN") are not characters and are
//     unknown, as are names that CPython's table lacks (TANGUT
//     IDEOGRAPH-17000, or characters added after Unicode 15.1).
//
// The result may be a surrogate only if a name says so; none does.
func LookupName(name string) (rune, bool) {
	if rest, ok := strings.CutPrefix(name, "HANGUL SYLLABLE "); ok {
		return hangulSyllable(rest)
	}
	if rest, ok := strings.CutPrefix(name, "CJK UNIFIED IDEOGRAPH-"); ok {
		return unifiedIdeograph(rest)
	}
	if len(name) == 0 || len(name) > maxNameLen {
		return 0, false
	}
	var buf [maxNameLen]byte
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return lookupTable(string(buf[:len(name)]))
}

// The jamo of Hangul syllable names (Unicode's Jamo.txt short names), by
// column: leading consonant, vowel, trailing consonant.
var (
	jamoL = [...]string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	jamoV = [...]string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	jamoT = [...]string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}
)

// findJamo returns the index of the longest jamo in list that s starts with,
// and its length; or -1 if none does. Like CPython's find_syllable, it takes
// the longest match in each column without backtracking.
func findJamo(s string, list []string) (index, length int) {
	index, length = -1, -1
	for i, j := range list {
		if len(j) > length && strings.HasPrefix(s, j) {
			index, length = i, len(j)
		}
	}
	if length < 0 {
		length = 0
	}
	return index, length
}

// hangulSyllable resolves the part of a "HANGUL SYLLABLE ..." name after the
// prefix, case-sensitively, as CPython's _getcode does.
func hangulSyllable(s string) (rune, bool) {
	l, n := findJamo(s, jamoL[:])
	s = s[n:]
	v, n := findJamo(s, jamoV[:])
	s = s[n:]
	t, n := findJamo(s, jamoT[:])
	s = s[n:]
	if l < 0 || v < 0 || t < 0 || s != "" {
		return 0, false
	}
	return rune(0xAC00 + (l*len(jamoV)+v)*len(jamoT) + t), true
}

// unifiedIdeograph resolves the part of a "CJK UNIFIED IDEOGRAPH-..." name
// after the prefix: 4 or 5 upper-case hex digits naming a unified ideograph.
func unifiedIdeograph(s string) (rune, bool) {
	if len(s) != 4 && len(s) != 5 {
		return 0, false
	}
	var v rune
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | rune(c-'0')
		case 'A' <= c && c <= 'F':
			v = v<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return v, isUnifiedIdeograph(v)
}

// isUnifiedIdeograph reports whether r is a CJK unified ideograph in Unicode
// 15.1.0 (CPython 3.13's is_unified_ideograph).
func isUnifiedIdeograph(r rune) bool {
	return 0x3400 <= r && r <= 0x4DBF || // Extension A
		0x4E00 <= r && r <= 0x9FFF || // URO
		0x20000 <= r && r <= 0x2A6DF || // Extension B
		0x2A700 <= r && r <= 0x2B739 || // Extension C
		0x2B740 <= r && r <= 0x2B81D || // Extension D
		0x2B820 <= r && r <= 0x2CEA1 || // Extension E
		0x2CEB0 <= r && r <= 0x2EBE0 || // Extension F
		0x2EBF0 <= r && r <= 0x2EE5D || // Extension I
		0x30000 <= r && r <= 0x3134A || // Extension G
		0x31350 <= r && r <= 0x323AF // Extension H
}
