using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TicketCluster.Silo.Admission;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Admission;

/// <summary>
/// Requests held in flight by their own bodies: each sends the first byte of its JSON and the rest only
/// after <see cref="Release"/>, so the silo has admitted it and its endpoint waits reading. Admission is
/// observed through <see cref="AdmissionControl.Decided"/>, not by waiting for time to pass.
/// </summary>
public sealed class HeldRequests : IDisposable
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly AdmissionControl _control;
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _admitted;

    public HeldRequests(TestSilo silo)
    {
        _control = silo.App.Services.GetRequiredService<AdmissionControl>();
        _control.Decided += OnDecided;
    }

    public Task<HttpResponseMessage> SendAsync(HttpClient client, string path, object body)
    {
        var json = JsonSerializer.Serialize(body, ApiJson.Options);
        return client.PostAsync(path, new GatedJsonContent(json, _gate.Task));
    }

    /// <summary>Completes once <paramref name="count"/> requests have been admitted since this was made.</summary>
    public Task WaitUntilAdmittedAsync(int count)
    {
        lock (_lock)
        {
            if (_admitted >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public void Release() => _gate.TrySetResult();

    public void Dispose()
    {
        Release();
        _control.Decided -= OnDecided;
    }

    private void OnDecided(AdmissionDecision decision)
    {
        if (!decision.Admitted)
        {
            return;
        }

        lock (_lock)
        {
            _admitted++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _admitted).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    private sealed class GatedJsonContent : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly Task _gate;

        public GatedJsonContent(string json, Task gate)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            _gate = gate;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_bytes.AsMemory(0, 1));
            await stream.FlushAsync();
            await _gate;
            await stream.WriteAsync(_bytes.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
