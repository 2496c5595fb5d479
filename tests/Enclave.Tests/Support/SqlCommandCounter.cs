using System.Diagnostics;

namespace Enclave.Tests.Support;

/// <summary>
/// Counts (and keeps the text of) the SQL commands EF Core runs on behalf of the current async flow (a test's request
/// to the in-process app, whose server preserves the execution context), through EF's
/// DiagnosticListener: background services and other tests' requests are not counted.
/// </summary>
/// <remarks>
/// EF Core's diagnostic listener is process-wide and each pooled context caches whether it is observed,
/// so two tests counting at the same time disturbed each other (a full run in which TaskQueryCountTests
/// saw no command while SearchSqlShapeTests counted): the tests that count share one xunit collection,
/// <see cref="Collection"/>, which runs them one after the other.
/// </remarks>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private const string CommandExecuting = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting";
    private static readonly AsyncLocal<StrongBox?> Active = new();
    private readonly List<IDisposable> _subscriptions = [];

    private sealed class StrongBox
    {
        public readonly List<string> Commands = [];
    }

    /// <summary>The xunit collection of every test class that uses a counter.</summary>
    public const string Collection = "SQL command counter";

    public SqlCommandCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>The number of commands run while <paramref name="work"/> runs (its own flow only).</summary>
    public static async Task<int> CountAsync(Func<Task> work) => (await CaptureAsync(work)).Count;

    /// <summary>The text of the commands run while <paramref name="work"/> runs (its own flow only), in order.</summary>
    public static async Task<List<string>> CaptureAsync(Func<Task> work)
    {
        var box = new StrongBox();
        Active.Value = box;
        try
        {
            await work();
        }
        finally
        {
            Active.Value = null;
        }
        lock (box) return [.. box.Commands];
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore") lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != CommandExecuting || Active.Value is not { } box) return;
        var text = (value.Value as Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData)?.Command.CommandText ?? "";
        lock (box) box.Commands.Add(text);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
