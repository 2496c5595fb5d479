using Enclave.Server.Web;

namespace Enclave.Server.Demo;

/// <summary>The <c>demo</c> operator command: loads the demo world into an empty database and says how to sign in.</summary>
public static class DemoCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var loader = scope.ServiceProvider.GetRequiredService<DemoLoader>();
        DemoSummary summary;
        try
        {
            summary = await loader.LoadAsync(cancellationToken);
        }
        catch (ProblemException problem) when (problem.Code == DemoLoader.NotEmptyCode)
        {
            await error.WriteLineAsync($"error: {problem.Title} Nothing was changed. To look around with demo data, point " +
                "Database:ConnectionString at a new database (or start from an empty ./data folder) and run `demo` again.");
            return 1;
        }
        await output.WriteAsync(Describe(summary));
        return 0;
    }

    /// <summary>What was loaded and how to sign in, for the command's output and the start-up log.</summary>
    public static string Describe(DemoSummary summary)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"Loaded the demo world: {summary.Organizations} organizations in a federation, {summary.Spheres} spheres, " +
            $"{summary.People} people, {summary.Posts} posts.");
        text.AppendLine($"Every demo account has the password: {DemoWorld.Password}");
        text.AppendLine($"Sign in first as {DemoWorld.FirstUser} (a manager of both organizations, in every sphere).");
        foreach (var person in DemoWorld.People)
            text.AppendLine($"  {person.UserName,-16} {person.FirstName} {person.LastName} ({person.Language}): {person.Part}");
        return text.ToString();
    }
}
