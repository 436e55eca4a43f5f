using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;

namespace AutoHeuristic;

/// <summary>What AutoHeuristic does for one heuristic name.</summary>
[Flags]
public enum AutoHeuristicMode
{
    /// <summary>Neither collect nor use.</summary>
    Off = 0,
    /// <summary>Time the choices and append rows to the log.</summary>
    Collect = 1,
    /// <summary>Ask the learned heuristic.</summary>
    Use = 2,
    /// <summary>Both.</summary>
    CollectAndUse = Collect | Use,
}

/// <summary>
/// Programmatic configuration; overrides the environment (<c>AUTOHEURISTIC_COLLECT</c>,
/// <c>AUTOHEURISTIC_USE</c>, <c>AUTOHEURISTIC_LOG_PATH</c>, <c>AUTOHEURISTIC_CACHE_DIR</c>,
/// <c>AUTOHEURISTIC_LOG_LOCK_TIMEOUT</c>, <c>AUTOHEURISTIC_LOG_STRICT</c> and PyTorch's
/// <c>TORCHINDUCTOR_AUTOHEURISTIC_*</c> aliases).
/// </summary>
/// <remarks>
/// <para><c>new AutoHeuristicOptions()</c> starts with every name off and reads no environment;
/// <see cref="FromEnvironment()"/> starts from the environment, and <see cref="SetMode"/>
/// then overrides single names. Decisions that are given no options use <see cref="Current"/>,
/// which is read from the environment on first use.</para>
/// <para>Name lists are comma separated; each token is trimmed (PyTorch does not trim) and
/// empty tokens are ignored. The token <c>*</c> stands for every name. When both our variable
/// and PyTorch's alias are set, ours wins.</para>
/// <para>Configure an instance before handing it to decisions; it is not meant to be changed
/// while decisions read it.</para>
/// </remarks>
public sealed partial class AutoHeuristicOptions
{
    /// <summary>Comma list of heuristic names to collect data for.</summary>
    public const string CollectVariable = "AUTOHEURISTIC_COLLECT";

    /// <summary>Comma list of heuristic names whose learned heuristic is used.</summary>
    public const string UseVariable = "AUTOHEURISTIC_USE";

    /// <summary>Log file path for every name; empty or <c>DEFAULT</c> means the default path.</summary>
    public const string LogPathVariable = "AUTOHEURISTIC_LOG_PATH";

    /// <summary>The cache folder the default log path lives under.</summary>
    public const string CacheDirectoryVariable = "AUTOHEURISTIC_CACHE_DIR";

    /// <summary>PyTorch's alias of <see cref="CollectVariable"/>.</summary>
    public const string TorchCollectVariable = "TORCHINDUCTOR_AUTOHEURISTIC_COLLECT";

    /// <summary>PyTorch's alias of <see cref="UseVariable"/>.</summary>
    public const string TorchUseVariable = "TORCHINDUCTOR_AUTOHEURISTIC_USE";

    /// <summary>PyTorch's alias of <see cref="LogPathVariable"/>.</summary>
    public const string TorchLogPathVariable = "TORCHINDUCTOR_AUTOHEURISTIC_LOG_PATH";

    /// <summary>PyTorch's alias of <see cref="CacheDirectoryVariable"/> (Inductor's cache folder).</summary>
    public const string TorchCacheDirectoryVariable = "TORCHINDUCTOR_CACHE_DIR";

    /// <summary>Seconds an append waits for another writer of the log (see <see cref="LogLockTimeout"/>).</summary>
    public const string LogLockTimeoutVariable = "AUTOHEURISTIC_LOG_LOCK_TIMEOUT";

    /// <summary><c>1</c> (or <c>true</c>, <c>yes</c>, <c>on</c>) makes log faults throw (see <see cref="StrictLogging"/>).</summary>
    public const string LogStrictVariable = "AUTOHEURISTIC_LOG_STRICT";

    /// <summary>The token that stands for every heuristic name.</summary>
    public const string AllNames = "*";

    private static AutoHeuristicOptions? _current;
    private TimeSpan _logLockTimeout = DefaultLogLockTimeout;
    private readonly Dictionary<string, AutoHeuristicMode> _modes = new(StringComparer.Ordinal);

    /// <summary>Creates options with every name off, the default log path and the default hardware provider.</summary>
    public AutoHeuristicOptions()
    {
    }

