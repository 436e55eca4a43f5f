using System;
using System.IO;
using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Shared;

/// <summary>
/// Where the repository and PyTorch's data sets (../shared/data/pytorch beside it) are, for every
/// test project (linked in by tests/Directory.Build.props). Tests on those data sets carry
/// <c>[Category(TestRepository.SharedDataCategory)]</c> and skip when the data is absent, unless
/// <c>AUTOHEURISTIC_REQUIRE_DATA=1</c>, which turns the skip into a failure (CI sets it where the
/// data exists, so a moved file cannot make them pass silently).
/// </summary>
internal static class TestRepository
{
    /// <summary>The one NUnit category of tests that read ../shared/data.</summary>
    public const string SharedDataCategory = "SharedData";

    /// <summary>The environment variable that makes missing shared data a failure.</summary>
    public const string RequireDataVariable = "AUTOHEURISTIC_REQUIRE_DATA";

    /// <summary>The repository root (the folder with AutoHeuristic.sln), found from this source file's path.</summary>
    public static string Root => FindRoot() ?? throw new InvalidOperationException("AutoHeuristic.sln was not found above " + ThisFile());

    /// <summary>PyTorch's data folder (../shared/data/pytorch), or null when this checkout has none.</summary>
    public static string? PyTorchDataOrNull
    {
        get
        {
            string? root = FindRoot();
            if (root is null) return null;
            string data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "pytorch"));
            return Directory.Exists(data) ? data : null;
        }
    }

    /// <summary>Whether missing shared data fails the test instead of skipping it.</summary>
    public static bool DataRequired => Environment.GetEnvironmentVariable(RequireDataVariable) == "1";

    /// <summary>The path of <paramref name="fileName"/> in PyTorch's data folder; skips (or fails, see <see cref="DataRequired"/>) when it is absent.</summary>
    public static string PyTorchFile(string fileName)
    {
        string? folder = PyTorchDataOrNull;
        string? path = folder is null ? null : Path.Combine(folder, fileName);
        if (path is null || !File.Exists(path)) Missing("../shared/data/pytorch/" + fileName);
        return path!;
    }

    /// <summary>PyTorch's data folder; skips (or fails, see <see cref="DataRequired"/>) when it is absent.</summary>
    public static string PyTorchData()
    {
        string? folder = PyTorchDataOrNull;
        if (folder is null) Missing("../shared/data/pytorch");
        return folder!;
    }

    /// <summary>Skips the test for missing data, or fails it when <see cref="DataRequired"/>.</summary>
    public static void Missing(string what)
    {
        string message = what + " is absent";
        if (DataRequired) Assert.Fail(message + " but " + RequireDataVariable + "=1 requires it.");
        Assert.Ignore(message + ".");
    }

    private static string? FindRoot()
    {
        string? dir = Path.GetDirectoryName(ThisFile());
        while (dir is not null && !File.Exists(Path.Combine(dir, "AutoHeuristic.sln"))) dir = Path.GetDirectoryName(dir);
        return dir;
    }

    // Tests run from the artifacts folder; this source file's path locates the repository.
    private static string ThisFile([CallerFilePath] string path = "") => path;
}
