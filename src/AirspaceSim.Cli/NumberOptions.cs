using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AirspaceSim.Geodesy;

namespace AirspaceSim.Cli;

/// <summary>
/// Options that take a number, parsed with the library's one number syntax (<see cref="InvariantNumber"/>: invariant
/// culture, decimal point, no group separators) and checked against a stated range. System.CommandLine's own parser
/// takes <c>0,5</c> as 5 and reports <c>abc</c> as "Cannot parse argument 'abc' ... as expected type
/// 'System.Double'"; these say which option, which value, and what is accepted.
/// </summary>
internal static class NumberOptions
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Accepts only <paramref name="values"/>, in any case (as airport codes, types and <c>--sweep</c> names are:
    /// <c>--format CSV</c> was refused), handed on in lower case; the refusal says what it accepts, as System.CommandLine's
    /// own <c>AcceptOnlyFromAmong</c> does, and the help lists the values.
    /// </summary>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        var fallback = option.DefaultValueFactory;
        option.CustomParser = r => r.Tokens.Count == 0 ? fallback?.Invoke(r) ?? "" : r.Tokens[^1].Value.ToLowerInvariant();
        option.Validators.Add(r =>
        {
            foreach (var t in r.Tokens)
                if (!values.Contains(t.Value.ToLowerInvariant()))
                    r.AddError($"Argument '{t.Value}' not recognized. Must be one of: {string.Join(" ", values.Select(v => $"'{v}'"))}");
        });
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary>A number option with values in [<paramref name="min"/>, <paramref name="max"/>]; <paramref name="why"/>
    /// explains the range in the error message.</summary>
    public static Option<double> Double(string name, string description, double defaultValue, double min, double max, string unit, string why,
        string? helpName = null) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = Token(result);
                if (!InvariantNumber.TryParse(text, out double x))
                {
                    result.AddError($"{name}: {InvariantNumber.Problem(text)}");
                    return defaultValue;
                }
                if (x < min || x > max)
                    result.AddError(string.Create(Inv, $"{name}: {x:R} is outside [{min:R}, {max:R}] {unit} ({why})"));
                return x + 0.0; // -0 is 0
            },
        };

    /// <summary>A whole-number option with values in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min, int max, string why, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = Token(result);
                if (!InvariantNumber.TryParseInt(text, out int n))
                {
                    // 99999999999 is a whole number outside the option's range, not outside int's (which the user never chose).
                    result.AddError(IsWholeNumber(text)
                        ? string.Create(Inv, $"{name}: {InvariantNumber.Quote(text.Trim(), quotes: false)} is outside [{min}, {max}] ({why})")
                        : $"{name}: {InvariantNumber.IntProblem(text)}");
                    return defaultValue;
                }
                if (n < min || n > max)
                    result.AddError(string.Create(Inv, $"{name}: {n} is outside [{min}, {max}] ({why})"));
                return n;
            },
        };

    /// <summary>A 64-bit whole-number option (any value): System.CommandLine's own parser said "Cannot parse argument
    /// 'abc' for option '--seed' as expected type 'System.Int64'".</summary>
    public static Option<long> Long(string name, string description, long defaultValue) =>
        new(name)
        {
            Description = description,
            HelpName = "N",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = Token(result);
                if (long.TryParse(text, NumberStyles.Integer, Inv, out long n)) return n;
                result.AddError(IsWholeNumber(text)
                    ? string.Create(Inv, $"{name}: {InvariantNumber.Quote(text.Trim(), quotes: false)} is outside the 64-bit range [{long.MinValue}, {long.MaxValue}]")
                    : $"{name}: {InvariantNumber.IntProblem(text).Replace(", e.g. 100", ", e.g. 42", StringComparison.Ordinal)}");
                return defaultValue;
            },
        };

    /// <summary>The option without a default value, for an option whose absence means something else than any number
    /// (<c>route --fl</c>: the type's own level; <c>perf --mass-kg</c>: required). The help printed <c>[default: 0]</c>
    /// beside "default the type's own" and beside <c>(REQUIRED)</c>. Unset, it reads as 0 and its result is null.</summary>
    public static Option<T> WithoutDefault<T>(Option<T> option)
    {
        option.DefaultValueFactory = null;
        return option;
    }

    // Optional sign and digits only (so a whole number, however long).
    private static bool IsWholeNumber(string text)
    {
        var t = text.AsSpan().Trim();
        if (t.Length > 0 && (t[0] == '+' || t[0] == '-')) t = t[1..];
        return t.Length > 0 && !t.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Rejects an occurrence of a repeatable option without a value (<c>--closed A --closed</c>).</summary>
    public static void RequireValueEachTime(Option option) =>
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count < r.IdentifierTokenCount)
                r.AddError($"{option.Name}: an occurrence of {option.Name} has no value (each {option.Name} takes one, e.g. {option.Name} VALUE)");
        });

    // Arity one: System.CommandLine has already reported a missing value, so there is exactly one token here.
    private static string Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
}
