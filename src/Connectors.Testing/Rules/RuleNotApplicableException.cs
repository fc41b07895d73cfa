using System;

namespace Connectors.Testing;

/// <summary>
/// Thrown by a rule that does not apply to the connector under test (or cannot be exercised with the configuration
/// given); the test runner reports the rule as skipped with this message.
/// </summary>
public sealed class RuleNotApplicableException(string reason) : Exception(reason)
{
}
