#!/usr/bin/env python3
"""How noisy are pad_mm's labels? Measurement-repetition analysis of PyTorch's pad_mm A100 log.

PyTorch's log holds, for each input (feature tuple), three measurements of `orig` and three of
`pad`, written interleaved (orig, pad, orig, pad, ...), so the k-th `orig` row and the k-th `pad`
row were measured back to back. The trainer's label is the winner of the medians. This script
asks whether inputs whose two choices are close are really coin flips:

* per-rep winner vs median winner: how often the k-th pair's winner differs from the label;
* rep vs rep: how often two different pairs of one input disagree (a test-retest rate that does
  not compare a measurement with a median it is part of);
* a bootstrap of the label: resample each choice's three times with replacement, recompute the
  median winner, and count how often it differs from the published label. Summed over inputs it
  is the number of labels a model that knows the true ordering would still get "wrong" because
  the label itself is a noisy draw.

Buckets are |median(orig) / median(pad) - 1|. The `--split-test` part uses the pytorch split
(sklearn_baseline.load + train_test_split(random_state=42) twice, as PyTorch's trainer) and
reports the same for the 1455 test inputs, plus the expected noise-"wrong" count of an oracle that
answers every input except the closest X % (by the measured gap).

Usage: /usr/bin/python3 tools/bench/padmm_label_noise.py /tmp/unsure-data/pad_mm_a100_data.txt [--split-test]
Needs Debian's python3-pandas and python3-numpy (python3-sklearn for --split-test).
"""

import argparse
import json
import os
import sys

import numpy as np
import pandas as pd

BUCKETS = [(0.0, 0.005, "0-0.5 %"), (0.005, 0.01, "0.5-1 %"), (0.01, 0.02, "1-2 %"), (0.02, 0.05, "2-5 %"), (0.05, np.inf, "> 5 %")]


def read_inputs(path):
    """One record per input: features (as a tuple of strings), orig times, pad times (file order)."""
    with open(path) as f:
        json.loads(f.readline())
    df = pd.read_csv(path, skiprows=1, keep_default_na=False, dtype=str)
    features = list(df.columns[:-2])
    df["feedback"] = df["feedback"].astype(float)
    key = df[features].agg(",".join, axis=1)
    records = {}
    for k, choice, t in zip(key, df["choice"], df["feedback"]):
        rec = records.setdefault(k, {"orig": [], "pad": []})
        rec[choice].append(t)
    return features, records


def bucket_of(gap):
    for lo, hi, name in BUCKETS:
        if lo <= gap < hi:
            return name
    return BUCKETS[-1][2]


def analyse(records, rng, boots):
    rows = []
    for key, rec in records.items():
        o, p = np.array(rec["orig"]), np.array(rec["pad"])
        if len(o) == 0 or len(p) == 0:
            continue  # the trainer drops inputs with one choice
        mo, mp = np.median(o), np.median(p)
        label = "orig" if mo <= mp else "pad"  # ties: the first choice in sort order, as the trainer's stable sort
        gap = abs(mo / mp - 1.0) if mp > 0 else np.inf
        pairs = min(len(o), len(p))
        rep_w = ["orig" if o[i] <= p[i] else "pad" for i in range(pairs)]
        rep_vs_label = sum(w != label for w in rep_w)
        rep_pairs = [(i, j) for i in range(pairs) for j in range(i + 1, pairs)]
        rep_vs_rep = sum(rep_w[i] != rep_w[j] for i, j in rep_pairs)
        # Bootstrap of the median label: resample each choice's times with replacement.
        bo = np.median(rng.choice(o, size=(boots, len(o)), replace=True), axis=1)
        bp = np.median(rng.choice(p, size=(boots, len(p)), replace=True), axis=1)
        flip = float(np.mean(np.where(bo <= bp, "orig", "pad") != label))
        rows.append(dict(key=key, label=label, gap=gap, bucket=bucket_of(gap), pairs=pairs, rep_vs_label=rep_vs_label,
                         rep_pair_count=len(rep_pairs), rep_vs_rep=rep_vs_rep, flip=flip, orig=mo, pad=mp))
    return pd.DataFrame(rows)


