"""pad_mm collection throughput: our collector's figures from its log, and PyTorch's harness on the same inputs.

  summarize: inputs per minute from the collector's timestamped progress lines
             ("<epoch seconds> AH-PROGRESS done total", written by run-on-device.sh), and the
             GPU floor of the collected inputs: the sum of every logged time, i.e. what the
             collector would need if each row were one bare timed run with nothing else (no
             initializing run, no flush, no host work). efficiency = floor / wall.
  pytorch:   replays the first inputs of that log (the features fix the input: m, k, n,
             strides, dtype, prepadded, TF32) through PyTorch's own pad_mm timer,
             torch._inductor's benchmarker.benchmark_gpu (what pad_mm's should_pad_bench calls),
             orig and pad per repetition, 3 repetitions, operands allocated per input as
             gen_data_pad_mm.py does. torch.compile is left out, so this is a lower bound of
             PyTorch's collector time on the same inputs.

  python3 throughput.py summarize --log pad_mm.txt --progress progress.txt --start EPOCH [--reps 3] [--label L]
  collector: PyTorch's real collection path on the same inputs, as gen_data_pad_mm.py's
             run_benchmark does it: per repetition a fresh Inductor cache, torch.compile of
             mm(a, b) (a+1 / b+1 for a prepadded operand, so pad_mm treats its padding as free) in
             the default mode with AutoHeuristic collection on for pad_mm, one run, then
             torch.compiler.reset(); 3 repetitions per input. PyTorch's own log is counted to show
             that pad_mm's benchmark and AutoHeuristic call really ran.

  python3 throughput.py pytorch --log pad_mm.txt --inputs 5 --budget-s 60 --ours-progress progress.txt --start EPOCH
  python3 throughput.py collector --log pad_mm.txt --inputs 5 --budget-s 120 --ah-log torch_pad_mm.txt --ours-progress progress.txt --start EPOCH
"""
import argparse
import csv
import statistics
import sys
import time


def read_inputs(path, reps):
    """Rows grouped per input in file order: (features, {choice: [ms...]})."""
    with open(path) as f:
        lines = f.read().splitlines()
    if len(lines) < 2:
        return []
    rows = list(csv.reader(lines[1:]))
    header, body = rows[0], rows[1:]
    inputs = []
    current_key, current = None, None
    for r in body:
        key = tuple(r[:-2])
        if key != current_key:
            current_key, current = key, {}
            inputs.append((dict(zip(header[:-2], r[:-2])), current))
        current.setdefault(r[-2], []).append(float(r[-1]))
    # An input is complete when every choice has its repetitions (rows of one input are appended together).
    return [i for i in inputs if all(len(v) >= reps for v in i[1].values()) and len(i[1]) == 2]


def read_progress(path):
    stamps = []
    for line in open(path):
        parts = line.split()
        if len(parts) >= 4 and parts[1] == "AH-PROGRESS":
            stamps.append((float(parts[0]), int(parts[2])))
    return stamps


def summarize(a):
    inputs = read_inputs(a.log, a.reps)
    stamps = read_progress(a.progress)
    if not inputs or not stamps:
        print(f"{a.label}: no complete inputs")
        return 1
    end, done = stamps[-1]
    wall = end - a.start
    # Process start to the first finished input includes CUDA/cuBLASLt start-up (about a second).
    steady = end - stamps[0][0]
    floor_ms = sum(sum(v) for _, choices in inputs for v in choices.values())
    per_min = done / wall * 60
    steady_per_min = (done - 1) / steady * 60 if done > 1 and steady > 0 else float("nan")
    floor_per_min = len(inputs) / (floor_ms / 1000) * 60
    by_dtype = {}
    for feats, choices in inputs:
        key = feats["mat1_dtype"].replace("torch.", "") + ("" if feats["using_tf32"] != "True" else "+tf32")
        by_dtype[key] = by_dtype.get(key, 0) + sum(sum(v) for v in choices.values()) / 1000
    total_floor_s = floor_ms / 1000
    print(f"{a.label}: {done} inputs in {wall:.1f} s (process start to last input) = {per_min:.1f} inputs/min "
          f"= {per_min / 7.8:.1f}x PyTorch's 7.8/min; steady {steady_per_min:.1f}/min")
    print(f"{a.label}: GPU floor (sum of the {sum(len(v) for _, c in inputs for v in c.values())} logged times) "
          f"{total_floor_s:.1f} s = {floor_per_min:.1f} inputs/min at most with {a.reps} timed runs per choice; "
          f"efficiency {total_floor_s / wall * 100:.0f} %")
    print(f"{a.label}: floor share by dtype: " + ", ".join(f"{k} {v / total_floor_s * 100:.0f} %" for k, v in sorted(by_dtype.items())))
    medians = sorted(statistics.median(v) for _, c in inputs for v in c.values())
    print(f"{a.label}: per-choice median times: median {statistics.median(medians):.2f} ms, max {medians[-1]:.1f} ms")
    return 0


