import Ledger

extension Store {
    public func budget(_ exercice: Exercice, version: String?) throws(StoreError) -> Budget? {
        try { () throws(StoreError) -> Budget? in
            let found: [(Int64, String)]
            if let version {
                found = try db.query("SELECT id, version FROM budget WHERE exercice_id = ? AND version = ?",
                                     [.int(exercice.id), .text(version)]) { ($0.int(0), $0.text(1)) }
            } else {
                found = try db.query("SELECT id, version FROM budget WHERE exercice_id = ? ORDER BY created_at DESC, id DESC LIMIT 1",
                                     [.int(exercice.id)]) { ($0.int(0), $0.text(1)) }
            }
            guard let (id, name) = found.first else { return nil }
            let postes = try db.query("""
                SELECT \(Budget.Poste.columns) FROM budget_poste b LEFT JOIN project p ON p.id = b.project_id WHERE b.budget_id = ? ORDER BY b.position
                """, [.int(id)]) { Budget.Poste(row: $0) }
            return Budget(exercice: exercice, version: name, postes: postes)
        }()
    }

    /// Removes a budget version loaded by mistake (into the wrong exercice, under the wrong name)
    /// and returns it; nil when there is none of that name. A closed exercice's budget stays
    /// (the schema refuses it too).
    public func removeBudget(_ exercice: Exercice, version: String) throws(StoreError) -> Budget? {
        try atomically { () throws(StoreError) -> Budget? in
            let c = try catalog()
            if c.exercices.first(where: { $0.id == exercice.id })?.isClosed ?? true { throw .budget(.closedExercice(exercice)) }
            guard let budget = try budget(exercice, version: version) else { return nil }
            try db.run("""
                DELETE FROM budget_poste WHERE budget_id IN (SELECT id FROM budget WHERE exercice_id = ? AND version = ?)
                """, .int(exercice.id), .text(version))
            try db.run("DELETE FROM budget WHERE exercice_id = ? AND version = ?", .int(exercice.id), .text(version))
            return budget
        }
    }

    /// The versions of an exercice's budget, oldest first.
    public func budgetVersions(_ exercice: Exercice) throws(StoreError) -> [String] {
        try db.query("SELECT version FROM budget WHERE exercice_id = ? ORDER BY created_at, id", [.int(exercice.id)]) { $0.text(0) }
    }

    /// Loads a budget version: checked against the ledger, then written in one transaction.
    /// An existing version of that name is replaced only when `replacing` says so (it is
    /// returned); otherwise the load is refused with `BudgetProblem.versionExists`. Every check
    /// runs under the write lock, on the state being written (the exercice may have been closed
    /// since the command read it).
    @discardableResult
    public func saveBudget(_ postes: [Budget.Poste], exercice: Exercice, version: String, replacing: Bool = false) throws(StoreError) -> Budget? {
        try atomically { () throws(StoreError) -> Budget? in
            let c = try catalog()
            if c.exercices.first(where: { $0.id == exercice.id })?.isClosed ?? true { throw .budget(.closedExercice(exercice)) }
            do throws(BudgetProblem) { try Budget.validate(postes, catalog: c) } catch { throw .budget(error) }
            let previous = try budget(exercice, version: version)
            if let previous, !replacing {
                throw .budget(.versionExists(existing: previous, new: Budget(exercice: exercice, version: version, postes: postes)))
            }
            try db.run("DELETE FROM budget WHERE exercice_id = ? AND version = ?", .int(exercice.id), .text(version))
            try db.run("INSERT INTO budget(exercice_id, version, created_at) VALUES (?, ?, ?)", .int(exercice.id), .text(version), .text(now.instant))
            let id = db.lastInsertRowID
            for (i, p) in postes.enumerated() {
                try db.run("""
                    INSERT INTO budget_poste(budget_id, position, label, side, amount, accounts, project_id, remark)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, .int(id), .int(Int64(i + 1)), .text(p.label), .text(p.side.rawValue), .int(p.amount.cents),
                           .text(p.accounts.joined(separator: " ")), p.project.map { .optional(projectIDsCache[$0]) } ?? .null,
                           .optional(p.remark))
            }
            return previous
        }
    }
}
