"""The examples in the docstrings run and give what they say."""

import doctest

import pytest

import lfsr_map


def docstrings():
    yield "lfsr_map", lfsr_map.__doc__
    for f in (
        lfsr_map.analyze,
        lfsr_map.analyze_many,
        lfsr_map.census,
        lfsr_map.poly,
        lfsr_map.sequence,
        lfsr_map.berlekamp_massey,
        lfsr_map.find,
    ):
        # The Rust doc comments fence their examples as ```text for rustdoc.
        yield f.__name__, f.__doc__.replace("```text", "").replace("```", "")


@pytest.mark.parametrize("name,doc", list(docstrings()), ids=lambda x: x if isinstance(x, str) and len(x) < 20 else "")
def test_docstring_examples(name, doc):
    test = doctest.DocTestParser().get_doctest(doc, {"lfsr_map": lfsr_map}, name, None, 0)
    assert test.examples, f"{name} has no example"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
