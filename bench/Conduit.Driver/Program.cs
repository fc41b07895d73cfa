// usage: Conduit.Driver <plugin executable> <users> [structured|raw]
// Starts the plugin as Conduit does (empty environment plus the cookie), configures Faker to read `users` only, reads
// the Run stream to the last record while acking every batch, and prints: records seconds records/s peak-RSS-KiB
// plugin-CPU-s driver-CPU-s (seconds from the process's start to the last record; peak RSS of the plugin process,
// VmHWM; the plugin's user + system CPU time up to then; the driver's own CPU time at its end).
using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ConduitWire.Connector.V2;
using Grpc.Net.Client;

var executable = args[0];
var users = int.Parse(args[1], CultureInfo.InvariantCulture);
var payload = args.Length > 2 ? args[2] : "structured";

// Wall time from the process's start to the last record: start-up, handshake, Configure and Open included, as a
// `read` measured from its start to its exit includes its start-up.
var clock = Stopwatch.StartNew();
var info = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
info.Environment.Clear();
info.Environment["CONDUIT_PLUGIN_MAGIC_COOKIE"] = "204e8e812c3a1bb73b838928c575b42a105dd2e9aa449be481bc4590486df53f";
info.Environment["PLUGIN_PROTOCOL_VERSIONS"] = "2";
info.Environment["CONDUIT_CONNECTOR_LOG_LEVEL"] = "warn";
using var process = Process.Start(info)!;
_ = process.StandardError.ReadToEndAsync();
var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("no handshake line");
using var channel = GrpcChannel.ForAddress("http://" + line.Split('|')[3], new GrpcChannelOptions { MaxReceiveMessageSize = 16 << 20 });
var source = new SourcePlugin.SourcePluginClient(channel);

var configure = new Source.Types.Configure.Types.Request();
configure.Config.Add("count", users.ToString(CultureInfo.InvariantCulture));
configure.Config.Add("always_updated", "false");
configure.Config.Add("records_per_slice", "1000");
configure.Config.Add("sdk.streams", "users");
configure.Config.Add("sdk.payload.format", payload);
await source.ConfigureAsync(configure);
await source.OpenAsync(new Source.Types.Open.Types.Request());

using var run = source.Run();
long received = 0;
while (received < users && await run.ResponseStream.MoveNext(default))
{
    var records = run.ResponseStream.Current.Records;
    received += records.Count;
    var ack = new Source.Types.Run.Types.Request();
    ack.AckPositions.AddRange(records.Select(r => r.Position));
    await run.RequestStream.WriteAsync(ack);
}
var seconds = clock.Elapsed.TotalSeconds;
var peak = File.ReadAllLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
// The plugin's CPU time (user + system, clock ticks of 1/100 s): steadier than wall time on a shared machine.
var stat = File.ReadAllText($"/proc/{process.Id}/stat");
var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
var cpu = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
await source.StopAsync(new Source.Types.Stop.Types.Request());
await run.RequestStream.CompleteAsync();
while (await run.ResponseStream.MoveNext(default))
{
}
await source.TeardownAsync(new Source.Types.Teardown.Types.Request());
await new global::ConduitWire.Plugin.GRPCController.GRPCControllerClient(channel).ShutdownAsync(new global::ConduitWire.Plugin.Empty());
await process.WaitForExitAsync();
// The stand-in's own CPU time: decoding the records is Conduit's work, and on two cores it competes with the plugin.
var own = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{received} {seconds:F3} {received / seconds:F0} {peak} {cpu:F2} {own:F2}"));
