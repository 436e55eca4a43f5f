#!/usr/bin/env python3
"""Speed baseline for `tools/AutoHeuristic.Bench --baseline python`.

Trains a heuristic from one AutoHeuristic log the way PyTorch's decision-tree trainer does
(torchgen/_autoheuristic/train_decision.py, as described in ../shared/docs/pytorch-autoheuristic.md
section 3): pandas group-by into one row per input, augmented features, one-hot categorical
columns, sklearn's train_test_split twice with random_state 42, the DecisionTreeClassifier grid
(36 models by default), the safe probability threshold on the validation set, unsafe leaves and
ranking pruning for mm / mixed_mm, evaluation of every set and selection of the model with the
most correct validation predictions within the allowed wrong percentage.

Checked against PyTorch's real scripts (train_decision*.py with Debian's scikit-learn 1.2.1,
leaf values normalized as scikit-learn >= 1.4.1 stores them): the selected model and every metric
of every set agree on pad_mm A100, mixed_mm A100 and mm ranking H100. What that takes: winners
among exactly equal medians as pandas' quicksort orders them, near-best ranking rows in choice
order, one-hot columns in pandas' first-appearance category order, rows routed on float64 values,
and no unsafe-leaf rule for mm.

It exists to be timed against our trainer on the same file and the same machine. It prints one
JSON object: the selected model, its metrics per set, the training wall time ("seconds", from
reading the file to the selected model), the CPU time of the same span ("cpu_seconds", all
threads) and the peak resident memory ("peak_rss_mb").

Needs Debian's python3-sklearn and python3-pandas (run it with /usr/bin/python3).
"""

import argparse
import itertools
import json
import math
import resource
import sys
import time

import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

DEFAULT_GRID = (
    [5, 6, 7],
    [1, 5, 10, 0.01, 0.05, 0.02],
    ["gini", "entropy"],
)
MM_GRID = ([5], [0.01], ["entropy"])

PRESETS = {
    "pad_mm": dict(grid=DEFAULT_GRID, test=0.15, val=0.15, wrong=0.01, default=None, unsafe=None, always=[], extra_copies={}),
    "mixed_mm": dict(grid=MM_GRID, test=0.01, val=0.19, wrong=1.0, default="extern_fallback_mixed_mm", unsafe=1.05, always=[], extra_copies={}),
    # train_decision_mm.py keeps the base trainer's is_unsafe_leaf (never unsafe).
    "mm": dict(grid=MM_GRID, test=0.01, val=0.19, wrong=1.0, default="extern_mm", unsafe=None, always=["extern_mm"],
               extra_copies={"train_timm": 3, "train_hf": 3}),
}
GENERIC = dict(grid=DEFAULT_GRID, test=0.15, val=0.15, wrong=0.01, default=None, unsafe=None, always=[], extra_copies={})

NOT_FEATURES = {"speedup", "winner", "target", "avail_choices", "choice2time", "index", "actual_winner", "relative_performance"}


# ---------------------------------------------------------------- reading and grouping

def read_log(path):
    with open(path) as f:
        metadata = json.loads(f.readline())
    df = pd.read_csv(path, skiprows=1, on_bad_lines="skip")
    return metadata, df


