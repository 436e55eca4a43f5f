#!/usr/bin/env python3
"""How few pad_mm inputs can a strong learner leave unsure at <= 1 % wrong? (offline study, not shipped)

Same data and split as PyTorch's trainer (sklearn_baseline.load, train_test_split(random_state=42)
twice: 6789 train / 1455 val / 1455 test inputs). Every choice -- model, hyper-parameters and the
probability threshold -- is made on train and validation only; the test set is scored once per
variant. Two threshold rules:

* `val`: fit on train, threshold = the lowest top-probability cut that keeps validation wrong
  within floor(1 % x 1455) = 14 (PyTorch's budget);
* `oof`: 5-fold out-of-fold probabilities over train + val (8244 inputs), threshold at
  `--oof-budget` (default 1 %) wrong of them, then refit on train + val and apply to test. More
  rows to place the threshold on, so less optimism than a 1455-row validation set.

Per variant it prints test correct / wrong / unsure, unsure %, costly wrong (the chosen choice is
> 1 % / > 2 % slower than the best), and time lost against the oracle (sum of chosen times over
sum of best times, minus 1; an unsure input is charged the oracle's time, as a caller that
benchmarks would get).

Usage: /usr/bin/python3 tools/bench/padmm_unsure_upper_bound.py /tmp/unsure-data/pad_mm_a100_data.txt [--models cart,rf,et,gb,hgb,hgbr] [--oof] [--extra-features] [--count-wrong-above 1.01] [--learning-curve] [--distill] [--cart-oof-selection]
Needs Debian's python3-sklearn and python3-pandas. Fits are single-threaded (n_jobs=1).
"""

import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")  # the histogram booster is multi-threaded otherwise

import numpy as np  # noqa: E402
from sklearn.ensemble import (ExtraTreesClassifier, GradientBoostingClassifier, HistGradientBoostingClassifier,
                              HistGradientBoostingRegressor, RandomForestClassifier)  # noqa: E402
from sklearn.model_selection import StratifiedKFold, train_test_split  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

sys.dont_write_bytecode = True  # leave no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sklearn_baseline as sb  # noqa: E402  (the PyTorch-procedure data loading, shared)

BUDGET = 0.01


def add_extra_features(df):
    """Scale-free features a tree cannot build from axis-aligned splits on the raw ones."""
    out = {}
    for d in ("m", "k", "n"):
        v = df[d].astype(float)
        pad = df[f"{d}_padded_length"].astype(float)
        out[f"log2_{d}"] = np.log2(np.maximum(v, 1))
        out[f"{d}_pad_frac"] = pad / np.maximum(v, 1)
    m, k, n = (df[d].astype(float) for d in ("m", "k", "n"))
    mp, kp, np_ = (df[f"{d}_padded_length"].astype(float) for d in ("m", "k", "n"))
    out["log2_mkn"] = np.log2(np.maximum(m * k * n, 1))
    out["pad_flops_ratio"] = (m + mp) * (k + kp) * (n + np_) / np.maximum(m * k * n, 1)
    # Bytes copied by padding relative to the GEMM's flops: padding pays off when the copy is cheap.
    out["copy_over_flops"] = ((m + mp) * (k + kp) + (k + kp) * (n + np_)) / np.maximum(m * k * n, 1)
    out["log2_arith"] = np.log2(np.maximum(df["arith_intensity"].astype(float), 1e-9))
    for name, values in out.items():
        df[name] = values
    return list(out)


def load(path, extra):
    metadata, df, _ = sb.load(path, "pad_mm", False)
    added = add_extra_features(df) if extra else []
    rest, test = train_test_split(df, test_size=0.15, random_state=42)
    train, val = train_test_split(rest, test_size=0.15 / 0.85, random_state=42)
    features = [c for c in df.columns if c not in sb.NOT_FEATURES]
    return train, val, test, features, added


def times_of(frame):
    t = [json.loads(c) for c in frame["choice2time"]]
    return np.array([x["orig"] for x in t]), np.array([x["pad"] for x in t])


