namespace Auction.Web.Tests.Infrastructure;

/// <summary>How a person signs in through the page (dev sign-in: Development and --demo).</summary>
public static class Session
{
    public static async Task SignIn(IPage page, string role, string subject, string name, string? centre = null, string returnTo = "/")
    {
        await page.GotoAsync($"/signin?returnTo={Uri.EscapeDataString(returnTo)}");
        await page.GetByLabel("角色").SelectOptionAsync(role);
        await page.GetByLabel("用户标识").FillAsync(subject);
        await page.GetByLabel("名称").FillAsync(name);
        if (centre is not null) await page.GetByLabel("交易中心编号").FillAsync(centre);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-user='{subject}']")).ToBeAttachedAsync();
    }
}