def group_inputs(df, features, ranking):
    """One row per input: winner, speedup over the second best, available choices, choice -> median time."""
    keys = features + ["choice"]
    df = df.copy()
    df["is_inf"] = np.isinf(df["feedback"])
    stats = df.groupby(keys, sort=True, dropna=True).agg(
        count=("feedback", "count"), median=("feedback", "median"), mean=("feedback", "mean"),
        std=("feedback", "std"), any_inf=("is_inf", "max")).reset_index()
    stats.loc[stats["any_inf"], "median"] = math.inf

    rows = []
    for key, group in stats.groupby(features, sort=True, dropna=True):
        if len(group) < 2:
            continue
        times = dict(zip(group["choice"], group["median"]))
        # PyTorch takes the first row of sort_values (numpy's unstable quicksort) over the rows in
        # choice order, so among exactly equal medians its winner is whichever that sort puts first.
        order = np.argsort(group["median"].to_numpy(), kind="quicksort")
        choices = group["choice"].to_numpy()
        best_choice, best_time = choices[order[0]], times[choices[order[0]]]
        second_time = times[choices[order[1]]]
        values = key if isinstance(key, tuple) else (key,)
        base = dict(zip(features, values))
        base["avail_choices"] = list(times.keys())
        base["choice2time"] = json.dumps(times)
        if not ranking:
            row = dict(base)
            row["winner"] = best_choice
            row["speedup"] = second_time / best_time if best_time > 0 else math.inf
            rows.append(row)
            continue
        # Near-best rows in choice order, as add_near_best_configs walks choice2time.
        for choice, t in times.items():
            rel = best_time / t if t > 0 else 0.0
            if rel < 0.98:
                continue
            row = dict(base)
            row["winner"] = choice
            row["actual_winner"] = best_choice
            row["relative_performance"] = rel
            row["speedup"] = second_time / best_time if best_time > 0 else math.inf
            rows.append(row)
    out = pd.DataFrame(rows).reset_index()
    return out


# ---------------------------------------------------------------- augmented features

def add_operations(name, df):
    """PyTorch's standard operation sets; returns the names of the added categorical features."""
    added_cat = []
    if name not in ("pad_mm", "mm", "mixed_mm"):
        return added_cat
    m, k, n = df["m"].astype("float64"), df["k"].astype("float64"), df["n"].astype("float64")
    df["m*k"] = df["m"] * df["k"]
    df["m*n"] = df["m"] * df["n"]
    df["k*n"] = df["k"] * df["n"]
    if name == "pad_mm":
        df["k/(m*n)"] = k / (m * n)
        df["bfloat_perf_hit"] = (k > m * 1024) & (k > n * 1024) & (df["mat1_dtype"].astype(str) == "torch.bfloat16")
        added_cat.append("bfloat_perf_hit")
    denom = m * k + k * n + m * n
    df["arith_intensity"] = np.where((m == 0) | (k == 0) | (n == 0), 0.0, m * k * n / denom.where(denom != 0, 1))
    if name == "pad_mm":
        df["mat1_innermost_needs_padding"] = ((df["mat1_stride_0"] == 1) & (df["m_padded_length"] != 0)) | (
            (df["mat1_stride_1"] == 1) & (df["k_padded_length"] != 0))
        df["mat2_innermost_needs_padding"] = ((df["mat2_stride_0"] == 1) & (df["k_padded_length"] != 0)) | (
            (df["mat2_stride_1"] == 1) & (df["n_padded_length"] != 0))
        df["num_dims_needs_padding"] = ((df["m_padded_length"] != 0).astype(int) + (df["k_padded_length"] != 0).astype(int)
                                        + (df["n_padded_length"] != 0).astype(int))
        added_cat += ["mat1_innermost_needs_padding", "mat2_innermost_needs_padding"]
        for dim in ("m", "k", "n"):
            for mult in (2, 4, 8, 16, 32):
                col = f"{dim}_multiple_{mult}"
                df[col] = df[dim] % mult == 0
                added_cat.append(col)
        df["mat1_iscontig"] = (df["mat1_stride_0"] == df["k"]) & (df["mat1_stride_1"] == 1)
        df["mat2_iscontig"] = (df["mat2_stride_0"] == df["n"]) & (df["mat2_stride_1"] == 1)
        added_cat += ["mat1_iscontig", "mat2_iscontig"]
    if name == "mixed_mm":
        for dim in ("m", "k", "n"):
            for lo, hi in ((1, 16), (17, 32), (33, 64), (65, 128), (129, 256)):
                col = f"{lo}LEQ{dim}LEQ{hi}"
                df[col] = (df[dim] >= lo) & (df[dim] <= hi)
                added_cat.append(col)
    return added_cat


