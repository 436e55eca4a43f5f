using System;
using System.IO;
using System.Linq;
using SkiaSharp;

namespace AutoHeuristic.Cli.Pictures;

/// <summary>
/// The typefaces pictures use. Skia's self-contained Linux library reads font files itself (no
/// fontconfig), so a missing family falls back to a font file found in the usual folders, then to
/// Skia's default; boxes and lines are drawn whatever the fonts.
/// </summary>
internal static class PictureFonts
{
    private static readonly Lazy<SKTypeface> MonospaceFace = new(() => Find(new[] { "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Courier New", "monospace" }, "Mono"));
    private static readonly Lazy<string?> SansFamily = new(() => Installed(new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial" }));

    /// <summary>A monospace typeface: tree boxes are laid out for a monospace advance.</summary>
    public static SKTypeface Monospace => MonospaceFace.Value;

    /// <summary>A sans-serif family for plot text, or null to keep the plotting library's default.</summary>
    public static string? Sans => SansFamily.Value;

    private static SKTypeface Find(string[] families, string fileHint)
    {
        foreach (string family in families)
        {
            SKTypeface? face = SKFontManager.Default.MatchFamily(family);
            if (face is not null && string.Equals(face.FamilyName, family, StringComparison.OrdinalIgnoreCase)) return face;
        }

        foreach (string dir in new[] { "/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", Environment.GetFolderPath(Environment.SpecialFolder.Fonts) })
        {
            if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir)) continue;
            string? file = Directory.EnumerateFiles(dir, "*.ttf", SearchOption.AllDirectories)
                .Where(f => Path.GetFileName(f).Contains(fileHint, StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(f).Contains("Bold", StringComparison.OrdinalIgnoreCase))
                .OrderBy(f => f, StringComparer.Ordinal)
                .FirstOrDefault();
            if (file is not null && SKTypeface.FromFile(file) is SKTypeface fromFile) return fromFile;
        }

        return SKTypeface.Default;
    }

    private static string? Installed(string[] families)
    {
        foreach (string family in families)
        {
            SKTypeface? face = SKFontManager.Default.MatchFamily(family);
            if (face is not null && string.Equals(face.FamilyName, family, StringComparison.OrdinalIgnoreCase)) return family;
        }

        return null;
    }
}
