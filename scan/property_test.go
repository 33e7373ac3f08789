package scan

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

type pair struct{ code, msg string }

func pairs(fs []Finding) map[pair]int {
	m := make(map[pair]int)
	for _, f := range fs {
		m[pair{f.Code, f.Message}]++
	}
	return m
}

// missing returns the pairs of sub that sup lacks, as a multiset.
func missing(sub, sup map[pair]int) []pair {
	var out []pair
	for p, n := range sub {
		if sup[p] < n {
			out = append(out, p)
		}
	}
	return out
}

// junkPieces are what random junk is made of: the syntax of every shape,
// broken on purpose, and plain bytes.
var junkPieces = []string{
	"{", "}", "[", "]", `"`, `\`, ":", ",", " ", "\n", "\r\n", "\t", "\x00", "\xff", "é", "x", "0",
	`"error_code"`, `"error_code":`, `"error_code": "A.1"`, `"error":`, `"error": {`, `"code": "B.2"`, `"error_msg": "m`,
	`{"error_code":"J.1","error_msg":"junk"}`, `{"error":{"code":"J.2","message":"junk"}}`, "error_code:", "errorCode: J.3",
	"ClientRequestException - {", "error_msg:", "XException {\n", "}\n", "HTTP/1.1 400 Bad Request\n", "< x-request-id: r\n",
	"> POST /v1/x HTTP/1.1\n", "\n\n", `\"`, `\u00`, "true", "null", "123",
	"iMetal.0200", "APIGW.0308: t", "errorCode: 'iMetal.0201'", "{ errorMsg: 'j',", "'error_msg': 'j'", "ErrorCode:\"iMetal.0202\"",
	"error_code=iMetal.0203", `error_msg="j`, "'", "`", "b'", "=", "(", ")", "  X-Request-Id: r\n", "returned error: 404\n",
	"Resource not found: [", "request_id: r, error message: ",
}

func junk(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range rng.IntN(n + 1) {
		b.WriteString(junkPieces[rng.IntN(len(junkPieces))])
	}
	return b.String()
}

// TestJunkAround checks the documented property: the (Code, Message) pairs
// found in a are a sub-multiset of those found in j1+"\n"+a+"\n"+j2.
func TestJunkAround(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	inputs := seedInputs()
	for i := range 3000 {
		a := inputs[rng.IntN(len(inputs))]
		if i%2 == 1 {
			a = junk(rng, 10) + "\n" + a + "\n" + inputs[rng.IntN(len(inputs))]
		}
		j1, j2 := junk(rng, 30), junk(rng, 30)
		checkJunk(t, a, j1, j2)
	}
}

// printed returns the (Code, Message) pairs of every print of a response
// in b, merging off: junk may take a field from a body (its headers' status
// or request id) that kept it apart from an SDK's error after it. noLoose
// leaves out what the looser search adds, which the property does not cover.
func printed(b []byte, noLoose bool) map[pair]int {
	s := inMemory(b)
	s.noLoose, s.noMerge = noLoose, true
	return pairs(findings(s))
}

func checkJunk(t *testing.T, a, j1, j2 string) {
	t.Helper()
	want := printed([]byte(a), true)
	in := j1 + "\n" + a + "\n" + j2
	if m := missing(want, printed([]byte(in), false)); len(m) > 0 {
		got := allNoMerge([]byte(in))
		t.Fatalf("junk hides %v\nj1=%q\na=%q\nj2=%q\ngot:\n%s", m, j1, a, j2, dump(got))
	}
}

// checkInvariants checks what holds for any input.
func checkInvariants(t *testing.T, in []byte) {
	t.Helper()
	s := New(bytes.NewReader(in))
	var got []Finding
	for s.Scan() {
		got = append(got, s.Finding())
	}
	for i, f := range got {
		checkFinding(t, f)
		if f.Offset < 0 || f.Offset >= int64(len(in)) {
			t.Fatalf("offset %d out of range", f.Offset)
		}
		if i > 0 && f.Offset < got[i-1].Offset {
			t.Fatalf("out of order: %d after %d", f.Offset, got[i-1].Offset)
		}
		checkLine(t, in, f)
	}
	if w := s.Work(); w > workBound(len(in)) {
		t.Fatalf("work %d for %d bytes", w, len(in))
	}
	if all := All(in); !reflect.DeepEqual(all, got) {
		t.Fatalf("All and Scanner differ:\n%s\n%s", dump(all), dump(got))
	}
	if len(in) > 0 {
		// Segments cut at arbitrary places, scanners started nearly cold.
		seg := 1 + int64(len(in))/3
		if par, _, _ := allPar(in, seg, seg/2, 2, 2); !reflect.DeepEqual(par, got) {
			t.Fatalf("parallel scan differs:\n%s\n%s", dump(par), dump(got))
		}
	}
	if len(in) < 4096 {
		one := New(iotest.OneByteReader(bytes.NewReader(in)))
		var got1 []Finding
		for one.Scan() {
			got1 = append(got1, one.Finding())
		}
		if !reflect.DeepEqual(got1, got) {
			t.Fatalf("one byte at a time differs:\n%s\n%s", dump(got1), dump(got))
		}
	}
}

// workBound is the linear bound on bytes examined: workFactor per byte, plus
// a constant for the short look-arounds of the first few keys.
func workBound(n int) int64 { return workFactor*int64(n) + 4096 }

const workFactor = 12

func FuzzScan(f *testing.F) {
	for _, in := range seedInputs() {
		f.Add([]byte(in), []byte(""), []byte(""))
		f.Add([]byte(in), []byte(`{"error_code":"A.1","x":`), []byte("}"))
	}
	f.Add([]byte(curlV), []byte("\"\x00{["), []byte("]}\""))
	f.Fuzz(func(t *testing.T, a, j1, j2 []byte) {
		checkInvariants(t, a)
		in := make([]byte, 0, len(j1)+len(a)+len(j2)+2)
		in = append(append(append(append(append(in, j1...), '\n'), a...), '\n'), j2...)
		checkInvariants(t, in)
		if m := missing(printed(a, true), printed(in, false)); len(m) > 0 && len(a) < 32<<10 && len(j1)+len(j2) < 64<<10 {
			t.Fatalf("junk hides %v", m)
		}
	})
}

// hostile are inputs built to make a naive scanner quadratic.
func hostile() map[string][]byte {
	const n = 4 << 20
	rep := func(s string) []byte { return bytes.Repeat([]byte(s), n/len(s)) }
	return map[string][]byte{
		"open braces":            rep("{"),
		"open brackets":          append(rep("["), `{"error_code":"A.1","error_msg":"x"}`...),
		"quotes":                 rep(`"`),
		"keys without values":    append([]byte("{"), rep(`"error_code"`)...),
		"keys with colons":       append([]byte("{"), rep(`"error_code":`)...),
		"brace key":              rep(`{"error_code":`),
		"brace key value":        rep(`{"error_code":"A.1",`),
		"nested then keys":       append(rep(`{"a":`), rep(`"error_code":"A.1",`)...),
		"deep nesting":           append(append(rep(`{"error_code":"A.1","x":`), `{"error_code":"B.1"}`...), rep("}")...),
		"deep arrays":            append(append([]byte(`{"error_code":"A.1","x":`), rep("[")...), rep("]")...),
		"nested error keys":      rep(`{"error": `),
		"inner before outer":     append(rep(`{"x":{"error_code":"A.1","error_msg":"m"},`), rep(`"error_code":"A.1"}`)...),
		"unclosed strings":       rep(`{"error_code":"A.1","error_msg":"`),
		"escapes":                append([]byte(`{"error_code":"A.1","error_msg":"`), rep(`\\`)...),
		"python keys":            rep("error_code:"),
		"python openers":         rep("ClientRequestException - {error_code:A.1,"),
		"python no close":        append([]byte("ClientRequestException - {"), rep("{error_code:A.1,")...),
		"java keys":              rep("errorCode: A.1\n"),
		"java openers":           rep("XException {\nerrorCode: A.1\n"),
		"java long lines":        append([]byte("XException {\n"), rep("errorCode: A.1 httpStatusCode: requestId: errorMsg:")...),
		"http lines":             rep("HTTP/1.1 400 Bad\nx-request-id: r\n\n{\"error_code\":\"A.1\"}\n"),
		"curl noise":             append(rep("* x\n"), `{"error_code":"A.1"}`...),
		"headers then body":      append(rep("a: b\n"), "\n{\"error_code\":\"A.1\"}"...),
		"pretty lines":           append(rep("{\n"), `"error_code": "A.1"`...),
		"commas lines then keys": rep(",\n\"error_code\":\"A.1\"\n"),
		"dense bodies":           rep(`{"error_code":"A.1","error_msg":"m"}`),
		"nul":                    rep("\x00{\"error_code\":"),
		"stray quote bodies":     rep(`"{"error_code":"A.1","error_msg":"m"} `),
		"stray quote keys":       append([]byte(`"{`), rep(`"error_code":"A.1",`)...),
		"stray quote braces":     append([]byte(`"`), rep(`{{{{"error_code":`)...),
		"escaped keys":           rep(`\"error_code\":`),
		"double escaped keys":    append([]byte(`"`), rep(`\\\"error_code\\\":\\\"A.1\\\",`)...),
		"escaped unclosed long":  append([]byte(`x="{`), rep(`\"error_code\":\"A.1\",\"m\":\"xxxxxxxxxxxxxxxx\",`)...),
		"escaped keys in string": append([]byte(`"`), rep(`{\"error_code\":\"A.1\",`)...),
		"escaped bodies":         rep(`"{\"error_code\":\"A.1\",\"error_msg\":\"m\"}" `),
		"escaped backslashes":    append(rep(`\\`), `\"error_code\":`...),
		"escaped unclosed":       rep(`x="{\"error_code\":\"A.1\"` + "\n"),
		"colored keys":           rep("\x1b[94m\"error_code\"\x1b[0m: \x1b[33m\"A.1\"\x1b[0m,\n"),
		"colored long lines":     append([]byte("\x1b[0m"), rep(`"error_code":"A.1",`)...),
		"escape starts":          rep("\x1b[\x1b]\x9b\x9d\"error_code\":"),
		"unclosed osc":           rep("\x1b]8;;" + `"error_code":"A.1"` + "\n"),
		"quoted keys":            rep("> \"error_code\": \"A.1\",\n"),
		"quoted bodies":          rep("> HTTP/1.1 404\n>\n> {\"error_code\":\"A.1\",\"error_msg\":\"m\"}\n"),
		"box wrapped strings":    rep("│ {\"error_code\":\"A.1\",\"error_msg\":\"a\n│ b\"}\n"),
		"prefixed dry":           rep("ts E {\nts E   \"error_code\":\n"),
		"prefixed long lines":    append([]byte("> x\n> "), rep(`"error_code":"A.1",`)...),
		"codes in a long line":   rep("{ iMetal.0200 " + strings.Repeat("x", 5000)),
		"windows cut at records": rep("{ iMetal.0200\n" + strings.Repeat("x", 4080) + "\n{ {\n"),
		"records after a code":   rep("{ msg: 'iMetal.0200',\n  a: { b: { c: { error_code: 'A.1' } } },\n"),
		"known codes after":      append([]byte("{ x iMetal.0200\n"), rep("{ { { iMetal.0201 ")...),
	}
}

// TestLinearWork runs inputs built to make a naive scanner quadratic and
// checks the bytes examined stay within workFactor per input byte.
func TestLinearWork(t *testing.T) {
	for name, in := range hostile() {
		t.Run(name, func(t *testing.T) {
			s := New(bytes.NewReader(in))
			for s.Scan() {
			}
			ratio := float64(s.Work()) / float64(len(in))
			t.Logf("%.2f bytes examined per input byte", ratio)
			if s.Work() > workBound(len(in)) {
				t.Errorf("work %d for %d bytes (%.1f per byte)", s.Work(), len(in), ratio)
			}
		})
	}
}

func BenchmarkScanHostile(b *testing.B) {
	for name, in := range hostile() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) { benchScan(b, in) })
	}
}
