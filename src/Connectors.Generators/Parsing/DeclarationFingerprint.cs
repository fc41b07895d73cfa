using System;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Connectors.Generators.Parsing;

/// <summary>
/// A hash of everything in a compilation that the connector parsers can read: every syntax tree's text with member
/// bodies left out (kept: declarations, attributes, initializers, doc comments, directives; a body counts only as
/// whether it yields, which <see cref="StreamStateRules"/> reads), each tree's path and parse options, the compilation's
/// options and its metadata references (by identity). Equal fingerprints mean the parsers would read the same
/// declarations, so the generator reuses the models instead of binding the connector's members again: a keystroke in
/// a method body, in the connector or in any other file, keeps the fingerprint.
/// </summary>
/// <remarks>
/// Each tree's hash is computed once per <see cref="SyntaxTree"/> object (an edit replaces one tree, the others are
/// reused as they are), and the compilation's once per <see cref="Compilation"/>; the tables hold them weakly.
/// Options and references count by identity (the IDE and the compiler keep the same objects until they change), so
/// an equal but new object costs a re-parse, never a stale model.
/// </remarks>
internal static class DeclarationFingerprint
{
    private static readonly ConditionalWeakTable<SyntaxTree, byte[]> TreeHashes = new();
    private static readonly ConditionalWeakTable<Compilation, string> CompilationHashes = new();
    private static readonly ConditionalWeakTable<object, StrongBox<long>> Identities = new();
    private static long _lastIdentity;

    /// <summary>The fingerprint of the compilation's declarations (hex SHA-256).</summary>
    public static string Of(Compilation compilation, CancellationToken cancellationToken)
    {
        if (CompilationHashes.TryGetValue(compilation, out var known))
        {
            return known;
        }
        var computed = Compute(compilation, cancellationToken);
        return CompilationHashes.GetValue(compilation, _ => computed);
    }

    private static string Compute(Compilation compilation, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendString(hash, compilation.AssemblyName ?? "");
        AppendIdentity(hash, compilation.Options);
        foreach (var reference in compilation.ExternalReferences)
        {
            AppendIdentity(hash, reference);
        }
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AppendString(hash, tree.FilePath);
            AppendIdentity(hash, tree.Options);
            var treeHash = TreeHash(tree, cancellationToken);
            hash.AppendData(treeHash);
        }
        return ToHex(hash.GetHashAndReset());
    }

    private static byte[] TreeHash(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (TreeHashes.TryGetValue(tree, out var known))
        {
            return known;
        }
        var computed = HashDeclarations(tree, cancellationToken);
        return TreeHashes.GetValue(tree, _ => computed);
    }

    private static byte[] HashDeclarations(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var text = tree.GetText(cancellationToken);
        var root = tree.GetRoot(cancellationToken);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new char[4096];
        var bytes = new byte[buffer.Length * 2];
        var position = 0;
        // Only declaration-level nodes are visited: the walk never enters a body, an expression or a statement.
        foreach (var node in root.DescendantNodes(IsDeclarationContainer))
        {
            if (!IsBody(node))
            {
                continue;
            }
            AppendText(hash, text, position, node.FullSpan.Start, buffer, bytes);
            AppendString(hash, YieldsInOwnBody(node, text) ? "\u0001yields" : "\u0001body");
            position = node.FullSpan.End;
        }
        AppendText(hash, text, position, text.Length, buffer, bytes);
        return hash.GetHashAndReset();
    }

    private static bool IsDeclarationContainer(SyntaxNode node) =>
        node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax or BaseMethodDeclarationSyntax
            or BasePropertyDeclarationSyntax or AccessorListSyntax or AccessorDeclarationSyntax;

    /// <summary>A method's, constructor's, operator's, accessor's or expression-bodied property's body.</summary>
    private static bool IsBody(SyntaxNode node) =>
        node is BlockSyntax or ArrowExpressionClauseSyntax
        && node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax;

    // The same question StreamStateRules asks of a stateful stream's method; the text test only skips the walk of bodies
    // that cannot yield.
    private static bool YieldsInOwnBody(SyntaxNode body, SourceText text) =>
        body is BlockSyntax { Parent: MethodDeclarationSyntax } block
        && Contains(text, block.Span, "yield")
        && StreamStateRules.YieldsInOwnBody(block);

    private static bool Contains(SourceText text, TextSpan span, string word) =>
        text.ToString(span).IndexOf(word, StringComparison.Ordinal) >= 0;

    private static void AppendText(IncrementalHash hash, SourceText text, int start, int end, char[] buffer, byte[] bytes)
    {
        while (start < end)
        {
            var count = Math.Min(buffer.Length, end - start);
            text.CopyTo(start, buffer, 0, count);
            Buffer.BlockCopy(buffer, 0, bytes, 0, count * 2);
            hash.AppendData(bytes, 0, count * 2);
            start += count;
        }
    }

    private static void AppendString(IncrementalHash hash, string value)
    {
        var bytes = new byte[(value.Length + 1) * 2];
        Buffer.BlockCopy(value.ToCharArray(), 0, bytes, 0, value.Length * 2);
        // A terminator, so "ab"+"c" and "a"+"bc" differ.
        hash.AppendData(bytes);
    }

    private static void AppendIdentity(IncrementalHash hash, object? value)
    {
        var identity = value is null ? 0 : Identities.GetValue(value, static _ => new StrongBox<long>(Interlocked.Increment(ref _lastIdentity))).Value;
        hash.AppendData(BitConverter.GetBytes(identity));
    }

    private static string ToHex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 15];
        }
        return new string(chars);
    }
}
