using System.Collections.Generic;
using AutoHeuristic.Hardware;
using AutoHeuristic.Learning.Data;
using AutoHeuristic.Learning.Training;

namespace AutoHeuristic.Learning.Evaluation;

/// <summary>
/// The default choice of every input, as an index into its table's choices (-1 when the input has
/// none or the default was not measured): a fixed name (mm's <c>extern_mm</c>) or a per-input rule
/// (flex_attention's default configuration). Computed once per table; safe to share between the grid's parallel fits.
/// </summary>
internal sealed class DefaultChoices
{
    private readonly string? _fixed;
    private readonly DefaultChoiceRule? _rule;
    private readonly HardwareKey _hardware;
    private readonly Dictionary<InputTable, int[]> _perTable = new();

    private DefaultChoices(string? fixedChoice, DefaultChoiceRule? rule, HardwareKey hardware)
    {
        _fixed = fixedChoice;
        _rule = rule;
        _hardware = hardware;
    }

    /// <summary>The preset's default (its fixed choice first, else its rule); null when it has none.</summary>
    public static DefaultChoices? For(HeuristicPreset preset, HardwareKey hardware) =>
        preset.HasDefault ? new DefaultChoices(preset.DefaultChoice, preset.DefaultChoice is null ? preset.DefaultRule : null, hardware) : null;

    /// <summary>The same default <paramref name="choice"/> for every input.</summary>
    public static DefaultChoices Fixed(string choice) => new(choice, null, default);

    /// <summary>The default's index into <paramref name="table"/>'s choices for <paramref name="input"/>, or -1.</summary>
    public int IndexOf(InputTable table, int input)
    {
        int[]? indices;
        lock (_perTable)
        {
            if (!_perTable.TryGetValue(table, out indices))
            {
                indices = Compute(table);
                _perTable.Add(table, indices);
            }
        }

        return indices[input];
    }

    /// <summary>The default's name for <paramref name="input"/> (null when there is none), measured or not.</summary>
    public string? NameOf(InputTable table, int input)
    {
        if (_fixed is not null) return _fixed;
        var source = new InputRowSource(table) { Input = input };
        return _rule!.Choose(_hardware, source);
    }

    private int[] Compute(InputTable table)
    {
        var indices = new int[table.Count];
        if (_fixed is not null)
        {
            int index = table.ChoiceIndex(_fixed);
            for (int i = 0; i < indices.Length; i++) indices[i] = index;
            return indices;
        }

        var source = new InputRowSource(table);
        var byName = new Dictionary<string, int>(System.StringComparer.Ordinal);
        for (int i = 0; i < indices.Length; i++)
        {
            source.Input = i;
            string? name = _rule!.Choose(_hardware, source);
            if (name is null)
            {
                indices[i] = -1;
                continue;
            }

            if (!byName.TryGetValue(name, out int index))
            {
                index = table.ChoiceIndex(name);
                byName.Add(name, index);
            }

            indices[i] = index;
        }

        return indices;
    }
}
