using System.CommandLine;

namespace AirspaceSim.Cli;

/// <summary><c>airspacesim geodesic --inverse|--direct [-p N]</c>: GeodSolve-compatible batch geodesics.</summary>
internal static class GeodesicCommand
{
    public static Command Create(CliIO io)
    {
        var cmd = new Command("geodesic", "WGS84 geodesics in the format of GeographicLib's GeodSolve (stdin to stdout).");
        cmd.SetAction(_ => CliApp.Guard(io, () => throw new CliException("not implemented yet")));
        return cmd;
    }
}