    /// <summary>
    /// The options used by decisions that are given none: read from the environment on first
    /// use; assign to replace them for the whole process.
    /// </summary>
    public static AutoHeuristicOptions Current
    {
        get
        {
            AutoHeuristicOptions? current = Volatile.Read(ref _current);
            if (current is not null) return current;
            Interlocked.CompareExchange(ref _current, FromEnvironment(), null);
            return _current!;
        }
        set => Volatile.Write(ref _current, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// The log path for every name (PyTorch's <c>autoheuristic_log_path</c>): null, empty or
    /// <c>DEFAULT</c> means <see cref="GetDefaultLogPath"/>; <c>{name}</c> in the path is replaced
    /// by the heuristic name; any other text is used verbatim.
    /// </summary>
    public string? LogPath { get; set; }

    /// <summary>The cache folder for the default log path; null means <see cref="DefaultCacheDirectory"/>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>The lock timeout when none is configured: 2 s (an append holds the lock for microseconds).</summary>
    public static TimeSpan DefaultLogLockTimeout { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a decision's append waits for another writer holding the log before it gives up
    /// (a <see cref="LogFaultKind.LockTimeout"/> fault). Default <see cref="DefaultLogLockTimeout"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or longer than a day.</exception>
    public TimeSpan LogLockTimeout
    {
        get => _logLockTimeout;
        set
        {
            if (value < TimeSpan.Zero || value > TimeSpan.FromDays(1)) throw new ArgumentOutOfRangeException(nameof(value), value, "The log lock timeout must be between 0 and one day.");
            _logLockTimeout = value;
        }
    }

    /// <summary>
    /// Whether a log fault in collect mode throws out of the decision (and the autotuner run that
    /// publishes to it). Off by default: the fault is counted (<see cref="AutoHeuristicCounters.LogFaults"/>),
    /// raised (<see cref="AutoHeuristicStatistics.LogFault"/>) and warned about once per process on
    /// standard error, and the decision returns its choice as it would without logging. Dedicated
    /// collection runs, where a missing log is the whole failure, turn it on.
    /// </summary>
    public bool StrictLogging { get; set; }

    /// <summary>The hardware provider; null means <see cref="AutoHeuristic.HardwareInfoProvider.Default"/>.</summary>
    public IHardwareInfoProvider? HardwareInfoProvider { get; set; }

    /// <summary>The names with an explicit mode, including <c>*</c> when set.</summary>
    public IReadOnlyDictionary<string, AutoHeuristicMode> Modes => _modes;

    /// <summary>Reads the options from the process environment.</summary>
    public static AutoHeuristicOptions FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Reads the options from <paramref name="getVariable"/> (a variable name to its value or null).</summary>
    public static AutoHeuristicOptions FromEnvironment(Func<string, string?> getVariable)
    {
        if (getVariable is null) throw new ArgumentNullException(nameof(getVariable));
        var options = new AutoHeuristicOptions();
        options.AddMode(Either(getVariable, CollectVariable, TorchCollectVariable), AutoHeuristicMode.Collect);
        options.AddMode(Either(getVariable, UseVariable, TorchUseVariable), AutoHeuristicMode.Use);
        options.LogPath = Either(getVariable, LogPathVariable, TorchLogPathVariable);
        string? cache = Either(getVariable, CacheDirectoryVariable, TorchCacheDirectoryVariable);
        options.CacheDirectory = string.IsNullOrWhiteSpace(cache) ? null : cache;
        options.LogLockTimeout = ParseSeconds(getVariable(LogLockTimeoutVariable)) ?? DefaultLogLockTimeout;
        options.StrictLogging = ParseSwitch(getVariable(LogStrictVariable));
        return options;
    }

    /// <summary>Splits a comma list of names, trimming each and dropping empty ones.</summary>
    public static IReadOnlyList<string> ParseNameList(string? text)
    {
        var names = new List<string>();
        if (string.IsNullOrEmpty(text)) return names;
        foreach (string token in text!.Split(','))
        {
            string name = token.Trim();
            if (name.Length > 0 && !names.Contains(name)) names.Add(name);
        }

        return names;
    }

    /// <summary>Sets the mode of one name (or of every name without an explicit mode, with <c>*</c>). Returns this for chaining.</summary>
    public AutoHeuristicOptions SetMode(string name, AutoHeuristicMode mode)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A heuristic name is required.", nameof(name));
        if ((mode & ~AutoHeuristicMode.CollectAndUse) != 0) throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode.");
        _modes[name.Trim()] = mode;
        return this;
    }

    /// <summary>The mode of <paramref name="name"/>: its explicit mode, else the <c>*</c> mode, else off.</summary>
    public AutoHeuristicMode GetMode(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (_modes.TryGetValue(name, out AutoHeuristicMode mode)) return mode;
        return _modes.TryGetValue(AllNames, out mode) ? mode : AutoHeuristicMode.Off;
    }

    /// <summary>Whether data is collected for <paramref name="name"/>.</summary>
    public bool IsCollecting(string name) => (GetMode(name) & AutoHeuristicMode.Collect) != 0;

    /// <summary>Whether the learned heuristic of <paramref name="name"/> is used.</summary>
    public bool IsUsing(string name) => (GetMode(name) & AutoHeuristicMode.Use) != 0;

    /// <summary>The hardware provider in effect.</summary>
    public IHardwareInfoProvider ResolveHardwareInfoProvider() => HardwareInfoProvider ?? AutoHeuristic.HardwareInfoProvider.Default;

    /// <summary>
    /// The log file of <paramref name="name"/>: <see cref="LogPath"/> when set, otherwise
    /// <c>&lt;cache dir&gt;/autoheuristic/&lt;device name with _&gt;/&lt;name&gt;.txt</c>.
    /// Folders are created by the log writer, not here.
    /// </summary>
    public string GetLogPath(string name, HardwareInfo hardware)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        if (hardware is null) throw new ArgumentNullException(nameof(hardware));
        string? configured = LogPath?.Trim();
        if (string.IsNullOrEmpty(configured) || configured == "DEFAULT") return GetDefaultLogPath(name, hardware);
        return configured!.Replace("{name}", name);
    }

    /// <summary>PyTorch's default: <c>&lt;cache dir&gt;/autoheuristic/&lt;device name with _&gt;/&lt;name&gt;.txt</c>.</summary>
    public string GetDefaultLogPath(string name, HardwareInfo hardware) =>
        Path.Combine(CacheDirectory ?? DefaultCacheDirectory, "autoheuristic", hardware.DeviceIdentifier, name + ".txt");

    /// <summary>The cache folder when none is configured: <c>autoheuristic_&lt;user&gt;</c> in the temp folder.</summary>
    public static string DefaultCacheDirectory => DefaultCache.Value;

    // Reading the user name costs a passwd lookup on Unix; do it once.
    private static readonly Lazy<string> DefaultCache = new(() =>
    {
        string user = Environment.UserName;
        var safe = new char[user.Length];
        for (int i = 0; i < user.Length; i++) safe[i] = char.IsLetterOrDigit(user[i]) || user[i] == '-' || user[i] == '_' ? user[i] : '_';
        return Path.Combine(Path.GetTempPath(), "autoheuristic_" + new string(safe));
    });

    // Adds `mode` to the explicit mode of every name in a comma list (a name in both variables gets both).
    private void AddMode(string? nameList, AutoHeuristicMode mode)
    {
        foreach (string name in ParseNameList(nameList))
        {
            SetMode(name, (_modes.TryGetValue(name, out AutoHeuristicMode current) ? current : AutoHeuristicMode.Off) | mode);
        }
    }

    // Seconds as an invariant number in [0, 1 day]; null (default) when unset; a bad value is warned about, not thrown:
    // a typo in the environment must not stop the host at its first decision.
    private static TimeSpan? ParseSeconds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 0 && seconds <= TimeSpan.FromDays(1).TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        LogFaultReporter.Warn($"{LogLockTimeoutVariable}='{text}' is not a number of seconds between 0 and 86400; using {DefaultLogLockTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        return null;
    }

    // 1/true/yes/on and 0/false/no/off (any case); anything else is warned about and counts as off.
    private static bool ParseSwitch(string? text)
    {
        string value = (text ?? string.Empty).Trim().ToLowerInvariant();
        switch (value)
        {
            case "1": case "true": case "yes": case "on": return true;
            case "": case "0": case "false": case "no": case "off": return false;
            default:
                LogFaultReporter.Warn($"{LogStrictVariable}='{text}' is not 1/true/yes/on or 0/false/no/off; strict logging stays off.");
                return false;
        }
    }

    private static string? Either(Func<string, string?> getVariable, string primary, string alias) => getVariable(primary) ?? getVariable(alias);
}
