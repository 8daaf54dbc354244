namespace AirspaceSim.Airspaces;

/// <summary>
/// Airspace input that cannot be used: not JSON, the wrong GeoJSON structure, or (in strict mode) the first bad
/// feature, ring or coordinate. The message names the file (when known), the feature, the JSON path and the coordinate.
/// </summary>
public sealed class AirspaceFormatException : FormatException
{
    /// <summary>Creates the exception with a message only.</summary>
    public AirspaceFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public AirspaceFormatException(string message, Exception? inner) : base(message, inner) { }

    /// <summary>Creates the exception with all its details but an inner exception.</summary>
    public AirspaceFormatException(string message, string? fileName, string? featureId, int featureIndex,
        string? coordinate, string? jsonPath) : this(message, fileName, featureId, featureIndex, coordinate, jsonPath, null)
    {
    }

    /// <summary>Creates the exception with all its details.</summary>
    public AirspaceFormatException(string message, string? fileName, string? featureId, int featureIndex,
        string? coordinate, string? jsonPath, Exception? inner) : base(message, inner)
    {
        FileName = fileName;
        FeatureId = featureId;
        FeatureIndex = featureIndex;
        Coordinate = coordinate;
        JsonPath = jsonPath;
    }

    /// <summary>The file being read, when known.</summary>
    public string? FileName { get; }

    /// <summary>The id of the offending feature, when known.</summary>
    public string? FeatureId { get; }

    /// <summary>The 0-based index of the offending feature in the file, or −1.</summary>
    public int FeatureIndex { get; } = -1;

    /// <summary>The offending coordinate as <c>lat,lon</c>, when there is one.</summary>
    public string? Coordinate { get; }

    /// <summary>What is wrong, as a code (<see cref="AirspaceProblem.Other"/> when not classified).</summary>
    public AirspaceProblem Problem { get; init; }

    /// <summary>JSON path of the offending element (e.g. <c>$.features[3].geometry.coordinates[0][5]</c>), when known.</summary>
    public string? JsonPath { get; }
}
