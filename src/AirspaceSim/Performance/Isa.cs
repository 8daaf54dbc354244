namespace AirspaceSim.Performance;

/// <summary>
/// The ICAO Standard Atmosphere (ICAO Doc 7488/3, Manual of the ICAO Standard Atmosphere, 1993) up to 20,000 m:
/// a troposphere with a lapse rate of 6.5 K/km from 288.15 K and 101,325 Pa at mean sea level, and an isothermal
/// layer at 216.65 K from the tropopause at 11,000 m.
/// </summary>
/// <remarks>
/// Notation: h geopotential (pressure) altitude in metres; T temperature (K); p pressure (Pa); ρ density (kg/m³);
/// a speed of sound (m/s); R specific gas constant of dry air; g₀ standard gravity; L lapse rate; γ ratio of specific
/// heats. A flight level is a pressure altitude (FL350 = 35,000 ft on the standard pressure scale), so the pressure
/// at a flight level is the ISA pressure whatever the day's temperature; an ISA deviation ΔT shifts only T (and with
/// it ρ and a). That is how the aircraft-performance layer uses it.
/// </remarks>
public static class Isa
{
    /// <summary>Mean-sea-level temperature, 288.15 K (Doc 7488 Table A).</summary>
    public const double SeaLevelTemperatureK = 288.15;

    /// <summary>Mean-sea-level pressure, 101,325 Pa.</summary>
    public const double SeaLevelPressurePa = 101_325.0;

    /// <summary>Temperature lapse rate of the troposphere, 0.0065 K/m.</summary>
    public const double LapseRateKPerM = 0.0065;

    /// <summary>Geopotential altitude of the tropopause, 11,000 m.</summary>
    public const double TropopauseAltitudeM = 11_000.0;

    /// <summary>Temperature of the isothermal layer above the tropopause, 216.65 K.</summary>
    public const double TropopauseTemperatureK = 216.65;

    /// <summary>Top of the layers modelled here, 20,000 m (the isothermal layer ends there).</summary>
    public const double MaxAltitudeM = 20_000.0;

    /// <summary>Specific gas constant of dry air, 287.05287 J/(kg·K) (Doc 7488).</summary>
    public const double GasConstantJPerKgK = 287.05287;

    /// <summary>Standard acceleration of gravity, 9.80665 m/s².</summary>
    public const double GravityMPerS2 = 9.80665;

    /// <summary>Ratio of specific heats of air, 1.4.</summary>
    public const double HeatCapacityRatio = 1.4;

    /// <summary>Metres per foot (exact, international foot).</summary>
    public const double MetresPerFoot = 0.3048;

    private const double TropopausePressurePa = 22_632.0401; // p at 11 km from the troposphere formula below
    private const double Exponent = GravityMPerS2 / (GasConstantJPerKgK * LapseRateKPerM); // g₀/(R L) = 5.2559

    /// <summary>The pressure altitude of a flight level in metres: FL × 100 ft.</summary>
    public static double FlightLevelToMetres(double flightLevel) => flightLevel * 100.0 * MetresPerFoot;

    /// <summary>ISA temperature at a geopotential altitude plus a deviation: T = T₀ − L h below 11 km, 216.65 K above.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The altitude is outside [−610 m, 20,000 m] or not finite.</exception>
    public static double TemperatureK(double altitudeM, double isaDeviationK)
    {
        Check(altitudeM);
        double t = altitudeM < TropopauseAltitudeM ? SeaLevelTemperatureK - LapseRateKPerM * altitudeM : TropopauseTemperatureK;
        return t + isaDeviationK;
    }

    /// <summary>
    /// ISA pressure at a geopotential (pressure) altitude: p = p₀ (T/T₀)^(g₀/(R L)) below 11 km,
    /// p = p₁₁ exp(−g₀ (h − 11 km)/(R T₁₁)) above.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The altitude is outside [−610 m, 20,000 m] or not finite.</exception>
    public static double PressurePa(double altitudeM)
    {
        Check(altitudeM);
        if (altitudeM < TropopauseAltitudeM)
            return SeaLevelPressurePa * Math.Pow(1 - LapseRateKPerM * altitudeM / SeaLevelTemperatureK, Exponent);
        return TropopausePressurePa * Math.Exp(-GravityMPerS2 * (altitudeM - TropopauseAltitudeM) / (GasConstantJPerKgK * TropopauseTemperatureK));
    }

    /// <summary>Air density from the ideal-gas law, ρ = p/(R T), at the altitude's ISA pressure and the deviated temperature.</summary>
    public static double DensityKgPerM3(double altitudeM, double isaDeviationK) =>
        PressurePa(altitudeM) / (GasConstantJPerKgK * TemperatureK(altitudeM, isaDeviationK));

    /// <summary>Speed of sound, a = √(γ R T).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not a positive finite number.</exception>
    public static double SpeedOfSoundMPerS(double temperatureK)
    {
        if (!(temperatureK > 0) || !double.IsFinite(temperatureK))
            throw new ArgumentOutOfRangeException(nameof(temperatureK), temperatureK, "temperature must be a positive number of kelvin");
        return Math.Sqrt(HeatCapacityRatio * GasConstantJPerKgK * temperatureK);
    }

    private static void Check(double altitudeM)
    {
        if (!double.IsFinite(altitudeM) || altitudeM < -610 || altitudeM > MaxAltitudeM)
            throw new ArgumentOutOfRangeException(nameof(altitudeM), altitudeM,
                "altitude must be within [-610 m, 20,000 m], the layers of the ICAO Standard Atmosphere modelled here");
    }
}
