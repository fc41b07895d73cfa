using System;

namespace Connectors;

/// <summary>
/// Marks the method that verifies the configuration works (credentials, reachability, permissions).
/// </summary>
/// <remarks>
/// Allowed signatures: return <see cref="CheckResult"/>, <c>Task&lt;CheckResult&gt;</c> or <c>ValueTask&lt;CheckResult&gt;</c>;
/// parameters, in any order, of type <c>CancellationToken</c> and <c>ILogger</c>. Return
/// <see cref="CheckResult.Failed(string)"/> (or throw <see cref="ConfigException"/>) for a problem the user must fix;
/// any other exception is reported as a connector failure.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CheckAttribute : Attribute
{
}