def one_hot(df, cat_features, categories):
    for col in cat_features:
        df[col] = pd.Categorical(df[col], categories=categories[col])
    return pd.get_dummies(df, columns=cat_features)


def load(path, name, ranking, categories=None):
    metadata, raw = read_log(path)
    features = metadata["numerical_features"] + metadata["categorical_features"]
    df = group_inputs(raw, features, ranking)
    cat_features = list(metadata["categorical_features"]) + add_operations(name, df)
    if categories is None:
        # pandas' unique(): first appearance; get_dummies writes the columns in this order, and
        # sklearn's random feature order is drawn over column positions, so it decides ties.
        categories = {c: list(df[c].unique()) for c in cat_features}
    return metadata, one_hot(df, cat_features, categories), categories


# ---------------------------------------------------------------- trees

class Tree:
    """A fitted classifier plus PyTorch's ranking pruning and unsafe leaves."""

    def __init__(self, clf, features):
        self.clf = clf
        self.tree = clf.tree_
        self.classes = list(clf.classes_)
        self.features = features
        self.collapsed = None  # bool per node, set by prune()

    def prune(self, X, y, k):
        t = self.tree
        collapsed = np.zeros(t.node_count, dtype=bool)
        stack = [(0, np.arange(len(y)))]
        while stack:
            node, idx = stack.pop()
            left, right = t.children_left[node], t.children_right[node]
            if left == -1:
                continue
            mask = X[idx, t.feature[node]] <= t.threshold[node]
            li, ri = idx[mask], idx[~mask]
            if len(np.unique(y[li])) < k or len(np.unique(y[ri])) < k:
                collapsed[node] = True
                continue
            stack.append((left, li))
            stack.append((right, ri))
        self.collapsed = collapsed

    def leaves_and_probs(self, X):
        """Leaf node per row (a collapsed node counts as a leaf) and its class distribution.

        Rows are routed on their float64 values, as PyTorch's ah_tree.DecisionTree does (sklearn's
        own apply compares the float32-cast values)."""
        t = self.tree
        stop = t.children_left == -1
        if self.collapsed is not None:
            stop = stop | self.collapsed
        leaves = np.zeros(X.shape[0], dtype=np.int64)
        active = np.arange(X.shape[0])
        while len(active):
            nodes = leaves[active]
            inner = ~stop[nodes]
            active, nodes = active[inner], nodes[inner]
            go_left = X[active, t.feature[nodes]] <= t.threshold[nodes]
            leaves[active] = np.where(go_left, t.children_left[nodes], t.children_right[nodes])
        values = self.tree.value[:, 0, :]
        sums = values.sum(axis=1, keepdims=True)
        probs = values / np.where(sums == 0, 1, sums)
        return leaves, probs[leaves]

    def nodes(self):
        """The tree in pre-order (left before right), as [feature column, threshold, samples] per split
        and [None, None, samples] per leaf (a collapsed node counts as a leaf)."""
        t = self.tree
        out, stack = [], [0]
        while stack:
            node = stack.pop()
            samples = int(t.n_node_samples[node])
            if t.children_left[node] == -1 or (self.collapsed is not None and self.collapsed[node]):
                out.append([None, None, samples])
                continue
            out.append([self.features[t.feature[node]], float(t.threshold[node]), samples])
            stack.append(t.children_right[node])
            stack.append(t.children_left[node])
        return out

    def shape(self):
        t = self.tree
        if self.collapsed is None or not self.collapsed.any():
            return int((t.children_left == -1).sum()), int(t.max_depth)
        leaves, depth = 0, 0
        stack = [(0, 0)]
        while stack:
            node, d = stack.pop()
            if t.children_left[node] == -1 or self.collapsed[node]:
                leaves += 1
                depth = max(depth, d)
                continue
            stack.append((t.children_left[node], d + 1))
            stack.append((t.children_right[node], d + 1))
        return leaves, depth