def table(frame, title):
    print(f"\n{title}: {len(frame)} inputs")
    print("| |orig/pad - 1| | inputs | share | per-rep winner != median winner | rep vs rep disagree | bootstrap label flip | expected flipped labels |")
    print("|---|---|---|---|---|---|---|")
    for _, _, name in BUCKETS:
        b = frame[frame["bucket"] == name]
        if len(b) == 0:
            continue
        print(f"| {name} | {len(b)} | {100 * len(b) / len(frame):.1f} % | {100 * b['rep_vs_label'].sum() / b['pairs'].sum():.1f} % | "
              f"{100 * b['rep_vs_rep'].sum() / max(1, b['rep_pair_count'].sum()):.1f} % | {100 * b['flip'].mean():.1f} % | {b['flip'].sum():.1f} |")
    print(f"| all | {len(frame)} | 100 % | {100 * frame['rep_vs_label'].sum() / frame['pairs'].sum():.1f} % | "
          f"{100 * frame['rep_vs_rep'].sum() / max(1, frame['rep_pair_count'].sum()):.1f} % | {100 * frame['flip'].mean():.1f} % | {frame['flip'].sum():.1f} |")


def oracle_floor(frame, title):
    """Expected noise-wrong count of a model that knows each input's measured gap and abstains on the closest ones."""
    ordered = frame.sort_values("gap", kind="stable")
    flips = ordered["flip"].to_numpy()
    n = len(ordered)
    print(f"\n{title}: an oracle that is unsure on the X % closest inputs and answers the rest with the median winner; "
          "expected labels it gets 'wrong' because the label is a noisy draw (bootstrap)")
    print("| unsure X % | unsure inputs | expected noise-wrong among answered | as % of all |")
    print("|---|---|---|---|")
    for pct in (0.0, 5.0, 10.0, 15.0, 17.5, 20.0, 25.0, 35.0):
        k = int(round(n * pct / 100))
        wrong = flips[k:].sum()
        print(f"| {pct:g} % | {k} | {wrong:.1f} | {100 * wrong / n:.2f} % |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("log")
    parser.add_argument("--boots", type=int, default=2000)
    parser.add_argument("--split-test", action="store_true", help="also report the pytorch split's test inputs")
    parser.add_argument("--csv", help="write the per-input analysis here")
    args = parser.parse_args()

    rng = np.random.default_rng(12345)
    features, records = read_inputs(args.log)
    frame = analyse(records, rng, args.boots)
    table(frame, "All inputs of the log")
    oracle_floor(frame, "All inputs")
    if args.csv:
        frame.to_csv(args.csv, index=False)
    if args.split_test:
        sys.dont_write_bytecode = True  # leave no __pycache__ in the tree
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import sklearn_baseline as sb
        from sklearn.model_selection import train_test_split

        metadata, df, _ = sb.load(args.log, "pad_mm", False)
        _, test = train_test_split(df, test_size=0.15, random_state=42)
        # Join the grouped test rows to this analysis on the numerical features, then on the two
        # medians (equal to 1e-9: pandas' CSV parser and Python's float() may differ in the last bit),
        # which tells apart inputs that differ only in categorical features.
        num = metadata["numerical_features"]
        parts = frame["key"].str.split(",", expand=True)
        numkey = parts[list(range(len(num)))].agg(",".join, axis=1)
        by_key = {}
        for i, k in enumerate(numkey):
            by_key.setdefault(k, []).append(i)
        picked, unmatched = [], 0
        test_num = test[num].astype("int64").astype(str).agg(",".join, axis=1)
        for k, c2t in zip(test_num, test["choice2time"]):
            t = json.loads(c2t)
            hits = [i for i in by_key.get(k, []) if np.isclose(frame["orig"].iat[i], t["orig"], rtol=1e-9, atol=0)
                    and np.isclose(frame["pad"].iat[i], t["pad"], rtol=1e-9, atol=0)]
            if len(hits) == 1:
                picked.append(hits[0])
            else:
                unmatched += 1
        matched = frame.iloc[picked]
        print(f"\nmatched {len(matched)} of {len(test)} pytorch-split test inputs ({unmatched} without exactly one match)")
        table(matched, "pytorch split, test inputs")
        oracle_floor(matched, "pytorch split, test inputs")


if __name__ == "__main__":
    main()
