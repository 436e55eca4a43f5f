using AutoHeuristic.Cuda.UseMode;
using Spectre.Console;

namespace AutoHeuristic.Cli.UseMode;

/// <summary>
/// The <c>--narrowing</c> option of <c>collect-evaluate</c> and <c>use-evaluate</c>: <c>top-k</c>
/// (<see cref="UseSelection"/>, the default) or <c>adaptive</c> (<see cref="AdaptiveNarrowing"/>,
/// whose counts the other options override).
/// </summary>
public static class NarrowingSettings
{
    /// <summary>The learned top-k, every candidate when unsure.</summary>
    public const string TopK = "top-k";

    /// <summary><see cref="AdaptiveNarrowing"/>.</summary>
    public const string AdaptiveName = "adaptive";

    /// <summary>Checks the rule name and that the counts are given only with (and valid for) the adaptive rule.</summary>
    public static ValidationResult Validate(string rule, int? learnedCount, int? libraryCount, int? fallbackCount, bool noAgreement)
    {
        if (rule != TopK && rule != AdaptiveName) return ValidationResult.Error($"Unknown --narrowing '{rule}': use {TopK} or {AdaptiveName}.");
        bool countsGiven = learnedCount is not null || libraryCount is not null || fallbackCount is not null || noAgreement;
        if (rule == TopK && countsGiven) return ValidationResult.Error("--learned-count, --library-count, --fallback-count and --no-agreement need --narrowing adaptive.");
        if (learnedCount < 0) return ValidationResult.Error("--learned-count must not be negative.");
        if (libraryCount < 1) return ValidationResult.Error("--library-count must be at least 1 (cuBLASLt's first pick).");
        if (fallbackCount < 1) return ValidationResult.Error("--fallback-count must be at least 1.");
        return ValidationResult.Success();
    }

    /// <summary>The adaptive rule these options describe, or null for <c>top-k</c>.</summary>
    public static AdaptiveNarrowing? Adaptive(string rule, int? learnedCount, int? libraryCount, int? fallbackCount, bool noAgreement)
    {
        if (rule != AdaptiveName) return null;
        AdaptiveNarrowing d = AdaptiveNarrowing.Default;
        return d with
        {
            TrustAgreement = !noAgreement,
            LearnedCount = learnedCount ?? d.LearnedCount,
            LibraryCount = libraryCount ?? d.LibraryCount,
            FallbackCount = fallbackCount ?? d.FallbackCount,
        };
    }
}
