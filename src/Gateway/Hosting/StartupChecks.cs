using Auction.Gateway.Auth;

namespace Auction.Gateway.Hosting;

/// <summary>One startup check: the problems it finds in the configuration, each naming the setting and how to fix it.</summary>
public delegate IEnumerable<string> StartupCheck(IConfiguration configuration, IHostEnvironment environment);

/// <summary>
/// Nothing unsafe by default: before the host is built, every check runs, and any problem stops the process with a
/// message that names each setting and how to generate a value. Development keeps its public defaults (the key,
/// the bank secret, dev tokens); every other environment must bring its own. To add a check, write a
/// <see cref="StartupCheck"/> and list it in <see cref="All"/>.
/// </summary>
public static class StartupChecks
{
    public const string DevelopmentBankSecret = "dev-bank-secret";
    public const int MinBankSecretLength = 32;

    public static IReadOnlyList<StartupCheck> All { get; } = [JwtSigningKey, JwtAuthority, BankSecret, NoDevTokens];

    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment) =>
        All.SelectMany(check => check(configuration, environment)).ToArray();

    /// <summary>The text to stop with, or null when the configuration is safe for <paramref name="environment"/>.</summary>
    public static string? Refusal(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = Problems(configuration, environment);
        if (problems.Count == 0) return null;
        return $"The gateway refuses to start in the {environment.EnvironmentName} environment; fix these settings " +
            "(environment variables use __ for :, e.g. Auction__Jwt__SigningKey):\n" +
            string.Concat(problems.Select(p => $"  - {p}\n")) +
            "Only ASPNETCORE_ENVIRONMENT=Development (what `dotnet run --project src/Gateway` uses) keeps the public development defaults.";
    }

    /// <summary><c>Auction:Jwt:SigningKey</c>: base64 of ≥ 32 random bytes outside Development; unused with an authority.</summary>
    public static IEnumerable<string> JwtSigningKey(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!string.IsNullOrWhiteSpace(configuration["Auction:Jwt:Authority"])) yield break;
        var key = configuration["Auction:Jwt:SigningKey"];
        var development = environment.IsDevelopment();
        if (key is null)
        {
            if (!development) yield return $"Auction:Jwt:SigningKey is not set, so the public development key would sign tokens: {SigningKeys.HowToGenerate} (or set Auction:Jwt:Authority to an identity provider; see docs/identity.md).";
            yield break;
        }
        if (SigningKeys.Problem(key, requireRandom: !development) is { } problem) yield return $"Auction:Jwt:SigningKey {problem}.";
    }

    /// <summary><c>Auction:Jwt:Authority</c>: an absolute URL, HTTPS unless <c>RequireHttpsMetadata</c> is false.</summary>
    public static IEnumerable<string> JwtAuthority(IConfiguration configuration, IHostEnvironment environment)
    {
        var authority = configuration["Auction:Jwt:Authority"];
        if (string.IsNullOrWhiteSpace(authority)) yield break;
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            yield return $"Auction:Jwt:Authority must be the identity provider's issuer URL (https://…), not '{authority}'.";
        else if (uri.Scheme == Uri.UriSchemeHttp && configuration.GetValue("Auction:Jwt:RequireHttpsMetadata", true))
            yield return "Auction:Jwt:Authority uses http: the identity provider's keys must come over https (Auction:Jwt:RequireHttpsMetadata=false only for a local test provider).";
    }

    /// <summary><c>Auction:Bank:Secret</c>: outside Development not the default and at least 32 characters.</summary>
    public static IEnumerable<string> BankSecret(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment()) yield break;
        var secret = configuration["Auction:Bank:Secret"];
        const string generate = "generate one with `openssl rand -hex 32` and give the bank the same value";
        if (secret is null || secret == DevelopmentBankSecret)
            yield return $"Auction:Bank:Secret is the public development default ('{DevelopmentBankSecret}'), so anyone could sign a deposit credit: {generate}.";
        else if (secret.Length < MinBankSecretLength)
            yield return $"Auction:Bank:Secret has {secret.Length} characters; at least {MinBankSecretLength} are needed: {generate}.";
    }

    /// <summary><c>Auction:DevTokens=true</c> outside Development would let anyone mint a token for any role.</summary>
    public static IEnumerable<string> NoDevTokens(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() && configuration.GetValue("Auction:DevTokens", false))
            yield return "Auction:DevTokens is true, which lets anyone mint a token for any role: remove it (a throwaway demo can run with --demo).";
    }
}
