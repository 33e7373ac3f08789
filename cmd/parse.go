package cmd

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/imetal-tools/imetal-err/catalog"
	"github.com/imetal-tools/imetal-err/format"
	"github.com/imetal-tools/imetal-err/sanitize"
	"github.com/imetal-tools/imetal-err/scan"
	"github.com/spf13/cobra"
)

type parseOptions struct {
	IO      *IOStreams
	Catalog func() (*catalog.Catalog, error)
	Format  func() format.Options
	Files   []string
	Summary bool
	Quiet   bool
	// Max is --max: the findings the table and Markdown styles show in a burst; 0 for all.
	Max int
	// Open opens a named input; tests replace it.
	Open func(name string) (io.ReadCloser, error)
}

// maxTableFindings is the default of --max: how many findings the table and Markdown styles
// print in a burst (until the input pauses, or ends); the rest are counted.
const maxTableFindings = 25

// maxSummaryCodes bounds the distinct codes --summary keeps, so that a hostile input of
// millions of made-up codes cannot grow memory without limit.
const maxSummaryCodes = 10000

// summarySamples is how many IDs and request ids a summary row keeps as examples.
const summarySamples = 3

func newParseCmd(d *deps, runF func(*parseOptions) error) *cobra.Command {
	opts := &parseOptions{IO: d.IO, Catalog: d.Catalog, Format: d.formatOptions, Open: openFile}
	cmd := &cobra.Command{
		Use:   "parse [FILE...]",
		Short: "Find and explain every iMetal error in pasted or piped text",
		Long: `Read the files named (or standard input, when none or "-" is given) and diagnose
every error response in them: raw JSON bodies, curl -i and curl -v output, Go, Python
and Java SDK exceptions, logs. For each error it shows the code and whether the catalog
knows it, the HTTP status seen against the catalog's, the request id, the message and
the IDs and values it carries, and what to do.

Files are read one after another. A stream that stays open (tail -f, kubectl logs -f)
is shown as it goes: the table shows at most --max errors of a burst, and says how many
it left out when the stream pauses; -o jsonl writes each error, as one line of JSON, as
soon as it is found. Ctrl-C ends it with status 130 after writing what was found: the
count of errors not shown, the end of the JSON array, or the summary so far. While a
large input is read (a file of 64 MiB or more, or any input after two seconds), a
progress line on stderr says how far it got, when stderr is a terminal and no findings
are drawn on it meanwhile.`,
		Example: `  curl -si https://.../v1/$PROJECT/baremetalservers | imetal-err parse
  imetal-err parse response.txt
  kubectl logs deploy/provisioner | imetal-err parse --summary
  imetal-err parse -q app.log && echo "iMetal errors found"
  tail -f app.log | imetal-err parse -o jsonl | jq .code`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Files = args
			if opts.Max < 0 {
				return usageErrorf("--max \"%d\": want 0 (no limit) or more", opts.Max)
			}
			if runF != nil {
				return runF(opts)
			}
			return interruptible(cmd.Context(), opts.IO, func(ctx context.Context) error { return parseRun(ctx, opts) })
		},
	}
	cmd.Flags().BoolVar(&opts.Summary, "summary", false, "one row per code (and variant) with its count, most frequent first")
	cmd.Flags().BoolVarP(&opts.Quiet, "quiet", "q", false, "print no result; exit 0 if an error was found in any input, 3 if not, 1 if an input could not be read")
	cmd.Flags().IntVar(&opts.Max, "max", maxTableFindings, "show at most `N` errors in a burst (until a live input pauses) in a table, and count the rest; 0 for no limit")
	_ = cmd.RegisterFlagCompletionFunc("max", cobra.NoFileCompletions)
	return cmd
}

func openFile(name string) (io.ReadCloser, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%w", errIsDir)
	}
	return f, nil
}

var errIsDir = errors.New("is a directory")

