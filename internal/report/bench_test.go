package report

import (
	"fmt"
	"io"
	"testing"

	"github.com/buttresspy/buttress/internal/finding"
)

// BenchmarkWrite renders 10,000 findings (about what check --select ALL reports on the 3.11
// standard library) in each format.
func BenchmarkWrite(b *testing.B) {
	fs := make([]finding.Finding, 10_000)
	for i := range fs {
		fs[i] = finding.Finding{
			Code: "ERR004", Rule: "raise-without-from", Path: fmt.Sprintf("pkg/mod%03d.py", i/40),
			Line: i%40*10 + 1, Col: 9, EndLine: i%40*10 + 2, EndCol: 44,
			Message: "a new exception raised while handling another: add `from err` to keep the cause",
			Symbol:  "Class.method",
		}
	}
	for _, format := range Formats() {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, format, fs, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
