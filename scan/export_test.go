package scan

// Work returns the number of input bytes the scanner has examined, counting a
// byte once per time any part of the scanner looks at it.
func (s *Scanner) Work() int64 { return s.work }
