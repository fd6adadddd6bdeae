"""PyTorch's torch.mm on the mini-GPT step's 15 products (bench/gpt_products.ts), for bench/cores.ts.

argv[1]: threads. Warms up, prints "ready", waits for a line on stdin, runs the step's products
3 times (each product its count per step; transposed operands as .t() views, as a Linear's
backward passes them), prints {"wallMs", "cpuMs" (time.process_time: all the process's threads),
"flop"} on one line.
"""
import json
import sys
import time

import torch

L, ROWS, C, V = 4, 2048, 128, 3000
SHAPES = []  # (M, N, K, transposeA, transposeB, times)
for inp, out, times in [(C, 3 * C, L), (C, C, L), (C, 4 * C, L), (4 * C, C, L), (C, V, 1)]:
    SHAPES.append((ROWS, out, inp, False, True, times))
    SHAPES.append((ROWS, inp, out, False, False, times))
    SHAPES.append((out, inp, ROWS, True, False, times))


def main():
    torch.set_num_threads(int(sys.argv[1]))
    torch.manual_seed(0)
    ops = []
    for M, N, K, tA, tB, times in SHAPES:
        a = torch.randn(K, M).t() if tA else torch.randn(M, K)
        b = torch.randn(N, K).t() if tB else torch.randn(K, N)
        ops.append((a, b, torch.empty(M, N), times, 2 * M * N * K))

    def step():
        for a, b, c, times, _ in ops:
            for _ in range(times):
                torch.mm(a, b, out=c)

    for _ in range(2):
        step()
    print("ready", flush=True)
    sys.stdin.readline()
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(3):
        step()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    flop = 3 * sum(f * times for _, _, _, times, f in ops)
    print(json.dumps({"wallMs": 1000 * wall, "cpuMs": 1000 * cpu, "flop": flop}), flush=True)


if __name__ == "__main__":
    main()
