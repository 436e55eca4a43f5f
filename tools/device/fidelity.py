"""Timing fidelity: triton.testing.do_bench on the exact cuBLASLt call GpuBenchmark times.

For each GEMM of ../shared/docs/gpu-benchmarking.md's shape list and three long ones (bf16, fp32 accumulate, row-major
mat1 (m x k) @ mat2 (k x n), cuBLASLt's first heuristic pick, 32 MiB workspace), the same
cublasLtMatmul call that `gpucheck fidelity` times is issued from Python through ctypes and
timed with triton.testing.do_bench (median, default warm-up 25 ms / rep 100 ms). torch.mm is
timed too, for reference.

The fair comparison is `alternate`: one driver process starts `gpucheck fidelity --serve` (the
device is opened once, outside any timing) and, shape by shape, alternates do_bench and our
harness back to back (do_bench, ours with the do_bench-like preset, ours with the collection
preset, do_bench, ...), so both see the same power and clock state; the H100 is power-capped
and a long GEMM runs anywhere between 1,250 and 1,500 MHz, so timing all of triton's shapes
first and all of ours minutes later compares different clock states. `report` compares the
median over alternations of each and prints do_bench's own spread beside the ratio.

  python3 fidelity.py alternate --gpucheck PATH/GpuCheck --alternations 5 --out fidelity.jsonl
  python3 fidelity.py report --in fidelity.jsonl [--preset default|collection]

The older two-process mode (kept for the recorded results in tools/device/results):
  python3 fidelity.py measure --out triton.jsonl
  python3 fidelity.py compare --ours ours.jsonl --triton triton.jsonl
"""
import argparse
import ctypes
import json
import statistics
import subprocess
import sys

# (m, n, k); the first nine are the docs' list.
DOCS_SHAPES = 9
SHAPES = [(8192, 8192, 8192), (4096, 4096, 4096), (4096, 4096, 4095), (4096, 4096, 4104), (4096, 4096, 4100),
          (4095, 4096, 4096), (4096, 4095, 4096), (128, 4096, 4096), (16, 4096, 4096),
          # long GEMMs (~11, 45, 90 ms): the harness's long-work paths (estimate from the first run, skipped first run)
          (16384, 16384, 16384), (32768, 32768, 16384), (32768, 32768, 32768)]

CUDA_R_16BF = 14
CUDA_R_32F = 0
CUBLAS_COMPUTE_32F = 68
PREF_MAX_WORKSPACE_BYTES = 1
WORKSPACE = 32 << 20


def lt_library():
    lt = ctypes.CDLL("libcublasLt.so.13")
    vp, sz = ctypes.c_void_p, ctypes.c_size_t
    lt.cublasLtCreate.argtypes = [ctypes.POINTER(vp)]
    lt.cublasLtMatmulDescCreate.argtypes = [ctypes.POINTER(vp), ctypes.c_int, ctypes.c_int]
    lt.cublasLtMatrixLayoutCreate.argtypes = [ctypes.POINTER(vp), ctypes.c_int, ctypes.c_uint64, ctypes.c_uint64, ctypes.c_int64]
    lt.cublasLtMatmulPreferenceCreate.argtypes = [ctypes.POINTER(vp)]
    lt.cublasLtMatmulPreferenceSetAttribute.argtypes = [vp, ctypes.c_int, vp, sz]
    lt.cublasLtMatmulAlgoGetHeuristic.argtypes = [vp, vp, vp, vp, vp, vp, vp, ctypes.c_int, vp, ctypes.POINTER(ctypes.c_int)]
    lt.cublasLtMatmul.argtypes = [vp, vp, vp, vp, vp, vp, vp, vp, vp, vp, vp, vp, vp, vp, sz, vp]
    return lt


def check(status, what):
    if status != 0:
        raise RuntimeError(f"{what} failed with cuBLAS status {status}")


