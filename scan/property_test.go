package scan

import (
	"bytes"
	"fmt"
	"math"
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

// covered returns the pairs of a that the junk property covers: those found
// without the looser search, and kept by it (it may fill a message that a
// body's own keys did not give, as "errormessage": what it adds or changes,
// junk can defeat).
func covered(a []byte) map[pair]int {
	strict, all := printed(a, true), printed(a, false)
	for p, n := range strict {
		strict[p] = min(n, all[p])
	}
	return strict
}

func checkJunk(t *testing.T, a, j1, j2 string) {
	t.Helper()
	if prefixShared([]byte(a), []byte(j1), []byte(j2)) || stringLeftOpen(lastLine([]byte(j1))) {
		return
	}
	want := covered([]byte(a))
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
	if w := s.Work(); w > anyWorkBound(len(in)) {
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
// a constant for the short look-arounds of the first few keys, among them
// the first key's line, up to maxViewLine bytes, which readThrough reads a
// few times more than the rest when it holds an escape sequence (a
// 3.4 KiB input of such a line came to 14 per byte; its line repeated,
// to 8).
func workBound(n int) int64 { return workFactor*int64(n) + 2*maxViewLine }

const workFactor = 12

// anyWorkBound is the bound on bytes examined for any input, as fuzzing
// makes them: linear inputs of 4 KiB are known that come to 88 per byte
// (escaped strings, decoded and searched again, in junk that makes every
// recognizer look at each key). A superlinear search shows in
// FuzzLinear, which compares an input's work at two sizes, and in
// TestLinearWork, whose inputs are large.
func anyWorkBound(n int) int64 { return anyWorkFactor*int64(n) + 2*maxViewLine }

const anyWorkFactor = 160

// FuzzLinear checks that bytes examined grow linearly with the input: a
// text repeated to about 8 KiB and to about 64 KiB, without a line break
// between repeats, costs about as much per byte at both sizes. A search that
// looks back over a window (jsonLook is 48 KiB) for each of a line's keys
// costs more per byte as the input grows up to the window's size.
func FuzzLinear(f *testing.F) {
	for _, in := range seedInputs() {
		f.Add([]byte(in[:min(len(in), 512)]))
	}
	for _, in := range hostile() {
		f.Add(in[:min(len(in), 64)])
	}
	f.Fuzz(func(t *testing.T, a []byte) {
		if len(a) == 0 || len(a) > 1024 {
			return
		}
		// Bytes examined and findings, per input byte.
		perByte := func(size int) (work, found float64) {
			in := bytes.Repeat(a, (size+len(a)-1)/len(a))
			s := New(bytes.NewReader(in))
			n := 0
			for s.Scan() {
				n++
			}
			return float64(s.Work()) / float64(len(in)), float64(n) / float64(len(in))
		}
		small, fs := perByte(8 << 10)
		large, fl := perByte(64 << 10)
		// Where the repeats read differently at the two sizes (a block
		// read through, which ends after viewSpan, holds all of the
		// smaller input), the findings per byte differ, and so may the
		// work: only the same reading is compared.
		if math.Abs(fl-fs) <= fs/10 && large > 1.5*small+2 {
			t.Fatalf("%.1f bytes examined per byte at 8 KiB, %.1f at 64 KiB", small, large)
		}
	})
}

func FuzzScan(f *testing.F) {
	for _, in := range seedInputs() {
		f.Add([]byte(in), []byte(""), []byte(""))
		f.Add([]byte(in), []byte(`{"error_code":"A.1","x":`), []byte("}"))
	}
	f.Add([]byte(curlV), []byte("\"\x00{["), []byte("]}\""))
	// Records of every notation read from the code outward, junk between.
	rng := rand.New(rand.NewPCG(1, 2))
	for range 40 {
		in, _ := notationInput(rng)
		r := genRecord(rng)
		f.Add([]byte(r.text), []byte(notationJunkText(rng, 10)), []byte(notationJunkText(rng, 10)))
		f.Add([]byte(in), []byte(""), []byte(""))
	}
	f.Fuzz(func(t *testing.T, a, j1, j2 []byte) {
		checkInvariants(t, a)
		in := make([]byte, 0, len(j1)+len(a)+len(j2)+2)
		in = append(append(append(append(append(in, j1...), '\n'), a...), '\n'), j2...)
		checkInvariants(t, in)
		if len(a) >= 32<<10 || len(j1)+len(j2) >= 64<<10 || prefixShared(a, j1, j2) || stringLeftOpen(lastLine(j1)) {
			return
		}
		if m := missing(covered(a), printed(in, false)); len(m) > 0 {
			t.Fatalf("junk hides %v", m)
		}
		// Codes read from the code outward, where junk before a leaves
		// no brace open or a's first line reads as no content of a record
		// (see contentLine) nor starts with a JSON value (which an object
		// of junk's takes as its key's), nor a itself.
		if (bytes.IndexByte(j1, '{') < 0 || !readsAsContent(a) && !jsonValueStart(a)) && !looseOpen(a) {
			// Among junk, a pair may come from another recognizer: junk
			// after a can close a JSON object that a left open.
			if m := missing(outward(a), pairs(allNoMerge(in))); len(m) > 0 {
				t.Fatalf("junk hides %v (read from the code outward)", m)
			}
		}
	})
}

// outward returns the (Code, Message) pairs of the findings in b read from
// the code outward in the notations other than JSON, merging off.
func outward(b []byte) map[pair]int {
	var fs []Finding
	for _, f := range allNoMerge(b) {
		switch f.Shape {
		case ShapeJSObject, ShapePyDict, ShapeGoStruct, ShapeLogfmt, ShapeText:
			fs = append(fs, f)
		}
	}
	return pairs(fs)
}

// lastLine returns the last line of b.
func lastLine(b []byte) []byte { return b[bytes.LastIndexByte(b, '\n')+1:] }

// firstLine returns the first line of b.
func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// prefixShared reports whether junk's line next to a's starts alike, on
// either side: the junk property does not cover it, as a line prefix they
// shared would make one block of them (see view.go and the package
// comment).
func prefixShared(a, j1, j2 []byte) bool {
	return startAlike(lastLine(j1), a) || startAlike(lastLine(a), j2)
}

// stringLeftOpen reports whether line ends inside a double-quoted string:
// the junk property does not cover it, as a's first line may then read as
// the rest of that string, cut where a terminal wrapped it (see view.go's
// wrapped strings and the package comment).
func stringLeftOpen(line []byte) bool {
	open := false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			if open {
				i++
			}
		case '"':
			open = !open
		}
	}
	return open
}

// startAlike reports whether x and y start as two lines that share a line
// prefix do (see linePrefix and hasPrefix): with the same byte, or with
// digits, once their escape sequences are gone. An empty line shares none.
func startAlike(x, y []byte) bool {
	x, y = stripped(nil, firstLine(x)), stripped(nil, firstLine(y))
	return len(x) > 0 && len(y) > 0 && (x[0] == y[0] || isDigit(x[0]) && isDigit(y[0]))
}

// looseOpen reports whether b leaves a brace open as the loose reader of
// record.go counts: brackets of all kinds nest and a closer closes
// whichever is open, braces in strings (which end at their line's end) do
// not count, a NUL forgets what is open.
func looseOpen(b []byte) bool {
	var stack []byte
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '"', '\'', '`':
			j := i + 1
			for j < len(b) && b[j] != c && b[j] != '\n' && b[j] != 0 {
				if b[j] == '\\' && j+1 < len(b) && b[j+1] != '\n' {
					j++
				}
				j++
			}
			if j < len(b) && b[j] == c {
				i = j
			} else {
				i = j - 1
			}
		case '{', '[', '(':
			stack = append(stack, c)
		case '}', ']', ')':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case 0:
			stack = stack[:0]
		}
	}
	return bytes.IndexByte(stack, '{') >= 0
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
		// A code in a string of an object that fails to parse before it,
		// on lines ending in ',': each code once lexed its lines again from
		// up to jsonLook back (3,600 bytes examined per byte).
		"codes in broken objects": rep(`{"a":x,"m":"iMetal.0200",` + "\n"),
		// An escaped body on each line, no header block before it: each
		// body walked back ctxLook for one (211 bytes examined per byte).
		"escaped bodies on lines": rep(`0:"{\"error_code\":iMetAl.0""0"` + "\n"),
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

