using AirspaceSim.Performance;

namespace AirspaceSim.Tests.Performance;

public class PollSchumannTests
{
    private static readonly AircraftType A320 = AircraftCatalog.Bundled["A320"];

    // The check values of ps-model/README.md: A320, Mach 0.753, 58,800 kg, level flight, LHV 43 MJ/kg, each within
    // the rounding it is given to (half a unit of the last digit).
    [TestCase(340.0, 220.79, 0.475, 0.0285, 34.64, 0.3046, 0.593)]
    [TestCase(414.5, 216.65, 0.679, 0.0402, 34.16, 0.3053, 0.578)]
    public void MeetsThePublishedCheckValues(double fl, double temperatureK, double cl, double cd, double thrustKn, double eta, double fuelKgS)
    {
        double isaDev = temperatureK - Isa.TemperatureK(Isa.FlightLevelToMetres(fl), 0);
        Assert.That(Math.Abs(isaDev), Is.LessThan(0.01), "the check temperatures are ISA at those levels");
        // The second point (41,450 ft) lies above the A320's ceiling in the table (FL410), so the public Cruise,
        // which rejects it, is checked at the first point and the model itself at both.
        double h = Isa.FlightLevelToMetres(fl);
        var p = new PollSchumann.State(A320.Ps!, 0.753, Isa.PressurePa(h), temperatureK, 43e6).Point(58_800);
        if (fl <= A320.CeilingFl) Assert.That(FlightCostModel.Default.Cruise(A320, 58_800, 0.753, fl, isaDev), Is.EqualTo(p));
        TestContext.Out.WriteLine($"FL{fl}: CL {p.LiftCoefficient:0.0000} CD {p.DragCoefficient:0.00000} F {p.ThrustN / 1000:0.000} kN eta {p.OverallEfficiency:0.00000} ff {p.FuelFlowKgPerS:0.0000} kg/s");
        Assert.That(p.LiftCoefficient, Is.EqualTo(cl).Within(0.0005));
        Assert.That(p.DragCoefficient, Is.EqualTo(cd).Within(0.00005));
        // Thrust: 34.639 kN at 34,000 ft meets 34.64; at 41,450 ft the model gives 34.149 kN against 34.16, 7 N (0.02 %)
        // outside the rounding, so that one point is held to 0.015 kN. Not a fault of the model: the equations with
        // the bundled parameters give 34.1486 kN by an independent hand computation, and 34.16 rounds Ian Poll's own
        // output (34.156, pinned by pycontrails' test to ±0.15 kN only), made with parameters a little different from
        // the bundled file's (his wave drag is 0.00129 where the file's parameters give 0.00130); see
        // docs/aircraft-performance.md, "The 41,450 ft thrust". Every other value meets its rounding.
        Assert.That(p.ThrustN / 1000, Is.EqualTo(thrustKn).Within(fl < 400 ? 0.005 : 0.015));
        Assert.That(p.OverallEfficiency, Is.EqualTo(eta).Within(0.00005));
        Assert.That(p.FuelFlowKgPerS, Is.EqualTo(fuelKgS).Within(0.0005));
    }

    // The intermediate quantities that pycontrails' test_ps_model pins as "consistent with outputs from Ian Poll" at
    // the same two points (tests/unit/test_ps_model.py): Reynolds number, zero-lift drag coefficient, Oswald factor
    // e_ls, each within half a unit of its last digit; the wave drag coefficient within pycontrails' own tolerance of
    // 1.5e-5 (assert_array_almost_equal, decimal=5), because the bundled parameters give 0.000754 and 0.001303 there.
    [TestCase(340.0, 220.79, 6.777e7, 0.0181, 0.7805, 0.00074)]
    [TestCase(414.5, 216.65, 4.863e7, 0.0190, 0.7740, 0.00129)]
    public void MeetsPollsIntermediateValues(double fl, double temperatureK, double reynolds, double cd0, double oswald, double waveDrag)
    {
        var s = new PollSchumann.State(A320.Ps!, 0.753, Isa.PressurePa(Isa.FlightLevelToMetres(fl)), temperatureK, 43e6);
        var p = s.Point(58_800);
        double eLs = 1 / (Math.PI * A320.Ps!.AspectRatio * s.K); // K = 1/(π AR e_ls), Part 1 eq. 8
        double cl = p.LiftCoefficient!.Value, cdw = p.DragCoefficient!.Value - s.Cd0 - s.K * cl * cl;
        TestContext.Out.WriteLine($"FL{fl}: Re {s.ReynoldsNumber:0.0000e0} CD0 {s.Cd0:0.000000} e_ls {eLs:0.000000} CDw {cdw:0.000000}");
        Assert.That(s.ReynoldsNumber, Is.EqualTo(reynolds).Within(0.0005e7));
        Assert.That(s.Cd0, Is.EqualTo(cd0).Within(0.00005));
        Assert.That(eLs, Is.EqualTo(oswald).Within(0.00005));
        Assert.That(cdw, Is.EqualTo(waveDrag).Within(1.5e-5));
    }
}
