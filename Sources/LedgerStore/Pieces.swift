import Ledger

// Pieces (migration 15): files attached to entries, stored once by their SHA-256.
extension Store {
    private static let pieceColumns = """
        e.number, x.label, e.date, e.label, e.piece, p.name, f.sha256, f.size, p.added_on
        FROM piece p JOIN piece_file f ON f.id = p.file_id JOIN entry e ON e.id = p.entry_id JOIN exercice x ON x.id = e.exercice_id
        """

    private func attachedPiece(_ s: SQLStatement) throws(StoreError) -> AttachedPiece {
        AttachedPiece(entryNumber: s.integer(0), exercice: s.text(1), entryDate: try s.day(2), entryLabel: s.text(3), reference: s.optionalText(4),
                      name: s.text(5), hash: s.text(6), size: s.integer(7), addedOn: try s.day(8))
    }

    /// Attaches `bytes` (a file named `name`) to the entry numbered `number` of `exercice`.
    /// Returns the piece, and whether its file was in the ledger already (attached elsewhere:
    /// stored once). A piece may be attached to a validated entry: the entry does not change.
    public func attachPiece(to number: Int, in exercice: Exercice, name: String, bytes: [UInt8]) throws(StoreError)
        -> (piece: AttachedPiece, storedAlready: Bool) {
        guard !bytes.isEmpty else { throw .piece(.empty(name: name)) }
        guard bytes.count <= Piece.maxSize else { throw .piece(.tooLarge(name: name, size: bytes.count)) }
        let hash = Piece.hash(bytes)
        return try atomically { () throws(StoreError) in
            let entry = try entry(number: number, in: exercice)
            var file = try db.scalarInt("SELECT id FROM piece_file WHERE sha256 = ?", .text(hash))
            let storedAlready = file != nil
            if let file, let earlier = try db.scalarText("SELECT name FROM piece WHERE entry_id = ? AND file_id = ?", .int(entry.id), .int(file)) {
                throw .piece(.alreadyAttached(name: name, entry: number, exercice: exercice.label, as: earlier))
            }
            if file == nil {
                try db.run("INSERT INTO piece_file(sha256, size, content) VALUES (?, ?, ?)", .text(hash), .int(Int64(bytes.count)), .blob(bytes))
                file = db.lastInsertRowID
            }
            try db.run("INSERT INTO piece(entry_id, file_id, name, added_on) VALUES (?, ?, ?, ?)", .int(entry.id), .int(file!), .text(name),
                       .text(now.today.iso))
            let id = db.lastInsertRowID
            let piece = try db.query("SELECT \(Store.pieceColumns) WHERE p.id = ?", [.int(id)]) { s throws(StoreError) in try attachedPiece(s) }[0]
            return (piece, storedAlready)
        }
    }

    /// The pieces of the entry numbered `number` of `exercice`, or of every entry of it when nil.
    public func pieces(of number: Int?, in exercice: Exercice) throws(StoreError) -> [AttachedPiece] {
        if let number {
            let entry = try entry(number: number, in: exercice)
            return try db.query("SELECT \(Store.pieceColumns) WHERE p.entry_id = ? ORDER BY p.id", [.int(entry.id)]) { s throws(StoreError) in try attachedPiece(s) }
        }
        return try db.query("SELECT \(Store.pieceColumns) WHERE e.exercice_id = ? ORDER BY e.number, p.id", [.int(exercice.id)]) { s throws(StoreError) in
            try attachedPiece(s)
        }
    }

    /// The bytes of a stored file.
    public func pieceContent(_ hash: String) throws(StoreError) -> [UInt8] {
        try db.query("SELECT content FROM piece_file WHERE sha256 = ?", [.text(hash)]) { $0.blob(0) }.first ?? []
    }
}
