using System.Globalization;
using System.Text;

namespace Auction.Grains.Tests.Infrastructure;

/// <summary>
/// What someone who can read the journal store's files sees: every byte of a data folder, searched for an amount in any
/// formatting a careless writer could have used.
/// </summary>
public static class StoredBytes
{
    /// <summary>Every file of <paramref name="folder"/> (the SQLite file, its WAL and the key files).</summary>
    public static byte[][] Of(string folder) => Directory.GetFiles(folder).Select(File.ReadAllBytes).ToArray();

    /// <summary>
    /// The amount as text (plain, grouped, fixed with 3 decimals, in fen, scientific; UTF-8 and UTF-16) and as binary
    /// (decimal, double, fen as a long).
    /// </summary>
    public static IEnumerable<byte[]> Needles(decimal value)
    {
        var fen = decimal.ToInt64(value * 100);
        var digits = fen.ToString(CultureInfo.InvariantCulture).TrimEnd('0');
        var mantissa = digits.Length > 1 ? $"{digits[0]}.{digits[1..]}" : digits;
        var exponent = decimal.Truncate(value).ToString(CultureInfo.InvariantCulture).Length - 1;
        var texts = new[]
        {
            value.ToString(CultureInfo.InvariantCulture), fen.ToString(CultureInfo.InvariantCulture), value.ToString("N2", CultureInfo.InvariantCulture),
            value.ToString("0.000", CultureInfo.InvariantCulture), $"{mantissa}E{exponent}", $"{mantissa}E+{exponent:00}", $"{mantissa}e+{exponent:00}",
        };
        foreach (var text in texts)
        {
            yield return Encoding.UTF8.GetBytes(text);
            yield return Encoding.Unicode.GetBytes(text);
        }
        yield return decimal.GetBits(value).SelectMany(BitConverter.GetBytes).ToArray();
        yield return BitConverter.GetBytes((double)value);
        yield return BitConverter.GetBytes(fen);
    }

    /// <summary>Fails when any file of <paramref name="folder"/> holds any of <paramref name="values"/> in any of its formattings.</summary>
    public static void AssertNoneOf(string folder, params decimal[] values)
    {
        var files = Of(folder);
        Assert.NotEmpty(files);
        foreach (var value in values)
            foreach (var needle in Needles(value))
                Assert.False(files.Any(b => b.AsSpan().IndexOf(needle) >= 0), $"{value} is stored in clear ({Encoding.UTF8.GetString(needle)})");
    }
}