// noteRec is a record of a notation read from the code outward
// (record.go), and the finding it gives alone.
type noteRec struct {
	kind string
	text string
	want Finding
	// line: the record is its line (prose, logfmt), not a brace of its own.
	line bool
	sep  string // the lines around it in an input: "\n", or "\n\n"
}

var (
	genCodes  = []string{"iMetal.0200", "iMetal.0232", "IMETAL.0230", "imetal.0999", "APIGW.0308", "APIG.0301", "apigw.0201"}
	genOther  = []string{"ECS.0114", "AS.0001", "VPC.0101"} // found only under an error-code key
	genWords  = []string{"Insufficient", "IP", "addresses", "Subnet", "Backend", "The", "in", "not", "found", "throttling", "threshold", "unavailable", "[i-1, i-2]", "x_y", "42"}
	genStatus = []int{400, 401, 403, 404, 409, 429, 500, 502, 504}
)

func pick[T any](rng *rand.Rand, s []T) T { return s[rng.IntN(len(s))] }

// genMsg returns a message that each notation quotes or ends safely: it
// starts with a word, holds no quote, no comma outside brackets, no code.
func genMsg(rng *rand.Rand) string {
	w := []string{genWords[rng.IntN(6)]}
	for range rng.IntN(5) {
		w = append(w, pick(rng, genWords))
	}
	return strings.Join(w, " ")
}