// parseRun scans each input in turn and streams what it finds to the output, so that memory
// stays bounded whatever the size of the input.
func parseRun(ctx context.Context, opts *parseOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	cat, err := opts.Catalog()
	if err != nil {
		return err
	}
	files := opts.Files
	if len(files) == 0 {
		files = []string{"-"}
	}
	p := &parser{opts: opts, cat: cat, o: opts.Format(), summary: newSummary()}
	if !opts.Quiet && !opts.Summary {
		p.out = format.NewFindingWriter(opts.IO.Out, p.o, opts.Max)
	}
	// On Ctrl-C, what was found is written at once, whatever parse is doing: the counts of
	// the findings not shown, the end of the JSON array, the summary so far. parse may be
	// blocked in a read that only the watchdog ends (see interruptible).
	stop := context.AfterFunc(ctx, func() { _ = p.finish() })
	defer stop()
	// One input at a time, each closed before the next is opened: a thousand files need no
	// more descriptors than one.
	for _, name := range files {
		err := p.input(ctx, name)
		if ctx.Err() != nil {
			// Interrupted: finish waits for the interrupt's writing, or does it itself.
			_ = p.finish()
			return ctx.Err()
		}
		if err != nil {
			return err
		}
		if opts.Quiet && p.found > 0 {
			// The answer is known: stop, and exit 0 whatever the other inputs hold, as
			// grep -q does. The inputs left are not opened at all: a FIFO among them
			// would block until a writer came.
			return nil
		}
	}
	if err := p.finish(); err != nil {
		return err
	}
	if p.failed {
		return &silentError{code: exitError}
	}
	if p.found == 0 {
		if !opts.Quiet {
			fmt.Fprintln(opts.IO.ErrOut, "imetal-err: note: no iMetal error response found in the input")
			fmt.Fprintln(opts.IO.ErrOut, "imetal-err: hint: parse finds codes such as iMetal.0230 or APIGW.0308 anywhere in the text, and other codes under an error-code key (\"error_code\": \"ECS.0114\")")
		}
		return &notFoundError{}
	}
	return nil
}

// parser is one run of parse over its inputs.
type parser struct {
	opts   *parseOptions
	cat    *catalog.Catalog
	o      format.Options
	failed bool // an input could not be read
	// foundHere counts the current input's findings for the progress line.
	foundHere atomic.Int64

	// mu guards what follows: finish may run on Ctrl-C while an input is scanned.
	mu      sync.Mutex
	out     *format.FindingWriter // nil with --summary or -q
	summary *summary
	found   int
	done    bool // finish has run: nothing more is written
	// live is the stream being scanned, if it holds back a response at its pauses (see
	// waits); display names it, and added is the offset past the last finding of it added.
	live    *scan.Live
	display string
	added   int64
}

// add takes in a finding from the input display: counted, then summed up or written.
func (p *parser) add(f *scan.Finding, display string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.live != nil {
		p.added = f.Offset + 1
	}
	return p.addLocked(f, display)
}

// addLocked is add with p.mu held.
func (p *parser) addLocked(f *scan.Finding, display string) error {
	p.found++
	switch {
	case p.done || p.opts.Quiet:
		return nil
	case p.opts.Summary:
		p.summary.add(p.cat, f)
		return nil
	}
	return p.out.Write(format.Finding{
		Diagnosis: p.cat.Diagnose(f.Code, f.HTTPStatus, f.Message),
		RequestID: f.RequestID,
		Request:   f.Request,
		Shape:     string(f.Shape),
		Input:     display,
		Offset:    f.Offset,
		Line:      f.Line,
		Truncated: f.Truncated,
	})
}

// pause ends a burst of findings, when a live input pauses: the count of those --max left
// out is written, and the next ones are shown.
func (p *parser) pause() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.out != nil && !p.done {
		// A failed write is remembered by the output, and fails the next one.
		_ = p.out.Pause()
	}
}

