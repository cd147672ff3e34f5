using TicketCluster.Domain;

namespace TicketCluster.Silo.Admission;

/// <summary>What a request is, for admission control.</summary>
public enum AdmissionClass
{
    /// <summary>An intake admitted below every limit, whose severity was therefore not estimated.</summary>
    Intake,

    NormalIntake,

    SeriousIntake,

    UrgentIntake,

    /// <summary>Reads and commands: they move tickets already taken towards closure, so they are shed
    /// only with urgent intake.</summary>
    Other,
}

/// <summary>One admission decision: the request's place among the requests in flight (itself
/// included), the limit of its class, and whether it was let in.</summary>
public readonly record struct AdmissionDecision(AdmissionClass Class, int Position, int Limit, bool Admitted);

/// <summary>
/// The shedding order: normal intake is refused once <c>MaxInFlight</c> requests are in flight, serious
/// intake at 125 % of it, urgent intake (and every other request) at 150 %. Pure arithmetic.
/// </summary>
public static class AdmissionPolicy
{
    /// <summary>The most requests in flight (this one included) at which a request of
    /// <paramref name="admissionClass"/> is still admitted.</summary>
    public static int LimitOf(AdmissionClass admissionClass, int maxInFlight) => admissionClass switch
    {
        AdmissionClass.Intake or AdmissionClass.NormalIntake => maxInFlight,
        AdmissionClass.SeriousIntake => Scale(maxInFlight, 5, 4),
        _ => Scale(maxInFlight, 3, 2),
    };

    public static AdmissionClass ClassOf(Severity severity) => severity switch
    {
        Severity.Urgent => AdmissionClass.UrgentIntake,
        Severity.Serious => AdmissionClass.SeriousIntake,
        _ => AdmissionClass.NormalIntake,
    };

    /// <summary>The metric tag of a class's severity.</summary>
    public static string SeverityTagOf(AdmissionClass admissionClass) => admissionClass switch
    {
        AdmissionClass.UrgentIntake => "urgent",
        AdmissionClass.SeriousIntake => "serious",
        AdmissionClass.Intake or AdmissionClass.NormalIntake => "normal",
        _ => "none",
    };

    /// <summary><paramref name="value"/> × numerator / denominator, rounded up, in 64 bits.</summary>
    private static int Scale(int value, int numerator, int denominator) =>
        (int)Math.Min(int.MaxValue, (((long)value * numerator) + denominator - 1) / denominator);
}
