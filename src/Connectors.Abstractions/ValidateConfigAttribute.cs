using System;

namespace Connectors;

/// <summary>
/// Marks the method that decides whether a configuration is acceptable, called on <c>TetraScience.Connector.ValidateConfig</c>
/// and before <c>TetraScience.Connector.UpdateConfig</c> applies a new configuration.
/// </summary>
/// <remarks>
/// The method runs on a separate connector instance that holds the candidate configuration (already bound and checked
/// against the spec), never on the running one. Return <see cref="CheckResult"/>, <c>Task&lt;CheckResult&gt;</c> or
/// <c>ValueTask&lt;CheckResult&gt;</c>: <see cref="CheckResult.Failed(string)"/> rejects the configuration with that
/// message. Parameters as for the other lifecycle hooks. At most one per connector; without one, every configuration that
/// binds is valid.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ValidateConfigAttribute : Attribute
{
}
