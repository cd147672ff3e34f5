using Microsoft.AspNetCore.Components;

namespace TicketCluster.WebConsole.Components;

/// <summary>
/// A page that reads the API again every <see cref="RefreshInterval"/> while it is open: a timer in the
/// page's circuit (docs/console.md, Live updates). The tick runs on the circuit's dispatcher, so it never
/// overlaps a render; leaving the page stops it.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    /// <summary>How often an open page reads the API again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _stop = new();

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>Cancelled when the page is left.</summary>
    protected CancellationToken Leaving => _stop.Token;

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Loads once, then again every <see cref="RefreshInterval"/>.</summary>
    protected async Task StartAsync()
    {
        await LoadAsync();
        _ = RefreshAsync();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RefreshAsync()
    {
        using var timer = new PeriodicTimer(RefreshInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
        catch (ObjectDisposedException)
        {
            // The page was left between two ticks.
        }
    }
}
