using AirspaceSim.Airspaces;
using AirspaceSim.Data;
using AirspaceSim.Geodesy;
using AirspaceSim.Routing;
using AirspaceSim.Spherical;

namespace AirspaceSim.Tests.Routing;

/// <summary>Every public entry point checks its arguments and throws the documented exception type, naming what is
/// wrong (issue 8): no NullReferenceException, no NaN, no ten-minute build.</summary>
[TestFixture]
public class LibraryArgumentTests
{
    private static Airspace Svzm => AirspaceCatalog.Bundled["SVZM"];

    [Test]
    public void Build_NullClosureElement_IsArgumentNullNamingTheIndex()
    {
        var e = Assert.Throws<ArgumentNullException>(() => DetourPlanner.Build([Svzm, null!]))!;
        Assert.That(e.ParamName, Is.EqualTo("closures"));
        Assert.That(e.Message, Does.Contain("closures[1] is null"));
        Assert.Throws<ArgumentNullException>(() => DetourPlanner.Build([null!]));
        Assert.Throws<ArgumentNullException>(() => DetourPlanner.Build(null!));
    }

    [TestCase(100_000)]
    [TestCase(DetourPlanner.MaxCornerSegments + 1)]
    [TestCase(DetourPlanner.MinCornerSegments - 1)]
    [TestCase(0)]
    [TestCase(-64)]
    public void Build_CornerSegmentsOutsideTheBound_IsRejectedAtOnce(int segments)
    {
        // 100,000 segments used to run for over ten minutes.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DetourPlanner.Build([Svzm], new DetourPlannerOptions { BufferNm = 25, CornerSegments = segments }))!;
        Assert.That(e.ParamName, Is.EqualTo("options.CornerSegments"));
        Assert.That(e.Message, Does.Contain("[8, 1024]"));
    }

    [Test]
    public void Build_CornerSegmentsAtTheBound_TightensTheBufferAsStated()
    {
        // Excess of a corner polygon over the buffer circle: d (1/cos(pi/k) - 1); at k = 360 it equals that of the
        // 1-degree strip pieces, d (1/cos(0.5 deg) - 1), which is then the whole bound.
        var square = TestAirspaces.FromLatLon("SQ", (0, 0), (0, 2), (2, 2), (2, 0), (0, 0));
        var coarse = DetourPlanner.Build([square], new DetourPlannerOptions { BufferNm = 25, CornerSegments = DetourPlanner.MinCornerSegments });
        var fine = DetourPlanner.Build([square], new DetourPlannerOptions { BufferNm = 25, CornerSegments = 360 });
        var finest = DetourPlanner.Build([square], new DetourPlannerOptions { BufferNm = 25, CornerSegments = DetourPlanner.MaxCornerSegments });
        double dKm = 25 * Units.MetresPerNm / 1000;
        Assert.That(coarse.BufferOvershootKm, Is.EqualTo(dKm * (1 / Math.Cos(Math.PI / 8) - 1)).Within(1e-3 * dKm));
        Assert.That(fine.BufferOvershootKm, Is.EqualTo(dKm * (1 / Math.Cos(Math.PI / 360) - 1)).Within(1e-3 * fine.BufferOvershootKm));
        Assert.That(fine.BufferOvershootKm, Is.EqualTo(dKm * (1 / Math.Cos(0.5 * Math.PI / 180) - 1)).Within(1e-3 * fine.BufferOvershootKm));
        Assert.That(finest.BufferOvershootKm, Is.EqualTo(fine.BufferOvershootKm).Within(1e-3 * fine.BufferOvershootKm),
            "beyond 360 the strips set the bound");
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(-0.5)]
    [TestCase(600.01)]
    public void Build_BadBuffer_IsArgumentOutOfRange(double bufferNm)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DetourPlanner.Build([Svzm], bufferNm))!;
        Assert.That(e.ParamName, Is.EqualTo("options.BufferNm"));
        Assert.That(e.Message, Does.Contain("[0, 600] NM"));
    }

    [Test]
    public void PlanAll_ChecksItsArguments()
    {
        var planner = DetourPlanner.Build([Svzm]);
        Assert.Throws<ArgumentNullException>(() => planner.PlanAll(null!));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => planner.PlanAll([(new GeoPoint(0, 0), new GeoPoint(1, 1))], 0))!;
        Assert.That(e.ParamName, Is.EqualTo("maxDegreeOfParallelism"));
        Assert.Throws<ArgumentOutOfRangeException>(() => planner.PlanAll([], -2));
        Assert.That(planner.PlanAll([(new GeoPoint(0, 0), new GeoPoint(1, 1))], 1), Has.Count.EqualTo(1));
        Assert.Throws<ArgumentException>(() => planner.Plan(new GeoPoint(0, 0), new GeoPoint(0, 180)));
    }

    [Test]
    public void Lookups_RejectNull()
    {
        Assert.Throws<ArgumentNullException>(() => AirspaceCatalog.Bundled.TryGet(null!, out _));
        Assert.Throws<ArgumentNullException>(() => _ = AirspaceCatalog.Bundled[null!]);
        Assert.Throws<ArgumentNullException>(() => AirspaceCatalog.Bundled.CloseMatches(null!));
        Assert.Throws<KeyNotFoundException>(() => _ = AirspaceCatalog.Bundled["NOPE"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => AirspaceCatalog.Bundled.CloseMatches("SVZ", -1));
        Assert.Throws<ArgumentNullException>(() => AirportDirectory.Bundled.TryGet(null!, out _));
        Assert.Throws<ArgumentNullException>(() => _ = AirportDirectory.Bundled[null!]);
        Assert.Throws<ArgumentNullException>(() => AirportDirectory.Bundled.Resolve(null!));
        Assert.Throws<KeyNotFoundException>(() => _ = AirportDirectory.Bundled["NOPE"]);
        Assert.Throws<FormatException>(() => AirportDirectory.Bundled.Resolve("1,2,3"));
        Assert.Throws<FormatException>(() => AirportDirectory.Bundled.Resolve(" "));
        Assert.Throws<ArgumentNullException>(() => GeoPoint.Parse(null!));
        Assert.Throws<FormatException>(() => GeoPoint.Parse("1;2"));
    }

    [Test]
    public void Sphere_ChecksItsArguments()
    {
        var a = new GeoPoint(0, 0); var b = new GeoPoint(0, 180);
        Assert.Throws<ArgumentException>(() => Sphere.Intermediate(a, b, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sphere.Intermediate(a, new GeoPoint(1, 1), double.NaN));
        var va = Vec3.FromGeo(a);
        Assert.Throws<ArgumentException>(() => Sphere.Intermediate(va, va, 0.5), "equal vectors gave NaN");
        Assert.Throws<ArgumentException>(() => Sphere.Intermediate(va, -va, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sphere.Intermediate(va, Vec3.FromGeo(new GeoPoint(1, 1)), double.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sphere.Destination(a, double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sphere.Destination(a, 0, double.NegativeInfinity));
        Assert.Throws<ArgumentException>(() => Sphere.CrossTrackKm(a, a, new GeoPoint(1, 1)));
        Assert.Throws<ArgumentException>(() => GreatCircle.Densify(a, b, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => GreatCircle.Densify(a, new GeoPoint(1, 1), 0));
    }
}
