using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Enclave.Server.Ui;

/// <summary>
/// Translates the API's English problem titles and field messages for people. Keys are the English
/// text in Ui/Text.fr.resx: the exact message first; otherwise its digit template (each run of digits
/// becomes <c>{0}</c>, <c>{1}</c>... in order: <c>must be at least {0} characters.</c>), formatted
/// with the original numbers; "The {what} does not exist..." translates its noun through
/// <c>noun:{what}</c>. Anything unknown comes back in English.
/// </summary>
public static partial class ProblemText
{
    public const string NotFoundTemplate = "The {0} does not exist or is not visible to you.";

    public static string Translate(IStringLocalizer localizer, string message)
    {
        if (string.IsNullOrEmpty(message)) return message;
        var exact = localizer[message];
        if (!exact.ResourceNotFound) return exact.Value;

        if (NotFoundPattern().Match(message) is { Success: true } notFound)
        {
            var template = localizer[NotFoundTemplate];
            var noun = localizer["noun:" + notFound.Groups[1].Value];
            if (template.ResourceNotFound || noun.ResourceNotFound) return message;
            return Capitalize(Format(template.Value, noun.Value));
        }

        var key = DigitTemplate(message, out var numbers);
        if (numbers.Length == 0) return message;
        var translated = localizer[key];
        return translated.ResourceNotFound ? message : Format(translated.Value, numbers);
    }

    /// <summary>The message with each run of digits replaced by <c>{0}</c>, <c>{1}</c>... in order.</summary>
    public static string DigitTemplate(string message, out string[] numbers)
    {
        var found = new List<string>();
        var template = Digits().Replace(message, m =>
        {
            found.Add(m.Value);
            return "{" + (found.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        });
        numbers = [.. found];
        return template;
    }

    private static string Format(string template, params string[] values)
    {
        try
        {
            return string.Format(CultureInfo.CurrentCulture, template, values);
        }
        catch (FormatException)
        {
            return template;
        }
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];

    [GeneratedRegex(@"^The (.+) does not exist or is not visible to you\.$")]
    private static partial Regex NotFoundPattern();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
