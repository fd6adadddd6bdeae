"""Execute notebooks headless with the real tslab kernel and fail on any cell error.

tslab reports a failed cell only through the execute reply's `status` (it sends no `error`
message; the stack trace arrives as stderr text), so checks that look for error outputs, such as
nbval, miss failures. nbclient raises CellExecutionError from the reply status; we also treat an
`error` output or an error-looking stderr stream as a failure, and print the cell's source and
everything the kernel sent so the CI log alone explains it.

With --twice every notebook is executed a second time in a fresh kernel and its plotly figures
must come out identical: that is "Restart kernel and run all" reproducing the loss curves,
scatters and heatmaps (figures hold computed values; printed timings may differ, and a figure in a
cell tagged `measured-times` compares everything but its measured y values, see comparable()).

Each run measures the kernel's peak resident memory (VmHWM of the kernel process and its children,
read after every cell, so nothing the kernel held is missed) and prints it on the notebook's line.
A notebook over its budget fails: 3 GiB, or the notebook's metadata `memory_budget_gib`.

Exercises (lib/exercises): a cell whose first line is `// cevap: 1.2` holds the learner's answer to
exercise 1.2, and `await kontrol('1.2', …)` shows a verdict whose output carries
application/vnd.dl-kontrol+json {id, status}. With --kontrol not-yet every kontrol call in the notebook
must report "henuz" (the stored, empty answers: nothing may crash); with --kontrol pass and
--solutions DIR each answer cell is replaced by its block in DIR/<notebook>.ts (blocks start with
`// cevap: 1.2`) and every kontrol must report "dogru". Each kontrol call in the sources must report.

With --twice --exercises DIR the second run is the solutions run: the first run keeps the stored
answers (every kontrol must say "henuz"), the second fills them from DIR/<notebook>.ts (every kontrol
must say "dogru"), and the figures of the two runs are compared up to the first answer cell (the
lesson; the exercises draw different figures once answered). A notebook without answer cells needs no
solutions file and is compared whole. This costs no third run.

With --save-executed DIR the first run of every notebook that passed is written to DIR/<name>.ipynb
with its outputs (the export reuses these copies instead of executing a third time); with --exercises
the solutions run is also written, to DIR/solutions/<name>.ipynb.

Usage: run_notebooks.py [--expect-failure] [--twice] [--save-executed DIR] [--kontrol not-yet|pass]
                        [--solutions DIR] [--exercises DIR] [--cell-timeout S] NOTEBOOK...
Outputs are never written back: stored notebooks stay clean.
"""
import argparse
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

# Our own libraries print lines like "Uyarı:" on stdout; stderr that looks like this is a failure.
ERROR_TEXT = re.compile(r"\b\w*(Error|Exception)\b|Traceback|AssertionError|Unhandled")
PLOTLY = "application/vnd.plotly.v1+json"
KONTROL = "application/vnd.dl-kontrol+json"
ANSWER_MARK = re.compile(r"^// cevap: (\d+\.\d+)\b", re.M)
KONTROL_CALL = re.compile(r"\bkontrol\(\s*'(\d+\.\d+)'")
DEFAULT_MEMORY_BUDGET_GIB = 3
GIB = 1024 ** 3


