package scan

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// genLog writes an application log of about size bytes in which one line in
// every is an error response, in a rotation of shapes (raw JSON bodies, Go SDK
// strings, Python SDK strings, nested bodies).
func genLog(size, every int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.Grow(size + 512)
	codes := []string{"iMetal.0101", "iMetal.0200", "iMetal.0230", "APIGW.0301", "AS.0001"}
	for n := 0; b.Len() < size; n++ {
		ts := fmt.Sprintf("2026-01-02T03:%02d:%02d.%03dZ", n/60%60, n%60, n%1000)
		if every > 0 && n%every == 0 {
			code := codes[rng.IntN(len(codes))]
			id := fmt.Sprintf("%016x", rng.Uint64())
			switch n / every % 4 {
			case 0:
				fmt.Fprintf(&b, "%s ERROR call failed: {\"error_code\": \"%s\", \"error_msg\": \"Invalid parameter: flavor\", \"request_id\": \"%s\"}\n", ts, code, id)
			case 1:
				fmt.Fprintf(&b, "%s ERROR sdk: {\"status_code\":400,\"request_id\":\"%s\",\"error_code\":\"%s\",\"error_message\":\"Quota exceeded\"}\n", ts, id, code)
			case 2:
				fmt.Fprintf(&b, "%s ERROR ClientRequestException - {status_code:404,request_id:%s,error_code:%s,error_msg:Instances not found: [i-1, i-2] }\n", ts, id, code)
			case 3:
				fmt.Fprintf(&b, "%s ERROR {\"error\": {\"code\": \"%s\", \"message\": \"Server not found\"}, \"request_id\": \"%s\"}\n", ts, code, id)
			}
			continue
		}
		switch rng.IntN(20) {
		case 0:
			fmt.Fprintf(&b, "%s WARN  worker=%d msg=\"retrying after error: connection reset by peer\" attempt=%d\n", ts, rng.IntN(64), rng.IntN(5))
		case 1:
			fmt.Fprintf(&b, "%s INFO  {\"level\":\"info\",\"msg\":\"request done\",\"status\":200,\"path\":\"/v1/servers/%d\",\"ms\":%d}\n", ts, rng.IntN(1e6), rng.IntN(900))
		default:
			fmt.Fprintf(&b, "%s INFO  service=baremetal worker=%d msg=\"listed servers\" project=0123456789abcdef count=%d duration=%dms\n", ts, rng.IntN(64), rng.IntN(100), rng.IntN(900))
		}
	}
	return b.Bytes()
}

var benchSink int

func benchScan(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s := New(bytes.NewReader(data))
		n := 0
		for s.Scan() {
			n++
		}
		benchSink += n
	}
}

// BenchmarkScanSparse scans a log where 1% of the lines carry an error.
func BenchmarkScanSparse(b *testing.B) { benchScan(b, genLog(64<<20, 100)) }

// BenchmarkScanDense scans a log where every line carries an error.
func BenchmarkScanDense(b *testing.B) { benchScan(b, genLog(64<<20, 1)) }

// BenchmarkScanNoErrors scans a log without any error: the floor.
func BenchmarkScanNoErrors(b *testing.B) { benchScan(b, genLog(64<<20, 0)) }

// benchFile scans data as a regular file: mapped, and for 16 MiB or more
// in parallel.
func benchFile(b *testing.B, data []byte) {
	name := filepath.Join(b.TempDir(), "log")
	if err := os.WriteFile(name, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		s := New(f)
		n := 0
		for s.Scan() {
			n++
		}
		f.Close()
		benchSink += n
	}
}

func BenchmarkScanFileSparse(b *testing.B) { benchFile(b, genLog(64<<20, 100)) }

func BenchmarkScanFileDense(b *testing.B) { benchFile(b, genLog(64<<20, 1)) }

// keyInputs are inputs for the key search: logs, and text made to slow it
// down, each about size bytes.
func keyInputs(size int) []struct {
	name string
	data []byte
} {
	rep := func(s string) []byte { return bytes.Repeat([]byte(s), size/len(s)) }
	return []struct {
		name string
		data []byte
	}{
		{"sparse", genLog(size, 100)},
		{"dense", genLog(size, 1)},
		{"level-error", levelErrorLog(size)},
		{"r", rep("r")},
		{"rror", rep("rror")},
		{"error_count", rep("error_count=0 ")},
		{"error-value", rep(`"error",`)},
		{"error-quote", rep(`rror"`)},
		{"dot", rep("x.")},
		{"nul", rep("\x00 error_code=x")},
	}
}

// levelErrorLog is a JSON log of about size bytes whose every line has
// "level":"error" and none an error code.
func levelErrorLog(size int) []byte {
	var b bytes.Buffer
	for n := 0; b.Len() < size; n++ {
		fmt.Fprintf(&b, `{"time":"2026-01-02T03:04:%02d.%03dZ","level":"error","msg":"request failed","error":"connection reset by peer","path":"/v1/servers/%d"}`+"\n", n%60, n%1000, n)
	}
	return b.Bytes()
}

// BenchmarkIndexKey is the key search alone, vector and portable, on each of
// keyInputs: every position it stops at is visited, as step does.
func BenchmarkIndexKey(b *testing.B) {
	for _, in := range keyInputs(4 << 20) {
		b.Run(in.name, func(b *testing.B) {
			keyPaths(b, func(tb testing.TB, path string) {
				b.Run(path, func(b *testing.B) {
					b.SetBytes(int64(len(in.data)))
					for b.Loop() {
						for i := 0; ; {
							j := indexKey(in.data[i:], true)
							if j < 0 {
								break
							}
							i += j + 1
						}
					}
				})
			})
		})
	}
}

// BenchmarkScanPath scans each of keyInputs from memory with the vector and
// the portable key search: the whole scan, not only the search.
func BenchmarkScanPath(b *testing.B) {
	for _, in := range keyInputs(8 << 20) {
		b.Run(in.name, func(b *testing.B) {
			keyPaths(b, func(tb testing.TB, path string) {
				b.Run(path, func(b *testing.B) { benchScan(b, in.data) })
			})
		})
	}
}
