"""Bad and hostile answers: a clear error, and nothing written.

Every table case runs the real Copier CLI against a committed snapshot of this
template and a committed copy of the miniature Hyperswitch checkout. It
asserts a non-zero exit, an error message that names the offending value and
the fix, and a destination whose files hash the same before and after.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import tomllib
import tree_sitter
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import answer_checks
import naming
import post_generate
import text_escape
from conftest import (
    CONNECTOR_FILE,
    DOC_FILES,
    RUST_LANGUAGE,
    TEMPLATE_ROOT,
    TEST_FILE,
    TRANSFORMERS_FILE,
    copy_fixture_checkout,
    git,
    render,
    syntax_errors,
)

COPIER = (sys.executable, "-m", "copier")
NAME = "acmepay"
ANSWERS_FILE = f".copier-answers.{NAME}.yml"
SPECS_FILE = DOC_FILES[0]
# The last line of a Python traceback, e.g. "ValueError: Validation error …".
EXCEPTION_LINE = re.compile(r"^[A-Za-z_.]*(?:Error|Exception): ", re.M)

Prepare = Callable[[Path], None]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def template_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Commit a snapshot of the template's working tree in a new git repo.

    Copier commits the working tree of a dirty local template into its clone
    on every run, which makes each run slower. The snapshot is committed once
    and still includes the uncommitted changes.
    """
    snapshot = tmp_path_factory.mktemp("template") / "repo"
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=TEMPLATE_ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for relative in filter(None, listed.split("\0")):
        source = TEMPLATE_ROOT / relative
        if relative.startswith(".venv/") or not source.is_file():
            continue
        target = snapshot / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    git(snapshot, "init", "-q", "-b", "main")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "Template snapshot")
    return snapshot


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """Return a committed copy of the miniature Hyperswitch checkout."""
    return copy_fixture_checkout(tmp_path / "hyperswitch")


