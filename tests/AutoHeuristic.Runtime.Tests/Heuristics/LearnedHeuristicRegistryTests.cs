using System;
using System.Collections.Generic;
using AutoHeuristic.Hardware;
using NUnit.Framework;

namespace AutoHeuristic.Tests.Heuristics;

public sealed class LearnedHeuristicRegistryTests
{
    [Test]
    public void Registers_in_order_ignores_duplicates_and_unregisters()
    {
        string name = "registry_test_" + Guid.NewGuid().ToString("N");
        var first = new NamedHeuristic(name);
        var second = new NamedHeuristic(name);
        int version = LearnedHeuristicRegistry.Version;
        LearnedHeuristicRegistry.Register(first);
        LearnedHeuristicRegistry.Register(second);
        LearnedHeuristicRegistry.Register(first);
        try
        {
            Assert.That(LearnedHeuristicRegistry.ForName(name), Is.EqualTo(new[] { first, second }));
            Assert.That(LearnedHeuristicRegistry.Names, Does.Contain(name));
            Assert.That(LearnedHeuristicRegistry.Version, Is.GreaterThan(version));
        }
        finally
        {
            Assert.That(LearnedHeuristicRegistry.Unregister(first), Is.True);
            Assert.That(LearnedHeuristicRegistry.Unregister(second), Is.True);
        }

        Assert.That(LearnedHeuristicRegistry.ForName(name), Is.Empty);
        Assert.That(LearnedHeuristicRegistry.Unregister(first), Is.False);
    }

    [Test]
    public void Module_initializers_register_before_first_use()
    {
        // ModuleInitializerRegistration below ran when this assembly loaded, as generated code does.
        Assert.That(LearnedHeuristicRegistry.ForName(ModuleInitializerRegistration.Name), Has.Count.EqualTo(1));
    }

    [Test]
    public void Unnamed_heuristic_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LearnedHeuristicRegistry.Register(new NamedHeuristic("")));
        Assert.Throws<ArgumentNullException>(() => LearnedHeuristicRegistry.Register(null!));
    }

    private sealed class NamedHeuristic(string name) : ILearnedHeuristic
    {
        public string Name => name;
        public IReadOnlyList<string> Choices => new[] { "a" };
        public double ConfidenceThreshold => 0;
        public bool CheckPrecondition(AHMetadata metadata, AHContext context) => true;
        public ChoiceProbability[]? GetBestChoices(AHContext context) => null;
    }

    internal static class ModuleInitializerRegistration
    {
        public const string Name = "registered_by_module_initializer";

        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void Register() => LearnedHeuristicRegistry.Register(new NamedHeuristic(Name));
    }
}
