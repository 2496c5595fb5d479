namespace Enclave.E2E.Support;

/// <summary>
/// One server and one Chromium for every browser test: put <c>[Collection(E2ECollection.Name)]</c>
/// on a test class and take <see cref="EnclaveServer"/> and <see cref="Browser"/> in its constructor.
/// </summary>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<EnclaveServer>, ICollectionFixture<Browser>
{
    public const string Name = "E2E";
}
