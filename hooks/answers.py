"""Read a connector's Copier answers file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class AnswersError(Exception):
    """Raised when an answers file is missing or unreadable."""


def answers_path(
    checkout: Path, answers_file: str | None, name: str | None = None
) -> Path:
    """Resolve the answers file of a connector inside a checkout.

    With no explicit file, a checkout that holds exactly one
    `.copier-answers.*.yml` uses that one.
    """
    if answers_file:
        path = Path(answers_file)
        return path if path.is_absolute() else checkout / path
    if name:
        return checkout / f".copier-answers.{name}.yml"
    candidates = sorted(checkout.glob(".copier-answers.*.yml"))
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise AnswersError(
            f"no .copier-answers.<name>.yml in {checkout}: pass --answers-file."
        )
    names = ", ".join(path.name for path in candidates)
    raise AnswersError(
        f"several answers files in {checkout} ({names}): pass --answers-file."
    )


def load_answers(path: Path) -> dict[str, Any]:
    """Load an answers file and check it names a connector."""
    if not path.is_file():
        raise AnswersError(
            f"answers file {path} not found: pass the .copier-answers.<name>.yml "
            "that `copier copy` wrote."
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise AnswersError(f"answers file {path} is not valid YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("connector_name"), str):
        raise AnswersError(
            f"answers file {path} has no connector_name: it is not a connector's "
            "answers file."
        )
    return data
