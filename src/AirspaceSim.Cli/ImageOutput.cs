using System.CommandLine;
using AirspaceSim.Reports;

namespace AirspaceSim.Cli;

/// <summary>The image options of <c>whatif</c>, <c>route</c> and <c>batch</c> (<c>--format png|svg</c>, <c>--width</c>,
/// <c>--height</c>); the drawing itself is AirspaceSim.Reports'.</summary>
internal sealed class ImageOutput
{
    public Option<int> Width { get; } = NumberOptions.Int("--width", "Image width in pixels (png, svg).", new ImageOptions().WidthPx, ImageOptions.MinPx, ImageOptions.MaxPx, "pixels");

    public Option<int> Height { get; } = NumberOptions.Int("--height", "Image height in pixels (png, svg).", new ImageOptions().HeightPx, ImageOptions.MinPx, ImageOptions.MaxPx, "pixels");

    public void AddTo(Command cmd)
    {
        cmd.Options.Add(Width);
        cmd.Options.Add(Height);
    }

    /// <summary>True for a format that writes a file (an image, or the HTML report).</summary>
    public static bool IsFile(string format) => format is "png" or "svg" or "html";

    /// <summary>The sizes; --width or --height with a text format is an error (it would be ignored).</summary>
    public ImageOptions Read(ParseResult parse, string format)
    {
        foreach (var o in new[] { Width, Height })
            if (!IsFile(format) && parse.GetResult(o) is { Implicit: false })
                throw new CliException($"{o.Name}: only with --format png, svg or html (--format {format} is text)");
        return new() { WidthPx = parse.GetValue(Width), HeightPx = parse.GetValue(Height) };
    }

    /// <summary>The file to write a <paramref name="format"/> output to: --out is required (an image on a terminal is noise).</summary>
    public static string RequireOut(string? path, string format)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new CliException($"--format {format} writes a file: give --out FILE (e.g. --out map.{format})");
        if (Directory.Exists(path)) throw new CliException($"--out: {path} is a folder, not a file");
        // Said before any work, and with the option's name (was .NET's "Could not find a part of the path ..." after
        // the whole computation).
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder)) throw new CliException($"--out: folder {folder} does not exist (create it first, or give another path)");
        return path;
    }

    public static ImageFormat Format(string format) => format == "svg" ? ImageFormat.Svg : ImageFormat.Png;
}
