using System.Diagnostics;

namespace Enclave.Tests.Support;

/// <summary>
/// Runs an operator command as an operator runs it: the server's own entry point in a child
/// process, configured by environment variables, with no terminal on standard input, in a
/// temporary working folder (so the default ./data is never touched).
/// </summary>
public static class ServerCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string ConnectionStringFor(Engine engine, TempFolder folder) =>
        engine == Engine.Sqlite ? $"Data Source={Path.Combine(folder.Path, "enclave.db")}" : PostgresServer.CreateDatabase();

    public static Task<CommandResult> RunAsync(Engine engine, string connectionString, TempFolder folder, params string[] arguments) =>
        RunAsync(engine, connectionString, folder, new Dictionary<string, string>(), arguments);

    public static async Task<CommandResult> RunAsync(Engine engine, string connectionString, TempFolder folder, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.Path };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Enclave.Server.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["Database__Provider"] = engine == Engine.Sqlite ? "Sqlite" : "Postgres";
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Storage__Path"] = Path.Combine(folder.Path, "blobs");
        start.Environment["DataProtection__Path"] = Path.Combine(folder.Path, "keys");
        start.Environment.Remove("ENCLAVE_ADMIN_PASSWORD");
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var result = await ChildProcess.RunAsync(start, Timeout);
        if (result.TimedOut) throw new TimeoutException($"{string.Join(' ', arguments)} did not finish in {Timeout}: {result.StandardOutput} {result.StandardError}");
        return new CommandResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }
}

public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("enclave-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file may still be held for a moment; a leftover temp folder is harmless.
        }
    }
}
