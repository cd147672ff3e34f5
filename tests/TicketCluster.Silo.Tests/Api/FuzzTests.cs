using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TicketCluster.Silo.Api.Contracts;
using TicketCluster.Silo.Auth;
using TicketCluster.Silo.Tests.Support;

namespace TicketCluster.Silo.Tests.Api;

/// <summary>
/// Random and malformed bodies against intake and every command: never a 5xx, and a refused request
/// changes nothing. The generator is seeded, so a failure reproduces; the seed is in the message.
/// </summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int IntakeCases = 300;
    private const int CasesPerCommand = 12;

    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartSqliteAsync();

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Submit_RandomAndMalformedBodies_NeverFailsServerSideAndRefusalsCreateNothing()
    {
        var random = new Random(20261123);
        var client = _silo.Client(ApiRole.Channel);
        for (var i = 0; i < IntakeCases; i++)
        {
            var customer = $"fuzz-{i}";
            var (body, description) = BodyFuzzer.Mutate(JsonSerializer.SerializeToNode(Intakes.Complaint(customerId: customer))!.AsObject(), random);
            using var content = new StringContent(body, Encoding.UTF8, random.Next(10) == 0 ? "text/plain" : "application/json");

            var response = await client.PostAsync("/api/v1/tickets", content);

            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"case {i} ({description}) → {status}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var profile = await _silo.Grains.GetGrain<Grains.Interfaces.ICustomerGrain>(customer).GetAsync();
                Assert.True(profile.Complaints.Count == 0, $"case {i} ({description}) was refused with {status} but touched customer {customer}");
            }
        }
    }

    [Fact]
    public async Task Commands_RandomAndMalformedBodies_NeverFailServerSideAndRefusalsChangeNothing()
    {
        var random = new Random(1123);
        var created = await _silo.Client(ApiRole.Channel).PostJsonAsync("/api/v1/tickets", Intakes.Complaint());
        var ticket = (await created.ReadAsync<TicketView>()).Id;
        var admin = _silo.Client(ApiRole.Admin, "root");
        foreach (var route in CommandRoutes.Routes)
        {
            for (var i = 0; i < CasesPerCommand; i++)
            {
                var before = await (await admin.GetAsync($"/api/v1/tickets/{ticket}")).ReadAsync<TicketView>();
                var seed = JsonSerializer.SerializeToNode(SampleBodies.For(route.Name))!.AsObject();
                var (body, description) = BodyFuzzer.Mutate(seed, random);
                using var content = new StringContent(body, Encoding.UTF8, "application/json");

                var response = await admin.PostAsync($"/api/v1/tickets/{ticket}/{route.Name}", content);

                var status = (int)response.StatusCode;
                Assert.True(status < 500, $"{route.Name} case {i} ({description}) → {status}: {await response.Content.ReadAsStringAsync()}");
                if (status >= 400)
                {
                    var after = await (await admin.GetAsync($"/api/v1/tickets/{ticket}")).ReadAsync<TicketView>();
                    Assert.True(before.Version == after.Version, $"{route.Name} case {i} ({description}) was refused with {status} but changed the ticket");
                }
            }
        }
    }
}

/// <summary>Turns a valid JSON body into a broken or odd one, and says how.</summary>
internal static class BodyFuzzer
{
    private static readonly string[] Nasty =
    [
        "", " ", "null", "\u0000", "🎫", "投诉", new string('字', 10_000), "-1", "1e309", "NaN", "<script>", "' OR 1=1 --",
        "2026-13-45T99:99:99Z", "web_form", "WEB-FORM", "../../etc/passwd", "%00", "\ud800",
    ];

    public static (string Body, string Description) Mutate(JsonObject valid, Random random)
    {
        switch (random.Next(12))
        {
            case 0:
                return ("{", "truncated JSON");
            case 1:
                return ("[]", "an array instead of an object");
            case 2:
                return (RandomText(random), "random text");
            case 3:
                return (new string('[', 5_000) + new string(']', 5_000), "deep nesting");
            case 4:
                return ("{\"a\":" + new string('9', 400) + "}", "huge number");
            default:
                break;
        }

        var mutations = 1 + random.Next(3);
        var said = new List<string>();
        for (var m = 0; m < mutations; m++)
        {
            var (parent, key) = PickProperty(valid, random);
            if (parent is null)
            {
                break;
            }

            switch (random.Next(7))
            {
                case 0:
                    parent.Remove(key);
                    said.Add($"removed {key}");
                    break;
                case 1:
                    parent[key] = null;
                    said.Add($"null {key}");
                    break;
                case 2:
                    parent[key] = random.Next(-1_000_000, 1_000_000) / (random.Next(1, 1000) * 1.0m);
                    said.Add($"number {key}");
                    break;
                case 3:
                    parent[key] = Nasty[random.Next(Nasty.Length)];
                    said.Add($"string {key}");
                    break;
                case 4:
                    parent[key] = new JsonArray(1, "two", null);
                    said.Add($"array {key}");
                    break;
                case 5:
                    parent[key] = new JsonObject { ["x"] = true };
                    said.Add($"object {key}");
                    break;
                default:
                    parent["unexpected" + random.Next(100)] = "surprise";
                    said.Add("unknown property");
                    break;
            }
        }

        return (valid.ToJsonString(), string.Join(", ", said));
    }

