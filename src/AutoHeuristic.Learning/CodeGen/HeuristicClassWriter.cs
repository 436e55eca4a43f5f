using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoHeuristic.Learning.Model;

namespace AutoHeuristic.Learning.CodeGen;

/// <summary>What one learned heuristic class holds; both emitters fill it in (see <see cref="HeuristicClassWriter"/>).</summary>
public sealed class HeuristicClassParts
{
    /// <summary>Creates the parts; <paramref name="treeClassNames"/> and <paramref name="treeSources"/> pair up.</summary>
    public HeuristicClassParts(string heuristicName, IReadOnlyList<string> treeClassNames, IReadOnlyList<string> treeSources, IReadOnlyList<string> tooltip, IReadOnlyList<string> report)
    {
        HeuristicName = heuristicName ?? throw new ArgumentNullException(nameof(heuristicName));
        TreeClassNames = treeClassNames ?? throw new ArgumentNullException(nameof(treeClassNames));
        TreeSources = treeSources ?? throw new ArgumentNullException(nameof(treeSources));
        if (treeClassNames.Count != treeSources.Count) throw new ArgumentException("Each tree class needs its source.", nameof(treeSources));
        Tooltip = tooltip ?? throw new ArgumentNullException(nameof(tooltip));
        Report = report ?? throw new ArgumentNullException(nameof(report));
    }

    /// <summary>The heuristic name as logged (reaches the code only as a string literal or doc text).</summary>
    public string HeuristicName { get; }

    /// <summary>The nested tree classes, in dispatch order.</summary>
    public IReadOnlyList<string> TreeClassNames { get; }

    /// <summary>Each tree class's C# (from <see cref="LearnedModelCSharpEmitter.WriteTreeClass"/>).</summary>
    public IReadOnlyList<string> TreeSources { get; }

    /// <summary>The class's XML summary, in words (<see cref="ModelDescription.ClassTooltip"/>).</summary>
    public IReadOnlyList<string> Tooltip { get; }

    /// <summary>The full training report, one sentence per line (<see cref="LearnedModelCSharpEmitter.SummaryLines"/>).</summary>
    public IReadOnlyList<string> Report { get; }

    /// <summary>C# expressions, each an <c>AHOperation</c> added after the standard set (the generator's <c>[AHOperation]</c> methods).</summary>
    public IReadOnlyList<string> ExtraOperations { get; set; } = Array.Empty<string>();

    /// <summary>Whether a module initializer registers the trees (the generator leaves it out where the class cannot be reached).</summary>
    public bool Registers { get; set; } = true;

    /// <summary>The parts for trained <paramref name="models"/> of one heuristic name.</summary>
    public static HeuristicClassParts FromModels(string heuristicName, IReadOnlyList<LearnedModel> models)
    {
        IReadOnlyList<string> names = LearnedModelCSharpEmitter.TreeClassNames(models);
        var sources = new List<string>(models.Count);
        for (int i = 0; i < models.Count; i++)
        {
            var writer = new SourceWriter();
            LearnedModelCSharpEmitter.WriteTreeClass(writer, models[i], names[i]);
            sources.Add(writer.ToString());
        }

        return new HeuristicClassParts(heuristicName, names, sources, ModelDescription.ClassTooltip(heuristicName, models), models.SelectMany(LearnedModelCSharpEmitter.SummaryLines).ToList());
    }
}

/// <summary>
/// The one writer of a learned heuristic class, used by the source generator (into the user's
/// partial class) and by <c>autoheuristic train --emit-cs</c> (a standalone file): the name and
/// report constants, the operations, the trees, <c>GetDecision</c>/<c>GetDecisionsRanked</c>
/// forwarding to <c>global::AutoHeuristic.DecisionPolicy</c>, the registering module initializer
/// and the tree classes. The class holds data and trees only; the decision rules live in the run time.
/// </summary>
public static class HeuristicClassWriter
{
    private const string Context = "global::AutoHeuristic.AHContext";
    private const string Metadata = "global::AutoHeuristic.Hardware.AHMetadata";
    private const string Heuristic = "global::AutoHeuristic.ILearnedHeuristic";
    private const string Operation = "global::AutoHeuristic.Features.AHOperation";
    private const string Policy = "global::AutoHeuristic.DecisionPolicy";
    private const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";