def make_gemm(lt, handle, m, n, k, torch):
    # The same value distribution as the harness's fill kernel (uniform [-1, 1) in float, then bf16 with
    # every mantissa bit random). torch.rand(bf16) * 2 - 1 leaves most low mantissa bits zero; on
    # power-capped shapes (8192^3 and up) the GPU then draws less power, clocks higher and runs a few
    # percent faster, so the two sides would not time the same work.
    a = torch.empty((m, k), device="cuda", dtype=torch.float32).uniform_(-1, 1).to(torch.bfloat16)
    b = torch.empty((k, n), device="cuda", dtype=torch.float32).uniform_(-1, 1).to(torch.bfloat16)
    c = torch.empty((m, n), device="cuda", dtype=torch.bfloat16)
    ws = torch.empty(WORKSPACE, device="cuda", dtype=torch.uint8)
    desc = ctypes.c_void_p()
    check(lt.cublasLtMatmulDescCreate(ctypes.byref(desc), CUBLAS_COMPUTE_32F, CUDA_R_32F), "MatmulDescCreate")
    # Column-major view of the row-major product: D (n x m) = mat2 (n x k, ld n) . mat1 (k x m, ld k).
    la, lb, lc = ctypes.c_void_p(), ctypes.c_void_p(), ctypes.c_void_p()
    check(lt.cublasLtMatrixLayoutCreate(ctypes.byref(la), CUDA_R_16BF, n, k, n), "layout A")
    check(lt.cublasLtMatrixLayoutCreate(ctypes.byref(lb), CUDA_R_16BF, k, m, k), "layout B")
    check(lt.cublasLtMatrixLayoutCreate(ctypes.byref(lc), CUDA_R_16BF, n, m, n), "layout C")
    pref = ctypes.c_void_p()
    check(lt.cublasLtMatmulPreferenceCreate(ctypes.byref(pref)), "PreferenceCreate")
    wsize = ctypes.c_uint64(WORKSPACE)
    check(lt.cublasLtMatmulPreferenceSetAttribute(pref, PREF_MAX_WORKSPACE_BYTES, ctypes.byref(wsize), 8), "pref workspace")
    results = (ctypes.c_ubyte * 96)()
    count = ctypes.c_int()
    check(lt.cublasLtMatmulAlgoGetHeuristic(handle, desc, la, lb, lc, lc, pref, 1, results, ctypes.byref(count)), "heuristic")
    if count.value < 1:
        raise RuntimeError("no algorithm")
    alpha, beta = ctypes.c_float(1.0), ctypes.c_float(0.0)
    algo = ctypes.addressof(results)

    def run():
        stream = torch.cuda.current_stream().cuda_stream
        check(lt.cublasLtMatmul(handle, desc, ctypes.byref(alpha), b.data_ptr(), la, a.data_ptr(), lb, ctypes.byref(beta),
                                c.data_ptr(), lc, c.data_ptr(), lc, algo, ws.data_ptr(), WORKSPACE, stream), "matmul")

    keep = (a, b, c, ws, results, alpha, beta)
    return run, (lambda: torch.mm(a, b)), keep


def measure(out):
    import torch
    import triton.testing
    lt = lt_library()
    handle = ctypes.c_void_p()
    check(lt.cublasLtCreate(ctypes.byref(handle)), "cublasLtCreate")
    lines = []
    for m, n, k in SHAPES:
        run, mm, keep = make_gemm(lt, handle, m, n, k, torch)
        ms = triton.testing.do_bench(run, return_mode="median")
        ms_mm = triton.testing.do_bench(mm, return_mode="median")
        line = json.dumps({"m": m, "n": n, "k": k, "median_ms": ms, "torch_mm_median_ms": ms_mm})
        print(line, flush=True)
        lines.append(line)
        del keep
    if out:
        with open(out, "a") as f:
            f.write("\n".join(lines) + "\n")


def compare(ours_path, triton_path):
    def load(path):
        d = {}
        for line in open(path):
            if line.strip():
                r = json.loads(line)
                d.setdefault((r["m"], r["n"], r["k"]), []).append(r)
        return d

    ours, trit = load(ours_path), load(triton_path)
    print(f"{'m':>5} {'n':>5} {'k':>5} {'ours ms':>9} {'do_bench':>9} {'ratio':>7} {'torch.mm':>9} {'MHz':>6}  within 5%  first run skipped")
    worst = 0.0
    for key in SHAPES:
        if key not in ours or key not in trit:
            continue
        o = statistics.median(r["median_ms"] for r in ours[key])
        t = statistics.median(r["median_ms"] for r in trit[key])
        tm = statistics.median(r["torch_mm_median_ms"] for r in trit[key])
        mhz = statistics.median(r.get("sm_mhz", 0) for r in ours[key])
        ratio = o / t
        worst = max(worst, abs(ratio - 1))
        skipped = sum(1 for r in ours[key] if r.get("skipped_first_run"))
        print(f"{key[0]:>5} {key[1]:>5} {key[2]:>5} {o:9.4f} {t:9.4f} {ratio:7.3f} {tm:9.4f} {mhz:6.0f}  {'yes' if abs(ratio - 1) <= 0.05 else 'NO':9s}  {skipped}/{len(ours[key])}")
    print(f"worst deviation {worst * 100:.1f} %")
    return 0 if worst <= 0.05 else 1


