using TicketCluster.Domain;
using TicketCluster.Silo.Admission;

namespace TicketCluster.Silo.Tests.Admission;

public sealed class AdmissionPolicyTests
{
    [Theory]
    [InlineData(4, AdmissionClass.Intake, 4)]
    [InlineData(4, AdmissionClass.NormalIntake, 4)]
    [InlineData(4, AdmissionClass.SeriousIntake, 5)]
    [InlineData(4, AdmissionClass.UrgentIntake, 6)]
    [InlineData(4, AdmissionClass.Other, 6)]
    [InlineData(1, AdmissionClass.SeriousIntake, 2)]
    [InlineData(1, AdmissionClass.UrgentIntake, 2)]
    [InlineData(2000, AdmissionClass.SeriousIntake, 2500)]
    [InlineData(2000, AdmissionClass.UrgentIntake, 3000)]
    [InlineData(int.MaxValue, AdmissionClass.UrgentIntake, int.MaxValue)]
    public void LimitOf_Class_IsTheShareOfMaxInFlightRoundedUp(int maxInFlight, AdmissionClass admissionClass, int expected) =>
        Assert.Equal(expected, AdmissionPolicy.LimitOf(admissionClass, maxInFlight));

    [Fact]
    public void LimitOf_AnyMax_OrdersNormalBeforeSeriousBeforeUrgent()
    {
        foreach (var max in new[] { 1, 2, 3, 7, 100, 2001 })
        {
            Assert.True(AdmissionPolicy.LimitOf(AdmissionClass.NormalIntake, max) <= AdmissionPolicy.LimitOf(AdmissionClass.SeriousIntake, max));
            Assert.True(AdmissionPolicy.LimitOf(AdmissionClass.SeriousIntake, max) <= AdmissionPolicy.LimitOf(AdmissionClass.UrgentIntake, max));
        }
    }

    [Theory]
    [InlineData(Severity.Normal, AdmissionClass.NormalIntake)]
    [InlineData(Severity.Serious, AdmissionClass.SeriousIntake)]
    [InlineData(Severity.Urgent, AdmissionClass.UrgentIntake)]
    public void ClassOf_Severity_IsItsIntakeClass(Severity severity, AdmissionClass expected) =>
        Assert.Equal(expected, AdmissionPolicy.ClassOf(severity));
}