// finish writes the end of the output, once: the summary, or the end of the findings (the
// JSON array's, the count of those left out).
func (p *parser) finish() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return nil
	}
	if p.live != nil {
		// Interrupted while a live input pauses: the response it holds back for a second
		// print of it is counted as it is, unless it was added already.
		if h, ok := p.live.Held(); ok && h.Offset >= p.added {
			_ = p.addLocked(&h, p.display)
		}
	}
	p.done = true
	framed := p.o.Style.Framed() // an empty result is still written: [] or a TSV header
	switch {
	case p.opts.Summary && (p.found > 0 || framed):
		if p.summary.dropped > 0 {
			fmt.Fprintf(p.opts.IO.ErrOut, "imetal-err: note: more than %d distinct codes; %d errors of further codes are not in the summary\n", maxSummaryCodes, p.summary.dropped)
		}
		return format.Summary(p.opts.IO.Out, p.summary.rows(), p.o)
	case p.out != nil && (p.found > 0 || framed):
		return p.out.Close()
	}
	return nil
}

// input scans the input name ("-" for standard input), and closes it before it returns. With
// -q it stops at the first finding. An input that cannot be read is reported on stderr and
// sets p.failed; the error returned ends the run (a failed write, Ctrl-C).
func (p *parser) input(ctx context.Context, name string) error {
	opts := p.opts
	var r io.Reader
	display := name
	if name == "-" {
		display = "stdin"
		if opts.IO.IsStdinTTY() {
			// A pager would read the keyboard while the user pastes.
			opts.IO.pageNever()
			fmt.Fprintln(opts.IO.ErrOut, "imetal-err: paste the error text, then press Ctrl-D on a line of its own")
		}
		r = opts.IO.In
	} else {
		f, err := opts.Open(name)
		if err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "imetal-err: error: %s\n", sanitize.Text(describeFileError(name, err)))
			p.failed = true
			return nil
		}
		defer f.Close()
		r = f
	}
	// A regular file goes to the scanner as it is, which maps it rather than read it, and
	// Ctrl-C is seen at the next finding; the watchdog ends a scan that finds none. Any
	// other input is a stream that may pause (tail -f, a terminal): what is found is shown
	// when it pauses, not once the scanner's read-ahead fills.
	size := inputSize(r)
	var sc findingScanner
	var read func() int64 // input bytes read, for the progress line
	if size < 0 {
		scan.GrowPipe(r)
		live := scan.NewLive(&ctxReader{ctx: ctx, r: &sniffUTF16{r: r}}, 0, 0, namespaces(p.cat)...)
		defer live.Close()
		live.OnPause(p.pause)
		if p.waits() {
			live.WaitForRepeats()
			p.mu.Lock()
			p.live, p.display, p.added = live, display, 0
			p.mu.Unlock()
			defer func() {
				p.mu.Lock()
				p.live = nil
				p.mu.Unlock()
			}()
		}
		sc = live
	} else {
		d := decodeFileUTF16(r.(*os.File))
		if d != nil {
			r = d // read as a stream, not in windows
		}
		sc = scan.New(r, namespaces(p.cat)...)
		if d != nil {
			read = d.Raw
		}
	}
	if read == nil {
		read = sc.BytesRead
	}
	var prog *progress
	if showProgress(opts.IO, opts.Summary || opts.Quiet) {
		prog = startProgress(opts.IO, display, size, read, &p.foundHere)
	}
	truncated := false
	p.foundHere.Store(0)
	for sc.Scan() {
		if ctx.Err() != nil {
			prog.Stop()
			return ctx.Err()
		}
		f := sc.Finding()
		p.foundHere.Add(1)
		truncated = truncated || f.Truncated
		if err := p.add(&f, display); err != nil {
			prog.Stop()
			return err
		}
		if opts.Quiet {
			prog.Stop()
			return nil
		}
	}
	prog.Stop()
	if err := sc.Err(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		fmt.Fprintf(opts.IO.ErrOut, "imetal-err: error: %s\n", sanitize.Text(describeFileError(display, err)))
		p.failed = true
	}
	if sc.SawBinary() && !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "imetal-err: note: %s contains binary data (NUL bytes); those spans were skipped\n", sanitize.Text(shortName(display)))
	}
	if truncated && !opts.Quiet {
		fmt.Fprintf(opts.IO.ErrOut, "imetal-err: note: %s has values longer than imetal-err keeps; they were cut\n", sanitize.Text(shortName(display)))
	}
	return nil
}

