package api

import (
	"strings"
	"testing"
)

func TestDrift(t *testing.T) {
	files := map[string]string{
		"shop/domain/models.py": `from dataclasses import dataclass
from typing import Optional

@dataclass
class User:
    id: int
    name: str
    email: Optional[str] = None

@dataclass
class Invoice:
    id: str
`,
		"shop/api/schemas.py": `from pydantic import BaseModel

class User(BaseModel):
    id: str
    name: "str"
    email: str | None = None

class Order(BaseModel):
    id: int
    user_id: str
    invoice_id: str
`,
		"shop/db/rows.py": `from typing import TypedDict, NamedTuple

class UserRow(TypedDict):
    id: int

class User(NamedTuple):
    id: int
    name: str

class Payment(NamedTuple):
    user_id: int
`,
		"shop/plain.py": `class User:
    id: bytes
`,
	}
	var fs []File
	for rel, src := range files {
		f := fileOf(rel, []byte(src))
		fs = append(fs, f)
	}
	ds := Drift(FieldTypes(fs))
	var got []string
	for _, d := range ds {
		var others []string
		for _, o := range d.Others {
			others = append(others, o.File)
		}
		got = append(got, d.At.File+":"+d.At.Entity+"."+d.At.Field+" "+d.At.Type+" <> "+strings.Join(others, ","))
	}
	want := []string{
		// User.id: int twice (domain, rows), str once (the API schema): the schema is reported.
		"shop/api/schemas.py:User.id str <> shop/db/rows.py,shop/domain/models.py",
		// Order.user_id: str while User.id is an int.
		"shop/api/schemas.py:Order.user_id str <> shop/db/rows.py,shop/domain/models.py",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, d := range ds {
		if d.Message() == "" {
			t.Error("empty message")
		}
	}
}
