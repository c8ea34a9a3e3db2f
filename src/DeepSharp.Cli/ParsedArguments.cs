using System.Globalization;

namespace DeepSharp.Cli;

/// <summary>
/// The options of one command, parsed against its <see cref="OptionSpec"/>s. Accepts
/// <c>--name value</c> and <c>--name=value</c>; unknown options, missing values and repeated
/// options are usage errors that list what is accepted.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);
    private readonly string _command;
    private readonly List<string> _positional = [];

    /// <summary>Parses <paramref name="args"/> (the words after the command name); up to
    /// <paramref name="maxPositional"/> plain words are kept in <see cref="Positional"/>.</summary>
    public ParsedArguments(string command, IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs, int maxPositional = 0)
    {
        _command = command;
        var byName = specs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith('-') && _positional.Count < maxPositional)
            {
                _positional.Add(arg);
                continue;
            }
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
                throw new CliUsageException($"'{command}': unexpected argument '{arg}'; options start with --. Run 'deepsharp {command} --help'.");
            string name = arg[2..];
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            if (!byName.TryGetValue(name, out var spec))
                throw new CliUsageException(
                    $"'{command}': unknown option '--{name}'; accepted: {string.Join(", ", specs.Select(s => "--" + s.Name))}.");
            if (_values.ContainsKey(name))
                throw new CliUsageException($"'{command}': option '--{name}' is given twice.");
            if (spec.IsFlag)
            {
                if (value is not null) throw new CliUsageException($"'{command}': option '--{name}' takes no value.");
                _values[name] = null;
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
                    throw new CliUsageException($"'{command}': option '--{name}' needs a value ({spec.ValueName}).");
                value = args[++i];
            }
            _values[name] = value;
        }
    }

    /// <summary>The plain words given (at most the command's <see cref="IPositionalCommand.MaxPositional"/>).</summary>
    public IReadOnlyList<string> Positional => _positional;

    /// <summary>True when the flag or option was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The raw value, or <paramref name="fallback"/> when absent.</summary>
    public string? GetString(string name, string? fallback = null) => _values.TryGetValue(name, out var v) ? v : fallback;

    /// <summary>The value as an integer within [min, max], or the fallback.</summary>
    public int GetInt(string name, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result))
            throw new CliUsageException($"'{_command}': option '--{name}' expects an integer, got '{v}'.");
        if (result < min || result > max)
            throw new CliUsageException($"'{_command}': option '--{name}' must be between {min} and {max}, got {result}.");
        return result;
    }

    /// <summary>The value as a number within [min, max], or the fallback.</summary>
    public double GetDouble(string name, double fallback, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double result) || !double.IsFinite(result))
            throw new CliUsageException($"'{_command}': option '--{name}' expects a number, got '{v}'.");
        if (result < min || result > max)
            throw new CliUsageException($"'{_command}': option '--{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {v}.");
        return result;
    }

    /// <summary>A comma-separated list of positive integers (e.g. <c>128,64</c>), or the fallback.</summary>
    public int[] GetIntList(string name, int[] fallback)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        var parts = v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            throw new CliUsageException($"'{_command}': option '--{name}' expects positive integers separated by commas (e.g. 128,64), got '{v}'.");
        var result = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out result[i]) || result[i] <= 0)
                throw new CliUsageException($"'{_command}': option '--{name}' expects positive integers separated by commas (e.g. 128,64), got '{v}'.");
        return result;
    }

    /// <summary>The value as one of <paramref name="choices"/> (case-insensitive), or the fallback.</summary>
    public string GetChoice(string name, string fallback, params string[] choices)
    {
        if (!_values.TryGetValue(name, out var v) || v is null) return fallback;
        var match = choices.FirstOrDefault(c => string.Equals(c, v, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new CliUsageException($"'{_command}': option '--{name}' got '{v}'; accepted: {string.Join(", ", choices)}.");
    }
}
