using System.Security.Cryptography;
using System.Text;
using Auction.Gateway.Auth;
using Auction.Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Auction.Gateway.Tests.Hardening;

/// <summary>The rules of <see cref="StartupChecks"/> one by one (the real-process tests show the wiring).</summary>
public sealed class StartupChecksTests
{
    private static readonly string StrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string StrongBankSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Development_keeps_its_defaults()
    {
        Assert.Empty(Problems("Development", []));
        Assert.Empty(Problems("Development", new() { ["Auction:DevTokens"] = "true" }));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_Development_every_default_is_refused(string environment)
    {
        var problems = Problems(environment, []);
        Assert.Contains(problems, p => p.StartsWith("Auction:Jwt:SigningKey is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Auction:Bank:Secret is the public development default", StringComparison.Ordinal));
        Assert.Empty(Problems(environment, Safe()));
    }

    [Fact]
    public void The_signing_key_must_be_base64_of_32_random_bytes_outside_Development()
    {
        Assert.Contains("retired development default", Single(Key(JwtSettings.RetiredSigningKey)));
        Assert.Contains("public development default", Single(Key(JwtSettings.DevelopmentSigningKey)));
        Assert.Contains("not base64", Single(Key("not base64 at all!")));
        Assert.Contains("decodes to 16 bytes", Single(Key(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)))));
        Assert.Contains("plain text", Single(Key(Convert.ToBase64String(Encoding.UTF8.GetBytes("correct horse battery staple 1234")))));
        Assert.Contains("repeats a few byte values", Single(Key(Convert.ToBase64String(new byte[32]))));
        Assert.Contains("counting sequence", Single(Key(Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(200 + i)).ToArray()))));
        Assert.All(Problems("Production", Key(StrongKey)), p => Assert.DoesNotContain("SigningKey", p));
        Assert.All(Problems("Production", Key(JwtSettings.RetiredSigningKey)), p => Assert.Contains("openssl rand -base64 32", p));
    }

    [Fact]
    public void A_broken_key_is_refused_in_Development_too_since_it_could_not_sign()
    {
        Assert.Contains("not base64", Assert.Single(Problems("Development", new() { ["Auction:Jwt:SigningKey"] = "short-and-not-base64" })));
        Assert.Contains("decodes to 8 bytes", Assert.Single(Problems("Development", new() { ["Auction:Jwt:SigningKey"] = Convert.ToBase64String(new byte[8]) })));
    }

    [Fact]
    public void With_an_authority_the_key_is_not_used_but_the_authority_must_be_https()
    {
        var oidc = Safe();
        oidc.Remove("Auction:Jwt:SigningKey");
        oidc["Auction:Jwt:Authority"] = "https://id.example.cn/realms/land";
        Assert.Empty(Problems("Production", oidc));
        oidc["Auction:Jwt:Authority"] = "http://id.example.cn/realms/land";
        Assert.Contains("https", Assert.Single(Problems("Production", oidc)));
        oidc["Auction:Jwt:RequireHttpsMetadata"] = "false";
        Assert.Empty(Problems("Production", oidc));
        oidc["Auction:Jwt:Authority"] = "realms/land";
        Assert.Contains("issuer URL", Assert.Single(Problems("Production", oidc)));
    }

    [Fact]
    public void The_bank_secret_must_not_be_the_default_nor_short()
    {
        Assert.Contains("public development default", Single(Bank("dev-bank-secret")));
        Assert.Contains("has 20 characters; at least 32", Single(Bank(new string('k', 20))));
        Assert.Empty(Problems("Production", Bank(StrongBankSecret)));
    }

    [Fact]
    public void Dev_tokens_outside_Development_are_refused()
    {
        var settings = Safe();
        settings["Auction:DevTokens"] = "true";
        Assert.Contains("Auction:DevTokens is true", Assert.Single(Problems("Production", settings)));
        settings["Auction:DevTokens"] = "false";
        Assert.Empty(Problems("Production", settings));
    }

    [Fact]
    public void The_refusal_lists_every_problem_and_names_the_environment()
    {
        var refusal = StartupChecks.Refusal(Configuration([]), Environment("Production"));
        Assert.NotNull(refusal);
        Assert.StartsWith("The gateway refuses to start in the Production environment", refusal);
        Assert.Contains("  - Auction:Jwt:SigningKey", refusal);
        Assert.Contains("  - Auction:Bank:Secret", refusal);
        Assert.Null(StartupChecks.Refusal(Configuration(Safe()), Environment("Production")));
    }

    [Fact]
    public void Dev_tokens_exist_in_Development_or_in_demo_mode_only()
    {
        Assert.True(DevTokens.Enabled(Configuration([]), Environment("Development")));
        Assert.False(DevTokens.Enabled(Configuration(new() { ["Auction:DevTokens"] = "false" }), Environment("Development")));
        Assert.False(DevTokens.Enabled(Configuration([]), Environment("Production")));
        Assert.False(DevTokens.Enabled(Configuration(new() { ["Auction:DevTokens"] = "true" }), Environment("Production")));
        Assert.True(DevTokens.Enabled(Configuration(new() { ["Auction:Demo:Enabled"] = "true" }), Environment("Production")));
    }

    [Fact]
    public void Listen_urls_follow_ASP_NET_then_Auction_Urls_then_the_loopback_default()
    {
        Assert.Equal("http://127.0.0.1:5080", ListenUrls.Choose(Configuration([])));
        Assert.Equal("http://127.0.0.1:7000", ListenUrls.Choose(Configuration(new() { ["Auction:Urls"] = "http://127.0.0.1:7000" })));
        Assert.Null(ListenUrls.Choose(Configuration(new() { ["urls"] = "http://0.0.0.0:6000", ["Auction:Urls"] = "http://127.0.0.1:7000" })));
        Assert.Null(ListenUrls.Choose(Configuration(new() { ["Kestrel:Endpoints:Http:Url"] = "http://0.0.0.0:6000" })));
        Assert.Null(ListenUrls.Choose(Configuration(new() { ["http_ports"] = "8080" })));
        Assert.Equal("http://0.0.0.0:9000", ListenUrls.Choose(Configuration(new() { ["http_ports"] = "8080", ["Auction:Urls"] = "http://0.0.0.0:9000" })));
    }

    private static Dictionary<string, string?> Safe() => new()
    {
        ["Auction:Jwt:SigningKey"] = StrongKey,
        ["Auction:Bank:Secret"] = StrongBankSecret,
    };

    private static Dictionary<string, string?> Key(string key) => new(Safe()) { ["Auction:Jwt:SigningKey"] = key };

    private static Dictionary<string, string?> Bank(string secret) => new(Safe()) { ["Auction:Bank:Secret"] = secret };

    private static string Single(Dictionary<string, string?> settings) => Assert.Single(Problems("Production", settings));

    private static IReadOnlyList<string> Problems(string environment, Dictionary<string, string?> settings) =>
        StartupChecks.Problems(Configuration(settings), Environment(environment));

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IHostEnvironment Environment(string name) => new TestEnvironment { EnvironmentName = name };

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "Auction.Gateway";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
