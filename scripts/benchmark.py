"""Time this template against Copier's own floor and print a Markdown table.

    python scripts/benchmark.py [--repeats N] [--no-suite] [--write]

Every case runs as a command in a fresh child process, so the timings include
interpreter start-up and Copier's clone of the template, as a user sees them.
A small measuring process (this script's `measure` command) starts each
command, times it with time.perf_counter and reads its peak resident set size
from getrusage(RUSAGE_CHILDREN), which is the largest single process of the
command's tree, not their sum. Each case runs --repeats times and reports the
median, minimum and maximum; the test suite runs once.

Cases (1) to (5) copy templates from git repositories tagged in a temporary
folder: a one-file template for Copier's floor, and this template's working
tree (uncommitted changes included) as releases v0.1.0 and v0.2.0.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CHECKOUT = ROOT / "tests" / "fixtures" / "hyperswitch"
DEFAULTS_V1 = "crates/hyperswitch_connectors/src/default_implementations.rs"
BENCHMARKS_FILE = ROOT / "BENCHMARKS.md"
TABLE_START = "<!-- benchmark table: start -->"
TABLE_END = "<!-- benchmark table: end -->"

CONNECTOR = "benchpay"
OLD_TAG = "v0.1.0"
NEW_TAG = "v0.2.0"
# Size of the synthetic default_implementations.rs: Hyperswitch's own file is
# about 336 KB, with 69 `default_imp_for_*!` invocations of about 147 connectors.
DEFAULTS_TARGET_BYTES = 300_000
SYNTHETIC_CONNECTORS = 140
COMMAND_TIMEOUT_SECONDS = 900

# Working-tree paths that the benchmark's template releases leave out.
NOT_RELEASED = ("tests/", "examples/golden/")
# Line that release v0.1.0 adds to the guide template, so the update from
# v0.1.0 to v0.2.0 changes a rendered file.
GUIDE_TEMPLATE = (
    "template/grace/connector_integration/{{connector_name}}/"
    "{{connector_name}}_guide.md.jinja"
)
OLD_RELEASE_LINE = "\nThis line was removed in release 0.2.0.\n"

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Template Benchmark",
    "GIT_AUTHOR_EMAIL": "benchmark@example.invalid",
    "GIT_COMMITTER_NAME": "Template Benchmark",
    "GIT_COMMITTER_EMAIL": "benchmark@example.invalid",
}


@dataclass(frozen=True)
class Run:
    """One timed command: wall-clock seconds and peak RSS in KiB."""

    seconds: float
    max_rss_kib: int


@dataclass(frozen=True)
class Case:
    """A benchmark case: a label, a command, and set-up done before each run."""

    label: str
    command: list[str]
    prepare: Callable[[int], Path]
    repeats: int | None = None
    check: Callable[[Path], None] | None = None


@dataclass(frozen=True)
class Result:
    """The runs of one case."""

    label: str
    runs: list[Run]

    @property
    def median(self) -> float:
        """Median wall-clock seconds."""
        return statistics.median(run.seconds for run in self.runs)


# --- measuring one command -----------------------------------------------------


def measure(command: Sequence[str], cwd: Path, log: Path) -> None:
    """Run a command, then print its time and peak RSS as one JSON line.

    This runs in its own process, so RUSAGE_CHILDREN covers this command only.
    """
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        # Popen.wait(timeout=…) polls in steps of up to 50 ms, which would
        # round every time up, so a timer kills the command instead.
        timer = threading.Timer(COMMAND_TIMEOUT_SECONDS, process.kill)
        timer.start()
        returncode = process.wait()
        seconds = time.perf_counter() - start
        timer.cancel()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = {
        "seconds": seconds,
        "max_rss_kib": usage.ru_maxrss,
        "returncode": returncode,
    }
    print(json.dumps(report))


def run_measured(command: Sequence[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run a command through a fresh measuring process and return its figures."""
    log = Path(tempfile.mkstemp(prefix="benchmark-", suffix=".log")[1])
    wrapper = [sys.executable, __file__, "measure", "--cwd", str(cwd), "--log"]
    result = subprocess.run(
        [*wrapper, str(log), "--", *command],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    output = log.read_text(encoding="utf-8", errors="replace")
    log.unlink()
    if result.returncode != 0:
        raise RuntimeError(f"the measuring process failed:\n{result.stderr}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    if report["returncode"] != 0:
        raise RuntimeError(
            f"`{' '.join(command)}` exited with {report['returncode']} in {cwd}:\n"
            + output[-4000:]
        )
    return Run(report["seconds"], report["max_rss_kib"])


# --- set-up --------------------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    """Run git with a fixed identity and return its output."""
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **GIT_IDENTITY},
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def commit_and_tag(repo: Path, tag: str | None, message: str) -> None:
    """Commit everything in repo, then tag the commit when a tag is given."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    if tag is not None:
        git(repo, "tag", "-a", tag, "-m", message)


def pack(repo: Path) -> None:
    """Pack a repository's objects, as a clone over the network receives them.

    A local clone hard-links loose objects, one folder per hash prefix, and
    Copier deletes its clone after every run: on a file system that discards
    blocks on delete, each folder adds milliseconds that a user never pays.
    """
    git(repo, "gc", "--quiet")


def build_floor_template(repo: Path) -> None:
    """Create a one-question, one-file template in a tagged git repository."""
    repo.mkdir(parents=True)
    (repo / "copier.yml").write_text(
        "project_name:\n  type: str\n  default: demo\n", encoding="utf-8"
    )
    (repo / "README.md.jinja").write_text("# {{ project_name }}\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit_and_tag(repo, "v1.0.0", "Release 1.0.0")
    pack(repo)


def released_files() -> list[str]:
    """List the working tree's files a release holds, uncommitted ones included."""
    listed = git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard")
    return [
        name
        for name in listed.splitlines()
        if not name.startswith(NOT_RELEASED) and (ROOT / name).is_file()
    ]


def copy_working_tree(target: Path) -> None:
    """Copy the files of released_files() into target."""
    for name in released_files():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, destination)


