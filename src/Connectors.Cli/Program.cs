using System;
using System.Threading;
using System.Threading.Tasks;
using Connectors.Client;
using Connectors.Client.Validation;

namespace Connectors.Cli;

/// <summary>The <c>connectors</c> command's entry point: parses, dispatches, maps failures to exit codes.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Arguments arguments;
        try
        {
            arguments = new Arguments(args);
        }
        catch (UsageException ex)
        {
            return Usage(ex.Message);
        }
        if (arguments.Command is null or "help" || arguments.Has("--help"))
        {
            Console.Out.Write(Help.Text);
            return arguments.Command is null && !arguments.Has("--help") ? ExitCodes.Usage : ExitCodes.Success;
        }
        try
        {
            return await new Commands(arguments, Console.Out, cancellation.Token).RunAsync().ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            return Usage(ex.Message);
        }
        catch (ConfigValidationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.InvalidConfig;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted: nothing was committed.");
            return ExitCodes.Interrupted;
        }
        catch (ConnectorException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return ExitCodes.Failure;
        }
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine("Run `connectors --help` for usage.");
        return ExitCodes.Usage;
    }
}
