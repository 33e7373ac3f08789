package sanitize_test

import (
	"encoding/json"
	"fmt"

	"github.com/imetal-tools/imetal-err/sanitize"
)

func ExampleText() {
	// An error message that tries to set the window title, hide a link and
	// reverse the file name it quotes.
	msg := "quota exceeded\x1b]0;pwned\x07 see \x1b]8;;https://evil.example/\x1b\\docs\x1b]8;;\x1b\\\r\nfile: invoice_\u202efdp.exe\xff"
	fmt.Println(sanitize.Text(msg))
	// Output:
	// quota exceeded\x1b]0;pwned\x07 see \x1b]8;;https://evil.example/\x1b\docs\x1b]8;;\x1b\\nfile: invoice_\u202efdp.exe\xff
}

func ExampleText_combiningMarks() {
	// Twelve combining marks stacked on one letter keep the first eight.
	zalgo := "Z\u0351\u0360\u0362\u0358\u0346\u0315\u0312\u033e\u0310\u0313\u0306\u0307a"
	fmt.Printf("%+q\n", sanitize.Text(zalgo))
	// Output:
	// "Z\u0351\u0360\u0362\u0358\u0346\u0315\u0312\u033e\u2026a"
}

func ExampleField() {
	fmt.Println(sanitize.Field("key\tvalue\nnext"))
	// Output:
	// key\tvalue\nnext
}

func ExampleTruncate() {
	s, cut := sanitize.Truncate(sanitize.Text("E1042: quota exceeded for project 7f3a"), 20)
	fmt.Println(s, cut)
	s, cut = sanitize.Truncate("short", 20)
	fmt.Println(s, cut)
	// Output:
	// E1042: quota exceed… true
	// short false
}

func ExampleClean() {
	fmt.Println(sanitize.Clean("E1042: quota exceeded"))
	fmt.Println(sanitize.Clean("E1042\x1b[2J"))
	// Output:
	// true
	// false
}

func ExampleValidUTF8() {
	// Only the invalid byte changes; the ESC is left for Text or JSON.
	fmt.Printf("%q\n", sanitize.ValidUTF8("caf\xe9 \x1b[1m"))
	// Output:
	// "caf\\xe9 \x1b[1m"
}

func ExampleJSON() {
	b, _ := json.Marshal(map[string]string{"message": sanitize.ValidUTF8("a\u202eb\x7f\U000e0041\xff")})
	fmt.Println(string(sanitize.JSON(b)))
	// Output:
	// {"message":"a\u202eb\u007f\udb40\udc41\\xff"}
}
