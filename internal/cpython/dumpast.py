# dumpast.py: write CPython's AST of Python files as canonical AST JSON
# (docs/ast-json.md, version 1).
#
# Reads file paths from stdin, one per line, and for each writes one JSON line
# to stdout:
#
#   {"path": ..., "ast": <Module or null>, "errors": [{"line", "col", "message"}]}
#
# Before any path is read, a first line {"dumpast": 1, "python": "X.Y.Z"}
# tells that the script started. The output is flushed after every file, so a
# driver may feed paths one at a time and wait for each answer. Runs on
# CPython 3.8 and later. Every file is isolated: an exception of any kind
# while reading, parsing or writing one file becomes that file's error (line 0
# and the exception's name unless it is a SyntaxError) and the loop goes on.
#
# Errors: a SyntaxError (IndentationError, TabError) gives its lineno and
# offset - 1 (0 when missing); note that from 3.13 on CPython's offset counts
# characters, not UTF-8 bytes, on lines with non-ASCII text.
#
# The writer is iterative (an explicit stack), so trees deeper than Python's
# recursion limit are written like any other.

import ast
import gc
import os
import sys
import warnings

# SyntaxWarning / DeprecationWarning (invalid escape sequences, "is" with a
# literal, ...) do not change whether a file is accepted; keep stderr quiet.
warnings.simplefilter("ignore")

try:
    from json.encoder import c_encode_basestring_ascii as _enc_str
except ImportError:  # pragma: no cover - pure-Python json
    _enc_str = None
if _enc_str is None:
    from json.encoder import encode_basestring_ascii as _enc_str

_AST = ast.AST
_Constant = ast.Constant
_MatchSingleton = getattr(ast, "MatchSingleton", None)
_POS = ("lineno", "col_offset", "end_lineno", "end_col_offset")
_POS_FMT = ',"lineno":%d,"col_offset":%d,"end_lineno":%d,"end_col_offset":%d}'
_POS_FMT_S = ',"lineno":%s,"col_offset":%s,"end_lineno":%s,"end_col_offset":%s}'


def _int_text(v):
    try:
        return str(v)
    except ValueError:
        # A hex/octal/binary literal may be longer than the default limit of
        # decimal digits for int -> str (3.11+ and backports). The parse
        # itself ran under the default limit, as ast.parse does.
        old = sys.get_int_max_str_digits()
        sys.set_int_max_str_digits(0)
        try:
            return str(v)
        finally:
            sys.set_int_max_str_digits(old)


def _const(v):
    """JSON text of a tagged constant (Constant.value, MatchSingleton.value)."""
    t = type(v)
    # bool before int: bool is a subclass of int.
    if v is None:
        return '{"const":"None"}'
    if v is True:
        return '{"const":"True"}'
    if v is False:
        return '{"const":"False"}'
    if v is Ellipsis:
        return '{"const":"Ellipsis"}'
    if t is str:
        return '{"str":' + _enc_str(v) + "}"
    if t is int:
        return '{"int":"' + _int_text(v) + '"}'
    if t is float:
        # repr gives the shortest text that reads back to the same double,
        # and "inf", "-inf", "nan" for the special values.
        return '{"float":"' + repr(v) + '"}'
    if t is complex:
        return '{"complex":"' + repr(v.imag) + '"}'
    if t is bytes:
        return '{"bytes":"' + v.hex() + '"}'
    # Not produced by ast.parse; keep the output well-formed and visibly odd.
    return '{"unknown":' + _enc_str(repr(v)) + "}"


def _leaf(v):
    """JSON text of a non-node, non-list field value."""
    if v is None:
        return "null"
    t = type(v)
    if t is str:
        return _enc_str(v)
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return _int_text(v)
    return _const(v)


# Per-class layout: (head, keys, has_pos, const_field_index) or, for classes
# with neither fields nor attributes (Load, Add, ...), the whole JSON text.
_layouts = {}


