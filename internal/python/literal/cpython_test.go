package literal

// Differential tests against the real CPython 3.13: every case is decoded
// here and by ast.parse in one CPython subprocess, and the two must agree on
// the value, the SyntaxError message and the SyntaxWarning message.
//
// CPython is found through `pyenv root` (versions/3.13.0/bin/python). When it
// is missing these tests skip, unless BUTTRESS_REQUIRE_CPYTHON=1, in which
// case they fail.

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// python313 returns the path of CPython 3.13.0's interpreter, or skips the
// test (fails it under BUTTRESS_REQUIRE_CPYTHON=1) when there is none.
func python313(t testing.TB) string {
	t.Helper()
	missing := func(format string, args ...any) {
		t.Helper()
		msg := fmt.Sprintf(format, args...)
		if os.Getenv("BUTTRESS_REQUIRE_CPYTHON") == "1" {
			t.Fatalf("%s; BUTTRESS_REQUIRE_CPYTHON=1 requires CPython 3.13.0 (installed with pyenv)", msg)
		}
		t.Skipf("%s (set BUTTRESS_REQUIRE_CPYTHON=1 to make this an error)", msg)
	}
	// pyenv itself may not be on PATH (CI shells do not source pyenv's
	// setup), so look in its usual places too.
	pyenv, err := exec.LookPath("pyenv")
	if err != nil {
		for _, dir := range []string{os.Getenv("PYENV_ROOT"), filepath.Join(os.Getenv("HOME"), ".pyenv")} {
			if p := filepath.Join(dir, "bin", "pyenv"); dir != "" && fileExists(p) {
				pyenv, err = p, nil
				break
			}
		}
	}
	if err != nil {
		missing("CPython 3.13 not found: no pyenv: %v", err)
	}
	out, err := exec.Command(pyenv, "root").Output()
	if err != nil {
		missing("CPython 3.13 not found: `pyenv root` failed: %v", err)
	}
	py := filepath.Join(strings.TrimSpace(string(out)), "versions", "3.13.0", "bin", "python")
	if _, err := os.Stat(py); err != nil {
		missing("CPython 3.13 not found: %v", err)
	}
	return py
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// runPython runs script with CPython, feeding it stdin, and returns its
// output lines.
func runPython(t *testing.T, py, script string, stdin []byte, args ...string) [][]byte {
	t.Helper()
	cmd := exec.Command(py, append([]string{"-X", "utf8", "-c", script}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("CPython: %v\n%s", err, stderr.String())
	}
	return bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n"))
}

// oracleScript answers one JSON request per line of stdin:
//
//	{"src": S}  -> the value of ast.parse(S, mode="eval") when it is a
//	               constant, its SyntaxError, and its first SyntaxWarning
//	{"bits": H} -> repr of the float64 with big-endian bits H
const oracleScript = `
import ast, json, struct, sys, warnings

def value(v):
    if isinstance(v, str):
        return {"type": "str", "hex": v.encode("utf-8", "surrogatepass").hex()}
    if isinstance(v, bytes):
        return {"type": "bytes", "hex": v.hex()}
    if isinstance(v, bool) or v is None or v is Ellipsis:
        return {"type": "other"}
    if isinstance(v, int):
        return {"type": "int", "hex": hex(v)}
    if isinstance(v, float):
        return {"type": "float", "hex": struct.pack(">d", v).hex()}
    if isinstance(v, complex):
        return {"type": "complex", "hex": struct.pack(">d", v.imag).hex(), "real": v.real}
    return {"type": "other"}

for line in sys.stdin:
    req = json.loads(line)
    if "bits" in req:
        out = {"repr": repr(struct.unpack(">d", bytes.fromhex(req["bits"]))[0])}
    else:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                tree = ast.parse(req["src"], mode="eval")
            except SyntaxError as e:
                out = {"ok": False, "msg": e.msg}
            except Exception as e:
                out = {"ok": False, "msg": "%s: %s" % (type(e).__name__, e)}
            else:
                if isinstance(tree.body, ast.Constant):
                    out = {"ok": True}
                    out.update(value(tree.body.value))
                else:
                    out = {"ok": False, "msg": "not a constant: " + ast.dump(tree.body)}
        ws = [str(w.message) for w in caught if issubclass(w.category, SyntaxWarning)]
        out["warn"] = ws[0] if ws else ""
    sys.stdout.write(json.dumps(out) + "\n")
`

type oracleReply struct {
	OK   bool    `json:"ok"`
	Msg  string  `json:"msg"`
	Type string  `json:"type"`
	Hex  string  `json:"hex"`
	Real float64 `json:"real"`
	Warn string  `json:"warn"`
	Repr string  `json:"repr"`
}

// askCPython sends the requests to one CPython process and returns its
// replies, in order.
func askCPython(t *testing.T, reqs []map[string]string) []oracleReply {
	t.Helper()
	py := python313(t)
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	enc.SetEscapeHTML(false)
	for _, r := range reqs {
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
	}
	lines := runPython(t, py, oracleScript, in.Bytes())
	if len(lines) != len(reqs) {
		t.Fatalf("CPython answered %d requests of %d", len(lines), len(reqs))
	}
	replies := make([]oracleReply, len(lines))
	for i, l := range lines {
		if err := json.Unmarshal(l, &replies[i]); err != nil {
			t.Fatalf("reply %d %q: %v", i, l, err)
		}
	}
	return replies
}

// closingAt returns where the literal that starts after an opening quote q
// ends in s (the index of its closing quote), as Python's tokenizer reads it,
// or -1 if it does not end or ends at a newline first.
func closingAt(s, q string) int {
	for i := 0; i < len(s); {
		switch {
		case s[i] == '\\':
			i++
			if i < len(s) {
				if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
					i++
				}
				i++
			}
		case strings.HasPrefix(s[i:], q):
			return i
		case len(q) == 1 && (s[i] == '\n' || s[i] == '\r'):
			return -1
		default:
			i++
		}
	}
	return -1
}

// quoteFor returns Python source for a literal with this prefix and body,
// choosing quotes that make the tokenizer see exactly this body, or false
// if no quotes do (say, a body ending with a lone backslash).
func quoteFor(prefix, body string) (string, bool) {
	for _, q := range []string{"'", `"`, "'''", `"""`} {
		if closingAt(body+q, q) == len(body) {
			return prefix + q + body + q, true
		}
	}
	return "", false
}

type litCase struct{ prefix, body string }

// literalCases is the table of string and bytes literals checked against
// CPython.
func literalCases() []litCase {
	var cs []litCase
	add := func(prefixes []string, bodies ...string) {
		for _, p := range prefixes {
			for _, b := range bodies {
				cs = append(cs, litCase{p, b})
			}
		}
	}
	str := []string{"", "u"}
	both := []string{"", "b"}
	all := []string{"", "b", "r", "rb", "R", "Br"}

	add(all, "", "abc", "héllo wörld ✓ 😀", `\\`, `\'`, `\"`, "a\\\nb", "a\\\r\nb", "x\\\n", "\\\n",
		"a\nb", "a\r\nb", "a\rb", "\r\n\r\n", "\r\r\n\r", "a\\\rb", `a\\b`, `\\\\\\`, `a\\\'`, "\\\r\n\\\n")
	// Every ASCII character after a backslash, between others.
	for c := byte(0x20); c < 0x7F; c++ {
		add(all, "a\\"+string(rune(c))+"b", "\\"+string(rune(c)))
	}
	add(both, "\\\t", "a\\\x0bb", "\\\x01", "\\\x7f", `\a\b\f\n\r\t\v`)
	// Octal escapes, short and long, in range and not.
	for _, o := range []string{"0", "7", "00", "07", "77", "000", "001", "012", "123", "177", "200", "377",
		"400", "477", "577", "777", "0000", "1234", "3777", "4000", "78", "08", "8", "9", "19", "1a", "400x"} {
		add(both, "\\"+o, "a\\"+o+"b", "\\"+o+"\\400")
	}
	add(both, `\400\500`, `\d\400`, `\400\d`, `\1\2\3`, `\0\00\000\0000`)
	// \x.
	add(both, `\x41`, `\x4a\x4A\xff\xFF\x00\x7f\x80`, `\x`, `\x4`, `\x4g`, `\xg4`, `\x-1`, `\x 41`,
		`a\x`, `ab\x4`, `\x41\x`, `\X41`, `\x41z`, "\\x4\\", "\\x\\\n", "\\x4\r\n")
	add(str, "\\xé", "\\x4é", "é\\x4", "éé\\x4", "😀\\xZ", "\\é\\x", "\\é\\é\\xZ", "é\\\\é\\x")
	// \u and \U.
	add(str, `\u0041`, `\u00e9`, `\u00E9`, `\u20ac`, `\uffff`, `\ufffe`, `\uFEFF`, `\u0000`,
		`\ud800`, `\udbff`, `\udc00`, `\udfff`, `\ud83d\ude00`, `\ude00\ud83d`, `a\ud800b`, `\ud800\ud800`,
		`\u`, `\u1`, `\u12`, `\u123`, `\u123g`, `\u12345`, `\U`, `\U0001F600`, `\U0001f600`,
		`\U0010FFFF`, `\U00110000`, `\UFFFFFFFF`, `\U0000D800`, `\U00000041`, `\U0001F60`, `\U0001F60G`,
		`\U1`, `\U1234567`, `\U001100000`, "é\\U00110000", "é\\u12", "\\u12é")
	add([]string{"b", "rb"}, `\u0041`, `\U0001F600`, `\N{DASH}`, `\N{LATIN SMALL LETTER A}`, `\N`)
	// \N{...}.
	add(str, `\N{LATIN SMALL LETTER A}`, `\N{latin small letter a}`, `\N{Latin Small Letter A}`,
		`\N{LATIN SMALL LETTER E WITH ACUTE}`, `\N{EM DASH}\N{EN DASH}`, `\N{BELL}`, `\N{ALERT}`, `\N{BEL}`,
		`\N{NULL}`, `\N{NUL}`, `\N{nbsp}`, `\N{NBSP}`, `\N{BOM}`, `\N{ZWNBSP}`, `\N{BYTE ORDER MARK}`,
		`\N{LINE FEED}`, `\N{LF}`, `\N{NEW LINE}`, `\N{END OF LINE}`, `\N{VS1}`, `\N{vs256}`, `\N{SP}`,
		`\N{LATIN CAPITAL LETTER GHA}`, `\N{LATIN CAPITAL LETTER OI}`, `\N{latin small letter gha}`,
		`\N{TIBETAN MARK BKA- SHOG GI MGO RGYAN}`, `\N{HANGUL SYLLABLE GA}`, `\N{HANGUL SYLLABLE GAG}`,
		`\N{HANGUL SYLLABLE A}`, `\N{HANGUL SYLLABLE HIH}`, `\N{HANGUL SYLLABLE GGYAE}`, `\N{HANGUL SYLLABLE SSANG}`,
		`\N{HANGUL SYLLABLE BBWEOLS}`, `\N{HANGUL SYLLABLE YI}`, `\N{HANGUL SYLLABLE}`, `\N{HANGUL SYLLABLE }`,
		`\N{HANGUL SYLLABLE G}`, `\N{HANGUL SYLLABLE GAX}`, `\N{HANGUL SYLLABLE ga}`, `\N{hangul syllable GA}`,
		`\N{HANGUL SYLLABLE KIYEOK}`, `\N{HANGUL SYLLABLE GAGGG}`, `\N{HANGUL SYLLABLE NGA}`,
		`\N{CJK UNIFIED IDEOGRAPH-4E00}`, `\N{CJK UNIFIED IDEOGRAPH-9FFF}`, `\N{CJK UNIFIED IDEOGRAPH-04E00}`,
		`\N{CJK UNIFIED IDEOGRAPH-20000}`, `\N{CJK UNIFIED IDEOGRAPH-2A6DF}`, `\N{CJK UNIFIED IDEOGRAPH-2A6E0}`,
		`\N{CJK UNIFIED IDEOGRAPH-2EBF0}`, `\N{CJK UNIFIED IDEOGRAPH-2EE5D}`, `\N{CJK UNIFIED IDEOGRAPH-2EE5E}`,
		`\N{CJK UNIFIED IDEOGRAPH-323AF}`, `\N{CJK UNIFIED IDEOGRAPH-323B0}`, `\N{CJK UNIFIED IDEOGRAPH-3400}`,
		`\N{CJK UNIFIED IDEOGRAPH-4DBF}`, `\N{CJK UNIFIED IDEOGRAPH-4DC0}`, `\N{CJK UNIFIED IDEOGRAPH-4e00}`,
		`\N{cjk unified ideograph-4E00}`, `\N{CJK UNIFIED IDEOGRAPH-4E0}`, `\N{CJK UNIFIED IDEOGRAPH-004E00}`,
		`\N{CJK UNIFIED IDEOGRAPH-}`, `\N{CJK UNIFIED IDEOGRAPH-F900}`, `\N{CJK COMPATIBILITY IDEOGRAPH-F900}`,
		`\N{cjk compatibility ideograph-f900}`, `\N{TANGUT IDEOGRAPH-17000}`, `\N{TANGUT COMPONENT-001}`,
		`\N{KHITAN SMALL SCRIPT CHARACTER-18B00}`, `\N{NUSHU CHARACTER-1B170}`, `\N{KEYCAP NUMBER SIGN}`,
		`\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}`, `\N{IDEOGRAPHIC DESCRIPTION CHARACTER SUBTRACTION}`,
		`\N{CJK STROKE HXG}`, `\N{LATIN SMALL LETTER A }`, `\N{ LATIN SMALL LETTER A}`, `\N{LATIN  SMALL LETTER A}`,
		`\N{LATIN_SMALL_LETTER_A}`, `\N{LATIN SMALL LETTER A`, `\N{`, `\N{}`, `\N`, `\Nx`, `\N{x}`, `\N{{}`,
		`\N{\}`, `\N{\N{DASH}}`, `\N{DASH}}`, `a\N{}b`, `\N}`, `\N {DASH}`, "\\N{DASH\n}", "\\N\\\n{DASH}",
		"\\N{é}", "é\\N{é}", "\\N{LATIN SMALL LETTER É}", "\\N{😀}x", "\\N{\\é}", "\\N{\\", "\\N{a\\é}",
		"é\\N{", "é\\N", "é\\N{}", "\\N{\r\n}", "\\N{a\r\nb", `\N{DIGIT ZERO}\N{DIGIT ONE}`,
		`\N{MODIFIER LETTER EXTRA-HIGH EXTRA-LOW CONTOUR TONE BAR}`, `\N{ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA ISOLATED FORM}`,
		`\N{ARABIC LIGATURE UIGHUR KIRGHIZ YEH WITH HAMZA ABOVE WITH ALEF MAKSURA ISOLATED FORMS}`,
		`\N{LATIN SMALL LETTER A}`+strings.Repeat("x", 100), `\N{`+strings.Repeat("A", 300)+`}`)
	// Backslashes before non-ASCII characters and at the end of odd places.
	add(str, "\\é", "\\😀", "a\\éb\\d", "\\é\\d", "\\\\é", "\\\\\\é", "\\ü\\x41")
	// Mixed.
	add(both, `\d\e\g`, `\8\9`, `\ `, `\z\400`, `\c\x41`, `\{\}`, `\[`, `\N\u\U`)
	add(str, `\ud800\x41\N{DASH}\101\7\n`, `\U0001F600\uD83D\uDE00`, "é\\n😀\\t✓\\\\")
	add(all, strings.Repeat("ab", 2000), strings.Repeat(`\x41`, 500), strings.Repeat("é", 300)+`\400`)

	// Random bodies built from pieces that exercise the escape decoder.
	rng := rand.New(rand.NewPCG(1, 2))
	strPieces := []string{`\`, `\`, `\`, `\\`, "x", "u", "U", "N", "{", "}", "0", "1", "3", "4", "7", "8", "9",
		"a", "A", "f", "F", "g", "d", " ", "'", `"`, "é", "😀", "\n", "\r\n", "\r", "LATIN SMALL LETTER A",
		"nbsp", "HANGUL SYLLABLE ", "GA", "CJK UNIFIED IDEOGRAPH-", "4E00", "2EBF0", "D800", "dc00",
		"10FFFF", "110000", "\t", "b", "n", "r", "v", "0000"}
	bytesPieces := []string{`\`, `\`, `\`, `\\`, "x", "u", "N", "{", "}", "0", "1", "3", "4", "7", "8",
		"a", "A", "f", "F", "g", "d", " ", "'", `"`, "\n", "\r\n", "\r", "\t", "b", "n", "00", "ff", "é"}
	gen := func(pieces []string) string {
		var sb strings.Builder
		for n := 1 + rng.IntN(8); n > 0; n-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return sb.String()
	}
	for range 20000 {
		cs = append(cs, litCase{[]string{"", "", "", "r"}[rng.IntN(4)], gen(strPieces)})
	}
	for range 8000 {
		cs = append(cs, litCase{[]string{"b", "b", "b", "rb"}[rng.IntN(4)], gen(bytesPieces)})
	}
	return cs
}

// decodeCase decodes a case here, as the parser will.
func decodeCase(c litCase) (val string, warn *Warning, err *Error) {
	raw := strings.ContainsAny(c.prefix, "rR")
	if strings.ContainsAny(c.prefix, "bB") {
		return DecodeBytesWarn(c.body, raw)
	}
	return DecodeStringWarn(c.body, raw)
}

func TestCPythonStringLiterals(t *testing.T) {
	var cases []litCase
	var reqs []map[string]string
	for _, c := range literalCases() {
		src, ok := quoteFor(c.prefix, c.body)
		if !ok {
			continue
		}
		cases = append(cases, c)
		reqs = append(reqs, map[string]string{"src": src})
	}
	replies := askCPython(t, reqs)
	var nOK, nErr, nWarn, failures int
	for i, c := range cases {
		r := replies[i]
		val, warn, err := decodeCase(c)
		fail := func(format string, args ...any) {
			t.Helper()
			failures++
			if failures <= 50 {
				t.Errorf("%s: %s", reqs[i]["src"], fmt.Sprintf(format, args...))
			}
		}
		if strings.HasPrefix(r.Msg, "not a constant") {
			t.Fatalf("bad test case %q: %s", reqs[i]["src"], r.Msg)
		}
		if !r.OK {
			nErr++
			switch {
			case err == nil:
				fail("decoded to %q, CPython says %q", val, r.Msg)
			case err.Msg != r.Msg:
				fail("error %q, CPython says %q", err.Msg, r.Msg)
			case err.Offset < 0 || err.Offset > len(c.body):
				fail("error offset %d out of range", err.Offset)
			}
			continue
		}
		nOK++
		if err != nil {
			fail("error %q, CPython decodes %s", err.Msg, r.Hex)
			continue
		}
		if got := hex.EncodeToString([]byte(val)); got != r.Hex {
			fail("decoded to %s, CPython to %s", got, r.Hex)
		}
		gotWarn := ""
		if warn != nil {
			gotWarn = warn.Msg
			nWarn++
			if warn.Offset < 0 || warn.Offset >= len(c.body) || c.body[warn.Offset] != '\\' {
				fail("warning offset %d is not at a backslash", warn.Offset)
			}
		}
		if gotWarn != r.Warn {
			fail("warning %q, CPython warns %q", gotWarn, r.Warn)
		}
	}
	t.Logf("%d literals compared with CPython: %d values (%d with warnings), %d errors", len(cases), nOK, nWarn, nErr)
}

// numberCases is the table of numeric tokens checked against CPython.
func numberCases() []string {
	cs := []string{
		"0", "00", "000", "0_0", "0_00_0", "1", "7", "10", "1_000", "1_2_3", "123456789",
		"9223372036854775807", "9223372036854775808", "9_223_372_036_854_775_807", "18446744073709551615",
		"18446744073709551616", "99999999999999999999", "100000000000000000000000000000",
		"0x0", "0X0", "0xff", "0xFF", "0XfF", "0x_FF", "0x_f_f", "0x7fffffffffffffff", "0x8000000000000000",
		"0xffffffffffffffff", "0x10000000000000000", "0x0000000000000000000000000000001",
		"0o0", "0O17", "0o_17", "0o777777777777777777777", "0o1000000000000000000000", "0o1777777777777777777777",
		"0o2000000000000000000000", "0b0", "0B1", "0b_1", "0b1_0", "0b" + strings.Repeat("1", 63),
		"0b" + strings.Repeat("1", 64), "0b1" + strings.Repeat("0", 64), "0b" + strings.Repeat("1", 200),
		"0x" + strings.Repeat("F", 5000), "0o" + strings.Repeat("7", 5000), "0x" + strings.Repeat("_a", 300),
		strings.Repeat("1", 4300), strings.Repeat("9", 4300), strings.Repeat("1", 4301),
		strings.Repeat("1_", 4300) + "1", strings.Repeat("1_", 4299) + "1", strings.Repeat("0", 5000),
		strings.Repeat("1", 100), "1" + strings.Repeat("0", 19), "1" + strings.Repeat("0", 18),
		// Floats.
		"0.0", "0.", ".0", "1.", ".5", "1.5", "0.1", "00.5", "0777.5", "0_7.5", "1_0.0_1", "1e5", "1E5",
		"1e+5", "1e-5", "1e0", "1e00", "1e-0", "0e0", "00e00", "1_0e1_0", "1.e5", ".5e-3", "1.5E+1_0",
		"3.14", "2.5e-3", "1e308", "1e309", "1e500", "1e-500", "1e-323", "1e-324", "2e-324", "3e-324",
		"1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9",
		"4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "2.2250738585072011e-308",
		"2.2250738585072012e-308", "9007199254740993", "9007199254740993.0", "9007199254740993.00000000000000000001",
		"0.1e400", "0." + strings.Repeat("0", 500) + "1e510", "0." + strings.Repeat("0", 20000) + "1e20010",
		strings.Repeat("1", 400) + ".0", strings.Repeat("1", 400) + "e-400", "1e" + strings.Repeat("0", 500) + "1",
		"1e-" + strings.Repeat("0", 500) + "1", "1e99999", "1e100000", "1e-99999", "0e99999999999999999999",
		"1." + strings.Repeat("0", 1000) + "1", "1" + strings.Repeat("_0", 100) + ".0",
		// Halfway cases that need all their digits: 2^53+1 and the boundary
		// between the two largest subnormals, written out long.
		"9007199254740993" + strings.Repeat("0", 800) + "e-800",
		"9007199254740993" + strings.Repeat("0", 800) + "1e-801",
		"9007199254740992" + strings.Repeat("9", 900) + "e-900",
		// Imaginary.
		"0j", "00j", "0J", "1j", "1J", "10j", "1_0j", "0777j", "1.j", ".5j", "1.5j", "3.14j", "1e5j", "1E5J",
		"1e-5j", "1e500j", "1e-500j", "9007199254740993j", strings.Repeat("9", 400) + "j", "0_0j",
		// Not numbers.
		"", "_", "1_", "_1", "1__0", "0x", "0x_", "0x__1", "0xg", "0o8", "0b2", "0b_", "07", "0_7", "01",
		"1.2.3", "1e", "1e+", "1e_5", "1._5", "1_.5", "1.5_", "j", ".j", ".", "e5", "1e5e5", "0x1.5", "1a",
		"0x1j", "0b1j", "1jj", "1_j", "0o", "0b", "1 2", "1-2", "1+2j", "inf", "nan", "1f", "0e", "0.e",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"0", "1", "5", "9", "00", "123", "_", ".", "e", "E", "-", "+", "j", "J", "x", "o", "b",
		"0x", "0o", "0b", "f", "F", "a", "7"}
	for range 3000 {
		var sb strings.Builder
		for n := 1 + rng.IntN(7); n > 0; n-- {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		cs = append(cs, sb.String())
	}
	// Random well-formed ints of every base and length, with underscores.
	digitsOf := func(alphabet string, n int) string {
		var sb strings.Builder
		for i := range n {
			if i > 0 && rng.IntN(5) == 0 {
				sb.WriteByte('_')
			}
			sb.WriteByte(alphabet[rng.IntN(len(alphabet))])
		}
		return sb.String()
	}
	for range 400 {
		n := 1 + rng.IntN(45)
		cs = append(cs,
			digitsOf("123456789", 1)+digitsOf("0123456789", n-1),
			"0x"+digitsOf("0123456789abcdefABCDEF", n),
			"0o"+digitsOf("01234567", n),
			"0b"+digitsOf("01", n+20),
			digitsOf("0123456789", n)+"."+digitsOf("0123456789", 1+rng.IntN(30))+"e-"+digitsOf("0123456789", 1+rng.IntN(3)),
			digitsOf("0123456789", n)+"j")
	}
	// Random float64 values written out by FormatFloat and by %g/%e with
	// various precisions.
	for range 2000 {
		f := math.Float64frombits(rng.Uint64() &^ (1 << 63))
		if math.IsInf(f, 0) || math.IsNaN(f) {
			continue
		}
		cs = append(cs, FormatFloat(f), fmt.Sprintf("%.25e", f), fmt.Sprintf("%.3g", f))
	}
	return cs
}

func float64Hex(f float64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], math.Float64bits(f))
	return hex.EncodeToString(b[:])
}

func TestCPythonNumbers(t *testing.T) {
	cases := numberCases()
	reqs := make([]map[string]string, len(cases))
	for i, c := range cases {
		reqs[i] = map[string]string{"src": c}
	}
	replies := askCPython(t, reqs)
	var nInt, nFloat, nImag, nErr, failures int
	for i, text := range cases {
		r := replies[i]
		n, err := ParseNumber(text)
		fail := func(format string, args ...any) {
			t.Helper()
			failures++
			if failures <= 50 {
				short := text
				if len(short) > 80 {
					short = short[:40] + "…" + short[len(short)-20:]
				}
				t.Errorf("%q: %s", short, fmt.Sprintf(format, args...))
			}
		}
		ok := r.OK && (r.Type == "int" || r.Type == "float" || r.Type == "complex")
		if !ok {
			nErr++
			if err == nil {
				fail("parsed as %v %s %v, CPython says %q", n.Kind, n.IntString(), n.Float, r.Msg)
			} else if strings.HasPrefix(r.Msg, "Exceeds the limit") && err.Msg != r.Msg {
				fail("error %q, CPython says %q", err.Msg, r.Msg)
			}
			continue
		}
		if err != nil {
			fail("error %q, CPython reads a %s %s", err.Msg, r.Type, r.Hex)
			continue
		}
		switch r.Type {
		case "int":
			nInt++
			want, _ := new(big.Int).SetString(strings.TrimPrefix(r.Hex, "0x"), 16)
			if n.Kind != Int {
				fail("kind %v, want int", n.Kind)
			} else if n.Int != nil && n.Int.IsInt64() {
				fail("Int %v is set though it fits in an int64", n.Int)
			} else if got := n.BigInt(); got.Cmp(want) != 0 {
				fail("value %v, want %v", got, want)
			}
		case "float":
			nFloat++
			if n.Kind != Float {
				fail("kind %v, want float", n.Kind)
			} else if got := float64Hex(n.Float); got != r.Hex {
				fail("value %v (%s), CPython %s", n.Float, got, r.Hex)
			}
		case "complex":
			nImag++
			if n.Kind != Imag {
				fail("kind %v, want imag", n.Kind)
			} else if got := float64Hex(n.Float); got != r.Hex || r.Real != 0 {
				fail("imag %v (%s), CPython %s", n.Float, got, r.Hex)
			}
		}
	}
	t.Logf("%d numbers compared with CPython: %d ints, %d floats, %d imaginary, %d errors",
		len(cases), nInt, nFloat, nImag, nErr)
}

func TestCPythonFormatFloat(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	fs := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 0.3, 1.5, 100, 1e15, 1e16, 1e17,
		123456789012345678, 1e-4, 1e-5, 0.00012345, 1.2345e-5, 9999999999999998, 9999999999999999,
		1e22, 1e23, math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308, 5e-324,
		math.Inf(1), math.Inf(-1), math.NaN(), 1.0 / 3, 2.0 / 3, math.Pi, math.E, 123.456, 1e100, 1e-100,
		0.0001, 0.001, 12345678901234567890.0, 1234567890123456.7, 123456789012345.67, -0.5}
	for range 5000 {
		fs = append(fs, math.Float64frombits(rng.Uint64()))
	}
	for range 1000 {
		// Round numbers of every magnitude, where the fixed/exponent switch is.
		fs = append(fs, float64(rng.IntN(100000))*math.Pow(10, float64(rng.IntN(40)-20)))
	}
	reqs := make([]map[string]string, len(fs))
	for i, f := range fs {
		reqs[i] = map[string]string{"bits": float64Hex(f)}
	}
	replies := askCPython(t, reqs)
	failures := 0
	for i, f := range fs {
		if got := FormatFloat(f); got != replies[i].Repr {
			failures++
			if failures <= 30 {
				t.Errorf("FormatFloat(%b) = %q, Python repr %q", f, got, replies[i].Repr)
			}
		}
	}
	t.Logf("%d floats formatted as Python's repr", len(fs))
}

