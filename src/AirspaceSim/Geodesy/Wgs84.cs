using System.Runtime.CompilerServices;

namespace AirspaceSim.Geodesy;

/// <summary>The answer to an inverse geodesic problem on the WGS84 ellipsoid.</summary>
/// <param name="DistanceM">Length of the shortest geodesic in metres (never negative).</param>
/// <param name="Azi1Deg">Forward azimuth at the first point in degrees clockwise from north, in (-180, 180].</param>
/// <param name="Azi2Deg">Forward azimuth at the second point (the direction of travel on arrival), in (-180, 180].</param>
public readonly record struct GeodesicInverseResult(double DistanceM, double Azi1Deg, double Azi2Deg);

/// <summary>The answer to a direct geodesic problem on the WGS84 ellipsoid.</summary>
/// <param name="Lat2Deg">Latitude of the end point in degrees, in [-90, 90].</param>
/// <param name="Lon2Deg">Longitude of the end point in degrees, in [-180, 180).</param>
/// <param name="Azi2Deg">Forward azimuth at the end point in degrees clockwise from north, in (-180, 180].</param>
public readonly record struct GeodesicDirectResult(double Lat2Deg, double Lon2Deg, double Azi2Deg);

/// <summary>
/// Geodesics on the WGS84 ellipsoid by Karney's method (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87,
/// 43–55, 2013): the geodesic is mapped onto an auxiliary sphere, the distance and longitude integrals are expanded in
/// Fourier series whose coefficients are series to sixth order in the small quantities n and ε, and the inverse problem
/// is solved by Newton's method on the azimuth at the first point, started from the astroid approximation for nearly
/// antipodal points. Accurate to about 15 nm everywhere, including at the poles, on meridians and the equator, and for
/// coincident and antipodal points.
/// </summary>
/// <remarks>
/// All methods are static, thread-safe and allocation-free. Latitudes must be finite and in [-90, 90], longitudes and
/// azimuths finite (any value; they are reduced exactly modulo 360), distances finite (negative means backwards).
/// Violations throw <see cref="ArgumentOutOfRangeException"/>. Azimuth conventions at the poles and for exactly
/// antipodal points follow GeographicLib (a point at a pole is taken as the limit approaching it along its meridian).
/// </remarks>
public static class Wgs84
{
    /// <summary>Equatorial radius a in metres (WGS84 defining constant).</summary>
    public const double SemiMajorAxisM = 6_378_137.0;

    /// <summary>Flattening f = 1/298.257223563 (WGS84 defining constant).</summary>
    public const double Flattening = 1 / 298.257223563;

    /// <summary>Polar semi-axis b = a(1 − f) in metres.</summary>
    public const double SemiMinorAxisM = SemiMajorAxisM * (1 - Flattening);

    private const double A = SemiMajorAxisM, B = SemiMinorAxisM, F = Flattening, F1 = 1 - F;
    private const double E2 = F * (2 - F);          // first eccentricity squared
    private const double Ep2 = E2 / (1 - E2);       // second eccentricity squared
    private const double N = F / (2 - F);           // third flattening, the expansion parameter of A3 and C3
    private const double Deg = Math.PI / 180;

    // Tolerances of the paper's implementation notes: machine epsilon, its square root, the smallest normal number's
    // square root (to keep cos(beta) positive at the poles without underflow in products).
    private const double Tol0 = 2.220446049250313e-16;  // 2^-52
    private const double Tol1 = 200 * Tol0;
    private const double Tol2 = 1.4901161193847656e-08; // sqrt(Tol0) = 2^-26
    private const double TolB = Tol0;
    private const double XThresh = 1000 * Tol2;
    private const double Tiny = 1.4916681462400413e-154; // sqrt(smallest normal double)
    private const double Tol3 = 1.0 / (1L << 62);       // radians: a Tol3 = 1.4e-12 m, see the Newton loop
    private const double SmallAngle = 0.011;             // radians, for SinCosSmall (above f pi)
    private const int MaxIt1 = 20;                       // Newton steps before falling back to pure bisection
    private const int MaxIt2 = MaxIt1 + 53 + 10;         // plus enough bisections to exhaust the mantissa

    // Below this auxiliary-sphere separation the short-line (spherical with mean dn) solution is already exact to
    // round-off: the neglected terms are O(f sigma^2) relative.
    // Below this auxiliary-sphere separation (5e-5 rad, about 320 m) the azimuths come from the short-line closed form
    // even where Newton's method gives the distance. Newton solves lambda12(alpha1) = lam12, whose residual is formed
    // from O(1) quantities and so carries an absolute error of ~1e-16 rad whatever the line's length; the azimuth
    // error is that divided by the slope, ~sigma12: 1.5e-7 degrees at 0.3 m, 4e-9 at 30 m. The closed form works
    // with the small differences themselves (sin(beta2 - beta1) from the input latitudes, omega12 from lam12), so it
    // is accurate relative to the line, and its truncation error grows as f sigma12^2: measured against 40-digit
    // solutions of the exact integrals, below 1.5e-10 degrees up to this bound and 1.2e-9 degrees at 1 km.
    private const double AziTol = 5e-5;
    private static readonly double ETol2 = 0.1 * Tol2 / Math.Sqrt(Math.Max(0.001, Math.Abs(F)) * Math.Min(1.0, 1 - F / 2) / 2);

    // A3(eps) and C3_l(eps) with the n-dependence (eqs. 24, 25 of the paper) folded in once for WGS84: polynomial
    // coefficients in eps. The JIT treats static readonly doubles as constants once the class is initialised.
    private static readonly double A3e1 = (N - 1) / 2;
    private static readonly double A3e2 = ((3 * N - 1) * N - 2) / 8;
    private static readonly double A3e3 = ((-N - 3) * N - 1) / 16;
    private static readonly double A3e4 = (-2 * N - 3) / 64;
    private static readonly double A3e5 = -3.0 / 128;

    private static readonly double C31e1 = (1 - N) / 4;
    private static readonly double C31e2 = (1 - N * N) / 8;
    private static readonly double C31e3 = ((-N + 3) * N + 3) / 64;
    private static readonly double C31e4 = (2 * N + 5) / 128;
    private static readonly double C31e5 = 3.0 / 128;
    private static readonly double C32e2 = ((N - 3) * N + 2) / 32;
    private static readonly double C32e3 = ((-3 * N - 2) * N + 3) / 64;
    private static readonly double C32e4 = (N + 3) / 128;
    private static readonly double C32e5 = 5.0 / 256;
    private static readonly double C33e3 = ((5 * N - 9) * N + 5) / 192;
    private static readonly double C33e4 = (9 - 10 * N) / 384;
    private static readonly double C33e5 = 7.0 / 512;
    private static readonly double C34e4 = (7 - 14 * N) / 512;
    private static readonly double C34e5 = 7.0 / 512;
    private static readonly double C35e5 = 21.0 / 2560;

    // ------------------------------------------------------------------------------------------------ public API