def threshold_at(pmax, wrong, budget_count):
    """The lowest cut c such that inputs with pmax > c hold at most budget_count wrong."""
    order = np.argsort(-pmax, kind="stable")
    p_sorted, w_sorted = pmax[order], wrong[order]
    cum = np.cumsum(w_sorted)
    best_cut = 1.0
    # Answer the first i inputs (highest probability); the cut must separate i-1 and i on distinct values.
    for i in range(len(p_sorted), 0, -1):
        if cum[i - 1] <= budget_count and (i == len(p_sorted) or p_sorted[i] < p_sorted[i - 1]):
            best_cut = p_sorted[i] if i < len(p_sorted) else -1.0
            break
    return best_cut


def counted_wrong(pred, truth, gap, factor):
    """Wrong answers the threshold budget counts: all, or (noise-aware) those slower than factor x the best."""
    wrong = pred != truth
    if factor is None:
        return wrong
    # gap = log(orig / pad): a wrong answer costs exp(|gap|) times the best time.
    return wrong & (np.exp(np.abs(gap)) > factor)


def score(pred, pmax, cut, frame):
    orig, pad = times_of(frame)
    best_t = np.minimum(orig, pad)
    truth = frame["winner"].to_numpy()
    answered = pmax > cut
    chosen_t = np.where(pred == "orig", orig, pad)
    wrong = answered & (pred != truth)
    correct = answered & (pred == truth)
    slow = chosen_t / best_t
    spent = np.where(answered, chosen_t, best_t)
    return dict(correct=int(correct.sum()), wrong=int(wrong.sum()), unsure=int((~answered).sum()), total=len(frame),
                unsure_pct=100.0 * (~answered).sum() / len(frame),
                costly1=int((wrong & (slow > 1.01)).sum()), costly2=int((wrong & (slow > 1.02)).sum()),
                lost_pct=100.0 * (spent.sum() / best_t.sum() - 1.0),
                lost_if_always_answer_pct=100.0 * (chosen_t.sum() / best_t.sum() - 1.0))


def make_models(names):
    models = {}
    if "cart" in names:
        for depth in (7, 10, 14, None):
            for leaf in (1, 5, 10, 20):
                for crit in ("gini", "entropy"):
                    models[f"cart d={depth} leaf={leaf} {crit}"] = lambda d=depth, l=leaf, c=crit: DecisionTreeClassifier(
                        max_depth=d, min_samples_leaf=l, criterion=c, random_state=42)
    if "rf" in names:
        for leaf in (1, 3, 5):
            for mf in ("sqrt", 0.5):
                models[f"rf 300 leaf={leaf} mf={mf}"] = lambda l=leaf, m=mf: RandomForestClassifier(
                    n_estimators=300, min_samples_leaf=l, max_features=m, random_state=42, n_jobs=1)
    if "et" in names:
        for leaf in (1, 3):
            for mf in ("sqrt", 0.5, 1.0):
                models[f"et 300 leaf={leaf} mf={mf}"] = lambda l=leaf, m=mf: ExtraTreesClassifier(
                    n_estimators=300, min_samples_leaf=l, max_features=m, random_state=42, n_jobs=1)
    if "gb" in names:
        for depth in (3, 5):
            models[f"gb 300 d={depth} lr=0.1"] = lambda d=depth: GradientBoostingClassifier(
                n_estimators=300, max_depth=d, learning_rate=0.1, subsample=0.8, random_state=42)
    if "hgb" in names:
        for leaves in (15, 31, 63):
            models[f"hgb 500 leaves={leaves}"] = lambda lv=leaves: HistGradientBoostingClassifier(
                max_iter=500, max_leaf_nodes=lv, learning_rate=0.05, random_state=42)
    if "hgbr" in names:
        # Regression on log(orig / pad): the sign is the choice, |prediction| the confidence.
        for leaves in (15, 31):
            models[f"hgb-regression log(orig/pad) leaves={leaves}"] = lambda lv=leaves: GapRegressor(HistGradientBoostingRegressor(
                max_iter=500, max_leaf_nodes=lv, learning_rate=0.05, random_state=42))
    return models


class GapRegressor:
    """Learns log(orig / pad) instead of the winner; answers with the sign, confidence = |prediction|."""

    classes_ = np.array(["orig", "pad"])
    regression = True

    def __init__(self, regressor):
        self.regressor = regressor

    def fit(self, X, gap):
        self.regressor.fit(X, gap)
        return self

    def predict_proba(self, X):
        z = self.regressor.predict(X)
        # A monotone map of |z| into [0.5, 1): thresholds on it are thresholds on |z|.
        conf = 0.5 + 0.5 * np.tanh(np.abs(z) * 20)
        p_pad = np.where(z > 0, conf, 1 - conf)
        return np.column_stack([1 - p_pad, p_pad])