def unsafe_leaves(tree, X, df, default, factor):
    if default is None or factor is None:
        return set()
    leaves, probs = tree.leaves_and_probs(X)
    unsafe = set()
    times = [json.loads(c) for c in df["choice2time"]]
    for i, leaf in enumerate(leaves):
        if leaf in unsafe:
            continue
        pred = tree.classes[int(np.argmax(probs[i]))]
        t = times[i]
        if pred not in t or default not in t:
            continue
        if t[pred] > factor * t[default]:
            unsafe.add(int(leaf))
    return unsafe


# ---------------------------------------------------------------- evaluation

def gmean(values):
    return float(np.exp(np.mean(np.log(values)))) if len(values) else 0.0


def predict(tree, X, df, unsafe):
    leaves, probs = tree.leaves_and_probs(X)
    best = np.argmax(probs, axis=1)
    return leaves, probs, best


def safe_proba(tree, X, df, unsafe, wrong_pct, truth_col):
    leaves, probs, best = predict(tree, X, df, unsafe)
    wrong_probs = []
    for i in range(len(df)):
        pred = tree.classes[best[i]]
        if int(leaves[i]) in unsafe or pred not in df["avail_choices"].iat[i]:
            continue
        if pred != df[truth_col].iat[i]:
            wrong_probs.append(float(probs[i, best[i]]))
    allowed = int(len(df) * wrong_pct)
    if allowed >= len(wrong_probs):
        return 0.0
    wrong_probs.sort()
    return wrong_probs[min(len(wrong_probs) - allowed, len(wrong_probs) - 1)]