class OurHarness:
    """`gpucheck fidelity --serve` as a child process: one request line per measurement, one JSON answer line."""

    def __init__(self, gpucheck):
        self.proc = subprocess.Popen([gpucheck, "fidelity", "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        ready = self._read()
        if not ready.get("ready"):
            raise RuntimeError(f"gpucheck did not start: {ready}")
        self.device = ready.get("device", "")

    def _read(self):
        line = self.proc.stdout.readline()
        if not line:
            code = self.proc.wait()
            raise RuntimeError(f"gpucheck ended (exit {code}) without answering")
        return json.loads(line)

    def measure(self, m, n, k, preset):
        self.proc.stdin.write(f"{m} {n} {k} {preset}\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def alternate(gpucheck, alternations, presets, out, shapes):
    """Per shape: `alternations` times do_bench and ours with each preset, back to back in alternating order; torch.mm once."""
    import torch
    import triton.testing
    lt = lt_library()
    handle = ctypes.c_void_p()
    check(lt.cublasLtCreate(ctypes.byref(handle)), "cublasLtCreate")
    ours = OurHarness(gpucheck)
    print(f"# ours on {ours.device}; {alternations} alternations; presets {', '.join(presets)}", flush=True)
    with open(out, "a") as f:
        def emit(record):
            line = json.dumps(record)
            f.write(line + "\n")
            f.flush()
            print(line, flush=True)

        for m, n, k in shapes:
            run, mm, keep = make_gemm(lt, handle, m, n, k, torch)
            run()
            torch.cuda.synchronize()
            for a in range(alternations):
                # Counterbalanced order: the side that runs second inherits the heat of the first, so
                # even alternations start with do_bench and odd ones with ours.
                def reference():
                    ms = triton.testing.do_bench(run, return_mode="median")
                    emit({"m": m, "n": n, "k": k, "alternation": a, "source": "do_bench", "median_ms": ms})

                if a % 2 == 0:
                    reference()
                for preset in presets:
                    r = ours.measure(m, n, k, preset)
                    r.update({"m": m, "n": n, "k": k, "alternation": a, "source": preset})
                    emit(r)
                if a % 2 == 1:
                    reference()
            emit({"m": m, "n": n, "k": k, "alternation": -1, "source": "torch.mm", "median_ms": triton.testing.do_bench(mm, return_mode="median")})
            del run, mm, keep
            torch.cuda.empty_cache()
    ours.close()


def summarize_shape(records, preset):
    """The comparison for one shape: medians over alternations, do_bench's spread, the paired ratios."""
    db = {r["alternation"]: r["median_ms"] for r in records if r["source"] == "do_bench"}
    us = {r["alternation"]: r for r in records if r["source"] == preset and "median_ms" in r}
    if not db or not us:
        return None
    paired = [us[a]["median_ms"] / db[a] for a in sorted(us) if a in db]
    d, o = list(db.values()), [r["median_ms"] for r in us.values()]
    med_d, med_o = statistics.median(d), statistics.median(o)
    mm = [r["median_ms"] for r in records if r["source"] == "torch.mm"]
    return {
        "ours": med_o, "do_bench": med_d, "ratio": med_o / med_d,
        "paired_ratio": statistics.median(paired) if paired else float("nan"),
        "ref_spread": max(d) / min(d), "ours_spread": max(o) / min(o),
        "inside_ref_range": min(d) <= med_o <= max(d),
        "torch_mm": mm[0] if mm else float("nan"),
        "mhz": statistics.median(r.get("sm_mhz", 0) for r in us.values()),
        "alternations": len(paired),
        "skipped": sum(1 for r in us.values() if r.get("skipped_first_run")),
        "errors": sum(1 for r in records if r["source"] == preset and "error" in r),
    }


def report(path, preset, shapes=None):
    shapes = shapes or SHAPES
    by_shape = {}
    try:
        lines = open(path).readlines()
    except OSError as e:
        print(f"no measurements: {e}")
        return 1
    for line in lines:
        if line.strip() and not line.startswith("#"):
            r = json.loads(line)
            by_shape.setdefault((r["m"], r["n"], r["k"]), []).append(r)
    print(f"preset {preset}: median over alternations; ratio = ours / do_bench; paired = median of per-alternation ratios; "
          f"spreads are max/min over alternations")
    print(f"{'m':>5} {'n':>5} {'k':>5} {'ours ms':>9} {'do_bench':>9} {'ratio':>7} {'paired':>7} {'ref spread':>10} {'our spread':>10} "
          f"{'in ref range':>12} {'torch.mm':>9} {'MHz':>6} {'alt':>4}  within 5%  first run skipped")
    worst = {"docs": 0.0, "all": 0.0}
    within = {"docs": 0, "all": 0}
    inside = {"docs": 0, "all": 0}
    counted = {"docs": 0, "all": 0}
    for i, key in enumerate(shapes):
        s = summarize_shape(by_shape.get(key, []), preset)
        if s is None:
            print(f"{key[0]:>5} {key[1]:>5} {key[2]:>5}  no data")
            continue
        dev = abs(s["ratio"] - 1)
        groups = ["all"] + (["docs"] if i < DOCS_SHAPES else [])
        for g in groups:
            worst[g] = max(worst[g], dev)
            within[g] += dev <= 0.05
            inside[g] += s["inside_ref_range"]
            counted[g] += 1
        print(f"{key[0]:>5} {key[1]:>5} {key[2]:>5} {s['ours']:9.4f} {s['do_bench']:9.4f} {s['ratio']:7.3f} {s['paired_ratio']:7.3f} "
              f"{s['ref_spread']:10.3f} {s['ours_spread']:10.3f} {'yes' if s['inside_ref_range'] else 'no':>12} {s['torch_mm']:9.4f} "
              f"{s['mhz']:6.0f} {s['alternations']:>4}  {'yes' if dev <= 0.05 else 'NO':9s}  {s['skipped']}/{s['alternations']}"
              + (f"  ({s['errors']} errors)" if s["errors"] else ""))
    print(f"docs' nine shapes: worst deviation {worst['docs'] * 100:.1f} %, {within['docs']}/{counted['docs']} within 5 %, "
          f"{inside['docs']}/{counted['docs']} inside do_bench's own range; all twelve: worst {worst['all'] * 100:.1f} %, "
          f"{within['all']}/{counted['all']} within 5 %, {inside['all']}/{counted['all']} inside the range")
    return 0 if counted["docs"] and worst["docs"] <= 0.05 else 1


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--out")
    c = sub.add_parser("compare")
    c.add_argument("--ours", required=True)
    c.add_argument("--triton", required=True)
    a = sub.add_parser("alternate")
    a.add_argument("--gpucheck", required=True)
    a.add_argument("--alternations", type=int, default=5)
    a.add_argument("--presets", default="default,collection")
    a.add_argument("--out", required=True)
    r = sub.add_parser("report")
    r.add_argument("--in", dest="path", required=True)
    r.add_argument("--preset", default="default", choices=["default", "collection"])
    args = p.parse_args()
    if args.cmd == "measure":
        measure(args.out)
        return 0
    if args.cmd == "alternate":
        if args.alternations < 1:
            p.error("--alternations must be at least 1")
        presets = [x for x in args.presets.split(",") if x]
        bad = [x for x in presets if x not in ("default", "collection")]
        if bad or not presets:
            p.error(f"--presets takes default and/or collection, got {args.presets!r}")
        alternate(args.gpucheck, args.alternations, presets, args.out, SHAPES)
        return 0
    if args.cmd == "report":
        return report(args.path, args.preset)
    return compare(args.ours, args.triton)


if __name__ == "__main__":
    sys.exit(main())
