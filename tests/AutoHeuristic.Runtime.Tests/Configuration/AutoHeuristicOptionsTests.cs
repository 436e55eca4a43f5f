using System;
using System.Collections.Generic;
using System.IO;
using AutoHeuristic.Tests.Support;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Configuration;

public sealed class AutoHeuristicOptionsTests
{
    private static AutoHeuristicOptions From(params (string Name, string Value)[] variables)
    {
        var env = new Dictionary<string, string>();
        foreach (var (name, value) in variables) env[name] = value;
        return AutoHeuristicOptions.FromEnvironment(n => env.TryGetValue(n, out string? v) ? v : null);
    }

    [Test]
    public void Comma_lists_are_trimmed_and_combined_per_name()
    {
        AutoHeuristicOptions options = From(("AUTOHEURISTIC_COLLECT", " pad_mm , mm,,"), ("AUTOHEURISTIC_USE", "mm ,mixed_mm"));
        Assert.That(options.GetMode("pad_mm"), Is.EqualTo(AutoHeuristicMode.Collect));
        Assert.That(options.GetMode("mm"), Is.EqualTo(AutoHeuristicMode.CollectAndUse));
        Assert.That(options.GetMode("mixed_mm"), Is.EqualTo(AutoHeuristicMode.Use));
        Assert.That(options.GetMode("other"), Is.EqualTo(AutoHeuristicMode.Off));
        Assert.That(options.GetMode("pad"), Is.EqualTo(AutoHeuristicMode.Off), "exact token match, no prefixes");
    }

    [Test]
    public void Pytorch_names_are_aliases_and_ours_win()
    {
        AutoHeuristicOptions alias = From(("TORCHINDUCTOR_AUTOHEURISTIC_COLLECT", "pad_mm"), ("TORCHINDUCTOR_AUTOHEURISTIC_USE", "mm"),
            ("TORCHINDUCTOR_AUTOHEURISTIC_LOG_PATH", "/tmp/x.txt"), ("TORCHINDUCTOR_CACHE_DIR", "/tmp/cache"));
        Assert.That(alias.IsCollecting("pad_mm"), Is.True);
        Assert.That(alias.IsUsing("mm"), Is.True);
        Assert.That(alias.LogPath, Is.EqualTo("/tmp/x.txt"));
        Assert.That(alias.CacheDirectory, Is.EqualTo("/tmp/cache"));

        AutoHeuristicOptions both = From(("TORCHINDUCTOR_AUTOHEURISTIC_USE", "mm"), ("AUTOHEURISTIC_USE", "pad_mm"));
        Assert.That(both.IsUsing("pad_mm"), Is.True);
        Assert.That(both.IsUsing("mm"), Is.False);

        AutoHeuristicOptions emptyOurs = From(("TORCHINDUCTOR_AUTOHEURISTIC_USE", "mm"), ("AUTOHEURISTIC_USE", ""));
        Assert.That(emptyOurs.IsUsing("mm"), Is.False, "a set (even empty) variable of ours overrides the alias");
    }

    [Test]
    public void Star_means_every_name_and_explicit_modes_override_it()
    {
        AutoHeuristicOptions options = From(("AUTOHEURISTIC_USE", "*"));
        Assert.That(options.IsUsing("anything"), Is.True);
        options.SetMode("pad_mm", AutoHeuristicMode.Collect);
        Assert.That(options.GetMode("pad_mm"), Is.EqualTo(AutoHeuristicMode.Collect));
        Assert.That(options.GetMode("mm"), Is.EqualTo(AutoHeuristicMode.Use));
    }

    [Test]
    public void Programmatic_options_override_the_environment()
    {
        AutoHeuristicOptions options = From(("AUTOHEURISTIC_COLLECT", "pad_mm")).SetMode("pad_mm", AutoHeuristicMode.Off);
        Assert.That(options.GetMode("pad_mm"), Is.EqualTo(AutoHeuristicMode.Off));
        Assert.That(new AutoHeuristicOptions().GetMode("pad_mm"), Is.EqualTo(AutoHeuristicMode.Off), "fresh options read no environment");
    }

    [Test]
    public void Default_log_path_is_cache_dir_autoheuristic_device_name()
    {
        var options = new AutoHeuristicOptions { CacheDirectory = "/cache" };
        HardwareInfo h100 = FixedHardware.H100.GetHardwareInfo();
        string expected = Path.Combine("/cache", "autoheuristic", "NVIDIA_H100_80GB_HBM3", "pad_mm.txt");
        Assert.That(options.GetLogPath("pad_mm", h100), Is.EqualTo(expected));
        options.LogPath = "DEFAULT";
        Assert.That(options.GetLogPath("pad_mm", h100), Is.EqualTo(expected));
        options.LogPath = "/data/ah_data.txt";
        Assert.That(options.GetLogPath("pad_mm", h100), Is.EqualTo("/data/ah_data.txt"), "verbatim, as in PyTorch");
        options.LogPath = "/data/{name}.txt";
        Assert.That(options.GetLogPath("mm", h100), Is.EqualTo("/data/mm.txt"));
        Assert.That(new AutoHeuristicOptions().GetLogPath("mm", HardwareInfo.None),
            Does.StartWith(Path.GetTempPath()).And.EndWith(Path.Combine("autoheuristic", "cpu", "mm.txt")));
    }

