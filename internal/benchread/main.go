// Command benchread is the read floor of scripts/bench.sh: it reads a file whole, in parallel,
// and counts its lines, which is the least a program that looks at every byte of the file
// pays on this machine. bench.sh sets it beside the rg baseline of the file rows, for
// information: a ratio goal below the floor's own ratio cannot be met by any scanner.
//
// It reads with pread, a MiB at a time into a buffer of each goroutine's own that stays in
// the cache, one goroutine per CPU taking the next MiB in turn: measured on a 256 MiB log on
// two cores, that beat mapping the file (no unmapping, and faults of every page) by a fifth.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

const block = 1 << 20

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchread:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: benchread FILE")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	n, err := countLines(f, runtime.GOMAXPROCS(0))
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(w, n)
	return err
}

// countLines counts the newlines of r with workers goroutines, each reading the next block
// in turn.
func countLines(r io.ReaderAt, workers int) (int64, error) {
	var (
		next, lines atomic.Int64
		wg          sync.WaitGroup
		mu          sync.Mutex
		first       error
	)
	for range workers {
		wg.Go(func() {
			buf := make([]byte, block)
			for {
				off := next.Add(block) - block
				n, err := r.ReadAt(buf, off)
				lines.Add(int64(bytes.Count(buf[:n], []byte{'\n'})))
				if err != nil {
					if err != io.EOF {
						mu.Lock()
						first = firstErr(first, err)
						mu.Unlock()
					}
					return
				}
			}
		})
	}
	wg.Wait()
	return lines.Load(), first
}

// firstErr returns the first error of the two that is not nil.
func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
