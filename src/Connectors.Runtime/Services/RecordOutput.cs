namespace Connectors.Runtime;

/// <summary>
/// Where records emitted through <see cref="ConnectorContext.Emit{TRecord}"/> go; each protocol host supplies its own
/// (the command hosts write Airbyte RECORD messages: <see cref="Airbyte.AirbyteRecordOutput{TConnector}"/>).
/// </summary>
internal abstract class RecordOutput
{
    public abstract void Emit<TRecord>(string stream, TRecord record);
}
