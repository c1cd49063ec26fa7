import Foundation
import BankImport

// Files the commands read and write: read whole with a size limit, written through a temporary
// file and a rename (never half a file).

/// Reads a text file (UTF-8, or the encodings banks use), with a French error when it cannot.
func readText(_ path: String, encoding: TextEncoding? = nil) throws -> String {
    try TextDecoder.decode(readBytes(path), forced: encoding).text
}

/// The largest file a command reads: a year's statement or FEC is a few megabytes, a million
/// operations about 50; beyond this, memory would go before the file is understood.
let maxInputSize = 512 << 20

/// A file's bytes, read once into memory (not copied again).
func readBytes(_ path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError.cannotRead(path: path, reason: "fichier introuvable")
    }
    if isDirectory.boolValue { throw InputError.cannotRead(path: path, reason: "c'est un dossier") }
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw InputError.cannotRead(path: path, reason: "lecture refusée (droits du fichier ?)") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw InputError.cannotRead(path: path, reason: "lecture refusée (droits du fichier ?)") }
    let size = Int(info.st_size)
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

/// Writes a file by chunks (`body` gives them to its sink) into a temporary file beside it,
/// flushed to disk, then renamed over `path`: readers see the old file or the whole new one.
/// Returns what `body` returns.
func writeAtomically<T>(_ path: String, _ body: (_ sink: ([UInt8]) throws -> Void) throws -> T) throws -> T {
    let folder = try writableFolder(of: path)
    var template = Array((folder + "/.compta-XXXXXX").utf8CString)
    let fd = mkstemp(&template)
    guard fd >= 0 else { throw InputError.cannotWrite(path: path, reason: writeFailure(errno)) }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var closed = false
    defer {
        if !closed { close(fd) }
        unlink(temporary)
    }
    // mkstemp makes it 0600; a report or an export gets the usual rights (0666 less the umask).
    let mask = umask(0)
    umask(mask)
    fchmod(fd, 0o666 & ~mask)
    let result = try body { bytes in
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
    guard fsync(fd) == 0 else { throw InputError.cannotWrite(path: path, reason: writeFailure(errno)) }
    closed = true
    guard close(fd) == 0, rename(temporary, path) == 0 else { throw InputError.cannotWrite(path: path, reason: writeFailure(errno)) }
    return result
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

/// Writes a text file in UTF-8, atomically.
func writeFileAtomically(_ path: String, _ text: String) throws {
    try writeAtomically(path) { sink in try sink(Array(text.utf8)) }
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