def build_template_repo(repo: Path) -> None:
    """Tag the working tree as v0.2.0 on top of an older release v0.1.0.

    v0.1.0 is the working tree with one more line in the guide template.
    """
    copy_working_tree(repo)
    git(repo, "init", "-q", "-b", "main")
    guide = repo / GUIDE_TEMPLATE
    current = guide.read_text(encoding="utf-8")
    guide.write_text(current + OLD_RELEASE_LINE, encoding="utf-8")
    commit_and_tag(repo, OLD_TAG, "Release 0.1.0")
    guide.write_text(current, encoding="utf-8")
    commit_and_tag(repo, NEW_TAG, "Release 0.2.0")
    pack(repo)


def synthetic_names(count: int) -> list[str]:
    """Return `connectors::Type` paths of synthetic connectors."""
    return [f"connectors::Synthpay{index:03d}" for index in range(count)]


def enlarge_default_implementations(path: Path) -> None:
    """Grow the fixture's default_implementations.rs to DEFAULTS_TARGET_BYTES.

    Every `default_imp_for_*!` invocation gets SYNTHETIC_CONNECTORS more
    connectors, and copies of the first macro under new names are appended
    until the file reaches the target size.
    """
    text = path.read_text(encoding="utf-8")
    extra = "".join(f"    {name},\n" for name in synthetic_names(SYNTHETIC_CONNECTORS))
    invocation = re.compile(r"^(default_imp_for_\w+!\(\n)", re.MULTILINE)
    text, count = invocation.subn(lambda match: match.group(1) + extra, text)
    if count == 0:
        raise RuntimeError(f"{path} has no multi-line default_imp_for_* invocation")
    block = re.search(
        r"^macro_rules! (default_imp_for_\w+) \{.*?^\}\n\n\1!\(\n.*?^\);\n",
        text,
        re.MULTILINE | re.DOTALL,
    )
    if block is None:
        raise RuntimeError(f"{path} has no macro_rules! block with an invocation")
    name = block.group(1)
    number = 0
    while len(text.encode("utf-8")) < DEFAULTS_TARGET_BYTES:
        copy = block.group(0).replace(name, f"default_imp_for_synthetic_{number:02d}")
        text += "\n" + copy
        number += 1
    path.write_text(text, encoding="utf-8")


