"""Generates a synthetic 1,000-file project that references the AutoHeuristic analyzers (Release build
under $AH_ARTIFACTS/bin) and the runtime, with one 20,000-input pad_mm training log.
usage: make_synthetic_project.py OUT_DIR SITE_EVERY   (a file with AutoHeuristic call sites every SITE_EVERY files)"""
import os, sys, random
out, every = sys.argv[1], int(sys.argv[2])
art = os.environ.get("AH_ARTIFACTS", "/tmp/ah-analyzers") + "/bin"
os.makedirs(out + "/src", exist_ok=True)
open(out + "/Synthetic.csproj", "w").write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <OutputType>Library</OutputType>
    <NoWarn>$(NoWarn);CS0219;CS0168</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="{art}/AutoHeuristic.Runtime/release/AutoHeuristic.Runtime.dll" />
    <Reference Include="{art}/AutoHeuristic.Core/release/AutoHeuristic.Core.dll" />
    <Analyzer Include="{art}/AutoHeuristic.Analyzers/release/AutoHeuristic.Analyzers.dll" />
    <Analyzer Include="{art}/AutoHeuristic.Core/release/AutoHeuristic.Core.dll" />
    <AdditionalFiles Include="logs/pad_mm.txt" AutoHeuristicLog="true" />
    <CompilerVisibleItemMetadata Include="AdditionalFiles" MetadataName="AutoHeuristicLog" />
  </ItemGroup>
</Project>
""")
os.makedirs(out + "/logs", exist_ok=True)
rnd = random.Random(1)
with open(out + "/logs/pad_mm.txt", "w") as f:
    f.write('{"shared_memory": 232448, "device_capa": [9, 0], "name": "pad_mm", "numerical_features": ["m", "k", "n"], "categorical_features": ["mat1_dtype"]}\n')
    f.write("m,k,n,mat1_dtype,choice,feedback\n")
    for i in range(20000):
        m, k, n = rnd.randint(1, 8192), rnd.randint(1, 8192), rnd.randint(1, 8192)
        for c in ("orig", "pad"):
            f.write(f"{m},{k},{n},torch.float16,{c},{rnd.random():.6f}\n")
open(out + "/src/Heuristics.cs", "w").write('namespace Synthetic;\n[AutoHeuristic.AutoHeuristic("pad_mm")]\npublic static partial class PadMmHeuristic { }\npublic sealed class Kernel { public string Id = ""; }\n')
ordinary = '''
    public static int Sum{j}(int[] values)
    {{
        int total = 0;
        foreach (int v in values) total += v * {j} % 7;
        return total;
    }}

    public static string Describe{j}(IReadOnlyList<string> names, int limit)
    {{
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < names.Count && i < limit; i++) sb.Append(names[i]).Append(i % 2 == 0 ? ',' : ';');
        return sb.ToString() + names.Where(n => n.Length > {j}).Select(n => n.ToUpperInvariant()).FirstOrDefault();
    }}

    public static Dictionary<string, int> Count{j}(IEnumerable<string> words)
    {{
        var counts = new Dictionary<string, int>();
        foreach (string w in words) counts[w] = counts.TryGetValue(w, out int c) ? c + 1 : 1;
        return counts;
    }}
'''
site = '''
    public static string Decide(long m, long k, long n, string dtype)
    {{
        var context = new AHContext();
        context.AddFeature("m", m);
        context.AddFeature("k", k);
        context.AddFeature("n", n);
        context.AddFeature("mat1_dtype", dtype, isCategorical: true);
        var decision = new AutoHeuristicDecision(() => "autotune", new[] {{ "orig", "pad" }}, null, context, "pad_mm");
        return decision.GetChoice();
    }}

    public static Kernel Tune(List<Kernel> choices, IReadOnlyList<AutotuneInput> inputs, AHContext context)
    {{
        using var selector = new AutoHeuristicSelectAlgorithm<Kernel>(() => null, choices, c => c.Id, inputs, context, "mm_{i}");
        return Autotuner.AutotuneSelectAlgorithm("mm_{i}", choices, inputs, c => 1.0);
    }}
'''
for i in range(1000):
    body = "".join(ordinary.format(j=j) for j in range(3))
    if every > 0 and i % every == 0:
        body += site.format(i=i)
    open(f"{out}/src/File{i:04}.cs", "w").write(
        "using System.Collections.Generic;\nusing System.Linq;\nusing AutoHeuristic;\n\nnamespace Synthetic.N%d;\n\npublic static class Work%d\n{%s}\n" % (i, i, body))
