using System.Diagnostics;
using SkiaSharp;

namespace AirspaceSim.Tests.Reports;

/// <summary>
/// Renders an HTML file in headless Chromium (Debian's <c>chromium</c>; <c>.ci/run</c> installs it when missing): the DOM
/// it built (scripts run) and a screenshot. A test that uses it is ignored, with the reason, where Chromium is not
/// installed or cannot run.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>The DOM Chromium builds from <paramref name="page"/> and a screenshot of it at the window size, checked to
    /// have that size and not to be blank (more than 20 colours, more than 10 % of pixels not white).</summary>
    public static string DomOfAPageThatIsNotBlank(string page, int widthPx, int heightPx)
    {
        string? chromium = new[] { "chromium", "chromium-browser", "google-chrome" }.Select(FindOnPath).FirstOrDefault(p => p != null);
        if (chromium == null) Assert.Ignore("headless Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it when apt-get is available)");
        string dir = Directory.CreateTempSubdirectory("airspacesim-chromium-").FullName;
        try
        {
            string shot = Path.Combine(dir, "shot.png");
            string[] common = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                $"--user-data-dir={Path.Combine(dir, "profile")}", $"--window-size={widthPx},{heightPx}"];
            var (exit, dom, err) = Run(chromium!, [.. common, "--dump-dom", new Uri(page).AbsoluteUri]);
            if (exit != 0 || dom.Length == 0) Assert.Ignore($"Chromium cannot run here (exit {exit}): {err.Trim().Split('\n').LastOrDefault()}");
            (exit, _, err) = Run(chromium!, [.. common, $"--screenshot={shot}", new Uri(page).AbsoluteUri]);
            Assert.That(exit, Is.EqualTo(0), err);
            var png = File.ReadAllBytes(shot);
            Assert.That(ImageStats.PngSize(png), Is.EqualTo((widthPx, heightPx)));
            using var bmp = ImageStats.Decode(png);
            Assert.That(ImageStats.DistinctColours(bmp), Is.GreaterThan(20), "text, tables and the map");
            Assert.That(ImageStats.NonBackgroundFraction(bmp, SKColors.White, 0.0, 1.0), Is.GreaterThan(0.1), "not a blank page");
            return dom;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static (int Exit, string Out, string Err) Run(string exe, string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Ignore("Chromium did not finish within 120 s on this machine");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
