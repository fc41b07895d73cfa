using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Runtime.Platform;

/// <summary>
/// Encrypts secure connector data with AES-256-GCM. The key is <c>CONNECTOR_DATA_KEY</c> (32 bytes, base64) when set,
/// else <c>connector.key</c> in the data directory, made on first use with owner-only permissions.
/// </summary>
internal sealed class SecretBox
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        if (key.Length != 32)
        {
            throw new ArgumentException("The connector data key must be 32 bytes.", nameof(key));
        }
        _key = key;
    }

    /// <summary>The key from <paramref name="keyText"/> (base64), else from (or into) <paramref name="keyFile"/>.</summary>
    public static SecretBox Open(string? keyText, string keyFile)
    {
        if (!string.IsNullOrEmpty(keyText))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(keyText);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("CONNECTOR_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32).");
            }
            return key.Length == 32 ? new SecretBox(key)
                : throw new InvalidOperationException($"CONNECTOR_DATA_KEY must be 32 bytes in base64, got {key.Length} bytes.");
        }
        if (!File.Exists(keyFile))
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            var temporary = keyFile + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh)));
                stream.Flush(flushToDisk: true);
            }
            try
            {
                // Another process may have made one meanwhile: the first key stays.
                File.Move(temporary, keyFile, overwrite: false);
            }
            catch (IOException) when (File.Exists(keyFile))
            {
                File.Delete(temporary);
            }
        }
        return Open(File.ReadAllText(keyFile).Trim(), keyFile);
    }

    /// <summary>nonce ‖ tag ‖ ciphertext, in base64.</summary>
    public string Seal(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The plaintext; throws when the key is not the one that sealed it.</summary>
    public string Open(string sealedText)
    {
        var sealedBytes = Convert.FromBase64String(sealedText);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(_key, TagBytes);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain);
        }
        catch (CryptographicException)
        {
            throw new InvalidOperationException("A secure connector value could not be decrypted: the data key is not the one it was saved with.");
        }
        return Encoding.UTF8.GetString(plain);
    }
}
