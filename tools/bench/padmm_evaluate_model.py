#!/usr/bin/env python3
"""Noise-aware test metrics of a saved pad_mm decision model (`autoheuristic train ... --save-model FILE`).

Walks the saved tree (numeric split: value <= threshold goes left; categorical split: str(value) !=
category goes to `not_equal`) over the pytorch split's test inputs (sklearn_baseline.load +
train_test_split(random_state=42) twice, as PyTorch's trainer), answers unsure at unsafe leaves and
where the leaf's top probability is at or below the model's confidence threshold, and prints test
correct / wrong / unsure plus what the library's metrics lack: costly wrong (the chosen choice
> 1 % / > 2 % slower than the best) and time lost against the oracle (an unsure input charged the
oracle's time), so the C# variants sit in the same table as tools/bench/padmm_unsure_upper_bound.py.

Usage: /usr/bin/python3 tools/bench/padmm_evaluate_model.py /tmp/unsure-data/pad_mm_a100_data.txt MODEL.json [MODEL.json ...]
"""

import argparse
import json
import os
import sys

import numpy as np
from sklearn.model_selection import train_test_split

sys.dont_write_bytecode = True  # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sklearn_baseline as sb  # noqa: E402
import padmm_unsure_upper_bound as ub  # noqa: E402


def categorical_equal(row, feature, category, columns):
    """str(value) == category, read from the one-hot column sklearn_baseline made for that value."""
    column = f"{feature}_{category}"
    return column in columns and bool(row[column])


def answer(node, row, columns, threshold):
    while "leaf" not in node:
        feature = node["feature"]
        if "category" in node:
            node = node["equal"] if categorical_equal(row, feature, node["category"], columns) else node["not_equal"]
        else:
            node = node["left"] if float(row[feature]) <= node["threshold"] else node["right"]
    if node["unsafe"] or not node["best"]:
        return None
    p, index = node["best"][0]
    return None if p <= threshold else index


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("log")
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()

    _, df, _ = sb.load(args.log, "pad_mm", False)
    rest, test = train_test_split(df, test_size=0.15, random_state=42)
    columns = set(test.columns)
    print("| model file | test correct / wrong / unsure | unsure % | costly wrong > 1 % / > 2 % | time lost vs oracle % |")
    print("|---|---|---|---|---|")
    for path in args.models:
        with open(path) as f:
            model = json.load(f)["models"][0]
        choices = model["choices"]
        threshold = float(model.get("confidence_threshold", 0.0))
        picks = [answer(model["tree"], row, columns, threshold) for _, row in test.iterrows()]
        answered = np.array([p is not None for p in picks])
        pred = np.array([choices[p] if p is not None else "" for p in picks], dtype=object)
        s = ub.score(pred, answered.astype(float), 0.5, test)
        print(f"| {os.path.basename(path)} | {s['correct']} / {s['wrong']} / {s['unsure']} | {s['unsure_pct']:.1f} | "
              f"{s['costly1']} / {s['costly2']} | {s['lost_pct']:.3f} |")


if __name__ == "__main__":
    main()
