using AirspaceSim.Airspaces;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;

namespace AirspaceSim.Tests.Airspaces;

/// <summary>Every free-text reason has a code beside it: callers branch on the code, not on the words.</summary>
public class ReasonCodeTests
{
    private static string Feature(string coords, string id = "X") =>
        $$$"""{"type":"Feature","properties":{"id":"{{{id}}}"},"geometry":{"type":"Polygon","coordinates":{{{coords}}}}}""";

    [TestCase("[[[-70,10],[-68,10],[-68,12],[-70,12]]]", AirspaceProblem.UnclosedRing, true)]
    [TestCase("[[[-70,10],[-68,10],[-68,10],[-68,12],[-70,12],[-70,10]]]", AirspaceProblem.RepeatedPoint, true)]
    [TestCase("[[[-70,10],[-68,10],[-68,12],[-67,13],[-68,12],[-70,12],[-70,10]]]", AirspaceProblem.Spike, true)]
    [TestCase("[[[-70,10],[-68,95],[-68,12],[-70,10]]]", AirspaceProblem.OutOfRange, false)]
    [TestCase("[[[-70,10],[-68,10],[-70,10]]]", AirspaceProblem.TooFewPoints, false)]
    [TestCase("[[[-70,10],[-68,12],[-68,10],[-70,12],[-70,10]]]", AirspaceProblem.SelfCrossing, false)]
    [TestCase("[[[-70,10],[\"abc\",10],[-68,12],[-70,10]]]", AirspaceProblem.Structure, false)]
    public void LoadIssues_CarryTheirProblemCode_LenientAndStrict(string coords, AirspaceProblem problem, bool repaired)
    {
        var issue = AirspaceLoader.ParseGeoJson(Feature(coords)).Issues.Single();
        Assert.That((issue.Problem, issue.Repaired), Is.EqualTo((problem, repaired)), issue.Message);
        var e = Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParseGeoJson(Feature(coords), AirspaceLoadOptions.StrictDefault))!;
        Assert.That(e.Problem, Is.EqualTo(problem), e.Message);
    }

    [Test]
    public void FileProblems_CarryTheirCode()
    {
        Assert.That(Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.ParseGeoJson("{ nope"))!.Problem, Is.EqualTo(AirspaceProblem.Syntax));
        var dup = AirspaceLoader.ParseGeoJson($$"""{"type":"FeatureCollection","features":[{{Feature("[[[-70,10],[-68,10],[-68,12],[-70,10]]]")}},{{Feature("[[[-60,10],[-58,10],[-58,12],[-60,10]]]")}}]}""");
        Assert.That(dup.Issues.Single().Problem, Is.EqualTo(AirspaceProblem.DuplicateId));
        Assert.That(Assert.Throws<AirspaceFormatException>(() => AirspaceLoader.LoadWkt("POINT (1 2)", "P"))!.Problem, Is.EqualTo(AirspaceProblem.UnsupportedGeometry));
    }

    [Test]
    public void UnreachablePlans_SayWhyAsACode()
    {
        // A frame (a square with a square hole): inside the hole is free but enclosed.
        var frame = AirspaceLoader.ParsePolygonStrict("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 3 7, 7 7, 7 3, 3 3))", "FRAME");
        var planner = DetourPlanner.Build([frame]);
        GeoPoint outside = new(20, 20), inFrame = new(1, 5), inHole = new(5, 5);
        Assert.That(planner.Plan(outside, new GeoPoint(20, 25)).ReasonCode, Is.EqualTo(UnreachableReason.None));
        Assert.That(planner.Plan(inFrame, outside).ReasonCode, Is.EqualTo(UnreachableReason.OriginInside));
        Assert.That(planner.Plan(outside, inFrame).ReasonCode, Is.EqualTo(UnreachableReason.DestinationInside));
        var enclosed = planner.Plan(inHole, outside);
        Assert.That((enclosed.Status, enclosed.ReasonCode), Is.EqualTo((RouteStatus.Unreachable, UnreachableReason.Enclosed)), enclosed.Reason);
    }
}
