package scan

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// requestIDInScan is requestIDIn as first written, trying every position:
// the reference for requestIDIn, which tries only those two bytes before a
// 'q' or 'Q'.
func requestIDInScan(line []byte, header bool) []byte {
	for i := 0; i+len("requestid") <= len(line); i++ {
		if line[i]|0x20 != 'r' || !hasFold(line[i:], "request") {
			continue
		}
		x := i >= 2 && line[i-1] == '-' && line[i-2]|0x20 == 'x'
		if !x && i > 0 && (isLetter(line[i-1]) || isDigit(line[i-1])) {
			continue
		}
		if header && !x && len(bytes.Trim(line[:i], " \t<>|*'\"")) > 0 && !bytes.HasSuffix(line[:i], []byte("], ")) {
			continue
		}
		j := i + len("request")
		if j < len(line) && (line[j] == '-' || line[j] == '_' || line[j] == ' ') {
			j++
		}
		if !hasFold(line[j:], "id") {
			continue
		}
		j += 2
		if j < len(line) && (line[j] == '"' || line[j] == '\'') {
			j++
		}
		for j < len(line) && line[j] == ' ' {
			j++
		}
		if j >= len(line) || (line[j] != ':' && line[j] != '=') {
			continue
		}
		j++
		for j < len(line) && (line[j] == ' ' || line[j] == '"' || line[j] == '\'' || line[j] == '[') {
			j++
		}
		k := j
		for k < len(line) && (isLetter(line[k]) || isDigit(line[k]) || line[k] == '-' || line[k] == '_' || line[k] == '.') {
			k++
		}
		if k-j >= 3 {
			return line[j:k]
		}
	}
	return nil
}

// TestRequestIDIn compares requestIDIn with the scan of every position it
// replaced, on lines made of request id names in several spellings and
// cases, separators, values and noise.
func TestRequestIDIn(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	pieces := []string{"request", "REQUEST", "Request", "requeSt", "_id", "-id", " id", "Id", "ID", "id", "x-", "X-", "-", "_",
		"=", ":", " ", `"`, "'", "[", "], ", "abc", "a1-b.2", "q", "Q", "qq", "r", "re", "req", "x", "|", "<", "*", "\t", "0f3e"}
	for n := range 100000 {
		var b []byte
		for range rng.IntN(24) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		header := n%2 == 0
		got, want := requestIDIn(b, header), requestIDInScan(b, header)
		if !bytes.Equal(got, want) || (got == nil) != (want == nil) {
			t.Fatalf("requestIDIn(%q, %v) = %q, the full scan %q", b, header, got, want)
		}
	}
}

// TestIndexAt compares indexAt with bytes.Index for the words transport
// looks for, on lines made of their pieces.
func TestIndexAt(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	words := []struct {
		w  string
		at int
	}{{": [", 2}, {": ", 0}, {"returned error: ", 14}, {"ERROR ", 0}, {"but got ", 0}, {"ab", 1}}
	pieces := []string{":", " ", "[", ": ", ": [", "returned", "error", "returned error", "ERROR", "E", "but", "got", "but got", "x", "a", "b", "ab", "\n"}
	for n := range 100000 {
		var b []byte
		for range rng.IntN(20) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		w := words[n%len(words)]
		if got, want := indexAt(b, w.w, w.at), bytes.Index(b, []byte(w.w)); got != want {
			t.Fatalf("indexAt(%q, %q, %d) = %d, bytes.Index %d", b, w.w, w.at, got, want)
		}
	}
}
