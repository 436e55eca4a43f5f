namespace AutoHeuristic.Hostile.Tests.Corpus;

/// <summary>What a tool made of a log.</summary>
public enum Verdict
{
    /// <summary>Used as is, nothing to say (informational notes allowed).</summary>
    Ok,

    /// <summary>Used, with a located warning for what was skipped or doubtful.</summary>
    Warned,

    /// <summary>Not used, with a clear located error (the generator: no tree, a warning saying why).</summary>
    CleanError,

    /// <summary>An exception, a stack trace, an internal-error exit code or generated code that does not compile.</summary>
    Crash,

    /// <summary>Used as is without a word although the log is broken.</summary>
    SilentWrong,
}

/// <summary>The three tools every log passes through.</summary>
public enum Tool
{
    /// <summary><c>LogReader.Parse</c> and the trainer (the library the CLI and the generator share).</summary>
    Reader,

    /// <summary><c>autoheuristic train LOG</c>, in process.</summary>
    Cli,

    /// <summary>The source generator on an <c>[AutoHeuristic]</c> class, its output compiled.</summary>
    Generator,
}
