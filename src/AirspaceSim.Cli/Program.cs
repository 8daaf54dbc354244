using System.Text;
using AirspaceSim.Cli;

// One 64 KiB buffered writer for stdout, for every command, flushed at exit (and by CliApp.Guard before an error
// line): Console.Out flushes through a 256-byte buffer, some 63,000 write calls for a 104k-row batch.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
try
{
    // Ctrl-C cancels the run (it stops cleanly and says how far it got); a second Ctrl-C ends the process at once.
    var cancel = new CancellationTokenSource(); // not disposed: the handler may fire while the process ends
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = !cancel.IsCancellationRequested;
        cancel.Cancel();
    };
    return CliApp.Run(args, new CliIO(Console.In, stdout, Console.Error)
    {
        ErrIsTerminal = !Console.IsErrorRedirected, OutIsTerminal = !Console.IsOutputRedirected, Cancellation = cancel.Token,
    });
}
finally
{
    stdout.Flush();
}
