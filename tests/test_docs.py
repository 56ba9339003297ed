"""The CLI reference is generated from --help and every command carries worked examples."""

from pathlib import Path

import click
import pytest

from claimscope.cli import main
from scripts.gen_cli_docs import OUT, render

COMMANDS = sorted(main.list_commands(click.Context(main)))


def test_cli_reference_is_up_to_date() -> None:
    assert OUT.read_text(encoding="utf-8") == render(), "run: .venv/bin/python scripts/gen_cli_docs.py"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_examples(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert "Examples:" in ((command.help or "") + (command.epilog or "")), f"{name} has no worked examples"


def test_readme_names_the_two_commands() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
