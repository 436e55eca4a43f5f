#!/usr/bin/python3
"""Writes the small data sets and the trees Debian's scikit-learn (python3-sklearn) learns on them.

Run from this folder: /usr/bin/python3 generate_expected.py
Features are integers (exact in float32, so sklearn's float32 cast changes nothing and the
midpoint thresholds are exact halves), drawn from wide ranges. sklearn breaks ties between equally
good splits of different features by a random feature order, we by feature order; seeds are chosen
so that no such tie occurs (gini_leaf5 with seed 3 had one: three features with equal impurity).
Also writes numpy RandomState(42) permutations and train_test_split indices for the split tests.
"""
import json

import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

CASES = [
    # name, seed, rows, features, classes, params, weighted, regression
    ("gini_depth3", 1, 80, 3, 3, dict(criterion="gini", max_depth=3), False, False),
    ("entropy_depth4", 2, 120, 4, 3, dict(criterion="entropy", max_depth=4), False, False),
    ("gini_leaf5", 21, 150, 3, 2, dict(criterion="gini", max_depth=6, min_samples_leaf=5), False, False),
    ("entropy_leaf_fraction", 4, 200, 3, 4, dict(criterion="entropy", max_depth=5, min_samples_leaf=0.05), False, False),
    ("gini_weighted", 5, 100, 3, 3, dict(criterion="gini", max_depth=4), True, False),
    ("regression_depth3", 6, 90, 3, 0, dict(max_depth=3, min_samples_leaf=2), False, True),
]


def make(seed, rows, features, classes, regression):
    rng = np.random.RandomState(seed)
    x = np.stack([rng.permutation(np.arange(rows) * 7 + f * 3)[:rows] for f in range(features)], axis=1)
    score = x[:, 0] * 1.0 - 0.6 * x[:, 1] + 0.3 * (x[:, 2] if features > 2 else 0) + rng.normal(0, rows * 1.5, rows)
    if regression:
        y = np.round(score / 10.0) / 4.0
    else:
        edges = np.quantile(score, np.linspace(0, 1, classes + 1)[1:-1])
        y = np.searchsorted(edges, score)
    w = rng.randint(1, 5, rows).astype(float)
    return x, y, w


for name, seed, rows, features, classes, params, weighted, regression in CASES:
    x, y, w = make(seed, rows, features, classes, regression)
    model = (DecisionTreeRegressor if regression else DecisionTreeClassifier)(random_state=42, **params)
    model.fit(x, y, sample_weight=w if weighted else None)
    t = model.tree_
    with open(name + ".data.csv", "w") as f:
        f.write(",".join(f"f{i}" for i in range(features)) + ",label,weight\n")
        for i in range(rows):
            label = repr(float(y[i])) if regression else str(int(y[i]))
            weight = repr(float(w[i])) if weighted else "1.0"
            f.write(",".join(str(int(v)) for v in x[i]) + "," + label + "," + weight + "\n")
    with open(name + ".tree.txt", "w") as f:
        f.write("# " + json.dumps(params, sort_keys=True) + (" weighted" if weighted else "") + (" regression" if regression else "") + "\n")
        f.write("# node left right feature threshold samples values...\n")
        for node in range(t.node_count):
            values = t.value[node][0] if regression else t.value[node][0] / t.value[node][0].sum()
            f.write(" ".join([str(node), str(t.children_left[node]), str(t.children_right[node]), str(t.feature[node]),
                              repr(float(t.threshold[node])), str(t.n_node_samples[node])] + [repr(float(v)) for v in values]) + "\n")

with open("numpy_permutations.txt", "w") as f:
    f.write("# n: numpy.random.RandomState(42).permutation(n)\n")
    for n in (1, 2, 10, 37, 1000):
        f.write(str(n) + ": " + " ".join(str(v) for v in np.random.RandomState(42).permutation(n)) + "\n")
    f.write("# train_test_split(arange(n), test_size=t, random_state=42): n t | train | test\n")
    for n, size in ((20, 0.15), (100, 0.15), (85, 0.15 / 0.85), (43, 0.01), (9699, 0.15)):
        train, test = train_test_split(np.arange(n), test_size=size, random_state=42)
        f.write(f"split {n} {size!r} | " + " ".join(map(str, train)) + " | " + " ".join(map(str, test)) + "\n")
