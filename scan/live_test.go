package scan

import (
	"cmp"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// pausingReader hands over its input in pieces, pausing before some of them
// for longer than a Live scan waits.
type pausingReader struct {
	rng   *rand.Rand
	in    []byte
	pause time.Duration
	piece int // the largest piece; 200 bytes when 0
}

func (r *pausingReader) Read(p []byte) (int, error) {
	if len(r.in) == 0 {
		return 0, io.EOF
	}
	if r.rng.IntN(3) == 0 {
		time.Sleep(r.pause)
	}
	n := min(len(p), len(r.in), 1+r.rng.IntN(cmp.Or(r.piece, 200)))
	copy(p, r.in[:n])
	r.in = r.in[n:]
	return n, nil
}

// inModes runs f with Live scans by one Scanner, and by Scanners of
// parallel segments.
func inModes(t *testing.T, f func(t *testing.T)) {
	defer func(w func() int) { streamWorkers = w }(streamWorkers)
	for _, w := range []int{1, 2} {
		streamWorkers = func() int { return w }
		t.Run(fmt.Sprintf("workers=%d", w), f)
	}
}

// TestLiveSameFindings checks that a Live scan finds what one Scanner finds in
// the whole input, wherever the pauses cut it, bodies included.
func TestLiveSameFindings(t *testing.T) {
	inModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		inputs := seedInputs()
		for range 30 {
			a := inputs[rng.IntN(len(inputs))]
			b := inputs[rng.IntN(len(inputs))]
			inputs = append(inputs, junk(rng, 30)+"\n"+a+"\n"+junk(rng, 30)+b+"\n"+a)
		}
		for i, in := range inputs {
			// A response printed twice is merged only without a pause between
			// its prints: that aside, the findings are the same.
			want := allNoMerge([]byte(in))
			l := NewLive(&pausingReader{rng: rng, in: []byte(in), pause: 3 * time.Millisecond}, time.Millisecond, 5*time.Millisecond)
			l.noMerge = true
			got := allOf(l)
			// A body enclosing others and cut by a pause comes after them.
			slices.SortStableFunc(got, func(a, b Finding) int { return cmp.Compare(a.Offset, b.Offset) })
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("input %d:\n got %s\nwant %s\ninput %q", i, dump(got), dump(want), in)
			}
			if l.Err() != nil {
				t.Fatalf("input %d: Err = %v", i, l.Err())
			}
		}
	})
}

// TestLiveHandsOverAtPause checks that a finding comes out while the stream is
// still open, once it pauses.
func TestLiveHandsOverAtPause(t *testing.T) {
	inModes(t, func(t *testing.T) {
		r, w := io.Pipe()
		defer w.Close()
		l := NewLive(r, 20*time.Millisecond, 0)
		defer l.Close()
		go func() {
			io.WriteString(w, "2026-11-26 INFO starting\n")
			io.WriteString(w, `2026-11-26 ERROR {"error_msg": "Subnet not found: [subnet-1]", "error_code": "iMetal.0230"}`+"\n")
		}()
		found := make(chan Finding, 1)
		go func() {
			if l.Scan() {
				found <- l.Finding()
			}
		}()
		select {
		case f := <-found:
			if f.Code != "iMetal.0230" || f.Offset != int64(len("2026-11-26 INFO starting\n2026-11-26 ERROR ")) {
				t.Errorf("finding %s at %d", f.Code, f.Offset)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no finding while the stream stays open")
		}
	})
}

// TestLiveFlowing checks that a stream that never pauses still hands findings
// over every maxLag, and that offsets count from the start of the stream.
func TestLiveFlowing(t *testing.T) {
	inModes(t, func(t *testing.T) {
		line := `x {"error_code":"iMetal.0101","error_msg":"Physical servers [a] not ready"}` + "\n"
		in := strings.Repeat(line, 20000)
		l := NewLive(&pausingReader{rng: rand.New(rand.NewPCG(1, 1)), in: []byte(in)}, time.Hour, time.Millisecond)
		got := allOf(l)
		if len(got) != 20000 {
			t.Fatalf("%d findings, want 20000", len(got))
		}
		for i, f := range got {
			if f.Offset != int64(i*len(line)+2) {
				t.Fatalf("finding %d at %d, want %d", i, f.Offset, i*len(line)+2)
			}
		}
		if l.BytesRead() != int64(len(in)) {
			t.Errorf("BytesRead = %d, want %d", l.BytesRead(), len(in))
		}
	})
}

// TestLiveLog checks a Live scan of a generated log against one Scanner, with
// pauses anywhere in it.
func TestLiveLog(t *testing.T) {
	inModes(t, func(t *testing.T) {
		for _, every := range []int{1, 7} {
			in := genLog(4<<20, every)
			want := All(in)
			l := NewLive(&pausingReader{rng: rand.New(rand.NewPCG(2, uint64(every))), in: in, pause: 2 * time.Millisecond, piece: 64 << 10}, time.Millisecond, 3*time.Millisecond)
			got := allOf(l)
			if len(got) != len(want) || !reflect.DeepEqual(got, want) {
				for i := range min(len(got), len(want)) {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("every %d: %d findings, want %d; first difference, finding %d:\n got %s\nwant %s", every, len(got), len(want), i, dump(got[i:i+2]), dump(want[i:i+2]))
					}
				}
				t.Fatalf("every %d: %d findings, want %d", every, len(got), len(want))
			}
		}
	})
}