def process_tree(pid):
    """pid and all its descendants (from /proc), in no order."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    # "pid (comm) state ppid …": comm may hold spaces, so split after the last ')'.
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def peak_rss(pid):
    """Sum of the peak resident sizes (VmHWM, bytes) of a process tree; 0 where /proc is missing."""
    total = 0
    for p in process_tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM:")), 0)
        except OSError:
            pass
    return total


def memory_budget(nb):
    return float(nb.metadata.get("memory_budget_gib", DEFAULT_MEMORY_BUDGET_GIB)) * GIB


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


MEASURED_TAG = "measured-times"


def comparable(figure, measured=False):
    """The figure as canonical JSON. A figure in a cell tagged `measured-times` (cell metadata, which
    learners do not see in the code) plots measured times, speeds or memory, which no two runs
    share: its traces' y values are compared by count only, and its text description (layout.meta.alt,
    which names those values) is left out; everything else (x, names, titles, axes) must still be the same."""
    if measured:
        layout = figure.get("layout", {})
        meta = {k: v for k, v in (layout.get("meta") or {}).items() if k != "alt"}
        figure = {**figure, "layout": {**layout, "meta": meta},
                  "data": [{**trace, "y": f"{len(trace.get('y', []))} measured values"}
                           for trace in figure.get("data", [])]}
    return json.dumps(figure, sort_keys=True)


def figures(nb):
    """[(cell index, figure as canonical JSON)] of every plotly output, in order."""
    return [(i, comparable(out["data"][PLOTLY], MEASURED_TAG in cell.get("metadata", {}).get("tags", [])))
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for out in cell.get("outputs", []) if PLOTLY in out.get("data", {})]


def first_answer_cell(nb):
    """Index of the first answer cell (`// cevap: N.M`), or None."""
    return next((i for i, c in enumerate(nb.cells) if c.cell_type == "code" and ANSWER_MARK.match(c.source)), None)


def solutions_file(directory, path):
    return os.path.join(directory, os.path.splitext(os.path.basename(path))[0] + ".ts")


def figure_difference(first, second):
    """None when two runs drew the same figures, else a text naming the first difference."""
    if len(first) != len(second):
        return f"the two runs drew {len(first)} and {len(second)} figures"
    for (cell, a), (_, b) in zip(first, second):
        if a != b:
            at = len(os.path.commonprefix([a, b]))
            return (f"cell {cell}: the figure differs between two runs (unseeded randomness?)\n"
                    f"  run 1: …{a[max(0, at - 80):at + 80]}…\n  run 2: …{b[max(0, at - 80):at + 80]}…")
    return None


def solution_blocks(file):
    """{exercise id: cell source} from a solutions file whose blocks each start with `// cevap: ID`."""
    text = open(file, encoding="utf-8").read()
    starts = [(m.start(), m.group(1)) for m in ANSWER_MARK.finditer(text)]
    return {ex: text[at:(starts[k + 1][0] if k + 1 < len(starts) else len(text))].strip() + "\n"
            for k, (at, ex) in enumerate(starts)}


def fill_solutions(nb, file):
    """Replaces every answer cell by its solution; a missing or extra block is an error."""
    blocks = solution_blocks(file)
    answered = set()
    for cell in nb.cells:
        m = ANSWER_MARK.match(cell.source) if cell.cell_type == "code" else None
        if m:
            if m.group(1) not in blocks:
                raise SystemExit(f"{file}: no solution block for exercise {m.group(1)}")
            cell.source = blocks[m.group(1)]
            answered.add(m.group(1))
    extra = set(blocks) - answered
    if extra:
        raise SystemExit(f"{file}: solution blocks without an answer cell in the notebook: {sorted(extra)}")


def kontrol_problem(nb, want):
    """None when every kontrol call reported the wanted status ('henuz' or 'dogru'), else a text."""
    calls = [ex for c in nb.cells if c.cell_type == "code" for ex in KONTROL_CALL.findall(c.source)]
    verdicts = [out["data"][KONTROL] for c in nb.cells if c.cell_type == "code"
                for out in c.get("outputs", []) if KONTROL in out.get("data", {})]
    if sorted(calls) != sorted(v["id"] for v in verdicts):
        return f"KontrolMissing: kontrol calls {sorted(calls)} but verdicts for {sorted(v['id'] for v in verdicts)}"
    off = [f"{v['id']}: {v['status']}" for v in verdicts if v["status"] != want]
    return f"KontrolError: every exercise check must say {want!r}, these did not: {', '.join(off)}" if off else None


def execute(path, cell_timeout, startup_timeout, solutions=None, kontrol=None):
    """(None or a text describing the failure, notebook, peak resident bytes of the kernel).

    tslab 1.0.22 as published now and then failed a cell with an error reply and no text at all: its
    output socket lost every 512th output's window (cause and fix: scripts/tslab-iopub.mjs, applied by
    set-up). A run that still fails that way is repeated once from a fresh kernel and the repeat decides,
    with a ⚠ line, so a new cause shows in the log; a failure with text, or a repeat, fails."""
    problem, nb, peak = execute_once(path, cell_timeout, startup_timeout, solutions, kontrol)
    if problem is not None and problem.startswith(SILENT_FAILURE):
        print(f"⚠ {os.path.basename(path)}: tslab failed a cell with no error text; running the notebook "
              f"again once from a fresh kernel.\n{problem}", flush=True)
        problem, nb, peak = execute_once(path, cell_timeout, startup_timeout, solutions, kontrol)
    return problem, nb, peak


def execute_once(path, cell_timeout, startup_timeout, solutions=None, kontrol=None):
    nb = nbformat.read(path, as_version=4)
    if solutions and (first_answer_cell(nb) is not None or os.path.exists(solutions_file(solutions, path))):
        fill_solutions(nb, solutions_file(solutions, path))
    peak = [0]

    def measure(**_):
        # The peak only grows, so reading it after each cell (kernel still alive) gives the run's peak.
        process = getattr(client.km.provisioner, "process", None)
        if process is not None:
            peak[0] = max(peak[0], peak_rss(process.pid))

    client = NotebookClient(
        nb,
        timeout=cell_timeout,
        startup_timeout=startup_timeout,
        kernel_name="tslab",
        allow_errors=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        on_cell_executed=measure,
    )
    problem = run_cells(client, nb)
    if problem is None and kontrol:
        problem = kontrol_problem(nb, {"pass": "dogru", "not-yet": "henuz"}[kontrol])
    if problem is None and peak[0] > memory_budget(nb):
        problem = (f"MemoryBudgetExceeded: the kernel's peak resident memory {peak[0] / GIB:.2f} GiB is over "
                   f"the notebook's budget of {memory_budget(nb) / GIB:g} GiB (metadata memory_budget_gib)")
    return problem, nb, peak[0]


# Marks a failed cell that printed nothing (see execute).
SILENT_FAILURE = "(no error text) "


def run_cells(client, nb):
    """None when every cell ran cleanly, else a text describing the failure."""
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
        code_cells = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
        # The failing cell is the last one that started executing.
        ran = [(i, c) for i, c in code_cells if c.get("execution_count") is not None or c.get("outputs")]
        where = describe_cell(*ran[-1]) if ran else ""
        silent = isinstance(err, CellExecutionError) and ran and not any(
            out.get("output_type") == "error" or (out.get("output_type") == "stream" and out.get("name") == "stderr")
            for out in ran[-1][1].get("outputs", []))
        return f"{SILENT_FAILURE if silent else ''}{type(err).__name__}: {str(err).strip()[:2000]}\n{where}"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and stderr_errors(cell):
            return "error output in a cell that reported success\n" + describe_cell(i, cell)
    return None


def run(path, args):
    """(failure text or None, wall times of the runs, number of figures, peak kernel memory per run)."""
    started = time.time()
    problem, nb, peak = execute(path, args.cell_timeout, args.startup_timeout, args.solutions, args.kontrol)
    times, peaks = [time.time() - started], [peak]
    drawn = figures(nb)
    again = None
    if problem is None and args.twice:
        started = time.time()
        if args.exercises:
            # The solutions run: answers filled, every check must pass; the lesson's figures must not change.
            problem, again, peak = execute(path, args.cell_timeout, args.startup_timeout, args.exercises, "pass")
            cut = first_answer_cell(nb)
            lesson = lambda figs: [f for f in figs if cut is None or f[0] < cut]
            problem = problem and "solutions run: " + problem
            problem = problem or figure_difference(lesson(drawn), lesson(figures(again)))
        else:
            problem, again, peak = execute(path, args.cell_timeout, args.startup_timeout, args.solutions, args.kontrol)
            problem = problem or figure_difference(drawn, figures(again))
        times.append(time.time() - started)
        peaks.append(peak)
    if problem is None and args.save_executed:
        os.makedirs(args.save_executed, exist_ok=True)
        nbformat.write(nb, os.path.join(args.save_executed, os.path.basename(path)))
        if args.exercises and len(times) > 1:
            # The solutions run's copy (every ✓ visible), for teachers and reviewers; the export does not read it.
            os.makedirs(os.path.join(args.save_executed, "solutions"), exist_ok=True)
            nbformat.write(again, os.path.join(args.save_executed, "solutions", os.path.basename(path)))
    return problem, times, len(drawn), peaks, memory_budget(nb)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--expect-failure", action="store_true", help="succeed only if every notebook fails")
    parser.add_argument("--twice", action="store_true", help="run each notebook again; its figures must be the same")
    parser.add_argument("--save-executed", metavar="DIR", help="write each passing notebook's first run, with outputs, to DIR")
    parser.add_argument("--kontrol", choices=["not-yet", "pass"], help="every exercise check must say 'henuz' / 'dogru'")
    parser.add_argument("--solutions", metavar="DIR", help="fill answer cells from DIR/<notebook>.ts before running")
    parser.add_argument("--exercises", metavar="DIR", help="with --twice: the second run fills answers from DIR/<notebook>.ts and every check must say 'dogru'")
    parser.add_argument("--cell-timeout", type=int, default=600)
    parser.add_argument("--startup-timeout", type=int, default=120)
    args = parser.parse_args()
    if args.exercises and not args.twice:
        parser.error("--exercises needs --twice (its second run is the solutions run)")
    if args.exercises and args.solutions:
        parser.error("--exercises and --solutions exclude each other (the first run keeps the stored answers)")

    failed = 0
    for path in args.notebooks:
        problem, times, drawn, peaks, budget = run(path, args)
        seconds = " + ".join(f"{t:.1f} s" for t in times)
        memory = " + ".join(f"{p / GIB:.2f}" for p in peaks) + f" GiB (budget {budget / GIB:g})" if max(peaks) else "unknown (no /proc)"
        seconds += f"  peak memory {memory}"
        name = os.path.relpath(path)
        if args.expect_failure:
            ok = problem is not None
            print(f"{'✓' if ok else '✗'} {name}  {seconds}  ({'failed as expected' if ok else 'ran cleanly but must fail'})", flush=True)
            if ok:
                print("  " + first_reason(problem), flush=True)
        else:
            ok = problem is None
            same = f", the same {drawn} figures in both runs" if ok and len(times) > 1 else ""
            if ok and args.exercises and len(times) > 1:
                same = ", run 2 with the solutions: every check said ✓, the lesson's figures the same"
            print(f"{'✓' if ok else '✗'} {name}  {seconds}{same}", flush=True)
            if not ok:
                print(problem, flush=True)
        failed += 0 if ok else 1
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
