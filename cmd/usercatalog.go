package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/imetal-tools/imetal-err/catalog"
)

// catalogEnv names the environment variable that lists user catalogs, as PATH lists directories.
const catalogEnv = "IMETAL_ERR_CATALOG"

// userCatalog is a user catalog file to load, and where it was named.
type userCatalog struct {
	path    string
	fromEnv bool
}

// userCatalogs returns the user catalogs to load, in order: those of IMETAL_ERR_CATALOG
// (empty elements ignored), then each --catalog. Later files take precedence.
// catalogHelp is the command whose help a user catalog's error points to: it says what a user
// catalog holds, whichever command loaded it.
const catalogHelp = "imetal-err catalog"

func (d *deps) userCatalogs() []userCatalog {
	var out []userCatalog
	for _, p := range filepath.SplitList(d.IO.Getenv(catalogEnv)) {
		if p != "" {
			out = append(out, userCatalog{path: p, fromEnv: true})
		}
	}
	for _, p := range d.catalogFiles {
		out = append(out, userCatalog{path: p})
	}
	return out
}

// newDeps returns the deps of a run, whose Catalog loads the embedded catalog and the user
// catalogs on first use, once.
func newDeps(ios *IOStreams) *deps {
	d := &deps{IO: ios}
	d.Catalog = sync.OnceValues(d.loadCatalog)
	return d
}

// loadCatalog returns the embedded catalog merged with the user catalogs. It is what
// deps.Catalog calls, once per run, so that only the commands that need the catalog read the
// files. A file that cannot be read or decoded is a usage error: the command line (or the
// environment) named it, and nothing is silently skipped.
func (d *deps) loadCatalog() (*catalog.Catalog, error) {
	cat := catalog.Default()
	for _, uc := range d.userCatalogs() {
		var hints []string
		if uc.fromEnv {
			hints = append(hints, fmt.Sprintf("%s is named in %s", shortName(uc.path), catalogEnv))
		}
		data, err := os.ReadFile(uc.path)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, &usageError{err: &hintError{fmt.Errorf("user catalog %s: %w", shortName(uc.path), err), hints}, help: catalogHelp}
		}
		entries, err := catalog.DecodeUser(uc.path, data)
		if err == nil {
			cat, err = cat.Merge(entries)
			if err != nil {
				err = fmt.Errorf("user catalog %s: %w", shortName(uc.path), err)
			}
		}
		if err != nil {
			hints = append(hints, "check the file with 'imetal-err catalog lint "+shortName(uc.path)+"'")
			return nil, &usageError{err: &hintError{err, hints}, help: catalogHelp}
		}
	}
	return cat, nil
}
