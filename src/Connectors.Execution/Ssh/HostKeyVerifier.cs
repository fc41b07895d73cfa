using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Connectors.Execution.Ssh;

/// <summary>
/// Decides whether a host's key is the one expected: the pinned fingerprint when one is set, otherwise the known-hosts
/// file; an unknown key is refused (or, with accept-new, added to the file), a key that differs from the known one
/// always is. <see cref="Refusal"/> says why, for the connect error.
/// </summary>
internal sealed class HostKeyVerifier
{
    private readonly string _host;
    private readonly SshSettings _settings;

    public HostKeyVerifier(string host, SshSettings settings)
    {
        _host = host;
        _settings = settings;
    }

    /// <summary>Why the last key was refused; null if it was accepted.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The SHA-256 fingerprint of a key blob as OpenSSH prints it.</summary>
    public static string Fingerprint(byte[] key) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(key)).TrimEnd('=');

    /// <summary>How the host is named in known_hosts: <c>name</c> on port 22, <c>[name]:port</c> otherwise.</summary>
    public string KnownHostsName => _settings.Port == 22 ? _settings.Hostname : $"[{_settings.Hostname}]:{_settings.Port}";

    public bool Accept(string keyType, byte[] key)
    {
        Refusal = Decide(keyType, key);
        return Refusal is null;
    }

    private string? Decide(string keyType, byte[] key)
    {
        var fingerprint = Fingerprint(key);
        var presented = $"host '{_host}' ({_settings.Hostname}:{_settings.Port}) presented a {keyType} key with fingerprint {fingerprint}";
        if (_settings.HostKeyFingerprint is { Length: > 0 } pinned)
        {
            var expected = pinned.StartsWith("SHA256:", StringComparison.Ordinal) ? pinned : "SHA256:" + pinned;
            return string.Equals(expected.TrimEnd('='), fingerprint, StringComparison.Ordinal)
                ? null
                : $"The {presented}, not the pinned {expected}. Refusing to connect: the host may be an impostor.";
        }
        if (_settings.KnownHostsFile is not { Length: > 0 } file)
        {
            return $"The {presented}, and no known-hosts file or pinned fingerprint says it is the right one. "
                + "Add the key to a known-hosts file (ssh-keyscan) or pin the fingerprint.";
        }
        List<KnownHost> entries;
        try
        {
            entries = File.Exists(file) || !_settings.AcceptNewHostKeys ? KnownHost.Read(file) : [];
        }
        catch (IOException ex)
        {
            return $"The known-hosts file '{file}' cannot be read: {ex.Message}";
        }
        catch (UnauthorizedAccessException ex)
        {
            return $"The known-hosts file '{file}' cannot be read: {ex.Message}";
        }
        var forHost = entries.Where(e => e.Matches(KnownHostsName)).ToList();
        if (forHost.Any(e => e.Revoked && e.SameKey(keyType, key)))
        {
            return $"The {presented}, which '{file}' marks as revoked.";
        }
        if (forHost.Any(e => !e.Revoked && e.SameKey(keyType, key)))
        {
            return null;
        }
        if (forHost.Any(e => !e.Revoked))
        {
            return $"The {presented}, which differs from the key '{file}' lists for {KnownHostsName}. "
                + "Refusing to connect: the host may be an impostor (or its key was changed; then update the file).";
        }
        if (_settings.AcceptNewHostKeys)
        {
            try
            {
                File.AppendAllText(file, $"{KnownHostsName} {keyType} {Convert.ToBase64String(key)}\n");
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return $"The {presented}; it could not be added to '{file}': {ex.Message}";
            }
        }
        return $"The {presented}, which is not in the known-hosts file '{file}'. Add it (ssh-keyscan) or pin the fingerprint.";
    }

    /// <summary>One line of a known_hosts file.</summary>
    private sealed class KnownHost
    {
        private readonly string[] _patterns;
        private readonly string _keyType;
        private readonly byte[] _key;

        private KnownHost(string[] patterns, string keyType, byte[] key, bool revoked)
        {
            _patterns = patterns;
            _keyType = keyType;
            _key = key;
            Revoked = revoked;
        }

        public bool Revoked { get; }

        public static List<KnownHost> Read(string file)
        {
            var entries = new List<KnownHost>();
            foreach (var raw in File.ReadLines(file))
            {
                var fields = raw.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 0 || fields[0].StartsWith('#'))
                {
                    continue;
                }
                var revoked = false;
                if (fields[0].StartsWith('@'))
                {
                    // @cert-authority lines name CAs, not host keys: certificates are not supported, so they match nothing.
                    revoked = fields[0] == "@revoked";
                    if (!revoked)
                    {
                        continue;
                    }
                    fields = fields[1..];
                }
                if (fields.Length < 3)
                {
                    continue;
                }
                byte[] key;
                try
                {
                    key = Convert.FromBase64String(fields[2]);
                }
                catch (FormatException)
                {
                    continue;
                }
                entries.Add(new KnownHost(fields[0].Split(','), fields[1], key, revoked));
            }
            return entries;
        }

        public bool SameKey(string keyType, byte[] key) => _keyType == keyType && _key.AsSpan().SequenceEqual(key);

        /// <summary>True when the patterns name <paramref name="host"/>: one matches and no negated one does.</summary>
        public bool Matches(string host)
        {
            var matched = false;
            foreach (var pattern in _patterns)
            {
                if (pattern.StartsWith('!'))
                {
                    if (Glob(pattern[1..], host))
                    {
                        return false;
                    }
                }
                else if (pattern.StartsWith("|1|", StringComparison.Ordinal) ? Hashed(pattern, host) : Glob(pattern, host))
                {
                    matched = true;
                }
            }
            return matched;
        }

        private static bool Glob(string pattern, string host) =>
            Regex.IsMatch(host, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        /// <summary>A hashed name (<c>|1|salt|hash</c>): HMAC-SHA1 of the name keyed with the salt.</summary>
        private static bool Hashed(string pattern, string host)
        {
            var parts = pattern.Split('|');
            if (parts.Length != 4)
            {
                return false;
            }
            try
            {
                var salt = Convert.FromBase64String(parts[2]);
                var hash = Convert.FromBase64String(parts[3]);
                return HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(host)).AsSpan().SequenceEqual(hash);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
