import CSQLite
import Foundation
import Ledger

/// Why a backup was not restored. The ledger in place did not change.
public enum RestoreProblem: Error, Sendable, Equatable {
    /// The backup fails the verification `compta verifier` makes.
    case damagedBackup(path: String, [IntegrityProblem])
    /// The backup is the ledger itself.
    case sameFile(path: String)
    /// A -wal file lies where the ledger should be, without it: changes of a ledger that is gone,
    /// which SQLite would apply to the restored one.
    case orphanJournal(path: String)
}

/// What a restore did.
public struct RestoreOutcome: Sendable {
    /// The restored ledger, verified.
    public let restored: VerificationReport
    /// Where the ledger it replaced is kept (nil when there was none).
    public let aside: String?
}

extension Store {
    /// Puts the backup at `backup` in the place of the ledger at `path`. Copying a backup over
    /// the file is not a restore: a -wal left beside it (by a command killed, or still open)
    /// holds changes SQLite applies to whatever file has that name. Here the backup is copied
    /// and verified first (the file itself is only read); the ledger in place is kept at `aside`,
    /// a backup like any other; then SQLite itself replaces the ledger's content by the copy's,
    /// in one transaction of the ledger, while this command alone has it open (any other
    /// command waits, or is refused as busy): the restore is whole or not at all, and the -wal
    /// is the ledger's own.
    public static func restore(_ path: String, from backup: String, aside: String, now: Now) throws(StoreError) -> RestoreOutcome {
        if let a = realPath(backup), a == realPath(path) { throw .restore(.sameFile(path: backup)) }
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists, hasJournal(path) {
            throw .restore(.orphanJournal(path: path + "-wal"))
        }
        return try withTemporaryFile(beside: path, suffix: ".restauration") { copy throws(StoreError) -> RestoreOutcome in
            try copyVerified(backup, into: copy, now: now)
            guard exists else {
                try linkNew(copy, to: path)
                return RestoreOutcome(restored: try Store.open(path: path, now: now).verify(), aside: nil)
            }
            let ledger = try Store.open(path: path, now: now)
            // Exclusive: no other connection may read or write until this one closes.
            try ledger.db.execute("PRAGMA locking_mode = EXCLUSIVE")
            try ledger.atomically {}
            _ = try ledger.backup(to: aside)
            do throws(StoreError) {
                let source = try Database(path: copy, reportedAs: path, readOnly: true)
                try ledger.db.replaceContent(with: source)
            } catch {
                unlink(aside)
                throw error
            }
            // Closed, the only connection folds its -wal into the file.
            ledger.db.close()
            return RestoreOutcome(restored: try Store.open(path: path, now: now).verify(), aside: aside)
        }
    }

    /// Copies the ledger at `backup` into the empty file `copy` (migrated there if it is older)
    /// and verifies the copy. The backup is only read, and nothing is written beside it.
    private static func copyVerified(_ backup: String, into copy: String, now: Now) throws(StoreError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: backup, isDirectory: &isFolder) else { throw .notFound(path: backup) }
        if isFolder.boolValue { throw .isFolder(path: backup) }
        func read(immutable: Bool) throws(StoreError) {
            // Errors name the backup, read-only or not.
            do throws(StoreError) {
                let source = try Database(path: backup, readOnly: true, immutable: immutable)
                guard try source.scalarInt("PRAGMA application_id") == Schema.applicationID else { throw .notALedger(path: backup) }
                let version = Int(try source.scalarInt("PRAGMA user_version") ?? 0)
                if version > Schema.migrations.count {
                    throw .newerSchema(path: backup, found: version, supported: Schema.migrations.count)
                }
                try source.run("VACUUM INTO ?", .text(copy))
            } catch {
                throw error.about(backup)
            }
        }
        // Without a -wal beside it, the file is the whole backup: read as immutable, it needs no
        // -wal or -shm of its own (none is left beside it, and read-only media do).
        try read(immutable: !hasJournal(backup))
        let report = try Store.open(path: copy, now: now).verify()
        guard report.problems.isEmpty else { throw .restore(.damagedBackup(path: backup, report.problems)) }
    }

    private static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}

extension Database {
    /// Replaces this database's whole content by `source`'s, in one write transaction of this
    /// connection (SQLite's backup API, `source` as the origin).
    func replaceContent(with source: Database) throws(StoreError) {
        guard let b = sqlite3_backup_init(handle, "main", source.handle, "main") else { throw error(sqlite3_errcode(handle)) }
        let step = sqlite3_backup_step(b, -1)
        let finish = sqlite3_backup_finish(b)
        guard step == SQLITE_DONE else { throw storeError(SQLiteError(code: step, message: String(cString: sqlite3_errstr(step)))) }
        guard finish == SQLITE_OK else { throw error(finish) }
    }
}
