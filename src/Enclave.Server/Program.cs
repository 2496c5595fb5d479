using Enclave.Server;
using Enclave.Server.Cli;

if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddEnclave(builder.Configuration);
var app = builder.Build();
app.UseEnclave();
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
