package scan

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// escapedLine returns a log line that holds a body escaped in a string, in
// one of the notations around such strings (JSON logs, logfmt, a HAR entry),
// with the pieces that end a string early for loose reads and not for
// escapedAnchor mixed in: NUL bytes, escaped newlines, raw newlines.
func escapedLine(rng *rand.Rand) string {
	heads := []string{
		`{"time":"t","status":404,"x_request_id":"r1","body":`,
		`time=t level=ERROR status=500 x_request_id=r2 body=`,
		`{"response":{"status":429,"headers":[{"name":"X-Request-Id","value":"r3"}],"content":{"text":`,
		`{"level":"error","err":`, `x: `, `{"a":{"b":`, `"`, `{"status":`, ``,
	}
	tails := []string{`}`, `}}}}`, ` x_request_id=r4`, `,"request_id":"r5"}`, `,"status":400}`, "", `"`, "\n}"}
	pieces := []string{
		`\"error_code\":\"iMetal.0200\"`, `\"error_msg\":\"not found\"`, `\"request_id\":\"r6\"`, `\"status_code\":409`,
		`{`, `}`, `,`, `\\\"error_code\\\":\\\"APIGW.0301\\\"`, `\\\"error_msg\\\":\\\"m\\\"`, `\\`, `\"`, `\`,
		"\x00", "\\\n", "\n", `x`, ` `, `:`, `'`, "`", `\u0041`, `\n`, `iMetal.0201`,
	}
	var b strings.Builder
	b.WriteString(heads[rng.IntN(len(heads))])
	b.WriteString(`"{`)
	if rng.IntN(2) == 0 {
		b.WriteString(`\"error_code\":\"iMetal.0230\",\"error_msg\":\"Subnet \\\"s\\\" not found\"`)
	}
	for range rng.IntN(12) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	if rng.IntN(8) == 0 {
		b.WriteString(strings.Repeat("y", recLook-64+rng.IntN(128)))
	}
	b.WriteString(`}"`)
	b.WriteString(tails[rng.IntN(len(tails))])
	return b.String()
}

// keysBefore returns a record whose code's line follows lines with many
// keys, in a record still open at the code's line or in none, so that the
// keys of the lines before fill the table of keys or not.
func keysBefore(rng *rand.Rand) string {
	keys := []string{"status=400 ", "x_request_id=r1 ", "msg=m ", "a=b ", "time=t ", `"status":404,`, "'message': 'm', ", "name: x, ", "value: y, "}
	var b strings.Builder
	open := rng.IntN(2) == 0
	if open {
		b.WriteString([]string{"{ ", "err: {\n", "(", "["}[rng.IntN(4)])
	}
	for l := range 1 + rng.IntN(4) {
		for range rng.IntN(3 * recKeys / 2) {
			b.WriteString(keys[rng.IntN(len(keys))])
		}
		if l%2 == 1 {
			b.WriteString([]string{"}", ")", "]", "{", "'", `"`, "\x00"}[rng.IntN(7)])
		}
		b.WriteString("\n")
	}
	b.WriteString([]string{"error_code=iMetal.0200 request_id=r2", "  errorCode: 'iMetal.0230', requestId: 'r3'", "Error: iMetal.0232: no IP", `"error_code":"APIGW.0301"`}[rng.IntN(4)])
	if open {
		b.WriteString(" }")
	}
	return b.String()
}

// sameFastSlow checks that the findings in in are the same with the fast
// paths of loose reads and without, field for field.
func sameFastSlow(t testing.TB, in []byte) {
	t.Helper()
	defer func(v bool) { looseFast = v }(looseFast)
	looseFast = true
	fast := All(in)
	looseFast = false
	slow := All(in)
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("in %q:\nfast %v\nslow %v", in, fast, slow)
	}
}

// TestLooseFastPaths checks the fast paths of loose reads against the slow
// ones: on every seed input, on log lines with escaped bodies made to
// reach each path's edges, and on both with junk around them.
func TestLooseFastPaths(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	ins := seedInputs()
	for range 2000 {
		var b strings.Builder
		for range 1 + rng.IntN(3) {
			b.WriteString(escapedLine(rng))
			b.WriteString([]string{"\n", "\n\n", " ", ""}[rng.IntN(4)])
		}
		ins = append(ins, b.String())
	}
	for range 1000 {
		ins = append(ins, keysBefore(rng))
	}
	n := len(ins)
	for range 2000 {
		ins = append(ins, junk(rng, 6)+"\n"+ins[rng.IntN(n)]+junk(rng, 6)+"\n"+escapedLine(rng))
	}
	for _, in := range ins {
		sameFastSlow(t, []byte(in))
	}
}

func FuzzLooseFastPaths(f *testing.F) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, in := range seedInputs() {
		f.Add([]byte(in))
	}
	for range 64 {
		f.Add([]byte(escapedLine(rng)))
		f.Add([]byte(keysBefore(rng)))
	}
	f.Fuzz(func(t *testing.T, in []byte) { sameFastSlow(t, in) })
}