// genRecord returns a record of a random notation, its fields in random
// order, each of status and request id present or not.
func genRecord(rng *rand.Rand) noteRec {
	code, msg, st, rid := pick(rng, genCodes), genMsg(rng), pick(rng, genStatus), fmt.Sprintf("%016x", rng.Uint64())[:8+rng.IntN(9)]
	want := Finding{Code: code, Message: msg}
	hasSt, hasRid := rng.IntN(4) > 0, rng.IntN(4) > 0
	if hasSt {
		want.HTTPStatus = st
	}
	if hasRid {
		want.RequestID = rid
	}
	type kv struct {
		k, v   string
		quoted bool
	}
	// fields returns the record's fields under the given keys, shuffled.
	fields := func(codeKey, msgKey, stKey, ridKey string, quoted bool) []kv {
		f := []kv{{codeKey, want.Code, quoted}, {msgKey, msg, quoted}}
		if hasSt {
			f = append(f, kv{stKey, fmt.Sprint(st), false})
		}
		if hasRid {
			f = append(f, kv{ridKey, rid, quoted})
		}
		rng.Shuffle(len(f), func(i, j int) { f[i], f[j] = f[j], f[i] })
		return f
	}
	join := func(f []kv, keyQ, valQ, sep, between string) string {
		var b []string
		for _, x := range f {
			v := x.v
			if x.quoted {
				v = valQ + v + valQ
			}
			b = append(b, keyQ+x.k+keyQ+sep+v)
		}
		return strings.Join(b, between)
	}
	r := noteRec{want: want}
	switch rng.IntN(11) {
	case 0:
		r.kind, r.want.Shape = "js-line", ShapeJSObject
		r.text = "{ " + join(fields("errorCode", "errorMsg", "httpStatusCode", "requestId", true), "", "'", ": ", ", ") + " }"
	case 1:
		r.kind, r.want.Shape = "js-uncaught", ShapeJSObject
		r.text = "ClientRequestException: " + msg + "\n    at ExceptionUtil.generalException (/app/x.js:35:24) {\n  " +
			join(fields("errorCode", "errorMsg", "httpStatusCode", "requestId", true), "", "'", ": ", ",\n  ") + ",\n  encodedAuthorizationMessage: undefined\n}"
	case 2:
		// The Node.js SDK's axios dump: the status and request id beside the body.
		r.kind, r.want.Shape = "axios", ShapeJSObject
		r.text = "[2026-01-02T03:04:05.678] [ERROR] HcClient - Some error found: {\n  data: { " +
			join([]kv{{"error_code", code, true}, {"error_msg", msg, true}}, "", "'", ": ", ", ") + " },\n"
		if hasSt {
			r.text += fmt.Sprintf("  status: %d,\n", st)
		}
		if hasRid {
			r.text += "  headers: Object [AxiosHeaders] {\n    'content-type': 'application/json',\n    'x-request-id': '" + rid + "'\n  },\n"
		}
		r.text += "  message: 'Request failed'\n}"
	case 3:
		r.kind, r.want.Shape = "python-dict", ShapePyDict
		r.text = "failed: {" + join(fields("error_code", "error_msg", "status_code", "request_id", true), "'", "'", ": ", ", ") + "}"
	case 4:
		r.kind, r.want.Shape = "go-sharpv", ShapeGoStruct
		r.text = "err: &sdkerr.ServiceResponseError{" + join(fields("ErrorCode", "ErrorMessage", "StatusCode", "RequestId", true), "", `"`, ":", ", ") + `, EncodedAuthorizationMessage:""}`
	case 5:
		// Go's %+v: bare values, the message last (it runs to the brace).
		r.kind, r.want.Shape = "go-plusv", ShapeGoStruct
		f := fields("ErrorCode", "ErrorMessage", "StatusCode", "RequestId", false)
		for i, x := range f {
			if x.k == "ErrorMessage" {
				f = append(append(f[:i:i], f[i+1:]...), x)
				break
			}
		}
		r.text = "{" + join(f, "", "", ":", " ") + "}"
	case 6:
		r.kind, r.want.Shape, r.line = "logfmt", ShapeLogfmt, true
		f := fields("error_code", "error_msg", "status", "request_id", false)
		for i := range f {
			f[i].quoted = f[i].k == "error_msg"
		}
		r.text = "time=2026-12-01T14:03:12.540Z level=ERROR " + join(f, "", `"`, "=", " ")
	case 7:
		r.kind, r.want.Shape, r.line = "prose", ShapeText, true
		r.want.HTTPStatus, r.want.RequestID = 0, ""
		// A message only where a colon, a dash or a capital letter
		// presents it, or after a tag in brackets that starts the line;
		// a code only mentioned has none.
		head, sep := pick(rng, []string{"Error: ", "  Error: ", "upstream said ", "[", ""}), pick(rng, []string{": ", " ", "] ", " - "})
		r.text = head + code + sep + msg
		if sep == " " && (msg[0] < 'A' || msg[0] > 'Z') || sep == "] " && head != "[" {
			r.want.Message = ""
		}
	case 8:
		r.kind, r.want.Shape = "json-camel", ShapeJSON
		r.text = "{" + join(fields("errorCode", "errorMsg", "httpStatusCode", "requestId", true), `"`, `"`, ":", ",") + "}"
	case 9:
		// A JSON log line whose message holds the code.
		r.kind, r.want.Shape, r.want.HTTPStatus = "json-log", ShapeJSON, 0
		r.text = `{"level":"error","msg":"` + code + ": " + msg + `"`
		if hasRid {
			r.text += `,"request_id":"` + rid + `"`
		}
		r.text += "}"
	default:
		// A code of another namespace, under an error-code key.
		r.kind, r.want.Shape, r.want.Code = "python-dict-other", ShapePyDict, pick(rng, genOther)
		f := fields("error_code", "error_msg", "status_code", "request_id", true)
		for i := range f {
			if f[i].k == "error_code" {
				f[i].v = r.want.Code
			}
		}
		r.text = "{" + join(f, "'", "'", ": ", ", ") + "}"
	}
	return r
}

