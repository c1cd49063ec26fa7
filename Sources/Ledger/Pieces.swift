/// Pieces (issue 25, point 1): a file attached to an entry — the invoice, the receipt — kept in
/// the ledger itself (one file to back up), by the SHA-256 of its bytes: the same file attached
/// twice, to one entry or two, is stored once. The entry's piece reference (its PieceRef in the
/// FEC) stays what it is: a file is the piece's copy, not its number.
public enum Piece {
    /// The largest file a piece may be: a scanned invoice is well under it, and ten of them
    /// keep a ledger easy to copy and send.
    public static let maxSize = 10 << 20

    /// The SHA-256 of `bytes`, in hexadecimal: the name a file is stored under.
    public static func hash(_ bytes: [UInt8]) -> String {
        var h = SHA256()
        h.update(bytes)
        return SHA256.hex(h.finalize())
    }

    /// The name a piece is written under by `extraire`: the name it was attached with, its
    /// folders left out; a name that is no file name (`..`, empty) becomes `piece-HASH`.
    public static func fileName(_ name: String, hash: String) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? ""
        let clean = base.printable.trimmingSpaces
        return clean.isEmpty || clean == "." || clean == ".." || clean.hasPrefix("-") ? "piece-\(hash.prefix(12))" : clean
    }
}

/// A file attached to an entry, as the ledger lists it.
public struct AttachedPiece: Hashable, Sendable {
    public let entryNumber: Int
    public let exercice: String
    public let entryDate: Day
    public let entryLabel: String
    /// The entry's piece reference (PieceRef), when it has one.
    public let reference: String?
    /// The file's name when it was attached.
    public let name: String
    public let hash: String
    public let size: Int
    public let addedOn: Day

    public init(entryNumber: Int, exercice: String, entryDate: Day, entryLabel: String, reference: String?, name: String, hash: String,
                size: Int, addedOn: Day) {
        self.entryNumber = entryNumber
        self.exercice = exercice
        self.entryDate = entryDate
        self.entryLabel = entryLabel
        self.reference = reference
        self.name = name
        self.hash = hash
        self.size = size
        self.addedOn = addedOn
    }
}

/// Why a piece cannot be attached or extracted as asked. The CLI says the sentence.
public enum PieceError: Error, Equatable, Sendable {
    /// Larger than `Piece.maxSize`.
    case tooLarge(name: String, size: Int)
    case empty(name: String)
    /// This very file is attached to the entry already.
    case alreadyAttached(name: String, entry: Int, exercice: String, as: String)
    /// The entry has no piece to extract.
    case noPiece(entry: Int, exercice: String)
}
