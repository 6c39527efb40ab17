package config

import "testing"

func TestMaxFileSize(t *testing.T) {
	c, err := parse("buttress.toml", []byte(""), false)
	if err != nil || c.MaxFileSize != DefaultMaxFileSize || c.MaxFileSize.String() != "20MB" {
		t.Fatalf("default: %v %v", c.MaxFileSize, err)
	}
	ok := map[string]FileSize{
		`"20MB"`: 20 << 20, `"20 MiB"`: 20 << 20, `"512kb"`: 512 << 10, `"1GB"`: 1 << 30,
		`"1000000b"`: 1000000, `"64M"`: 64 << 20, `" 3 KB "`: 3 << 10,
	}
	for v, want := range ok {
		c, err := parse("buttress.toml", []byte("max-file-size = "+v+"\n"), false)
		if err != nil || c.MaxFileSize != want {
			t.Errorf("max-file-size = %s: %v, %v; want %d", v, c, err, want)
		}
	}
	bad := map[string]string{
		`"20"`:    `buttress.toml:1:17: "max-file-size": "20" is not a size: write a whole number and a unit (B, KB, MB or GB), such as "20MB"`,
		`"MB"`:    `buttress.toml:1:17: "max-file-size": "MB" is not a size: write a whole number and a unit (B, KB, MB or GB), such as "20MB"`,
		`"1.5MB"`: `buttress.toml:1:17: "max-file-size": "1.5MB" is not a size: write a whole number and a unit (B, KB, MB or GB), such as "20MB"`,
		`"20TB"`:  `buttress.toml:1:17: "max-file-size": "20TB" is not a size: write a whole number and a unit (B, KB, MB or GB), such as "20MB"`,
		`"-1MB"`:  `buttress.toml:1:17: "max-file-size": "-1MB" is not a size: write a whole number and a unit (B, KB, MB or GB), such as "20MB"`,
		`"0MB"`:   `buttress.toml:1:17: "max-file-size": "0MB" is out of range: give a size from 1 byte to 1GB (the default is 20MB)`,
		`"2GB"`:   `buttress.toml:1:17: "max-file-size": "2GB" is out of range: give a size from 1 byte to 1GB (the default is 20MB)`,
		`20`:      `buttress.toml:1:17: "max-file-size" must be a string, not an integer`,
	}
	for v, want := range bad {
		_, err := parse("buttress.toml", []byte("max-file-size = "+v+"\n"), false)
		if err == nil || err.Error() != want {
			t.Errorf("max-file-size = %s:\n got %v\nwant %s", v, err, want)
		}
	}
	for size, want := range map[FileSize]string{20 << 20: "20MB", 1536 << 10: "1536KB", 1000: "1000B", 1 << 30: "1GB"} {
		if got := size.String(); got != want {
			t.Errorf("FileSize(%d).String() = %s, want %s", size, got, want)
		}
	}
}
