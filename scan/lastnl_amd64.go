//go:build !purego

package scan

// lastNLVec is lastNL with AVX2, for b of 32 bytes or more.
//
//go:noescape
func lastNLVec(b []byte) int

// lineEndVec is lineEnd with AVX2, for b of 32 bytes or more.
//
//go:noescape
func lineEndVec(b []byte) (end, mark int, plain bool)
