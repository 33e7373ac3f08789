//go:build !amd64 || purego

package scan

// Without the vector search, indexKey runs indexKeyPortable only.

const hasKeyVector = false

func keyBlocksFind(b []byte, nb int, nul bool) (int, int) {
	panic("scan: no vector key search")
}