    [Test]
    public void Hardware_provider_defaults_to_driver_detection()
    {
        Assert.That(HardwareInfoProvider.Default, Is.SameAs(DetectedHardwareInfoProvider.Instance));
        HardwareDetection detection = DetectedHardwareInfoProvider.Instance.Detection;
        Assert.That(HardwareInfoProvider.Default.GetHardwareInfo(), Is.SameAs(detection.Hardware));
        if (detection.Source == HardwareSource.NotFound) Assert.That(detection.Hardware, Is.EqualTo(HardwareInfo.None), detection.Reason);
        Assert.That(HardwareInfo.None.SharedMemory, Is.Zero);
        Assert.That(new AutoHeuristicOptions().ResolveHardwareInfoProvider(), Is.SameAs(HardwareInfoProvider.Default));
        Assert.That(new AutoHeuristicOptions { HardwareInfoProvider = FixedHardware.A100 }.ResolveHardwareInfoProvider(), Is.SameAs(FixedHardware.A100));
    }

    [Test]
    public void Process_environment_and_current_options_are_used_when_none_are_given()
    {
        string name = Names.Unique("env");
        string? before = System.Environment.GetEnvironmentVariable("AUTOHEURISTIC_USE");
        AutoHeuristicOptions previous = AutoHeuristicOptions.Current;
        try
        {
            System.Environment.SetEnvironmentVariable("AUTOHEURISTIC_USE", "other, " + name);
            AutoHeuristicOptions.Current = AutoHeuristicOptions.FromEnvironment();
            var context = new AHContext();
            context.AddFeature("x", 1);
            var decision = new AutoHeuristicDecision(() => "fb", new[] { "a" }, null, context, name);
            Assert.That(decision.Mode, Is.EqualTo(AutoHeuristicMode.Use));
            Assert.That(decision.Options, Is.SameAs(AutoHeuristicOptions.Current));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("AUTOHEURISTIC_USE", before);
            AutoHeuristicOptions.Current = previous;
        }
    }

    [Test]
    public void Bad_modes_are_rejected()
    {
        Assert.That(() => new AutoHeuristicOptions().SetMode(" ", AutoHeuristicMode.Use), Throws.ArgumentException);
        Assert.That(() => new AutoHeuristicOptions().SetMode("x", (AutoHeuristicMode)8), Throws.InstanceOf<System.ArgumentOutOfRangeException>());
    }

    [Test]
    public void Log_lock_timeout_and_strict_logging_default_to_two_seconds_and_off()
    {
        AutoHeuristicOptions options = From();
        Assert.That(options.LogLockTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(options.StrictLogging, Is.False);
        Assert.That(new AutoHeuristicOptions().LogLockTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.LogLockTimeout = TimeSpan.FromSeconds(-1));
    }

    [TestCase("0.5", 0.5)]
    [TestCase(" 10 ", 10.0)]
    [TestCase("0", 0.0)]
    public void Log_lock_timeout_is_read_in_seconds(string text, double seconds) =>
        Assert.That(From(("AUTOHEURISTIC_LOG_LOCK_TIMEOUT", text)).LogLockTimeout, Is.EqualTo(TimeSpan.FromSeconds(seconds)));

    [TestCase("1", true)]
    [TestCase("TRUE", true)]
    [TestCase("on", true)]
    [TestCase("0", false)]
    [TestCase("off", false)]
    [TestCase("", false)]
    public void Strict_logging_is_a_switch(string text, bool strict) =>
        Assert.That(From(("AUTOHEURISTIC_LOG_STRICT", text)).StrictLogging, Is.EqualTo(strict));

    [Test]
    public void Bad_log_settings_in_the_environment_fall_back_with_a_warning_instead_of_throwing()
    {
        using var watch = new LogFaultWatch(Names.Unique("env"));
        AutoHeuristicOptions options = From(("AUTOHEURISTIC_LOG_LOCK_TIMEOUT", "2s"), ("AUTOHEURISTIC_LOG_STRICT", "maybe"));
        Assert.That(options.LogLockTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(options.StrictLogging, Is.False);
        Assert.That(watch.Warnings, Is.EqualTo(new[]
        {
            "AutoHeuristic warning: AUTOHEURISTIC_LOG_LOCK_TIMEOUT='2s' is not a number of seconds between 0 and 86400; using 2 s.",
            "AutoHeuristic warning: AUTOHEURISTIC_LOG_STRICT='maybe' is not 1/true/yes/on or 0/false/no/off; strict logging stays off.",
        }));
    }
}