// waits reports whether the output shows the findings only at the end (a summary, a JSON
// array): then a live input's pauses hand over no response that a second print of it may
// still join (an SDK logs it, then raises it), and the findings do not depend on when the
// input pauses. The table, JSON Lines and TSV show each finding as the input pauses, before
// its second print may come: a response printed twice across a pause is two findings
// there. -q stops at the first finding.
func (p *parser) waits() bool {
	return !p.opts.Quiet && (p.opts.Summary || p.o.Style == format.JSON)
}

// namespaces are the catalog's namespaces, whose codes parse finds anywhere in the text (a
// user catalog may add some).
func namespaces(cat *catalog.Catalog) []string {
	var out []string
	for _, n := range cat.Namespaces() {
		out = append(out, n.Namespace)
	}
	return out
}

// inputSize is the size of a regular file, or -1 for a pipe, a terminal or anything else.
func inputSize(r io.Reader) int64 {
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return st.Size()
		}
	}
	return -1
}

// findingScanner is what parse uses of scan.Scanner and scan.Live.
type findingScanner interface {
	Scan() bool
	Finding() scan.Finding
	Err() error
	BytesRead() int64
	SawBinary() bool
}

// ctxReader stops a read loop when the context is cancelled (Ctrl-C).
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// summary counts findings per code.
type summary struct {
	byCode  map[string]*format.SummaryRow
	order   []string
	dropped int
	// received maps a code as found (its spelling varies) to its row, so that a finding that
	// can bring its row nothing new is counted without being diagnosed: a summary of a large
	// log diagnoses a few findings per code, not every one.
	received map[string]*format.SummaryRow
	variants map[string]bool // see multi
	// byVariant maps what a diagnosis reads (the code as found, the HTTP status and a short
	// message) to its row, for the findings that received does not tell enough about: of a
	// code with several variants, or with a "[" in the message while the row lacks IDs (a
	// message such as `Missing required parameters: "nics[0].subnet_id"` has no ID list). A
	// log repeats the same few responses.
	byVariant map[variantKey]*format.SummaryRow
}

// variantKey is what a diagnosis reads of a finding.
type variantKey struct {
	code    string
	status  int
	message string
}

// maxByVariant bounds summary.byVariant, and maxVariantMessage the messages it keeps.
const (
	maxByVariant      = 1024
	maxVariantMessage = 256
)

// maxReceived bounds summary.received: past it, findings of further spellings are diagnosed.
const maxReceived = 2 * maxSummaryCodes

func newSummary() *summary {
	return &summary{byCode: map[string]*format.SummaryRow{}, received: map[string]*format.SummaryRow{}, variants: map[string]bool{},
		byVariant: map[variantKey]*format.SummaryRow{}}
}

