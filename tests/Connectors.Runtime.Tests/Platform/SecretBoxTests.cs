using System;
using System.IO;
using System.Linq;
using Connectors.Runtime.Platform;
using Connectors.Runtime.Tests.Support;
using Xunit;

namespace Connectors.Runtime.Tests.Platform;

/// <summary>The AES-256-GCM box of secure connector values (<see cref="LocalStoreTests"/> drives it through the store).</summary>
public sealed class SecretBoxTests : IDisposable
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private readonly TempDir _folder = new();

    [Fact]
    public void Sealing_the_same_value_twice_gives_two_different_texts_that_both_open()
    {
        var box = SecretBox.Open(Key, _folder.Missing("connector.key"));

        var first = box.Seal("pa55-word");
        var second = box.Seal("pa55-word");

        Assert.NotEqual(first, second);
        Assert.NotEqual(Convert.FromBase64String(first)[..12], Convert.FromBase64String(second)[..12]);
        Assert.Equal("pa55-word", box.Open(first));
        Assert.Equal("pa55-word", box.Open(second));
    }

    [Fact]
    public void A_data_key_that_is_not_base64_is_refused_with_how_to_make_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SecretBox.Open("not base64!", _folder.Missing("connector.key")));

        Assert.Equal("CONNECTOR_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32).", error.Message);
        Assert.False(File.Exists(_folder.Missing("connector.key")));
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(33)]
    public void A_key_of_another_size_than_32_bytes_is_refused_so_the_box_is_never_AES_128_or_192(int bytes)
    {
        var error = Assert.Throws<ArgumentException>(() => new SecretBox(new byte[bytes]));

        Assert.Equal("The connector data key must be 32 bytes. (Parameter 'key')", error.Message);
    }

    [Fact]
    public void A_key_file_made_on_first_use_is_used_again_and_leaves_no_temporary_file()
    {
        var keyFile = _folder.Missing("connector.key");
        var sealedText = SecretBox.Open(null, keyFile).Seal("pa55-word");

        var again = SecretBox.Open(null, keyFile);

        Assert.Equal("pa55-word", again.Open(sealedText));
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(keyFile)).Length);
        Assert.Equal(["connector.key"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    public void Dispose() => _folder.Dispose();
}
