using AirspaceSim.Geodesy;

namespace AirspaceSim.Spherical;

/// <summary>Points along great-circle arcs, for drawing routes and closures on maps.</summary>
public static class GreatCircle
{
    /// <inheritdoc cref="Densify(GeoPoint, GeoPoint, double)"/>
    public static IReadOnlyList<(double LatDeg, double LonDeg)> Densify(GeoPoint a, GeoPoint b) => Densify(a, b, 50);

    /// <summary>
    /// Points along the arc from <paramref name="a"/> to <paramref name="b"/> no more than
    /// <paramref name="maxStepKm"/> apart (both ends included). Longitudes are unwrapped to run continuously from
    /// <paramref name="a"/>'s, so a line across the antimeridian draws as one stroke (they may leave [-180, 180]).
    /// </summary>
    public static IReadOnlyList<(double LatDeg, double LonDeg)> Densify(GeoPoint a, GeoPoint b, double maxStepKm)
    {
        if (!(maxStepKm > 0)) throw new ArgumentOutOfRangeException(nameof(maxStepKm), maxStepKm, "step must be positive");
        var va = Vec3.FromGeo(a); var vb = Vec3.FromGeo(b);
        double w = Vec3.Angle(va, vb);
        int n = Math.Max(1, (int)Math.Ceiling(w * Sphere.MeanRadiusKm / maxStepKm));
        var pts = new List<(double, double)>(n + 1) { (a.LatDeg, a.LonDeg) };
        double prevLon = a.LonDeg;
        for (int i = 1; i <= n; i++)
        {
            var g = i == n ? b : Sphere.Intermediate(va, vb, (double)i / n).ToGeo();
            double lon = g.LonDeg;
            while (lon - prevLon > 180) lon -= 360;
            while (lon - prevLon < -180) lon += 360;
            pts.Add((g.LatDeg, lon));
            prevLon = lon;
        }
        return pts;
    }
}
