namespace AirspaceSim.Performance;

/// <summary>
/// The Poll–Schumann cruise model: I. Poll and U. Schumann, "An estimation method for the fuel burn and other
/// performance characteristics of civil transport aircraft in the cruise", The Aeronautical Journal 125 (2021),
/// Part 1 (pp. 257–285) and Part 2 (pp. 296–340). Written from the equations as documented, with their paper
/// references, in pycontrails' <c>ps_model.py</c> docstrings (not ported).
/// </summary>
/// <remarks>
/// Notation: M Mach number; p ambient pressure (Pa); T ambient temperature (K); S wing reference area (m²);
/// q = (γ/2) p M² S the dynamic pressure times area (N); m mass (kg); C_L lift, C_D drag, C_T thrust coefficient;
/// Re Reynolds number on √S; μ dynamic viscosity; Λ quarter-chord sweep; AR aspect ratio; η overall propulsion
/// efficiency, η_b its maximum at this Mach number; Q fuel lower heating value (J/kg); V true airspeed.
/// In steady level flight thrust equals drag, so C_T = C_D and F = q C_D; the fuel flow is the thrust power over
/// η Q. Everything except C_L (∝ m) is fixed by (type, M, p, T), so <see cref="State"/> precomputes it once per
/// cruise condition and <see cref="State.FuelFlowKgPerS"/> costs a few multiplications per mass.
/// </remarks>
internal static class PollSchumann
{
    /// <summary>Wave-drag parameter j₃; pycontrails uses this constant for every type (it is not in the table).</summary>
    private const double J3 = 70.0;

    /// <summary>Lower bound of η/η_b, as in pycontrails' default (keeps η positive far from the design point).</summary>
    private const double MinEtaRatio = 0.5;

    /// <summary>The cruise condition's mass-independent quantities.</summary>
    internal readonly struct State
    {
        private readonly PsParameters _p;
        internal readonly double Mach, Q, Cd0, K, TasMPerS, EtaB, CtEtaB, Sigma, LhvJPerKg, ReynoldsNumber;

        internal State(PsParameters p, double mach, double pressurePa, double temperatureK, double lhvJPerKg)
        {
            _p = p;
            Mach = mach;
            LhvJPerKg = lhvJPerKg;
            const double gamma = Isa.HeatCapacityRatio, r = Isa.GasConstantJPerKgK;
            Q = gamma / 2 * pressurePa * mach * mach * p.WingAreaM2;                               // Part 1 eq. 5 denominator
            double mu = 1.458e-6 * Math.Pow(temperatureK, 1.5) / (110.4 + temperatureK);         // Part 1 eq. 25 (Sutherland)
            ReynoldsNumber = Math.Sqrt(p.WingAreaM2) * mach * (pressurePa / mu) * Math.Sqrt(gamma / (r * temperatureK)); // Part 1 eq. 3
            double cf = 0.0269 / Math.Pow(ReynoldsNumber, 0.14);                                  // Part 1 eq. 28
            Cd0 = p.Psi0 * cf;                                                                    // Part 1 eq. 9
            double k1 = 0.8 * (1 - 0.53 * p.CosSweep) * Cd0;                                      // Part 2 eq. 13
            double eLs = (p.Winglets ? 1.075 : 1.0) / (1 + 0.03 + p.Delta2 + k1 * Math.PI * p.AspectRatio); // Part 1 eq. 12
            K = 1 / (Math.PI * p.AspectRatio * eLs);                                              // lift-dependent factor of eq. 8
            TasMPerS = mach * Math.Sqrt(gamma * r * temperatureK);
            EtaB = p.Eta1 * Math.Pow(mach, p.Eta2);                                               // Part 2 eq. 35
            // C_T at η_b for this Mach number: (C_T)_ηb = h₂ C_T,des with h₂ = [(1 + 0.55 M)/(1 + 0.55 M_des)] / (M/M_des)².
            double mr = mach / p.MachDesign;
            CtEtaB = (1 + 0.55 * mach) / (1 + 0.55 * p.MachDesign) / (mr * mr) * p.CtDesign;
            Sigma = mach < 0.4 ? 1.3 * (0.4 - mach) : 0.0;                                        // low-speed correction of η/η_b
        }

        /// <summary>C_L = m g / q (Part 1 eq. 5, level flight).</summary>
        internal double LiftCoefficient(double massKg) => massKg * Isa.GravityMPerS2 / Q;

        /// <summary>C_D = C_D0 + K C_L² + C_Dw (Part 1 eq. 8).</summary>
        internal double DragCoefficient(double cl)
        {
            // Wave drag (Part 1, compressibility): M_cc = wing constant − 0.10 C_L/cos²Λ, X = M cosΛ / M_cc;
            // C_Dw = cos³Λ j₁ (X − j₂)² above j₂, plus j₃ (X − X₀)⁴ above X₀.
            var p = _p;
            double mcc = p.WingConstant - 0.10 * cl / (p.CosSweep * p.CosSweep);
            double x = Mach * p.CosSweep / mcc;
            double cdw = 0;
            if (x >= p.J2) { double d = x - p.J2; cdw = p.CosSweep * p.CosSweep * p.CosSweep * p.J1 * d * d; }
            if (x >= p.Xo) { double d = x - p.Xo; d *= d; cdw += J3 * d * d; }
            return Cd0 + K * cl * cl + cdw;
        }

        /// <summary>η = (η/η_b)(C_T) η_b: the fourth-order fit of η/η_b in C_T/(C_T)_ηb, clipped at 0.5.</summary>
        internal double Efficiency(double ct)
        {
            double c = ct / CtEtaB, s = Sigma, a = s - 0.43, b = s * 0.43;
            double ratio = c < 0.3
                ? 10.0 * (1 + 0.8 * a - 0.6027 * b) * c + 33.3333 * (-1 - 0.97 * a + 0.8281 * b) * c * c
                  + 37.037 * (1 + a - 0.9163 * b) * c * c * c
                : (1 + a - b) + (4 * b - 2 * a) * c + (a - 6 * b) * c * c + 4 * b * c * c * c - b * c * c * c * c;
            return Math.Max(ratio, MinEtaRatio) * EtaB;
        }

        /// <summary>Fuel flow in steady level flight: F V/(η Q_fuel) with F = q C_D (Part 2 eq. 95 with θ = 0, dV/dt = 0).</summary>
        internal double FuelFlowKgPerS(double massKg)
        {
            double cd = DragCoefficient(LiftCoefficient(massKg));
            return Q * cd * TasMPerS / (Efficiency(cd) * LhvJPerKg);
        }

        /// <summary>All intermediate quantities at one mass.</summary>
        internal CruisePoint Point(double massKg)
        {
            double cl = LiftCoefficient(massKg), cd = DragCoefficient(cl), eta = Efficiency(cd);
            double ff = Q * cd * TasMPerS / (eta * LhvJPerKg);
            return new CruisePoint(cl, cd, Q * cd, eta, ff, TasMPerS, ReynoldsNumber);
        }
    }
}
