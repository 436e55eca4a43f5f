using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using AutoHeuristic.Learning;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Model;
using AutoHeuristic.Learning.Training;
using NUnit.Framework;

namespace AutoHeuristic.Cli.Tests;

public class TrainCommandTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string A => CliRunner.Fixture("toy_pad_a.txt");

    private static string B => CliRunner.Fixture("toy_pad_b.txt");

    /// <summary>The model the engine learns on the fixtures with default options, to compare the CLI's files with.</summary>
    private static LearnedModel EngineModel() =>
        HeuristicTrainer.Train(new[] { LogFiles.Read(A), LogFiles.Read(B) }, new TrainingOptions()).Models.Single();

    private static (int Splits, int Leaves) Count(TreeNode node) => node switch
    {
        NumericSplit n => Add(Count(n.Left), Count(n.Right)),
        CategoricalSplit c => Add(Count(c.NotEqual), Count(c.Equal)),
        _ => (0, 1),
    };

    private static (int, int) Add((int S, int L) a, (int S, int L) b) => (a.S + b.S + 1, a.L + b.L);

    [Test]
    public void TrainPrintsTheGridAndPerSetTablesAndTheSelectedModel()
    {
        var (code, output) = CliRunner.Run("train", A, B);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("toy_pad on shared memory 232448, capability (9, 0)"));
        Assert.That(output, Does.Contain("grid (right / wrong / benchmark instead)"));
        Assert.That(output, Does.Contain("train (sorted by right)").And.Contain("val (sorted by right)").And.Contain("test (sorted by right)"));
        Assert.That(output, Does.Contain("selected: "));
        // 36 grid rows: every (depth, min leaf, criterion) of PyTorch's default grid.
        Assert.That(output.Split('\n').Count(l => l.Contains("│ gini") || l.Contains("│ entropy")), Is.EqualTo(36));
    }

    [Test]
    public void TheTablesNameMetricsInWordsAndLeaveOutADefaultTheHeuristicLacks()
    {
        var (code, output) = CliRunner.RunUnwrapped("train", A, B);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("│ benchmark instead").And.Contain("│ when wrong: mean time / best"), "the selected model's metrics in words");
        Assert.That(output, Does.Not.Contain("unsure │").And.Not.Contain("wrong_gmean_speedup").And.Not.Contain("correct │"), "no PyTorch column names in the tables");
        Assert.That(output, Does.Not.Contain("over_default").And.Not.Contain("over the default"), "toy_pad, like pad_mm, has no default choice");
    }

    [Test]
    public void BriefLeavesOutThePerSetTables()
    {
        var (code, output) = CliRunner.Run("train", A, B, "--brief");
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Not.Contain("sorted by right"));
        Assert.That(output, Does.Contain("selected: "));
    }

    [Test]
    public void JsonHasTheDocumentedSchema()
    {
        string json = Path.Combine(CliRunner.TempDir(), "out", "result.json");
        var (code, output) = CliRunner.Run("train", A, B, "--json", json, "--split", "pytorch", "--experimental-confidence", "pytorch");
        Assert.That(code, Is.EqualTo(0), output);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement root = doc.RootElement;
        JsonElement selected = root.GetProperty("selected");
        Assert.That(selected.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "criterion", "max_depth", "min_samples_leaf", "threshold", "leaves", "depth" }));
        Assert.That(selected.GetProperty("criterion").GetString(), Is.AnyOf("gini", "entropy"));
        Assert.That(selected.GetProperty("max_depth").GetInt32(), Is.InRange(5, 7));
        Assert.That(selected.GetProperty("leaves").GetInt32(), Is.GreaterThanOrEqualTo(2));

        JsonElement sets = root.GetProperty("sets");
        Assert.That(sets.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "train", "val", "test" }));
        foreach (JsonProperty set in sets.EnumerateObject())
        {
            foreach (string metric in new[] { "correct", "wrong", "unsure", "total", "wrong_max_speedup", "wrong_gmean_speedup", "top_k_correct" })
            {
                Assert.That(set.Value.GetProperty(metric).ValueKind, Is.EqualTo(JsonValueKind.Number), set.Name + "." + metric);
            }

            double total = set.Value.GetProperty("total").GetDouble();
            double sum = set.Value.GetProperty("correct").GetDouble() + set.Value.GetProperty("wrong").GetDouble() + set.Value.GetProperty("unsure").GetDouble();
            Assert.That(sum, Is.EqualTo(total), set.Name);
        }

        Assert.That(root.GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
        Assert.That(root.GetProperty("grid").GetArrayLength(), Is.EqualTo(36));
        Assert.That(root.GetProperty("name").GetString(), Is.EqualTo("toy_pad"));
        Assert.That(root.GetProperty("dataset").GetProperty("inputs").GetInt32(), Is.EqualTo(240));
    }

    [Test]
    public void DotAndSvgDrawTheSelectedTreeNodeForNode()
    {
        string dir = CliRunner.TempDir();
        string dot = Path.Combine(dir, "tree.dot");
        string svg = Path.Combine(dir, "tree.svg");
        var (code, output) = CliRunner.Run("train", A, B, "--dot", dot, "--svg", svg);
        Assert.That(code, Is.EqualTo(0), output);

        (int splits, int leaves) = Count(EngineModel().Root);
        XDocument doc = XDocument.Parse(File.ReadAllText(svg));
        Assert.That(doc.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "node split"), Is.EqualTo(splits));
        Assert.That(doc.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "node leaf"), Is.EqualTo(leaves));
        string dotText = File.ReadAllText(dot);
        Assert.That(dotText.Split('\n').Count(l => l.Contains("[shape=ellipse")), Is.EqualTo(splits));
        Assert.That(dotText.Split('\n').Count(l => l.Contains("[shape=box")), Is.EqualTo(leaves));
        Assert.That(dotText.Split('\n').Count(l => l.Contains(" -> ")), Is.EqualTo(2 * splits));
    }

    [Test]
    public void EmitCsWritesTheGeneratorsCode()
    {
        string cs = Path.Combine(CliRunner.TempDir(), "Heuristics.cs");
        var (code, output) = CliRunner.Run("train", A, B, "--emit-cs", cs, "--namespace", "MyApp", "--class", "PadHeuristics");
        Assert.That(code, Is.EqualTo(0), output);
        string text = File.ReadAllText(cs);
        Assert.That(text, Does.Contain("namespace MyApp").And.Contain("public static partial class PadHeuristics").And.Contain("global::AutoHeuristic.ILearnedHeuristic"));
        Assert.That(text, Does.Contain("global::AutoHeuristic.DecisionPolicy.GetDecision(s_trees, metadata, context)").And.Contain(": global::AutoHeuristic.LearnedTree"), "the generator's class: thin members over the run time's policy");
    }

    [Test]
    public void EmitCsWritesHostileLogNamesOnlyAsEscapes()
    {
        // A choice name with a C# line terminator and a directive, a heuristic name with \n in the metadata JSON.
        string dir = CliRunner.TempDir();
        string log = Path.Combine(dir, "hostile.txt");
        File.WriteAllText(log, File.ReadAllText(A).Replace("\"name\": \"toy_pad\"", "\"name\": \"toy\\npad\"").Replace(",pad,", ",pad\u2028#error x,"));
        string cs = Path.Combine(dir, "Heuristics.cs");
        var (code, output) = CliRunner.Run("train", log, "--emit-cs", cs);
        Assert.That(code, Is.EqualTo(0), output);
        string text = File.ReadAllText(cs);
        Assert.That(text.Where(c => c is '\u2028' or '\r'), Is.Empty);
        Assert.That(text, Does.Contain("\"pad\\u2028#error x\"").And.Contain(": base(\"toy\\npad\", ").And.Contain("public const string HeuristicName = \"toy\\npad\";").And.Contain("Learned 'toy\\npad'"));
        Assert.That(text.Split('\n').Where(l => l.TrimStart().StartsWith('#')), Is.EqualTo(new[] { "#nullable enable" }), "no directive but the file's own");
    }

    [TestCase("--class", "1Heuristics", "--class: '1Heuristics' is not a C# identifier")]
    [TestCase("--class", "heuristics", "--class: 'heuristics' has only lower-case ASCII letters")]
    [TestCase("--namespace", "MyApp.class", "--namespace: 'MyApp.class' is not a namespace")]
    [TestCase("--namespace", "My App", "is not a C# identifier")]
    public void EmitCsRefusesANamespaceOrClassThatIsNotACSharpName(string option, string value, string message)
    {
        string cs = Path.Combine(CliRunner.TempDir(), "Heuristics.cs");
        var (code, output) = CliRunner.Run("train", A, "--emit-cs", cs, option, value);
        Assert.That(code, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain(message));
        Assert.That(File.Exists(cs), Is.False);
    }

    [Test]
    public void DataAcceptsPyTorchsTwoValueForm()
    {
        string json = Path.Combine(CliRunner.TempDir(), "result.json");
        var (code, output) = CliRunner.Run("train", A, "--data", "second_run", B, "--json", json);
        Assert.That(code, Is.EqualTo(0), output);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(doc.RootElement.GetProperty("sets").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "train", "val", "test", "second_run" }));
    }

    [Test]
    public void RegressionTrainsPyTorchsRegressionTree()
    {
        string dir = CliRunner.TempDir();
        string json = Path.Combine(dir, "r.json");
        string svg = Path.Combine(dir, "r.svg");
        var (code, output) = CliRunner.Run("train", CliRunner.Fixture("toy_pad_3reps.txt"), "--regression", "--json", json, "--svg", svg);
        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("when wrong: worst time / best"), "PyTorch's max_wrong_speedup, in words");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.That(doc.RootElement.GetProperty("kind").GetString(), Is.EqualTo("regression"));
        Assert.That(doc.RootElement.GetProperty("selected").GetProperty("criterion").GetString(), Is.EqualTo("squared_error"));
        Assert.That(doc.RootElement.GetProperty("grid").GetArrayLength(), Is.EqualTo(12));
        XDocument picture = XDocument.Parse(File.ReadAllText(svg));
        var leaves = picture.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "node leaf").ToList();
        Assert.That(leaves, Is.Not.Empty);
        Assert.That(leaves.All(g => g.Elements(Svg + "text").Any(t => t.Value.StartsWith("value ", System.StringComparison.Ordinal))));
    }

    [Test]
    public void AMissingLogIsAClearError()
    {
        var (code, output) = CliRunner.Run("train", "no/such/log.txt");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("no/such/log.txt").And.Contain("does not exist"));
    }

    [TestCase("--split", "random", "--split must be 'grouped' or 'pytorch'")]
    [TestCase("--experimental-confidence", "high", "--experimental-confidence must be")]
    [TestCase("--ranking", "0", "--ranking K needs K")]
    public void BadOptionValuesAreRejected(string option, string value, string message)
    {
        var (code, output) = CliRunner.Run("train", A, option, value);
        Assert.That(code, Is.Not.EqualTo(0));
        Assert.That(output, Does.Contain(message));
    }

    [Test]
    public void LogsOfOtherHardwareTrainTheirOwnModel()
    {
        string dir = CliRunner.TempDir();
        string svg = Path.Combine(dir, "tree.svg");
        string json = Path.Combine(dir, "r.json");
        var (code, output) = CliRunner.Run("train", A, B, CliRunner.Fixture("toy_pad_a100.txt"), "--svg", svg, "--json", json);

        // The 10-input A100 log trains its own grid, which selects nothing: reported, exit code 2,
        // and the H100 model is still drawn.
        Assert.That(code, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("capability (8, 0)").And.Contain("AH3002").And.Contain("no heuristic was generated"));
        Assert.That(File.Exists(svg), Is.True);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement[] heuristics = doc.RootElement.GetProperty("heuristics").EnumerateArray().ToArray();
        Assert.That(heuristics, Has.Length.EqualTo(2));
        Assert.That(heuristics[0].GetProperty("selected").ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That(heuristics[1].GetProperty("selected").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(heuristics[1].GetProperty("hardware").GetProperty("device_capa").EnumerateArray().Select(e => e.GetInt32()), Is.EqualTo(new[] { 8, 0 }));
        Assert.That(doc.RootElement.GetProperty("seconds").GetDouble(), Is.GreaterThan(0));
    }
}