def build_checkout(target: Path) -> Path:
    """Copy the miniature checkout, enlarge its default list file, and commit it."""
    shutil.copytree(FIXTURE_CHECKOUT, target)
    enlarge_default_implementations(target / DEFAULTS_V1)
    git(target, "init", "-q", "-b", "main")
    commit_and_tag(target, None, "Miniature Hyperswitch checkout")
    return target


def every_flow_answers(path: Path) -> Path:
    """Write a data file that chooses every flow of the catalogue."""
    catalog = yaml.safe_load((ROOT / "catalog" / "flows.yml").read_text("utf-8"))
    data = {"connector_name": CONNECTOR, "flows": list(catalog["flows"])}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def fresh_copy(source: Path, scratch: Path, label: str) -> Callable[[int], Path]:
    """Return a set-up step that copies source (.git included) for each run."""

    def prepare(index: int) -> Path:
        target = scratch / f"{label}-{index}"
        shutil.copytree(source, target, symlinks=True)
        return target

    return prepare


def empty_folder(scratch: Path, label: str) -> Callable[[int], Path]:
    """Return a set-up step that names a new, not yet existing folder per run."""

    def prepare(index: int) -> Path:
        return scratch / f"{label}-{index}"

    return prepare


def check_registered(checkout: Path) -> None:
    """Fail unless the task registered the connector in the default list file."""
    text = (checkout / DEFAULTS_V1).read_text(encoding="utf-8")
    if "connectors::Benchpay" not in text:
        raise RuntimeError(f"{checkout}: the connector was not registered")


def copier_command(*arguments: str) -> list[str]:
    """Return the venv's copier with non-interactive options."""
    copier = Path(sys.executable).parent / "copier"
    return [str(copier), *arguments]


def build_cases(scratch: Path, env: dict[str, str]) -> list[Case]:
    """Create the repositories and checkouts, and return the cases in order."""
    floor = scratch / "floor-template"
    build_floor_template(floor)
    template = scratch / "connector-template"
    build_template_repo(template)
    checkout = build_checkout(scratch / "checkout")
    answers = every_flow_answers(scratch / "every-flow.yml")
    smallest = scratch / "smallest.yml"
    smallest.write_text(
        yaml.safe_dump({"connector_name": CONNECTOR, "flows": ["authorize"]}),
        encoding="utf-8",
    )
    answers_file = f".copier-answers.{CONNECTOR}.yml"
    copy = ("copy", "--trust", "--defaults", "--quiet")

    # The checkout at v0.1.0 that case (5) updates, and the checkout at the
    # current release that case (6) validates.
    old = scratch / "checkout-v0.1.0"
    shutil.copytree(checkout, old, symlinks=True)
    old_copy = ("--vcs-ref", OLD_TAG, "--data-file", str(answers))
    run_setup(copier_command(*copy, *old_copy, str(template), str(old)), env)
    commit_and_tag(old, None, f"Add {CONNECTOR} at {OLD_TAG}")
    current = scratch / "checkout-current"
    shutil.copytree(checkout, current, symlinks=True)
    run_setup(
        copier_command(*copy, "--data-file", str(answers), str(template), str(current)),
        env,
    )
    check_registered(current)

    # Each command runs in its destination, so "." names it.
    return [
        Case(
            "(1) copier copy, one-file template (floor)",
            copier_command(*copy, str(floor), "."),
            empty_folder(scratch, "floor"),
        ),
        Case(
            "(2) copy, flows=[authorize], --skip-tasks",
            copier_command(
                *copy, "--skip-tasks", "--data-file", str(smallest), str(template), "."
            ),
            empty_folder(scratch, "smallest"),
        ),
        Case(
            "(3) copy, every flow, --skip-tasks",
            copier_command(
                *copy, "--skip-tasks", "--data-file", str(answers), str(template), "."
            ),
            empty_folder(scratch, "every"),
        ),
        Case(
            "(4) copy, every flow, register + validate (300 KB list file)",
            copier_command(*copy, "--data-file", str(answers), str(template), "."),
            fresh_copy(checkout, scratch, "registered"),
            check=check_registered,
        ),
        Case(
            f"(5) copier update {OLD_TAG} -> {NEW_TAG}, every flow",
            copier_command(
                "update",
                "--trust",
                "--defaults",
                "--quiet",
                "--vcs-ref",
                NEW_TAG,
                "--answers-file",
                answers_file,
            ),
            fresh_copy(old, scratch, "update"),
        ),
        Case(
            "(6) validator alone, every flow",
            [
                sys.executable,
                str(ROOT / "hooks" / "validate_connector.py"),
                "--answers-file",
                answers_file,
                ".",
            ],
            lambda index: current,
        ),
    ]


