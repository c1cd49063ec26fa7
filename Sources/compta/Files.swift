import Foundation
import Imports

// Files the commands read and write: read whole with a size limit, written through a temporary
// file and a rename (never half a file), or into a FIFO or a device as they are.

/// Reads a text file (UTF-8, or the encodings banks use), with a French error when it cannot.
func readText(_ path: String, encoding: TextEncoding? = nil) throws -> String {
    try TextDecoder.decode(readBytes(path), forced: encoding).text
}

/// The largest file a command reads: a year's statement or FEC is a few megabytes, a million
/// operations about 50; beyond this, memory would go before the file is understood.
let maxInputSize = 512 << 20

/// A file opened for reading, with its size; a French error when it cannot be.
func openForReading(_ path: String) throws(InputError) -> (fd: Int32, size: Int) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError.cannotRead(path: path, reason: "fichier introuvable")
    }
    if isDirectory.boolValue { throw InputError.cannotRead(path: path, reason: "c'est un dossier") }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw InputError.cannotRead(path: path, reason: "lecture refusée (droits du fichier ?)") }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
        close(fd)
        throw InputError.cannotRead(path: path, reason: "lecture refusée (droits du fichier ?)")
    }
    return (fd, Int(info.st_size))
}

/// A file's bytes, read once into memory (not copied again).
func readBytes(_ path: String) throws -> [UInt8] {
    let (fd, size) = try openForReading(path)
    defer { close(fd) }
    if size > maxInputSize { throw InputError.tooLarge(path: path, size: size) }
    var bytes = [UInt8](repeating: 0, count: size)
    var done = 0
    let failed = bytes.withUnsafeMutableBytes { buffer -> Bool in
        while done < size {
            let n = read(fd, buffer.baseAddress! + done, size - done)
            if n < 0 { return true }
            if n == 0 { break }
            done += n
        }
        return false
    }
    if failed { throw InputError.cannotRead(path: path, reason: "erreur de lecture du disque") }
    bytes.removeLast(size - done)
    return bytes
}

/// A file read by pieces of a megabyte (`ByteChunks`): a file of any size in little memory.
/// A file that cannot be opened, or a read that fails, ends the pieces and is said by `failure`.
final class FileChunks: ByteChunks {
    static let size = 1 << 20
    private var fd: Int32 = -1
    private(set) var failure: (any Error & Sendable)?
    private let path: String

    init(_ path: String) {
        self.path = path
        do throws(InputError) { fd = try openForReading(path).fd } catch { failure = error }
    }

    deinit { if fd >= 0 { close(fd) } }

    func next() -> [UInt8]? {
        guard fd >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Self.size)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress!, Self.size) }
        if n <= 0 {
            if n < 0 { failure = InputError.cannotRead(path: path, reason: "erreur de lecture du disque") }
            close(fd)
            fd = -1
            return nil
        }
        bytes.removeLast(Self.size - n)
        return bytes
    }
}

/// A file being written: its bytes go to a temporary file beside the target, which `commit`
/// renames over it. A target that is not a regular file of ours to replace — a FIFO, a device,
/// a file the system names in /dev or /proc (`/dev/stdout`) — is written into, in place.
struct StagedFile {
    /// The file renamed into place; nil when the bytes went straight to the target.
    let temporary: String?
    /// The path renamed to: the target, symbolic links followed (a link stays a link).
    let target: String
}

/// The start of the temporary files' names: `.compta-PID-XXXXXX`. The process id lets a later
/// command tell the files of a process that was killed from those of one still writing.
private let temporaryPrefix = ".compta-"

