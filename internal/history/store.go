// Package history keeps buttress's measures of a project commit by commit (buttress history)
// in an SQLite file, and lays out each commit's files from git's objects for the analysis.
//
// The database is SQLite through modernc.org/sqlite, a translation of SQLite to Go: no cgo,
// so the binary stays static.
package history

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

// schemaVersion is the layout of the tables; a database of another layout is refused with
// what to do (remove it: it is rebuilt from git).
const schemaVersion = "2"

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS commits (
	sha TEXT PRIMARY KEY,
	depth INTEGER NOT NULL,
	date TEXT NOT NULL,
	author_date TEXT NOT NULL,
	subject TEXT NOT NULL,
	buttress TEXT NOT NULL,
	error TEXT NOT NULL DEFAULT '',
	files INTEGER NOT NULL,
	lines INTEGER NOT NULL,
	modules INTEGER NOT NULL,
	imports INTEGER NOT NULL,
	cycles INTEGER NOT NULL,
	coverage REAL NOT NULL,
	complexity INTEGER NOT NULL,
	max_complexity INTEGER NOT NULL,
	contract_findings INTEGER NOT NULL,
	findings INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
	sha TEXT NOT NULL REFERENCES commits(sha) ON DELETE CASCADE,
	code TEXT NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (sha, code)
);
`

// Record is what history keeps of one commit.
type Record struct {
	SHA        string         `json:"sha"`
	Depth      int            `json:"depth"`       // place on the first-parent chain, 1 for the root commit
	Date       string         `json:"date"`        // committer date, RFC 3339
	AuthorDate string         `json:"author_date"` // RFC 3339
	Subject    string         `json:"subject"`
	Buttress   string         `json:"buttress"`        // the version that measured it
	Error      string         `json:"error,omitempty"` // why it could not be measured (then the measures are 0)
	Files      int            `json:"files"`           // Python files read
	Lines      int            `json:"lines"`
	Modules    int            `json:"modules"`
	Imports    int            `json:"imports"` // first-party import statements
	Cycles     int            `json:"cycles"`  // import cycles (module-level imports), as graph --cycles
	Coverage   float64        `json:"coverage"`
	Complexity int            `json:"complexity"` // total cyclomatic complexity
	MaxComplex int            `json:"max_complexity"`
	Contract   int            `json:"contract_findings"`
	Total      int            `json:"findings_total"`
	Findings   map[string]int `json:"findings"` // by rule code
}

// Store is an open history database.
type Store struct {
	db   *sql.DB
	Path string
}

// Open opens the database at path, creating it (and its directory) when missing.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("%s: cannot create its directory: %v", path, unwrap(err))
	}
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)")
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	db.SetMaxOpenConns(1)
	s := &Store{db: db, Path: path}
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: not a history database buttress can use (%v): remove it, and buttress history build makes it again from git", path, err)
	}
	var v string
	err = db.QueryRow(`SELECT value FROM meta WHERE key = 'schema'`).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if _, err := db.Exec(`INSERT INTO meta (key, value) VALUES ('schema', ?)`, schemaVersion); err != nil {
			db.Close()
			return nil, fmt.Errorf("%s: %v", path, err)
		}
	case err != nil:
		db.Close()
		return nil, fmt.Errorf("%s: %v", path, err)
	case v != schemaVersion:
		db.Close()
		return nil, fmt.Errorf("%s: made by another version of buttress (layout %s, this one reads %s): remove it, and buttress history build makes it again from git", path, v, schemaVersion)
	}
	return s, nil
}

// OpenExisting opens the database at path only when it exists; (nil, nil) when it does not.
func OpenExisting(path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return Open(path)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Has reports whether the commit is recorded.
func (s *Store) Has(sha string) (bool, error) {
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM commits WHERE sha = ?`, sha).Scan(&n); err != nil {
		return false, err
	}
	return n > 0, nil
}

// Add records a commit (replacing what was recorded of it).
func (s *Store) Add(r *Record) error {
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`DELETE FROM commits WHERE sha = ?`, r.SHA); err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO commits (sha, depth, date, author_date, subject, buttress, error, files, lines, modules, imports, cycles, coverage, complexity, max_complexity, contract_findings, findings)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.SHA, r.Depth, r.Date, r.AuthorDate, r.Subject, r.Buttress, r.Error, r.Files, r.Lines, r.Modules, r.Imports, r.Cycles, r.Coverage, r.Complexity, r.MaxComplex, r.Contract, r.Total); err != nil {
		return err
	}
	codes := make([]string, 0, len(r.Findings))
	for c := range r.Findings {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		if _, err := tx.Exec(`INSERT INTO findings (sha, code, count) VALUES (?, ?, ?)`, r.SHA, c, r.Findings[c]); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// All returns every recorded commit, oldest first (by their place on the first-parent chain).
func (s *Store) All() ([]Record, error) {
	rows, err := s.db.Query(`SELECT sha, depth, date, author_date, subject, buttress, error, files, lines, modules, imports, cycles, coverage, complexity, max_complexity, contract_findings, findings FROM commits ORDER BY depth, date`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Record
	index := map[string]int{}
	for rows.Next() {
		var r Record
		if err := rows.Scan(&r.SHA, &r.Depth, &r.Date, &r.AuthorDate, &r.Subject, &r.Buttress, &r.Error, &r.Files, &r.Lines, &r.Modules, &r.Imports, &r.Cycles, &r.Coverage, &r.Complexity, &r.MaxComplex, &r.Contract, &r.Total); err != nil {
			return nil, err
		}
		r.Findings = map[string]int{}
		index[r.SHA] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	frows, err := s.db.Query(`SELECT sha, code, count FROM findings`)
	if err != nil {
		return nil, err
	}
	defer frows.Close()
	for frows.Next() {
		var sha, code string
		var n int
		if err := frows.Scan(&sha, &code, &n); err != nil {
			return nil, err
		}
		if i, ok := index[sha]; ok {
			out[i].Findings[code] = n
		}
	}
	return out, frows.Err()
}

func unwrap(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Family is the family of a rule code: its letters ("ARCH001" -> "ARCH").
func Family(code string) string { return strings.TrimRight(code, "0123456789") }