    private static (JsonObject? Parent, string Key) PickProperty(JsonObject root, Random random)
    {
        var candidates = new List<(JsonObject, string)>();
        Collect(root, candidates);
        return candidates.Count == 0 ? (null, "") : candidates[random.Next(candidates.Count)];
    }

    private static void Collect(JsonNode? node, List<(JsonObject, string)> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    into.Add((o, key));
                    Collect(value, into);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, into);
                }

                break;
        }
    }

    private static string RandomText(Random random)
    {
        var chars = new char[random.Next(1, 200)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)random.Next(1, 0x3000);
        }

        return new string(chars);
    }
}

/// <summary>A plausible body for each command, the starting point for mutations.</summary>
internal static class SampleBodies
{
    private static readonly object Evidence = new[] { new { kind = "photo", url = "https://cdn.example.com/p.jpg", sha256 = new string('a', 64), note = "lid" } };

    public static object For(string command) => command switch
    {
        "acknowledge" => new { message = "We are on it." },
        "assign" => new { department = "customer-service", agentId = "alice" },
        "request-info" => new { question = "Photo please?" },
        "customer-reply" => new { message = "Here it is.", evidence = Evidence },
        "add-evidence" => new { evidence = Evidence },
        "request-merchant-response" => new { note = "Please answer." },
        "merchant-response" => new { position = "accepts", statement = "Our fault.", evidence = Evidence },
        "start-investigation" => new { investigation = "inspection", note = "Check it." },
        "inspection-result" => new { findings = "Cracked.", evidence = Evidence },
        "determine-responsibility" => new { party = "merchant", reason = "Packaging." },
        "change-severity" => new { severity = "urgent", reason = "Safety." },
        "change-category" => new { category = "logistics", reason = "Transit damage." },
        "propose-resolution" => new { plan = new { kind = "refund", amount = new { amount = 10.5m, currency = "CNY" } } },
        "approve-resolution" => new { note = "ok" },
        "reject-resolution" => new { reason = "too much" },
        "customer-confirmation" => new { accepted = true, statement = "I agree." },
        "authorize-return" => new { returnAddress = "Warehouse 1", window = "7.00:00:00" },
        "return-shipped" => new { carrier = "SF", trackingNumber = "SF123" },
        "return-received" => new { note = "In." },
        "warehouse-inspection" => new { outcome = "pass", note = "Fine." },
        "refund-issued" => new { amount = new { amount = 10.5m, currency = "CNY" }, reference = "R1" },
        "replacement-shipped" => new { carrier = "SF", trackingNumber = "SF9" },
        "repair-completed" => new { note = "Fixed." },
        "resolve" => new { result = "Refunded." },
        "answer-on-the-spot" => new { answer = "Hold the button for five seconds." },
        "decline" => new { reason = "outside-policy", note = "Warranty ended." },
        "close-as-duplicate" => new { duplicateOf = "tk-other", note = "Same order." },
        "close-as-spam" => new { note = "Advertising." },
        "satisfaction" => new { score = 4, comment = "Good." },
        "reopen" => new { reason = "Broke again." },
        "close" => new { note = "Done." },
        "withdraw" => new { reason = "Never mind." },
        "archive" => new { },
        "escalate" => new { reason = "Too slow." },
        "record-cost" => new { lineKind = "other", payer = "merchant", payee = "platform", amount = new { amount = 20m, currency = "CNY" }, reason = "Appraisal fee." },
        "record-logistics-issue" => new { exception = "held-at-customs", note = "Customs asks for an ID." },
        "clear-logistics-issue" => new { exception = "lost", note = "Found." },
        "customs-documents" => new { documents = "Passport copy." },
        _ => new { },
    };
}