// TestLiveOnPause checks that OnPause is called once the findings before a pause are handed
// over, and before those after it; also when the pause comes right after a segment cut at
// maxLag, which leaves a segment with nothing handed over yet.
func TestLiveOnPause(t *testing.T) {
	inModes(t, func(t *testing.T) {
		for _, tt := range []struct {
			name          string
			quiet, maxLag time.Duration
		}{
			{"pause", 20 * time.Millisecond, time.Hour},
			{"pause after a cut", 50 * time.Millisecond, time.Nanosecond},
		} {
			t.Run(tt.name, func(t *testing.T) {
				r, w := io.Pipe()
				l := NewLive(r, tt.quiet, tt.maxLag)
				defer l.Close()
				events := make(chan string, 10)
				l.OnPause(func() { events <- "pause" })
				go func() {
					for l.Scan() {
						events <- l.Finding().Code
					}
					close(events)
				}()
				next := func(want string) {
					t.Helper()
					select {
					case got := <-events:
						if got != want {
							t.Fatalf("got %q, want %q", got, want)
						}
					case <-time.After(5 * time.Second):
						t.Fatalf("nothing after 5s, want %q", want)
					}
				}
				for _, code := range []string{"iMetal.0230", "iMetal.0231"} {
					io.WriteString(w, `x {"error_code": "`+code+`", "error_msg": "m"}`+"\n")
					next(code)
					next("pause")
				}
				w.Close()
				if got, ok := <-events; ok {
					t.Errorf("after the end: %q", got)
				}
			})
		}
	})
}

// TestLivePipe checks a Live scan of a real pipe, written in pieces of random
// sizes, against one Scanner of the whole input.
func TestLivePipe(t *testing.T) {
	inModes(t, func(t *testing.T) {
		for _, every := range []int{1, 7} {
			in := genLog(6<<20, every)
			want := All(in)
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(5, uint64(every)))
			go func() {
				defer w.Close()
				for b := in; len(b) > 0; {
					n := min(len(b), 1+rng.IntN(3<<20>>rng.IntN(12)))
					if _, err := w.Write(b[:n]); err != nil {
						return
					}
					b = b[n:]
				}
			}()
			l := NewLive(r, time.Hour, time.Hour)
			got := allOf(l)
			r.Close()
			if l.Err() != nil {
				t.Fatalf("every %d: Err = %v", every, l.Err())
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("every %d: %d findings, want %d, or not the same", every, len(got), len(want))
			}
			if l.BytesRead() != int64(len(in)) {
				t.Errorf("every %d: BytesRead = %d, want %d", every, l.BytesRead(), len(in))
			}
		}
	})
}

// stallReader returns all of its input in one read, once it is let go.
type stallReader struct {
	in  []byte
	go_ chan struct{}
}

