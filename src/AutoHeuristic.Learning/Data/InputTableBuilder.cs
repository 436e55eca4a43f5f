using System;
using System.Collections.Generic;
using System.Linq;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using AutoHeuristic.Features;
using AutoHeuristic.Formatting;
using AutoHeuristic.Learning.Logs;
using AutoHeuristic.Learning.Problems;

namespace AutoHeuristic.Learning.Data;

/// <summary>
/// Builds an <see cref="InputTable"/> from the rows of one or more logs that share metadata, as
/// PyTorch's <c>get_df</c> does: group by features + choice, median feedback (inf when any
/// measurement is inf), optional noise filter, inputs with at least two choices, winner, speedup,
/// then augmented features from <see cref="AHOperation"/>s. Unlike PyTorch, an input whose every
/// choice failed is left out (unless <c>keepFailedInputs</c> asks for PyTorch's labels); inputs
/// whose measured choices all tied keep PyTorch's label; both are counted with a warning, and a table
/// without any input that has a real winner gets an error. With <c>pandasFeedback</c> the times
/// are first read as pandas reads PyTorch's text (<see cref="PandasFloatReading"/>).
/// </summary>
internal static class InputTableBuilder
{
    [MethodImpl(HotPath.Optimized)]
    public static InputTable Build(string name, IReadOnlyList<ParsedLog> logs, IReadOnlyList<AHOperation> operations, bool filterNoisy, InputTable? reference, CancellationToken ct, bool keepFailedInputs = false, bool pandasFeedback = false)
    {
        LogColumns first = logs[0].Columns!;
        int featureCount = first.FeatureNames.Length;
        int n = 0, skipped = 0;
        foreach (ParsedLog log in logs)
        {
            n += log.RowCount;
            skipped += log.SkippedRows;
        }

        // 1. Concatenate rows with global category and choice codes.
        var numbers = new double[featureCount][];
        var hasFloat = new bool[featureCount];
        var codes = new int[featureCount][];
        var texts = new List<string>[featureCount];
        var textIndex = new Dictionary<string, int>[featureCount];
        for (int f = 0; f < featureCount; f++)
        {
            if (first.IsCategorical[f])
            {
                codes[f] = new int[n];
                texts[f] = new List<string>();
                textIndex[f] = new Dictionary<string, int>(StringComparer.Ordinal);
            }
            else
            {
                numbers[f] = new double[n];
            }
        }

        var choiceNamesSeen = new List<string>();
        var choiceIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var choice = new int[n];
        var feedback = new double[n];
        int offset = 0;
        foreach (ParsedLog log in logs)
        {
            LogColumns c = log.Columns!;
            int rows = c.RowCount;
            for (int f = 0; f < featureCount; f++)
            {
                if (c.IsCategorical[f])
                {
                    var map = new int[c.CategoryTexts[f].Count];
                    for (int k = 0; k < map.Length; k++) map[k] = Intern(texts[f], textIndex[f], c.CategoryTexts[f][k]);
                    int[] src = c.CategoryCodes[f];
                    int[] dst = codes[f];
                    for (int r = 0; r < rows; r++) dst[offset + r] = map[src[r]];
                }
                else
                {
                    Array.Copy(c.Numbers[f], 0, numbers[f], offset, rows);
                    hasFloat[f] |= c.NumericHasFloat[f];
                }
            }

            var choiceMap = new int[c.ChoiceNames.Count];
            for (int k = 0; k < choiceMap.Length; k++) choiceMap[k] = Intern(choiceNamesSeen, choiceIndex, c.ChoiceNames[k]);
            for (int r = 0; r < rows; r++) choice[offset + r] = choiceMap[c.ChoiceCodes[r]];
            Array.Copy(c.Feedback, 0, feedback, offset, rows);
            if (pandasFeedback)
            {
                for (int r = offset; r < offset + rows; r++) feedback[r] = PandasFloatReading.AsRead(feedback[r]);
            }

            offset += rows;
        }

        ct.ThrowIfCancellationRequested();

        // Python str() and sort order of categorical values, as pandas types the column.
        var categoryRank = new int[featureCount][];
        var categoryText = new string[featureCount][];
        for (int f = 0; f < featureCount; f++)
        {
            if (!first.IsCategorical[f]) continue;
            (categoryText[f], categoryRank[f]) = CategorySemantics(texts[f]);
        }

        // Choices in sklearn's class order (sorted), remapped.
        string[] choices = choiceNamesSeen.ToArray();
        Array.Sort(choices, StringComparer.Ordinal);
        var toSorted = new int[choices.Length];
        for (int k = 0; k < choiceNamesSeen.Count; k++) toSorted[k] = Array.BinarySearch(choices, choiceNamesSeen[k], StringComparer.Ordinal);
        for (int r = 0; r < n; r++) choice[r] = toSorted[choice[r]];
        int choiceCount = choices.Length;

        // 2. Inputs: distinct feature tuples.
        var comparer = new RowComparer(numbers, codes);
        var inputOf = new Dictionary<int, int>(comparer);
        var inputIds = new int[n];
        var inputFirstRow = new List<int>();
        for (int r = 0; r < n; r++)
        {
            // Logs list all choices of one input on consecutive rows: most rows repeat the previous tuple.
            if (r > 0 && comparer.Equals(r, r - 1))
            {
                inputIds[r] = inputIds[r - 1];
                continue;
            }

            if (!inputOf.TryGetValue(r, out int id))
            {
                id = inputFirstRow.Count;
                inputOf.Add(r, id);
                inputFirstRow.Add(r);
            }

            inputIds[r] = id;
        }

        ct.ThrowIfCancellationRequested();

        // 3. (input, choice) groups: median, count, relative std.
        int inputCount = inputFirstRow.Count;
        var keys = new long[n];
        var order = new int[n];
        for (int r = 0; r < n; r++)
        {
            keys[r] = ((long)inputIds[r] * choiceCount) + choice[r];
            order[r] = r;
        }

        SortByKey(ref keys, ref order, (long)inputCount * choiceCount);
        var median = new double[(long)inputCount * choiceCount];
        for (int i = 0; i < median.Length; i++) median[i] = double.NaN;
        var buffer = new List<double>();
        var groups = new int[inputCount];       // (input, choice) groups per input
        var failedGroups = new int[inputCount]; // of them, groups with a failed run (inf)
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end < n && keys[end] == keys[start]) end++;
            int input = (int)(keys[start] / choiceCount);
            groups[input]++;
            buffer.Clear();
            bool hasInf = false;
            for (int i = start; i < end; i++)
            {
                double v = feedback[order[i]];
                if (double.IsInfinity(v)) hasInf = true;
                buffer.Add(v);
            }

