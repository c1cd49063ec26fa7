import Ledger

/// The association lives in the `meta` table, one row per known field, keyed by the field's
/// name (`nom` and `siren` were there before the rest): a ledger of any age reads as an
/// association, with only the fields it has.
extension Store {
    /// The association as the ledger holds it. A field the ledger holds but that cannot be
    /// kept (a SIREN recorded before its key was checked) is refused with `inLedger`.
    public func association() throws(StoreError) -> Association {
        let stored = try associationFields()
        do { return try Association(fields: stored) } catch { throw .association(error, inLedger: true) }
    }

    /// Changes the fields given (a blank text forgets one) and keeps the others, in one
    /// transaction: the association that results is checked as a whole, then written. Returns the
    /// fields as they were and the association as it is.
    @discardableResult
    public func updateAssociation(_ changes: [Association.Field: String]) throws(StoreError)
        -> (before: [Association.Field: String], after: Association) {
        try atomically { () throws(StoreError) in
            let before = try associationFields()
            let after: Association
            do throws(AssociationError) { after = try Association(fields: before.merging(changes) { _, new in new }) } catch {
                throw StoreError.association(error, inLedger: changes[error.field] == nil)
            }
            try write(after)
            return (before, after)
        }
    }

    func associationFields() throws(StoreError) -> [Association.Field: String] {
        let rows = try db.query("SELECT key, value FROM meta") { ($0.text(0), $0.text(1)) }
        return Dictionary(rows.compactMap { key, value in Association.Field(rawValue: key).map { ($0, value) } }) { a, _ in a }
    }

    /// Writes every field of `association`, and forgets those it does not know.
    func write(_ association: Association) throws(StoreError) {
        let fields = association.fields
        for f in Association.Field.allCases {
            if let value = fields[f] {
                try db.run("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           .text(f.rawValue), .text(value))
            } else {
                try db.run("DELETE FROM meta WHERE key = ?", .text(f.rawValue))
            }
        }
    }
}
