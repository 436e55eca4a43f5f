using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.Tests.Fixtures;

/// <summary>
/// The flex_attention heuristic PyTorch generated for the A100 (<c>FlexAttentionA100</c> in
/// <c>torch/_inductor/autoheuristic/artifacts</c>, from the pull request that added
/// AutoHeuristic to flex_attention), rebuilt as a <see cref="LearnedModel"/> so our evaluator can
/// run it over a log: its seven choices (in the same sorted order as ours), its splits and its
/// leaves' (probability, choice) lists; a leaf that returns <c>None</c> is unsafe. Its confidence
/// threshold is 0. The generated code keeps no sample counts, so they are 0 here.
/// </summary>
internal static class PyTorchFlexAttentionA100
{
    private static int _nextLeaf;

    public static readonly string[] Choices =
    {
        "type=triton_BLOCK-M=128_BLOCK-K=-1_BLOCK-N=128_numstages=3_numwarps=4",
        "type=triton_BLOCK-M=128_BLOCK-K=-1_BLOCK-N=32_numstages=3_numwarps=4",
        "type=triton_BLOCK-M=128_BLOCK-K=-1_BLOCK-N=64_numstages=3_numwarps=4",
        "type=triton_BLOCK-M=128_BLOCK-K=-1_BLOCK-N=64_numstages=3_numwarps=8",
        "type=triton_BLOCK-M=32_BLOCK-K=-1_BLOCK-N=64_numstages=3_numwarps=4",
        "type=triton_BLOCK-M=64_BLOCK-K=-1_BLOCK-N=128_numstages=3_numwarps=4",
        "type=triton_BLOCK-M=64_BLOCK-K=-1_BLOCK-N=64_numstages=3_numwarps=4",
    };

    /// <summary>The features the shipped tree reads.</summary>
    public static readonly string[] FeaturesRead = { "n", "b*h", "b*m", "q_stride_1", "h*m", "q_stride_0", "b*n", "dtype", "m*n", "m", "subgraph_num_args_used" };

    private static readonly object Gate = new();

    public static LearnedModel Model()
    {
        lock (Gate) return Build();
    }

    private static LearnedModel Build()
    {
        _nextLeaf = 0;
        TreeNode root = Le("n", 192.0,
            Le("b*h", 21.5,
                Le("b*m", 2304.0,
                    Le("q_stride_1", 48.0,
                        Le("h*m", 1536.0,
                            Le("h*m", 704.0,
                                L((0.397, 6), (0.315, 4), (0.096, 5), (0.082, 3), (0.068, 1), (0.027, 0), (0.014, 2)),
                                L((0.518, 6), (0.286, 4), (0.143, 5), (0.054, 3))),
                            Le("q_stride_0", 114688.0,
                                Unsure(),
                                L((0.308, 6), (0.231, 1), (0.212, 2), (0.115, 5), (0.096, 3), (0.038, 4)))),
                        Le("h*m", 2304.0,
                            Le("q_stride_1", 96.0,
                                Unsure(),
                                L((0.849, 4), (0.085, 6), (0.038, 1), (0.028, 5))),
                            L((0.491, 1), (0.302, 4), (0.132, 6), (0.038, 2), (0.038, 3)))),
                    Le("q_stride_0", 290816.0,
                        Le("b*n", 208.0,
                            Le("b*m", 6272.0,
                                L((0.271, 6), (0.254, 1), (0.169, 5), (0.136, 3), (0.085, 0), (0.085, 2)),
                                L((0.327, 6), (0.255, 1), (0.236, 2), (0.109, 3), (0.036, 5), (0.018, 0), (0.018, 4))),
                            Le("b*m", 10496.0,
                                Unsure(),
                                L((0.716, 1), (0.119, 6), (0.075, 2), (0.060, 3), (0.015, 0), (0.015, 4)))),
                        NotEq("dtype", "torch.float32",
                            Le("m*n", 344064.0,
                                L((0.560, 1), (0.262, 6), (0.155, 2), (0.012, 0), (0.012, 3)),
                                L((0.768, 1), (0.232, 6))),
                            Le("m", 8000.0,
                                L((0.966, 1), (0.034, 4)),
                                L((0.902, 1), (0.059, 6), (0.039, 2)))))),
                Le("q_stride_0", 176128.0,
                    Le("b*h", 89.0,
                        Le("m*n", 12288.0,
                            Le("b*m", 3712.0,
                                L((0.494, 6), (0.136, 2), (0.111, 1), (0.074, 0), (0.062, 3), (0.062, 4), (0.062, 5)),
                                Unsure()),
                            NotEq("dtype", "torch.float16",
                                Unsure(),
                                L((0.411, 1), (0.339, 6), (0.143, 2), (0.054, 0), (0.054, 3)))),
                        Le("m*n", 3072.0,
                            Unsure(),
                            Le("q_stride_0", 22528.0, Unsure(), Unsure()))),
                    Le("b*n", 736.0,
                        Le("q_stride_0", 3506176.0,
                            NotEq("dtype", "torch.float32",
                                Unsure(),
                                L((0.972, 1), (0.011, 2), (0.011, 3), (0.006, 4))),
                            L((1.000, 1))),
                        Le("b*h", 36.0,
                            L((0.868, 1), (0.118, 6), (0.015, 2)),
                            Le("subgraph_num_args_used", 2.5,
                                L((1.000, 1)),
                                L((0.985, 1), (0.012, 6), (0.003, 2))))))),
            NotEq("dtype", "torch.float32",
                L((1.000, 4)),
                L((1.000, 0))));

        var features = new List<FeatureInfo>();
        foreach (string name in FeaturesRead)
        {
            bool augmented = name.IndexOf('*') >= 0;
            features.Add(new FeatureInfo(name, IsCategorical: name == "dtype", IsAugmented: augmented));
        }

        var summary = new TrainingSummary(0, 0, "entropy", 6, 0.01, 6, _nextLeaf, new Dictionary<string, SetMetrics>());
        return new LearnedModel("flex_attention", HardwareKey.A100, ModelKind.Decision, Choices, 0.0, root, features, summary);
    }

    // value <= threshold goes to the first child.
    private static TreeNode Le(string feature, double threshold, TreeNode yes, TreeNode no) => new NumericSplit(feature, threshold, yes, no);

    // str(value) != category goes to the first child.
    private static TreeNode NotEq(string feature, string category, TreeNode notEqual, TreeNode equal) => new CategoricalSplit(feature, category, notEqual, equal);

    private static Leaf L(params (double P, int Choice)[] best)
    {
        var list = new List<LeafChoice>();
        foreach ((double p, int c) in best) list.Add(new LeafChoice(p, c));
        return new Leaf(_nextLeaf++, list, Array.Empty<double>(), IsUnsafe: false);
    }

    private static Leaf Unsure() => new(_nextLeaf++, Array.Empty<LeafChoice>(), Array.Empty<double>(), IsUnsafe: true);
}
