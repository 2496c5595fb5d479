using System.Collections;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Enclave.Bench.FeedSql;

/// <summary>
/// Records every command EF executes while <see cref="Start"/> is open, from the
/// "Microsoft.EntityFrameworkCore" DiagnosticListener: text and parameters at CommandExecuted,
/// rows read at DataReaderDisposing. No server code changes: the listener is process-wide.
/// </summary>
public sealed class CommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<IDisposable> subscriptions = [];
    private readonly Lock gate = new();
    private List<(DbCommand Command, CapturedStatement Statement)>? current;

    public CommandRecorder() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>Starts a recording; the list fills as commands run (one page at a time, not concurrently).</summary>
    public void Start()
    {
        lock (gate) current = [];
    }

    public List<CapturedStatement> Stop()
    {
        lock (gate)
        {
            var done = current ?? throw new InvalidOperationException("Not recording.");
            current = null;
            return done.Select(c => c.Statement).ToList();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            subscriptions.Add(listener.Subscribe(this, name =>
                name == RelationalEventId.CommandExecuted.Name || name == RelationalEventId.DataReaderDisposing.Name));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        lock (gate)
        {
            if (current is null) return;
            switch (e.Value)
            {
                case CommandExecutedEventData executed:
                    current.Add((executed.Command, new CapturedStatement(executed.Command.CommandText,
                        executed.Command.Parameters.Cast<DbParameter>().Select(Describe).ToList(), Rows: -1)));
                    break;
                case DataReaderDisposingEventData disposing:
                    var index = current.FindLastIndex(c => ReferenceEquals(c.Command, disposing.Command));
                    // ReadCount counts calls to Read, the last one (false, past the end) included.
                    if (index >= 0) current[index] = (current[index].Command, current[index].Statement with { Rows = Math.Max(0, disposing.ReadCount - 1) });
                    break;
            }
        }
    }

    private static CapturedParameter Describe(DbParameter p)
    {
        var value = p.Value is null or DBNull ? null : p.Value;
        var providerType = p switch
        {
            SqliteParameter s => s.SqliteType.ToString(),
            NpgsqlParameter n => n.DataTypeName ?? n.NpgsqlDbType.ToString(),
            _ => null,
        };
        return new CapturedParameter(p.ParameterName, value?.GetType().FullName ?? "DBNull", Text(value), p.DbType.ToString(), providerType);
    }

    /// <summary>Invariant text of a value; collections as a JSON array of their elements' texts.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        byte[] b => Convert.ToBase64String(b),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => JsonSerializer.Serialize(items.Cast<object?>().Select(Text).ToList()),
        _ => value.ToString(),
    };

    public void Dispose()
    {
        foreach (var s in subscriptions) s.Dispose();
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