def _layout(cls):
    fields = tuple(cls._fields)
    attrs = getattr(cls, "_attributes", ())
    has_pos = all(a in attrs for a in _POS)
    if not fields and not has_pos:
        lay = '{"_type":' + _enc_str(cls.__name__) + "}"
    else:
        head = '{"_type":' + _enc_str(cls.__name__)
        keys = tuple("," + _enc_str(f) + ":" for f in fields)
        tagged = -1
        if issubclass(cls, _Constant) or (
            _MatchSingleton is not None and issubclass(cls, _MatchSingleton)
        ):
            tagged = fields.index("value") if "value" in fields else -1
        lay = (head, fields, keys, has_pos, tagged)
    _layouts[cls] = lay
    return lay


def _dump_tree(root, out):
    """Append the JSON text of the node root to the list out."""
    app = out.append
    stack = [root]
    pop = stack.pop
    push = stack.append
    layouts = _layouts
    AST = _AST
    while stack:
        x = pop()
        t = type(x)
        if t is str:
            app(x)
            continue
        if t is list:
            n = len(x)
            if n == 0:
                app("[]")
                continue
            app("[")
            push("]")
            for i in range(n - 1, -1, -1):
                e = x[i]
                if isinstance(e, AST) or type(e) is list:
                    push(e)
                else:
                    push(_leaf(e))
                if i:
                    push(",")
            continue
        # An AST node.
        lay = layouts.get(t)
        if lay is None:
            lay = _layout(t)
        if type(lay) is str:
            app(lay)
            continue
        head, fields, keys, has_pos, tagged = lay
        app(head)
        if has_pos:
            try:
                push(
                    _POS_FMT % (x.lineno, x.col_offset, x.end_lineno, x.end_col_offset)
                )
            except (AttributeError, TypeError):  # a missing or None position
                push(_POS_FMT_S % tuple(_leaf(getattr(x, a, None)) for a in _POS))
        else:
            push("}")
        for i in range(len(fields) - 1, -1, -1):
            v = getattr(x, fields[i], None)
            if i == tagged:  # before None: a None constant is tagged
                push(_const(v))
            elif v is None:
                push("null")
            elif isinstance(v, AST) or type(v) is list:
                push(v)
            else:
                push(_leaf(v))
            push(keys[i])


def _error(line, col, message):
    return '{"line":%d,"col":%d,"message":%s}' % (line, col, _enc_str(message))


def _exc_error(e):
    if isinstance(e, SyntaxError):  # includes IndentationError, TabError
        line = e.lineno if isinstance(e.lineno, int) else 0
        off = e.offset if isinstance(e.offset, int) else 0
        col = off - 1 if off >= 1 else 0
        msg = e.msg if isinstance(e.msg, str) else str(e)
        return _error(max(line, 0), col, msg)
    # ValueError (null bytes before 3.12), UnicodeDecodeError, MemoryError,
    # RecursionError, OSError, ...: no position.
    text = str(e)
    name = type(e).__name__
    return _error(0, 0, name + ": " + text if text else name)


def _dump_file(path):
    head = '{"path":' + _enc_str(path) + ',"ast":'
    try:
        with open(path, "rb") as f:
            source = f.read()
        tree = ast.parse(source)
        out = [head]
        _dump_tree(tree, out)
        out.append(',"errors":[]}')
        return "".join(out)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # one bad file never kills the batch
        tree = out = None  # free what a failed write held on to
        gc.collect()  # the garbage collector is off: see main
        try:
            err = _exc_error(e)
        except BaseException as e2:
            err = _error(0, 0, type(e2).__name__)
        return head + "null" + ',"errors":[' + err + "]}"


def main():
    stdin = sys.stdin.buffer
    stdout = sys.stdout.buffer
    # Trees and their JSON pieces hold no reference cycles: reference
    # counting frees them, and the cyclic collector only costs time (up to
    # a quarter of the parse on large files). It runs after a failed file
    # (exceptions and frames do make cycles) and every 200 files.
    gc.collect()
    gc.freeze()
    gc.disable()
    count = 0
    # Handshake: tells the driver that the script started.
    v = sys.version_info
    stdout.write(b'{"dumpast":1,"python":"%d.%d.%d"}\n' % (v[0], v[1], v[2]))
    stdout.flush()
    while True:
        raw = stdin.readline()
        if not raw:
            break
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        path = os.fsdecode(raw)
        line = _dump_file(path)
        stdout.write(line.encode("ascii", "backslashreplace") + b"\n")
        stdout.flush()
        count += 1
        if count % 200 == 0:
            gc.collect()


if __name__ == "__main__":
    main()
