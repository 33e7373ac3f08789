package scan

import "fmt"

func fmtFinding(f Finding) string { return fmt.Sprintf("%+v", f) }
