using Enclave.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Enclave.Server.Seeding;

/// <summary>One column of a bulk-loaded table: its name, and how to read an entity's value as the provider stores it.</summary>
public sealed record BulkColumn(string Name, Type ProviderType, Func<object, object?> Read);

/// <summary>
/// How the EF model maps an entity to its table, read from the model itself (table and column
/// names, value converters such as enums-as-strings and UTC dates), so the bulk loader writes
/// exactly the values EF would and stays right when an entity gains a column.
/// </summary>
public sealed class TableMap
{
    public required string Table { get; init; }
    public required IReadOnlyList<BulkColumn> Columns { get; init; }

    public static TableMap For<T>(EnclaveDb db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = new List<BulkColumn>();
        foreach (var property in entity.GetProperties())
        {
            if (property.IsShadowProperty()) throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is a shadow property.");
            var getter = property.GetGetter();
            var converter = property.GetTypeMapping().Converter;
            var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
            Func<object, object?> read = converter is null
                ? getter.GetClrValueUsingContainingEntity
                : e => getter.GetClrValueUsingContainingEntity(e) is { } value ? converter.ConvertToProvider(value) : null;
            columns.Add(new BulkColumn(property.GetColumnName(store)!, providerType, read));
        }
        return new TableMap { Table = table, Columns = columns };
    }
}
