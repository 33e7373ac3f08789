package main

import (
	"bufio"
	"bytes"
	"io"
	"math/rand/v2"
	"time"
)

// Kind says how many lines of a generated log carry an error response.
type Kind string

// The kinds of log the generator writes.
const (
	Sparse Kind = "sparse" // 1 line in 100 carries an error
	Dense  Kind = "dense"  // every line carries one
	Mixed  Kind = "mixed"  // three records in four carry one, in the shapes of real clients (mixed.go)
)

// Counts is what a generated log holds, written beside it as FILE.counts.json.
type Counts struct {
	Kind       Kind           `json:"kind"`
	Seed       uint64         `json:"seed"`
	Size       int64          `json:"size"`
	Lines      int            `json:"lines"`
	ErrorLines int            `json:"error_lines"` // lines that carry an error's code: one per response
	Codes      map[string]int `json:"codes"`       // responses per code
	// Shapes holds, in a mixed log, the responses per code of each shape: Codes is their sum.
	Shapes map[string]map[string]int `json:"shapes,omitempty"`
}

// errorCode is one code the generator writes, with the status the API sends it with and the
// message it carries: text, then (if ids is set) a list of one to three IDs of that kind.
type errorCode struct {
	code   string
	status int
	weight int // relative frequency
	text   string
	ids    idKind
}

type idKind int

const (
	noIDs idKind = iota
	uuidIDs
	instanceIDs
	subnetIDs
	quotedParam // text is followed by a quoted request parameter name
)

// codes are taken from the embedded catalog (a test checks that each one is known there),
// weighted so that a summary has a few frequent codes and a long tail.
var codes = []errorCode{
	{"iMetal.0230", 404, 40, "Subnet not found: ", subnetIDs},
	{"iMetal.0200", 404, 30, "Instances not found: ", instanceIDs},
	{"iMetal.0101", 400, 25, "Physical servers state is not ready: ", uuidIDs},
	{"iMetal.0001", 400, 20, "A request parameter contains invalid or unsupported value: ", quotedParam},
	{"APIGW.0301", 401, 18, "Incorrect IAM authentication information.", noIDs},
	{"iMetal.0232", 400, 15, "Insufficient IP addresses in subnet", noIDs},
	{"iMetal.0201", 400, 12, "Insufficient server resources", noIDs},
	{"APIGW.0308", 429, 10, "The throttling threshold has been reached.", noIDs},
	{"iMetal.0202", 400, 8, "Action conflicts with instance's current state", noIDs},
	{"iMetal.0100", 404, 6, "Physical servers ID not found: ", uuidIDs},
	{"iMetal.0002", 400, 5, "Missing required parameters: ", quotedParam},
	{"iMetal.0005", 429, 4, "Too many requests", noIDs},
	{"APIGW.0201", 502, 3, "Backend unavailable.", noIDs},
	{"iMetal.0231", 400, 2, "Subnet unavailable: ", subnetIDs},
	{"APIGW.0613", 503, 1, "The IAM service is currently unavailable.", noIDs},
	{"iMetal.0235", 400, 1, "Create VPC ports overload", noIDs},
}

var params = []string{"flavorRef", "imageRef", "availability_zone", "root_volume.size", "nics[0].subnet_id", "adminPass"}

var components = []string{"api", "scheduler", "provisioner", "reconciler", "bms-client", "inventory", "billing", "netagent"}

var verbsPaths = []string{
	"GET /v1/%p/baremetalservers/detail",
	"POST /v1/%p/baremetalservers",
	"GET /v1/%p/baremetalservers/%u",
	"POST /v1/%p/baremetalservers/action",
	"DELETE /v1/%p/baremetalservers/%u/os-interface/%u",
	"GET /v2/%p/subnets?vpc_id=%u",
	"PUT /v1/%p/baremetalservers/%u/metadata",
}

// generator writes one log. It is not safe for concurrent use.
type generator struct {
	kind         Kind
	rng          *rand.Rand
	clock        clock
	projects     [4][]byte
	weights      int
	shapes       []shape // of a mixed log
	shapeWeights int
	line         []byte
	scratch      []byte
	resp         response
	hex          [32]byte
}

func newGenerator(kind Kind, seed uint64, shapeList []shape) *generator {
	g := &generator{
		kind:   kind,
		rng:    rand.New(rand.NewPCG(seed, 0x1e7a1e4404)),
		clock:  clock{base: time.Date(2025, 3, 14, 6, 0, 0, 0, time.UTC).UnixMilli(), day: -1},
		shapes: shapeList,
	}
	for i := range g.projects {
		g.projects[i] = g.appendHex(nil, 32)
	}
	for _, c := range codes {
		g.weights += c.weight
	}
	for _, s := range shapeList {
		g.shapeWeights += s.weight
	}
	return g
}

