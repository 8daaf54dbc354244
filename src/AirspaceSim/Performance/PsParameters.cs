using System.Globalization;
using AirspaceSim.Data;
using AirspaceSim.Infrastructure;

namespace AirspaceSim.Performance;

/// <summary>
/// One row of the Poll–Schumann parameter table (pycontrails <c>ps-aircraft-params-20250328.csv</c>, Apache-2.0,
/// bundled as <c>data/aircraft/</c>): the aircraft's masses, wing geometry, drag and engine parameters.
/// </summary>
internal sealed record PsParameters(
    string Icao, string Name, bool Winglets,
    double MtomKg, double MlmKg, double MzfmKg, double OemKg, double MaxPayloadKg,
    double WingAreaM2, double AspectRatio, double Delta2, double CosSweep,
    double Psi0, double Xo, double WingConstant, double J1, double J2,
    double MachDesign, double CtDesign, double Eta1, double Eta2,
    double MaxFl, double Mmo)
{
    internal const string Resource = "AirspaceSim.Data.aircraft.ps-aircraft-params-20250328.csv";

    /// <summary>Parses the table by its header names (so a reordered file still reads), invariant culture.</summary>
    internal static IReadOnlyDictionary<string, PsParameters> Parse(TextReader reader, string source)
    {
        var header = Csv.Split(reader.ReadLine() ?? throw new FormatException($"{source}: empty file"), out _)
                     ?? throw new FormatException($"{source}: malformed header");
        var col = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        var rows = new Dictionary<string, PsParameters>(StringComparer.Ordinal);
        int lineNo = 1;
        for (string? line; (line = reader.ReadLine()) != null;)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var f = Csv.Split(line, out var err) ?? throw new FormatException($"{source}:{lineNo}: {err}");
            double D(string name)
            {
                if (!col.TryGetValue(name, out int i)) throw new FormatException($"{source}: no column '{name}'");
                if (!double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new FormatException($"{source}:{lineNo}: column '{name}' is '{f[i]}', not a number");
                return v;
            }
            string icao = f[col["ICAO"]];
            rows[icao] = new PsParameters(icao, f[col["Manufacturer"]] + " " + f[col["Type"]], f[col["winglets"]] == "yes",
                D("MTOM_kg"), D("MLM_kg"), D("MZFM_kg"), D("OEM_i_kg"), D("MPM_i_kg"),
                D("Sref_m2"), D("AR"), D("delta_2"), D("cos_sweep"),
                D("psi_0"), D("Xo"), D("wing_constant"), D("j_1"), D("j_2"),
                D("M_des"), D("CT_des"), D("eta_1"), D("eta_2"),
                D("FL_max"), D("MMO"));
        }
        return rows;
    }
}
