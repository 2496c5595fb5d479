using Enclave.Server.Live;

namespace Enclave.Tests.Live;

/// <summary>Live event ids increase strictly in publication order, even within one millisecond, in every order the engines and .NET use.</summary>
public sealed class LiveEventIdsTests
{
    [Fact]
    public void Ids_minted_in_a_burst_increase_strictly()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => LiveEventIds.Next()).ToList();
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i].CompareTo(ids[i - 1]) > 0, $"{ids[i]} after {ids[i - 1]}");
            // PostgreSQL compares uuids byte by byte; SQLite stores them as upper-case text.
            Assert.True(string.CompareOrdinal(ids[i].ToString().ToUpperInvariant(), ids[i - 1].ToString().ToUpperInvariant()) > 0);
            Assert.Equal(7, ids[i].Version);
        }
    }

    [Fact]
    public void The_next_id_in_a_millisecond_keeps_the_timestamp_version_and_variant()
    {
        Assert.Equal(Guid.Parse("01a2b3c4-d5e6-7123-8000-000000000002"), LiveEventIds.After(Guid.Parse("01a2b3c4-d5e6-7123-8000-000000000001")));
        var carried = LiveEventIds.After(Guid.Parse("01a2b3c4-d5e6-7123-80ff-ffffffffffff"));
        Assert.Equal(Guid.Parse("01a2b3c4-d5e6-7123-8100-000000000000"), carried);
        // Every random bit used up: the next millisecond.
        var id = Guid.Parse("01a2b3c4-d5e6-7fff-bfff-ffffffffffff");
        var next = LiveEventIds.After(id);
        Assert.True(next.CompareTo(id) > 0);
        Assert.Equal(7, next.Version);
        Assert.Equal(0b10, next.Variant >> 2);
        Assert.StartsWith("01a2b3c4-d5e7", next.ToString(), StringComparison.Ordinal);
    }
}
