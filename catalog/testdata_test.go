package catalog

import (
	"os"
	"path/filepath"
)

// readTestdata reads a file of the repository's top-level testdata directory.
func readTestdata(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("..", "testdata", name))
}
