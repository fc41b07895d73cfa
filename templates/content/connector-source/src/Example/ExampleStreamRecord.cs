namespace Example;

/// <summary>One record of the example_stream stream: every public property becomes a field of the stream's schema.</summary>
/// <param name="Id">The record's id (the primary key).</param>
/// <param name="Name">A display name.</param>
/// <param name="UpdatedAt">When the record last changed (the cursor: it only grows).</param>
public sealed record ExampleStreamRecord(int Id, string Name, DateTimeOffset UpdatedAt);
