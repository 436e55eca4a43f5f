using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using AutoHeuristic.Tests.Shared;
using NUnit.Framework;

namespace AutoHeuristic.Core.Tests;

/// <summary>
/// No dangling references: every relative link of README.md and docs/**/*.md names an existing
/// file, and every <c>docs/…</c> path that source, tools or tests mention exists.
/// </summary>
public class DocumentationLinkTests
{
    // [text](target): the target up to a space or the closing parenthesis.
    private static readonly Regex MarkdownLink = new(@"\[[^\]]*\]\(([^)\s]+)\)", RegexOptions.Compiled);
    private static readonly Regex FencedBlock = new(@"^```.*?^```", RegexOptions.Compiled | RegexOptions.Singleline | RegexOptions.Multiline);
    // docs/… as a path from the repository root; "shared/docs/…" (the sibling folder of notes) is no path of this repository.
    private static readonly Regex DocsPath = new(@"(?<![\w./-])docs/[\w./-]*[\w/]", RegexOptions.Compiled);

    [Test]
    public void EveryRelativeLinkOfTheMarkdownPagesResolves()
    {
        string root = TestRepository.Root;
        var pages = new List<string> { Path.Combine(root, "README.md") };
        pages.AddRange(Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories));

        var dangling = new List<string>();
        foreach (string page in pages)
        {
            foreach (string target in RelativeLinks(File.ReadAllText(page)))
            {
                string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(target)));
                if (!File.Exists(path) && !Directory.Exists(path)) dangling.Add(Relative(root, page) + " → " + target);
            }
        }

        Assert.That(pages, Has.Count.GreaterThan(10), "the docs folder was found");
        Assert.That(dangling, Is.Empty, "links to files that do not exist");
    }

    [Test]
    public void EveryDocsPathMentionedInCodeExists()
    {
        string root = TestRepository.Root;
        string[] extensions = { ".cs", ".csproj", ".props", ".targets", ".sh", ".py", ".md" };
        var missing = new List<string>();
        int mentions = 0;
        foreach (string folder in new[] { "src", "tools", "tests", "samples", "build" })
        {
            string dir = Path.Combine(root, folder);
            if (!Directory.Exists(dir)) continue;
            foreach (string file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
            {
                if (!extensions.Contains(Path.GetExtension(file)) || IsBuildOutput(file)) continue;
                foreach (Match match in DocsPath.Matches(File.ReadAllText(file)))
                {
                    mentions++;
                    string path = Path.Combine(root, match.Value.TrimEnd('.', '/'));
                    if (!File.Exists(path) && !Directory.Exists(path)) missing.Add(Relative(root, file) + ": " + match.Value);
                }
            }
        }

        Assert.That(mentions, Is.GreaterThan(0), "the search found the mentions");
        Assert.That(missing.Distinct(), Is.Empty, "docs/ paths that do not exist");
    }

    [Test]
    public void TheLinkFinderSkipsWebLinksAnchorsAndCodeBlocks()
    {
        const string text = "[a](guide/x.md) [b](https://example.com) [c](#part) [d](y.md#part)\n```\n[e](z.md)\n```\n";

        Assert.That(RelativeLinks(text), Is.EqualTo(new[] { "guide/x.md", "y.md" }));
        Assert.That(DocsPath.Matches("see ../shared/docs/notes.md and docs/diagnostics/AH1001.md.").Select(m => m.Value),
            Is.EqualTo(new[] { "docs/diagnostics/AH1001.md" }));
    }

    /// <summary>Relative link targets of a markdown text, anchors cut, outside fenced code blocks.</summary>
    private static IEnumerable<string> RelativeLinks(string markdown)
    {
        foreach (Match match in MarkdownLink.Matches(FencedBlock.Replace(markdown, string.Empty)))
        {
            string target = match.Groups[1].Value;
            if (target.StartsWith("#", StringComparison.Ordinal) || Regex.IsMatch(target, "^[a-z]+:", RegexOptions.IgnoreCase)) continue;
            int anchor = target.IndexOf('#');
            yield return anchor < 0 ? target : target.Substring(0, anchor);
        }
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
