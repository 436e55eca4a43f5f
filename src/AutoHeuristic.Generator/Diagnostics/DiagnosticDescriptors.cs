using Microsoft.CodeAnalysis;

namespace AutoHeuristic.Generator;

/// <summary>
/// Every diagnostic the generator reports. Ranges: AH1001–AH1099 training-log format (located in
/// the log file), AH2001–AH2049 declarations (located in C#), AH3001–AH3099 model quality. One page
/// per ID under <c>docs/diagnostics/</c>. Problems never stop generation: the class always gets a
/// body that falls back (returns null = unsure).
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string LogCategory = "AutoHeuristic.Data";
    private const string DeclarationCategory = "AutoHeuristic.Usage";
    private const string QualityCategory = "AutoHeuristic.Quality";

    /// <summary>
    /// AH1001: training log is empty (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor EmptyLog = Create(
        "AH1001", "Training log is empty", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "The log file is empty; it needs PyTorch's JSON metadata line, the CSV header and data rows.");

    /// <summary>
    /// AH1002: training log metadata is invalid (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor BadMetadata = Create(
        "AH1002", "Training log metadata is invalid", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "Line 1 must be the JSON metadata object with shared_memory, device_capa, name, numerical_features and categorical_features (any key order).");

    /// <summary>
    /// AH1003: training log header is invalid (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor BadHeader = Create(
        "AH1003", "Training log header is invalid", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "Line 2 must be the CSV header naming the metadata's features, then choice and feedback.");

    /// <summary>
    /// AH1004: training log row has the wrong number of cells (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor WrongColumnCount = Create(
        "AH1004", "Training log row has the wrong number of cells", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "The row was skipped; the rest of the log trains the heuristic.");

    /// <summary>
    /// AH1005: training log value is not a number (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor NotANumber = Create(
        "AH1005", "Training log value is not a number", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "A numerical feature or the feedback is not a number; the row was skipped.");

    /// <summary>
    /// AH1006: training log ends with a truncated line (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor TruncatedLastLine = Create(
        "AH1006", "Training log ends with a truncated line", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "The last line has no line break and is incomplete (an interrupted writer); it was skipped.");

    /// <summary>
    /// AH1007: training log value is empty (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor EmptyValue = Create(
        "AH1007", "Training log value is empty", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "An empty cell; the row was skipped, as pandas' group-by drops NaN rows.");

    /// <summary>
    /// AH1008: training logs cannot be merged (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor LogsDisagree = Create(
        "AH1008", "Training logs cannot be merged", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "Logs of one heuristic and hardware merge only when their metadata and header agree (PyTorch's merge_data rule); the later log was left out.");

    /// <summary>
    /// AH1009: training log has no data rows (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor NoDataRows = Create(
        "AH1009", "Training log has no data rows", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "The log has a header but no usable data row.");

    /// <summary>
    /// AH1010: training log encoding note (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor EncodingNote = Create(
        "AH1010", "Training log encoding note", "{0}", LogCategory, DiagnosticSeverity.Info,
        "A byte order mark or CRLF line endings; accepted.");

    /// <summary>
    /// AH1011: training log cannot be read (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor Unreadable = Create(
        "AH1011", "Training log cannot be read", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "The file could not be read.");

    /// <summary>
    /// AH1012: training log has an undeclared column (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor UnknownColumn = Create(
        "AH1012", "Training log has an undeclared column", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "The header has a column that the metadata does not declare; it is ignored.");

    /// <summary>
    /// AH1013: training option does not fit the logs (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor BadOption = Create(
        "AH1013", "Training option does not fit the logs", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "An option (default choice, ranking, …) does not make sense for these logs.");

    /// <summary>
    /// AH1014: training log is not UTF-8 text (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidEncoding = Create(
        "AH1014", "Training log is not UTF-8 text", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "Training logs are UTF-8 (with or without a byte order mark); a UTF-16/32 file, bytes that are not UTF-8, NUL or U+FFFD stop reading and the log is not used.");

    /// <summary>
    /// AH1015: training log line is too long (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor LineTooLong = Create(
        "AH1015", "Training log line is too long", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "A line of 1 MiB or more is not a log row (a damaged or wrong file); reading stopped and the log is not used.");

    /// <summary>
    /// AH1016: training log value holds a quote (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor QuotedValue = Create(
        "AH1016", "Training log value holds a quote", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "Logs are written without quoting and no writer produces a double quote; the row was skipped.");

    /// <summary>
    /// AH1017: training log feedback is not a time (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidFeedback = Create(
        "AH1017", "Training log feedback is not a time", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "NaN, negative and -inf feedback are no measurement (a failed run is written as inf); the row was skipped.");

    /// <summary>
    /// AH1018: training log integer is beyond 2^53 (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor InexactInteger = Create(
        "AH1018", "Training log integer is beyond 2^53", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "A double cannot hold integers beyond 2^53 exactly, so distinct inputs would merge; the row was skipped.");

    /// <summary>
    /// AH1019: every run in the training log failed (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor AllRunsFailed = Create(
        "AH1019", "Every run in the training log failed", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "Every feedback is inf: the log holds no measurement and is not used.");

    /// <summary>
    /// AH1020: inputs whose every choice failed were left out (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor FailedInputs = Create(
        "AH1020", "Inputs whose every choice failed were left out", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "An input whose every choice failed has no winner and carries no decision; such inputs are counted and left out.");

    /// <summary>
    /// AH1021: inputs whose choices all took the same time (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor TiedInputs = Create(
        "AH1021", "Inputs whose choices all took the same time", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "An input whose every measured choice took the same time has no real winner; it is labelled as PyTorch labels it (the first of the tie) and counted. When no input has a real winner, nothing is learned (AH1022).");

    /// <summary>
    /// AH1022: training logs hold no input with a decision (reported by the learning engine's log reader, located in the log).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor NoUsableInput = Create(
        "AH1022", "Training logs hold no input with a decision", "{0}", LogCategory, DiagnosticSeverity.Warning,
        "No input has at least two measured choices and a winner: there is nothing to learn from.");

    /// <summary>
    /// AH2001: the [AutoHeuristic] class is not partial.
    /// <para>Format: "The class '{0}' must be partial so the learned heuristic can be generated into it"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor ClassNotPartial = Create(
        "AH2001", "[AutoHeuristic] class must be partial", "The class '{0}' must be partial so the learned heuristic can be generated into it", DeclarationCategory, DiagnosticSeverity.Error,
        "The generator adds GetDecision and the learned trees to the class; add the partial modifier.", WellKnownDiagnosticTags.NotConfigurable);

    /// <summary>
    /// AH2002: a type containing the [AutoHeuristic] class is not partial.
    /// <para>Format: "The type '{0}' containing the [AutoHeuristic] class '{1}' must be partial"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = Create(
        "AH2002", "Type containing an [AutoHeuristic] class must be partial", "The type '{0}' containing the [AutoHeuristic] class '{1}' must be partial", DeclarationCategory, DiagnosticSeverity.Error,
        "Generated code re-opens every containing type; mark each one partial.", WellKnownDiagnosticTags.NotConfigurable);

    /// <summary>
    /// AH2003: no training log has the heuristic's name.
    /// <para>Format: "No training log named '{0}' is in the project (AdditionalFiles with AutoHeuristicLog=\"true\"); '{1}' always answers unsure"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor NoTrainingLogs = Create(
        "AH2003", "No training log for the heuristic", "No training log named '{0}' is in the project (AdditionalFiles with AutoHeuristicLog=\"true\"); '{1}' always answers unsure", DeclarationCategory, DiagnosticSeverity.Warning,
        "Put the logs under heuristics/ (the default folder) or add them as <AutoHeuristicLog Include=\"...\" />; the name is the \"name\" in the log's first line.");

    /// <summary>
    /// AH2003, when a log's name differs only in case, spaces or '-' for '_'.
    /// <para>Format: "No training log is named '{0}', but '{3}' is named '{2}'; names must match exactly, so '{1}' always answers unsure"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor NoTrainingLogsNearMiss = Create(
        "AH2003", "No training log for the heuristic", "No training log is named '{0}', but '{3}' is named '{2}'; names must match exactly, so '{1}' always answers unsure", DeclarationCategory, DiagnosticSeverity.Warning,
        "Use the name in the log's first line, character for character.");

    /// <summary>
    /// AH2003, when a log seems to have the name but its first line could not be read (AH1002 and friends are reported there).
    /// <para>Format: "The training log '{2}' seems to be for '{0}', but its first line could not be read (see the diagnostic at that line); '{1}' always answers unsure"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor TrainingLogUnreadable = Create(
        "AH2003", "No training log for the heuristic", "The training log '{2}' seems to be for '{0}', but its first line could not be read (see the diagnostic at that line); '{1}' always answers unsure", DeclarationCategory, DiagnosticSeverity.Warning,
        "Fix the log's metadata line; the AH1xxx diagnostic at line 1 of the log says what is wrong.");

    /// <summary>
    /// AH2003, when no readable log has the name and some logs could not be read at all.
    /// <para>Format: "No readable training log is named '{0}'; {2} could not be read (see the diagnostics at their first lines); '{1}' always answers unsure"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor NoReadableTrainingLogs = Create(
        "AH2003", "No training log for the heuristic", "No readable training log is named '{0}'; {2} could not be read (see the diagnostics at their first lines); '{1}' always answers unsure", DeclarationCategory, DiagnosticSeverity.Warning,
        "Fix the logs' metadata lines, or put a log with this name under heuristics/.");

    /// <summary>
    /// AH2004: an [AHOperation] body outside the supported C# subset.
    /// <para>Format: "'{0}' cannot be used in an [AHOperation]: {1}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor UnsupportedOperationExpression = Create(
        "AH2004", "Unsupported expression in an [AHOperation]", "'{0}' cannot be used in an [AHOperation]: {1}", DeclarationCategory, DiagnosticSeverity.Error,
        "The generator evaluates [AHOperation] bodies while training, so they are limited to literals, parameters, arithmetic, comparisons, &&, ||, !, ?:, numeric casts and Math.Abs/Min/Max/Sqrt/Log/Log10/Exp/Pow/Floor/Ceiling.", WellKnownDiagnosticTags.NotConfigurable);

    /// <summary>
    /// AH2005: an [AHOperation] method whose shape is not supported.
    /// <para>Format: "The [AHOperation] method '{0}' is not supported: {1}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidOperationMethod = Create(
        "AH2005", "Unsupported [AHOperation] method", "The [AHOperation] method '{0}' is not supported: {1}", DeclarationCategory, DiagnosticSeverity.Error,
        "An [AHOperation] is a static, expression-bodied, non-generic method of the [AutoHeuristic] class returning bool, int, long or double, whose parameters (bool, int, long, double, string) are named after logged features.", WellKnownDiagnosticTags.NotConfigurable);

    /// <summary>
    /// AH2006: an option value that cannot be used.
    /// <para>Format: "The AutoHeuristic option {0} = '{1}' is invalid ({2}); the default is used"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidOption = Create(
        "AH2006", "Invalid AutoHeuristic option", "The AutoHeuristic option {0} = '{1}' is invalid ({2}); the default is used", DeclarationCategory, DiagnosticSeverity.Warning,
        "Options come from the attribute's properties, else from the MSBuild properties AutoHeuristic<Option>.");

    /// <summary>
    /// AH2007: the class cannot be registered from a module initializer.
    /// <para>Format: "'{0}' is not accessible from its assembly's module initializer, so AutoHeuristicDecision cannot find it; call GetDecision directly or make it internal or public"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor NotRegistered = Create(
        "AH2007", "Heuristic not registered", "'{0}' is not accessible from its assembly's module initializer, so AutoHeuristicDecision cannot find it; call GetDecision directly or make it internal or public", DeclarationCategory, DiagnosticSeverity.Warning,
        "Registration with LearnedHeuristicRegistry happens in a [ModuleInitializer], which needs the class and all its containing types to be internal or public.");

    /// <summary>
    /// AH2008: the heuristic name is empty or the class is generic.
    /// <para>Format: "[AutoHeuristic] on '{0}' cannot be used: {1}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor InvalidTarget = Create(
        "AH2008", "Invalid [AutoHeuristic] declaration", "[AutoHeuristic] on '{0}' cannot be used: {1}", DeclarationCategory, DiagnosticSeverity.Error,
        "The attribute needs a non-empty heuristic name and a non-generic class.", WellKnownDiagnosticTags.NotConfigurable);

    /// <summary>
    /// AH3001: too few distinct inputs to learn from (learning engine problem).
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor TooFewInputs = Create(
        "AH3001", "Too few inputs to learn a heuristic", "{0}", QualityCategory, DiagnosticSeverity.Warning,
        "The logs have too few distinct inputs with at least two measured choices to split into train, validation and test sets; collect more data. The heuristic answers unsure on this hardware.");

    /// <summary>
    /// AH3002: no model of the grid keeps the wrong predictions within the allowed percentage.
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor NoEligibleModel = Create(
        "AH3002", "No model within the allowed wrong percentage", "{0}", QualityCategory, DiagnosticSeverity.Warning,
        "No tree of the grid predicts few enough wrong choices on the validation set; the heuristic answers unsure on this hardware. Collect more data or raise AllowedWrongPercent.");

    /// <summary>
    /// AH3003: the selected model is unsure on a large share of inputs.
    /// <para>Format: "{0}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor ManyUnsure = Create(
        "AH3003", "Learned heuristic is often unsure", "{0}", QualityCategory, DiagnosticSeverity.Info,
        "The selected tree answers unsure on many inputs, where the caller falls back (e.g. benchmarks). More data usually helps.");

    /// <summary>
    /// AH3004: the log set is too large to train during a build.
    /// <para>Format: "'{0}': {1} rows exceed the build-time training budget of {2} rows; the heuristic answers unsure. Train with 'autoheuristic train LOG... --emit-cs FILE' and add FILE to the project instead, or raise the MSBuild property AutoHeuristicMaxBuildRows"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor TooLargeForBuild = Create(
        "AH3004", "Training logs too large for a build", "'{0}': {1} rows exceed the build-time training budget of {2} rows; the heuristic answers unsure. Train with 'autoheuristic train LOG... --emit-cs FILE' and add FILE to the project instead, or raise the MSBuild property AutoHeuristicMaxBuildRows", QualityCategory, DiagnosticSeverity.Warning,
        "Command-line builds are not incremental between dotnet build invocations, so every build would pay for training; the generator refuses to spend minutes per build.");

    /// <summary>
    /// AH3005: training failed unexpectedly.
    /// <para>Format: "Training '{0}' failed: {1}"</para>
    /// </summary>
    public static readonly DiagnosticDescriptor TrainingFailed = Create(
        "AH3005", "Training failed", "Training '{0}' failed: {1}", QualityCategory, DiagnosticSeverity.Warning,
        "An unexpected problem stopped training; the heuristic answers unsure. Please report it with the log.");

    /// <summary>The descriptor for a learning-engine problem code (AH1001–AH1022, AH3001–AH3003), or null for an unknown code.</summary>
    public static DiagnosticDescriptor? ForProblemCode(string code) => code switch
    {
        "AH1001" => EmptyLog,
        "AH1002" => BadMetadata,
        "AH1003" => BadHeader,
        "AH1004" => WrongColumnCount,
        "AH1005" => NotANumber,
        "AH1006" => TruncatedLastLine,
        "AH1007" => EmptyValue,
        "AH1008" => LogsDisagree,
        "AH1009" => NoDataRows,
        "AH1010" => EncodingNote,
        "AH1011" => Unreadable,
        "AH1012" => UnknownColumn,
        "AH1013" => BadOption,
        "AH1014" => InvalidEncoding,
        "AH1015" => LineTooLong,
        "AH1016" => QuotedValue,
        "AH1017" => InvalidFeedback,
        "AH1018" => InexactInteger,
        "AH1019" => AllRunsFailed,
        "AH1020" => FailedInputs,
        "AH1021" => TiedInputs,
        "AH1022" => NoUsableInput,
        "AH3001" => TooFewInputs,
        "AH3002" => NoEligibleModel,
        "AH3003" => ManyUnsure,
        _ => null,
    };

    /// <summary>The documentation page of <paramref name="id"/>.</summary>
    public static string HelpLink(string id) => "https://github.com/autoheuristic/autoheuristic-dotnet/blob/main/docs/diagnostics/" + id + ".md";

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description, params string[] tags) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpLink(id), customTags: tags);
}
