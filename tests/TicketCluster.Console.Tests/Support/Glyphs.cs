using Microsoft.Playwright;

namespace TicketCluster.WebConsole.Tests.Support;

/// <summary>Whether the browser has glyphs for a text: a character without one is drawn as the font's
/// missing-glyph box (the same picture for every such character), so characters that each draw a picture
/// of their own have real glyphs.</summary>
public static class Glyphs
{
    private const string Script = """
        ([selector, text]) => {
          const family = getComputedStyle(document.querySelector(selector)).fontFamily;
          const canvas = document.createElement('canvas');
          canvas.width = 64;
          canvas.height = 64;
          const context = canvas.getContext('2d', { willReadFrequently: true });
          context.font = '40px ' + family;
          const pictures = new Set();
          for (const character of new Set(Array.from(text))) {
            context.clearRect(0, 0, 64, 64);
            context.fillText(character, 8, 48);
            pictures.add(Array.from(context.getImageData(0, 0, 64, 64).data).join(','));
          }
          return pictures.size;
        }
        """;

    /// <summary>How many different pictures the different characters of <paramref name="text"/> draw in the
    /// font of the element at <paramref name="selector"/>.</summary>
    public static async Task<int> DistinctAsync(IPage page, string selector, string text)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<int>(Script, new object[] { selector, text });
    }
}
