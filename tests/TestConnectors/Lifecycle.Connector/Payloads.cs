using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lifecycle;

/// <summary>A colour, bound from its name.</summary>
public enum Color
{
    Red,
    Green,
    [JsonStringEnumMemberName("deep-blue")]
    Blue,
}

/// <summary>A positional record: bound through its constructor.</summary>
/// <param name="From">The start.</param>
/// <param name="To">The end.</param>
/// <param name="Label">An optional label.</param>
public sealed record Window(DateTimeOffset From, DateTimeOffset To, string Label = "window");

/// <summary>A class with settable, required and init-only properties.</summary>
public sealed class Filter
{
    /// <summary>Required by the C# modifier: set in the object initializer.</summary>
    public required string Name { get; init; }

    /// <summary>Init-only with a constant default.</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Settable and optional: keeps its initializer when absent.</summary>
    public List<string> Tags { get; set; } = ["default"];

    /// <summary>Nullable, so optional.</summary>
    public Color? Color { get; set; }
}

/// <summary>Everything Echo received, written back.</summary>
public sealed record EchoResult(
    string Text,
    int Count,
    long? BigNumber,
    double Ratio,
    bool Flag,
    Color Color,
    DateTimeOffset At,
    DateOnly? Day,
    Uri? Link,
    JsonElement Extra,
    int[] Numbers,
    IReadOnlyList<string>? Tags,
    Window Window,
    Filter? Filter);

/// <summary>What Sleep did.</summary>
public sealed record Slept(double Seconds, bool Cancelled);

/// <summary>One record of the 'events' stream.</summary>
public sealed record Event(int Id, string Kind);

/// <summary>The running config, secret included (the host masks it in responses).</summary>
public sealed record ConfigView(int Version, string? ApiKey, string Status);