    /// <summary>Solves the inverse problem: shortest geodesic between two points.</summary>
    /// <param name="lat1Deg">Latitude of the first point in degrees, in [-90, 90].</param>
    /// <param name="lon1Deg">Longitude of the first point in degrees.</param>
    /// <param name="lat2Deg">Latitude of the second point in degrees, in [-90, 90].</param>
    /// <param name="lon2Deg">Longitude of the second point in degrees.</param>
    /// <exception cref="ArgumentOutOfRangeException">A latitude is NaN or outside [-90, 90], or a longitude is not finite.</exception>
    public static GeodesicInverseResult Inverse(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg)
    {
        CheckLat(lat1Deg, nameof(lat1Deg)); CheckLon(lon1Deg, nameof(lon1Deg));
        CheckLat(lat2Deg, nameof(lat2Deg)); CheckLon(lon2Deg, nameof(lon2Deg));
        double s12 = Solve(lat1Deg, lon1Deg, lat2Deg, lon2Deg, true, out double salp1, out double calp1,
            out double salp2, out double calp2);
        return new GeodesicInverseResult(s12, AzimuthDeg(salp1, calp1), AzimuthDeg(salp2, calp2));
    }

    /// <summary>Solves the inverse problem between two validated points.</summary>
    public static GeodesicInverseResult Inverse(GeoPoint p1, GeoPoint p2)
    {
        double s12 = Solve(p1.LatDeg, p1.LonDeg, p2.LatDeg, p2.LonDeg, true, out double salp1, out double calp1,
            out double salp2, out double calp2);
        return new GeodesicInverseResult(s12, AzimuthDeg(salp1, calp1), AzimuthDeg(salp2, calp2));
    }

    /// <summary>Length in metres of the shortest geodesic between two points (the inverse problem without azimuths).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A latitude is NaN or outside [-90, 90], or a longitude is not finite.</exception>
    public static double DistanceM(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg)
    {
        CheckLat(lat1Deg, nameof(lat1Deg)); CheckLon(lon1Deg, nameof(lon1Deg));
        CheckLat(lat2Deg, nameof(lat2Deg)); CheckLon(lon2Deg, nameof(lon2Deg));
        return Solve(lat1Deg, lon1Deg, lat2Deg, lon2Deg, false, out _, out _, out _, out _);
    }

    /// <summary>Length in metres of the shortest geodesic between two validated points.</summary>
    public static double DistanceM(GeoPoint p1, GeoPoint p2) =>
        Solve(p1.LatDeg, p1.LonDeg, p2.LatDeg, p2.LonDeg, false, out _, out _, out _, out _);