def tree_digest(root: Path) -> dict[str, str]:
    """Hash every file and list every folder under root, outside .git.

    .git is left out because `git status` may refresh its index. Tests that
    need it compare the commit of the checkout separately.
    """
    digest: dict[str, str] = {}
    if root.is_file():
        return {".": hashlib.sha256(root.read_bytes()).hexdigest()}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative == ".git" or relative.startswith(".git/"):
            continue
        if path.is_symlink():
            digest[relative] = f"symlink to {os.readlink(path)}"
        elif path.is_dir():
            digest[relative] = "folder"
        else:
            digest[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest


def run_copier(*args: str, env: dict[str, str] | None = None) -> CopierResult:
    """Run the Copier CLI of this environment and capture its output."""
    result = subprocess.run(
        [*COPIER, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "PYTHONUTF8": "1", **(env or {})},
        timeout=120,
    )
    return CopierResult(result.returncode, result.stdout, result.stderr)


@dataclass(frozen=True)
class CopierResult:
    """Exit status and output of one Copier run."""

    returncode: int
    stdout: str
    stderr: str

    @property
    def message(self) -> str:
        """Return the error Copier printed last, without the traceback."""
        starts = [match.start() for match in EXCEPTION_LINE.finditer(self.stderr)]
        if starts:
            return self.stderr[starts[-1] :]
        return self.stderr + self.stdout


def copy_args(template: Path, destination: Path, data: Sequence[str]) -> list[str]:
    """Return the arguments of a non-interactive `copier copy`."""
    pairs = [item for key_value in data for item in ("-d", key_value)]
    return [
        "copy",
        "--trust",
        "--defaults",
        "-r",
        "HEAD",
        *pairs,
        str(template),
        str(destination),
    ]


def commit_all(checkout: Path, message: str) -> None:
    """Commit every change in the checkout."""
    git(checkout, "add", "-A")
    git(checkout, "commit", "-q", "-m", message)


@contextmanager
def unwritable(folder: Path) -> Iterator[None]:
    """Make folder unwritable, even for root, for the duration of the block.

    Permission bits stop other users. Root ignores them, so for root this sets
    the immutable attribute with chattr, and skips the test where the file
    system or the container does not allow that.
    """
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    immutable = False
    if os.access(folder, os.W_OK):
        chattr = shutil.which("chattr")
        result = (
            subprocess.run(
                [chattr, "+i", str(folder)], capture_output=True, text=True, check=False
            )
            if chattr
            else None
        )
        if result is None or result.returncode != 0:
            folder.chmod(mode)
            reason = result.stderr.strip() if result else "chattr is not installed"
            pytest.skip(f"cannot make a folder unwritable for root here: {reason}")
        immutable = True
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(mode)


# ---------------------------------------------------------------------------
# Bad answers on the command line
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BadAnswer:
    """One rejected answer set: the -d pairs and the message fragments."""

    case_id: str
    data: tuple[str, ...]
    expected: tuple[str, ...]
    prepare: Prepare | None = field(default=None, compare=False)


def bad_name(case_id: str, value: str, fix: str) -> BadAnswer:
    """Build a case that passes value as connector_name."""
    return BadAnswer(case_id, (f"connector_name={value}",), (repr(value), fix))


def bad_answer(case_id: str, data: dict[str, str], *expected: str) -> BadAnswer:
    """Build a case with a valid connector_name and the given answers."""
    pairs = tuple(
        f"{key}={value}" for key, value in {"connector_name": NAME, **data}.items()
    )
    return BadAnswer(case_id, pairs, expected)


def add_answers_file(checkout: Path) -> None:
    """Commit an answers file for the connector, as an earlier copy leaves it."""
    (checkout / ANSWERS_FILE).write_text(f"connector_name: {NAME}\n", encoding="utf-8")
    commit_all(checkout, "Earlier copy")


def add_connector_module(checkout: Path) -> None:
    """Commit a hand-written module with the connector's name."""
    module = checkout / CONNECTOR_FILE.format(name=NAME)
    module.parent.mkdir(parents=True, exist_ok=True)
    module.write_text("pub struct Acmepay;\n", encoding="utf-8")
    commit_all(checkout, "Hand-written connector")


MODULE_NAME_FIX = "use lowercase ASCII letters and digits, start with a letter"
URL_FIX = "must start with https://"
CHARACTER_FIX = "remove quotes, backslashes, angle brackets and whitespace"
DELIMITER_FIX = "remove it"
SEGMENT_FIX = "use letters, digits, '.', '_', '~', '-' or one {placeholder}"
LONG_URL = "https://sandbox.acmepay.com/" + "a" * 2100

BAD_ANSWERS = [
    # Connector names.
    BadAnswer(
        "name-empty", ("connector_name=",), ("connector_name is empty", "e.g. acmepay")
    ),
    bad_name("name-uppercase", "AcmePay", MODULE_NAME_FIX),
    bad_name("name-leading-digit", "3dpay", MODULE_NAME_FIX),
    bad_name("name-hyphen", "acme-pay", MODULE_NAME_FIX),
    bad_name("name-dot", "acme.pay", MODULE_NAME_FIX),
    bad_name("name-slash", "acme/pay", MODULE_NAME_FIX),
    bad_name("name-parent-folder", "..", MODULE_NAME_FIX),
    bad_name("name-space", "acme pay", MODULE_NAME_FIX),
    bad_name("name-unicode-letter", "paymé", MODULE_NAME_FIX),
    bad_name("name-leading-underscore", "_acmepay", MODULE_NAME_FIX),
    bad_name("name-underscore-before-digit", "pay_3d", "followed by a letter"),
    bad_name("name-double-underscore", "acme__pay", "single underscores"),
    BadAnswer(
        "name-too-long",
        ("connector_name=" + "a" * 21,),
        ("'" + "a" * 21 + "'", "use at most 20"),
    ),
    bad_name("name-keyword-type", "type", "is a Rust keyword: choose another name"),
    bad_name("name-keyword-impl", "impl", "is a Rust keyword: choose another name"),
    bad_name("name-keyword-self", "self", "is a Rust keyword: choose another name"),
    bad_name("name-keyword-crate", "crate", "is a Rust keyword: choose another name"),
    bad_name(
        "name-module-utils", "utils", "already a module of hyperswitch_connectors"
    ),
    bad_name(
        "name-registered-adyen",
        "adyen",
        "already registered in crates/hyperswitch_connectors/src/connectors.rs",
    ),
    bad_name(
        "name-registered-stripe",
        "stripe",
        "already registered in crates/hyperswitch_connectors/src/connectors.rs",
    ),
    bad_name(
        "name-serde-rename",
        "phonypay",
        "already registered in crates/common_enums/src/connector_enums.rs",
    ),
    bad_name(
        "name-auth-struct-field",
        "users",
        "already registered in crates/test_utils/src/connector_auth.rs",
    ),
    bad_name(
        "name-auth-struct-field-multiword",
        "automation_configs",
        "already registered in crates/test_utils/src/connector_auth.rs",
    ),
    bad_name(
        "name-connectors-subtable",
        "supported",
        "already registered in config/development.toml",
    ),
    BadAnswer(
        "name-already-generated",
        (f"connector_name={NAME}",),
        (repr(NAME), f"copier update -a {ANSWERS_FILE} --trust"),
        prepare=add_answers_file,
    ),
    BadAnswer(
        "name-module-file-present",
        (f"connector_name={NAME}",),
        (repr(NAME), "already exists in this checkout", "choose another name"),
        prepare=add_connector_module,
    ),
    # Base URLs.
    bad_answer("url-empty", {"base_url": ""}, "base_url is empty", "e.g. https://"),
    bad_answer(
        "url-no-scheme",
        {"base_url": "sandbox.acmepay.com"},
        "'sandbox.acmepay.com'",
        URL_FIX,
    ),
    bad_answer(
        "url-ftp",
        {"base_url": "ftp://sandbox.acmepay.com"},
        "'ftp://sandbox.acmepay.com'",
        URL_FIX,
    ),
    bad_answer(
        "url-javascript",
        {"base_url": "javascript:alert(1)"},
        "'javascript:alert(1)'",
        URL_FIX,
    ),
    bad_answer(
        "url-double-quote",
        {"base_url": 'https://sandbox.acmepay.com/"x'},
        repr('https://sandbox.acmepay.com/"x'),
        CHARACTER_FIX,
    ),
    bad_answer(
        "url-single-quote",
        {"base_url": "https://sandbox.acmepay.com/'x"},
        repr("https://sandbox.acmepay.com/'x"),
        CHARACTER_FIX,
    ),
    bad_answer(
        "url-newline",
        {"base_url": "https://sandbox.acmepay.com/\nx"},
        repr("https://sandbox.acmepay.com/\nx"),
        CHARACTER_FIX,
    ),
    bad_answer(
        "url-space",
        {"base_url": "https://sandbox acmepay.com"},
        repr("https://sandbox acmepay.com"),
        CHARACTER_FIX,
    ),
    bad_answer(
        "url-jinja-expression",
        {"base_url": "https://{{host}}.com"},
        "'https://{{host}}.com'",
        DELIMITER_FIX,
    ),
    bad_answer(
        "url-jinja-statement",
        {"base_url": "https://sandbox.acmepay.com/{%raw%}"},
        "'https://sandbox.acmepay.com/{%raw%}'",
        DELIMITER_FIX,
    ),
    bad_answer(
        "url-too-long",
        {"base_url": LONG_URL},
        repr(LONG_URL[:40]),
        "use at most 2048",
    ),
    bad_answer(
        "url-credentials",
        {"base_url": "https://user:secret@sandbox.acmepay.com"},
        "'https://user:secret@sandbox.acmepay.com'",
        "remove the user:password@ part",
    ),
    bad_answer(
        "url-non-ascii-host",
        {"base_url": "https://sandbox.paymé.com"},
        "'https://sandbox.paymé.com'",
        "use the punycode form",
    ),
    # Flows.
    bad_answer(
        "flows-empty", {"flows": "[]"}, "flows is empty", "choose at least authorize"
    ),
    bad_answer(
        "flows-unknown",
        {"flows": "[authorize, teleport]"},
        "'teleport'",
        "is not in ['authorize'",
    ),
    bad_answer(
        "flows-capture-without-authorize",
        {"flows": "[capture]"},
        "flow 'capture' needs authorize",
        "add authorize to flows",
    ),
    bad_answer(
        "flows-rsync-without-refund",
        {"flows": "[authorize, rsync]"},
        "flow 'rsync' needs refund",
        "add refund to flows",
    ),
    bad_answer(
        "flows-not-a-list", {"flows": "authorize"}, "'authorize'", "Not a YAML list"
    ),
    # Endpoint paths.
    bad_answer(
        "endpoint-parent-segment",
        {"authorize_endpoint": "POST /v1/../admin"},
        "'POST /v1/../admin'",
        "write the path without them",
    ),
    bad_answer(
        "endpoint-double-quote",
        {"authorize_endpoint": 'POST /v1/pay"ments'},
        repr('POST /v1/pay"ments'),
        SEGMENT_FIX,
    ),
    bad_answer(
        "endpoint-single-quote",
        {"authorize_endpoint": "POST /v1/pay'ments"},
        repr("POST /v1/pay'ments"),
        SEGMENT_FIX,
    ),
    bad_answer(
        "endpoint-backslash",
        {"authorize_endpoint": "POST /v1\\payments"},
        repr("POST /v1\\payments"),
        SEGMENT_FIX,
    ),
    bad_answer(
        "endpoint-newline",
        {"authorize_endpoint": "POST /v1/payments\nGET /admin"},
        repr("POST /v1/payments\nGET /admin"),
        "write it on one line",
    ),
    bad_answer(
        "endpoint-jinja-expression",
        {"authorize_endpoint": "POST /v1/{{x}}"},
        "'POST /v1/{{x}}'",
        DELIMITER_FIX,
    ),
    bad_answer(
        "endpoint-jinja-comment",
        {"authorize_endpoint": "POST /v1/{#x#}"},
        "'POST /v1/{#x#}'",
        DELIMITER_FIX,
    ),
    bad_answer(
        "endpoint-other-host",
        {"authorize_endpoint": "POST https://evil.example/pay"},
        "'POST https://evil.example/pay'",
        "give only the path after base_url",
    ),
    bad_answer(
        "endpoint-protocol-relative",
        {"authorize_endpoint": "POST //evil.example/pay"},
        "'POST //evil.example/pay'",
        "give only the path after base_url",
    ),
    bad_answer(
        "endpoint-placeholder-flow-lacks",
        {"psync_endpoint": "GET /payments/{connector_refund_id}"},
        "'GET /payments/{connector_refund_id}'",
        "use {connector_transaction_id}",
    ),
    bad_answer(
        "endpoint-placeholder-without-ids",
        {"authorize_endpoint": "POST /payments/{connector_transaction_id}"},
        "'POST /payments/{connector_transaction_id}'",
        "use none",
    ),
    bad_answer(
        "endpoint-unknown-method",
        {"authorize_endpoint": "FETCH /payments"},
        "'FETCH /payments'",
        "use one of GET, POST",
    ),
    bad_answer(
        "url-port-out-of-range",
        {"base_url": "https://sandbox.acmepay.com:99999"},
        "'https://sandbox.acmepay.com:99999'",
        "invalid port",
    ),
    bad_answer(
        "url-port-not-a-number",
        {"base_url": "https://sandbox.acmepay.com:abc"},
        "'https://sandbox.acmepay.com:abc'",
        "invalid port",
    ),
    bad_answer(
        "url-host-leading-hyphen",
        {"base_url": "https://-acmepay-.com"},
        "'-acmepay-.com'",
        "invalid host name",
    ),
    bad_answer(
        "url-host-empty-label",
        {"base_url": "https://sandbox..acmepay.com"},
        "'sandbox..acmepay.com'",
        "invalid host name",
    ),
    bad_answer(
        "url-broken-percent-escape",
        {"base_url": "https://sandbox.acmepay.com/%zz"},
        "'https://sandbox.acmepay.com/%zz'",
        "write a literal '%' as %25",
    ),
    # Display names.
    bad_answer(
        "display-grace-placeholder",
        {"display_name": "[[connector_name]]"},
        "'[[connector_name]]'",
        "unfilled GRACE placeholder",
    ),
    bad_answer(
        "display-newline",
        {"display_name": "Acme\nPay"},
        repr("Acme\nPay"),
        "write it on one line",
    ),
    bad_answer(
        "display-jinja-expression",
        {"display_name": "Acme {{ pay }}"},
        "'Acme {{ pay }}'",
        DELIMITER_FIX,
    ),
    bad_answer(
        "display-jinja-statement",
        {"display_name": "Acme {% pay %}"},
        "'Acme {% pay %}'",
        DELIMITER_FIX,
    ),
    bad_answer(
        "display-blank",
        {"display_name": "   "},
        "display_name is empty",
        "e.g. Acme Pay",
    ),
    bad_answer(
        "display-too-long", {"display_name": "A" * 81}, repr("A" * 20), "use at most 80"
    ),
    # Choices, auth and the date.
    bad_answer(
        "auth-type-unknown",
        {"auth_type": "ApiKey"},
        "'ApiKey'",
        "is not in ['HeaderKey'",
    ),
    bad_answer(
        "amount-unit-unknown",
        {"amount_unit": "Cents"},
        "'Cents'",
        "is not in ['MinorUnit'",
    ),
    bad_answer(
        "content-type-unknown", {"content_type": "yaml"}, "'yaml'", "is not in ['json'"
    ),
    bad_answer(
        "integration-status-unknown",
        {"integration_status": "Gamma"},
        "'Gamma'",
        "is not in ['Alpha'",
    ),
    bad_answer(
        "auth-scheme-does-not-fit",
        {"auth_type": "NoKey", "auth_scheme": "bearer"},
        "auth_scheme 'bearer' does not fit NoKey",
        "choose from none",
    ),
    bad_answer(
        "auth-scheme-certificate-for-header-key",
        {"auth_type": "HeaderKey", "auth_scheme": "certificate"},
        "auth_scheme 'certificate' does not fit HeaderKey",
        "choose from bearer, raw_header, custom_header",
    ),
    bad_answer(
        "auth-header-name-with-space",
        {"auth_scheme": "custom_header", "auth_header_name": "X Api Key"},
        "'X Api Key'",
        "e.g. X-Api-Key",
    ),
    bad_answer(
        "payment-methods-empty",
        {"payment_methods": "[]"},
        "payment_methods is empty",
        "choose at least card",
    ),
    bad_answer(
        "date-impossible",
        {"generated_on": "2024-13-45"},
        "'2024-13-45'",
        "use YYYY-MM-DD",
    ),
    bad_answer(
        "date-wrong-format",
        {"generated_on": "04/12/2024"},
        "'04/12/2024'",
        "use YYYY-MM-DD",
    ),
]


# bad_name() cases pass only a connector_name; the others add more answers.
NAME_CASES = [case for case in BAD_ANSWERS if len(case.data) == 1]
OTHER_CASES = [case for case in BAD_ANSWERS if case not in NAME_CASES]


def assert_rejected(case: BadAnswer, template_repo: Path, checkout: Path) -> None:
    """Run copier copy with the case's answers and check nothing was written."""
    if case.prepare is not None:
        case.prepare(checkout)
    before = tree_digest(checkout)
    head = git(checkout, "rev-parse", "HEAD")

    result = run_copier(*copy_args(template_repo, checkout, case.data))

    assert result.returncode != 0, result.stdout + result.stderr
    for fragment in case.expected:
        assert fragment in result.message, result.stderr
    assert tree_digest(checkout) == before
    assert git(checkout, "rev-parse", "HEAD") == head


# Two classes, so that pytest-xdist's --dist loadscope shares the table between
# workers instead of running all of it on one.
class TestBadNames:
    """Connector names that copier copy must reject."""

    @pytest.mark.parametrize("case", NAME_CASES, ids=lambda case: case.case_id)
    def test_copy_rejects_bad_name(
        self, case: BadAnswer, template_repo: Path, checkout: Path
    ) -> None:
        assert_rejected(case, template_repo, checkout)


class TestOtherBadAnswers:
    """URLs, flows, endpoints, display names and choices copier copy must reject."""

    @pytest.mark.parametrize("case", OTHER_CASES, ids=lambda case: case.case_id)
    def test_copy_rejects_bad_answer(
        self, case: BadAnswer, template_repo: Path, checkout: Path
    ) -> None:
        assert_rejected(case, template_repo, checkout)


# ---------------------------------------------------------------------------
# Bad data files
# ---------------------------------------------------------------------------

DATA_FILES = {
    "invalid-yaml": ("connector_name: [acmepay\n", ("expected ',' or ']'", "line 2")),
    "invalid-values": (
        "connector_name: acmepay\nbase_url: ftp://sandbox.acmepay.com\n",
        ("'ftp://sandbox.acmepay.com'", URL_FIX),
    ),
    "invalid-name": ("connector_name: Acme Pay\n", ("'Acme Pay'", MODULE_NAME_FIX)),
    "unknown-flow": (
        "connector_name: acmepay\nflows: [authorize, teleport]\n",
        ("'teleport'", "is not in ['authorize'"),
    ),
}


@pytest.mark.parametrize("kind", sorted(DATA_FILES))
def test_copy_rejects_bad_data_file(
    kind: str, template_repo: Path, checkout: Path, tmp_path: Path
) -> None:
    text, expected = DATA_FILES[kind]
    data_file = tmp_path / f"{kind}.yml"
    data_file.write_text(text, encoding="utf-8")
    before = tree_digest(checkout)

    result = run_copier(
        *copy_args(template_repo, checkout, ()), "--data-file", str(data_file)
    )

    assert result.returncode != 0
    for fragment in expected:
        assert fragment in result.message, result.stderr
    assert tree_digest(checkout) == before


def run_list_data_file(template: Path, checkout: Path, tmp_path: Path) -> CopierResult:
    """Copy with a data file whose top level is a list, not a mapping."""
    data_file = tmp_path / "list.yml"
    data_file.write_text(f"- connector_name: {NAME}\n", encoding="utf-8")
    return run_copier(*copy_args(template, checkout, ()), "--data-file", str(data_file))


def test_data_file_list_rejected(
    template_repo: Path, checkout: Path, tmp_path: Path
) -> None:
    before = tree_digest(checkout)

    result = run_list_data_file(template_repo, checkout, tmp_path)

    assert result.returncode != 0
    assert tree_digest(checkout) == before


@pytest.mark.xfail(
    strict=True,
    reason="Copier 9.19.1 loads --data-file itself and reports a list as "
    "\"'list' object has no attribute 'items'\", before any template code runs",
)
def test_data_file_list_message_names_fix(
    template_repo: Path, checkout: Path, tmp_path: Path
) -> None:
    result = run_list_data_file(template_repo, checkout, tmp_path)

    assert "mapping" in result.message


# ---------------------------------------------------------------------------
# Bad destinations
# ---------------------------------------------------------------------------


def test_destination_file_rejected(template_repo: Path, tmp_path: Path) -> None:
    destination = tmp_path / "hyperswitch"
    destination.write_text("not a checkout\n", encoding="utf-8")
    before = tree_digest(tmp_path)

    result = run_copier(
        *copy_args(template_repo, destination, (f"connector_name={NAME}",))
    )

    assert result.returncode != 0
    assert repr(str(destination)) in result.message
    assert "is a file, not a folder" in result.message
    assert "pass the root folder of a Hyperswitch checkout" in result.message
    assert tree_digest(tmp_path) == before


@pytest.mark.parametrize(
    "relative",
    [
        ".",
        "crates/router/tests/connectors",
        "crates/hyperswitch_connectors/src/connectors",
    ],
    ids=["root", "test-folder", "connector-folder"],
)
def test_destination_read_only_rejected(
    relative: str, template_repo: Path, checkout: Path
) -> None:
    folder = checkout / relative
    folder.mkdir(parents=True, exist_ok=True)
    before = tree_digest(checkout)

    with unwritable(folder):
        result = run_copier(
            *copy_args(template_repo, checkout, (f"connector_name={NAME}",))
        )

    assert result.returncode != 0
    assert repr(str(folder)) in result.message
    assert "is not writable" in result.message
    assert "make it writable" in result.message
    assert tree_digest(checkout) == before


def test_destination_under_read_only_parent_rejected(
    template_repo: Path, tmp_path: Path
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    destination = parent / "hyperswitch"

    with unwritable(parent):
        result = run_copier(
            *copy_args(template_repo, destination, (f"connector_name={NAME}",))
        )

    assert result.returncode != 0
    assert repr(str(parent)) in result.message
    assert "is not writable" in result.message
    assert list(parent.iterdir()) == []


def test_checkout_missing_registration_file_rejected(
    template_repo: Path, checkout: Path
) -> None:
    (checkout / "crates/common_enums/src/connector_enums.rs").unlink()
    commit_all(checkout, "Drop the connector enum")
    before = tree_digest(checkout)

    result = run_copier(
        *copy_args(template_repo, checkout, (f"connector_name={NAME}",))
    )

    assert result.returncode != 0
    assert "connector_enums.rs" in result.message
    assert "register=false" in result.message
    assert tree_digest(checkout) == before


# ---------------------------------------------------------------------------
# Update and recopy of an existing connector
# ---------------------------------------------------------------------------


@pytest.fixture
def generated(template_repo: Path, checkout: Path) -> Path:
    """Return a checkout with the connector rendered and committed."""
    render(checkout, {"connector_name": NAME}, src_path=template_repo)
    commit_all(checkout, "Add acmepay")
    return checkout


def edit_answers(checkout: Path, **changes: object) -> None:
    """Edit the recorded answers by hand and commit the edit."""
    path = checkout / ANSWERS_FILE
    text = path.read_text(encoding="utf-8")
    for key, value in changes.items():
        dumped = yaml.safe_dump({key: value}, default_flow_style=True, width=1000)
        line = dumped.strip()[1:-1]
        text, count = re.subn(
            rf"^{key}:.*(?:\n- .*)*$", lambda _, line=line: line, text, flags=re.M
        )
        assert count == 1, f"{key} not found in {path}"
    path.write_text(text, encoding="utf-8")
    commit_all(checkout, "Edit answers by hand")


EDITED_ANSWERS: dict[str, tuple[dict[str, object], tuple[str, ...]]] = {
    "base-url": (
        {"base_url": "javascript:alert(1)"},
        ("'javascript:alert(1)'", URL_FIX),
    ),
    "flows-without-prerequisite": (
        {"flows": ["capture"]},
        ("flow 'capture' needs authorize", "add authorize to flows"),
    ),
    "renamed-connector": (
        {"connector_name": "acme_pay"},
        ("'acme_pay'", "cannot change on update", "Keep the original name"),
    ),
    "auth-type": ({"auth_type": "ApiKey"}, ("'ApiKey'", "is not in ['HeaderKey'")),
    "endpoint": (
        {"authorize_endpoint": "POST https://evil.example/pay"},
        ("'POST https://evil.example/pay'", "give only the path after base_url"),
    ),
}


@pytest.mark.parametrize("kind", sorted(EDITED_ANSWERS))
def test_update_rejects_hand_edited_answers(kind: str, generated: Path) -> None:
    changes, expected = EDITED_ANSWERS[kind]
    edit_answers(generated, **changes)
    before = tree_digest(generated)
    head = git(generated, "rev-parse", "HEAD")

    result = run_copier(
        "update", "--trust", "--defaults", "-a", ANSWERS_FILE, str(generated)
    )

    assert result.returncode != 0
    for fragment in expected:
        assert fragment in result.message, result.stderr
    assert tree_digest(generated) == before
    assert git(generated, "rev-parse", "HEAD") == head


def test_update_rejects_dirty_checkout(generated: Path) -> None:
    readme = generated / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "local edit\n")
    before = tree_digest(generated)

    result = run_copier(
        "update", "--trust", "--defaults", "-a", ANSWERS_FILE, str(generated)
    )

    assert result.returncode != 0
    assert "Destination repository is dirty" in result.message
    assert "commit or stash your local changes" in result.message
    assert tree_digest(generated) == before


def run_recopy(generated: Path) -> CopierResult:
    """Run copier recopy on the generated connector, without tasks."""
    return run_copier(
        "recopy",
        "--trust",
        "--defaults",
        "--overwrite",
        "--skip-tasks",
        "-a",
        ANSWERS_FILE,
        str(generated),
    )


def test_recopy_renders_existing_connector(generated: Path) -> None:
    module = generated / CONNECTOR_FILE.format(name=NAME)
    module.write_text("// local edit\n", encoding="utf-8")
    commit_all(generated, "Break the module")

    result = run_recopy(generated)

    assert result.returncode == 0, result.stderr
    assert "impl ConnectorCommon for Acmepay" in module.read_text(encoding="utf-8")


def test_recopy_replaces_invalid_recorded_url(generated: Path) -> None:
    edit_answers(generated, base_url="javascript:alert(1)")

    result = run_recopy(generated)

    assert result.returncode == 0, result.stderr
    recorded = yaml.safe_load((generated / ANSWERS_FILE).read_text(encoding="utf-8"))
    assert recorded["base_url"] == f"https://sandbox.{NAME}.com"
    for path in generated.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            assert "javascript:" not in path.read_text(
                encoding="utf-8", errors="replace"
            )


def test_duplicated_flow_recorded_once(template_repo: Path, tmp_path: Path) -> None:
    destination = render(
        tmp_path / "out",
        {"connector_name": NAME, "flows": ["authorize", "psync", "authorize"]},
        src_path=template_repo,
    )

    recorded = yaml.safe_load((destination / ANSWERS_FILE).read_text(encoding="utf-8"))
    assert recorded["flows"] == ["authorize", "psync"]


def test_check_flows_rejects_duplicate() -> None:
    message = answer_checks.check_flows(["authorize", "psync", "authorize"])

    assert "'authorize'" in message
    assert "list each flow once" in message


# ---------------------------------------------------------------------------
# Text that is allowed must keep its literal meaning
# ---------------------------------------------------------------------------

TRICKY_DISPLAY_NAME = 'Acme "Pay" \\ Co #1 */ |x| <b>&amp; it\'s *bold* _é_ 😀 `c`'
TRICKY_BASE_URL = "https://sandbox.acme-pay.example:8443/v1;x=1/%41~$&+,=@!*()"
RUST_ESCAPES = {
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "0": "\0",
    "\\": "\\",
    '"': '"',
    "'": "'",
}


def unescape_rust(literal: str) -> str:
    r"""Return the value of a Rust string literal such as "a\"b"."""
    body = literal[1:-1]
    out: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char != "\\":
            out.append(char)
            index += 1
            continue
        code = body[index + 1]
        if code == "u":
            end = body.index("}", index)
            out.append(chr(int(body[index + 3 : end], 16)))
            index = end + 1
        elif code == "x":
            out.append(chr(int(body[index + 2 : index + 4], 16)))
            index += 4
        else:
            out.append(RUST_ESCAPES[code])
            index += 2
    return "".join(out)


def rust_field_strings(source: bytes, field_name: str) -> list[str]:
    """Return the values of every `field_name: "…"` string in Rust source."""
    tree = tree_sitter.Parser(RUST_LANGUAGE).parse(source)
    values: list[str] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type != "field_initializer":
            continue
        name = node.child_by_field_name("field")
        value = node.child_by_field_name("value")
        if name is None or value is None or value.type != "string_literal":
            continue
        if name.text == field_name.encode():
            values.append(unescape_rust(value.text.decode()))
    return values


def unescape_markdown(text: str) -> str:
    """Undo CommonMark backslash escapes of ASCII punctuation."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def unescaped_specials(text: str) -> list[str]:
    """Return Markdown special characters in text that no backslash escapes."""
    bare = re.sub(r"\\[!-/:-@\[-`{-~]", "", text)
    return [char for char in bare if char in "\\`*_{}[]<>#|&"]


def table_cells(row: str) -> list[str]:
    """Split a Markdown table row at the pipes that are not escaped."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


@pytest.fixture(scope="module")
def tricky_render(
    template_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Render a connector whose display name and URL hold syntax characters."""
    checkout = copy_fixture_checkout(tmp_path_factory.mktemp("tricky") / "hs")
    render(
        checkout,
        {
            "connector_name": NAME,
            "display_name": TRICKY_DISPLAY_NAME,
            "base_url": TRICKY_BASE_URL,
        },
        src_path=template_repo,
        skip_tasks=False,
    )
    return checkout


def test_tricky_display_name_is_valid() -> None:
    assert answer_checks.check_display_name(TRICKY_DISPLAY_NAME) == ""
    assert answer_checks.check_base_url(TRICKY_BASE_URL) == ""


def test_rust_display_name_keeps_literal_text(tricky_render: Path) -> None:
    source = (tricky_render / CONNECTOR_FILE.format(name=NAME)).read_bytes()

    assert syntax_errors(source) == []
    assert rust_field_strings(source, "display_name") == [TRICKY_DISPLAY_NAME]
    assert rust_field_strings(source, "description") == [
        TRICKY_DISPLAY_NAME + " payment connector, scaffolded for Hyperswitch."
    ]


@pytest.mark.parametrize("relative", DOC_FILES, ids=["specs", "plan", "guide"])
def test_markdown_title_keeps_literal_text(tricky_render: Path, relative: str) -> None:
    text = (tricky_render / relative.format(name=NAME)).read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("# "))
    escaped = title.split(": ", 1)[1]

    assert text_escape.markdown_text(TRICKY_DISPLAY_NAME) in text
    assert unescape_markdown(escaped) == TRICKY_DISPLAY_NAME
    assert unescaped_specials(escaped) == []


def test_markdown_table_cell_keeps_literal_text(tricky_render: Path) -> None:
    text = (tricky_render / SPECS_FILE.format(name=NAME)).read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| Display name"))
    cells = table_cells(row)

    assert len(cells) == 2
    assert unescape_markdown(cells[1]) == TRICKY_DISPLAY_NAME


def test_base_url_reaches_toml_literally(tricky_render: Path) -> None:
    config = tricky_render / "config" / "development.toml"
    connectors = tomllib.loads(config.read_text(encoding="utf-8"))["connectors"]

    assert connectors[NAME]["base_url"] == TRICKY_BASE_URL


@pytest.mark.parametrize("value", [TRICKY_DISPLAY_NAME, TRICKY_BASE_URL, "a\tb\x7f"])
def test_toml_string_round_trips(value: str) -> None:
    document = tomllib.loads(f'key = "{text_escape.toml_string(value)}"\n')

    assert document["key"] == value


# ---------------------------------------------------------------------------
# Property: every accepted value renders parsable files, every rejected value
# fails before anything is written
# ---------------------------------------------------------------------------

PROPERTY_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
PATH_CHARACTERS = "ABCxyz019-._~%$&+,;=:@!*()'\"\\ {}#?/<>`|\n"
NAMES = st.one_of(
    st.from_regex(r"[a-z][a-z0-9]{0,8}(_[a-z][a-z0-9]{0,4}){0,2}", fullmatch=True),
    st.sampled_from(sorted(naming.RUST_KEYWORDS | answer_checks.RESERVED_MODULE_NAMES)),
    st.text(alphabet="abzAZ09_-./ é\"'{}%#", max_size=24),
    st.text(max_size=12),
)
URLS = st.one_of(
    st.builds(
        "{}://{}{}".format,
        st.sampled_from(["http", "https"]),
        st.from_regex(
            r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?(\.[a-z]{2,6}){1,2}", fullmatch=True
        ),
        st.text(alphabet=PATH_CHARACTERS, max_size=16).map(lambda path: "/" + path),
    ),
    st.text(alphabet=PATH_CHARACTERS + "hstp:", max_size=30),
    st.text(max_size=12),
)
RUST_PATHS = (CONNECTOR_FILE, TRANSFORMERS_FILE, TEST_FILE)


def assert_rendered_files_parse(destination: Path, name: str) -> None:
    """Check that every Rust file parses and no Jinja delimiter leaked."""
    for pattern in RUST_PATHS:
        source = (destination / pattern.format(name=name)).read_bytes()
        assert syntax_errors(source) == [], pattern
    for pattern in DOC_FILES:
        text = (destination / pattern.format(name=name)).read_text(encoding="utf-8")
        assert "{{" not in text, pattern


def assert_rejected_before_writing(
    template: Path, question: str, data: dict[str, str]
) -> None:
    """Render with data and check it fails in the question's validator."""
    with tempfile.TemporaryDirectory() as folder:
        destination = Path(folder) / "out"
        destination.mkdir()
        (destination / "keep.txt").write_text("untouched\n", encoding="utf-8")
        before = tree_digest(destination)
        with pytest.raises(
            ValueError, match=f"Validation error for question '{question}'"
        ):
            render(destination, data, src_path=template)
        assert tree_digest(destination) == before


@PROPERTY_SETTINGS
@given(name=NAMES)
def test_name_validator_property(template_repo: Path, name: str) -> None:
    if answer_checks.check_connector_name(name):
        assert_rejected_before_writing(
            template_repo, "connector_name", {"connector_name": name}
        )
        return
    with tempfile.TemporaryDirectory() as folder:
        destination = render(
            Path(folder) / "out", {"connector_name": name}, src_path=template_repo
        )
        assert_rendered_files_parse(destination, name)


@PROPERTY_SETTINGS
@given(url=URLS)
def test_url_validator_property(template_repo: Path, url: str) -> None:
    data = {"connector_name": NAME, "base_url": url}
    if answer_checks.check_base_url(url):
        assert_rejected_before_writing(template_repo, "base_url", data)
        return
    with tempfile.TemporaryDirectory() as folder:
        destination = render(Path(folder) / "out", data, src_path=template_repo)
        assert_rendered_files_parse(destination, NAME)
        specs = (destination / SPECS_FILE.format(name=NAME)).read_text(encoding="utf-8")
        code_span = "`" + url.replace("|", "\\|") + "`"
        assert code_span in specs
        document = tomllib.loads(f'url = "{text_escape.toml_string(url)}"\n')
        assert document["url"] == url


# ---------------------------------------------------------------------------
# Missing tools
# ---------------------------------------------------------------------------


def path_without(program: str, scratch: Path) -> str:
    """Return PATH with program hidden and every other command still found.

    A folder that contains program is replaced by a copy made of symlinks to
    everything else in it, so git and the shell tools it calls stay on PATH.
    """
    folders: list[str] = []
    for index, entry in enumerate(os.environ.get("PATH", "").split(os.pathsep)):
        folder = Path(entry)
        if not (folder / program).exists():
            folders.append(entry)
            continue
        shadow = scratch / f"path{index}"
        shadow.mkdir(parents=True)
        for item in folder.iterdir():
            if item.name != program:
                (shadow / item.name).symlink_to(item)
        folders.append(str(shadow))
    return os.pathsep.join(folders)


def test_missing_rustfmt_reports_skipped_check(
    template_repo: Path, checkout: Path, tmp_path: Path
) -> None:
    search_path = path_without("rustfmt", tmp_path / "bin")
    assert shutil.which("rustfmt", path=search_path) is None

    result = run_copier(
        *copy_args(template_repo, checkout, (f"connector_name={NAME}",)),
        env={"PATH": search_path},
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "rustfmt not found on PATH" in output
    assert "the formatting check was skipped" in output
    assert "rustup component add rustfmt" in output


def test_missing_package_prints_install_command(checkout: Path, tmp_path: Path) -> None:
    packages = tmp_path / "packages"
    packages.mkdir()
    for module in ("yaml", "tomlkit", "tree_sitter_rust"):
        spec_origin = Path(__import__(module).__file__ or "")
        (packages / module).symlink_to(spec_origin.parent)
    script = TEMPLATE_ROOT / "hooks" / "post_generate.py"

    result = subprocess.run(
        [
            sys.executable,
            "-S",
            str(script),
            "--answers-file",
            ANSWERS_FILE,
            str(checkout),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(packages)},
    )

    assert result.returncode == 1
    assert "the hooks need tree-sitter;" in result.stderr
    assert "`pipx inject copier tree-sitter`" in result.stderr
    assert f"`{sys.executable} -m pip install tree-sitter`" in result.stderr
    assert post_generate.install_hint(["tree-sitter"]) in result.stderr