// notationJunk are pieces of junk for the notations read from the code
// outward, beside junkPieces: their keys and openers, escape sequences.
var notationJunk = []string{
	"\x1b[31m", "\x1b[0m", "\x1b]8;;http://x\x1b\\", "\x9b", "\x1b[", "{ ", "} ", "errorMsg:", "httpStatusCode: 500,", "requestId: 'jr',",
	"StatusCode:", "status=500", "request_id=jr", "&x{", "Error: ", "ErrorMessage:", "'x-request-id': 'jr'", "data: {", "status: 503,",
	"Exception {\n", "iMetal.0", "{\"error\":", "msg=\"", "b'{", "  at f (/x.js:1:2) {",
}

// notationJunkText returns junk of up to n pieces, now and then a long line.
func notationJunkText(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range rng.IntN(n + 1) {
		switch r := rng.IntN(20); {
		case r == 0:
			b.WriteString(strings.Repeat("x", rng.IntN(6000)))
		case r < 7:
			b.WriteString(pick(rng, notationJunk))
		default:
			b.WriteString(pick(rng, junkPieces))
		}
	}
	return b.String()
}

// openBefore reports whether text before a record may leave a brace open
// (it holds one since its last blank line, or, with json, at all: a JSON
// object's parse goes on across blank lines).
func openBefore(b string, json bool) bool {
	if !json {
		if i := strings.LastIndex(b, "\n\n"); i >= 0 {
			b = b[i:]
		}
		return strings.Contains(b, "{")
	}
	depth := 0
	for i := range len(b) {
		switch b[i] {
		case '{':
			depth++
		case '}':
			depth = max(0, depth-1)
		}
	}
	return depth > 0
}