func (r *stallReader) Read(p []byte) (int, error) {
	<-r.go_
	if len(r.in) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.in)
	r.in = r.in[n:]
	return n, nil
}

// TestStreamReadAcrossPause checks that what is read while a Scanner's input
// ends at a pause goes to the next Scanner whole and in order, also where
// the ring wraps around.
func TestStreamReadAcrossPause(t *testing.T) {
	in := []byte(strings.Repeat("0123456789", 10))
	sr := &stallReader{in: in, go_: make(chan struct{})}
	st := &stream{g: newRing(sr, 48, 32), quiet: time.Millisecond, maxLag: time.Hour}
	defer st.g.leave()
	defer st.g.close()
	v := st.reset(0)
	st.since = time.Now() // a Scanner that was handed bytes already
	if b, eof, err := st.window(v, 0); len(b) != 0 || !eof || err != nil || !st.idle || st.ended.Load() {
		t.Fatalf("at the pause: %q, eof %v, %v, idle %v, ended %v; want nothing, a pause", b, eof, err, st.idle, st.ended.Load())
	}
	close(sr.go_)
	v = st.reset(0) // the next segment
	var got []byte
	for !st.ended.Load() {
		b, eof, err := st.window(v, int64(len(got)))
		if err != nil {
			t.Fatal(err)
		}
		if !eof && len(b) != 32 {
			t.Fatalf("a window of %d bytes before the end", len(b))
		}
		// Each window but the last is taken from half of the one before.
		if !eof {
			b = b[:16]
		}
		got = append(got, b...)
	}
	if string(got) != string(in) {
		t.Errorf("got %q, want %q", got, in)
	}
	if st.g.read.Load() != int64(len(in)) {
		t.Errorf("read %d, want %d", st.g.read.Load(), len(in))
	}
}

// TestLiveSmallRing checks a Live scan through a ring that wraps around every
// few KiB, of input read in pieces of random sizes, against one Scanner:
// records and bodies are cut by the ring's end and by the windows anywhere.
func TestLiveSmallRing(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	inputs := seedInputs()
	for range 20 {
		a := inputs[rng.IntN(len(inputs))]
		inputs = append(inputs, junk(rng, 30)+"\n"+a+"\n"+junk(rng, 30)+a)
	}
	for _, every := range []int{1, 7, 100} {
		inputs = append(inputs, string(genLog(3<<20, every)))
	}
	win := lookback + maxObject + 4<<10
	for i, in := range inputs {
		want := All([]byte(in))
		// One Scanner, or segments of 1 byte up to 64 KiB, warmed up
		// by up to warmUp bytes, with the least ring they need.
		workers := 1 + i%3
		seg := int64(0)
		warm := []int64{0, 16, 1000, warmUp}[i%4]
		if workers > 1 {
			seg = 1 + rng.Int64N(64<<10)
		}
		// A ring of whole pages is mirrored where the system allows it;
		// one of any size is not.
		size := ringSize(win, seg, warm)
		if i%2 == 1 {
			size += 1 + rng.IntN(16<<10)
		}
		l := newLive(&pausingReader{rng: rng, in: []byte(in), piece: 1 + rng.IntN(70<<10)}, time.Hour, time.Hour, size, win, workers, seg, warm)
		got := allOf(l)
		if l.Err() != nil {
			t.Fatalf("input %d: Err = %v", i, l.Err())
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("input %d, ring of %d, %d goroutines, segments of %d: %d findings, want %d, or not the same:\n got %s\nwant %s", i, size, workers, seg, len(got), len(want), dump(got[:min(len(got), 5)]), dump(want[:min(len(want), 5)]))
		}
		if l.BytesRead() != int64(len(in)) {
			t.Errorf("input %d: BytesRead = %d, want %d", i, l.BytesRead(), len(in))
		}
	}
}

// cutReader hands over its input up to each cut, then waits until the Live
// scan has seen the pause (paused, which its OnPause signals). Waiting for
// the scan rather than for a time (it was 10 ms) keeps the pause where the
// test puts it on a loaded machine.
type cutReader struct {
	in     []byte
	cuts   []int
	pos    int
	paused chan struct{}
}

