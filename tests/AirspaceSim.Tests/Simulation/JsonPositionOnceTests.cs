using System.Text;
using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>
/// Issue 8, "JSON errors that give the position twice in two numbering schemes": a JSON syntax error in a scenario or a
/// Monte Carlo partial says its position once, 1-based (file:line:column), without System.Text.Json's 0-based
/// "LineNumber: l | BytePositionInLine: b" (which it appends without a " Path:" part at the top level, so it survived).
/// </summary>
public class JsonPositionOnceTests
{
    [TestCase("{\"name\":\"x\",\n \"flights\": [1,}\n", 2, 16)]
    [TestCase("{\"name\": tru}", 1, 13)]
    [TestCase("[1 2]", 1, 4)]
    public void SyntaxErrorSaysItsPositionOnce(string json, int line, int column)
    {
        var e = Assert.Throws<ScenarioFormatException>(() => ScenarioJson.Parse(json, "s.json"))!;
        Assert.That((e.Line, e.Column, e.ProblemCode), Is.EqualTo((line, column, ScenarioProblem.InvalidJson)));
        Assert.That(e.Message, Does.StartWith($"s.json:{line}:{column}: "));
        Assert.That(e.Message, Does.Not.Contain("LineNumber").And.Not.Contain("BytePosition"));
        var p = Assert.Throws<ScenarioFormatException>(() => MonteCarloReport.ReadPartial(Encoding.UTF8.GetBytes(json), "p.json"))!;
        Assert.That(p.Message, Does.StartWith($"p.json:{line}:{column}: ").And.Not.Contain("LineNumber"));
    }
}
