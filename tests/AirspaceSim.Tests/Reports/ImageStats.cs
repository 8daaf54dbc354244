using System.Buffers.Binary;
using SkiaSharp;

namespace AirspaceSim.Tests.Reports;

/// <summary>What a test can say about a PNG without looking at it: its size from the header, and pixel statistics.</summary>
internal static class ImageStats
{
    /// <summary>Width and height from the IHDR chunk (PNG specification §11.2.2: signature, length, "IHDR", width, height).</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.That(png.Length, Is.GreaterThan(33), "too short for a PNG");
        Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        Assert.That(System.Text.Encoding.ASCII.GetString(png, 12, 4), Is.EqualTo("IHDR"));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>The decoded image.</summary>
    public static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new AssertionException("SkiaSharp cannot decode the PNG");

    /// <summary>Distinct colours, each channel quantised to 4 bits (anti-aliasing alone does not make a picture).</summary>
    public static int DistinctColours(SKBitmap b)
    {
        var set = new HashSet<int>();
        for (int y = 0; y < b.Height; y += 2)
            for (int x = 0; x < b.Width; x += 2)
            {
                var c = b.GetPixel(x, y);
                set.Add(c.Red >> 4 << 8 | c.Green >> 4 << 4 | c.Blue >> 4);
            }
        return set.Count;
    }

    /// <summary>The fraction of pixels in rows [y0, y1) of the height that differ from <paramref name="background"/> by more than a few levels.</summary>
    public static double NonBackgroundFraction(SKBitmap b, SKColor background, double y0 = 0.25, double y1 = 0.75)
    {
        int n = 0, other = 0;
        for (int y = (int)(y0 * b.Height); y < (int)(y1 * b.Height); y++)
            for (int x = 0; x < b.Width; x++)
            {
                var c = b.GetPixel(x, y);
                n++;
                if (Math.Abs(c.Red - background.Red) + Math.Abs(c.Green - background.Green) + Math.Abs(c.Blue - background.Blue) > 12) other++;
            }
        return (double)other / n;
    }

    /// <summary>Pixels within a small distance of <paramref name="colour"/>.</summary>
    public static int CountNear(SKBitmap b, SKColor colour, int tolerance = 40)
    {
        int n = 0;
        for (int y = 0; y < b.Height; y++)
            for (int x = 0; x < b.Width; x++)
            {
                var c = b.GetPixel(x, y);
                if (Math.Abs(c.Red - colour.Red) + Math.Abs(c.Green - colour.Green) + Math.Abs(c.Blue - colour.Blue) <= tolerance) n++;
            }
        return n;
    }
}
