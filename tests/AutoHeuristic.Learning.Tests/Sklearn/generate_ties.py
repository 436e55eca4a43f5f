#!/usr/bin/python3
"""Writes small data sets full of equally good splits and the trees Debian's scikit-learn
(python3-sklearn 1.2.1) learns on them, for the sklearn tie-breaking mode (TieBreaking.Sklearn).

Run from this folder: /usr/bin/python3 generate_ties.py
Features take few distinct values (so many splits of different features have equal impurity),
some are copies of others (exact ties), some are constant, and some are decimals that float32
cannot hold exactly (sklearn casts X to float32; its thresholds are float32 midpoints).
Same file formats as generate_expected.py.
"""
import json

import numpy as np
from sklearn.tree import DecisionTreeClassifier

CASES = [
    # name, seed, rows, params, weighted
    ("ties_gini", 11, 120, dict(criterion="gini", max_depth=6), False),
    ("ties_entropy", 12, 150, dict(criterion="entropy", max_depth=7), False),
    ("ties_entropy_leaf", 13, 200, dict(criterion="entropy", max_depth=7, min_samples_leaf=5), False),
    ("ties_gini_fraction", 14, 180, dict(criterion="gini", max_depth=5, min_samples_leaf=0.02), False),
    ("ties_entropy_weighted", 15, 160, dict(criterion="entropy", max_depth=6), True),
]


def make(seed, rows):
    rng = np.random.RandomState(seed)
    small = rng.randint(0, 3, size=(rows, 3)).astype(float)          # values 0..2
    binary = rng.randint(0, 2, size=(rows, 2)).astype(float)         # one-hot like
    copy = small[:, :1].copy()                                       # an exact duplicate feature
    const = np.full((rows, 1), 7.0)                                  # constant everywhere
    decimal = np.round(rng.randint(0, 6, size=(rows, 1)) * 0.1 + 0.01, 2)  # not exact in float32
    x = np.hstack([small, binary, copy, const, decimal])
    score = small[:, 0] + binary[:, 0] - small[:, 1] + 2 * decimal[:, 0] + rng.randint(0, 3, rows)
    y = np.digitize(score, [0.5, 2.5])
    w = rng.randint(1, 4, rows).astype(float)
    return x, y, w


for name, seed, rows, params, weighted in CASES:
    x, y, w = make(seed, rows)
    model = DecisionTreeClassifier(random_state=42, **params)
    model.fit(x, y, sample_weight=w if weighted else None)
    t = model.tree_
    features = x.shape[1]
    with open(name + ".data.csv", "w") as f:
        f.write(",".join(f"f{i}" for i in range(features)) + ",label,weight\n")
        for i in range(rows):
            weight = repr(float(w[i])) if weighted else "1.0"
            f.write(",".join(repr(float(v)) for v in x[i]) + "," + str(int(y[i])) + "," + weight + "\n")
    with open(name + ".tree.txt", "w") as f:
        f.write("# " + json.dumps(params, sort_keys=True) + (" weighted" if weighted else "") + "\n")
        f.write("# node left right feature threshold samples values...\n")
        for node in range(t.node_count):
            values = t.value[node][0] / t.value[node][0].sum()
            f.write(" ".join([str(node), str(t.children_left[node]), str(t.children_right[node]), str(t.feature[node]),
                              repr(float(t.threshold[node])), str(t.n_node_samples[node])] + [repr(float(v)) for v in values]) + "\n")
