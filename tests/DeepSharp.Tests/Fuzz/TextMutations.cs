using System.Text;
using DeepSharp.Tensors;

namespace DeepSharp.Tests.Fuzz;

/// <summary>Mutations of text formats (JSON, CSV): characters flipped, replaced, inserted, removed,
/// lines duplicated, the text cut, and numbers replaced by boundary values.</summary>
internal static class TextMutations
{
    public static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "2", "3", "65536", "65537", "2147483647", "2147483648", "-2147483648", "4294967296",
        "9223372036854775807", "1e8", "1e38", "3.4e38", "1e39", "-3e38", "1e308", "1e309", "5e-324", "NaN", "Infinity", "0.5", "1.5", "",
    ];

    /// <summary>Applies 1 to <paramref name="maxOps"/> mutations drawing on <paramref name="alphabet"/>; returns the text and what was done.</summary>
    public static (string Text, string Description) Mutate(string original, RandomGenerator rng, string alphabet, int maxOps)
    {
        var sb = new StringBuilder(original);
        var done = new List<string>();
        int ops = 1 + rng.NextInt(maxOps);
        for (int k = 0; k < ops; k++)
        {
            int at = sb.Length == 0 ? 0 : rng.NextInt(sb.Length);
            int op = rng.NextInt(8);
            done.Add($"{op}@{at}");
            switch (op)
            {
                case 0 when sb.Length > 0: sb[at] = (char)(sb[at] ^ (1 << rng.NextInt(7))); break;
                case 1 when sb.Length > 0: sb[at] = alphabet[rng.NextInt(alphabet.Length)]; break;
                case 2: sb.Insert(at, alphabet[rng.NextInt(alphabet.Length)]); break;
                case 3 when sb.Length > 0: sb.Remove(at, Math.Min(1 + rng.NextInt(8), sb.Length - at)); break;
                case 4: sb.Length = at; break;
                case 5:
                {
                    // Copy a chunk elsewhere (duplicates lines, layers, fields).
                    int length = Math.Min(1 + rng.NextInt(64), sb.Length - at);
                    string chunk = sb.ToString(at, length);
                    sb.Insert(sb.Length == 0 ? 0 : rng.NextInt(sb.Length), chunk);
                    break;
                }
                default:
                    ReplaceNumber(sb, at, rng);
                    break;
            }
        }
        return (sb.ToString(), string.Join(" ", done));
    }

    // Replaces the run of digits at or after `at` with a boundary value.
    private static void ReplaceNumber(StringBuilder sb, int at, RandomGenerator rng)
    {
        int start = at;
        while (start < sb.Length && !char.IsAsciiDigit(sb[start])) start++;
        if (start >= sb.Length) return;
        int end = start;
        while (end < sb.Length && (char.IsAsciiDigit(sb[end]) || sb[end] is '.' or 'e' or 'E' or '-' or '+')) end++;
        sb.Remove(start, end - start).Insert(start, Numbers[rng.NextInt(Numbers.Length)]);
    }
}