def target(model, labels, gaps):
    return gaps if getattr(model, "regression", False) else labels


def proba(model, X):
    p = model.predict_proba(X)
    classes = np.array(model.classes_)
    idx = np.argmax(p, axis=1)
    return classes[idx], p[np.arange(len(p)), idx]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("log")
    parser.add_argument("--models", default="cart,rf,et,gb,hgb")
    parser.add_argument("--extra-features", action="store_true")
    parser.add_argument("--oof", action="store_true", help="also the 5-fold out-of-fold threshold rule on train + val")
    parser.add_argument("--oof-budget", type=float, default=BUDGET)
    parser.add_argument("--count-wrong-above", type=float, default=None, metavar="FACTOR",
                        help="noise-aware rule: the threshold budget counts only wrong answers whose choice is more than FACTOR x the best "
                             "time (e.g. 1.01); the table still reports every wrong answer")
    parser.add_argument("--learning-curve", action="store_true",
                        help="only: a random forest (300 trees, max_features 0.5) fitted on 1/8, 1/4, 1/2 and all training inputs, three forest seeds each")
    parser.add_argument("--distill", action="store_true",
                        help="only: can one tree carry a forest's answers? Fit single trees to the forest's out-of-bag answer-or-unsure labels")
    parser.add_argument("--cart-oof-selection", action="store_true",
                        help="only: single CART trees selected by their 5-fold out-of-fold unsure share at 1 %% wrong on train + val")
    args = parser.parse_args()

    train, val, test, features, added = load(args.log, args.extra_features)
    if args.cart_oof_selection:
        cart_oof_selection(train, val, test, features)
        return
    if args.learning_curve:
        learning_curve(train, val, test, features)
        return
    if args.distill:
        distill(train, val, test, features)
        return
    print(f"inputs: train {len(train)}, val {len(val)}, test {len(test)}; features {len(features)} (added: {', '.join(added) or 'none'})")
    X = {s: f[features].to_numpy(dtype=np.float64) for s, f in (("train", train), ("val", val), ("test", test))}
    y = {s: f["winner"].to_numpy() for s, f in (("train", train), ("val", val), ("test", test))}
    g = {}
    for s, f in (("train", train), ("val", val), ("test", test)):
        orig, pad = times_of(f)
        g[s] = np.log(orig / pad)
    budget = int(len(val) * BUDGET)
    rows = []
    print("| model | rule | val correct / wrong / unsure | test correct / wrong / unsure | test unsure % | costly wrong > 1 % / > 2 % | time lost vs oracle % | fit s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, factory in make_models(args.models.split(",")).items():
        start = time.process_time()
        model = factory()
        model.fit(X["train"], target(model, y["train"], g["train"]))
        pv, mv = proba(model, X["val"])
        cut = threshold_at(mv, counted_wrong(pv, y["val"], g["val"], args.count_wrong_above), budget)
        pt, mt = proba(model, X["test"])
        v = score(pv, mv, cut, val)
        v["counted_wrong"] = int((counted_wrong(pv, y["val"], g["val"], args.count_wrong_above) & (mv > cut)).sum())
        t = score(pt, mt, cut, test)
        t["answers"] = (pt, mt > cut)
        secs = time.process_time() - start
        rows.append((name, "val", v, t))
        print(f"| {name} | val | {v['correct']} / {v['wrong']} / {v['unsure']} | {t['correct']} / {t['wrong']} / {t['unsure']} | "
              f"{t['unsure_pct']:.1f} | {t['costly1']} / {t['costly2']} | {t['lost_pct']:.3f} | {secs:.1f} |", flush=True)
        if args.oof:
            start = time.process_time()
            Xtv = np.vstack([X["train"], X["val"]])
            ytv = np.concatenate([y["train"], y["val"]])
            gtv = np.concatenate([g["train"], g["val"]])
            pred = np.empty(len(ytv), dtype=object)
            pm = np.empty(len(ytv))
            for fit_idx, hold_idx in StratifiedKFold(n_splits=5, shuffle=True, random_state=42).split(Xtv, ytv):
                m = factory()
                m.fit(Xtv[fit_idx], target(m, ytv[fit_idx], gtv[fit_idx]))
                pred[hold_idx], pm[hold_idx] = proba(m, Xtv[hold_idx])
            cut = threshold_at(pm, counted_wrong(pred, ytv, gtv, args.count_wrong_above), int(len(ytv) * args.oof_budget))
            oof_unsure = 100.0 * (pm <= cut).sum() / len(ytv)
            model = factory()
            model.fit(Xtv, target(model, ytv, gtv))
            pt, mt = proba(model, X["test"])
            t = score(pt, mt, cut, test)
            secs = time.process_time() - start
            rows.append((name, "oof", None, t))
            print(f"| {name} | oof {100 * args.oof_budget:g} % (cut {cut:.4f}, oof unsure {oof_unsure:.1f} %) | – | {t['correct']} / {t['wrong']} / {t['unsure']} | "
                  f"{t['unsure_pct']:.1f} | {t['costly1']} / {t['costly2']} | {t['lost_pct']:.3f} | {secs:.1f} |", flush=True)

    # Selection on validation only, as PyTorch: the most validation-correct model within the budget.
    eligible = [r for r in rows if r[1] == "val" and r[2]["counted_wrong"] <= budget]
    if eligible:
        best = max(eligible, key=lambda r: r[2]["correct"])
        t = best[3]
        print(f"\nselected on validation: {best[0]}: test {t['correct']} / {t['wrong']} / {t['unsure']} "
              f"({t['unsure_pct']:.1f} % unsure), costly wrong {t['costly1']} / {t['costly2']}, time lost {t['lost_pct']:.3f} %")
        breakdown(best[0], t["answers"], y["test"], g["test"])
    reference = [r for r in rows if r[0] == "cart d=7 leaf=10 entropy" and r[1] == "val"]
    if reference:
        breakdown(reference[0][0] + " (PyTorch's selected grid point)", reference[0][3]["answers"], y["test"], g["test"])


def learning_curve(train, val, test, features):
    """Does the unsure share fall with more training inputs? (threshold on validation, numbers on test)"""
    Xtr, ytr = train[features].to_numpy(dtype=np.float64), train["winner"].to_numpy()
    Xv, yv = val[features].to_numpy(dtype=np.float64), val["winner"].to_numpy()
    Xt = test[features].to_numpy(dtype=np.float64)
    order = np.random.RandomState(0).permutation(len(train))
    print("| training inputs | test unsure % (wrong) for forest seeds 42 / 43 / 44 |")
    print("|---|---|")
    for frac in (0.125, 0.25, 0.5, 1.0):
        idx = order[:int(frac * len(train))]
        cells = []
        for seed in (42, 43, 44):
            model = RandomForestClassifier(n_estimators=300, max_features=0.5, random_state=seed, n_jobs=1).fit(Xtr[idx], ytr[idx])
            pv, mv = proba(model, Xv)
            cut = threshold_at(mv, pv != yv, int(len(val) * BUDGET))
            pt, mt = proba(model, Xt)
            t = score(pt, mt, cut, test)
            cells.append(f"{t['unsure_pct']:.1f} ({t['wrong']})")
        print(f"| {len(idx)} | {' / '.join(cells)} |", flush=True)


def cart_oof_selection(train, val, test, features):
    """Can one tree do better with a threshold and a grid point chosen out of fold on 8244 inputs
    instead of on 1455 validation inputs? Lists the grid points by out-of-fold unsure share."""
    Xtv = np.vstack([train[features].to_numpy(dtype=np.float64), val[features].to_numpy(dtype=np.float64)])
    ytv = np.concatenate([train["winner"].to_numpy(), val["winner"].to_numpy()])
    Xt = test[features].to_numpy(dtype=np.float64)
    results = []
    for depth in (5, 6, 7, 8, 10, 12):
        for leaf in (1, 5, 10, 20, 40):
            for crit in ("gini", "entropy"):
                def make():
                    return DecisionTreeClassifier(max_depth=depth, min_samples_leaf=leaf, criterion=crit, random_state=42)
                pred = np.empty(len(ytv), dtype=object)
                pm = np.empty(len(ytv))
                for fit_idx, hold_idx in StratifiedKFold(n_splits=5, shuffle=True, random_state=42).split(Xtv, ytv):
                    pred[hold_idx], pm[hold_idx] = proba(make().fit(Xtv[fit_idx], ytv[fit_idx]), Xtv[hold_idx])
                cut = threshold_at(pm, pred != ytv, int(len(ytv) * BUDGET))
                pt, mt = proba(make().fit(Xtv, ytv), Xt)
                t = score(pt, mt, cut, test)
                results.append((100.0 * (pm <= cut).mean(), depth, leaf, crit, cut, t))
    results.sort(key=lambda r: r[0])
    print("| rank | CART | out-of-fold unsure % | cut | test correct / wrong / unsure | test unsure % |")
    print("|---|---|---|---|---|---|")
    for rank, (oof_unsure, depth, leaf, crit, cut, t) in enumerate(results[:10], 1):
        print(f"| {rank} | depth {depth}, min leaf {leaf}, {crit} | {oof_unsure:.1f} | {cut:.4f} | "
              f"{t['correct']} / {t['wrong']} / {t['unsure']} | {t['unsure_pct']:.1f} |")


def distill(train, val, test, features):
    """A forest (300 trees, max_features 0.5) with its validation threshold; its out-of-bag answers on the
    training inputs (orig / pad / unsure at that threshold) become a three-class target for one CART tree,
    which answers where it predicts a choice. The tree's leaves could ship as the library's if/else."""
    Xtr, ytr = train[features].to_numpy(dtype=np.float64), train["winner"].to_numpy()
    Xv, yv = val[features].to_numpy(dtype=np.float64), val["winner"].to_numpy()
    Xt, yt = test[features].to_numpy(dtype=np.float64), test["winner"].to_numpy()
    forest = RandomForestClassifier(n_estimators=300, max_features=0.5, random_state=42, n_jobs=1, oob_score=True).fit(Xtr, ytr)
    pv, mv = proba(forest, Xv)
    cut = threshold_at(mv, pv != yv, int(len(val) * BUDGET))
    pt, mt = proba(forest, Xt)
    f = score(pt, mt, cut, test)
    print(f"forest: cut {cut:.4f}, test {f['correct']} / {f['wrong']} / {f['unsure']}")
    oob = forest.oob_decision_function_
    labels = np.where(oob.max(axis=1) > cut, forest.classes_[np.argmax(oob, axis=1)], "unsure")
    print("| distilled tree | val correct / wrong / unsure | test correct / wrong / unsure |")
    print("|---|---|---|")
    for depth in (6, 8, 10, 12):
        for leaf in (1, 5, 10):
            tree = DecisionTreeClassifier(max_depth=depth, min_samples_leaf=leaf, random_state=42).fit(Xtr, labels)
            cells = []
            for X, y in ((Xv, yv), (Xt, yt)):
                p = tree.predict(X)
                ans = p != "unsure"
                cells.append(f"{int((ans & (p == y)).sum())} / {int((ans & (p != y)).sum())} / {int((~ans).sum())}")
            print(f"| depth {depth}, min leaf {leaf} | {cells[0]} | {cells[1]} |")


def breakdown(name, answers, truth, gap):
    """Test inputs by |orig/pad - 1| bucket: how many, how many answered unsure, how many wrong."""
    pred, answered = answers
    rel = np.abs(np.exp(gap) - 1)  # |orig/pad - 1|, the buckets of padmm_label_noise.py
    print(f"\ntest inputs of {name} by |orig/pad - 1|")
    print("| bucket | inputs | unsure | wrong |")
    print("|---|---|---|---|")
    for lo, hi, label in ((0, 0.005, "0-0.5 %"), (0.005, 0.01, "0.5-1 %"), (0.01, 0.02, "1-2 %"), (0.02, 0.05, "2-5 %"), (0.05, np.inf, "> 5 %")):
        m = (rel >= lo) & (rel < hi)
        print(f"| {label} | {int(m.sum())} | {int((m & ~answered).sum())} | {int((m & answered & (pred != truth)).sum())} |")


if __name__ == "__main__":
    main()