// jsonValueStart reports whether b starts as a JSON value does.
func jsonValueStart(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	return bytes.IndexByte([]byte("\"{[-0123456789"), b[0]) >= 0 || bytes.HasPrefix(b, []byte("true")) || bytes.HasPrefix(b, []byte("false")) || bytes.HasPrefix(b, []byte("null"))
}

// readsAsContent reports whether the first line of b reads as content of a
// record that a brace on a line before it left open (see contentLine).
func readsAsContent(b []byte) bool {
	ok, _ := lineContent(b, 0)
	return ok
}

// notationInput returns records of every notation with junk on the lines
// between them, and the records whose findings the junk property covers
// (see the package comment): after junk that may leave a brace open, a
// record that is its line and whose line reads as content of a record
// (indented prose) has a blank line before it, and a JSON record (its code
// in a log line's message) is not covered, nor a record after the opener
// of an SDK's multi-line block.
func notationInput(rng *rand.Rand) (string, []noteRec) {
	var recs []noteRec
	var b strings.Builder
	for range 1 + rng.IntN(3) {
		r := genRecord(rng)
		b.WriteString(notationJunkText(rng, 20))
		r.sep = "\n"
		before := b.String()
		switch {
		case r.line && openBefore(before, false):
			r.sep = "\n\n"
		case r.want.Shape == ShapeJSON && openBefore(before, true),
			strings.Contains(before, "Exception {") && openBefore(before, false):
			r.kind = "" // not covered
		}
		b.WriteString(r.sep + r.text + r.sep)
		recs = append(recs, r)
	}
	b.WriteString(notationJunkText(rng, 20))
	return b.String(), recs
}

// TestJunkNotations checks the junk property for codes read from the code
// outward: records of every notation, with junk on the lines between them,
// each give their finding with every field they carry — code, message,
// shape, and the status and request id where the record has them (junk
// may add those a record lacks, never change one).
func TestJunkNotations(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 500
	}
	rng := rand.New(rand.NewPCG(13, 17))
	checked := map[string]int{}
	for range n {
		in, recs := notationInput(rng)
		got := allNoMerge([]byte(in))
		used := make([]bool, len(got))
		for _, r := range recs {
			if alone := allNoMerge([]byte(r.text + "\n")); len(alone) != 1 || !sameFields(alone[0], r.want, true) {
				t.Fatalf("%s alone: %q gives\n%s, want %+v", r.kind, r.text, dump(alone), r.want)
			}
			if r.kind == "" {
				continue
			}
			found := false
			for i, g := range got {
				if !used[i] && sameFields(g, r.want, false) {
					used[i], found = true, true
					break
				}
			}
			if !found {
				t.Fatalf("junk hides %s record %q: want %+v\ninput %q\ngot:\n%s", r.kind, r.text, r.want, in, dump(got))
			}
			checked[r.kind]++
		}
	}
	t.Logf("records checked: %v", checked)
}

// sameFields reports whether g has the fields of want: with exact, the
// status and request id are want's; without, want's where it has them.
func sameFields(g, want Finding, exact bool) bool {
	if g.Code != want.Code || g.Message != want.Message || g.Shape != want.Shape {
		return false
	}
	if exact || want.HTTPStatus != 0 {
		if g.HTTPStatus != want.HTTPStatus {
			return false
		}
	}
	if exact || want.RequestID != "" {
		if g.RequestID != want.RequestID {
			return false
		}
	}
	return true
}
