package scan

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestParallelSameFindings checks that a parallel scan finds what one
// Scanner finds, in the same order, wherever the segment boundaries fall:
// with small segments the states rarely match and one Scanner goes on
// through the next segments; with large ones they match at the boundary.
func TestParallelSameFindings(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	inputs := seedInputs()
	// -short (the race detector's run in CI, ten times slower) tries fewer inputs and, for
	// each, two of the segment sizes, in turn.
	rounds, segs := 200, []int64{1, 7, 64, 331, 4096}
	if testing.Short() {
		rounds = 40
	}
	for range rounds {
		a := inputs[rng.IntN(len(inputs))]
		inputs = append(inputs, junk(rng, 30)+"\n"+a+"\n"+junk(rng, 30)+a)
	}
	var handovers, absorbed int
	for i, in := range inputs {
		if len(in) == 0 {
			continue
		}
		want := All([]byte(in))
		try := segs
		if testing.Short() {
			try = []int64{segs[i%len(segs)], segs[(i+2)%len(segs)]}
		}
		for _, seg := range try {
			w := 1 + (i+int(seg))%3
			warm := []int64{0, 16, 1000, warmUp}[(i+int(seg))%4]
			got, h, a := allPar([]byte(in), seg, warm, w, 1+i%5)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("input %d, segments of %d, warm-up %d, %d goroutines:\n got %s\nwant %s\ninput %q", i, seg, warm, w, dump(got), dump(want), in)
			}
			handovers += h
			absorbed += a
		}
	}
	t.Logf("%d handovers, %d segments absorbed", handovers, absorbed)
	if handovers == 0 || absorbed == 0 {
		t.Errorf("want both paths taken")
	}
}

func TestParallelLogs(t *testing.T) {
	for _, every := range []int{0, 1, 3, 100} {
		in := genLog(6<<20, every)
		want := All(in)
		for _, seg := range []int64{100 << 10, 1 << 20, 4 << 20} {
			got, h, a := allPar(in, seg, warmUp, 2, maxSegFindings)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("every %d, segments of %d: %d findings, want %d", every, seg, len(got), len(want))
			}
			if a > 0 {
				t.Errorf("every %d, segments of %d: %d handovers, %d segments absorbed", every, seg, h, a)
			}
		}
	}
}

// TestParallelDense checks that the segments of dense input are cut small
// enough that their goroutines find nearly all the findings: Scan, which
// goes on alone with a segment whose goroutine stopped, finds few.
func TestParallelDense(t *testing.T) {
	in := genLog(8<<20, 1)
	want := All(in)
	s := &Scanner{}
	s.init()
	s.par = newPar(int64(len(in)), 2<<20, warmUp, 2, maxSegFindings, func(from int64) *Scanner {
		w := &Scanner{buf: in, end: len(in), eof: true, pos: int(from)}
		w.init()
		return w
	}, &s.read)
	got := findings(s)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%d findings, want %d", len(got), len(want))
	}
	if p := s.par; p.alone > len(want)/10 || p.absorbed > 0 {
		t.Errorf("Scan found %d of %d findings itself (%d segments absorbed), want at most a tenth", p.alone, len(want), p.absorbed)
	}
}

// TestParallelColdStart starts each segment's Scanner cold, or nearly, so
// that states often differ at first and match later: the hand-over must then
// happen exactly where the states agree.
func TestParallelColdStart(t *testing.T) {
	size := 1 << 20
	if testing.Short() {
		size = 256 << 10 // see TestParallelSameFindings
	}
	inputs := map[string][]byte{"dense": genLog(size, 1), "mixed": genLog(size, 3)}
	for name, in := range hostile() {
		switch name {
		case "deep nesting", "inner before outer", "unclosed strings", "python no close", "http lines", "pretty lines", "dense bodies", "nul",
			"colored keys", "quoted bodies", "box wrapped strings", "prefixed dry":
			inputs[name] = in[:min(len(in), size)]
		}
	}
	warms, segs := []int64{0, 100, 4096}, []int64{997, 10007, 100 << 10}
	if testing.Short() {
		warms, segs = []int64{0, 4096}, []int64{997, 100 << 10}
	}
	var handovers, absorbed int
	for name, in := range inputs {
		want := All(in)
		for _, warm := range warms {
			for _, seg := range segs {
				got, h, a := allPar(in, seg, warm, 2, []int{3, 1000, maxSegFindings}[int(warm)%3])
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("%s, warm-up %d, segments of %d: %d findings, want %d", name, warm, seg, len(got), len(want))
				}
				handovers += h
				absorbed += a
			}
		}
	}
	t.Logf("%d handovers, %d segments absorbed", handovers, absorbed)
}

// FuzzParallel checks that a parallel scan with small segments finds what one
// Scanner finds, for any input.
func FuzzParallel(f *testing.F) {
	for _, in := range seedInputs() {
		f.Add([]byte(in), uint16(7))
	}
	// Records of every notation read from the code outward, junk between.
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 20 {
		in, _ := notationInput(rng)
		f.Add([]byte(in), uint16(i*37))
	}
	f.Fuzz(func(t *testing.T, in []byte, seg uint16) {
		if len(in) == 0 {
			return
		}
		want := All(in)
		got := AllPar(in, int64(seg%512)+1, 2)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("segments of %d:\n got %s\nwant %s", seg%512+1, dump(got), dump(want))
		}
	})
}

// TestLineStart checks that a segment's Scanner starts its warm-up at the
// start of a line, unless none starts before its segment.
func TestLineStart(t *testing.T) {
	in := []byte("abc\ndef\nghi")
	for _, c := range []struct{ from, limit, want int }{
		{0, 11, 4}, {1, 11, 4}, {3, 11, 4}, {4, 11, 8}, {5, 8, 8}, {5, 7, 5}, {9, 11, 9}, {11, 11, 11},
	} {
		s := &Scanner{buf: in, end: len(in), eof: true, pos: c.from}
		s.init()
		s.lineStart(int64(c.limit))
		if s.pos != c.want {
			t.Errorf("from %d, limit %d: at %d, want %d", c.from, c.limit, s.pos, c.want)
		}
	}
}