def evaluate(tree, X, df, unsafe, threshold, default, top_k, always, truth_col):
    leaves, probs, best = predict(tree, X, df, unsafe)
    correct = wrong = unsure = 0
    wrong_speedups, over_default, non_default, default_better = [], [], 0, 0
    k_correct = k_wrong = k_unsure = 0
    k_speedups = []
    order = np.argsort(-probs, axis=1, kind="stable")
    for i in range(len(df)):
        avail = df["avail_choices"].iat[i]
        times = json.loads(df["choice2time"].iat[i])
        truth = df[truth_col].iat[i]
        pred = tree.classes[best[i]]
        p = float(probs[i, best[i]])
        is_unsure = int(leaves[i]) in unsafe or pred not in avail or (p != 1.0 and p <= threshold)
        if is_unsure:
            unsure += 1
        elif pred == truth:
            correct += 1
        else:
            wrong += 1
            wrong_speedups.append(times[pred] / times[truth])
        if default is not None:
            if is_unsure:
                over_default.append(1.0)
            elif default in times and math.isfinite(times[default]):
                ratio = times[default] / times[pred]
                over_default.append(ratio)
                if ratio < 1:
                    default_better += 1
            if not is_unsure and pred != default:
                non_default += 1
        top = []
        for c in order[i]:
            if probs[i, c] <= 0 or len(top) >= top_k:
                break
            name = tree.classes[c]
            if name in avail:
                top.append(name)
        for name in always:
            if name not in top:
                top.append(name)
        if truth in top:
            k_correct += 1
        else:
            measured = [times[c] for c in top if c in times]
            if measured:
                k_wrong += 1
                k_speedups.append(min(measured) / times[truth])
            else:
                k_unsure += 1
    result = dict(correct=correct, wrong=wrong, unsure=unsure, total=len(df),
                  wrong_max_speedup=max(wrong_speedups, default=0.0), wrong_gmean_speedup=gmean(wrong_speedups),
                  top_k_correct=k_correct, top_k_wrong=k_wrong, top_k_unsure=k_unsure,
                  wrong_max_speedup_k=max(k_speedups, default=0.0), wrong_gmean_speedup_k=gmean(k_speedups))
    if default is not None:
        result.update(max_speedup_over_default=max(over_default, default=0.0),
                      gmean_speedup_over_default=gmean(over_default),
                      max_speedup_default_over_heuristic=min(over_default, default=0.0),
                      non_default_predictions=non_default, default_better=default_better)
    return result


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dataset")
    parser.add_argument("--ranking", type=int, default=None)
    parser.add_argument("--data", nargs=2, action="append", default=[], metavar=("NAME", "PATH"))
    parser.add_argument("--grid-results", action="store_true",
                        help="also print every grid point's metrics per set and the selected tree node by node")
    args = parser.parse_args()

    start = time.perf_counter()
    cpu_start = time.process_time()
    ranking = args.ranking is not None
    with open(args.dataset) as f:
        name = json.loads(f.readline())["name"]
    preset = PRESETS.get(name, GENERIC)
    metadata, df, categories = load(args.dataset, name, ranking)
    extra = {}
    for set_name, path in args.data:
        extra[set_name] = load(path, name, ranking, categories)[1].reindex(columns=df.columns, fill_value=False)

    test_size, val_size = preset["test"], preset["val"]
    rest, test = train_test_split(df, test_size=test_size, random_state=42)
    train, val = train_test_split(rest, test_size=val_size / (1 - test_size), random_state=42)
    for set_name, copies in preset["extra_copies"].items():
        if set_name in extra:
            # add_training_data: each row repeated in place (index.repeat), appended after train.
            repeated = extra[set_name].loc[extra[set_name].index.repeat(copies)].reset_index(drop=True)
            train = pd.concat([train, repeated], ignore_index=True)
    sets = {"train": train, "val": val, "test": test}
    sets.update(extra)

    features = [c for c in df.columns if c not in NOT_FEATURES]
    truth_col = "actual_winner" if ranking else "winner"
    matrices = {}
    for set_name, data in sets.items():
        if ranking:
            data = data[data["winner"] == data["actual_winner"]]
            sets[set_name] = data
        matrices[set_name] = data[features].to_numpy(dtype=np.float64)
    # sklearn casts to float32 for fitting; pruning and evaluation use the float64 values.
    X_train = train[features].to_numpy(dtype=np.float64)
    y_train = train["winner"].to_numpy()
    weights = train["relative_performance"].to_numpy() if ranking else None

    top_k = args.ranking if ranking else 5
    best = None
    grid = []
    for depth, leaf, crit in itertools.product(*preset["grid"]):
        clf = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=leaf, criterion=crit, random_state=42)
        clf.fit(X_train, y_train, sample_weight=weights)
        tree = Tree(clf, features)
        if ranking:
            tree.prune(X_train, y_train, args.ranking)
        unsafe = unsafe_leaves(tree, X_train, train, preset["default"], preset["unsafe"])
        threshold = safe_proba(tree, matrices["val"], sets["val"], unsafe, preset["wrong"], truth_col)
        results = {s: evaluate(tree, matrices[s], sets[s], unsafe, threshold, preset["default"], top_k, preset["always"], truth_col)
                   for s in sets}
        val_result = results["val"]
        eligible = val_result["wrong"] <= val_result["total"] * preset["wrong"]
        leaves, tree_depth = tree.shape()
        point = dict(criterion=crit, max_depth=depth, min_samples_leaf=leaf, threshold=threshold, leaves=leaves, depth=tree_depth)
        if args.grid_results:
            grid.append(dict(point, sets=results))
        if eligible and (best is None or val_result["correct"] > best[0]["val"]["correct"]):
            best = (results, point, tree)
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    out = dict(selected=best[1] if best else None, sets=best[0] if best else {}, seconds=seconds, cpu_seconds=cpu_seconds, peak_rss_mb=peak_mb,
               classes=int(df["winner"].nunique()), rows=int(len(df)))
    if args.grid_results:
        out["grid"] = grid
        out["selected_tree"] = best[2].nodes() if best else None
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