// namesScript lists every name \N{...} should accept, as "NAME<TAB>HEX"
// lines: the names of all code points (Hangul syllables and CJK unified
// ideographs included) and the formal aliases, which CPython's namereplace
// error handler reveals. It checks the first few with a real \N{...} escape.
const namesScript = `
import ast, sys, unicodedata
out = []
for c in range(0x110000):
    n = unicodedata.name(chr(c), None)
    if n is not None:
        out.append("%s\t%X" % (n, c))
for c in range(0xF0000, 0xF0200):
    r = chr(c).encode("ascii", "namereplace")
    if r.startswith(b"\\N{"):
        n = r[3:-1].decode("ascii")
        assert ast.literal_eval("'\\N{%s}'" % n) == unicodedata.lookup(n)
        out.append("%s\t%X" % (n, ord(unicodedata.lookup(n))))
sys.stdout.write("\n".join(out) + "\n")
`

func TestCPythonNames(t *testing.T) {
	py := python313(t)
	lines := runPython(t, py, namesScript, nil)
	seen := make(map[string]bool, len(lines))
	hangul, cjk := 0, 0
	for _, l := range lines {
		name, hx, _ := strings.Cut(string(l), "\t")
		var want rune
		if _, err := fmt.Sscanf(hx, "%X", &want); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		seen[name] = true
		if got, ok := LookupName(name); !ok || got != want {
			t.Errorf("LookupName(%q) = %U, %v; want %U", name, got, ok, want)
		}
		lower := strings.ToLower(name)
		algorithmic := strings.HasPrefix(name, "HANGUL SYLLABLE ") || strings.HasPrefix(name, "CJK UNIFIED IDEOGRAPH-")
		switch {
		case strings.HasPrefix(name, "HANGUL SYLLABLE "):
			hangul++
		case strings.HasPrefix(name, "CJK UNIFIED IDEOGRAPH-"):
			cjk++
		}
		// Table names ignore case; algorithmic ones do not.
		if got, ok := LookupName(lower); ok != !algorithmic || ok && got != want {
			t.Errorf("LookupName(%q) = %U, %v", lower, got, ok)
		}
	}
	// Everything in the embedded table is a name CPython knows.
	table := 0
	for line := range strings.Lines(unicodeNames) {
		name, _, _ := strings.Cut(line, "\t")
		if !seen[name] {
			t.Errorf("embedded name %q is not one of CPython's", name)
		}
		table++
	}
	t.Logf("%d names checked (%d Hangul syllables, %d CJK unified ideographs, %d in the table)",
		len(lines), hangul, cjk, table)
	if hangul != 11172 || cjk < 97000 {
		t.Errorf("CPython listed %d Hangul syllables and %d unified ideographs", hangul, cjk)
	}
}