            double med;
            bool valid = true;
            if (hasInf)
            {
                failedGroups[input]++;
                med = double.PositiveInfinity;
                valid = !filterNoisy; // relative std is inf
            }
            else
            {
                buffer.Sort();
                med = MedianOfSorted(buffer);
                if (filterNoisy) valid = buffer.Count >= 3 && RelativeStd(buffer) <= 5.0;
            }

            if (valid) median[keys[start]] = med;
            start = end;
        }

        ct.ThrowIfCancellationRequested();

        // 4. Keep inputs with ≥ 2 measured choices; winner and speedup. An input whose every choice
        // failed has no winner: it is left out and counted. An input whose measured choices all took
        // exactly the same time is kept with PyTorch's label (the first of the tie, as its sort puts
        // it), so results stay PyTorch's, but counted and warned about; when no input has a real
        // winner (an all-zero log), nothing is learned: a model of such labels looks perfect while deciding nothing.
        var kept = new List<int>();
        var failedInputs = new List<int>();
        var tiedInputs = new List<int>();
        int keptFailed = 0; // kept although every choice failed (keepFailedInputs)
        int singleChoice = 0;
        for (int i = 0; i < inputCount; i++)
        {
            if (failedGroups[i] == groups[i])
            {
                // PyTorch labels such an input anyway (the first choice its sort leaves among the infs).
                failedInputs.Add(i);
                if (keepFailedInputs && groups[i] >= 2)
                {
                    kept.Add(i);
                    keptFailed++;
                }

                continue;
            }

            int measured = 0;
            bool tied = true;
            double firstTime = double.NaN;
            long b = (long)i * choiceCount;
            for (int c = 0; c < choiceCount; c++)
            {
                double t = median[b + c];
                if (double.IsNaN(t)) continue;
                if (measured++ == 0) firstTime = t;
                else tied &= t == firstTime;
            }

            if (measured < 2) singleChoice++;
            else
            {
                if (tied && !double.IsInfinity(firstTime)) tiedInputs.Add(i);
                kept.Add(i);
            }
        }

        var problems = new List<LearningProblem>();
        ReportInputs(problems, logs, inputFirstRow, failedInputs, ProblemCodes.FailedInputs, keepFailedInputs
            ? "failed on every choice (feedback inf): they have no winner and are labelled as PyTorch labels them (kept for PyTorch's counts)"
            : "were left out because every choice failed (feedback inf): they have no winner and carry no decision");
        ReportInputs(problems, logs, inputFirstRow, tiedInputs, ProblemCodes.TiedInputs,
            "took exactly the same time on every measured choice: they have no real winner and are labelled as PyTorch labels them (the first of the tie)");
        if (kept.Count == tiedInputs.Count + keptFailed)
        {
            kept.Clear();
            problems.Add(new LearningProblem(ProblemCodes.NoUsableInput, ProblemSeverity.Error,
                $"No input of '{name}' carries a decision: of {Count(inputCount)} input(s), {Count(singleChoice)} have fewer than two measured choices, "
                + $"{Count(failedInputs.Count)} failed on every choice and {Count(tiedInputs.Count)} took the same time on every choice; there is nothing to learn from or evaluate on.",
                logs[0].FileName));
        }

        // pandas' group-by order: the feature tuple, numerical features first, then categorical ones.
        kept.Sort((a, b) =>
        {
            int ra = inputFirstRow[a], rb = inputFirstRow[b];
            for (int f = 0; f < featureCount; f++)
            {
                int cmp = first.IsCategorical[f]
                    ? categoryRank[f][codes[f][ra]].CompareTo(categoryRank[f][codes[f][rb]])
                    : numbers[f][ra].CompareTo(numbers[f][rb]);
                if (cmp != 0) return cmp;
            }

            return 0;
        });

        int count = kept.Count;
        var times = new double[(long)count * choiceCount];
        var winner = new int[count];
        var speedup = new double[count];
        for (int j = 0; j < count; j++)
        {
            long src = (long)kept[j] * choiceCount;
            long dst = (long)j * choiceCount;
            int best = -1, second = -1;
            for (int c = 0; c < choiceCount; c++)
            {
                double t = median[src + c];
                times[dst + c] = t;
                if (double.IsNaN(t)) continue;
                if (best < 0 || t < times[dst + best]) { second = best; best = c; }
                else if (second < 0 || t < times[dst + second]) second = c;
            }

            winner[j] = TieAwareWinner(times, dst, choiceCount, best);
            speedup[j] = times[dst + second] / times[dst + best];
        }

        // 5. Columns for the kept inputs, then augmented features.
        var columns = new List<FeatureColumn>();
        var rawTexts = new string[featureCount][];
        for (int f = 0; f < featureCount; f++)
        {
            string featureName = first.FeatureNames[f];
            if (first.IsCategorical[f])
            {
                var values = new string[count];
                for (int j = 0; j < count; j++) values[j] = categoryText[f][codes[f][inputFirstRow[kept[j]]]];
                rawTexts[f] = values;
                columns.Add(Categorical(featureName, false, values, reference));
            }
            else
            {
                var values = new double[count];
                for (int j = 0; j < count; j++) values[j] = numbers[f][inputFirstRow[kept[j]]];
                columns.Add(new FeatureColumn(featureName, false, false, values, null, null));
            }
        }

        AddAugmented(columns, rawTexts, operations, count, hasFloat, reference, ct);
        return new InputTable(name, count, columns, choices, times, winner, speedup, n, skipped)
        {
            FailedInputs = failedInputs.Count,
            TiedInputs = tiedInputs.Count,
            Problems = problems,
        };
    }

    // One warning for the inputs of one kind, located at the first row of the first of them.
    private static void ReportInputs(List<LearningProblem> problems, IReadOnlyList<ParsedLog> logs, List<int> inputFirstRow, List<int> inputs, string code, string what)
    {
        if (inputs.Count == 0) return;
        int row = inputFirstRow[inputs[0]];
        ParsedLog log = logs[0];
        foreach (ParsedLog candidate in logs)
        {
            log = candidate;
            if (row < candidate.RowCount) break;
            row -= candidate.RowCount;
        }

        problems.Add(new LearningProblem(code, ProblemSeverity.Warning,
            $"{Count(inputs.Count)} input(s) {what} (the first is at this line).",
            log.FileName, log.Columns!.LineNumbers[row]));
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The winner of one input as PyTorch's <c>get_df</c> finds it: the first row of the input's
    /// (input, choice) rows, in choice order, sorted by median time with pandas' unstable
    /// quicksort. Only exact ties can make that differ from <paramref name="first"/> (the earliest
    /// fastest choice), so the sort runs only then.
    /// </summary>
    private static int TieAwareWinner(double[] times, long offset, int choiceCount, int first)
    {
        double best = times[offset + first];
        bool tied = false;
        for (int c = first + 1; c < choiceCount && !tied; c++) tied = times[offset + c] == best;
        if (!tied) return first;

        var measured = new List<int>(choiceCount);
        var values = new List<double>(choiceCount);
        for (int c = 0; c < choiceCount; c++)
        {
            double t = times[offset + c];
            if (double.IsNaN(t)) continue;
            measured.Add(c);
            values.Add(t);
        }

        return measured[NumpyArgsort.Quicksort(values.ToArray())[0]];
    }

    [MethodImpl(HotPath.Optimized)]
    private static void AddAugmented(List<FeatureColumn> columns, string[][] rawTexts, IReadOnlyList<AHOperation> operations, int count, bool[] hasFloat, InputTable? reference, CancellationToken ct)
    {
        if (operations.Count == 0) return;
        var source = new RowSource(columns, rawTexts, hasFloat, operations);
        var results = new FeatureValue[operations.Count][];
        for (int o = 0; o < operations.Count; o++) results[o] = new FeatureValue[count];
        for (int j = 0; j < count; j++)
        {
            if ((j & 1023) == 0) ct.ThrowIfCancellationRequested();
            source.Row = j;
            for (int o = 0; o < operations.Count; o++)
            {
                FeatureValue v = operations[o].Evaluate(source);
                results[o][j] = v;
                source.SetAugmented(o, v); // later operations may read earlier ones, as pandas' row-wise apply allows
            }
        }

        for (int o = 0; o < operations.Count; o++)
        {
            AHOperation op = operations[o];
            if (op.IsCategorical)
            {
                var values = new string[count];
                for (int j = 0; j < count; j++) values[j] = results[o][j].Text;
                columns.Add(Categorical(op.Name, true, values, reference));
            }
            else
            {
                var values = new double[count];
                for (int j = 0; j < count; j++) values[j] = results[o][j].Number;
                columns.Add(new FeatureColumn(op.Name, false, true, values, null, null));
            }
        }
    }

    [MethodImpl(HotPath.Optimized)]
    private static FeatureColumn Categorical(string name, bool augmented, string[] values, InputTable? reference)
    {
        List<string> categories;
        if (reference is not null)
        {
            FeatureColumn? refColumn = reference.Columns.Find(c => c.Name == name);
            categories = refColumn?.Categories ?? new List<string>();
        }
        else
        {
            // Neighbouring inputs mostly hold the same string object (an operation's "True"): hash it once per run.
            var set = new HashSet<string>(StringComparer.Ordinal);
            for (int j = 0; j < values.Length; j++)
            {
                if (j == 0 || !ReferenceEquals(values[j], values[j - 1])) set.Add(values[j]);
            }

            categories = new List<string>(set);
            categories.Sort(StringComparer.Ordinal);
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < categories.Count; k++) index[categories[k]] = k;
        var codes = new int[values.Length];
        for (int j = 0; j < values.Length; j++)
        {
            codes[j] = j > 0 && ReferenceEquals(values[j], values[j - 1]) ? codes[j - 1] : index.TryGetValue(values[j], out int k) ? k : -1;
        }

        return new FeatureColumn(name, true, augmented, null, codes, categories);
    }

    // pandas reads a column of numbers as numbers (float64 when any value has a fraction), of
    // True/False as bool, else as strings; str() of the value and the group-by order follow.
    private static (string[] Text, int[] Rank) CategorySemantics(List<string> raw)
    {
        int k = raw.Count;
        var text = new string[k];
        var numeric = new double[k];
        bool allNumeric = k > 0, anyFloat = false;
        for (int i = 0; i < k; i++)
        {
            FeatureValue v = FeatureValue.Parse(raw[i]);
            if (v.Kind == FeatureValueKind.Integer) numeric[i] = v.Number;
            else if (v.Kind == FeatureValueKind.Float) { numeric[i] = v.Number; anyFloat = true; }
            else allNumeric = false;
        }

        for (int i = 0; i < k; i++)
        {
            text[i] = !allNumeric ? raw[i]
                : anyFloat ? PythonFormat.Str(numeric[i])
                : ((long)numeric[i]).ToString(CultureInfo.InvariantCulture);
        }

        var order = new int[k];
        for (int i = 0; i < k; i++) order[i] = i;
        if (allNumeric) Array.Sort(order, (a, b) => numeric[a].CompareTo(numeric[b]));
        else Array.Sort(order, (a, b) => string.CompareOrdinal(text[a], text[b]));
        var rank = new int[k];
        int r = 0;
        for (int i = 0; i < k; i++)
        {
            if (i > 0)
            {
                bool same = allNumeric ? numeric[order[i]] == numeric[order[i - 1]] : text[order[i]] == text[order[i - 1]];
                if (!same) r++;
            }

            rank[order[i]] = r;
        }

        return (text, rank);
    }

    // Groups rows by (input, choice) key. The order of rows inside a group does not matter (the
    // median and the relative std read the sorted measurements), so a stable counting sort, linear
    // when the key space is not much larger than the rows, gives the same groups as a comparison sort.
    [MethodImpl(HotPath.Optimized)]
    private static void SortByKey(ref long[] keys, ref int[] order, long keySpace)
    {
        int n = keys.Length;
        if (keySpace > (4L * n) + 4096)
        {
            Array.Sort(keys, order);
            return;
        }

        var next = new int[keySpace + 1];
        for (int r = 0; r < n; r++) next[keys[r] + 1]++;
        for (long k = 0; k < keySpace; k++) next[k + 1] += next[k];
        var sortedKeys = new long[n];
        var sortedOrder = new int[n];
        for (int r = 0; r < n; r++)
        {
            int at = next[keys[r]]++;
            sortedKeys[at] = keys[r];
            sortedOrder[at] = order[r];
        }

        keys = sortedKeys;
        order = sortedOrder;
    }

    /// <summary>pandas' median of sorted, finite values: the middle one, or the mean of the two middle ones.</summary>
    internal static double MedianOfSorted(IReadOnlyList<double> sorted)
    {
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2.0;
    }

    private static double RelativeStd(List<double> values)
    {
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Count;
        if (mean == 0) return double.PositiveInfinity;
        double sum = 0;
        foreach (double v in values) sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / (values.Count - 1)) / mean * 100.0;
    }

    private static int Intern(List<string> list, Dictionary<string, int> index, string value)
    {
        if (!index.TryGetValue(value, out int code))
        {
            code = list.Count;
            list.Add(value);
            index.Add(value, code);
        }

        return code;
    }

    private sealed class RowComparer : IEqualityComparer<int>
    {
        private readonly double[][] _numbers;
        private readonly int[][] _codes;

        public RowComparer(double[][] numbers, int[][] codes)
        {
            _numbers = numbers;
            _codes = codes;
        }

        [MethodImpl(HotPath.Optimized)]
        public bool Equals(int a, int b)
        {
            for (int f = 0; f < _numbers.Length; f++)
            {
                if (_numbers[f] is double[] col) { if (col[a] != col[b]) return false; }
                else if (_codes[f][a] != _codes[f][b]) return false;
            }

            return true;
        }

        [MethodImpl(HotPath.Optimized)]
        public int GetHashCode(int row)
        {
            unchecked
            {
                int hash = 17;
                for (int f = 0; f < _numbers.Length; f++)
                {
                    int h = _numbers[f] is double[] col ? col[row].GetHashCode() : _codes[f][row];
                    hash = (hash * 31) + h;
                }

                return hash;
            }
        }
    }

    // One input's features for the operations: its logged values, then the augmented values computed
    // so far for it. Lookups go through string-to-index tables and arrays (a dictionary of
    // FeatureValue, a struct, would be compiled anew for this one use, unoptimized at first).
    private sealed class RowSource : IFeatureSource
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<FeatureColumn> _columns;
        private readonly bool[] _hasFloat;
        private readonly string[][] _rawTexts;

        // Categorical texts repeat: each distinct text of a column is parsed once.
        private readonly Dictionary<string, int>[] _parsedIndex;
        private readonly FeatureValue[][] _parsed;

        // Per operation, the slot of its name (operations of one name share it; the last set wins).
        private readonly Dictionary<string, int> _augmentedSlot = new(StringComparer.Ordinal);
        private readonly int[] _slotOf;
        private readonly FeatureValue[] _augmented;
        private readonly int[] _augmentedRow; // per slot, 1 + the row it was set for (0: never)

        public RowSource(List<FeatureColumn> columns, string[][] rawTexts, bool[] hasFloat, IReadOnlyList<AHOperation> operations)
        {
            _columns = columns;
            _rawTexts = rawTexts;
            _hasFloat = hasFloat;
            for (int i = 0; i < rawTexts.Length; i++) _index[columns[i].Name] = i;

            _parsedIndex = new Dictionary<string, int>[rawTexts.Length];
            _parsed = new FeatureValue[rawTexts.Length][];
            for (int i = 0; i < rawTexts.Length; i++)
            {
                if (rawTexts[i] is null) continue;
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (string text in rawTexts[i])
                {
                    if (!index.ContainsKey(text)) index.Add(text, index.Count);
                }

                var parsed = new FeatureValue[index.Count];
                foreach (KeyValuePair<string, int> text in index) parsed[text.Value] = FeatureValue.Parse(text.Key);
                _parsedIndex[i] = index;
                _parsed[i] = parsed;
            }

            _slotOf = new int[operations.Count];
            for (int o = 0; o < operations.Count; o++)
            {
                if (!_augmentedSlot.TryGetValue(operations[o].Name, out int slot))
                {
                    slot = _augmentedSlot.Count;
                    _augmentedSlot.Add(operations[o].Name, slot);
                }

                _slotOf[o] = slot;
            }

            _augmented = new FeatureValue[_augmentedSlot.Count];
            _augmentedRow = new int[_augmentedSlot.Count];
        }

        public int Row { get; set; }

        /// <summary>Records operation <paramref name="operation"/>'s value for the current row.</summary>
        public void SetAugmented(int operation, FeatureValue value)
        {
            int slot = _slotOf[operation];
            _augmented[slot] = value;
            _augmentedRow[slot] = Row + 1;
        }

        [MethodImpl(HotPath.Optimized)]
        public bool TryGetValue(string name, out FeatureValue value)
        {
            if (_index.TryGetValue(name, out int i))
            {
                FeatureColumn c = _columns[i];
                if (c.IsCategorical)
                {
                    value = _parsed[i][_parsedIndex[i][_rawTexts[i][Row]]];
                }
                else
                {
                    double v = c.Numbers![Row];
                    value = !_hasFloat[i] && v == Math.Floor(v) && Math.Abs(v) < 9e15 ? FeatureValue.FromInteger((long)v) : FeatureValue.FromFloat(v);
                }

                return true;
            }

            if (_augmentedSlot.TryGetValue(name, out int slot) && _augmentedRow[slot] == Row + 1)
            {
                value = _augmented[slot];
                return true;
            }

            value = default;
            return false;
        }
    }
}