def run_setup(command: Sequence[str], env: dict[str, str]) -> None:
    """Run an untimed set-up command and fail with its output."""
    result = subprocess.run(
        list(command), capture_output=True, text=True, env=env, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(
            f"set-up command `{' '.join(command)}` failed:\n"
            f"{result.stdout}\n{result.stderr}"
        )


# --- running and reporting -------------------------------------------------------


def benchmark_environment(scratch: Path) -> dict[str, str]:
    """Return the environment of every case: empty Copier settings, git identity."""
    settings = scratch / "copier-settings.yml"
    settings.write_text("{}\n", encoding="utf-8")
    env = {**os.environ, **GIT_IDENTITY, "COPIER_SETTINGS_PATH": str(settings)}
    cargo_bin = Path.home() / ".cargo" / "bin"
    if shutil.which("rustfmt") is None and (cargo_bin / "rustfmt").is_file():
        env["PATH"] = f"{cargo_bin}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_case(case: Case, repeats: int, env: dict[str, str]) -> Result:
    """Run one case `repeats` times, each in freshly prepared state."""
    runs: list[Run] = []
    for index in range(case.repeats or repeats):
        directory = case.prepare(index)
        directory.mkdir(parents=True, exist_ok=True)
        runs.append(run_measured(case.command, directory, env))
        if case.check is not None:
            case.check(directory)
        print(
            f"  {case.label}: run {index + 1}: {runs[-1].seconds:.2f} s",
            file=sys.stderr,
        )
    return Result(case.label, runs)


def run_suite(env: dict[str, str]) -> Result:
    """Run the whole test suite once, as `make test` does."""
    command = [sys.executable, "-m", "pytest", "-q"]
    run = run_measured(command, ROOT, env)
    print(f"  (7) test suite: {run.seconds:.1f} s", file=sys.stderr)
    return Result("(7) test suite, `pytest` (one run)", [run])


def format_table(results: Sequence[Result]) -> str:
    """Format the results as a Markdown table with ratios to the first case."""
    floor = results[0].median
    lines = [
        "| case | runs | median s | min s | max s | peak RSS MiB | ratio to (1) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        seconds = [run.seconds for run in result.runs]
        peak = max(run.max_rss_kib for run in result.runs) / 1024
        lines.append(
            f"| {result.label} | {len(seconds)} | {result.median:.2f} | "
            f"{min(seconds):.2f} | {max(seconds):.2f} | {peak:.0f} | "
            f"{result.median / floor:.1f} |"
        )
    return "\n".join(lines)


def tool_version(command: Sequence[str]) -> str:
    """Return the first line a tool prints for its version, or 'not found'."""
    try:
        result = subprocess.run(
            list(command), capture_output=True, text=True, check=False, timeout=60
        )
    except OSError:
        return "not found"
    output = (result.stdout or result.stderr).strip()
    return output.splitlines()[0] if output else "not found"


def machine_description(env: dict[str, str]) -> str:
    """Describe the CPU, memory and tool versions as Markdown list items."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        match = re.search(r"^MemTotal:\s+(\d+) kB", meminfo.read_text(), re.MULTILINE)
        if match:
            memory = f"{int(match.group(1)) / 1024 / 1024:.1f} GiB"
    rustfmt = shutil.which("rustfmt", path=env.get("PATH"))
    copier = copier_command("--version")
    return "\n".join(
        [
            f"- CPU: {cpu}, {os.cpu_count()} cores",
            f"- memory: {memory}",
            f"- OS: {platform.system()} {platform.release()}",
            f"- Python: {platform.python_version()}",
            f"- Copier: {tool_version(copier)}",
            f"- rustfmt: {tool_version([rustfmt, '--version']) if rustfmt else 'none'}",
            f"- git: {tool_version(['git', '--version'])}",
            "- load average (1, 5, 15 min) at the end: "
            + ", ".join(f"{load:.2f}" for load in os.getloadavg()),
        ]
    )


def write_benchmarks(section: str) -> None:
    """Put section between the table markers of BENCHMARKS.md."""
    block = f"{TABLE_START}\n{section}\n{TABLE_END}"
    if not BENCHMARKS_FILE.is_file():
        BENCHMARKS_FILE.write_text(f"# Benchmarks\n\n{block}\n", encoding="utf-8")
        return
    text = BENCHMARKS_FILE.read_text(encoding="utf-8")
    if TABLE_START in text and TABLE_END in text:
        before = text.split(TABLE_START, 1)[0]
        after = text.split(TABLE_END, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + f"\n\n{block}\n"
    BENCHMARKS_FILE.write_text(text, encoding="utf-8")


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    subcommands = parser.add_subparsers(dest="subcommand")
    child = subcommands.add_parser("measure", help="time one command (used internally)")
    child.add_argument("--cwd", type=Path, required=True)
    child.add_argument("--log", type=Path, required=True)
    child.add_argument("child_command", nargs=argparse.REMAINDER)
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        help="runs of each case but the test suite (default: 5)",
    )
    parser.add_argument(
        "--no-suite", action="store_true", help="skip case (7), the test suite"
    )
    parser.add_argument(
        "--write",
        action="store_true",
        help=f"also write the table into {BENCHMARKS_FILE.name}",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the scratch folder and print it"
    )
    arguments = parser.parse_args(argv)
    if arguments.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {arguments.repeats}")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Run every case and print the table; return the exit status."""
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    if arguments.subcommand == "measure":
        command = list(arguments.child_command)
        if command[:1] == ["--"]:
            command = command[1:]
        measure(command, arguments.cwd, arguments.log)
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="connector-benchmark-"))
    try:
        env = benchmark_environment(scratch)
        print(f"setting up in {scratch}", file=sys.stderr)
        cases = build_cases(scratch, env)
        results = [run_case(case, arguments.repeats, env) for case in cases]
        if not arguments.no_suite:
            results.append(run_suite(env))
        options = sys.argv[1:] if argv is None else list(argv)
        reproduce = " ".join(["python scripts/benchmark.py", *options])
        section = "\n\n".join(
            [
                format_table(results),
                f"Command: `{reproduce}`, on {time.strftime('%Y-%m-%d')}.",
                machine_description(env),
            ]
        )
        print(section)
        if arguments.write:
            write_benchmarks(section)
    finally:
        if arguments.keep:
            print(f"kept {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