def compare_with_ours(a, done, elapsed, what):
    """Our collector's time for the same first `done` inputs, from its timestamped progress lines."""
    if not a.ours_progress or not done:
        return
    stamps = dict((d, t) for t, d in read_progress(a.ours_progress))
    if done in stamps:
        ours = stamps[done] - a.start
        print(f"same {done} inputs, ours: {ours:.1f} s (incl. process start) = {ours / done:.2f} s per input; "
              f"ours is {elapsed / ours:.1f}x faster than {what}")


def pytorch(a):
    import torch
    import torch.nn.functional as F
    from torch._inductor.runtime.benchmarking import benchmarker

    def bench(fn):
        try:
            return benchmarker.benchmark_gpu(fn, warmup=5)
        except TypeError:
            return benchmarker.benchmark_gpu(fn)

    inputs = read_inputs(a.log, 3)[: a.inputs]
    started = time.time()
    done = 0
    for feats, _ in inputs:
        if time.time() - started > a.budget_s:
            break
        m, k, n, mat1, mat2 = operands(torch, feats)
        torch.backends.cuda.matmul.allow_tf32 = feats["using_tf32"] == "True"
        mp, kp, np_ = int(feats["m_padded_length"]), int(feats["k_padded_length"]), int(feats["n_padded_length"])
        pre1, pre2 = feats["prepadded_mat1"] == "True", feats["prepadded_mat2"] == "True"
        pad1 = F.pad(mat1, (0, kp, 0, mp)) if pre1 and (mp or kp) else None
        pad2 = F.pad(mat2, (0, np_, 0, kp)) if pre2 and (kp or np_) else None

        def orig():
            return torch.mm(mat1, mat2)

        def padded():
            a1 = pad1 if pad1 is not None else (F.pad(mat1, (0, kp, 0, mp)) if (mp or kp) else mat1)
            a2 = pad2 if pad2 is not None else (F.pad(mat2, (0, np_, 0, kp)) if (kp or np_) else mat2)
            return torch.mm(a1, a2)[:m, :n]

        for _ in range(3):
            bench(orig)
            bench(padded)
        torch.cuda.synchronize()
        del mat1, mat2, pad1, pad2
        torch.cuda.empty_cache()
        done += 1
        print(f"input {done}: {m}x{k}x{n} {feats['mat1_dtype']} tf32={feats['using_tf32']}: {time.time() - started:.1f} s so far", flush=True)
    elapsed = time.time() - started
    print(f"pytorch benchmark_gpu, no compile: {done} inputs in {elapsed:.1f} s = {elapsed / max(done, 1):.2f} s per input "
          f"= {done / elapsed * 60:.1f} inputs/min")
    compare_with_ours(a, done, elapsed, "PyTorch's timer alone")
    return 0