// generate writes records to w until it holds exactly size bytes; a last line of dashes fills
// what is left when the next record would not fit.
func generate(w io.Writer, kind Kind, seed uint64, size int64) (Counts, error) {
	return generateShapes(w, kind, seed, size, shapes)
}

// generateShapes is generate with the shapes of a mixed log chosen from shapeList only.
func generateShapes(w io.Writer, kind Kind, seed uint64, size int64, shapeList []shape) (Counts, error) {
	g := newGenerator(kind, seed, shapeList)
	counts := Counts{Kind: kind, Seed: seed, Size: size, Codes: make(map[string]int)}
	perCode := make([]int, len(codes))
	perShape := make([][]int, len(shapeList))
	for i := range perShape {
		perShape[i] = make([]int, len(codes))
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var written int64
	for {
		var line []byte
		ci, si := -1, -1
		if kind == Mixed {
			line, ci, si = g.nextMixed()
		} else {
			line, ci = g.next()
		}
		if written+int64(len(line)) > size {
			break
		}
		if _, err := bw.Write(line); err != nil {
			return counts, err
		}
		written += int64(len(line))
		counts.Lines += bytes.Count(line, []byte{'\n'})
		if ci >= 0 {
			perCode[ci]++
			counts.ErrorLines++
		}
		if si >= 0 {
			perShape[si][ci]++
		}
	}
	if rest := size - written; rest > 0 {
		g.line = g.line[:0]
		for range rest - 1 {
			g.line = append(g.line, '-')
		}
		g.line = append(g.line, '\n')
		if _, err := bw.Write(g.line); err != nil {
			return counts, err
		}
		counts.Lines++
	}
	for i, n := range perCode {
		if n > 0 {
			counts.Codes[codes[i].code] = n
		}
	}
	if kind == Mixed {
		counts.Shapes = make(map[string]map[string]int, len(shapeList))
		for si, pc := range perShape {
			m := make(map[string]int)
			for i, n := range pc {
				if n > 0 {
					m[codes[i].code] = n
				}
			}
			counts.Shapes[shapeList[si].name] = m
		}
	}
	return counts, bw.Flush()
}

// next returns the next line, and the index in codes of the error it carries or -1. The line
// is valid until the next call.
func (g *generator) next() ([]byte, int) {
	g.clock.ms += int64(g.rng.IntN(25))
	g.line = g.line[:0]
	if g.kind == Dense || g.rng.IntN(100) == 0 {
		ci := g.pickCode()
		g.line = g.appendError(g.line, &codes[ci])
		return g.line, ci
	}
	g.line = g.appendPlain(g.line)
	return g.line, -1
}

func (g *generator) pickCode() int {
	n := g.rng.IntN(g.weights)
	for i, c := range codes {
		if n < c.weight {
			return i
		}
		n -= c.weight
	}
	panic("unreachable")
}

// appendPlain appends a log line that carries no error response, though some mention errors,
// failures and codes, and some are JSON.
func (g *generator) appendPlain(b []byte) []byte {
	switch n := g.rng.IntN(100); {
	case n < 30: // access log
		b = g.prefix(b, "INFO ")
		b = g.appendPath(b)
		b = append(b, " status="...)
		b = appendInt(b, []int{200, 200, 200, 201, 202, 204, 304}[g.rng.IntN(7)])
		b = append(b, " duration_ms="...)
		b = appendInt(b, 3+g.rng.IntN(900))
		b = append(b, " request_id="...)
		b = g.appendHex(b, 32)
	case n < 45: // structured JSON log
		b = append(b, `{"ts":"`...)
		b = g.clock.append(b, 'T')
		b = append(b, `","level":"info","logger":"`...)
		b = append(b, components[g.rng.IntN(len(components))]...)
		b = append(b, `","msg":"server state changed","server_id":"`...)
		b = g.appendUUID(b)
		b = append(b, `","from":"BUILD","to":"ACTIVE","took_s":`...)
		b = appendInt(b, 30+g.rng.IntN(600))
		b = append(b, '}')
	case n < 55: // JSON log with an "error" field that is no error response
		b = append(b, `{"ts":"`...)
		b = g.clock.append(b, 'T')
		b = append(b, `","level":"error","logger":"netagent","msg":"port binding failed","error":"`...)
		b = append(b, []string{"connection reset by peer", "context deadline exceeded", "EOF", "no route to host"}[g.rng.IntN(4)]...)
		b = append(b, `","port_id":"`...)
		b = g.appendUUID(b)
		b = append(b, `","retry":true}`...)
	case n < 65: // failure without a code
		b = g.prefix(b, "ERROR")
		b = append(b, "job=reconcile-"...)
		b = appendInt(b, g.rng.IntN(100000))
		b = append(b, " failed: "...)
		b = append(b, []string{"context deadline exceeded", "ipmi: power status unknown", "dial tcp 10.20.4.17:623: i/o timeout"}[g.rng.IntN(3)]...)
		b = append(b, " exit_code="...)
		b = appendInt(b, 1+g.rng.IntN(3))
		b = append(b, " errors=1"...)
	case n < 75: // retry warning
		b = g.prefix(b, "WARN ")
		b = append(b, "attempt="...)
		b = appendInt(b, 1+g.rng.IntN(5))
		b = append(b, " op=AttachVolume server_id="...)
		b = g.appendUUID(b)
		b = append(b, " status_code=503 error=\"upstream unavailable\" retrying in "...)
		b = appendInt(b, 100*(1+g.rng.IntN(20)))
		b = append(b, "ms"...)
	case n < 88: // scheduler debug
		b = g.prefix(b, "DEBUG")
		b = append(b, "picked node=bm-rack"...)
		b = appendInt(b, 10+g.rng.IntN(90))
		b = append(b, "-0"...)
		b = appendInt(b, 1+g.rng.IntN(9))
		b = append(b, " flavor=physical.s4."...)
		b = append(b, []string{"large", "xlarge", "2xlarge", "4xlarge"}[g.rng.IntN(4)]...)
		b = append(b, " cpu=64 mem_gb=512 candidates="...)
		b = appendInt(b, 1+g.rng.IntN(40))
	default: // audit
		b = g.prefix(b, "INFO ")
		b = append(b, "audit user="...)
		b = append(b, []string{"alice", "bob", "ops-bot", "terraform"}[g.rng.IntN(4)]...)
		b = append(b, " action="...)
		b = append(b, []string{"ServerStop", "ServerStart", "ServerReboot", "ChangeOS", "ResizeDisk"}[g.rng.IntN(5)]...)
		b = append(b, " server_id="...)
		b = g.appendUUID(b)
		b = append(b, " result=ok error_count=0"...)
	}
	return append(b, '\n')
}

// appendError appends a log line carrying the error c, in one of the shapes the API's clients
// log: a raw JSON body (in several key orders), the Go SDK's error string or the Python SDK's
// exception string.
func (g *generator) appendError(b []byte, c *errorCode) []byte {
	switch n := g.rng.IntN(8); n {
	case 0, 1, 2, 3: // raw JSON body
		b = g.prefix(b, "ERROR")
		b = g.appendPath(b)
		b = append(b, " failed: status="...)
		b = appendInt(b, c.status)
		b = append(b, " body="...)
		switch n {
		case 0:
			b = append(b, `{"error_msg": "`...)
			b = g.appendMessage(b, c, true)
			b = append(b, `", "error_code": "`...)
			b = append(b, c.code...)
			b = append(b, `"}`...)
		case 1:
			b = append(b, `{"error_code": "`...)
			b = append(b, c.code...)
			b = append(b, `", "error_msg": "`...)
			b = g.appendMessage(b, c, true)
			b = append(b, `"}`...)
		case 2:
			b = append(b, `{"error_code":"`...)
			b = append(b, c.code...)
			b = append(b, `","error_msg":"`...)
			b = g.appendMessage(b, c, true)
			b = append(b, `","request_id":"`...)
			b = g.appendHex(b, 32)
			b = append(b, `"}`...)
		case 3:
			b = append(b, `{"request_id": "`...)
			b = g.appendHex(b, 32)
			b = append(b, `", "error_message": "`...)
			b = g.appendMessage(b, c, true)
			b = append(b, `", "error_code": "`...)
			b = append(b, c.code...)
			b = append(b, `"}`...)
		}
	case 4, 5: // Go SDK
		b = g.prefix(b, "ERROR")
		b = append(b, "server="...)
		b = g.appendUUID(b)
		b = append(b, " operation failed: "...)
		b = append(b, `{"status_code":`...)
		b = appendInt(b, c.status)
		b = append(b, `,"request_id":"`...)
		b = g.appendHex(b, 32)
		b = append(b, `","error_code":"`...)
		b = append(b, c.code...)
		b = append(b, `","error_message":"`...)
		b = g.appendMessage(b, c, true)
		b = append(b, `","encoded_authorization_message":"","details":null}`...)
	default: // Python SDK, logged by Python's logging with its own timestamp format
		b = g.clock.append(b, ' ')
		b = append(b, " ERROR "...)
		b = append(b, components[g.rng.IntN(len(components))]...)
		b = append(b, ".worker: huaweicloudsdkcore.exceptions.exceptions."...)
		if c.status >= 500 {
			b = append(b, "ServerResponseException - {status_code:"...)
		} else {
			b = append(b, "ClientRequestException - {status_code:"...)
		}
		b = appendInt(b, c.status)
		b = append(b, ",request_id:"...)
		b = g.appendHex(b, 32)
		b = append(b, ",error_code:"...)
		b = append(b, c.code...)
		b = append(b, ",error_msg:"...)
		b = g.appendMessage(b, c, false)
		b = append(b, " }"...)
	}
	return append(b, '\n')
}

// appendMessage appends the message of c, escaped for a JSON string if json is set.
func (g *generator) appendMessage(b []byte, c *errorCode, json bool) []byte {
	b = append(b, c.text...)
	switch c.ids {
	case quotedParam:
		if json {
			b = append(b, `\"`...)
		} else {
			b = append(b, '"')
		}
		b = append(b, params[g.rng.IntN(len(params))]...)
		if json {
			b = append(b, `\"`...)
		} else {
			b = append(b, '"')
		}
	case uuidIDs, instanceIDs, subnetIDs:
		b = append(b, '[')
		for i := range 1 + g.rng.IntN(3) {
			if i > 0 {
				b = append(b, ", "...)
			}
			switch c.ids {
			case instanceIDs:
				b = append(b, "i-"...)
				b = g.appendHex(b, 12)
			case subnetIDs:
				b = append(b, "subnet-"...)
				b = g.appendHex(b, 8)
			default:
				b = g.appendUUID(b)
			}
		}
		b = append(b, ']')
	}
	return b
}

// prefix appends "TIMESTAMP LEVEL [component] ".
func (g *generator) prefix(b []byte, level string) []byte {
	b = g.clock.append(b, 'T')
	b = append(b, ' ')
	b = append(b, level...)
	b = append(b, " ["...)
	b = append(b, components[g.rng.IntN(len(components))]...)
	return append(b, "] "...)
}

// appendPath appends an API request line, with %p standing for a project and %u for a UUID.
func (g *generator) appendPath(b []byte) []byte {
	return g.expandPath(b, verbsPaths[g.rng.IntN(len(verbsPaths))])
}

// expandPath appends p with %p replaced by a project and %u by a UUID.
func (g *generator) expandPath(b []byte, p string) []byte {
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+1 < len(p) {
			i++
			if p[i] == 'p' {
				b = append(b, g.projects[g.rng.IntN(len(g.projects))]...)
			} else {
				b = g.appendUUID(b)
			}
			continue
		}
		b = append(b, p[i])
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendHex appends n random lower-case hex digits, n ≤ 32.
func (g *generator) appendHex(b []byte, n int) []byte {
	g.fillHex(n)
	return append(b, g.hex[:n]...)
}

// fillHex puts n random hex digits into g.hex.
func (g *generator) fillHex(n int) {
	for i := 0; i < n; i += 16 {
		v := g.rng.Uint64()
		for j := i; j < min(i+16, n); j++ {
			g.hex[j] = hexDigits[v&15]
			v >>= 4
		}
	}
}

func (g *generator) appendUUID(b []byte) []byte {
	g.fillHex(32)
	b = append(b, g.hex[0:8]...)
	b = append(b, '-')
	b = append(b, g.hex[8:12]...)
	b = append(b, '-')
	b = append(b, g.hex[12:16]...)
	b = append(b, '-')
	b = append(b, g.hex[16:20]...)
	b = append(b, '-')
	return append(b, g.hex[20:32]...)
}

func appendInt(b []byte, n int) []byte {
	var d [20]byte
	i := len(d)
	for {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			break
		}
	}
	return append(b, d[i:]...)
}

// clock is the log's time, in milliseconds after base. Formatting it by hand keeps time.Format
// off the per-line path; only the date is formatted by package time, once a day.
type clock struct {
	base int64
	ms   int64
	day  int64
	date []byte
}

// append appends the time as "2006-01-02T15:04:05.000Z" with sep 'T', or as Python's
// logging writes it, "2006-01-02 15:04:05,000", with sep ' '.
func (c *clock) append(b []byte, sep byte) []byte {
	t := c.base + c.ms
	if d := t / 86400000; d != c.day {
		c.day = d
		c.date = time.UnixMilli(d*86400000).UTC().AppendFormat(c.date[:0], "2006-01-02")
	}
	b = append(b, c.date...)
	b = append(b, sep)
	in := t % 86400000
	b = append2(b, int(in/3600000))
	b = append(b, ':')
	b = append2(b, int(in/60000%60))
	b = append(b, ':')
	b = append2(b, int(in/1000%60))
	if sep == 'T' {
		b = append(b, '.')
	} else {
		b = append(b, ',')
	}
	ms := int(in % 1000)
	b = append(b, byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
	if sep == 'T' {
		b = append(b, 'Z')
	}
	return b
}

func append2(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
