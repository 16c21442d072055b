"""Tests that survive a reworded sentence (docs/conventions.md, "Tests"): a test of
behaviour asserts on state, status codes, the kinds of flashes, the refused fields
(tests/said.py) and labels taken from the code, never on a sentence copied from the
interface. The words themselves are tested once per text, in tests marked `wording`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def is_prose(text: str) -> bool:
    """Three or more words, one of them in lower case: a sentence, not a name, an address,
    a code or a column header."""
    if "<" in text or "{" in text or "@" in text:
        return False
    words = [w for w in text.split() if _WORD.search(w)]
    return len(words) >= 3 and any(w[0].islower() for w in words)


def _marked_wording(decorators: list[ast.expr]) -> bool:
    return any("wording" in ast.unparse(d) for d in decorators)


def _module_marked(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                getattr(t, "id", "") == "pytestmark" for t in node.targets):
            return "wording" in ast.unparse(node.value)
    return False


def prose_asserts(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    if _module_marked(tree):
        return []
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            if _marked_wording(node.decorator_list):
                return
        if isinstance(node, ast.Assert):
            for part in ast.walk(node.test):
                if isinstance(part, ast.Constant) and isinstance(part.value, str) \
                        and is_prose(part.value):
                    found.append((node.lineno, part.value))
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_behaviour_tests_assert_no_copied_sentences():
    found = [f"{path.relative_to(TESTS.parent)}:{line}: {text!r}"
             for path in sorted(TESTS.rglob("*.py")) if path.name != "test_prose.py"
             for line, text in prose_asserts(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_check_tells_a_sentence_from_a_name():
    assert is_prose("Paret är låst. Kör matchningen igen.")
    assert not is_prose("Anna Andersson")
    assert not is_prose("Biblioteksnätverket")
    assert not is_prose("namn;e-post;kommun")
    assert not is_prose("anna@example.org")


def test_the_check_skips_wording_tests_and_assert_messages():
    source = '''
import pytest
def test_a(page):
    assert "Paret är låst nu." in page, "the pair is now locked"
@pytest.mark.wording
def test_b(page):
    assert "Paret är låst nu." in page
'''
    assert prose_asserts(source) == [(4, "Paret är låst nu.")]
    assert prose_asserts("import pytest\npytestmark = [pytest.mark.wording]\n"
                         "def test_c(p):\n    assert 'ett två tre' in p\n") == []
