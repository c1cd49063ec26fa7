import CSQLite
import Foundation
import Ledger

/// An error reported by SQLite, with its result code and message.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public var description: String { "SQLite \(code): \(message)" }

    /// A trigger's RAISE(ABORT, ...) or a CHECK/UNIQUE constraint.
    public var isConstraint: Bool { code & 0xff == SQLITE_CONSTRAINT }
    public var isBusy: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }
    public var isReadOnly: Bool { code & 0xff == SQLITE_READONLY }
    public var isFull: Bool { code & 0xff == SQLITE_FULL }
    public var isNotADatabase: Bool { code & 0xff == SQLITE_NOTADB || code & 0xff == SQLITE_CORRUPT }
    /// The disk refused a read or a write (a file size limit, a failing disk).
    public var isIOError: Bool { code & 0xff == SQLITE_IOERR }
    /// The file or its folder cannot be opened (no right to create the -wal and -shm files).
    public var isCantOpen: Bool { code & 0xff == SQLITE_CANTOPEN }
}

/// A value bound to a statement parameter.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case text(String)
    /// Bytes (a piece's file), copied by SQLite when bound.
    case blob([UInt8])
}

/// A small wrapper over one SQLite connection: prepared statements with bound parameters only.
/// Its errors are `StoreError`s already, classified where SQLite reports them (`storeError`).
final class Database {
    private(set) var handle: OpaquePointer?
    private var cache: [String: SQLStatement] = [:]
    /// The file its errors name: the ledger, when this is a temporary file becoming it.
    let reportedPath: String
    let immutable: Bool

    /// `immutable`: read-only, without the -wal and -shm files nor any lock, for a file nothing
    /// can change (on read-only media).
    init(path: String, reportedAs: String? = nil, readOnly: Bool = false, create: Bool = false, immutable: Bool = false) throws(StoreError) {
        reportedPath = reportedAs ?? path
        self.immutable = immutable
        var flags = readOnly || immutable ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        var name = path
        if immutable {
            flags |= SQLITE_OPEN_URI
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "?#%")
            name = "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
        }
        let rc = sqlite3_open_v2(name, &handle, flags, nil)
        if rc != SQLITE_OK {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            handle = nil
            throw storeError(SQLiteError(code: rc, message: message))
        }
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit { close() }

    /// Finalizes the statements and closes the connection; the last connection to close folds
    /// the WAL back into the file.
    func close() {
        cache.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    func error(_ rc: Int32) -> StoreError {
        storeError(SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle))))
    }

    /// What an SQLite error means for the user: a busy, full, read-only... ledger, a refusal of
    /// the schema's triggers, or an error of SQLite itself. A write into a ledger opened
    /// immutable (its folder is read-only) says so.
    func storeError(_ e: SQLiteError) -> StoreError {
        let path = reportedPath
        if e.isNotADatabase { return .notALedger(path: path) }
        if e.isBusy { return .busy(path: path) }
        if e.isReadOnly { return immutable ? .readOnlyFolder(path: path) : .readOnly(path: path) }
        if e.isFull { return .diskFull(path: path) }
        if e.isIOError { return .ioError(path: path) }
        if e.isCantOpen { return .cannotOpen(path: path) }
        if e.message == "integer overflow" { return .amountOverflow }
        if e.isConstraint, e.message.hasPrefix("compta: "), let refusal = Schema.refusals[String(e.message.dropFirst("compta: ".count))] {
            return .refusedBySchema(refusal)
        }
        return .sqlite(e)
    }

    /// Runs SQL text with no parameters (schema, pragmas). Several statements allowed.
    func execute(_ sql: String) throws(StoreError) {
        var errmsg: UnsafeMutablePointer<CChar>? = nil
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? ""
            sqlite3_free(errmsg)
            throw storeError(SQLiteError(code: rc, message: message))
        }
    }

    /// The prepared statement of `sql`, kept by its text for the next call (reset here): what a
    /// statement run again and again uses.
    func cachedStatement(_ sql: String) throws(StoreError) -> SQLStatement {
        if let s = cache[sql] {
            s.reset()
            return s
        }
        let s = try makeStatement(sql, persistent: true)
        cache[sql] = s
        return s
    }

    /// A new prepared statement, kept by nobody: for a statement run once (finalized when the
    /// caller drops it). `persistent` tells SQLite it will be reused.
    func makeStatement(_ sql: String, persistent: Bool = false) throws(StoreError) -> SQLStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc) }
        return SQLStatement(db: self, stmt: stmt)
    }

    /// Runs one statement with parameters, ignoring any rows.
    func run(_ sql: String, _ values: SQLValue...) throws(StoreError) {
        let s = try cachedStatement(sql)
        try s.bind(values)
        while try s.step() {}
    }

    /// Rows of one query, each mapped by `row`.
    func query<T>(_ sql: String, _ values: [SQLValue] = [], _ row: (SQLStatement) throws(StoreError) -> T) throws(StoreError) -> [T] {
        var result: [T] = []
        try forEach(sql, values) { s throws(StoreError) in result.append(try row(s)) }
        return result
    }

    /// Each row of one query, handed to `body` as it is read: nothing is kept.
    func forEach(_ sql: String, _ values: [SQLValue] = [], _ body: (SQLStatement) throws(StoreError) -> Void) throws(StoreError) {
        let s = try cachedStatement(sql)
        try s.bind(values)
        while try s.step() { try body(s) }
    }

    func scalarInt(_ sql: String, _ values: SQLValue...) throws(StoreError) -> Int64? {
        try query(sql, values) { $0.isNull(0) ? nil : $0.int(0) }.first ?? nil
    }

    func scalarText(_ sql: String, _ values: SQLValue...) throws(StoreError) -> String? {
        try query(sql, values) { $0.isNull(0) ? nil : $0.text(0) }.first ?? nil
    }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    var changes: Int { Int(sqlite3_changes(handle)) }
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }
}

