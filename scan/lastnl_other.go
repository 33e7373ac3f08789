//go:build !amd64 || purego

package scan

func lastNLVec(b []byte) int { panic("scan: no vector search for newlines") }

func lineEndVec(b []byte) (int, int, bool) { panic("scan: no vector search for line ends") }
