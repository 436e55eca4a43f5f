#!/usr/bin/python3
"""Runs one of PyTorch's own AutoHeuristic trainer scripts unmodified and dumps what it built.

PyTorch's sources are not part of this repository. Put them in a folder PT (any PyTorch
checkout works):
  PT/torchgen/_autoheuristic/{train.py, train_decision.py, ah_tree.py, pad_mm/, mixed_mm/, mm/}
  PT/torch/_inductor/autoheuristic/autoheuristic_utils.py
This harness puts a stand-in `torch` package in front of PT (the trainer needs only
autoheuristic_utils, whose module body names torch.dtype), so torch itself is not installed.

Usage (from the trainer script's folder, with Debian's python3-sklearn / -pandas / -scipy):
  AH_DUMP=/tmp/out AH_NORMALIZE=1 /usr/bin/python3 pytorch_trainer_harness.py PT \\
      train_decision_pad_mm.py /tmp/pad_mm_a100_data.txt

- pandas < 2.2 has no `include_groups` keyword for DataFrameGroupBy.apply; it is dropped (the
  trainer's group functions read only non-key columns, so the result is the same).
- AH_NORMALIZE=1 divides every node's tree_.value by its sum before ah_tree reads it: scikit-learn
  1.4.1 and later store weighted fractions there, 1.2 weighted counts, and PyTorch's confidence
  threshold, the max_prob != 1.0 exemption and the generated probabilities assume fractions.
- AH_DUMP=DIR writes the feature columns in order (feature_columns.json), every set as CSV
  (set_<name>.csv, before mm adds its extra training copies), each fitted tree node by node
  (tree_<criterion>_<depth>_<min_leaf>.txt) and the results table (results.csv).
"""
import json
import os
import runpy
import sys
import tempfile

import numpy as np
import pandas as pd
from pandas.core.groupby.generic import DataFrameGroupBy

pt_root, script = sys.argv[1], sys.argv[2]
sys.argv = sys.argv[2:]

# Stand-in packages torch and torch._inductor; torch._inductor.autoheuristic reads its modules from PT.
stub = tempfile.mkdtemp(prefix="torchstub")
package = os.path.join(stub, "torch", "_inductor", "autoheuristic")
os.makedirs(package)
with open(os.path.join(stub, "torch", "__init__.py"), "w") as f:
    f.write("class dtype:\n    pass\n\n\nfloat32 = dtype()\n")
open(os.path.join(stub, "torch", "_inductor", "__init__.py"), "w").close()
with open(os.path.join(package, "__init__.py"), "w") as f:
    f.write("__path__.append(%r)\n" % os.path.join(os.path.abspath(pt_root), "torch", "_inductor", "autoheuristic"))
sys.path[:0] = [stub, os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(script)), ".."))]

if tuple(int(x) for x in pd.__version__.split(".")[:2]) < (2, 2):
    _apply = DataFrameGroupBy.apply

    def _apply_without_include_groups(self, func, *args, include_groups=True, **kwargs):
        return _apply(self, func, *args, **kwargs)

    DataFrameGroupBy.apply = _apply_without_include_groups

import ah_tree  # noqa: E402  (PyTorch's module, found through sys.path above)
import sklearn  # noqa: E402
import train_decision  # noqa: E402

print("sklearn", sklearn.__version__, "pandas", pd.__version__, "numpy", np.__version__, file=sys.stderr)
dump = os.environ.get("AH_DUMP")
if dump:
    os.makedirs(dump, exist_ok=True)

_init = ah_tree.DecisionTree.__init__


def _init_and_dump(self, sklearn_tree, feature_names):
    _init(self, sklearn_tree, feature_names)
    if os.environ.get("AH_NORMALIZE") == "1":
        stack = [self.root]
        while stack:
            node = stack.pop()
            if node is None:
                continue
            node.class_probs = node.class_probs / node.class_probs.sum()
            stack += [node.left, node.right]
    if dump:
        p = sklearn_tree.get_params()
        t = sklearn_tree.tree_
        with open(os.path.join(dump, f"tree_{p['criterion']}_{p['max_depth']}_{p['min_samples_leaf']}.txt"), "w") as f:
            for i in range(t.node_count):
                if t.children_left[i] == -1:
                    f.write(f"{i} leaf n={t.n_node_samples[i]} v={list(np.round(t.value[i][0], 6))}\n")
                else:
                    f.write(f"{i} {feature_names[t.feature[i]]} <= {t.threshold[i]!r} L={t.children_left[i]} R={t.children_right[i]} n={t.n_node_samples[i]}\n")


ah_tree.DecisionTree.__init__ = _init_and_dump
Trainer = train_decision.AHTrainDecisionTree
_prepare = Trainer.prepare_datasets


def _prepare_and_dump(self, df, *args, **kwargs):
    datasets = _prepare(self, df, *args, **kwargs)
    if dump:
        with open(os.path.join(dump, "feature_columns.json"), "w") as f:
            json.dump(self.get_feature_columns(df), f, indent=0)
        for name, data in datasets.items():
            data.to_csv(os.path.join(dump, f"set_{name}.csv"))
    return datasets


Trainer.prepare_datasets = _prepare_and_dump
_grid = Trainer.train_and_evaluate_models


def _grid_and_dump(self, *args, **kwargs):
    results, best, safe_proba, unsafe = _grid(self, *args, **kwargs)
    if dump:
        results.to_csv(os.path.join(dump, "results.csv"), index=False)
    print(f"selected: safe_proba={safe_proba!r} unsafe_leaves={unsafe!r}", file=sys.stderr)
    return results, best, safe_proba, unsafe


Trainer.train_and_evaluate_models = _grid_and_dump
runpy.run_path(script, run_name="__main__")
