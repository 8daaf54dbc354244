using System.Globalization;
using AirspaceSim.Geodesy;
using AirspaceSim.Spherical;
using MathNet.Numerics.Integration;

namespace AirspaceSim.Weather;

/// <summary>A wind vector: east and north components in knots (the direction the air moves towards).</summary>
/// <param name="EastKt">Eastward component (u), kt.</param>
/// <param name="NorthKt">Northward component (v), kt.</param>
public readonly record struct WindVector(double EastKt, double NorthKt)
{
    /// <summary>Speed, kt.</summary>
    public double SpeedKt => Math.Sqrt(EastKt * EastKt + NorthKt * NorthKt);

    /// <summary>Direction the wind blows from, degrees true in [0, 360) (meteorological convention); 0 for calm.</summary>
    public double FromDeg => SpeedKt == 0 ? 0 : (Math.Atan2(-EastKt, -NorthKt) * 180 / Math.PI + 360) % 360;
}

/// <summary>
/// A wind field over the Earth and the flight levels: a uniform wind (<see cref="UniformWindField"/>) or a grid read
/// from a file (<see cref="GriddedWindField"/>). Immutable and thread-safe.
/// </summary>
public abstract class WindField
{
    private protected WindField() { }

    /// <summary>What the field is, for reports (e.g. its file and that it is a climatology).</summary>
    public abstract string Description { get; }

    /// <summary>An upper bound of the wind speed anywhere in the field, kt: the planner's time heuristic divides by
    /// true airspeed plus this, so it must never be exceeded.</summary>
    public abstract double MaxSpeedKt { get; }

    /// <summary>The wind at a point and flight level.</summary>
    public WindVector At(GeoPoint point, double flightLevel)
    {
        VelocityMs(Vec3.FromGeo(point), flightLevel, out double n, out double e);
        const double ktPerMs = 3600 / Units.MetresPerNm;
        return new WindVector(e * ktPerMs, n * ktPerMs);
    }

    /// <summary>North and east components in m/s at a unit vector.</summary>
    internal abstract void VelocityMs(in Vec3 p, double flightLevel, out double northMs, out double eastMs);
}

/// <summary>The same wind everywhere and at every level.</summary>
public sealed class UniformWindField : WindField
{
    private readonly double _northMs, _eastMs;

    /// <summary>A uniform wind from <paramref name="fromDeg"/> degrees true at <paramref name="speedKt"/> kt.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A speed below 0 or not finite, or a direction not finite.</exception>
    public UniformWindField(double fromDeg, double speedKt)
    {
        if (!(speedKt >= 0 && double.IsFinite(speedKt)) || !double.IsFinite(fromDeg))
            throw new ArgumentOutOfRangeException(nameof(speedKt), speedKt, "a uniform wind needs a finite direction and a finite speed ≥ 0 kt");
        FromDeg = fromDeg;
        SpeedKt = speedKt;
        // The wind blows towards FromDeg + 180: north and east components of the vector it moves the air by.
        double wMs = speedKt * Units.MetresPerNm / 3600, from = fromDeg * Math.PI / 180;
        _northMs = -wMs * Math.Cos(from);
        _eastMs = -wMs * Math.Sin(from);
    }

    /// <summary>Direction the wind blows from, degrees true.</summary>
    public double FromDeg { get; }

    /// <summary>Speed, kt.</summary>
    public double SpeedKt { get; }

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"uniform wind {FromDeg:0.#}/{SpeedKt:0.#}");

    /// <inheritdoc />
    public override double MaxSpeedKt => SpeedKt;

    internal override void VelocityMs(in Vec3 p, double flightLevel, out double northMs, out double eastMs)
    {
        northMs = _northMs;
        eastMs = _eastMs;
    }
}

/// <summary>
/// Flight time along great-circle arcs in a wind field: the one integral the cost model (flight times) and the
/// planner (wind-optimal edge costs) share.
/// </summary>
/// <remarks>
/// Notation: V true airspeed, w_a / w_c the along-track / cross-track wind components, GS = √(V² − w_c²) + w_a the
/// ground speed (the heading corrects for the cross wind), θ the arc's angle, s ∈ [0, 1] the fraction along it.
/// t = L ∫₀¹ ds / GS(s) with L the arc length: fixed 8-point Gauss–Legendre on [0, 1] (MathNet's GaussLegendreRule),
/// exact for still air and a uniform wind on a meridian; for a gridded field the integrand has kinks at the grid
/// lines, so the rule is an approximation whose error the tests bound against 64 sub-arcs.
/// </remarks>
internal static class ArcWind
{
    // Nodes and weights read once: GaussLegendreRule hands out a fresh copy of its arrays on every access.
    private static readonly GaussLegendreRule Gauss = new(0, 1, 8);
    private static readonly double[] Abscissas = Gauss.Abscissas, Weights = Gauss.Weights;

    /// <summary>Mean of 1/GS along the arc pa→pb, s/m: the flight time is this times the arc's length in metres.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The wind is not below the airspeed somewhere on the arc.</exception>
    public static double SecondsPerMetre(in Vec3 pa, in Vec3 pb, double tasMs, WindField? field, double flightLevel)
    {
        if (field is null) return 1 / tasMs;
        double theta = Vec3.Angle(pa, pb);
        if (theta < 1e-12)
        {
            field.VelocityMs(pa, flightLevel, out double n0, out double e0);
            return 1 / GroundSpeed(tasMs, n0 * n0 + e0 * e0, 0);
        }
        // P(s) = A cos s + U sin s with U the unit tangent at A towards B; the track direction is dP/ds = −A sin s + U cos s.
        var u = (pb - pa.Dot(pb) * pa).Normalize();
        double sum = 0;
        var x = Abscissas;
        var wt = Weights;
        for (int k = 0; k < x.Length; k++)
        {
            double s = x[k] * theta, cs = Math.Cos(s), sn = Math.Sin(s);
            var p = cs * pa + sn * u;
            var d = cs * u - sn * pa;
            field.VelocityMs(p, flightLevel, out double wn, out double we);
            // Local east e = (−y, x, 0)/r and north n = (−z x, −z y, r²)/r with r = √(x² + y²); at a pole any frame will do.
            double r = Math.Sqrt(p.X * p.X + p.Y * p.Y);
            double along;
            if (r < 1e-12) along = 0;
            else
            {
                double de = (-p.Y * d.X + p.X * d.Y) / r, dn = (-p.Z * p.X * d.X - p.Z * p.Y * d.Y + r * r * d.Z) / r;
                along = wn * dn + we * de;
            }
            sum += wt[k] / GroundSpeed(tasMs, wn * wn + we * we, along);
        }
        return sum;
    }

    private static double GroundSpeed(double tas, double w2, double along)
    {
        if (w2 >= tas * tas)
            throw new ArgumentOutOfRangeException("wind", Math.Sqrt(w2) * 3600 / Units.MetresPerNm,
                string.Create(CultureInfo.InvariantCulture, $"the wind ({Math.Sqrt(w2) * 3600 / Units.MetresPerNm:0} kt) is not below the true airspeed {tas * 3600 / Units.MetresPerNm:0} kt"));
        double cross2 = w2 - along * along;
        return Math.Sqrt(tas * tas - Math.Max(cross2, 0)) + along;
    }
}
