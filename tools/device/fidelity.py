"""Timing fidelity: triton.testing.do_bench on the exact cuBLASLt call GpuBenchmark times.

For each GEMM of docs/gpu-benchmarking.md's shape list and three long ones (bf16, fp32 accumulate, row-major
mat1 (m x k) @ mat2 (k x n), cuBLASLt's first heuristic pick, 32 MiB workspace), the same
cublasLtMatmul call that `gpucheck fidelity` times is issued from Python through ctypes and
timed with triton.testing.do_bench (median, default warm-up 25 ms / rep 100 ms). torch.mm is
timed too, for reference. Prints one JSON line per shape.

  python3 fidelity.py measure --out triton.jsonl
  python3 fidelity.py compare --ours ours.jsonl --triton triton.jsonl
"""
import argparse
import ctypes
import json
import statistics
import sys

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
    a = torch.rand((m, k), device="cuda", dtype=torch.bfloat16) * 2 - 1
    b = torch.rand((k, n), device="cuda", dtype=torch.bfloat16) * 2 - 1
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


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--out")
    c = sub.add_parser("compare")
    c.add_argument("--ours", required=True)
    c.add_argument("--triton", required=True)
    a = p.parse_args()
    if a.cmd == "measure":
        measure(a.out)
        return 0
    return compare(a.ours, a.triton)


if __name__ == "__main__":
    sys.exit(main())
