namespace Auction.Web.Tests.Infrastructure;

/// <summary>Every browser test leaves a screenshot of what it checked in bin/…/screenshots (the README shows a few).</summary>
public static class Screenshots
{
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static Task Save(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png"), FullPage = fullPage });
}
