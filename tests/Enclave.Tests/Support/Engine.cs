namespace Enclave.Tests.Support;

/// <summary>The database engines every data-touching test runs on.</summary>
public enum Engine { Sqlite, Postgres }

/// <summary>Theory data: one row per engine (bitwarden's DatabaseData idea).</summary>
public sealed class EnginesAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) =>
        [[Engine.Sqlite], [Engine.Postgres]];
}