// add counts a finding. Only a diagnosis tells a finding's row (the code in the catalog's
// spelling) and the IDs its message carries; once a row is known, a finding needs one only
// while the row lacks sample IDs and the message has a "[" for an ID list to start at.
func (s *summary) add(cat *catalog.Catalog, f *scan.Finding) {
	r := s.received[f.Code]
	if r == nil || len(r.IDs) < summarySamples && strings.IndexByte(f.Message, '[') >= 0 {
		// The same code, status and message diagnosed before give the same row, and IDs
		// that were offered to it already.
		var vk variantKey
		if len(f.Message) <= maxVariantMessage {
			vk = variantKey{f.Code, f.HTTPStatus, f.Message}
			if vr := s.byVariant[vk]; vr != nil {
				s.count(vr, f)
				return
			}
		}
		d := cat.Diagnose(f.Code, f.HTTPStatus, f.Message)
		r = s.row(&d)
		if r == nil {
			s.dropped++
			return
		}
		// A code with several variants (APIGW.0201 at 502 and 504) has a row per variant,
		// which only a diagnosis tells.
		if len(s.received) < maxReceived && !s.multi(cat, f.Code, d.Code) {
			s.received[f.Code] = r
		}
		if vk.code != "" && len(s.byVariant) < maxByVariant {
			s.byVariant[vk] = r
		}
		for _, id := range d.IDs {
			if len(r.IDs) < summarySamples && !slices.Contains(r.IDs, id) {
				r.IDs = append(r.IDs, id)
			}
		}
	}
	s.count(r, f)
}

// count counts f in its row r.
func (s *summary) count(r *format.SummaryRow, f *scan.Finding) {
	r.Count++
	if f.HTTPStatus != 0 && !slices.Contains(r.HTTPStatus, f.HTTPStatus) && len(r.HTTPStatus) < 8 {
		r.HTTPStatus = append(r.HTTPStatus, f.HTTPStatus)
	}
	if f.RequestID != "" && len(r.RequestIDs) < summarySamples && !slices.Contains(r.RequestIDs, f.RequestID) {
		// Cloned: the scanner makes a finding's request id and message in one
		// allocation, and a message may be long.
		r.RequestIDs = append(r.RequestIDs, strings.Clone(f.RequestID))
	}
}

// multi reports whether the catalog has several variants of code, received as recv;
// remembered per spelling received, since a code with several is diagnosed at every finding.
func (s *summary) multi(cat *catalog.Catalog, recv, code string) bool {
	m, ok := s.variants[recv]
	if !ok {
		m = len(cat.Lookup(code)) > 1
		if len(s.variants) < maxReceived {
			s.variants[recv] = m
		}
	}
	return m
}

// row returns the row of d's code and variant, made from d if it is its first finding, or
// nil when the summary holds maxSummaryCodes rows already.
func (s *summary) row(d *catalog.Diagnosis) *format.SummaryRow {
	key := d.Code
	if e := d.Entry; e != nil {
		key += "\x00" + strconv.Itoa(e.Status) + "\x00" + e.Message
	}
	if r, ok := s.byCode[key]; ok {
		return r
	}
	if len(s.byCode) >= maxSummaryCodes {
		return nil
	}
	r := &format.SummaryRow{Code: d.Code, Known: d.Known(), Solution: d.Advice()}
	if e := d.Entry; e != nil {
		r.Status, r.Description = e.Status, e.Description
		r.Retryable = &e.Retryable
	}
	s.byCode[key] = r
	s.order = append(s.order, key)
	return r
}

// rows returns the counts, most frequent first, ties in order of first appearance.
func (s *summary) rows() []format.SummaryRow {
	out := make([]format.SummaryRow, 0, len(s.order))
	for _, c := range s.order {
		out = append(out, *s.byCode[c])
	}
	slices.SortStableFunc(out, func(a, b format.SummaryRow) int { return cmp.Compare(b.Count, a.Count) })
	return out
}

// describeFileError words a failure to read an input for people.
func describeFileError(name string, err error) string {
	if name == "" {
		name = `""` // an empty argument, which names no file
	}
	name = shortName(name)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // its path is name, said already
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: no such file", name)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: permission denied", name)
	case errors.Is(err, syscall.EISDIR):
		return fmt.Sprintf("%s: is a directory", name)
	}
	return fmt.Sprintf("%s: %v", name, err)
}
