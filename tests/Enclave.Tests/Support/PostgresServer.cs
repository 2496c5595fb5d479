using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Enclave.Tests.Support;

/// <summary>
/// The real PostgreSQL server the tests use. <c>./test.sh</c> starts one and passes
/// <c>ENCLAVE_TEST_POSTGRES</c> (a connection string without database); when it is absent (a plain
/// <c>dotnet test</c>), the first test that needs PostgreSQL starts a throwaway cluster on
/// loopback from the installed binaries and stops it when the test process exits.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Server.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string CreateDatabase(string prefix = "enclave_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(ConnectionString + ";Database=postgres"))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }
        return $"{ConnectionString};Database={name};Include Error Detail=true";
    }

    private static string Start()
    {
        var configured = Environment.GetEnvironmentVariable("ENCLAVE_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL is not installed: run ./test.sh (it installs it) or set ENCLAVE_TEST_POSTGRES.");
        var port = FreePort();
        var root = Directory.CreateTempSubdirectory("enclave-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"postgres:postgres {root}");
        RunPg(bin, asRoot, "initdb", $"-D {root}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8");
        RunPg(bin, asRoot, "pg_ctl", $"-D {root}/data -l {root}/server.log -w -t 60 -o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=500\" start");
        // The test host is often killed rather than exited, so a detached watchdog stops the
        // cluster and removes its folder once this process is gone.
        var stop = asRoot ? $"runuser -u postgres -- {bin}/pg_ctl -D {root}/data -m immediate -w stop" : $"{bin}/pg_ctl -D {root}/data -m immediate -w stop";
        var watchdog = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; {stop} >/dev/null 2>&1; rm -rf {root}";
        Process.Start(new ProcessStartInfo("setsid", ["bash", "-c", watchdog]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true })?.Dispose();
        return $"Host=127.0.0.1;Port={port};Username=postgres";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunPg(string bin, bool asRoot, string tool, string arguments)
    {
        if (asRoot) Run("runuser", $"-u postgres -- {bin}/{tool} {arguments}");
        else Run($"{bin}/{tool}", arguments);
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed: {error.Result}");
    }
}
