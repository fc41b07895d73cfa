using System;
using Xunit;
using Xunit.Sdk;

namespace Connectors.Testing;

/// <summary>
/// Marks one rule of the acceptance kit: an xunit fact that may also end as skipped, when the rule does not apply to
/// the connector (no stream reads incrementally, the destination has no overwrite mode, …); the skip says why.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Connectors.Testing.Rules.ConnectorRuleDiscoverer", "Connectors.Testing")]
public sealed class ConnectorRuleAttribute : FactAttribute
{
}