func (r *cutReader) Read(p []byte) (int, error) {
	if r.pos >= len(r.in) {
		return 0, io.EOF
	}
	end := len(r.in)
	for _, c := range r.cuts {
		if c == r.pos {
			r.pause()
		}
		if c > r.pos {
			end = min(end, c)
		}
	}
	if slices.Contains(r.cuts, end) {
		// A pause seen before these bytes is none of the cut's.
		select {
		case <-r.paused:
		default:
		}
	}
	n := copy(p, r.in[r.pos:end])
	r.pos += n
	return n, nil
}

func (r *cutReader) pause() {
	select {
	case <-r.paused:
	case <-time.After(10 * time.Second):
	}
}

// TestLiveHoldsCutRecords checks that a finding whose fields come from text
// after it (the records around a body kept in a string, a record read from
// the code outward) is the same whether a pause cuts that text off or not,
// and so are the findings after it.
func TestLiveHoldsCutRecords(t *testing.T) {
	inModes(t, func(t *testing.T) {
		for _, in := range []string{
			`{"log":{"entries":[{"response":{"content":{"text":"{\"error_code\":\"iMetal.0232\",\"error_msg\":\"a\"}"},` + "\n" +
				`"status":400,"headers":[{"name":"X-Request-Id","value":"r-1"}]}}]}}` + "\n" +
				`{"error_code":"iMetal.0230","error_msg":"b"}` + "\n",
			// A pause after the string cuts J.3's record, which would take the
			// status line above from the body in the string.
			"HTTP/1.1 404 Not Found\nerrorCode: J.3 body=\"{\\\"error_code\\\":\\\"J.1\\\",\\\"error_msg\\\":\\\"m\\\"}\" errorMsg: x\n",
		} {
			want := allNoMerge([]byte(in))
			for cut := 1; cut < len(in); cut += 3 {
				if got := liveCut(in, cut); !reflect.DeepEqual(got, want) {
					t.Fatalf("paused at %d:\n got %s\nwant %s\ninput %q", cut, dump(got), dump(want), in)
				}
			}
		}
	})
}

func liveCut(in string, cut int) []Finding {
	r := &cutReader{in: []byte(in), cuts: []int{cut}, paused: make(chan struct{}, 1)}
	l := NewLive(r, time.Millisecond, time.Hour)
	l.noMerge = true
	l.OnPause(func() {
		select {
		case r.paused <- struct{}{}:
		default:
		}
	})
	return allOf(l)
}

// TestLiveTrailer checks that curl -w's status after a body is taken
// wherever a pause falls, but right after the body's line: a body alone on
// its line is handed over when the stream pauses there, as one written by
// echo must be.
func TestLiveTrailer(t *testing.T) {
	inModes(t, func(t *testing.T) {
		body := `{"error_msg":"x","error_code":"iMetal.0999"}`
		in := "x\n" + body + "\nhttp_code=400\n" + body + "\n"
		want := All([]byte(in))
		if len(want) != 2 || want[0].HTTPStatus != 400 || want[1].HTTPStatus != 0 {
			t.Fatalf("without pauses: %s", dump(want))
		}
		lineEnd := strings.Index(in, "http_code")
		for cut := 1; cut < len(in); cut++ {
			got := liveCut(in, cut)
			if cut == lineEnd {
				// Handed over at the pause, without the status that follows.
				w := slices.Clone(want)
				w[0].HTTPStatus = 0
				if !reflect.DeepEqual(got, w) {
					t.Fatalf("paused after the body's line:\n got %s\nwant %s", dump(got), dump(w))
				}
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("paused at %d:\n got %s\nwant %s", cut, dump(got), dump(want))
			}
		}
	})
}

// pauseReader hands over its input up to each cut, then calls pause (a
// wait a little longer than the Live scan's quiet) before the rest.
type pauseReader struct {
	in    []byte
	cuts  []int // ascending
	pos   int
	pause func()
}

