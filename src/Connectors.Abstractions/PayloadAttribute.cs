using System;

namespace Connectors;

/// <summary>
/// On the one payload parameter of a <see cref="CommandAttribute"/> method: the whole payload object binds to it (as
/// TetraScience's <c>def my_action(self, body: dict)</c>), instead of a payload field of the parameter's name. Its type is
/// a class, struct or record, whose members are the payload's fields (bound by a generated reader, no reflection), or
/// <c>JsonElement</c>, which takes any payload object as is.
/// </summary>
/// <remarks>
/// The other parameters may only be those the runtime supplies (<c>CancellationToken</c>, <c>ILogger</c>,
/// <see cref="OperatingStatus"/>, <c>ConnectorContext</c>): a field of the payload cannot belong to two parameters.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class PayloadAttribute : Attribute
{
}
