using Connectors.Generators.Tests.Harness;
using Xunit;

namespace Connectors.Generators.Tests.Generation;

/// <summary>Record types: the stream's json_schema and the generated serializer.</summary>
public sealed class RecordSnapshotTests
{
    [Fact]
    public void Nested_records_and_collections() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public sealed record Order(long Id, Customer Customer, Line[] Lines, List<string> Tags, IReadOnlyList<Customer> Contacts,
            IEnumerable<int> Codes, List<List<int>> Matrix, Dictionary<string, int> Counters, IReadOnlyDictionary<string, Line> LinesBySku);

        public sealed record Customer(string Name, Address Address);

        public sealed record Address(string Street, string City);

        public readonly record struct Line(string Sku, int Quantity, decimal Price);

        [Connector("source-orders")]
        public partial class OrdersSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("orders", PrimaryKey = nameof(Order.Id))]
            public IEnumerable<Order> Orders() => [];
        }
        """);

    [Fact]
    public void Nullable_members() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using Connectors;

        namespace Sample;

        public enum Status { Active, Closed }

        public sealed record Item(
            long Id,
            string? Note,
            int? Count,
            bool? Flag,
            double? Ratio,
            DateTimeOffset? ClosedAt,
            DateOnly? Due,
            TimeOnly? Opens,
            Guid? ExternalId,
            Status? Status,
            Uri? Website,
            byte[]? Avatar,
            Child? Child,
            Point? Location,
            List<string?>? Labels,
            int?[] Scores,
            Dictionary<string, Child?>? Children);

        public sealed record Child(string Name);

        public readonly record struct Point(double X, double Y);

        [Connector("source-nullables")]
        public partial class NullablesSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("items")]
            public IEnumerable<Item> Items() => [];
        }
        """);

    [Fact]
    public void Enum_members() => Snapshot.GenerateAndVerify("""
        using System.Collections.Generic;
        using System.Runtime.Serialization;
        using System.Text.Json.Serialization;
        using Connectors;

        namespace Sample;

        public enum Status
        {
            Active,
            [JsonStringEnumMemberName("on-hold")]
            OnHold,
            [EnumMember(Value = "closed_for_good")]
            Closed,
        }

        public enum Priority : byte { Low = 1, High = 5, Urgent = High }

        public sealed record Ticket(int Id, Status Status, Status? Previous, List<Status> History, Priority Priority);

        [Connector("source-tickets")]
        public partial class TicketsSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("tickets")]
            public IEnumerable<Ticket> Tickets() => [];
        }
        """);

    [Fact]
    public void Special_value_types() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using Connectors;

        namespace Sample;

        public sealed record Specimen(
            Guid Id,
            TimeOnly OpensAt,
            DateOnly Birthday,
            DateTime LocalSeen,
            DateTimeOffset UpdatedAt,
            byte[] Avatar,
            JsonElement Extra,
            JsonElement? MaybeExtra,
            Uri Website,
            sbyte Tiny,
            ushort Small,
            ulong Huge,
            float Single,
            decimal Money,
            bool Flag,
            List<JsonElement> Raw);

        [Connector("source-special")]
        public partial class SpecialSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("specimens")]
            public IEnumerable<Specimen> Specimens() => [];
        }
        """);

    [Fact]
    public void Ignored_renamed_and_inherited_members() => Snapshot.GenerateAndVerify("""
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Connectors;

        namespace Sample;

        public abstract class Entity
        {
            /// <summary>The identifier, unique per stream.</summary>
            public long Id { get; init; }

            public DateTimeOffset UpdatedAt { get; init; }

            public virtual string Kind => "entity";
        }

        public sealed class Customer : Entity
        {
            /// <summary>The <see cref="Customer"/>'s display name.</summary>
            public string Name { get; init; } = "";

            public override string Kind => "customer";

            [JsonPropertyName("e-mail")]
            public string Email { get; init; } = "";

            [JsonIgnore]
            public string PasswordHash { get; init; } = "";

            [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
            public string? Nickname { get; init; }

            [JsonIgnore(Condition = JsonIgnoreCondition.Always)]
            public string ApiToken { get; init; } = "";

            [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
            public string Region { get; init; } = "";

            internal string InternalNote { get; init; } = "";

            public string WriteOnly { private get; set; } = "";

            public static string Shared { get; set; } = "";

            public string this[int index] => Name;
        }

        [Connector("source-customers")]
        public partial class CustomersSource
        {
            [Check] public CheckResult Check() => CheckResult.Success();

            [Stream("customers", PrimaryKey = nameof(Customer.Id), Cursor = nameof(Customer.UpdatedAt))]
            public IEnumerable<Customer> Customers(DateTimeOffset? since) => [];
        }
        """);
}
