namespace Auction.Silo.Journal;

/// <summary>
/// Files at rest that only the service account may read: the data folder is created 0700, the SQLite journal
/// and key files 0600 (the journal holds bidder identities; the key files hold the signing and sealing keys).
/// Only creation sets the mode; an existing file or folder keeps the mode it has. No-ops on Windows (ACLs).
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and its missing parents as 0700; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path)
    {
        path = Path.GetFullPath(path);
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        // Directory.CreateDirectory applies the mode to the last folder only: create each missing one in turn.
        if (Path.GetDirectoryName(path) is { } parent) CreateFolder(parent);
        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Creates an empty file as 0600 unless it exists (SQLite then opens it; its -wal and -shm files inherit the mode).</summary>
    public static void EnsureFile(string path)
    {
        if (File.Exists(path)) return;
        try
        {
            using var _ = new FileStream(path, Options(System.IO.FileMode.CreateNew));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: fine.
        }
    }

    /// <summary>
    /// Writes <paramref name="contents"/> to a new 0600 file, atomically: a partial file is never visible and of two
    /// processes creating the same file at once, one wins and the other returns false (then read what the winner wrote).
    /// </summary>
    public static bool TryCreate(string path, string contents)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, Options(System.IO.FileMode.CreateNew)))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(contents);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static FileStreamOptions Options(System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return options;
    }
}
