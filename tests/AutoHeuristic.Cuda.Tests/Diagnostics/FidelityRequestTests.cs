using System;
using AutoHeuristic.Cuda.Diagnostics;
using NUnit.Framework;

namespace AutoHeuristic.Cuda.Tests.Diagnostics;

public class FidelityRequestTests
{
    [Test]
    public void Parses_dimensions_and_preset()
    {
        Assert.That(FidelityRequest.Parse("4096 4095 4104 default"), Is.EqualTo(new FidelityRequest(4096, 4095, 4104, false)));
        Assert.That(FidelityRequest.Parse("  32768\t32768 16384   collection "), Is.EqualTo(new FidelityRequest(32768, 32768, 16384, true)));
    }

    [TestCase("4096 4096 4096", "expected 'M N K PRESET'")]
    [TestCase("4096 0 4096 default", "N '0' is not a positive integer")]
    [TestCase("4096 4096 -5 default", "K '-5' is not a positive integer")]
    [TestCase("4k 4096 4096 default", "M '4k' is not a positive integer")]
    [TestCase("16 4096 4096 fast", "unknown preset 'fast'")]
    public void Names_what_is_wrong(string line, string message)
    {
        Assert.That(() => FidelityRequest.Parse(line), Throws.InstanceOf<FormatException>().With.Message.Contains(message));
    }
}
