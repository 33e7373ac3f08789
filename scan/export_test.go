package scan

// Work returns the number of input bytes the scanner has examined, counting a
// byte once per time any part of the scanner looks at it.
func (s *Scanner) Work() int64 { return s.work }

// AllPar returns the findings in b of a parallel scan with segments of seg
// bytes and the given number of goroutines.
func AllPar(b []byte, seg int64, workers int) []Finding {
	out, _, _ := allPar(b, seg, warmUp, workers, maxSegFindings)
	return out
}

func allPar(b []byte, seg, warm int64, workers, most int) (out []Finding, handovers, absorbed int) {
	s := &Scanner{}
	s.init()
	s.par = newPar(int64(len(b)), seg, warm, workers, most, func(from int64) *Scanner {
		w := &Scanner{buf: b, end: len(b), eof: true, pos: int(from)}
		w.init()
		return w
	}, &s.read)
	for s.Scan() {
		out = append(out, s.Finding())
	}
	return out, s.par.handovers, s.par.absorbed
}

// AllNamespaces returns the findings in b of a Scanner that also knows the
// namespaces ns.
func AllNamespaces(b []byte, ns []string) []Finding {
	s := inMemory(b)
	s.setNamespaces(ns)
	return findings(s)
}

// allNoMerge returns the findings in b without merging a response printed
// twice.
func allNoMerge(b []byte) []Finding {
	s := inMemory(b)
	s.noMerge = true
	return findings(s)
}
