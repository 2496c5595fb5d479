namespace Enclave.Server.Data;

/// <summary>Public identifiers are UUIDv7: time-ordered (good for keyset pagination) and not enumerable.</summary>
public static class Ids
{
    public static Guid New() => Guid.CreateVersion7();
}
