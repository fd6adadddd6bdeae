"""Execute notebooks headless with the real tslab kernel and fail on any cell error.

tslab reports a failed cell only through the execute reply's `status` (it sends no `error`
message; the stack trace arrives as stderr text), so checks that look for error outputs, such as
nbval, miss failures. nbclient raises CellExecutionError from the reply status; we also treat an
`error` output or an error-looking stderr stream as a failure, and print the cell's source and
everything the kernel sent so the CI log alone explains it.

Usage: run_notebooks.py [--expect-failure] [--cell-timeout S] NOTEBOOK...
Outputs are never written back: stored notebooks stay clean.
"""
import argparse
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

# Our own libraries print lines like "Uyarı:" on stdout; stderr that looks like this is a failure.
ERROR_TEXT = re.compile(r"\b\w*(Error|Exception)\b|Traceback|AssertionError|Unhandled")


def stderr_errors(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return True
        if out.get("output_type") == "stream" and out.get("name") == "stderr" and ERROR_TEXT.search(out.get("text", "")):
            return True
    return False


def describe_cell(index, cell):
    lines = [f"--- cell {index} (execution_count={cell.get('execution_count')}) source:", cell.source, "--- outputs:"]
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            lines.append(f"[{out.get('name')}] {out.get('text', '').rstrip()}")
        elif kind == "error":
            lines.append(f"[error] {out.get('ename')}: {out.get('evalue')}")
            lines.extend(out.get("traceback", []))
        else:
            data = out.get("data", {})
            lines.append(f"[{kind}] {str(data.get('text/plain', list(data)))[:500]}")
    return "\n".join(lines)


def first_reason(problem):
    """The line of a failure description that names the error, for one-line reports."""
    lines = [line.strip() for line in problem.splitlines() if not line.startswith("CellExecutionError")]
    # "AssertionError [ERR_ASSERTION]: …", "Error: …", or a TypeScript diagnostic "1:7 - …".
    for pattern in (r"^\w*(Error|Exception)\b.*:", r"^\d+:\d+ - "):
        for line in lines:
            if re.search(pattern, line):
                return line
    return problem.splitlines()[0]


def execute(path, cell_timeout, startup_timeout):
    """Returns None when every cell ran cleanly, else a text describing the failure."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=cell_timeout,
        startup_timeout=startup_timeout,
        kernel_name="tslab",
        allow_errors=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
        code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        # The failing cell is the last one that started executing.
        ran = [(i, c) for i, c in code_cells if c.get("execution_count") is not None or c.get("outputs")]
        where = describe_cell(*ran[-1]) if ran else ""
        return f"{type(err).__name__}: {str(err).strip()[:2000]}\n{where}"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and stderr_errors(cell):
            return "error output in a cell that reported success\n" + describe_cell(i, cell)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--expect-failure", action="store_true", help="succeed only if every notebook fails")
    parser.add_argument("--cell-timeout", type=int, default=600)
    parser.add_argument("--startup-timeout", type=int, default=120)
    args = parser.parse_args()

    failed = 0
    for path in args.notebooks:
        started = time.time()
        problem = execute(path, args.cell_timeout, args.startup_timeout)
        seconds = time.time() - started
        name = os.path.relpath(path)
        if args.expect_failure:
            ok = problem is not None
            print(f"{'✓' if ok else '✗'} {name}  {seconds:6.1f} s  ({'failed as expected' if ok else 'ran cleanly but must fail'})", flush=True)
            if ok:
                print("  " + first_reason(problem), flush=True)
        else:
            ok = problem is None
            print(f"{'✓' if ok else '✗'} {name}  {seconds:6.1f} s", flush=True)
            if not ok:
                print(problem, flush=True)
        failed += 0 if ok else 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
