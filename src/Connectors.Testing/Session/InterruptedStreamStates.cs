using System.Linq;
using Connectors.Testing.Processes;

namespace Connectors.Testing.Session;

/// <summary>What the SIGTERM rule asks of the states of a stream a stop interrupted.</summary>
internal static class InterruptedStreamStates
{
    /// <summary>
    /// An interrupted stream checkpointed what it could: the records after its last state share one cursor value (the
    /// greatest, which more records may still share) unless they came out of cursor order (then no state is safe before
    /// the end), and that state claims no cursor beyond the greatest read.
    /// </summary>
    public static void Problems(ProcessRun run, DiscoveredStream stream, RuleProblems problems)
    {
        var lastState = -1;
        for (var i = 0; i < run.Messages.Count; i++)
        {
            if (Message.TypeOf(run.Messages[i]) == "STATE" && Message.StateStream(Message.Payload(run.Messages[i], "state")) == stream.Name)
            {
                lastState = i;
            }
        }
        if (stream.Cursor.Count == 0 || run.Records(stream.Name).Count == 0)
        {
            return;
        }
        var after = run.Messages.Skip(lastState + 1)
            .Where(m => Message.TypeOf(m) == "RECORD" && Message.StreamOf(Message.Payload(m, "record")) == stream.Name)
            .Select(m => Message.At(Message.DataOf(Message.Payload(m, "record")), stream.Cursor))
            .ToList();
        var values = after.Select(Values.Canonical).Distinct().Count();
        // Records that came out of cursor order allow no checkpoint before the stream's end (any state would skip the
        // lower values still to come), so only a stream read in cursor order owes one at the stop.
        var inCursorOrder = after.Zip(after.Skip(1)).All(pair => Values.Compare(pair.First, pair.Second) <= 0);
        if (values > 1 && inCursorOrder)
        {
            problems.Add($"{stream.Name}: {after.Count} records of {values} cursor values came after its last state, in cursor order: "
                + "the stop did not checkpoint what it had read", run);
        }
        if (lastState >= 0 && stream.Cursor.Count == 1
            && Message.Payload(Message.StreamState(Message.Payload(run.Messages[lastState], "state")), stream.Cursor[0]) is var saved && !Values.IsMissing(saved))
        {
            var greatest = Values.Max(run.Records(stream.Name).Select(r => Message.At(Message.DataOf(r), stream.Cursor)));
            if (!Values.IsMissing(greatest) && Values.Compare(saved, greatest) > 0)
            {
                problems.Add($"{stream.Name}: the last state's cursor {saved.GetRawText()} is beyond the greatest read, {greatest.GetRawText()}", run);
            }
        }
    }
}
