using AirspaceSim.Simulation;

namespace AirspaceSim.Tests.Simulation;

/// <summary>The chunked buffer behind the alternates' heap, against a List over the chunk boundaries.</summary>
public class ChunkedBufferTests
{
    [Test]
    public void BehavesAsAListAcrossChunkBoundaries()
    {
        var buffer = new ChunkedBuffer<(double, int)>();
        var list = new List<(double, int)>();
        var rng = new Random(7);
        for (int step = 0; step < 20_000; step++)
        {
            if (list.Count > 0 && rng.Next(4) == 0) { buffer.RemoveLast(); list.RemoveAt(list.Count - 1); continue; }
            var item = (rng.NextDouble(), step);
            buffer.Add(item); list.Add(item);
            int i = rng.Next(list.Count);
            buffer[i] = (buffer[i].Item1 + 1, buffer[i].Item2); list[i] = (list[i].Item1 + 1, list[i].Item2);
        }
        Assert.That(buffer.Count, Is.EqualTo(list.Count).And.GreaterThan(2048), "the walk spans several 1,024-item chunks");
        for (int i = 0; i < list.Count; i++) Assert.That(buffer[i], Is.EqualTo(list[i]), $"item {i}");
    }

    [Test]
    public void ReserveKeepsItsItemsAndItsOrder()
    {
        // Batches of random sizes (1 to 1,500, some across the first chunk's end), each reserved first, with removals.
        var buffer = new ChunkedBuffer<(double, int)>();
        var list = new List<(double, int)>();
        var rng = new Random(11);
        int step = 0;
        while (list.Count < 5000)
        {
            int batch = rng.Next(3) == 0 ? rng.Next(1, 1500) : rng.Next(1, 40);
            buffer.Reserve(batch);
            for (int k = 0; k < batch; k++, step++) { var item = (rng.NextDouble(), step); buffer.Add(item); list.Add(item); }
            if (rng.Next(3) == 0) { buffer.RemoveLast(); list.RemoveAt(list.Count - 1); }
            buffer.Reserve(0);
        }
        Assert.That(buffer.Count, Is.EqualTo(list.Count));
        for (int i = 0; i < list.Count; i++) Assert.That(buffer[i], Is.EqualTo(list[i]), $"item {i}");
    }
}