// fileTokensScript tokenizes the files named by its arguments and writes
// every STRING and NUMBER token with its value, one JSON object a line.
const fileTokensScript = `
import ast, json, struct, sys, tokenize, warnings
warnings.simplefilter("ignore")
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        toks = list(tokenize.tokenize(f.readline))
    for tok in toks:
        if tok.type not in (tokenize.STRING, tokenize.NUMBER):
            continue
        s = tok.string
        out = {"file": path, "line": tok.start[0], "tok": s}
        v = ast.literal_eval(s)
        if isinstance(v, str):
            out["hex"] = v.encode("utf-8", "surrogatepass").hex()
        elif isinstance(v, bytes):
            out["hex"] = v.hex()
        elif isinstance(v, int):
            out["hex"] = hex(v)
        elif isinstance(v, float):
            out["hex"] = struct.pack(">d", v).hex()
        else:
            out["hex"] = struct.pack(">d", v.imag).hex()
        sys.stdout.write(json.dumps(out) + "\n")
`

// TestCPythonStdlibLiterals decodes every string and number literal of a
// number of CPython's own source files (read in place) and compares the
// values with CPython's.
func TestCPythonStdlibLiterals(t *testing.T) {
	py := python313(t)
	lib := filepath.Join(filepath.Dir(filepath.Dir(py)), "lib", "python3.13")
	var files []string
	for _, pat := range []string{"*.py", "test/test_unicode*.py", "test/test_strlit*.py", "test/test_ucn.py",
		"test/test_string_literals.py", "test/test_codecs.py", "test/test_bytes.py", "test/test_float.py",
		"test/test_long.py", "test/test_grammar.py", "test/test_tokenize.py", "test/test_unicodedata.py",
		"test/test_re.py", "test/test_str.py", "test/test_fstring.py", "test/test_complex.py", "test/test_int.py",
		"test/test_json/*.py", "test/test_email/test_email.py", "encodings/*.py"} {
		m, err := filepath.Glob(filepath.Join(lib, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 100 {
		t.Fatalf("found only %d files under %s", len(files), lib)
	}
	lines := runPython(t, py, fileTokensScript, nil, files...)
	var nStr, nBytes, nNum, failures int
	for _, l := range lines {
		var r struct {
			File string
			Line int
			Tok  string
			Hex  string
		}
		if err := json.Unmarshal(l, &r); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		fail := func(format string, args ...any) {
			t.Helper()
			failures++
			if failures <= 50 {
				t.Errorf("%s:%d: %.80q: %s", r.File, r.Line, r.Tok, fmt.Sprintf(format, args...))
			}
		}
		tok := r.Tok
		q := strings.IndexAny(tok, `'"`)
		if q < 0 {
			nNum++
			n, err := ParseNumber(tok)
			if err != nil {
				fail("%s", err.Msg)
				continue
			}
			var got string
			switch n.Kind {
			case Int:
				got = fmt.Sprintf("%#x", n.BigInt())
			default:
				got = float64Hex(n.Float)
			}
			if got != r.Hex {
				fail("got %s, CPython %s", got, r.Hex)
			}
			continue
		}
		prefix := tok[:q]
		quote := tok[q : q+1]
		if strings.HasPrefix(tok[q:], strings.Repeat(quote, 3)) && len(tok)-q >= 6 {
			quote = strings.Repeat(quote, 3)
		}
		body := tok[q+len(quote) : len(tok)-len(quote)]
		c := litCase{prefix, body}
		if strings.ContainsAny(prefix, "bB") {
			nBytes++
		} else {
			nStr++
		}
		val, _, err := decodeCase(c)
		if err != nil {
			fail("%s", err.Msg)
		} else if got := hex.EncodeToString([]byte(val)); got != r.Hex {
			fail("got %s, CPython %s", got, r.Hex)
		}
	}
	t.Logf("%d files: %d str, %d bytes and %d number literals agree with CPython", len(files), nStr, nBytes, nNum)
	if nStr < 10000 {
		t.Errorf("only %d str literals found", nStr)
	}
}