def operands(torch, feats):
    """The input's operands as gen_data_pad_mm.py builds them (randn; a transposed operand is a .t() view)."""
    dtypes = {"torch.float16": torch.float16, "torch.bfloat16": torch.bfloat16, "torch.float32": torch.float32}
    m, k, n = int(feats["m"]), int(feats["k"]), int(feats["n"])
    dtype = dtypes[feats["mat1_dtype"]]
    mat1 = torch.randn((k, m) if feats["mat1_stride_0"] == "1" else (m, k), device="cuda", dtype=dtype)
    mat2 = torch.randn((n, k) if feats["mat2_stride_0"] == "1" else (k, n), device="cuda", dtype=dtype)
    if feats["mat1_stride_0"] == "1":
        mat1 = mat1.t()
    if feats["mat2_stride_0"] == "1":
        mat2 = mat2.t()
    return m, k, n, mat1, mat2


def collector(a):
    import os
    # Both the environment (read at import) and the config object, across PyTorch versions.
    os.environ["TORCHINDUCTOR_AUTOHEURISTIC_COLLECT"] = "pad_mm"
    os.environ["TORCHINDUCTOR_AUTOHEURISTIC_LOG_PATH"] = a.ah_log
    import torch
    import torch._inductor.config as inductor_config
    try:
        from torch._inductor.utils import fresh_cache
    except ImportError:
        from torch._inductor.utils import fresh_inductor_cache as fresh_cache

    if os.path.exists(a.ah_log):
        os.remove(a.ah_log)
    inductor_config.autoheuristic_log_path = a.ah_log
    try:
        if isinstance(getattr(inductor_config, "autoheuristic_collect", ""), str):
            inductor_config.autoheuristic_collect = "pad_mm"
        else:
            inductor_config.autoheuristic_collect.pad_mm = True
    except Exception as e:  # the timing stays valid; the row count below tells whether logging ran
        print(f"could not switch AutoHeuristic collection on through the config: {e}", flush=True)
    inputs = read_inputs(a.log, 3)[: a.inputs]
    started = time.time()
    done = 0
    for feats, _ in inputs:
        if time.time() - started > a.budget_s:
            break
        m, k, n, mat1, mat2 = operands(torch, feats)
        torch.set_float32_matmul_precision("high" if feats["using_tf32"] == "True" else "highest")
        pre1, pre2 = feats["prepadded_mat1"] == "True", feats["prepadded_mat2"] == "True"

        def fn(x, y):
            return torch.mm(x + 1 if pre1 else x, y + 1 if pre2 else y)

        for _ in range(3):
            with fresh_cache():
                compiled = torch.compile(fn)
                compiled(mat1, mat2)
                torch.cuda.synchronize()
            torch.compiler.reset()
        del mat1, mat2
        torch.cuda.empty_cache()
        done += 1
        print(f"input {done}: {m}x{k}x{n} {feats['mat1_dtype']} tf32={feats['using_tf32']}: {time.time() - started:.1f} s so far", flush=True)
    elapsed = time.time() - started
    rows = 0
    if os.path.exists(a.ah_log):
        with open(a.ah_log) as f:
            rows = max(0, sum(1 for _ in f) - 2)
    print(f"pytorch collector (3 torch.compile runs per input, pad_mm collection on): {done} inputs in {elapsed:.1f} s = "
          f"{elapsed / max(done, 1):.2f} s per input = {done / elapsed * 60:.1f} inputs/min; its log has {rows} rows")
    compare_with_ours(a, done, elapsed, "PyTorch's collector")
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("summarize")
    s.add_argument("--log", required=True)
    s.add_argument("--progress", required=True)
    s.add_argument("--start", type=float, required=True)
    s.add_argument("--reps", type=int, default=3)
    s.add_argument("--label", default="pad_mm")
    t = sub.add_parser("pytorch")
    t.add_argument("--log", required=True)
    t.add_argument("--inputs", type=int, default=5)
    t.add_argument("--budget-s", type=float, default=60)
    t.add_argument("--ours-progress")
    t.add_argument("--start", type=float, default=0)
    c = sub.add_parser("collector")
    c.add_argument("--log", required=True)
    c.add_argument("--inputs", type=int, default=5)
    c.add_argument("--budget-s", type=float, default=120)
    c.add_argument("--ah-log", required=True)
    c.add_argument("--ours-progress")
    c.add_argument("--start", type=float, default=0)
    a = p.parse_args()
    return {"summarize": summarize, "pytorch": pytorch, "collector": collector}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
