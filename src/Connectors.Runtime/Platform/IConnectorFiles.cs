using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Connectors.Runtime.Platform;

/// <summary>
/// File hand-off and file status records (TetraScience's <c>upload_file</c>, <c>get_files</c>, <c>save_files</c>).
/// Local: files land under the data directory's <c>outbox/</c> with a metadata file beside each, records in SQLite.
/// HTTP: the platform API. Each hand-off is also reported (a <c>FILE</c> report line on the command host's stdout).
/// </summary>
public interface IConnectorFiles
{
    /// <summary>Hands a file off, with its metadata and destination; returns where it went.</summary>
    Task<HandedOffFile> UploadFileAsync(FileUpload upload, CancellationToken cancellationToken = default);

    /// <summary>Reads file status records, in batches under the hood.</summary>
    Task<IReadOnlyList<ConnectorFile>> GetFilesAsync(ConnectorFileQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Saves file status records (matched by unique external id), in batches; returns them as stored.</summary>
    Task<IReadOnlyList<ConnectorFile>> SaveFilesAsync(IEnumerable<ConnectorFile> files, CancellationToken cancellationToken = default);
}