    /// <summary>The version written into <c>[GeneratedCode]</c> (snapshot tests scrub it).</summary>
    public static string Version { get; } = typeof(HeuristicClassWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>
    /// Writes the XML summary, <c>[GeneratedCode(<paramref name="tool"/>, …)]</c>, the
    /// <paramref name="declaration"/> line (say <c>public static partial class Name</c>) and the body.
    /// </summary>
    public static void Write(SourceWriter w, HeuristicClassParts parts, string declaration, string tool)
    {
        w.WriteLine("/// <summary>");
        foreach (string line in parts.Tooltip) w.WriteLine("/// <para>" + CSharpText.XmlDocText(line) + "</para>");
        w.WriteLine("/// </summary>");
        w.WriteLine("[global::System.CodeDom.Compiler.GeneratedCode(" + CSharpText.StringLiteral(tool) + ", " + CSharpText.StringLiteral(Version) + ")]");
        w.WriteLine(declaration);
        w.OpenBrace();
        WriteMembers(w, parts);
        w.CloseBrace();
    }

    private static void WriteMembers(SourceWriter w, HeuristicClassParts parts)
    {
        string name = CSharpText.StringLiteral(parts.HeuristicName);
        w.WriteLine("/// <summary>The heuristic name in the training logs.</summary>");
        w.WriteLine("public const string HeuristicName = " + name + ";");
        w.WriteLine();
        w.WriteLine("/// <summary>How each tree was trained and how it did on every data set, one sentence per line.</summary>");
        string report = parts.TreeClassNames.Count == 0 ? parts.Tooltip[0] : string.Join("\n", parts.Report);
        w.WriteLine("public const string TrainingReport = " + CSharpText.StringLiteral(report) + ";");
        w.WriteLine();

        // Operations: the standard set of the name, then the extra ones, in the order the trainer
        // saw them. Declared before the trees, whose constructors read it.
        w.WriteLine("private static readonly " + Operation + "[] s_operations = BuildOperations();");
        w.WriteLine();
        w.WriteLine("private static readonly " + Heuristic + "[] s_trees = new " + Heuristic + "[]");
        w.OpenBrace();
        foreach (string tree in parts.TreeClassNames) w.WriteLine("new " + tree + "(),");
        w.CloseBrace(";");
        w.WriteLine();

        w.WriteLine("/// <summary>");
        w.WriteLine("/// The augmented features the trees read: the standard '" + CSharpText.XmlDocText(parts.HeuristicName) + "' set and any [AHOperation] methods.");
        w.WriteLine("/// Pass them as the augment-context operations when deciding through AutoHeuristicDecision.");
        w.WriteLine("/// </summary>");
        w.WriteLine("public static " + ReadOnlyList + "<" + Operation + "> Operations => s_operations;");
        w.WriteLine();
        w.WriteLine("/// <summary>The learned trees, one per hardware found in the logs.</summary>");
        w.WriteLine("public static " + ReadOnlyList + "<" + Heuristic + "> Trees => s_trees;");
        w.WriteLine();

        w.WriteLine("/// <summary>");
        w.WriteLine("/// The learned choice for <paramref name=\"context\"/> on the hardware of <paramref name=\"metadata\"/>, or");
        w.WriteLine("/// <see langword=\"null\"/> when unsure (<see cref=\"" + Policy + "\"/>: no tree for this hardware, an unsafe");
        w.WriteLine("/// or doubtful leaf, a choice not offered, a feature the context lacks or a categorical value the logs never had).");
        w.WriteLine("/// </summary>");
        w.WriteLine("public static string? GetDecision(" + Metadata + " metadata, " + Context + " context) =>");
        w.WriteLine("    " + Policy + ".GetDecision(s_trees, metadata, context);");
        w.WriteLine();
        w.WriteLine("/// <summary>");
        w.WriteLine("/// The learned choices for <paramref name=\"context\"/>, best first, restricted to <c>metadata.Choices</c> and cut");
        w.WriteLine("/// to <paramref name=\"topK\"/>; <see langword=\"null\"/> when unsure (<see cref=\"" + Policy + "\"/>).");
        w.WriteLine("/// </summary>");
        w.WriteLine("public static " + ReadOnlyList + "<string>? GetDecisionsRanked(" + Metadata + " metadata, " + Context + " context, int topK) =>");
        w.WriteLine("    " + Policy + ".GetDecisionsRanked(s_trees, metadata, context, topK);");
        w.WriteLine();

        if (parts.Registers)
        {
            w.WriteLine("/// <summary>Registers the trees with <see cref=\"global::AutoHeuristic.LearnedHeuristicRegistry\"/> when the module loads.</summary>");
            w.WriteLine("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            w.WriteLine("internal static void RegisterLearnedHeuristics()");
            w.OpenBrace();
            w.WriteLine("foreach (" + Heuristic + " tree in s_trees) global::AutoHeuristic.LearnedHeuristicRegistry.Register(tree);");
            w.CloseBrace();
            w.WriteLine();
        }

        w.WriteLine("private static " + Operation + "[] BuildOperations()");
        w.OpenBrace();
        w.WriteLine("var operations = new global::System.Collections.Generic.List<" + Operation + ">(global::AutoHeuristic.Features.StandardOperations.ForHeuristic(" + name + "));");
        foreach (string operation in parts.ExtraOperations) w.WriteLine("operations.Add(" + operation + ");");
        w.WriteLine("return operations.ToArray();");
        w.CloseBrace();

        foreach (string tree in parts.TreeSources)
        {
            w.WriteLine();
            w.WriteLines(tree);
        }
    }

    // The members every heuristic class has: a class of one of these names cannot hold them (CS0542).
    private static readonly string[] MemberNames =
    {
        "HeuristicName", "TrainingReport", "Operations", "Trees", "GetDecision", "GetDecisionsRanked", "RegisterLearnedHeuristics", "BuildOperations",
    };

    /// <summary>
    /// Why <paramref name="className"/> cannot name a heuristic class, or null when it can: a type
    /// name (<see cref="CSharpText.TypeNameProblem"/>) that is none of the class's member names
    /// (<c>Trees</c>, <c>GetDecision</c>, …) nor a tree class name (<c>A100Tree</c>, <c>Sm75Smem65536Tree</c>, …).
    /// </summary>
    public static string? ClassNameProblem(string className)
    {
        if (CSharpText.TypeNameProblem(className) is string problem) return problem;
        if (Array.IndexOf(MemberNames, className) >= 0 || System.Text.RegularExpressions.Regex.IsMatch(className, @"^(A100|H100|Sm(Neg)?[0-9]+(Neg)?[0-9]+Smem(Neg)?[0-9]+)Tree[0-9]*$"))
        {
            return "'" + className + "' is the name of a member of the generated class";
        }

        return null;
    }

    /// <summary>Unique class names <paramref name="baseName"/>, <paramref name="baseName"/>2, … for several heuristics in one file.</summary>
    internal static string Numbered(string baseName, int index) =>
        index == 0 ? baseName : baseName + (index + 1).ToString(CultureInfo.InvariantCulture);
}
