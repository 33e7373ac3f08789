//go:build !amd64

package scan

const hasKeyVector = false

func keyBlocksFind(b []byte, nb int, nul bool) int { return -1 }
