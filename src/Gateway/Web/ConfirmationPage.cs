using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Auction.Contracts.AfterSale;
using Auction.Contracts.Listings;
using Auction.Silo.Rules.Calendar;

namespace Auction.Gateway.Web;

/// <summary>
/// The printable confirmation (成交确认书, R-COM-12) for <c>Accept: text/html</c>: one self-contained page, Chinese with
/// English beside it, times in China time, print CSS for A4 and no script at all. Its only style is the inline sheet
/// below, allowed by hash in this page's Content-Security-Policy and in the web app's (which opens the page from a
/// fetched copy, so the page inherits the app's policy).
/// </summary>
public static class ConfirmationPage
{
    private const string Css = """
        :root { color: #111; font-family: "Noto Serif CJK SC", "Songti SC", "SimSun", serif; }
        body { margin: 0; background: #eef0f3; }
        .sheet { background: #fff; max-width: 180mm; margin: 12mm auto; padding: 16mm 18mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
        h1 { text-align: center; font-size: 26pt; letter-spacing: .4em; margin: 0; }
        .en { text-align: center; margin: 2mm 0 0; color: #444; font-family: sans-serif; font-size: 10pt; }
        .ref { text-align: right; font-family: sans-serif; font-size: 9pt; color: #444; margin: 6mm 0 4mm; }
        dl { display: grid; grid-template-columns: 42mm 1fr; margin: 0; border-top: 1px solid #111; }
        dl > div { display: contents; }
        dt, dd { margin: 0; padding: 2.2mm 2mm; border-bottom: 1px solid #999; }
        dt { font-weight: bold; background: #f4f5f7; }
        dt small, dd small { display: block; font-family: sans-serif; font-weight: normal; font-size: 8.5pt; color: #444; }
        .price { font-size: 14pt; font-weight: bold; }
        .binding { margin: 6mm 0; line-height: 1.7; font-size: 10.5pt; }
        .binding small { display: block; font-family: sans-serif; color: #444; }
        .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 10mm; margin-top: 14mm; }
        .signatures div { border-top: 1px solid #111; padding-top: 2mm; min-height: 24mm; }
        @page { size: A4; margin: 15mm; }
        @media print { body { background: #fff; } .sheet { box-shadow: none; margin: 0; max-width: none; padding: 0; } }
        """;

    /// <summary>The CSP source that allows the page's one style sheet.</summary>
    public static readonly string StyleSource = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css)))}'";

    /// <summary>No script, no connection, no form, no framing: only the inline sheet.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src {StyleSource}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(SaleConfirmation c)
    {
        var p = c.Parcel;
        var rows = new (string Label, string English, string Value)[]
        {
            ("出让人", "Grantor", Text(c.Grantor)),
            ("竞得人", "Winner", $"{Text(c.WinnerName)}<small>竞买号 Bidder number {Text(c.WinnerBidderNo)}</small>"),
            ("宗地编号", "Parcel number", Text(p.ParcelNo)),
            ("宗地坐落", "Location", $"{Text(p.Location)}<small>行政区划代码 County code {Text(p.CountyCode)}</small>"),
            ("土地用途", "Land use", Label(Uses, p.Use)),
            ("出让面积", "Area", $"{Number(p.AreaM2)} 平方米<small>{Number(p.AreaM2)} m²</small>"),
            ("出让年限", "Term", $"{p.TermYears} 年<small>{p.TermYears} years</small>"),
            ("出让方式", "Method", Label(Methods, c.Method) + (c.DealMethod is { } deal ? $"<small>{Text(Camel(deal))}</small>" : "")),
            ("成交时间", "Time of the deal", $"{ChinaTimeText(c.ClosedAt)}<small>China time (UTC+8)</small>"),
            ("成交地点", "Venue of the deal", c.DealVenue == DealVenue.OnSite ? "交易现场<small>on site, in the trading hall</small>" : "网上交易系统<small>the online trading system</small>"),
            ("成交价款", "Price", $"<span class=\"price\">{Number(c.Price)} 元</span><small>yuan ({Number(c.Price / 10_000m)} 万元)</small>"),
            ("定金", "Earnest money", $"{Number(c.EarnestMoney)} 元<small>竞买保证金转作定金，抵作土地出让价款 · the deposit becomes earnest money credited against the price</small>"),
            ("合同签订", "Grant contract", ContractText(c)),
        };
        var body = new StringBuilder();
        foreach (var (label, english, value) in rows)
            body.Append(CultureInfo.InvariantCulture, $"<div><dt>{label}<small>{english}</small></dt><dd>{value}</dd></div>\n");
        return $"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>成交确认书 · Confirmation of the deal · {Text(p.ParcelNo)}</title>
            <style>{Css}</style>
            </head>
            <body>
            <main class="sheet">
            <h1>成交确认书</h1>
            <p class="en">Confirmation of the deal</p>
            <p class="ref">编号 No. {Text(c.ListingId)}</p>
            <dl>
            {body}</dl>
            <p class="binding">本确认书对出让人和竞得人具有法律效力。出让人改变竞得结果，或者竞得人放弃竞得宗地的，应当依法承担责任。
            <small>This confirmation binds the grantor and the winner; if the grantor changes the result or the winner abandons the parcel, each bears legal liability (Order 39 Art. 20).</small></p>
            <div class="signatures"><div>出让人（盖章）<small>Grantor (seal)</small></div><div>竞得人（签章）<small>Winner (signature or seal)</small></div></div>
            </main>
            </body>
            </html>
            """;
    }

    private static string ContractText(SaleConfirmation c) =>
        c.ContractDueBy is { } dueBy
            ? $"于 {ChinaDateText(dueBy.AddTicks(-1))} 前（成交后 10 个工作日内）在出让人处签订《国有建设用地使用权出让合同》" +
              $"<small>to be signed at the grantor's office by {ChinaDateText(dueBy.AddTicks(-1))} (10 working days after the deal)</small>"
            : $"成交后 10 个工作日内签订<small>within 10 working days after the deal; the date cannot be computed yet: {Text(c.ContractDueByProblem ?? "")}</small>";

    private static readonly Dictionary<LandUse, string> Uses = new()
    {
        [LandUse.Industrial] = "工业用地<small>industrial</small>",
        [LandUse.Warehouse] = "仓储用地<small>warehouse</small>",
        [LandUse.Commercial] = "商服用地<small>commercial</small>",
        [LandUse.Residential] = "住宅用地<small>residential</small>",
        [LandUse.Mixed] = "混合用地<small>mixed</small>",
        [LandUse.Other] = "其他用地<small>other</small>",
    };

    private static readonly Dictionary<GrantMethod, string> Methods = new()
    {
        [GrantMethod.Listing] = "挂牌出让<small>listing</small>",
        [GrantMethod.Auction] = "拍卖出让<small>auction</small>",
        [GrantMethod.Tender] = "招标出让<small>tender</small>",
    };

    private static string Label<T>(Dictionary<T, string> labels, T value) where T : struct, Enum =>
        labels.TryGetValue(value, out var label) ? label : Text(Camel(value));

    private static string Camel<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static string Text(string value) => WebUtility.HtmlEncode(value);

    private static string Number(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static string ChinaTimeText(DateTimeOffset instant) =>
        instant.ToOffset(ChinaTime.Offset).ToString("yyyy年MM月dd日 HH:mm:ss", CultureInfo.InvariantCulture);

    private static string ChinaDateText(DateTimeOffset instant) =>
        instant.ToOffset(ChinaTime.Offset).ToString("yyyy年MM月dd日", CultureInfo.InvariantCulture);
}
