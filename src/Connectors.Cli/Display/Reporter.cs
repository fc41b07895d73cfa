using System;

namespace Connectors.Cli.Display;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (<see cref="Progress{T}"/> posts to the
/// thread pool, so a late snapshot could print after the summary).
/// </summary>
internal sealed class Reporter<T> : IProgress<T>
{
    private readonly Action<T> _report;

    public Reporter(Action<T> report) => _report = report;

    public void Report(T value) => _report(value);
}
