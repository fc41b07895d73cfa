using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Connectors.Runtime;

/// <summary>
/// How a <c>[Stream]</c> method's own state is read and written (see <see cref="StreamState{TState}"/>); the generated
/// code creates one per stateful stream from the author's <c>StateContext</c>.
/// </summary>
public abstract class StreamStateShape
{
    private protected StreamStateShape()
    {
    }

    /// <summary>The state type's name, for messages.</summary>
    public abstract string TypeName { get; }

    /// <summary>
    /// Reads a saved state. <c>{}</c> (what a read that took no checkpoint saves) is no state: <paramref name="value"/> is
    /// null. Anything else must fit the state type exactly: a property the type does not have, a missing required
    /// member or a value of the wrong type is a problem, with its path relative to the state object (<c>.page</c>, or
    /// empty for the object itself).
    /// </summary>
    public abstract bool TryRead(JsonElement saved, out object? value, out string path, out string? problem);

    // System.Text.Json's messages end with "Path: $.x | LineNumber: …"; the path is given separately.
    internal static string PlainMessage(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? message.Substring(0, cut) : message).TrimEnd('.');
    }

    internal abstract StreamRequestState Open(HeldCheckpoints checkpoints, object? saved);
}

/// <summary>What a stateful stream's read hands its method, and the saved state as JSON for the final checkpoint.</summary>
internal readonly record struct StreamRequestState(object State, byte[]? SavedJson);

/// <summary>The state shape of <typeparamref name="TState"/>, serialized by a source-generated <see cref="JsonTypeInfo{T}"/>.</summary>
/// <typeparam name="TState">The author's state type.</typeparam>
public sealed class StreamStateShape<TState> : StreamStateShape
{
    private readonly JsonTypeInfo<TState> _typeInfo;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private Utf8JsonWriter? _writer;

    /// <summary>Creates the shape.</summary>
    /// <param name="typeInfo">The state type's metadata, from the stream's <c>StateContext</c> (<c>Context.Default.GetTypeInfo(typeof(TState))</c>).</param>
    /// <param name="context">The context's name, for the error when it does not know the type.</param>
    /// <exception cref="InvalidOperationException">The context has no metadata for <typeparamref name="TState"/>.</exception>
    public StreamStateShape(JsonTypeInfo? typeInfo, string context)
    {
        _typeInfo = typeInfo as JsonTypeInfo<TState>
            ?? throw new InvalidOperationException($"The state context '{context}' does not serialize the stream state type " +
                $"'{typeof(TState).Name}': add [JsonSerializable(typeof({typeof(TState).Name}))] to it.");
    }

    /// <inheritdoc />
    public override string TypeName => typeof(TState).Name;

    /// <inheritdoc />
    public override bool TryRead(JsonElement saved, out object? value, out string path, out string? problem)
    {
        value = null;
        path = "";
        problem = null;
        if (saved.ValueKind != JsonValueKind.Object)
        {
            problem = "expected an object";
            return false;
        }
        if (IsEmpty(saved))
        {
            return true;
        }
        if (UnknownProperty(saved) is { } unknown)
        {
            path = ConfigReader.Child("", unknown);
            problem = $"not part of the state this stream saves ({TypeName}: {Members()})";
            return false;
        }
        try
        {
            value = JsonSerializer.Deserialize(saved, _typeInfo);
        }
        catch (JsonException ex)
        {
            path = ex.Path is { Length: > 1 } jsonPath ? jsonPath.Substring(1) : "";
            problem = PlainMessage(ex);
            return false;
        }
        if (value is null)
        {
            problem = "expected an object";
            return false;
        }
        return true;
    }

    internal override StreamRequestState Open(HeldCheckpoints checkpoints, object? saved)
    {
        var state = new StreamState<TState>(this, checkpoints, saved is TState, saved is TState typed ? typed : default);
        return new StreamRequestState(state, saved is TState value ? Serialize(value).ToArray() : null);
    }

    /// <summary>The state as a UTF-8 JSON object, in a buffer reused by the next call.</summary>
    internal ReadOnlySpan<byte> Serialize(TState state)
    {
        _buffer.Clear();
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(_buffer);
        }
        else
        {
            _writer.Reset(_buffer);
        }
        JsonSerializer.Serialize(_writer, state, _typeInfo);
        _writer.Flush();
        if (_buffer.WrittenCount == 0 || _buffer.WrittenSpan[0] != (byte)'{')
        {
            throw new InvalidOperationException($"A stream state must serialize to a JSON object; {TypeName} does not.");
        }
        return _buffer.WrittenSpan;
    }

    private static bool IsEmpty(JsonElement saved)
    {
        using var properties = saved.EnumerateObject();
        return !properties.MoveNext();
    }

    // System.Text.Json ignores properties the type lacks unless the context disallows them; a state of another shape
    // ({"page": 3} for a stream that saves a token) would then resume from defaults without a word.
    private string? UnknownProperty(JsonElement saved)
    {
        if (_typeInfo.Kind != JsonTypeInfoKind.Object || HasExtensionData())
        {
            return null;
        }
        var comparison = _typeInfo.Options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var property in saved.EnumerateObject())
        {
            var known = false;
            foreach (var member in _typeInfo.Properties)
            {
                if (string.Equals(member.Name, property.Name, comparison))
                {
                    known = true;
                    break;
                }
            }
            if (!known)
            {
                return property.Name;
            }
        }
        return null;
    }

    private bool HasExtensionData()
    {
        foreach (var member in _typeInfo.Properties)
        {
            if (member.IsExtensionData)
            {
                return true;
            }
        }
        return false;
    }

    private string Members()
    {
        var names = new List<string>();
        foreach (var member in _typeInfo.Properties)
        {
            names.Add(member.Name);
        }
        return names.Count == 0 ? "no members" : string.Join(", ", names);
    }
}
