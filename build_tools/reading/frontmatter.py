"""Split a Markdown file into YAML front matter and body, keeping a line for every key.

MkDocs' own reader swallows YAML errors, and python-frontmatter keeps no positions, so
this tiny reader composes the YAML node tree itself (C loader when available): the node
marks give the line of every key and list item, which lets a schema error point at
``content/calls/x.md:14``. Only plain YAML is accepted: no tags, anchors or aliases.

One pass over the node tree (:func:`_build`) both checks it and builds the data, the same
data PyYAML's constructor would give; anything unusual (an alias, a tag on the wrong kind of
node, a value the constructor refuses, a very deep tree) goes the reference way instead:
check the whole tree (:func:`_walk`), then let PyYAML construct it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from build_tools.reading.yaml_errors import explain as explain_yaml_error

try:  # the C loader is ~10x faster and keeps the same node marks
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that keeps an impossible date (2026-13-01) as text for the schema to report."""


def _timestamp_or_text(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_KEY_TAGS = _PLAIN_TAGS | {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}
_FENCE = "---"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
#: Deeper trees take the reference way (its recursion limit is the one that must apply).
_MAX_FAST_DEPTH = 100


class FrontMatterError(Exception):
    """A file that cannot be read as front matter + body; ``line`` is 1-based in the file."""

    def __init__(self, line: int, code: str, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.code = code
        self.message = message


@dataclass
class Document:
    """A parsed file: data, body, and where each key sits."""

    data: dict[str, Any]
    body: str
    body_line: int  # 1-based line where the body starts
    lines: dict[Path_, int] = field(default_factory=dict)
    fence_line: int = 1

    def line_of(self, path: Path_) -> int:
        """Line of the deepest known key of ``path``, falling back to its parents."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.fence_line


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM) to text with ``\\n`` line ends."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrontMatterError(
            line, "encoding",
            "il file non è in UTF-8: salvalo con codifica UTF-8 (in GitHub è già così; "
            "attenzione ai testi copiati da Word)",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml_text, body, body_line). The YAML starts on line 2."""
    if not text or text.isspace():  # i.e. ``not text.strip()``, without copying the text
        raise FrontMatterError(1, "empty_file", "il file è vuoto: deve iniziare con il front matter tra due righe `---`")
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != _FENCE:
        raise FrontMatterError(
            1, "missing_front_matter",
            "manca il front matter: la prima riga del file deve essere `---`",
        )
    start = _closing_line(text, first_end) if first_end >= 0 else -1
    if start < 0:
        raise FrontMatterError(
            1, "unclosed_front_matter",
            "il front matter non è chiuso: aggiungi una riga `---` dopo l'ultima chiave",
        )
    yaml_text = text[first_end + 1:start - 1] if start > first_end + 1 else ""
    body_start = text.find("\n", start)
    body = text[body_start + 1:] if body_start >= 0 else ""
    return yaml_text, body, text.count("\n", 0, start) + 2


def _closing_line(text: str, pos: int) -> int:
    """Start of the first line after ``pos`` (a line end) whose ``rstrip()`` is ``---`` or ``...``; -1 if none."""
    find = text.find
    while True:
        dashes = find("\n---", pos)
        dots = find("\n...", pos)
        if dashes < 0 and dots < 0:
            return -1
        start = (dashes if dots < 0 or 0 <= dashes < dots else dots) + 1
        end = find("\n", start)
        if (text[start:end] if end >= 0 else text[start:]).rstrip() in (_FENCE, "..."):
            return start
        pos = start


def parse(raw: bytes) -> Document:
    """Parse a whole file. Raises :class:`FrontMatterError` with a line and an Italian message."""
    text = decode(raw)
    yaml_text, body, body_line = split(text)
    if not yaml_text.strip():
        raise FrontMatterError(1, "empty_front_matter", "il front matter è vuoto: mancano tutte le chiavi obbligatorie")
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FrontMatterError(1, "empty_front_matter", "il front matter è vuoto")
        lines: dict[Path_, int] = {}
        data: Any = _NOT_BUILT
        if "*" not in yaml_text:  # no `*alias`, so no node occurs twice in the tree
            try:
                data = _build(node, (), lines, loader.yaml_constructors, loader, 1)
            except (_Unusual, RecursionError):
                lines = {}
                data = _NOT_BUILT
        if data is _NOT_BUILT:
            _walk(node, (), lines, set())
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError(
                2, "not_a_mapping",
                "il front matter deve essere un elenco di chiavi `chiave: valore`, non un testo o una lista",
            )
        if data is _NOT_BUILT:
            data = loader.construct_document(node)
    except FrontMatterError as exc:
        if exc.code == "yaml_alias":  # the node tree only knows the anchor: point at the first `*alias` instead
            exc.line = next((e.start_mark.line + 2 for e in yaml.parse(yaml_text, Loader=_Loader)
                             if isinstance(e, yaml.AliasEvent)), exc.line)
        raise
    except yaml.MarkedYAMLError as exc:
        explained = explain_yaml_error(exc, yaml_text)
        raise FrontMatterError(explained.line, "yaml_syntax", explained.message) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(1, "yaml_syntax", f"YAML non valido: {exc}") from None
    finally:
        loader.dispose()
    return Document(data=data, body=body, body_line=body_line, lines=lines)


def load_data(yaml_text: str) -> Any:
    """Only the data of a YAML text, with the same safe loader and no line bookkeeping.

    For past versions of a file read from Git (``deriving.history``), which need values, not
    lines; raises ``yaml.YAMLError`` on bad YAML.
    """
    return yaml.load(yaml_text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


def _walk(node: yaml.Node, path: Path_, lines: dict[Path_, int], seen: set[int]) -> None:
    """Record key lines; refuse tags, anchors/aliases and duplicate keys (PyYAML keeps the last silently)."""
    if id(node) in seen:
        raise FrontMatterError(
            node.start_mark.line + 2, "yaml_alias",
            "ancore e alias YAML (`&nome`, `*nome`) non sono ammessi: ripeti il valore per esteso",
        )
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        raise FrontMatterError(
            node.start_mark.line + 2, "yaml_tag",
            f"il tag YAML `{node.tag}` non è ammesso: scrivi il valore senza `!`/`!!`",
        )
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise FrontMatterError(key_node.start_mark.line + 2, "yaml_key", "le chiavi devono essere semplici parole")
            if key_node.tag not in _KEY_TAGS:
                raise FrontMatterError(
                    key_node.start_mark.line + 2, "yaml_tag",
                    f"il tag YAML `{key_node.tag}` non è ammesso: scrivi la chiave senza `!`/`!!`",
                )
            key_node.tag = "tag:yaml.org,2002:str"  # `no:`, `1:`, `<<:` are keys like any other, not a bool/int/merge
            key = key_node.value
            here = path + (key,)
            if here in lines:
                raise FrontMatterError(
                    key_node.start_mark.line + 2, "duplicate_key",
                    f"la chiave `{key}` compare due volte (la prima alla riga {lines[here]}): tienine una",
                )
            lines[here] = key_node.start_mark.line + 2
            _walk(value_node, here, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 2
            _walk(item, path + (index,), lines, seen)


_NOT_BUILT = object()


class _Unusual(Exception):
    """:func:`_build` met something it leaves to :func:`_walk` and PyYAML's constructor."""


def _build(node: yaml.Node, path: Path_, lines: dict[Path_, int], constructors: dict[Any, Any],
           loader: yaml.constructor.SafeConstructor, depth: int) -> Any:
    """:func:`_walk` and PyYAML's ``construct_document`` in one pass, for a tree without aliases.

    Checks, errors and their order are :func:`_walk`'s (the caller makes sure no node occurs
    twice, so there is no alias to find); the data is what the constructor would build once
    the walk has made every key a string. Raises :class:`_Unusual` where the two could differ.
    """
    tag = node.tag
    if tag not in _PLAIN_TAGS:
        raise FrontMatterError(
            node.start_mark.line + 2, "yaml_tag",
            f"il tag YAML `{tag}` non è ammesso: scrivi il valore senza `!`/`!!`",
        )
    kind = type(node)
    if kind is ScalarNode:
        if tag == _STR:
            return node.value
        if tag == _SEQ or tag == _MAP:
            raise _Unusual
        try:
            return constructors[tag](loader, node)
        except Exception:  # noqa: BLE001 - the reference way raises the same, in its own order
            raise _Unusual from None
    if depth > _MAX_FAST_DEPTH:
        raise _Unusual
    if kind is MappingNode and tag == _MAP:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                if isinstance(key_node, ScalarNode):
                    raise _Unusual
                raise FrontMatterError(key_node.start_mark.line + 2, "yaml_key", "le chiavi devono essere semplici parole")
            if key_node.tag not in _KEY_TAGS:
                raise FrontMatterError(
                    key_node.start_mark.line + 2, "yaml_tag",
                    f"il tag YAML `{key_node.tag}` non è ammesso: scrivi la chiave senza `!`/`!!`",
                )
            key_node.tag = _STR  # as in _walk
            key = key_node.value
            here = path + (key,)
            if key in mapping:
                raise FrontMatterError(
                    key_node.start_mark.line + 2, "duplicate_key",
                    f"la chiave `{key}` compare due volte (la prima alla riga {lines[here]}): tienine una",
                )
            lines[here] = key_node.start_mark.line + 2
            if type(value_node) is ScalarNode and value_node.tag == _STR:  # most values: no call
                mapping[key] = value_node.value
            else:
                mapping[key] = _build(value_node, here, lines, constructors, loader, depth + 1)
        return mapping
    if kind is SequenceNode and tag == _SEQ:
        sequence: list[Any] = []
        append = sequence.append
        for index, item in enumerate(node.value):
            here = path + (index,)
            lines[here] = item.start_mark.line + 2
            if type(item) is ScalarNode and item.tag == _STR:
                append(item.value)
            else:
                append(_build(item, here, lines, constructors, loader, depth + 1))
        return sequence
    raise _Unusual
