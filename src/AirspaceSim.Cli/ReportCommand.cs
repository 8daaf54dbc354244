namespace AirspaceSim.Cli;

/// <summary>The main job: the bundled Caribbean routes against the bundled SVZM closure.</summary>
internal static class ReportCommand
{
    public static int Run(CliIO io)
    {
        io.Out.WriteLine("AirspaceSim: report not implemented yet");
        return 0;
    }
}
