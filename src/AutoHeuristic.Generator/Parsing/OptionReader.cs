using System;
using System.Collections.Generic;
using System.Globalization;
using AutoHeuristic.Generator.Helpers;
using AutoHeuristic.Generator.Model;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoHeuristic.Generator.Parsing;

/// <summary>
/// Reads training options from the attribute's named properties or from the MSBuild properties
/// <c>AutoHeuristic&lt;Option&gt;</c> (<c>build_property.AutoHeuristic&lt;Option&gt;</c>). An invalid
/// value is reported (AH2006) and ignored, so the next level (MSBuild default, then the preset) applies.
/// </summary>
internal static class OptionReader
{
    /// <summary>The MSBuild property prefix.</summary>
    public const string BuildPropertyPrefix = "build_property.AutoHeuristic";

    /// <summary>Rows above which the generator does not train during a build (AH3004) unless raised.</summary>
    public const int DefaultMaxBuildRows = 1_000_000;

    /// <summary>The MSBuild-level defaults (no location: they come from the project file).</summary>
    public static (OptionValues Options, EquatableArray<DiagnosticInfo> Diagnostics) ReadBuildProperties(AnalyzerConfigOptions globalOptions)
    {
        var diagnostics = new List<DiagnosticInfo>();
        OptionValues options = Read(
            key => globalOptions.TryGetValue(BuildPropertyPrefix + key, out string? v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null,
            key => "AutoHeuristic" + key,
            null,
            diagnostics,
            attributeMode: false);
        return (options, diagnostics.ToEquatableArray());
    }

    /// <summary>Reads and validates every option through <paramref name="get"/>.</summary>
    public static OptionValues Read(Func<string, string?> get, Func<string, string> displayName, LocationInfo? location, List<DiagnosticInfo> diagnostics, bool attributeMode)
    {
        void Invalid(string key, string value, string why) =>
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOption, location, displayName(key), value, why));

        int? ranking = null;
        if (get("Ranking") is string r)
        {
            if (!int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out int k) || k < 0) Invalid("Ranking", r, "expected K ≥ 0");
            else if (k > 0 || !attributeMode) ranking = k;
        }

        double? allowed = null;
        if (get("AllowedWrongPercent") is string a)
        {
            if (!double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out double pct) || double.IsNaN(pct) || pct > 100 || (pct < 0 && !attributeMode))
            {
                Invalid("AllowedWrongPercent", a, "expected a percentage from 0 to 100");
            }
            else if (pct >= 0)
            {
                allowed = pct;
            }
        }

        string? split = null;
        if (get("Split") is string sp)
        {
            string lower = sp.ToLowerInvariant();
            if (lower is "grouped" or "pytorch") split = lower;
            else Invalid("Split", sp, "expected 'grouped' or 'pytorch'");
        }

        EquatableArray<int>? depths = null;
        if (get("MaxDepths") is string d)
        {
            var list = new List<int>();
            foreach (string part in d.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int depth) && depth >= 1 && depth <= 30) list.Add(depth);
                else { Invalid("MaxDepths", d, "expected depths from 1 to 30 separated by commas"); list.Clear(); break; }
            }

            if (list.Count > 0) depths = list.ToEquatableArray();
        }

        EquatableArray<double>? leafs = null;
        if (get("MinSamplesLeaf") is string m)
        {
            var list = new List<double>();
            foreach (string part in m.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double leaf) && leaf > 0 && !double.IsInfinity(leaf)) list.Add(leaf);
                else { Invalid("MinSamplesLeaf", m, "expected positive counts (≥ 1) or fractions (< 1) separated by commas"); list.Clear(); break; }
            }

            if (list.Count > 0) leafs = list.ToEquatableArray();
        }

        EquatableArray<string>? criteria = null;
        if (get("Criteria") is string c)
        {
            var list = new List<string>();
            foreach (string part in c.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string p = part.Trim().ToLowerInvariant();
                if (p is "gini" or "entropy") list.Add(p);
                else { Invalid("Criteria", c, "expected 'gini' and/or 'entropy'"); list.Clear(); break; }
            }

            if (list.Count > 0) criteria = list.ToEquatableArray();
        }

        int? maxRows = null;
        if (get("MaxBuildRows") is string mr)
        {
            if (int.TryParse(mr, NumberStyles.Integer, CultureInfo.InvariantCulture, out int rows) && rows > 0) maxRows = rows;
            else Invalid("MaxBuildRows", mr, "expected a positive row count");
        }

        string? learner = null;
        if (get("Learner") is string l)
        {
            string lower = l.ToLowerInvariant();
            if (lower is "decision" or "regression") learner = lower;
            else Invalid("Learner", l, "expected 'decision' or 'regression'");
        }

        string? defaultChoice = get("DefaultChoice") is string dc && dc.Length > 0 ? dc : null;
        return new OptionValues(ranking, allowed, defaultChoice, split, depths, leafs, criteria, maxRows, learner);
    }
}
