"""The README stays true to the code: every command is documented, the quick start is the
two make targets, and .ci/run runs the README's test command."""

from pathlib import Path

from pipeline.cli import cli

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    for name in cli.commands:
        assert f"partnerwire {name}" in README, name


def test_quick_start_is_the_two_make_targets():
    quick_start = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert "make demo" in quick_start
    assert "make test" in quick_start


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO / ".ci" / "run").read_text()
