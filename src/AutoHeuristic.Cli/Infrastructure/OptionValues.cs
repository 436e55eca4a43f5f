using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using Spectre.Console.Cli;

namespace AutoHeuristic.Cli.Infrastructure;

/// <summary>
/// Checks option values before the parser converts them, so a mistake reads
/// "--ranking must be a whole number, got 'abc'." rather than the parser's
/// "Failed to convert 'abc' to Nullable`1". Rules, for every option of every command (found from
/// the settings' <see cref="CommandOptionAttribute"/>s):
/// <list type="bullet">
/// <item>integer options take a whole number in range;</item>
/// <item>number options take a finite number in invariant notation (<c>1.02</c>, <c>1e3</c>); NaN and infinities are refused;</item>
/// <item>path options (<c>&lt;FILE&gt;</c>, <c>&lt;LOG&gt;</c>, <c>&lt;CSV&gt;</c>, <c>&lt;DIR&gt;</c>, <c>&lt;PATH&gt;</c>) take a non-empty path.</item>
/// </list>
/// Whatever else is wrong (an unknown option, a missing value) is left to the parser's own messages.
/// </summary>
internal static class OptionValues
{
    /// <summary>The first bad option value in <paramref name="args"/> for a command with <paramref name="settingsType"/>, as a message; null when none.</summary>
    public static string? FindProblem(IReadOnlyList<string> args, Type settingsType)
    {
        Dictionary<string, (string Display, PropertyInfo Property, string ValueName)> options = OptionsOf(settingsType);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == "--") break;
            if (arg.Length < 2 || arg[0] != '-') continue;

            // --name value, --name=value and --name:value, as the parser reads them.
            int separator = arg.IndexOfAny(new[] { '=', ':' });
            string name = separator > 0 ? arg.Substring(0, separator) : arg;
            if (!options.TryGetValue(name, out var option)) continue;
            string? value = separator > 0 ? arg.Substring(separator + 1) : i + 1 < args.Count ? args[i + 1] : null;
            if (value is null) continue;
            if (separator < 0 && IsOptionName(value, options)) continue; // the value is missing; the parser says so

            string? problem = Check(option.Display, Nullable.GetUnderlyingType(option.Property.PropertyType) ?? option.Property.PropertyType, option.ValueName, value);
            if (problem is not null) return problem;
        }

        return null;
    }

    private static bool IsOptionName(string token, Dictionary<string, (string, PropertyInfo, string)> options)
    {
        int separator = token.IndexOfAny(new[] { '=', ':' });
        return options.ContainsKey(separator > 0 ? token.Substring(0, separator) : token) || token is "-h" or "--help";
    }

    private static string? Check(string option, Type type, string valueName, string value)
    {
        if (type == typeof(int) || type == typeof(long))
        {
            if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long whole))
            {
                return type == typeof(int) && (whole < int.MinValue || whole > int.MaxValue) ? $"{option} is out of range, got '{value}'." : null;
            }

            return $"{option} must be a whole number, got '{value}'.";
        }

        if (type == typeof(double) || type == typeof(float))
        {
            if (value.Trim().TrimStart('+', '-').ToLowerInvariant() is "inf" or "infinity" or "nan")
            {
                return $"{option} must be a finite number, got '{value}'.";
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                return $"{option} must be a number (such as 1.5), got '{value}'.";
            }

            return double.IsFinite(number) ? null : $"{option} must be a finite number, got '{value}'.";
        }

        if (type == typeof(string) || type == typeof(string[]))
        {
            if (value.Trim().Length > 0) return null;
            return valueName switch
            {
                "FILE" or "LOG" or "CSV" => $"{option} needs a file path.",
                "DIR" => $"{option} needs a folder path.",
                "PATH" => $"{option} needs a path.",
                _ => null,
            };
        }

        return null;
    }

    // Every spelling of every option (--ranking, -m, --model) with its display name and property.
    private static Dictionary<string, (string, PropertyInfo, string)> OptionsOf(Type settingsType)
    {
        var options = new Dictionary<string, (string, PropertyInfo, string)>(StringComparer.Ordinal);
        foreach (PropertyInfo property in settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<CommandOptionAttribute>() is not { } attribute) continue;
            string display = attribute.LongNames.Count > 0 ? "--" + attribute.LongNames[0] : "-" + attribute.ShortNames[0];
            string valueName = attribute.ValueName ?? string.Empty;
            foreach (string name in attribute.LongNames) options["--" + name] = (display, property, valueName);
            foreach (string name in attribute.ShortNames) options["-" + name] = (display, property, valueName);
        }

        return options;
    }

    /// <summary>The settings type of a command type (<c>TrainCommand</c> → <c>TrainCommand.Settings</c>).</summary>
    public static Type? SettingsOf(Type commandType)
    {
        for (Type? t = commandType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Command<>)) return t.GetGenericArguments()[0];
        }

        return null;
    }
}