    /// <summary>Solves the direct problem: the end of the geodesic of given start, azimuth and length.</summary>
    /// <param name="lat1Deg">Latitude of the start in degrees, in [-90, 90].</param>
    /// <param name="lon1Deg">Longitude of the start in degrees.</param>
    /// <param name="azi1Deg">Azimuth at the start in degrees clockwise from north.</param>
    /// <param name="distanceM">Distance along the geodesic in metres (negative goes backwards).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is NaN, infinite, or a latitude outside [-90, 90].</exception>
    public static GeodesicDirectResult Direct(double lat1Deg, double lon1Deg, double azi1Deg, double distanceM)
    {
        CheckLat(lat1Deg, nameof(lat1Deg)); CheckLon(lon1Deg, nameof(lon1Deg));
        if (!double.IsFinite(azi1Deg))
            throw new ArgumentOutOfRangeException(nameof(azi1Deg), azi1Deg, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"azimuth {azi1Deg:R} is not a finite number"));
        if (!double.IsFinite(distanceM))
            throw new ArgumentOutOfRangeException(nameof(distanceM), distanceM, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"distance {distanceM:R} m is not a finite number"));
        return DirectCore(lat1Deg, lon1Deg, azi1Deg, distanceM);
    }

    /// <summary>Solves the direct problem from a validated point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The azimuth or distance is not finite.</exception>
    public static GeodesicDirectResult Direct(GeoPoint p1, double azi1Deg, double distanceM) =>
        Direct(p1.LatDeg, p1.LonDeg, azi1Deg, distanceM);

    private static void CheckLat(double latDeg, string name)
    {
        if (!(latDeg >= -90 && latDeg <= 90)) ThrowLat(latDeg, name);
    }

    private static void CheckLon(double lonDeg, string name)
    {
        if (!double.IsFinite(lonDeg)) ThrowLon(lonDeg, name);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLat(double v, string name) =>
        throw new ArgumentOutOfRangeException(name, v,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"latitude {v:R} is not a finite number in [-90, 90]"));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLon(double v, string name) =>
        throw new ArgumentOutOfRangeException(name, v,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"longitude {v:R} is not a finite number"));

    // ------------------------------------------------------------------------------------------------ inverse

    /// <summary>
    /// The inverse problem; returns the distance in metres and the (unnormalised but consistently scaled) sines and
    /// cosines of the azimuths at both ends.
    /// </summary>
    private static double Solve(double lat1, double lon1, double lat2, double lon2, bool wantAzimuths,
        out double salp1Out, out double calp1Out, out double salp2Out, out double calp2Out)
    {
        // Reduce to a canonical configuration (paper section 4): 0 <= lon12 <= 180, lat1 <= -0, lat1 <= lat2 <= -lat1.
        // The signs record the symmetry used so that the azimuths can be mapped back at the end, and make the result
        // obey the problem's symmetries exactly.
        double lon12 = AngDiff(lon1, lon2, out double lon12s);
        int lonsign = double.IsNegative(lon12) ? -1 : 1;
        lon12 *= lonsign; lon12s *= lonsign;
        double lam12 = lon12 * Deg;
        SinCosDegWithError(lon12, lon12s, out double slam12, out double clam12);
        lon12s = (180 - lon12) - lon12s; // the supplement, exactly enough to decide the equatorial case

        // The latitudes as given (raw) give the latitude difference of short lines; rounded, everything else.
        double raw1 = lat1, raw2 = lat2;
        lat1 = AngRound(lat1);
        lat2 = AngRound(lat2);
        int swapp = Math.Abs(lat1) < Math.Abs(lat2) ? -1 : 1;
        if (swapp < 0)
        {
            lonsign = -lonsign;
            (lat1, lat2) = (lat2, lat1);
            (raw1, raw2) = (raw2, raw1);
        }
        int latsign = double.IsNegative(lat1) ? 1 : -1;
        lat1 *= latsign;
        lat2 *= latsign;

        // Reduced latitudes beta; cos(beta) is kept at least Tiny so that the azimuth at a pole is defined by the
        // longitude (the limit along the meridian) and two points at the same pole are Tiny apart.
        SinCosDeg(lat1, out double sbet1, out double cbet1); sbet1 *= F1;
        double d1 = Hypot(sbet1, cbet1);
        sbet1 /= d1; cbet1 /= d1; cbet1 = Math.Max(Tiny, cbet1);
        SinCosDeg(lat2, out double sbet2, out double cbet2); sbet2 *= F1;
        double d2 = Hypot(sbet2, cbet2);
        sbet2 /= d2; cbet2 /= d2; cbet2 = Math.Max(Tiny, cbet2);

        // sin(beta2 - beta1) for nearby latitudes, from the exact difference of the inputs rather than by cancelling
        // the rounded products sbet2 cbet1 - cbet2 sbet1: with tan(beta) = (1 - f) tan(phi) and d = the norms above,
        // sin(beta2 - beta1) = (1 - f) sin(phi2 - phi1) / (d1 d2) exactly. The cancellation leaves an absolute error of
        // ~1e-16, which for a short line that runs nearly east-west is the whole of its latitude change: it turned the
        // azimuths of a 14 cm line by 7e-8 degrees (GeographicLib's double and exact modes alike). phi2 - phi1 is exact
        // here by Sterbenz's lemma (same sign, within a factor 2) or at worst rounded relative to itself. It is taken
        // before AngRound, whose 2^-57 degree grid (1.4 pm) would turn a 1 mm line by up to 6e-8 degrees.
        double dlat = (raw2 - raw1) * latsign;
        double sbet12 = Math.Abs(dlat) < 1 ? F1 * Math.Sin(dlat * Deg) / (d1 * d2) : double.NaN;

        // When |beta2| = |beta1| to round-off make it exact: the Newton iteration for lambda12 is singular there
        // otherwise (cbet2 - cbet1 or |sbet2| + sbet1 measure the difference, whichever is better conditioned).
        if (cbet1 < -sbet1)
        {
            if (cbet2 == cbet1) sbet2 = Math.CopySign(sbet1, sbet2);
        }
        else if (Math.Abs(sbet2) == -sbet1)
        {
            cbet2 = cbet1;
        }

        double dn1 = Math.Sqrt(1 + Ep2 * (sbet1 * sbet1));
        double dn2 = Math.Sqrt(1 + Ep2 * (sbet2 * sbet2));

        double salp1 = 0, calp1 = 0, salp2 = 0, calp2 = 0, s12x = 0, sig12;

        bool meridian = lat1 == -90 || slam12 == 0;
        if (meridian)
        {
            // Both points on one meridian (or point 1 at a pole): the meridian arc is the geodesic unless it passes a
            // conjugate point, which the sign of the reduced length m12 reveals.
            calp1 = clam12; salp1 = slam12; // head towards the target longitude
            calp2 = 1; salp2 = 0;           // arrive heading north
            double ssig1 = sbet1, csig1 = calp1 * cbet1; // tan(beta) = tan(sigma) cos(alpha)
            double ssig2 = sbet2, csig2 = calp2 * cbet2;
            sig12 = Math.Atan2(Math.Max(0.0, csig1 * ssig2 - ssig1 * csig2) + 0.0, csig1 * csig2 + ssig1 * ssig2);
            // On a meridian alpha0 = 0, so k^2 = e'^2 and eps = n exactly.
            double s12b = DistanceB(N, sig12, ssig1, csig1, ssig2, csig2);
            double m12b = ReducedLengthB(N, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2);
            if (sig12 < Tol2 || m12b >= 0)
            {
                // Zero-length and near-zero-length meridian lines must not come out negative.
                if (sig12 < 3 * Tiny || (sig12 < Tol0 && (s12b < 0 || m12b < 0)))
                    s12b = 0;
                s12x = s12b * B;
            }
            else
            {
                meridian = false; // beyond a conjugate point: not shortest (only possible for prolate ellipsoids)
            }
        }

        if (!meridian && sbet1 == 0 && lon12s >= F * 180)
        {
            // Both on the equator, and not so far apart that the route over a pole is shorter: along the equator.
            calp1 = calp2 = 0; salp1 = salp2 = 1;
            s12x = A * lam12;
        }
        else if (!meridian)
        {
            sig12 = InverseStart(sbet1, cbet1, sbet2, cbet2, sbet12, lam12, slam12, clam12,
                out salp1, out calp1, ref salp2, ref calp2, out double dnm,
                out bool closed, out double csalp1, out double ccalp1, out double csalp2, out double ccalp2);
            if (sig12 >= 0)
            {
                // Short line: the spherical solution on a sphere of radius b*dnm is exact to round-off.
                s12x = sig12 * B * dnm;
            }
            else
            {
                // Newton's method on alpha1 for lambda12(alpha1) = lam12, keeping a bracket [alp1a, alp1b] around the
                // root (lambda12 increases with alpha1 and has one root in (0, pi)); fall back to bisection whenever a
                // step leaves the bracket or the derivative is not positive. From the improved start, typical lines
                // take two evaluations: the second one's residual is ~1e-11 and its step is accepted without a third.
                double ssig1 = 0, csig1 = 0, ssig2 = 0, csig2 = 0, eps = 0, ds12 = 0;
                double salp1a = Tiny, calp1a = 1, salp1b = Tiny, calp1b = -1;
                bool tripn = false, tripb = false;
                for (int numit = 0; ; ++numit)
                {
                    double v = Lambda12(sbet1, cbet1, sbet2, cbet2, salp1, calp1, slam12, clam12,
                        out double calp2cb, out sig12, out ssig1, out csig1, out ssig2, out csig2, out eps);
                    // Written so that a NaN ends the loop.
                    if (tripb || !(Math.Abs(v) >= (tripn ? 8 : 1) * Tol0) || numit == MaxIt2)
                        break;
                    // The slope is only needed to take (or accept) a step, so a converged evaluation goes without it.
                    double dv = numit < MaxIt1
                        ? Lambda12Slope(sbet1, dn1, dn2, calp2cb, sig12, ssig1, csig1, ssig2, csig2, eps)
                        : 0;
                    // Shrink the bracket (cot(alpha1) decreases with alpha1; the sines are positive, so compare
                    // cross products rather than dividing).
                    if (v > 0 && (numit > MaxIt1 || calp1 * salp1b > calp1b * salp1))
                    { salp1b = salp1; calp1b = calp1; }
                    else if (v < 0 && (numit > MaxIt1 || calp1 * salp1a < calp1a * salp1))
                    { salp1a = salp1; calp1a = calp1; }
                    if (numit < MaxIt1 && dv > 0)
                    {
                        double dalp1 = -v / dv;
                        // First variation of arc length: moving the far end along its parallel (radius a cos(beta2))
                        // by d(lambda) changes the length by a cos(beta2) sin(alpha2) d(lambda) = a sin(alpha0)
                        // d(lambda) (Clairaut). So the geodesic that lands on the target is shorter by
                        // a sin(alpha0) v, to within (a/2) (d sin(alpha0) / d lambda) v^2, which is at most
                        // (a/2) v^2 / dv as d sin(alpha0) / d alpha1 = cos(alpha1) cos(beta1). Once that is below
                        // a Tol3 (1.4e-12 m), the step's landing point need not be evaluated: take the corrected
                        // length, and the stepped azimuth (error O(v^2)). The step must also be small beside
                        // sin(alpha1), so that it stays inside (0, pi) without a check that needs its sine.
                        if (v * v <= 2 * Tol3 * dv && 4 * Math.Abs(dalp1) <= salp1)
                        {
                            ds12 = -A * (salp1 * cbet1) * v;
                            if (wantAzimuths)
                            {
                                var (sd, cd) = Math.SinCos(dalp1);
                                (salp1, calp1) = (salp1 * cd + calp1 * sd, calp1 * cd - salp1 * sd);
                                NormFast(ref salp1, ref calp1);
                            }
                            break;
                        }
                        if (Math.Abs(dalp1) < Math.PI)
                        {
                            // Where the step lands need not be exact (the next evaluation is wherever it lands), so
                            // the usual small step turns by a truncated series.
                            double sdalp1, cdalp1;
                            if (Math.Abs(dalp1) <= SmallAngle) SinCosSmall(dalp1, out sdalp1, out cdalp1);
                            else (sdalp1, cdalp1) = Math.SinCos(dalp1);
                            double nsalp1 = salp1 * cdalp1 + calp1 * sdalp1;
                            if (nsalp1 > 0)
                            {
                                calp1 = calp1 * cdalp1 - salp1 * sdalp1;
                                salp1 = nsalp1;
                                NormFast(ref salp1, ref calp1);
                                // Near-zero slopes lose quadratic convergence: then stop on an epsilon-sized residual.
                                tripn = Math.Abs(v) <= 16 * Tol0;
                                continue;
                            }
                        }
                    }
                    salp1 = (salp1a + salp1b) / 2;
                    calp1 = (calp1a + calp1b) / 2;
                    Norm(ref salp1, ref calp1);
                    tripn = false;
                    tripb = Math.Abs(salp1a - salp1) + (calp1a - calp1) < TolB ||
                            Math.Abs(salp1 - salp1b) + (calp1 - calp1b) < TolB;
                }
                s12x = DistanceB(eps, sig12, ssig1, csig1, ssig2, csig2, ds12 / B) * B;
                if (wantAzimuths)
                {
                    // alpha2 from Clairaut's relation at the final alpha1.
                    salp2 = cbet2 != cbet1 ? salp1 * cbet1 / cbet2 : salp1;
                    calp2 = Calp2CosBeta2(sbet1, cbet1, sbet2, cbet2, sbet1 == 0 && calp1 == 0 ? -Tiny : calp1) / cbet2;
                    if (closed)
                    {
                        salp1 = csalp1; calp1 = ccalp1; salp2 = csalp2; calp2 = ccalp2;
                    }
                }
            }
        }

        // Undo the canonical transformation.
        if (swapp < 0)
        {
            (salp1, salp2) = (salp2, salp1);
            (calp1, calp2) = (calp2, calp1);
        }
        salp1 *= swapp * lonsign; calp1 *= swapp * latsign;
        salp2 *= swapp * lonsign; calp2 *= swapp * latsign;
        salp1Out = salp1; calp1Out = calp1; salp2Out = salp2; calp2Out = calp2;
        return 0.0 + s12x; // -0 becomes +0
    }

    /// <summary>
    /// Starting guess for alpha1 (paper section 5): the spherical solution with the longitude scaled by a mean dn for
    /// short lines, which is final when the line is very short (then returns sigma12 and alpha2); for nearly antipodal
    /// points the astroid approximation of the paper's eq. (55) on the scaled coordinates x, y. Returns -1 when Newton's
    /// method must follow.
    /// </summary>
    private static double InverseStart(double sbet1, double cbet1, double sbet2, double cbet2, double sbet12Near,
        double lam12, double slam12, double clam12, out double salp1, out double calp1,
        ref double salp2, ref double calp2, out double dnm,
        out bool closed, out double csalp1, out double ccalp1, out double csalp2, out double ccalp2)
    {
        double sig12 = -1;
        double sbet12 = double.IsNaN(sbet12Near) ? sbet2 * cbet1 - cbet2 * sbet1 : sbet12Near; // beta2 - beta1 in [0, pi)
        double cbet12 = cbet2 * cbet1 + sbet2 * sbet1;
        double sbet12a = sbet2 * cbet1 + cbet2 * sbet1; // beta2 + beta1 in (-pi, 0]
        bool shortline = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5;
        double somg12, comg12;
        dnm = 1;
        if (shortline)
        {
            double sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2);
            sbetm2 /= sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2); // sin^2 of the mean reduced latitude
            dnm = Math.Sqrt(1 + Ep2 * sbetm2);
            double omg12 = lam12 / (F1 * dnm);
            (somg12, comg12) = Math.SinCos(omg12);
        }
        else
        {
            somg12 = slam12; comg12 = clam12;
        }

        salp1 = cbet2 * somg12;
        calp1 = comg12 >= 0
            ? sbet12 + cbet2 * sbet1 * (somg12 * somg12) / (1 + comg12)
            : sbet12a - cbet2 * sbet1 * (somg12 * somg12) / (1 - comg12);

        double ssig12 = Hypot(salp1, calp1);
        double csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12;

        // omega12 < pi/2 excludes short lines that pass a pole, where lam12 (the rounded radians) may be near pi.
        closed = shortline && ssig12 < AziTol && comg12 > 0;
        if (closed)
        {
            csalp1 = salp1; ccalp1 = calp1; Norm(ref csalp1, ref ccalp1);
            csalp2 = cbet1 * somg12;
            ccalp2 = sbet12 - cbet1 * sbet2 * ((somg12 * somg12) / (1 + comg12));
            Norm(ref csalp2, ref ccalp2);
        }
        else
        {
            csalp1 = ccalp1 = csalp2 = ccalp2 = 0;
        }

        if (shortline && ssig12 < ETol2)
        {
            salp2 = cbet1 * somg12;
            calp2 = sbet12 - cbet1 * sbet2 * (comg12 >= 0 ? (somg12 * somg12) / (1 + comg12) : 1 - comg12);
            Norm(ref salp2, ref calp2);
            sig12 = Math.Atan2(ssig12, csig12);
        }
        else if (csig12 >= 0 || ssig12 >= 6 * Math.Abs(N) * Math.PI * (cbet1 * cbet1))
        {
            // Far enough from antipodal that the spherical guess converges. Improve it once with eq. (8):
            // omega12 = lam12 + f A3 sin(alpha0) sigma12 + O(f eps), using alpha0 and sigma12 of the guess.
            double salp0 = salp1 / ssig12 * cbet1;
            double k2 = (1 - salp0 * salp0) * Ep2;
            double eps = k2 / (2 * (1 + Math.Sqrt(1 + k2)) + k2);
            // The correction is below f pi = 0.0105, so the rotation of lam12 by it needs no sincos.
            SinCosSmall(F * A3(eps) * salp0 * Math.Atan2(ssig12, csig12), out double sd, out double cd);
            somg12 = slam12 * cd + clam12 * sd;
            comg12 = clam12 * cd - slam12 * sd;
            salp1 = cbet2 * somg12;
            calp1 = comg12 >= 0
                ? sbet12 + cbet2 * sbet1 * (somg12 * somg12) / (1 + comg12)
                : sbet12a - cbet2 * sbet1 * (somg12 * somg12) / (1 - comg12);
        }
        else
        {
            // Nearly antipodal. Scale lam12 - pi and beta1 + beta2 by the width of the region where the geodesic
            // splits (f pi cos^2 beta1 in longitude): in these x, y the antipode is the origin and the singular point
            // (the end of the cut) is at x = -1, y = 0.
            double lam12x = Math.Atan2(-slam12, -clam12); // lam12 - pi
            double k2 = (sbet1 * sbet1) * Ep2;
            double eps = k2 / (2 * (1 + Math.Sqrt(1 + k2)) + k2);
            double lamscale = F * cbet1 * A3(eps) * Math.PI;
            double betscale = lamscale * cbet1;
            double x = lam12x / lamscale;
            double y = sbet12a / betscale;

            if (y > -Tol1 && x > -1 - XThresh)
            {
                // On or next to the cut through the antipode (y = 0, -1 < x < 0): the limiting azimuth.
                salp1 = Math.Min(1.0, -x);
                calp1 = -Math.Sqrt(1 - salp1 * salp1);
            }
            else
            {
                // Astroid: k solves k^4 + 2k^3 - (x^2 + y^2 - 1)k^2 - 2y^2 k - y^2 = 0. Better than taking alpha1 from
                // k directly is to estimate omega12 (near pi, so work with pi - omega12) and reuse the spherical formula.
                double k = Astroid(x, y);
                double omg12a = lamscale * (-x * k / (1 + k));
                (somg12, comg12) = Math.SinCos(omg12a);
                comg12 = -comg12;
                salp1 = cbet2 * somg12;
                calp1 = sbet12a - cbet2 * sbet1 * (somg12 * somg12) / (1 - comg12);
            }
        }

        // Written so that NaN passes to Norm.
        if (!(salp1 <= 0))
        {
            Norm(ref salp1, ref calp1);
        }
        else
        {
            salp1 = 1; calp1 = 0;
        }
        return sig12;
    }

    /// <summary>The positive root k of the astroid quartic (solved in closed form as in the paper's eqs. 56–58).</summary>
    private static double Astroid(double x, double y)
    {
        double p = x * x, q = y * y, r = (p + q - 1) / 6;
        if (q == 0 && r <= 0) return 0; // y = 0, |x| <= 1: on the cut itself
        // Multiply through by r^3 and r so that r = 0 needs no division.
        double s = p * q / 4, r2 = r * r, r3 = r * r2;
        double disc = s * (s + 2 * r3); // zero on the evolute p^(1/3) + q^(1/3) = 1
        double u = r;
        if (disc >= 0)
        {
            double t3 = s + r3;
            t3 += t3 < 0 ? -Math.Sqrt(disc) : Math.Sqrt(disc); // sign chosen to avoid cancellation
            double t = Math.Cbrt(t3);
            u += t + (t != 0 ? r2 / t : 0);
        }
        else
        {
            // Three real roots: trigonometric form, choosing the one without cancellation (disc < 0 implies r < 0).
            double ang = Math.Atan2(Math.Sqrt(-disc), -(s + r3));
            u += 2 * r * Math.Cos(ang / 3);
        }
        double v = Math.Sqrt(u * u + q);
        double uv = u < 0 ? q / (v - u) : u + v; // u + v without cancellation
        double w = (uv - q) / (2 * v);
        return uv / (Math.Sqrt(uv + w * w) + w);
    }

    /// <summary>
    /// lambda12(alpha1) - lam12 for the geodesic leaving point 1 with azimuth alpha1 (paper eqs. 7–11 and the I3
    /// integral, eq. 8), with cos(alpha2) and the auxiliary-sphere quantities that the distance and the slope need.
    /// </summary>
    private static double Lambda12(double sbet1, double cbet1, double sbet2, double cbet2,
        double salp1, double calp1, double slam120, double clam120,
        out double calp2cb, out double sig12,
        out double ssig1, out double csig1, out double ssig2, out double csig2, out double eps)
    {
        if (sbet1 == 0 && calp1 == 0)
            calp1 = -Tiny; // equatorial start heading east: break the degeneracy (the equatorial line is handled earlier)

        double salp0 = salp1 * cbet1;               // Clairaut: sin(alpha0) = sin(alpha1) cos(beta1)
        double calp0s = calp1 * calp1 + (salp1 * sbet1) * (salp1 * sbet1); // cos^2(alpha0); only eps needs it

        // sigma and omega measured from the northward equator crossing: tan(beta) = tan(sigma) cos(alpha),
        // tan(omega) = sin(alpha0) tan(sigma). The omega pair needs no normalisation as only their ratio is used.
        double ss1 = sbet1, somg1 = salp0 * sbet1;
        double cs1 = calp1 * cbet1, comg1 = cs1;
        NormFast(ref ss1, ref cs1);

        // cos(alpha2) from Clairaut, taking care to keep exact symmetry when |beta2| = |beta1| (sin(alpha2) is formed
        // once after the iteration, only for the azimuth).
        double ca2cb2 = Calp2CosBeta2(sbet1, cbet1, sbet2, cbet2, calp1);

        double ss2 = sbet2, somg2 = salp0 * sbet2;
        double cs2 = ca2cb2, comg2 = cs2;
        NormFast(ref ss2, ref cs2);

        double sg12 = Math.Atan2(Math.Max(0.0, cs1 * ss2 - ss1 * cs2) + 0.0, cs1 * cs2 + ss1 * ss2);
        double somg12 = Math.Max(0.0, comg1 * somg2 - somg1 * comg2) + 0.0;
        double comg12 = comg1 * comg2 + somg1 * somg2;
        // eta = omega12 - lam120, computed as one angle to keep full accuracy near the antipode.
        double eta = AtanSmall(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120);

        double k2 = calp0s * Ep2;
        double e = k2 / (2 * (1 + Math.Sqrt(1 + k2)) + k2);
        C3(e, out double c1, out double c2, out double c3, out double c4, out double c5);
        double b312 = SinSeries5(ss2, cs2, c1, c2, c3, c4, c5) - SinSeries5(ss1, cs1, c1, c2, c3, c4, c5);
        double domg12 = -F * A3(e) * salp0 * (sg12 + b312);
        double lam12 = eta + domg12;

        calp2cb = ca2cb2; sig12 = sg12;
        ssig1 = ss1; csig1 = cs1; ssig2 = ss2; csig2 = cs2; eps = e;
        return lam12;
    }

    /// <summary>
    /// cos(alpha2) cos(beta2) from Clairaut's relation (cos^2(alpha2) cos^2(beta2) = cos^2(alpha1) cos^2(beta1) +
    /// cos^2(beta2) - cos^2(beta1)), keeping exact symmetry when |beta2| = |beta1|.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Calp2CosBeta2(double sbet1, double cbet1, double sbet2, double cbet2, double calp1) =>
        cbet2 != cbet1 || Math.Abs(sbet2) != -sbet1
            ? Math.Sqrt(calp1 * cbet1 * (calp1 * cbet1) +
                        (cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2)))
            : Math.Abs(calp1) * cbet2;

    /// <summary>d lambda12 / d alpha1 = m12 / (a cos(alpha2) cos(beta2)) (paper eq. 46), from the reduced length.</summary>
    private static double Lambda12Slope(double sbet1, double dn1, double dn2, double calp2cb,
        double sig12, double ssig1, double csig1, double ssig2, double csig2, double eps)
    {
        if (calp2cb == 0)
            return -2 * F1 * dn1 / sbet1;
        return ReducedLengthB(eps, sig12, ssig1, csig1, dn1, ssig2, csig2, dn2) * F1 / calp2cb;
    }

    /// <summary>s12 / b from the distance integral I1 (eqs. 15, 17, 18).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double DistanceB(double eps, double sig12, double ssig1, double csig1, double ssig2, double csig2,
        double ds12b = 0)
    {
        C1(eps, out double c1, out double c2, out double c3, out double c4, out double c5, out double c6);
        double a1 = 1 + A1m1(eps);
        double b1 = SinSeries6(ssig2, csig2, c1, c2, c3, c4, c5, c6) - SinSeries6(ssig1, csig1, c1, c2, c3, c4, c5, c6);
        // A small length correction ds12b (in units of b) joins the small periodic part, so it costs no rounding at
        // the scale of the result.
        return a1 * (sig12 + (b1 + ds12b / a1));
    }

    /// <summary>m12 / b, the reduced length (eq. 38), from J12 = I1 - I2 (eqs. 40–43).</summary>
    private static double ReducedLengthB(double eps, double sig12, double ssig1, double csig1, double dn1,
        double ssig2, double csig2, double dn2)
    {
        double a1m1 = A1m1(eps), a2m1 = A2m1(eps);
        double a1 = 1 + a1m1, a2 = 1 + a2m1;
        C1(eps, out double p1, out double p2, out double p3, out double p4, out double p5, out double p6);
        C2(eps, out double q1, out double q2, out double q3, out double q4, out double q5, out double q6);
        // One Clenshaw sum of the combined coefficients A1 C1 - A2 C2.
        double d1 = a1 * p1 - a2 * q1, d2 = a1 * p2 - a2 * q2, d3 = a1 * p3 - a2 * q3;
        double d4 = a1 * p4 - a2 * q4, d5 = a1 * p5 - a2 * q5, d6 = a1 * p6 - a2 * q6;
        double j12 = (a1m1 - a2m1) * sig12 +
                     (SinSeries6(ssig2, csig2, d1, d2, d3, d4, d5, d6) - SinSeries6(ssig1, csig1, d1, d2, d3, d4, d5, d6));
        // Parenthesised products cancel exactly for coincident points.
        return dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12;
    }

    // ------------------------------------------------------------------------------------------------ direct

    private static GeodesicDirectResult DirectCore(double lat1, double lon1, double azi1, double s12)
    {
        // Start point and azimuth on the auxiliary sphere (paper section 3).
        azi1 = AngNormalize(azi1);
        SinCosDeg(AngRound(azi1), out double salp1, out double calp1); // rounding keeps tiny sin(alpha0) from underflowing
        SinCosDeg(AngRound(lat1), out double sbet1, out double cbet1);
        sbet1 *= F1;
        Norm(ref sbet1, ref cbet1); cbet1 = Math.Max(Tiny, cbet1);

        double salp0 = salp1 * cbet1;               // alpha0 in [0, pi/2 - |beta1|]
        double calp0 = Hypot(calp1, salp1 * sbet1); // better than hypot(sbet1, calp1 cbet1) when salp1 = 0
        // sigma1 from tan(beta1) = tan(sigma1) cos(alpha1); omega1 from tan(omega1) = sin(alpha0) tan(sigma1). The
        // equatorial eastward line gets sigma1 = 0.
        double ssig1 = sbet1, somg1 = salp0 * sbet1;
        double csig1 = sbet1 != 0 || calp1 != 0 ? cbet1 * calp1 : 1, comg1 = csig1;
        Norm(ref ssig1, ref csig1);

        double k2 = (calp0 * calp0) * Ep2;
        double eps = k2 / (2 * (1 + Math.Sqrt(1 + k2)) + k2);

        double a1m1 = A1m1(eps);
        C1(eps, out double c11, out double c12, out double c13, out double c14, out double c15, out double c16);
        double b11 = SinSeries6(ssig1, csig1, c11, c12, c13, c14, c15, c16);
        var (sb, cb) = Math.SinCos(b11);
        double stau1 = ssig1 * cb + csig1 * sb; // tau1 = sigma1 + B11
        double ctau1 = csig1 * cb - ssig1 * sb;

        // Invert s -> sigma with the reverted series C1' (eqs. 20, 21): exact to round-off for |f| <= 1/100.
        double tau12 = s12 / (B * (1 + a1m1));
        var (st, ct) = Math.SinCos(tau12);
        C1p(eps, out double p1, out double p2, out double p3, out double p4, out double p5, out double p6);
        double b12 = -SinSeries6(stau1 * ct + ctau1 * st, ctau1 * ct - stau1 * st, p1, p2, p3, p4, p5, p6);
        double sig12 = tau12 - (b12 - b11);
        var (ssig12, csig12) = Math.SinCos(sig12);

        double ssig2 = ssig1 * csig12 + csig1 * ssig12;
        double csig2 = csig1 * csig12 - ssig1 * ssig12;
        double sbet2 = calp0 * ssig2;
        double cbet2 = Hypot(salp0, calp0 * csig2);
        if (cbet2 == 0) cbet2 = csig2 = Tiny; // meridian through a pole: pick a side
        double salp2 = salp0, calp2 = calp0 * csig2;

        // Longitude: omega12 on the auxiliary sphere plus the I3 correction (eq. 8).
        double somg2 = salp0 * ssig2, comg2 = csig2;
        double omg12 = Math.Atan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1);
        C3(eps, out double c31, out double c32, out double c33, out double c34, out double c35);
        double a3c = -F * salp0 * A3(eps);
        double b31 = SinSeries5(ssig1, csig1, c31, c32, c33, c34, c35);
        double lam12 = omg12 + a3c * (sig12 + (SinSeries5(ssig2, csig2, c31, c32, c33, c34, c35) - b31));
        double lon12 = lam12 / Deg;
        double lon2 = AngNormalize(AngNormalize(lon1) + AngNormalize(lon12));
        double lat2 = AtanDeg(sbet2, F1 * cbet2);
        return new GeodesicDirectResult(lat2, LonOut(lon2), AzimuthDeg(salp2, calp2));
    }

    // ------------------------------------------------------------------------------------------------ series

    // A1 - 1 = (1 + eps^2/4 + eps^4/64 + eps^6/256) / (1 - eps) - 1 (eq. 17).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double A1m1(double eps)
    {
        double e2 = eps * eps;
        double t = e2 * (e2 * (e2 + 4) + 64) / 256;
        return (t + eps) / (1 - eps);
    }

    // A2 - 1 = (1 - eps)(1 + eps^2/4 + 9 eps^4/64 + 25 eps^6/256) - 1 (eq. 42).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double A2m1(double eps)
    {
        double e2 = eps * eps;
        double t = e2 * (e2 * (25 * e2 + 36) + 64) / 256;
        return t * (1 - eps) - eps;
    }

    // A3 (eq. 24) with n fixed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double A3(double eps) =>
        1 + eps * (A3e1 + eps * (A3e2 + eps * (A3e3 + eps * (A3e4 + eps * A3e5))));

    // C1_l (eq. 18), l = 1..6.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void C1(double eps, out double c1, out double c2, out double c3, out double c4, out double c5, out double c6)
    {
        double e2 = eps * eps, d = eps;
        c1 = d * ((6 - e2) * e2 - 16) / 32;
        d *= eps;
        c2 = d * ((64 - 9 * e2) * e2 - 128) / 2048;
        d *= eps;
        c3 = d * (9 * e2 - 16) / 768;
        d *= eps;
        c4 = d * (3 * e2 - 5) / 512;
        d *= eps;
        c5 = -7 * d / 1280;
        d *= eps;
        c6 = -7 * d / 2048;
    }

    // C1'_l (eq. 21), the coefficients of the reverted distance series.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void C1p(double eps, out double c1, out double c2, out double c3, out double c4, out double c5, out double c6)
    {
        double e2 = eps * eps, d = eps;
        c1 = d * ((205 * e2 - 432) * e2 + 768) / 1536;
        d *= eps;
        c2 = d * ((4005 * e2 - 4736) * e2 + 3840) / 12288;
        d *= eps;
        c3 = d * (116 - 225 * e2) / 384;
        d *= eps;
        c4 = d * (2695 - 7173 * e2) / 7680;
        d *= eps;
        c5 = 3467 * d / 7680;
        d *= eps;
        c6 = 38081 * d / 61440;
    }

    // C2_l (eq. 43).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void C2(double eps, out double c1, out double c2, out double c3, out double c4, out double c5, out double c6)
    {
        double e2 = eps * eps, d = eps;
        c1 = d * ((e2 + 2) * e2 + 16) / 32;
        d *= eps;
        c2 = d * ((35 * e2 + 64) * e2 + 384) / 2048;
        d *= eps;
        c3 = d * (15 * e2 + 80) / 768;
        d *= eps;
        c4 = d * (7 * e2 + 35) / 512;
        d *= eps;
        c5 = 63 * d / 1280;
        d *= eps;
        c6 = 77 * d / 2048;
    }

    // C3_l (eq. 25), l = 1..5, with n fixed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void C3(double eps, out double c1, out double c2, out double c3, out double c4, out double c5)
    {
        double e2 = eps * eps, e3 = e2 * eps, e4 = e2 * e2;
        c1 = eps * (C31e1 + eps * (C31e2 + eps * (C31e3 + eps * (C31e4 + eps * C31e5))));
        c2 = e2 * (C32e2 + eps * (C32e3 + eps * (C32e4 + eps * C32e5)));
        c3 = e3 * (C33e3 + eps * (C33e4 + eps * C33e5));
        c4 = e4 * (C34e4 + eps * C34e5);
        c5 = e4 * eps * C35e5;
    }

    /// <summary>sum_{l=1..6} c_l sin(2 l sigma) by Clenshaw summation, given sin and cos of sigma.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SinSeries6(double s, double c, double c1, double c2, double c3, double c4, double c5, double c6)
    {
        double ar = 2 * (c - s) * (c + s); // 2 cos(2 sigma)
        double y0 = 0, y1;
        y1 = c6;
        y0 = ar * y1 - y0 + c5;
        y1 = ar * y0 - y1 + c4;
        y0 = ar * y1 - y0 + c3;
        y1 = ar * y0 - y1 + c2;
        y0 = ar * y1 - y0 + c1;
        return 2 * s * c * y0; // sin(2 sigma) y0
    }

    /// <summary>sum_{l=1..5} c_l sin(2 l sigma) by Clenshaw summation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SinSeries5(double s, double c, double c1, double c2, double c3, double c4, double c5)
    {
        double ar = 2 * (c - s) * (c + s);
        double y0 = c5, y1 = 0;
        y1 = ar * y0 - y1 + c4;
        y0 = ar * y1 - y0 + c3;
        y1 = ar * y0 - y1 + c2;
        y0 = ar * y1 - y0 + c1;
        return 2 * s * c * y0;
    }

    // ------------------------------------------------------------------------------------------------ angles

    /// <summary>
    /// sqrt(x^2 + y^2), nearly correctly rounded: one Newton correction of the square root with an exact residual.
    /// On random input it equals glibc's hypot 99.8 % of the time (double.Hypot 94 %, the naive form 92 %), and is one
    /// ulp off otherwise. The accuracy matters where sin(beta2 - beta1) is formed by cancellation for short lines, and
    /// keeps results within round-off of GeographicLib (which uses C's hypot); inline it is also cheaper than
    /// double.Hypot. Arguments here are bounded (|x|, |y| &lt;= ~1, never both below 1e-154), so no scaling against
    /// overflow is needed.
    /// </summary>
    /// <remarks>
    /// The residual uses Dekker's exact products (<see cref="SquareError"/>) rather than FMA on purpose: the result
    /// must be the same bits on every processor. An earlier version took this path only where x86 FMA was available
    /// and double.Hypot elsewhere, so ARM64, Native AOT for the default instruction set and
    /// DOTNET_EnableHWIntrinsic=0 changed the last digits of some 15 % of the answers. Plain IEEE add and multiply
    /// are correctly rounded everywhere, and the .NET JIT never contracts a*b+c into an FMA, so this one formulation
    /// is bit-identical on all platforms (the test GeodesicDeterminismTests runs the CLI with intrinsics off to check).
    /// Math.FusedMultiplyAdd everywhere would not do: without hardware FMA it calls the C runtime's fma, which is not
    /// correctly rounded on every platform (dotnet/runtime#98704, the Windows fallback; #133349, musl's fmaf). The
    /// residual gives the same bits as the former FMA path, at ~3 % of the inverse's time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Hypot(double x, double y)
    {
        x = Math.Abs(x); y = Math.Abs(y);
        if (y > x) (x, y) = (y, x);
        double p = x * x, q = y * y;
        double r = Math.Sqrt(p + q);
        double rr = r * r;
        // d = x^2 + y^2 - r^2 exactly enough: p - rr is exact (Sterbenz: p <= rr <= 2p to round-off), the three
        // product errors are exact, and only the final sums round, far below the ulp of r^2.
        double d = ((p - rr) - SquareError(r, rr) + q) + (SquareError(x, p) + SquareError(y, q));
        return r == 0 ? r : r + d / (2 * r);
    }

    /// <summary>
    /// x^2 - fl(x^2) exactly (Dekker 1971, with Veltkamp's split of x into two 26-bit halves whose products are
    /// exact), given p = fl(x^2); exact unless x^2 underflows, where the error is below the smallest normal anyway.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SquareError(double x, double p)
    {
        const double split = 134217729.0; // 2^27 + 1
        double c = split * x;
        double hi = c - (c - x), lo = x - hi;
        return ((hi * hi - p) + 2 * hi * lo) + lo * lo;
    }

    /// <summary>Scales (x, y) to unit length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Norm(ref double x, ref double y)
    {
        double r = Hypot(x, y);
        x /= r; y /= r;
    }

    /// <summary>
    /// Scales (x, y) to unit length with the plain square root, to within an ulp or two: enough where only the
    /// direction matters to round-off (the sigma pairs feed atan2, which is scale-free, and series of size eps).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NormFast(ref double x, ref double y)
    {
        double r = Math.Sqrt(x * x + y * y);
        x /= r; y /= r;
    }

    /// <summary>
    /// sin and cos of |x| &lt;= SmallAngle radians by their Taylor series to x^3 and x^4: errors below x^5/120 and
    /// x^6/720 (1e-12 and 1e-15 at the bound), used only where the angle is a correction whose own error is larger.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCosSmall(double x, out double sinx, out double cosx)
    {
        double x2 = x * x;
        sinx = x - x * x2 * (1.0 / 6);
        cosx = 1 - x2 * (0.5 - x2 * (1.0 / 24));
    }

    /// <summary>
    /// atan2(y, x). Near a solution eta = omega12 - lam12 is the longitude correction, below f pi = 0.0105, where the
    /// Taylor series of atan to t^9 is exact to round-off (the first omitted term is t^11/11 &lt; 3e-21 |t|); other
    /// arguments go to Math.Atan2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AtanSmall(double y, double x)
    {
        if (!(Math.Abs(y) <= SmallAngle * x)) return Math.Atan2(y, x);
        double t = y / x, t2 = t * t;
        return t - t * t2 * (1.0 / 3 - t2 * (1.0 / 5 - t2 * (1.0 / 7 - t2 * (1.0 / 9))));
    }

    /// <summary>x reduced exactly into [-180, 180] (IEEE remainder; ±180 keep the sign of x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Remainder360(double x) => Math.Abs(x) <= 180 ? x : Math.IEEERemainder(x, 360);

    private static double AngNormalize(double x)
    {
        double y = Remainder360(x);
        return Math.Abs(y) == 180 ? Math.CopySign(180.0, x) : y;
    }

    /// <summary>
    /// Snaps angles below 1/16 degree to a multiple of 2^-57 degrees (the subtraction z - (z - |x|) rounds away tiny
    /// residues), so that values within round-off of zero become exactly zero (e.g. a latitude of 1e-300 is the
    /// equator) and others are unchanged to within an ulp of 1/16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AngRound(double x)
    {
        const double z = 1.0 / 16;
        double y = Math.Abs(x);
        double w = z - y;
        y = w > 0 ? z - w : y;
        return Math.CopySign(y, x);
    }

    /// <summary>Error-free sum: returns fl(u + v) and the exact rounding error in <paramref name="t"/> (Knuth's TwoSum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sum(double u, double v, out double t)
    {
        double s = u + v;
        double up = s - v;
        double vpp = s - up;
        up -= u;
        vpp -= v;
        t = s != 0 ? 0.0 - (up + vpp) : s;
        return s;
    }

    /// <summary>y - x reduced to [-180, 180] with its rounding error in <paramref name="e"/>; the sign of ±180 and 0
    /// follows the unrounded difference.</summary>
    private static double AngDiff(double x, double y, out double e)
    {
        double d = Sum(Remainder360(-x), Remainder360(y), out e);
        d = Sum(Remainder360(d), e, out e);
        if (d == 0 || Math.Abs(d) == 180)
            d = Math.CopySign(d, e == 0 ? y - x : -e);
        return d;
    }

    /// <summary>Reduces x exactly to r in [-45, 45] with x = r + 90 q; returns q mod 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int QuarterTurns(double x, out double r)
    {
        if (Math.Abs(x) <= 45) { r = x; return 0; }
        double y = Remainder360(x);      // exact, in [-180, 180]; only q mod 4 matters
        double q = Math.Round(y / 90);    // ties to even, like remquo
        r = y - 90 * q;                   // exact (Sterbenz)
        return (int)q & 3;
    }

    /// <summary>sin and cos of an angle in degrees, exact at multiples of 90 (reduction before conversion to radians).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCosDeg(double x, out double sinx, out double cosx)
    {
        int q = QuarterTurns(x, out double r);
        var (s, c) = Math.SinCos(r * Deg);
        Quadrant(q, s, c, x, out sinx, out cosx);
    }

    /// <summary>sin and cos of x + t degrees, t being a small correction to x (the rounding error of a difference).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCosDegWithError(double x, double t, out double sinx, out double cosx)
    {
        int q = QuarterTurns(x, out double r);
        r = AngRound(r + t);
        var (s, c) = Math.SinCos(r * Deg);
        Quadrant(q, s, c, x, out sinx, out cosx);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quadrant(int q, double s, double c, double x, out double sinx, out double cosx)
    {
        switch (q)
        {
            case 0: sinx = s; cosx = c; break;
            case 1: sinx = c; cosx = -s; break;
            case 2: sinx = -s; cosx = -c; break;
            default: sinx = -c; cosx = s; break;
        }
        cosx += 0.0; // no -0 cosines
        if (sinx == 0) sinx = Math.CopySign(sinx, x);
    }

    /// <summary>atan2 in degrees, evaluated in the octant [-45, 45] so that multiples of 45 come out exact.</summary>
    private static double AtanDeg(double y, double x)
    {
        int q = 0;
        if (Math.Abs(y) > Math.Abs(x)) { (x, y) = (y, x); q = 2; }
        if (double.IsNegative(x)) { x = -x; ++q; }
        double ang = Math.Atan2(y, x) / Deg;
        return q switch
        {
            1 => Math.CopySign(180.0, y) - ang,
            2 => 90 - ang,
            3 => -90 + ang,
            _ => ang,
        };
    }

    /// <summary>Azimuth in (-180, 180] from its sine and cosine; -0 becomes 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double AzimuthDeg(double s, double c)
    {
        double a = AtanDeg(s, c);
        return a == -180 ? 180 : a + 0.0;
    }

    /// <summary>Longitude in [-180, 180) (input already in [-180, 180]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LonOut(double lon) => lon == 180 ? -180 : lon + 0.0;
}
