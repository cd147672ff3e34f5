using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using TicketCluster.Domain;
using TicketCluster.Domain.Classification;
using TicketCluster.Silo.Api;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;

namespace TicketCluster.Silo.Admission;

/// <summary>
/// The severity of an intake as admission control guesses it, before the intake runs: the body's explicit
/// <c>severity</c>, else the classifier's verdict on the body alone — counting only the fields the caller's
/// role may set (<see cref="IntakeTrust"/>), so a customer who claims "urgent" gains no priority. It is an estimate: the real
/// classification also counts the customer's recent complaints (which needs a grain call, too dear for
/// a node that is shedding load), so a repeat complainer's intake may be estimated one level low. A body
/// that cannot be read is estimated normal; the endpoint then answers it with its own 400.
/// </summary>
internal static class IntakeSeverityEstimate
{
    /// <summary>Reads the body (buffered, so the endpoint reads it again) and estimates.</summary>
    public static async Task<Severity> OfAsync(HttpRequest request, TicketClassifier classifier, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Severity.Normal;
        }

        request.EnableBuffering();
        try
        {
            var body = await JsonSerializer.DeserializeAsync<IntakeBody>(request.Body, ApiJson.Options, cancellationToken);
            if (body is null)
            {
                return Severity.Normal;
            }

            // Admission runs before the authorization middleware: authenticate here (only for an intake
            // past the normal limit) to learn which fields of the body count.
            var authentication = await request.HttpContext.AuthenticateAsync();
            var role = authentication.Succeeded ? Caller.From(authentication.Principal)?.Role : null;
            return Of(IntakeTrust.Trusted(body, role), classifier);
        }
        catch (JsonException)
        {
            return Severity.Normal;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    public static Severity Of(IntakeBody body, TicketClassifier classifier)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(classifier);
        if (body.Severity is { } explicitSeverity)
        {
            return explicitSeverity;
        }

        Money? amount = body.Order is { Amount: { } value and >= 0, Currency: { Length: 3 } currency } && currency.All(char.IsAsciiLetterUpper)
            ? new Money(value, currency)
            : null;
        var input = new ClassificationInput(body.Description ?? "", body.Category, null, body.Customer?.Tier ?? CustomerTier.Regular, amount, 0, false);
        return classifier.Classify(input).Severity;
    }
}
