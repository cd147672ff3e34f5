using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace TicketCluster.WebConsole.Tests.Support;

/// <summary>Locators and patterns the browser tests share.</summary>
public static partial class Ui
{
    /// <summary>The input of a command form's field (its API path, <c>plan.amount</c>).</summary>
    public static ILocator Field(IPage page, string command, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator($"[data-form='{command}'] [data-field='{path}']").Locator("input, textarea, select").First;
    }

    /// <summary>A running countdown's text: <c>hh:mm:ss</c>, or <c>Nd hh:mm:ss</c>.</summary>
    [GeneratedRegex(@"^\d\d:\d\d:\d\d$|^\d+d \d\d:\d\d:\d\d$")]
    public static partial Regex Clock();
}
