using Connectors.Generators.Helpers;
using Xunit;

namespace Connectors.Generators.Tests.Caching;

/// <summary>
/// The incremental cache compares pipeline models through <see cref="EquatableArray{T}"/>: equal contents must compare
/// and hash equal (or the generator re-runs every step), different contents must not (or it emits stale code).
/// </summary>
public sealed class EquatableArrayTests
{
    [Fact]
    public void A_default_array_is_the_empty_array()
    {
        var none = default(EquatableArray<int>);

        Assert.True(none.Count == 0); // Count itself, not the enumeration Assert.Empty would use
        Assert.True(none.IsEmpty);
        Assert.Empty(none);
        Assert.True(none == EquatableArray<int>.Empty);
        Assert.Equal(EquatableArray<int>.Empty.GetHashCode(), none.GetHashCode());
    }

    [Fact]
    public void An_array_with_items_counts_them_and_is_not_empty()
    {
        var items = new EquatableArray<int>([4, 5, 6]);

        Assert.Equal(3, items.Count);
        Assert.False(items.IsEmpty);
        Assert.Equal(5, items[1]);
        Assert.Equal(new[] { 4, 5, 6 }, items);
    }

    [Fact]
    public void Arrays_with_the_same_items_are_equal_and_hash_alike()
    {
        var left = new EquatableArray<int>([1, 2, 3]);
        var right = new[] { 1, 2, 3 }.ToEquatableArray();

        Assert.True(left == right);
        Assert.False(left != right);
        Assert.True(left.Equals((object)right));
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    [Theory]
    [InlineData(new[] { 1, 2 }, new[] { 2, 1 })]
    [InlineData(new[] { 1 }, new[] { 2 })]
    [InlineData(new[] { 1 }, new[] { 1, 1 })]
    [InlineData(new int[0], new[] { 0 })]
    public void Arrays_with_different_items_or_order_differ_in_equality_and_hash(int[] first, int[] second)
    {
        var left = new EquatableArray<int>(first);
        var right = new EquatableArray<int>(second);

        Assert.False(left == right);
        Assert.True(left != right);
        Assert.False(left.Equals((object)right));
        // int hashes are their values, so these hashes are fixed: a collision here is a defect, not bad luck.
        Assert.NotEqual(left.GetHashCode(), right.GetHashCode());
    }

    [Fact]
    public void Null_items_compare_and_hash_without_throwing()
    {
        var left = new EquatableArray<string>([null!, "a"]);
        var right = new EquatableArray<string>([null!, "a"]);

        Assert.True(left == right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
        Assert.False(left == new EquatableArray<string>(["a", null!]));
    }

    [Fact]
    public void An_array_is_not_equal_to_another_type()
    {
        Assert.False(new EquatableArray<int>([1]).Equals("1"));
    }
}