func (r *pauseReader) Read(p []byte) (int, error) {
	if r.pos >= len(r.in) {
		return 0, io.EOF
	}
	for len(r.cuts) > 0 && r.cuts[0] <= r.pos {
		if r.cuts[0] == r.pos && r.pos > 0 {
			r.pause()
		}
		r.cuts = r.cuts[1:]
	}
	end := len(r.in)
	if len(r.cuts) > 0 {
		end = r.cuts[0]
	}
	n := copy(p, r.in[r.pos:end])
	r.pos += n
	return n, nil
}

// TestLiveWaitsForRepeats checks that a Live scan that waits for repeats
// finds what a Scanner finds in the whole input, responses printed twice
// merged, wherever pauses fall: after each line that a finding starts on
// (between the two prints of a response: an SDK's log, then its exception),
// and at random places. The real clients' captures are the inputs, with the
// seeds' and a curl -w trailer. (A body that encloses others and that a
// pause cuts comes after them, as it does in any Live scan.)
func TestLiveWaitsForRepeats(t *testing.T) {
	inputs := append(clientCaptures(), seedInputs()...)
	inputs = append(inputs, "x\n{\"error_msg\":\"x\",\"error_code\":\"iMetal.0999\"}\nhttp_code=400\n")
	pause := func() { time.Sleep(3 * time.Millisecond) }
	inModes(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(5, 6))
		for i, in := range inputs {
			want := All([]byte(in))
			var lineEnds []int
			for _, f := range allNoMerge([]byte(in)) {
				if e := strings.IndexByte(in[f.Offset:], '\n'); e >= 0 {
					lineEnds = append(lineEnds, int(f.Offset)+e+1)
				}
			}
			random := []int{rng.IntN(len(in) + 1), rng.IntN(len(in) + 1), rng.IntN(len(in) + 1)}
			for _, cuts := range [][]int{lineEnds, random} {
				slices.Sort(cuts)
				l := NewLive(&pauseReader{in: []byte(in), cuts: slices.Compact(cuts), pause: pause}, time.Millisecond, time.Hour)
				l.WaitForRepeats()
				got := allOf(l)
				// A body enclosing others and cut by a pause comes after them.
				slices.SortStableFunc(got, func(a, b Finding) int { return cmp.Compare(a.Offset, b.Offset) })
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("input %d, paused at %v:\n got %s\nwant %s\ninput %q", i, cuts, dump(got), dump(want), in)
				}
				if _, ok := l.Held(); ok {
					t.Errorf("input %d: a finding still held at the end", i)
				}
			}
		}
	})
}

// TestLiveHeld checks that the response a pause holds back is at hand while
// the stream stays open (for Ctrl-C), and is handed over, merged with its
// second print, once that comes.
func TestLiveHeld(t *testing.T) {
	body := `{"error_code":"iMetal.0230","error_msg":"Subnet not found: [subnet-1]"}`
	sdk := `ServiceResponseException - {status_code:404,request_id:r-1,error_code:iMetal.0230,error_msg:Subnet not found: [subnet-1],encoded_authorization_message:None }`
	in := "DEBUG < Body: " + body + "\n" + sdk + "\n"
	want := All([]byte(in))
	if len(want) != 1 || want[0].RequestID != "r-1" {
		t.Fatalf("read at once: %s", dump(want))
	}
	pr, pw := io.Pipe()
	l := NewLive(pr, time.Millisecond, time.Hour)
	l.WaitForRepeats()
	defer l.Close()
	got := make(chan []Finding)
	go func() { got <- allOf(l) }()
	if _, err := io.WriteString(pw, in[:strings.IndexByte(in, '\n')+1]); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	var h Finding
	for ok := false; !ok; h, ok = l.Held() {
		if time.Now().After(deadline) {
			t.Fatal("no finding held at the pause")
		}
		time.Sleep(time.Millisecond)
	}
	if h.Code != "iMetal.0230" || h.Offset != want[0].Offset || h.RequestID != "" {
		t.Errorf("held %+v, want the body's finding", h)
	}
	if _, err := io.WriteString(pw, in[strings.IndexByte(in, '\n')+1:]); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if g := <-got; !reflect.DeepEqual(g, want) {
		t.Errorf("got %s\nwant %s", dump(g), dump(want))
	}
	if _, ok := l.Held(); ok {
		t.Error("still held after it was handed over")
	}
}
