package literal

import (
	"encoding/json"
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// These tests pin down behaviour without CPython; cpython_test.go checks
// the same ground, and much more, against the interpreter itself.

func TestDecodeString(t *testing.T) {
	tests := []struct {
		body string
		raw  bool
		want string
		warn string
	}{
		{"", false, "", ""},
		{"plain text é", false, "plain text é", ""},
		{`a\nb\tc\\d\'e\"f`, false, "a\nb\tc\\d'e\"f", ""},
		{`\a\b\f\v\r`, false, "\a\b\f\v\r", ""},
		{"a\\\nb", false, "ab", ""},
		{"a\\\r\nb", false, "ab", ""},
		{"a\r\nb\rc", false, "a\nb\nc", ""},
		{"a\r\nb\rc", true, "a\nb\nc", ""},
		{`\x41\u00e9\U0001F600`, false, "Aé😀", ""},
		{`\101\0\7\77\1234`, false, "A\x00\x07?S4", ""},
		{`\400`, false, "\u0100", `invalid octal escape sequence '\400'`},
		{`\777`, false, "\u01ff", `invalid octal escape sequence '\777'`},
		{`\d`, false, `\d`, `invalid escape sequence '\d'`},
		{`\d\q`, false, `\d\q`, `invalid escape sequence '\d'`},
		{`\8`, false, `\8`, `invalid escape sequence '\8'`},
		{`\é`, false, `\é`, ""},
		{`\`, false, `\`, ""},
		{`\ud800`, false, "\xed\xa0\x80", ""},
		{`\ud83d\ude00`, false, "\xed\xa0\xbd\xed\xb8\x80", ""},
		{`\N{LATIN SMALL LETTER A}\N{nbsp}\N{HANGUL SYLLABLE GA}\N{CJK UNIFIED IDEOGRAPH-4E00}`, false, "a\u00a0\uac00\u4e00", ""},
		{`\N{LATIN CAPITAL LETTER GHA}`, false, "\u01a2", ""},
		{`\x41\d`, true, `\x41\d`, ""},
		{`\N{DASH}`, true, `\N{DASH}`, ""},
	}
	for _, tt := range tests {
		got, warn, err := DecodeStringWarn(tt.body, tt.raw)
		if err != nil {
			t.Errorf("DecodeStringWarn(%q, %v): %v", tt.body, tt.raw, err)
			continue
		}
		if got != tt.want {
			t.Errorf("DecodeStringWarn(%q, %v) = %q, want %q", tt.body, tt.raw, got, tt.want)
		}
		gotWarn := ""
		if warn != nil {
			gotWarn = warn.Msg
		}
		if gotWarn != tt.warn {
			t.Errorf("DecodeStringWarn(%q, %v) warns %q, want %q", tt.body, tt.raw, gotWarn, tt.warn)
		}
	}
}

func TestDecodeStringErrors(t *testing.T) {
	const pre = "(unicode error) 'unicodeescape' codec can't decode bytes in position "
	tests := []struct {
		body   string
		offset int
		msg    string
	}{
		{`\x`, 0, pre + `0-1: truncated \xXX escape`},
		{`ab\xZ`, 2, pre + `2-3: truncated \xXX escape`},
		{`\x1Z`, 0, pre + `0-2: truncated \xXX escape`},
		{`é\x`, 2, pre + `10-11: truncated \xXX escape`},
		{`\u12`, 0, pre + `0-3: truncated \uXXXX escape`},
		{`\U0001F60`, 0, pre + `0-8: truncated \UXXXXXXXX escape`},
		{`\U00110000`, 0, pre + `0-9: illegal Unicode character`},
		{`\UFFFFFFFF`, 0, pre + `0-9: illegal Unicode character`},
		{`\N`, 0, pre + `0-1: malformed \N character escape`},
		{`\Nx`, 0, pre + `0-1: malformed \N character escape`},
		{`\N{`, 0, pre + `0-2: malformed \N character escape`},
		{`\N{}`, 0, pre + `0-2: malformed \N character escape`},
		{`\N{foo}`, 0, pre + `0-6: unknown Unicode character name`},
		{`\N{é}`, 0, pre + `0-13: unknown Unicode character name`},
		{`\N{hangul syllable ga}`, 0, pre + `0-21: unknown Unicode character name`},
		{`\N{KEYCAP NUMBER SIGN}`, 0, pre + `0-21: unknown Unicode character name`},
		{`\N{\`, 0, pre + `0-8: malformed \N character escape`},
	}
	for _, tt := range tests {
		got, err := DecodeString(tt.body, false)
		if err == nil {
			t.Errorf("DecodeString(%q) = %q, want error %q", tt.body, got, tt.msg)
			continue
		}
		if err.Msg != tt.msg || err.Offset != tt.offset {
			t.Errorf("DecodeString(%q) error at %d %q, want at %d %q", tt.body, err.Offset, err.Msg, tt.offset, tt.msg)
		}
	}
}

func TestDecodeBytes(t *testing.T) {
	tests := []struct {
		body string
		raw  bool
		want string
		warn string
		err  string
	}{
		{"abc", false, "abc", "", ""},
		{`\x00\xff\xFF\n\\`, false, "\x00\xff\xff\n\\", "", ""},
		{`\400\777`, false, "\x00\xff", `invalid octal escape sequence '\400'`, ""},
		{`\N{DASH}\u1234`, false, `\N{DASH}\u1234`, `invalid escape sequence '\N'`, ""},
		{"a\\\r\nb\r\n", false, "ab\n", "", ""},
		{`\x4`, false, "", "", `(value error) invalid \x escape at position 0`},
		{`ab\xZZ`, false, "", "", `(value error) invalid \x escape at position 2`},
		{"\r\n\\xZZ", false, "", "", `(value error) invalid \x escape at position 1`},
		{"é", false, "", "", "bytes can only contain ASCII literal characters"},
		{"é", true, "", "", "bytes can only contain ASCII literal characters"},
		{`\xZZé`, false, "", "", "bytes can only contain ASCII literal characters"},
		{`\x41\d`, true, `\x41\d`, "", ""},
	}
	for _, tt := range tests {
		got, warn, err := DecodeBytesWarn(tt.body, tt.raw)
		gotErr, gotWarn := "", ""
		if err != nil {
			gotErr = err.Msg
		}
		if warn != nil {
			gotWarn = warn.Msg
		}
		if got != tt.want || gotErr != tt.err || gotWarn != tt.warn {
			t.Errorf("DecodeBytesWarn(%q, %v) = %q, warn %q, err %q; want %q, %q, %q",
				tt.body, tt.raw, got, gotWarn, gotErr, tt.want, tt.warn, tt.err)
		}
	}
}

func sameString(a, b string) bool {
	return len(a) == len(b) && (len(a) == 0 || unsafe.StringData(a) == unsafe.StringData(b))
}

func TestFastPathsDoNotCopy(t *testing.T) {
	body := strings.Repeat("hello, wörld ", 10)
	for _, raw := range []bool{false, true} {
		if got, _ := DecodeString(body, raw); !sameString(got, body) {
			t.Errorf("DecodeString(raw=%v) copied the body", raw)
		}
	}
	if got, _ := DecodeString(`a\d`, true); got != `a\d` {
		t.Errorf("raw DecodeString changed the body: %q", got)
	}
	ascii := strings.Repeat("hello, world ", 10)
	if got, _ := DecodeBytes(ascii, false); !sameString(got, ascii) {
		t.Error("DecodeBytes copied the body")
	}
	allocs := testing.AllocsPerRun(100, func() {
		DecodeString(body, false)
		DecodeString(`raw\d`, true)
		DecodeBytes(ascii, false)
		ParseNumber("12345")
		ParseNumber("0xFF")
		ParseNumber("1_000")
		ParseNumber("3.25e-7")
		ParseNumber("2.5j")
		ParseNumber("9223372036854775807")
	})
	if allocs != 0 {
		t.Errorf("fast paths allocate %v times", allocs)
	}
}

func TestParseNumber(t *testing.T) {
	huge, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	tests := []struct {
		text  string
		kind  NumberKind
		small int64
		big   *big.Int
		f     float64
	}{
		{"0", Int, 0, nil, 0},
		{"00", Int, 0, nil, 0},
		{"0_0", Int, 0, nil, 0},
		{"1_000", Int, 1000, nil, 0},
		{"0x_FF", Int, 255, nil, 0},
		{"0o17", Int, 15, nil, 0},
		{"0b1010", Int, 10, nil, 0},
		{"9223372036854775807", Int, math.MaxInt64, nil, 0},
		{"9223372036854775808", Int, 0, new(big.Int).Lsh(big.NewInt(1), 63), 0},
		{"0x8000000000000000", Int, 0, new(big.Int).Lsh(big.NewInt(1), 63), 0},
		{"0x1_0000_0000_0000_0000", Int, 0, new(big.Int).Lsh(big.NewInt(1), 64), 0},
		{"123456789012345678901234567890", Int, 0, huge, 0},
		{"1e-3", Float, 0, nil, 0.001},
		{"1.", Float, 0, nil, 1},
		{".5", Float, 0, nil, 0.5},
		{"1_0.2_5e1_0", Float, 0, nil, 10.25e10},
		{"0777.5", Float, 0, nil, 777.5},
		{"1e500", Float, 0, nil, math.Inf(1)},
		{"1e-500", Float, 0, nil, 0},
		{"3.14j", Imag, 0, nil, 3.14},
		{"1E5J", Imag, 0, nil, 1e5},
		{"10j", Imag, 0, nil, 10},
		{"0777j", Imag, 0, nil, 777},
		{"0." + strings.Repeat("0", 20000) + "1e20010", Float, 0, nil, 1e9},
	}
	for _, tt := range tests {
		n, err := ParseNumber(tt.text)
		if err != nil {
			t.Errorf("ParseNumber(%.40q): %v", tt.text, err)
			continue
		}
		if n.Kind != tt.kind || n.Small != tt.small || n.Float != tt.f ||
			(n.Int == nil) != (tt.big == nil) || n.Int != nil && n.Int.Cmp(tt.big) != 0 {
			t.Errorf("ParseNumber(%.40q) = %+v, want kind %v small %d big %v float %v",
				tt.text, n, tt.kind, tt.small, tt.big, tt.f)
		}
	}
	if n, _ := ParseNumber("0x" + strings.Repeat("f", 100)); n.IntString() != new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 400), big.NewInt(1)).String() {
		t.Errorf("IntString of 0xfff… = %s", n.IntString())
	}
	if n, _ := ParseNumber("42"); n.IntString() != "42" {
		t.Errorf("IntString(42) = %q", n.IntString())
	}
}

func TestParseNumberErrors(t *testing.T) {
	for _, text := range []string{"", "_", "1_", "1__0", "0x", "0x_", "0b2", "0o8", "07", "0_7", "1e", "1.2.3",
		"1_.5", "1._5", "j", ".", "inf", "nan", "0x1.5", "1jj", "1_j", "+1", "-1", " 1", "1 "} {
		if n, err := ParseNumber(text); err == nil {
			t.Errorf("ParseNumber(%q) = %+v, want an error", text, n)
		}
	}
	_, err := ParseNumber(strings.Repeat("1", 4301))
	const want = "Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; " +
		"use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals " +
		"to avoid decimal conversion limits."
	if err == nil || err.Msg != want {
		t.Errorf("4301-digit int: error %v, want %q", err, want)
	}
	if _, err := ParseNumber(strings.Repeat("1", 4300)); err != nil {
		t.Errorf("4300-digit int: %v", err)
	}
	if _, err := ParseNumber(strings.Repeat("0", 5000)); err != nil {
		t.Errorf("5000 zeros: %v", err)
	}
	if _, err := ParseNumber("0x" + strings.Repeat("f", 5000)); err != nil {
		t.Errorf("5000 hex digits: %v", err)
	}
}

func TestFormatFloat(t *testing.T) {
	for f, want := range map[float64]string{
		0: "0.0", 1: "1.0", 0.1: "0.1", 1e16: "1e+16", 1e15: "1000000000000000.0", 1e-4: "0.0001",
		1e-5: "1e-05", 1.5e300: "1.5e+300", 123456789012345678: "1.2345678901234568e+17",
		math.Inf(1): "inf", math.Inf(-1): "-inf", -2.5: "-2.5", 5e-324: "5e-324", 100: "100.0",
	} {
		if got := FormatFloat(f); got != want {
			t.Errorf("FormatFloat(%v) = %q, want %q", f, got, want)
		}
	}
	if got := FormatFloat(math.Copysign(0, -1)); got != "-0.0" {
		t.Errorf("FormatFloat(-0) = %q", got)
	}
	if got := FormatFloat(math.NaN()); got != "nan" {
		t.Errorf("FormatFloat(NaN) = %q", got)
	}
}

func TestAppendJSONString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"abc", `"abc"`},
		{"a\"b\\c", `"a\"b\\c"`},
		{"\b\f\n\r\t\x00\x1f\x7f", `"\b\f\n\r\t\u0000\u001f` + "\x7f" + `"`},
		{"é😀\u2028", "\"é😀\u2028\""},
		{"\xed\xa0\x80", `"\ud800"`},
		{"a\xed\xa0\xbd\xed\xb8\x80b", `"a\ud83d\ude00b"`},
		{"\xff", `"\ufffd"`},
		{"\xed\xa0", `"\ufffd\ufffd"`},
	}
	for _, tt := range tests {
		if got := string(AppendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("AppendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// Valid UTF-8 round-trips through encoding/json.
	for _, s := range []string{"plain", "quote\" backslash\\ ctl\x01\x1f", "é😀\u2028\u2029<>&", strings.Repeat("xé", 100)} {
		var back string
		if err := json.Unmarshal(AppendJSONString(nil, s), &back); err != nil || back != s {
			t.Errorf("round trip of %q: %q, %v", s, back, err)
		}
	}
}

func TestLookupName(t *testing.T) {
	for name, want := range map[string]rune{
		"LATIN SMALL LETTER A": 'a', "latin small letter a": 'a', "NBSP": 0xA0, "nul": 0,
		"LATIN CAPITAL LETTER GHA": 0x1A2, "HANGUL SYLLABLE GA": 0xAC00, "HANGUL SYLLABLE HIH": 0xD7A3,
		"CJK UNIFIED IDEOGRAPH-4E00": 0x4E00, "CJK UNIFIED IDEOGRAPH-2EBF0": 0x2EBF0, "IDEOGRAPHIC DESCRIPTION CHARACTER SUBTRACTION": 0x31EF,
		"CJK COMPATIBILITY IDEOGRAPH-F900": 0xF900, "BELL": 0x1F514, "ALERT": 7,
	} {
		if got, ok := LookupName(name); !ok || got != want {
			t.Errorf("LookupName(%q) = %U, %v; want %U", name, got, ok, want)
		}
	}
	for _, name := range []string{"", "hangul syllable GA", "HANGUL SYLLABLE ga", "CJK UNIFIED IDEOGRAPH-4e00",
		"cjk unified ideograph-4E00", "CJK UNIFIED IDEOGRAPH-4DC0", "TANGUT IDEOGRAPH-17000", "KEYCAP NUMBER SIGN",
		"LATIN SMALL LETTER A ", strings.Repeat("A", 200), "LATIN SMALL LETTER \u00c9"} {
		if got, ok := LookupName(name); ok {
			t.Errorf("LookupName(%q) = %U, want not found", name, got)
		}
	}
}

// TestNameTable: the embedded table is sorted, one name a line, and its binary search finds
// every line, and nothing between or around them.
func TestNameTable(t *testing.T) {
	names := map[string]bool{}
	for line := range strings.Lines(unicodeNames) {
		name, _, _ := strings.Cut(line, "\t")
		names[name] = true
	}
	prev := ""
	n := 0
	for line := range strings.Lines(unicodeNames) {
		name, hx, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		want, err := strconv.ParseUint(hx, 16, 32)
		if !ok || err != nil || !strings.HasSuffix(line, "\n") || len(name) > maxNameLen {
			t.Fatalf("bad line %q", line)
		}
		if name <= prev {
			t.Fatalf("%q after %q: the table must be sorted", name, prev)
		}
		if got, ok := lookupTable(name); !ok || got != rune(want) {
			t.Errorf("lookupTable(%q) = %U, %v; want %U", name, got, ok, want)
		}
		for _, near := range []string{name + " ", name[:len(name)-1], prev + "!"} {
			if names[near] {
				continue
			}
			if got, ok := lookupTable(near); ok {
				t.Errorf("lookupTable(%q) = %U, want not found", near, got)
			}
		}
		prev = name
		n++
	}
	if n < 35000 {
		t.Errorf("%d names in the table", n)
	}
	for _, name := range []string{"", "A", "ZZZZZZ", "\x00"} {
		if got, ok := lookupTable(name); ok {
			t.Errorf("lookupTable(%q) = %U, want not found", name, got)
		}
	}
}

// TestAppendJSONPlain: the quick copy of a string that needs no escape (PlainJSON) gives
// what the byte-at-a-time writer does, for every byte in every position of an eight-byte
// word.
func TestAppendJSONPlain(t *testing.T) {
	base := []byte("pkg.sub_module/x-y.py")
	for c := 0; c < 256; c++ {
		for at := 0; at < len(base); at++ {
			s := []byte(string(base))
			s[at] = byte(c)
			for _, str := range []string{string(s), string(s[:at+1]), string(s[at:])} {
				if got, want := string(AppendJSONString(nil, str)), string(appendJSONString(nil, str)); got != want {
					t.Fatalf("AppendJSONString(%q) = %s, want %s", str, got, want)
				}
			}
		}
	}
	for _, s := range []string{"", "a", "é", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", "\u2028ab", "\xed\xa0\x80"} {
		if got, want := string(AppendJSONString(nil, s)), string(appendJSONString(nil, s)); got != want {
			t.Errorf("AppendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}