/// Writes `path` through `body`, which gives its bytes by chunks to its sink, without putting
/// it in place yet (`commit`). The temporary file is created 0600 and keeps that mode until it
/// is complete, then takes the mode of the file it replaces (0666 less the umask for a new one).
/// Temporary files of killed processes in the same folder are removed first. Returns what
/// `body` returns.
func stage<T>(_ path: String, _ body: (_ sink: ([UInt8]) throws -> Void) throws -> T) throws -> (StagedFile, T) {
    var info = stat()
    let exists = stat(path, &info) == 0
    if exists && info.st_mode & S_IFMT == S_IFDIR { throw InputError.cannotWrite(path: path, reason: "c'est un dossier") }
    if isWrittenInPlace(path) {
        // Appended to, never truncated: `--sortie /dev/stdout >> journal.txt` adds to it.
        let fd = open(path, O_WRONLY | O_APPEND)
        guard fd >= 0 else { throw InputError.cannotWrite(path: path, reason: writeFailure(errno)) }
        defer { close(fd) }
        return (StagedFile(temporary: nil, target: path), try body { try writeAll(fd, $0, path: path) })
    }
    // A regular file replaced where it really is: through a symbolic link, the link stays.
    let target = exists ? realPath(path) ?? path : path
    let folder = try writableFolder(of: target)
    removeTemporariesOfKilledProcesses(in: folder)
    var template = Array((folder + "/" + temporaryPrefix + "\(getpid())-XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else { throw InputError.cannotWrite(path: path, reason: writeFailure(errno)) }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var done = false
    defer {
        if !done { close(fd); unlink(temporary) }
    }
    let result = try body { try writeAll(fd, $0, path: path) }
    let mask = umask(0)
    umask(mask)
    guard fchmod(fd, exists ? info.st_mode & 0o7777 : 0o666 & ~mask) == 0, fsync(fd) == 0 else {
        throw InputError.cannotWrite(path: path, reason: writeFailure(errno))
    }
    done = true
    guard close(fd) == 0 else {
        unlink(temporary)
        throw InputError.cannotWrite(path: path, reason: writeFailure(errno))
    }
    return (StagedFile(temporary: temporary, target: target), result)
}

/// Whether `path` is a FIFO, a device or a file the system names (`/dev/stdout`): written into
/// as it is, not replaced. What a command says it wrote there goes to the error stream, so that
/// `--sortie /dev/stdout` gives the file alone.
func isWrittenInPlace(_ path: String) -> Bool {
    var info = stat()
    guard stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { return false }
    return info.st_mode & S_IFMT != S_IFREG || isSystemFile(path)
}

/// Puts staged files in place, in order; on an error, the ones not yet renamed are removed.
func commit(_ files: [StagedFile]) throws {
    for (i, f) in files.enumerated() {
        guard let temporary = f.temporary else { continue }
        if rename(temporary, f.target) != 0 {
            let code = errno
            discard(Array(files[i...]))
            throw InputError.cannotWrite(path: f.target, reason: writeFailure(code))
        }
    }
}

/// Removes staged files that will not be committed.
func discard(_ files: [StagedFile]) {
    for f in files { if let t = f.temporary { unlink(t) } }
}

/// Writes several files as one: each is staged, and only when all are complete are they put in
/// place (a document never appears without its charts, nor the charts without it). `parts` gives
/// each path and its bytes by chunks.
func writeTogether(_ parts: [(path: String, body: (_ sink: ([UInt8]) throws -> Void) throws -> Void)]) throws {
    var staged: [StagedFile] = []
    do {
        for part in parts { staged.append(try stage(part.path, part.body).0) }
        try commit(staged)
    } catch {
        discard(staged)
        throw error
    }
}

/// Writes a file by chunks (`body` gives them to its sink): readers see the old file or the
/// whole new one (`stage`, then `commit`). Returns what `body` returns.
func writeAtomically<T>(_ path: String, _ body: (_ sink: ([UInt8]) throws -> Void) throws -> T) throws -> T {
    let (file, result) = try stage(path, body)
    try commit([file])
    return result
}

/// Writes a text file in UTF-8, atomically.
func writeFileAtomically(_ path: String, _ text: String) throws {
    try writeAtomically(path) { sink in try sink(Array(text.utf8)) }
}

private func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
        if n < 0 {
            if errno == EINTR { continue }
            throw InputError.cannotWrite(path: path, reason: writeFailure(errno))
        }
        done += n
    }
}

/// A file of the system's /dev or /proc (`/dev/stdout`, `/proc/self/fd/1`): it stands for
/// something else (the terminal, a file a shell opened), and is never replaced.
private func isSystemFile(_ path: String) -> Bool {
    guard let folder = realPath(URL(fileURLWithPath: path).deletingLastPathComponent().path) else { return false }
    return ["/dev", "/proc"].contains { folder == $0 || folder.hasPrefix($0 + "/") }
}

/// `path` with every symbolic link followed, or nil when it does not exist.
private func realPath(_ path: String) -> String? {
    guard let real = realpath(path, nil) else { return nil }
    defer { free(real) }
    return String(cString: real)
}

/// Removes, in `folder`, the temporary files left by commands that were killed while writing:
/// those whose process no longer runs. Those of running processes are left alone.
private func removeTemporariesOfKilledProcesses(in folder: String) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(temporaryPrefix) {
        let fields = name.dropFirst(temporaryPrefix.count).split(separator: "-")
        guard fields.count == 2, let pid = pid_t(fields[0]), pid > 0 else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
    }
}

/// The folder `path` goes in, or why nothing can be written there.
@discardableResult
func writableFolder(of path: String) throws -> String {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw InputError.cannotWrite(path: path, reason: "le dossier \(folder) n'existe pas")
    }
    guard FileManager.default.isWritableFile(atPath: folder) else {
        throw InputError.cannotWrite(path: path, reason: "le dossier \(folder) est en lecture seule")
    }
    return folder
}

/// Why a write failed, for the message.
func writeFailure(_ code: Int32) -> String {
    switch code {
    case EACCES, EPERM: return "écriture interdite dans ce dossier (droits)"
    case EROFS: return "le dossier est en lecture seule"
    case ENOSPC, EDQUOT, EFBIG: return "le disque est plein (ou le quota, ou la taille de fichier permise, est atteint) ; libérez de la place et recommencez"
    case EISDIR: return "c'est un dossier"
    default: return "erreur d'écriture (\(String(cString: strerror(code))))"
    }
}
