package format

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/imetal-tools/imetal-err/sanitize"
)

// marshalJSON returns v as JSON indented by two spaces, each line after the first prefixed
// with prefix, without a final newline. It is the one way every JSON output is encoded:
//
//   - <, > and & are written as they are, not as \u003c, \u003e and \u0026: the output is
//     read by people, jq and programs, never pasted into HTML, and an escaped
//     "access_token=***\u0026limit=1" is a different string to grep;
//   - then package sanitize escapes whatever could act on a terminal or reorder text inside
//     a string (control, bidi and zero-width characters).
func marshalJSON(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return sanitize.JSON(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

// writeJSONLines writes each of vs as JSON on a line of its own (JSON Lines), encoded as
// marshalJSON encodes, without its indentation.
func writeJSONLines[T any](w io.Writer, vs []T) error {
	var buf bytes.Buffer
	for _, v := range vs {
		if err := appendJSONLine(&buf, v); err != nil {
			return err
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// appendJSONLine appends v to buf as one line of JSON Lines.
func appendJSONLine(buf *bytes.Buffer, v any) error {
	b, err := marshalJSON(v, "")
	if err != nil {
		return err
	}
	if err := json.Compact(buf, b); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return nil
}

// writeJSON writes v as indented JSON (see marshalJSON) and a newline.
func writeJSON(w io.Writer, v any) error {
	b, err := marshalJSON(v, "")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
