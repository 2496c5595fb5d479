using System.Text;

namespace Enclave.Tests.Tools.Events;

/// <summary>One content line of an iCalendar object: name, parameters and the raw (still escaped) value.</summary>
internal sealed record ContentLine(string Name, IReadOnlyDictionary<string, string> Parameters, string Value)
{
    /// <summary>RFC 5545 3.3.11: \\ \; \, \n (or \N) back to their characters.</summary>
    public string Text
    {
        get
        {
            var b = new StringBuilder();
            for (var i = 0; i < Value.Length; i++)
            {
                if (Value[i] != '\\' || i + 1 == Value.Length) { b.Append(Value[i]); continue; }
                var next = Value[++i];
                b.Append(next switch { 'n' or 'N' => '\n', _ => next });
            }
            return b.ToString();
        }
    }
}

/// <summary>A component (VCALENDAR, VEVENT) with its properties and sub-components.</summary>
internal sealed class Component(string name)
{
    public string Name { get; } = name;
    public List<ContentLine> Properties { get; } = [];
    public List<Component> Children { get; } = [];
    public ContentLine? this[string property] => Properties.FirstOrDefault(p => p.Name == property);
    public IEnumerable<Component> Events => Children.Where(c => c.Name == "VEVENT");
}

/// <summary>
/// A small RFC 5545 reader written for the tests, independent of the server's writer: it insists
/// on CRLF, checks that no physical line is longer than 75 octets and that folding never splits a
/// UTF-8 character, unfolds, splits parameters (quoted values included) and builds the components.
/// </summary>
internal static class ICalendarParser
{
    public static Component Parse(byte[] bytes)
    {
        // Each physical line must be valid UTF-8 by itself: folding inside a character would break that.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var physical = new List<string>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n') throw new FormatException($"bare LF at octet {i}");
            if (bytes[i] != '\r') continue;
            if (i + 1 >= bytes.Length || bytes[i + 1] != '\n') throw new FormatException($"bare CR at octet {i}");
            var length = i - start;
            if (length > 75) throw new FormatException($"line of {length} octets (max 75)");
            physical.Add(strict.GetString(bytes, start, length));
            start = i + 2;
            i++;
        }
        if (start != bytes.Length) throw new FormatException("the last line does not end with CRLF");
        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t'))
            {
                if (logical.Count == 0) throw new FormatException("continuation before any line");
                logical[^1] += line[1..];
            }
            else logical.Add(line);
        }
        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in logical)
        {
            var content = ParseLine(line);
            if (content.Name == "BEGIN")
            {
                var component = new Component(content.Value);
                if (stack.Count > 0) stack.Peek().Children.Add(component);
                else root = root is null ? component : throw new FormatException("two root components");
                stack.Push(component);
            }
            else if (content.Name == "END")
            {
                if (stack.Count == 0 || stack.Pop().Name != content.Value) throw new FormatException($"END:{content.Value} does not match");
            }
            else if (stack.Count == 0) throw new FormatException("property outside any component");
            else stack.Peek().Properties.Add(content);
        }
        if (stack.Count > 0 || root is null) throw new FormatException("unterminated component");
        return root;
    }

    /// <summary>name *(";" param) ":" value, where a parameter value may be quoted (and then hold ; : ,).</summary>
    public static ContentLine ParseLine(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] != ';' && line[i] != ':') i++;
        if (i == line.Length) throw new FormatException($"no value in \"{line}\"");
        var name = line[..i].ToUpperInvariant();
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (line[i] == ';')
        {
            var eq = line.IndexOf('=', i);
            if (eq < 0) throw new FormatException($"parameter without value in \"{line}\"");
            var key = line[(i + 1)..eq];
            i = eq + 1;
            string value;
            if (i < line.Length && line[i] == '"')
            {
                var close = line.IndexOf('"', i + 1);
                if (close < 0) throw new FormatException("unterminated quoted parameter");
                value = line[(i + 1)..close];
                i = close + 1;
            }
            else
            {
                var end = i;
                while (end < line.Length && line[end] != ';' && line[end] != ':') end++;
                value = line[i..end];
                i = end;
            }
            parameters[key] = value;
            if (i >= line.Length) throw new FormatException("no value");
        }
        return new ContentLine(name, parameters, line[(i + 1)..]);
    }
}
