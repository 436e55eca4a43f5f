using System.Collections.Generic;
using System.Text;
using AutoHeuristic.Logs;
using NUnit.Framework;

namespace AutoHeuristic.Core.Tests;

public class JsonTextTests
{
    [Test]
    public void ParsesNestedValuesAndSkipsABom()
    {
        object? root = JsonText.Parse("\uFEFF{\"a\": [1, 2.5, \"x\\u00e9\"], \"b\": {\"c\": true, \"d\": null}}");
        var obj = (Dictionary<string, object?>)root!;
        Assert.That(obj["a"], Is.EqualTo(new List<object?> { 1.0, 2.5, "x\u00e9" }));
        Assert.That(((Dictionary<string, object?>)obj["b"]!)["c"], Is.EqualTo(true));
    }

    [Test]
    public void RepeatedKeysAndDeepNestingAreErrorsWithTheirPosition()
    {
        var ex = Assert.Throws<JsonTextException>(() => JsonText.Parse("{\"a\": 1,\n \"a\": 2}"));
        Assert.That((ex!.Line, ex.Column), Is.EqualTo((2, 2)));
        Assert.That(ex.Message, Does.Contain("appears twice"));
        Assert.Throws<JsonTextException>(() => JsonText.Parse("[[[[1]]]]", maxDepth: 2));
    }

    [Test]
    public void WritesStringsAsPythonJsonDumps()
    {
        var sb = new StringBuilder();
        JsonText.WriteString(sb, "a\"b\\c\n\u00e9");
        Assert.That(sb.ToString(), Is.EqualTo("\"a\\\"b\\\\c\\n\\u00e9\""));
    }

    [Test]
    public void MetadataWithARepeatedKeyIsALogFormatError()
    {
        var ex = Assert.Throws<LogFormatException>(() => LogMetadata.Parse("{\"name\": \"a\", \"name\": \"b\"}"));
        Assert.That(ex!.Line, Is.EqualTo(1));
        Assert.That(ex.Column, Is.EqualTo(15));
    }
}
