namespace AutoHeuristic.Learning.Tests.Parity;

/// <summary>The header of each checked-in parity table: where its numbers come from.</summary>
internal static class ParityProvenance
{
    private const string Columns =
        "Columns: grid point (criterion, max_depth, min_samples_leaf), set, selected, safe threshold, leaves, depth, PyTorch's 16 metrics, tree (TreeFingerprint of the selected tree).";

    private const string Regenerate =
        "Written by the test with AH_ACCEPT_SNAPSHOTS=1; before accepting a change, compare it with scikit-learn as below.";

    private const string Baseline =
        "scikit-learn: /usr/bin/python3 tools/bench/sklearn_baseline.py LOG --grid-results (Debian's scikit-learn 1.2.1, pandas 1.5.3, numpy 1.24.2), which follows PyTorch's train_decision*.py";

    /// <summary>pad_mm A100.</summary>
    public static readonly string[] PadMm =
    {
        "pad_mm A100 (pad_mm_a100_data.txt), autoheuristic train --split pytorch --sklearn-ties: 36 grid points x train / val / test.",
        Columns,
        Baseline + " (pad_mm_a100_data.txt),",
        "  gives every value below but the five default columns (pad_mm has no default choice; ours read 1 / 1 / 1 / 0 / 0):",
        "  1,512 values, equal (integers exactly, the rest within 1e-14 relative),",
        "  and the selected tree node for node (feature, threshold, samples of all 137 nodes).",
        "PyTorch's own script (train_decision_pad_mm.py through tools/bench/pytorch_trainer_harness.py, docs/training-quality.md)",
        "  printed: selected entropy / 7 / 10, threshold 0.9615384615384616, val 1011 / 13 / 431, test 939 / 11 / 505;",
        "  val of entropy / 7 / 0.01: 1002 / 13 / 440, of gini / 6 / 1: 517 / 9 / 929. PadMmA100ParityDataTests asserts these literally.",
        Regenerate,
    };

    /// <summary>mixed_mm A100.</summary>
    public static readonly string[] MixedMm =
    {
        "mixed_mm A100 (mixedmm_a100_data.txt), autoheuristic train --split pytorch --sklearn-ties: PyTorch's one grid point x train / val / test.",
        Columns,
        Baseline + " (mixedmm_a100_data.txt),",
        "  gives every value below (57 values, equal: integers exactly, 16 of the 18 others to the last bit, two geometric means",
        "  within 2e-15 relative)",
        "  and the selected tree node for node (feature, threshold, samples of all 57 nodes).",
        "PyTorch's published numbers: val 563 / 183 / 71, test 25 / 11 / 7, val gmean speedup over default 3.5077.",
        "  MixedMmA100ParityDataTests asserts these literally.",
        Regenerate,
    };

    /// <summary>mm ranking H100.</summary>
    public static readonly string[] Mm =
    {
        "mm ranking H100 (h100_mm.txt), autoheuristic train --split pytorch --sklearn-ties --ranking 10 --data train_timm h100_timm_train_mm.txt",
        "  --data train_hf h100_hf_train_mm.txt: PyTorch's one grid point x train / val / test / train_timm / train_hf.",
        Columns,
        Baseline + " (same arguments),",
        "  gives every value below (95 values, equal: integers exactly, 26 of the 28 others to the last bit, two geometric means",
        "  within 2e-16 relative) and the selected tree node for node (feature, threshold, samples of all 51 nodes; the 25 splits",
        "  are those of PyTorch's shipped _MMRankingH100.py).",
        "PyTorch's published numbers: 202 classes, val top-k correct 67 of 68, test 2 / 0 / 0; the script here: val top-1 55 / 11 / 2,",
        "  train top-k 3801 of 3873, train 1870 / 1925 / 78. MmH100ParityDataTests asserts these literally.",
        Regenerate,
    };
}