/// A prepared statement. Reset and rebound for each use.
final class SQLStatement {
    unowned let db: Database
    let stmt: OpaquePointer
    /// The bound texts, end to end: SQLite reads them in place (no copy per value) until the
    /// next binding.
    private var texts: UnsafeMutablePointer<UInt8>? = nil
    private var textCapacity = 0

    init(db: Database, stmt: OpaquePointer) {
        self.db = db
        self.stmt = stmt
    }

    deinit {
        sqlite3_finalize(stmt)
        texts?.deallocate()
    }

    func reset() {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
    }

    func bind<C: Collection>(_ values: C) throws(StoreError) where C.Element == SQLValue {
        var size = 0
        for case .text(let s) in values { size += s.utf8.count }
        if size > textCapacity {
            texts?.deallocate()
            textCapacity = max(size, 2 * textCapacity)
            texts = .allocate(capacity: textCapacity)
        }
        var offset = 0
        for (i, v) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch v {
            case .null: rc = sqlite3_bind_null(stmt, index)
            case .int(let n): rc = sqlite3_bind_int64(stmt, index, n)
            case .text(var s):
                let start = texts.map { $0 + offset } ?? UnsafeMutablePointer(bitPattern: 1)!
                let count = s.withUTF8 { utf8 in
                    if let base = utf8.baseAddress { start.update(from: base, count: utf8.count) }
                    return utf8.count
                }
                offset += count
                // SQLITE_STATIC: the bytes stay where they are until the next binding.
                rc = sqlite3_bind_text(stmt, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), Int32(count), nil)
            case .blob(let bytes):
                // SQLITE_TRANSIENT: SQLite copies the bytes before this returns.
                rc = bytes.withUnsafeBytes { sqlite3_bind_blob64(stmt, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, UInt64($0.count),
                                                                 unsafeBitCast(-1, to: sqlite3_destructor_type.self)) }
            }
            if rc != SQLITE_OK { throw db.error(rc) }
        }
    }

    /// Advances to the next row; false when done.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(stmt)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let e = db.error(rc)
            sqlite3_reset(stmt)
            throw e
        }
    }

    var columnCount: Int32 { sqlite3_column_count(stmt) }
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(stmt, column) == SQLITE_NULL }
    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(stmt, column) }
    func text(_ column: Int32) -> String {
        guard let p = sqlite3_column_text(stmt, column) else { return "" }
        return String(cString: p)
    }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(stmt, column))
        guard count > 0, let p = sqlite3_column_blob(stmt, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: count))
    }
    func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }
    /// An amount in cents that SQLite summed. SQLite turns an integer sum that overflows into a
    /// floating-point one (`+` does; `sum()` raises an error): read as an integer it would
    /// silently become the largest `Int64`. Such a value is refused instead.
    func sum(_ column: Int32) throws(StoreError) -> Money {
        if sqlite3_column_type(stmt, column) == SQLITE_FLOAT { throw .amountOverflow }
        return Money(cents: int(column))
    }
}

extension SQLValue {
    static func optional(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    static func optional(_ n: Int64?) -> SQLValue { n.map { .int($0) } ?? .null }
}
