using System.Diagnostics;

namespace AirspaceSim.Tests.Geodesy;

/// <summary>
/// Same bytes on any processor: the 10,000 GeographicLib reference lines through <c>geodesic -i -p 9</c> in a child
/// process with hardware intrinsics disabled (as on a CPU without FMA/AVX, or a Native AOT build for the baseline
/// instruction set) must give exactly the output of a default run.
/// </summary>
public class GeodesicDeterminismTests
{
    [Test]
    public void InverseOutputDoesNotDependOnHardwareIntrinsics()
    {
        var path = ReferenceData.Require("geodesic/geodsolve-10k.txt");
        string input = string.Join('\n', File.ReadLines(path)
            .Where(l => !l.StartsWith('#') && !string.IsNullOrWhiteSpace(l))
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4)))) + "\n";
        var withIntrinsics = RunCli(input, hwIntrinsics: true);
        var without = RunCli(input, hwIntrinsics: false);
        var (a, b) = (withIntrinsics.Result, without.Result);
        Assert.That(a.Code, Is.Zero, a.Err);
        Assert.That(b.Code, Is.Zero, b.Err);
        var la = a.Out.Split('\n'); var lb = b.Out.Split('\n');
        Assert.That(la, Has.Length.EqualTo(10_001)); // 10,000 lines and the empty tail
        var differing = Enumerable.Range(0, la.Length).Where(i => la[i] != lb.ElementAtOrDefault(i)).ToList();
        Assert.That(differing, Is.Empty,
            $"{differing.Count} lines differ, first: {string.Join("; ", differing.Take(3).Select(i => $"line {i + 1}: '{la[i]}' vs '{lb.ElementAtOrDefault(i)}'"))}");
        Assert.That(b.Out, Is.EqualTo(a.Out)); // byte for byte, line ends included
    }

    /// <summary>Runs <c>dotnet AirspaceSim.Cli.dll geodesic -i -p 9</c> (the CLI is copied beside this assembly).</summary>
    private static async Task<(int Code, string Out, string Err)> RunCli(string input, bool hwIntrinsics)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "AirspaceSim.Cli.dll");
        Assert.That(File.Exists(dll), Is.True, $"CLI not found at {dll}");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "geodesic", "-i", "-p", "9" }) psi.ArgumentList.Add(arg);
        psi.Environment.Remove("DOTNET_EnableHWIntrinsic");
        if (!hwIntrinsics) psi.Environment["DOTNET_EnableHWIntrinsic"] = "0";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardInput.WriteAsync(input);
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}
