using Enclave.Server.Web;

namespace Enclave.Server.Ui.Components;

/// <summary>
/// A refused form submission as a page shows it: the problem's title at the top of the form and
/// each faulty field's messages next to the field (the same problem details the API answers).
/// </summary>
public sealed class FormProblem
{
    public string? Title { get; private set; }
    public string? Code { get; private set; }
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public bool HasProblem => Title is not null;

    public void Set(ProblemException problem, HttpContext http)
    {
        Title = problem.Title;
        Code = problem.Code;
        _errors = problem.Errors ?? new Dictionary<string, string[]>();
        // The page still renders (with the form and what was typed), under the problem's status.
        PageStatus.Set(http, problem.Status);
    }

    public void Clear()
    {
        Title = null;
        Code = null;
        _errors = new Dictionary<string, string[]>();
    }

    public string[] For(string field) =>
        _errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value ?? [];

    public bool Has(string field) => For(field).Length > 0;

    /// <summary>Runs a form action; a <see cref="ProblemException"/> becomes this form's problem.</summary>
    public async Task<bool> TryAsync(HttpContext http, Func<Task> action)
    {
        Clear();
        try
        {
            await action();
            return true;
        }
        catch (ProblemException problem)
        {
            Set(problem, http);
            return false;
        }
    }
}
