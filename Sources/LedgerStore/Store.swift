import Foundation
import Ledger

/// A Compta ledger: one SQLite file. Every public method that writes does so in one transaction
/// (its own, or the one `transaction` opened), so a command that fails writes nothing.
public final class Store {
    let db: Database
    public let path: String
    /// The command's time, given by whoever opened the store: the day stamped on validations
    /// and closings, the instant on everything recorded.
    let now: Now
    var projectIDsCache: [String: Int64] = [:]
    /// Tiers ids by code, as lines being written name them.
    var tiersIDsCache: [String: Int64] = [:]
    /// Created by this process (`create`), not opened.
    var created = false
    /// Last entry number given per exercice in the current transaction.
    private var lastNumbers: [Int64: Int] = [:]
    /// The sum of the ledger's debits, counted in the current transaction (`Money.ledgerLimit`).
    private var moved: Money?
    private var cachedCatalog: Catalog?
    private var cachedCharts: [ChartVersion: ChartFacts]?
    /// A read transaction opened by `beginSnapshot` and not yet ended by a write.
    private var inSnapshot = false
    /// Opened read-only from a folder SQLite cannot write into (`open`): writes are refused so.
    var isImmutable: Bool { db.immutable }

    private init(db: Database, path: String, now: Now) {
        self.db = db
        self.path = path
        self.now = now
    }

    // MARK: Opening and creating

    /// Opens an existing ledger, applying pending migrations. A ledger whose folder cannot take
    /// SQLite's -wal and -shm files (read-only media: a USB stick, an archive) is opened
    /// read-only, as an immutable file: it is read and verified, and a write is refused saying
    /// why — unless a -wal holds changes the file does not have yet, which such an open
    /// would not see.
    public static func open(path: String, now: Now) throws(StoreError) -> Store {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path: path) }
        if isFolder.boolValue { throw .isFolder(path: path) }
        do {
            return try connect(path, immutable: false, now: now)
        } catch .cannotOpen(let p) {
            guard !hasJournal(path) else { throw .cannotOpen(path: p) }
            return try connect(path, immutable: true, now: now)
        }
    }

    /// Whether a non-empty -wal lies beside `path`: writes the file itself does not hold yet.
    static func hasJournal(_ path: String) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0) > 0
    }

    private static func connect(_ path: String, immutable: Bool, now: Now) throws(StoreError) -> Store {
        let store = Store(db: try Database(path: path, immutable: immutable), path: path, now: now)
        // Who wrote the file, asked before anything else: another program's database, or an
        // empty file, is left exactly as it was (no journal mode switched, no byte added).
        guard try store.db.scalarInt("PRAGMA application_id") == Schema.applicationID else { throw .notALedger(path: path) }
        if !immutable { try store.configure() }
        try store.checkAndMigrate(creating: false)
        return store
    }

    /// Creates a new ledger file (mode 0600) with the chart of accounts of the first exercice,
    /// the default journals and that exercice. The file must not exist yet. It is built under a
    /// temporary name and linked into place once complete: a creation cut short (a crash, a
    /// kill) leaves no half-made ledger at `path`.
    public static func create(path: String, association: Association, start: Day, end: Day? = nil, now: Now) throws(StoreError) -> Store {
        try writeNewFile(path, suffix: ".creation") { temporary throws(StoreError) in
            let db = try Database(path: temporary, reportedAs: path)
            _ = try Store.initialize(db: db, path: path, association: association, start: start, end: end, now: now)
            // Everything into the file itself (an error here, a full disk, stops the creation),
            // so that the file linked into place is complete without its WAL.
            let checkpoint = try db.query("PRAGMA wal_checkpoint(TRUNCATE)") { $0.int(0) }
            guard checkpoint == [0] else { throw .busy(path: path) }
            db.close()
            if let size = (try? FileManager.default.attributesOfItem(atPath: temporary + "-wal"))?[.size] as? Int, size > 0 {
                throw .cannotCreate(path: path, reason: .walNotCheckpointed)
            }
        }
        let store = try Store.open(path: path, now: now)
        store.created = true
        return store
    }

    /// A new ledger of an association known by its name only.
    public static func create(path: String, name: String, start: Day, end: Day? = nil, now: Now) throws(StoreError) -> Store {
        try create(path: path, association: Association(name: name.printable), start: start, end: end, now: now)
    }

    /// A copy of the whole ledger at `path` (mode 0600), as it is at one instant even while
    /// another command writes (`VACUUM INTO`, compacted), then opened and verified like
    /// `compta verifier`: what a backup or a handover to the next treasurer needs. The file must
    /// not exist yet; a copy cut short leaves nothing at `path`.
    public func backup(to path: String) throws(StoreError) -> VerificationReport {
        // VACUUM reads in a transaction of its own, none may be open.
        endSnapshot()
        try Store.writeNewFile(path, suffix: ".copie") { temporary throws(StoreError) in
            // What fails here is the writing of the copy: the error is about it.
            do throws(StoreError) { try db.run("VACUUM INTO ?", .text(temporary)) } catch { throw error.about(path) }
        }
        return try Store.open(path: path, now: now).verify()
    }

    /// Writes a new file at `path` through `fill`, which gets an empty file of mode 0600 under a
    /// temporary name; the file is linked into place once complete, never over an existing one.
    static func writeNewFile(_ path: String, suffix: String, _ fill: (String) throws(StoreError) -> Void) throws(StoreError) {
        guard !FileManager.default.fileExists(atPath: path) else { throw .alreadyExists(path: path) }
        try withTemporaryFile(beside: path, suffix: suffix) { temporary throws(StoreError) in
            try fill(temporary)
            try linkNew(temporary, to: path)
        }
    }

    /// Runs `body` with an empty file of mode 0600 named `path` + `suffix`, removed afterwards
    /// (with the -wal and -shm SQLite may have made beside it). A file by that name is what a
    /// command cut short left, and goes; a folder is not ours to remove, and stops the command.
    static func withTemporaryFile<T>(beside path: String, suffix: String, _ body: (String) throws(StoreError) -> T) throws(StoreError) -> T {
        let fm = FileManager.default
        let temporary = path + suffix
        var info = stat()
        if lstat(temporary, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR { throw .folderInTheWay(path: temporary) }
        func removeTemporary() { for end in ["", "-wal", "-shm"] { unlink(temporary + end) } }
        removeTemporary()
        guard fm.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            let folder = (path as NSString).deletingLastPathComponent
            throw .cannotCreate(path: path, reason: folder.isEmpty || fm.fileExists(atPath: folder) ? .notWritable : .noFolder)
        }
        defer { removeTemporary() }
        return try body(temporary)
    }

    /// Gives the complete file `temporary` the name `path`. link(2), unlike rename(2), never
    /// replaces a file that appeared meanwhile. File systems without hard links (FAT on a USB
    /// stick) get a rename, after a last check.
    static func linkNew(_ temporary: String, to path: String) throws(StoreError) {
        if link(temporary, path) != 0 {
            if errno == EEXIST || FileManager.default.fileExists(atPath: path) { throw .alreadyExists(path: path) }
            guard rename(temporary, path) == 0 else { throw .cannotCreate(path: path, reason: .system(String(cString: strerror(errno)))) }
        }
    }

    /// True for a ledger created by this command and still without any entry: a failed first
    /// import may remove it (`discard`), leaving nothing behind.
    public var isEmptyNew: Bool {
        created && ((try? db.scalarInt("SELECT count(*) FROM entry")) ?? 1) == 0
    }

    /// Removes the file of a ledger this command created.
    public func discard() {
        guard created, path != ":memory:" else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A ledger in memory, for tests and dry runs.
    public static func inMemory(name: String = "Test", start: Day, end: Day? = nil, now: Now) throws(StoreError) -> Store {
        try Store.initialize(db: Database(path: ":memory:"), path: ":memory:", association: Association(name: name.printable), start: start, end: end, now: now)
    }

    private static func initialize(db: Database, path: String, association: Association, start: Day, end: Day?, now: Now) throws(StoreError) -> Store {
        let store = Store(db: db, path: path, now: now)
        try store.configure()
        try store.checkAndMigrate(creating: true)
        try store.atomically { () throws(StoreError) in
            try store.write(association)
            for j in Journal.defaults {
                try db.run("INSERT INTO journal(code, label, kind) VALUES (?, ?, ?)", .text(j.code), .text(j.label), .text(j.kind.rawValue))
            }
            try store.addExercice(start: start, end: end)
        }
        return store
    }

    /// SQLite's page cache, in KiB (negative: a size, not a number of pages).
    static let cacheSize = -65536

    private func configure() throws(StoreError) {
        try db.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:" {
            try db.execute("PRAGMA journal_mode = WAL")
            try db.execute("PRAGMA synchronous = FULL")
            // A page cache large enough for a big import not to re-read its own index pages.
            try db.execute("PRAGMA cache_size = \(Store.cacheSize)")
            // Statement journals (rollback of one statement inside a transaction) stay in memory.
            try db.execute("PRAGMA temp_store = MEMORY")
        }
    }

    private func checkAndMigrate(creating: Bool) throws(StoreError) {
        let version = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
        if version > Schema.migrations.count {
            throw .newerSchema(path: path, found: version, supported: Schema.migrations.count)
        }
        if version == Schema.migrations.count { return }
        try atomically { () throws(StoreError) in
            if creating { try db.execute("PRAGMA application_id = \(Schema.applicationID)") }
            for index in version..<Schema.migrations.count {
                try db.execute(Schema.migrations[index])
            }
            try db.execute("PRAGMA user_version = \(Schema.migrations.count)")
        }
    }

    // MARK: Transactions

    /// Runs `body`, the caller's own steps (the store's methods, and checks of its own), in one
    /// transaction (BEGIN IMMEDIATE): all of it is written, or nothing. Nested calls join the
    /// outer transaction. The store's failures are `StoreError`s; the body's own errors pass
    /// through as they are, which is why this one method does not name its error type.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        let owned = try begin(rollback: false)
        do {
            let result = try body()
            try end(owned, rollback: false)
            return result
        } catch {
            abort(owned)
            throw error
        }
    }

    /// Starts a read transaction that lasts until the first write or the end of the process:
    /// every query of a report sees the ledger as it was at that moment, even when another
    /// process commits an import meanwhile (never half of it, never a mix of before and after).
    public func beginSnapshot() throws(StoreError) {
        guard !db.isInTransaction else { return }
        try db.execute("BEGIN DEFERRED")
        _ = try db.scalarInt("SELECT count(*) FROM meta")
        inSnapshot = true
    }

    func endSnapshot() {
        if inSnapshot {
            try? db.execute("COMMIT")
            inSnapshot = false
        }
    }

    /// The store's one transaction mechanism: `body` in a transaction of its own, or in the
    /// one open (`rollback` false); with `rollback`, always rolled back (`--essai`).
    func atomically<T>(rollback: Bool = false, _ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        let owned = try begin(rollback: rollback)
        do {
            let result = try body()
            try end(owned, rollback: rollback)
            return result
        } catch {
            abort(owned)
            throw error
        }
    }

    /// Opens the transaction of a write, unless it joins the one open: whether it owns it.
    private func begin(rollback: Bool) throws(StoreError) -> Bool {
        // A write reads the latest state, under the write lock: the snapshot ends here.
        endSnapshot()
        if db.isInTransaction && !rollback { return false }
        try db.execute("BEGIN IMMEDIATE")
        // What was read before the lock (the catalog: exercices closed or not...) may be stale:
        // every check of the write reads again, inside it.
        forgetCaches()
        return true
    }

    private func end(_ owned: Bool, rollback: Bool) throws(StoreError) {
        guard owned else { return }
        if rollback {
            try db.execute("ROLLBACK")
            forgetCaches()
        } else {
            try db.execute("COMMIT")
            lastNumbers = [:]
            moved = nil
        }
    }

    private func abort(_ owned: Bool) {
        guard owned else { return }
        try? db.execute("ROLLBACK")
        forgetCaches()
    }

    func forgetCatalog() { cachedCatalog = nil }

    /// Runs one of `LedgerQueries`' own helpers (`balance`, `balanceBase`, `forEachEntry`): written
    /// over the protocol's requirements, which name no error type, they throw on a store only what
    /// its requirements throw, `StoreError` (and a body given here, typed so).
    func queried<T>(_ helper: () throws -> T) throws(StoreError) -> T {
        do { return try helper() } catch { throw error as! StoreError }
    }

    private func forgetCaches() {
        lastNumbers = [:]
        moved = nil
        cachedCatalog = nil
        projectIDsCache = [:]
        tiersIDsCache = [:]
    }


    // MARK: Catalog

    /// Accounts, projects, journals and exercices: what validation needs.
    public func catalog() throws(StoreError) -> Catalog {
        if let c = cachedCatalog { return c }
        let c = try { () throws(StoreError) -> Catalog in
            let accounts = try db.query("SELECT number, label, custom FROM account") {
                Account(number: $0.account(0), label: $0.text(1), isCustom: $0.int(2) != 0)
            }
            var ids: [String: Int64] = [:]
            let projects = try db.query("SELECT id, code, name, fund_family FROM project ORDER BY code") { s -> Project in
                ids[s.text(1)] = s.int(0)
                return Project(code: s.text(1), name: s.text(2), fundFamily: s.optionalText(3).flatMap(FundFamily.init(rawValue:)))
            }
            projectIDsCache = ids
            let journals = try db.query("SELECT code, label, kind FROM journal") {
                Journal(code: $0.text(0), label: $0.text(1), kind: Journal.Kind(rawValue: $0.text(2)) ?? .operationsDiverses)
            }
            return Catalog(accounts: accounts, projects: projects, journals: journals, exercices: try exercices(), charts: try chartFacts())
        }()
        cachedCatalog = c
        return c
    }

    /// Both charts, whatever the exercices (a budget for next year may follow the new one).
    /// Read once: unlike the catalog, they never change while the ledger is open.
    private func chartFacts() throws(StoreError) -> [ChartVersion: ChartFacts] {
        if let c = cachedCharts { return c }
        var charts: [ChartVersion: ChartFacts] = [:]
        for chart in ChartVersion.allCases {
            do throws(PlanComptableError) {
                let labels = try PlanComptableData.accounts(chart).map { (AccountNumber(trusted: $0.number), $0.label) }
                let replaced = try PlanComptableData.replacements(introducedBy: chart).map { (AccountNumber(trusted: $0.key), $0.value) }
                charts[chart] = ChartFacts(labels: Dictionary(labels, uniquingKeysWith: { a, _ in a }),
                                           replaced: Dictionary(uniqueKeysWithValues: replaced))
            } catch { throw .chartData(error) }
        }
        cachedCharts = charts
        return charts
    }

    private func exercices() throws(StoreError) -> [Exercice] {
        try db.query("SELECT \(Exercice.columns) FROM exercice x ORDER BY x.start") { s throws(StoreError) in try Exercice(row: s) }
    }

    public func associationName() throws(StoreError) -> String {
        try db.scalarText("SELECT value FROM meta WHERE key = 'nom'") ?? ""
    }

    /// The exercice a command means: the one labelled `label`, or by default the current one.
    public func exercice(_ label: String?) throws(StoreError) -> Exercice {
        let c = try catalog()
        if let label {
            guard let e = c.exercice(labelled: label) else {
                throw .unknownExercice(label, known: c.exercices.map(\.label))
            }
            return e
        }
        guard let e = c.currentExercice else { throw .noExercice }
        return e
    }

    // MARK: Accounts, projects, exercices

    /// Adds an account of the association's own (`604A "OVH"`, `6713 "Dons, libéralités"`).
    @discardableResult
    public func addAccount(_ number: AccountNumber, label: String) throws(StoreError) -> Account {
        let label = label.printable.trimmingSpaces
        guard !label.isEmpty else { throw .invalidAccount(number, reason: .emptyLabel) }
        guard number.isPostable else { throw .invalidAccount(number, reason: .tooShort) }
        let account = Account(number: number, label: label, isCustom: true)
        try atomically { () throws(StoreError) in
            let c = try catalog()
            if let existing = c.accounts[number] { throw .accountExists(existing) }
            guard c.accounts[AccountNumber(trusted: String(number.text.first!))] != nil else {
                throw .invalidAccount(number, reason: .noClass)
            }
            if let current = c.currentExercice, let (old, replacement) = c.replaced(number, in: current.chart) {
                throw .invalidAccount(number, reason: .replaced(old, replacement, current))
            }
            try db.run("INSERT INTO account(number, label, custom) VALUES (?, ?, 1)", .text(number.text), .text(label))
            cachedCatalog?.add(account)
        }
        return account
    }

    /// The account `number` sits under: the longest existing account whose number is a prefix.
    public func parent(of number: AccountNumber) throws(StoreError) -> Account? {
        let c = try catalog()
        var prefix = number.text
        while prefix.count > 1 {
            prefix.removeLast()
            if let a = c.accounts[AccountNumber(trusted: prefix)] { return a }
        }
        return nil
    }

    @discardableResult
    public func addProject(code: String, name: String) throws(StoreError) -> Project {
        let name = name.printable.trimmingSpaces
        let project = Project(code: code, name: name.isEmpty ? code : name)
        try atomically { () throws(StoreError) in
            if let existing = try catalog().projects[code] { throw .projectExists(existing) }
            try db.run("INSERT INTO project(code, name) VALUES (?, ?)", .text(project.code), .text(project.name))
            projectIDsCache[project.code] = db.lastInsertRowID
            cachedCatalog?.add(project)
        }
        return project
    }

    /// Marks a project as funded by restricted resources of `family` (nil: no longer): its
    /// unused resources at closing become fonds dédiés. The funds already booked stay.
    @discardableResult
    public func setFundFamily(of code: String, to family: FundFamily?) throws(StoreError) -> Project {
        try atomically { () throws(StoreError) -> Project in
            guard let p = try catalog().projects[code] else { throw .unknownProject(code, known: try catalog().projects.keys.sorted()) }
            try db.run("UPDATE project SET fund_family = ? WHERE code = ?", .optional(family?.rawValue), .text(code))
            let marked = Project(code: p.code, name: p.name, fundFamily: family)
            cachedCatalog?.add(marked)
            return marked
        }
    }

    /// Opens an exercice. Its chart of accounts follows its start date (PCA 2018 before 2025,
    /// PCA 2025 from 2025); accounts of that chart the ledger lacks are added.
    @discardableResult
    public func addExercice(start: Day, end: Day? = nil, label: String? = nil) throws(StoreError) -> Exercice {
        let end = end ?? Exercice.defaultEnd(start: start)
        guard start <= end, start.daysThrough(end) <= 732 else { throw .invalidExerciceRange(start: start, end: end) }
        let chart = ChartVersion.forExercice(startYear: start.year)
        let label = label ?? Exercice.defaultLabel(start: start, end: end)
        let id = try atomically { () throws(StoreError) -> Int64 in
            let existing = try exercices()
            if let overlap = existing.first(where: { start <= $0.end && $0.start <= end }) {
                throw .overlappingExercice(start: start, end: end, existing: overlap)
            }
            // Before an exercice that has its à-nouveaux (or is closed), a new one could never be
            // closed: its closing would write them again. And it would hold up that one's closing.
            if let following = existing.first(where: { $0.start > end }) {
                let hasOpenings = try db.scalarInt("""
                    SELECT 1 FROM entry e JOIN journal j ON j.code = e.journal WHERE e.exercice_id = ? AND j.kind = 'an' LIMIT 1
                    """, .int(following.id)) != nil
                if following.isClosed || hasOpenings { throw .beforeOpenedExercice(start: start, end: end, following: following) }
            }
            try db.run("INSERT INTO exercice(label, start, end, chart) VALUES (?, ?, ?, ?)",
                       .text(label), .text(start.iso), .text(end.iso), .text(chart.rawValue))
            let id = db.lastInsertRowID
            let accounts: [ChartAccount]
            do throws(PlanComptableError) { accounts = try PlanComptableData.accounts(chart) } catch { throw .chartData(error) }
            for a in accounts {
                try db.run("INSERT OR IGNORE INTO account(number, label, custom) VALUES (?, ?, 0)", .text(a.number), .text(a.label))
            }
            // 471, the waiting account bank imports use, is in the PCG but not in the association charts.
            try db.run("INSERT OR IGNORE INTO account(number, label, custom) VALUES (?, 'Compte d''attente', 0)", .text(AccountNumber.waiting.text))
            return id
        }
        cachedCatalog = nil
        return Exercice(id: id, label: label, start: start, end: end, chart: chart, isClosed: false)
    }

    /// Removes an exercice opened by mistake, while it holds nothing: no entry, no budget, no
    /// statement imported over its dates, and it is not closed (the schema refuses those too:
    /// foreign keys for entries and budgets, a trigger for a closed exercice).
    public func removeExercice(_ e: Exercice) throws(StoreError) {
        try atomically { () throws(StoreError) in
            guard try db.scalarInt("SELECT closed_on IS NOT NULL FROM exercice WHERE id = ?", .int(e.id)) == 0 else {
                throw .exerciceRemoval(.closed(e))
            }
            let entries = Int(try db.scalarInt("SELECT count(*) FROM entry WHERE exercice_id = ?", .int(e.id)) ?? 0)
            let budgets = try db.query("SELECT version FROM budget WHERE exercice_id = ? ORDER BY created_at, id", [.int(e.id)]) { $0.text(0) }
            let statements = Int(try db.scalarInt("SELECT count(*) FROM statement WHERE first_date <= ? AND last_date >= ?",
                                                  .text(e.end.iso), .text(e.start.iso)) ?? 0)
            if entries > 0 || !budgets.isEmpty || statements > 0 {
                throw .exerciceRemoval(.notEmpty(e, entries: entries, budgets: budgets, statements: statements))
            }
            try db.run("DELETE FROM exercice WHERE id = ?", .int(e.id))
        }
        cachedCatalog = nil
    }

    // MARK: Entries

    /// A recorded entry: its id and its number in its exercice.
    public struct Posted: Hashable, Sendable {
        public let id: Int64
        public let number: Int
        public let exercice: Exercice
    }

    /// Checks and records an entry as a draft. Throws `StoreError.entry` when the entry breaks a rule.
    @discardableResult
    public func post(_ entry: EntryDraft) throws(StoreError) -> Posted {
        try postMany([entry])[0]
    }

    /// Checks and records entries as drafts, in one transaction: all or none. Rows go to SQLite
    /// by chunks of multi-row INSERTs (a statement per entry would cost more than the entry).
    /// An entry that breaks a rule (`.entry`) or names an unknown tiers (`.tiers`) is refused with
    /// the error `refused` makes of its position in `entries` and that error: the caller knows
    /// where it came from.
    func postMany(_ entries: [EntryDraft], refused: (Int, StoreError) -> StoreError = { $1 }) throws(StoreError) -> [Posted] {
        var posted: [Posted] = []
        posted.reserveCapacity(entries.count)
        try atomically { () throws(StoreError) in
            let c = try catalog()
            var nextID = (try db.scalarInt("SELECT coalesce(max(id), 0) FROM entry") ?? 0) + 1
            var entryRows: [SQLValue] = []
            var lineRows: [SQLValue] = []
            // Written every 1024 entries: memory stays flat however many entries come.
            var totals = TotalsDelta()
            func flush() throws(StoreError) {
                try insertRows("entry(id, exercice_id, number, journal, date, label, piece, created_at)", width: 8, values: entryRows)
                try insertRows(Store.lineColumns, width: Store.lineWidth, values: lineRows)
                try apply(totals)
                totals.removeAll()
                entryRows.removeAll(keepingCapacity: true)
                lineRows.removeAll(keepingCapacity: true)
            }
            var moved = self.moved ?? Money.zero
            if self.moved == nil { moved = Money(cents: try db.scalarInt("SELECT coalesce(sum(debit), 0) FROM total") ?? 0) }
            defer { self.moved = moved }
            for (index, entry) in entries.enumerated() {
                let exercice: Exercice
                do throws(EntryError) {
                    exercice = try c.validate(entry)
                    // Validation checked the entry's own sum: it fits.
                    guard let sum = try? moved.adding(entry.totalDebit), sum.cents <= Money.ledgerLimit else { throw .ledgerLimit(moved) }
                    moved = sum
                } catch { throw refused(index, .entry(error)) }
                let number = try nextNumber(exercice)
                let id = nextID
                nextID += 1
                entryRows += [.int(id), .int(exercice.id), .int(Int64(number)), .text(entry.journal), .text(entry.date.iso),
                              .text(entry.label.trimmingSpaces), .optional(entry.piece), .text(now.instant)]
                do throws(StoreError) { lineRows += try lineValues(entry.lines, entry: id) } catch { throw refused(index, error) }
                totals.add(entry.lines, day: entry.date, opening: c.isOpening(entry.journal), projects: projectIDsCache)
                posted.append(Posted(id: id, number: number, exercice: exercice))
                if index % 1024 == 1023 { try flush() }
            }
            try flush()
        }
        return posted
    }

    /// The columns a line is written with, in the order of `lineValues`.
    static let lineColumns = "line(entry_id, account, debit, credit, label, project_id, tiers_id)"
    static let lineWidth = 7

    /// The values of `lines` of entry `entry`, row after row, for `insertRows(Store.lineColumns, width: Store.lineWidth, ...)`.
    /// A line's tiers is a code of the ledger's.
    func lineValues(_ lines: [LineDraft], entry: Int64) throws(StoreError) -> [SQLValue] {
        var values: [SQLValue] = []
        values.reserveCapacity(lines.count * Store.lineWidth)
        for l in lines {
            values += [.int(entry), .text(l.account.text), .int(l.debit.cents), .int(l.credit.cents), .optional(l.label),
                       .optional(l.project.flatMap { projectIDsCache[$0] }), .optional(try l.tiers.map(tiersID))]
        }
        return values
    }

    /// Changes to the daily totals reports read, gathered while lines are written or deleted and
    /// added to the `total` table by `apply` in the same transaction. Every write of lines goes
    /// through one: a few grouped upserts for a whole batch instead of a trigger per line.
    struct TotalsDelta {
        struct Key: Hashable {
            let day: Day
            let account: String
            /// 0: no project.
            let project: Int64
            let opening: Bool
        }
        private(set) var amounts: [Key: (debit: Int64, credit: Int64)] = [:]

        /// The lines of an entry of `day` written (`sign` 1) or deleted (−1): how every change of
        /// lines reaches the totals. `projects`: the projects' ids by code.
        mutating func add(_ lines: [some TotalsLine], day: Day, opening: Bool, projects: [String: Int64], sign: Int64 = 1) {
            for l in lines {
                add(Key(day: day, account: l.account.text, project: l.project.flatMap { projects[$0] } ?? 0, opening: opening),
                    debit: l.debit.cents, credit: l.credit.cents, sign: sign)
            }
        }

        mutating func add(_ key: Key, debit: Int64, credit: Int64, sign: Int64 = 1) {
            let old = amounts[key] ?? (0, 0)
            amounts[key] = (old.debit + sign * debit, old.credit + sign * credit)
        }

        mutating func removeAll() { amounts.removeAll(keepingCapacity: true) }
    }

    func apply(_ delta: TotalsDelta) throws(StoreError) {
        for (k, v) in delta.amounts {
            try db.run("""
                INSERT INTO total(day, account, project_id, opening, debit, credit) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (day, account, project_id, opening) DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit
                """, .text(k.day.iso), .text(k.account), .int(k.project), .int(k.opening ? 1 : 0), .int(v.debit), .int(v.credit))
        }
    }

    /// `INSERT INTO target VALUES (...), (...), ...`, the rows' values laid end to end, by chunks:
    /// one prepared statement per chunk size, found once per call.
    func insertRows(_ target: String, width: Int, values: [SQLValue]) throws(StoreError) {
        let rows = values.count / width
        let chunk = max(1, 256 / width)
        let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        func statement(rows n: Int) throws(StoreError) -> SQLStatement {
            try db.cachedStatement("INSERT INTO \(target) VALUES " + Array(repeating: tuple, count: n).joined(separator: ", "))
        }
        let full = rows >= chunk ? try statement(rows: chunk) : nil
        var start = 0
        while start < rows {
            let n = min(chunk, rows - start)
            let s: SQLStatement
            if n == chunk, let full {
                full.reset()
                s = full
            } else {
                s = try statement(rows: n)
            }
            try s.bind(values[(start * width)..<((start + n) * width)])
            while try s.step() {}
            start += n
        }
    }

    /// The next entry number of an exercice. Read once per transaction, then counted.
    private func nextNumber(_ exercice: Exercice) throws(StoreError) -> Int {
        let n: Int
        if let last = lastNumbers[exercice.id] {
            n = last + 1
        } else {
            n = Int(try db.scalarInt("SELECT coalesce(max(number), 0) + 1 FROM entry WHERE exercice_id = ?", .int(exercice.id)) ?? 1)
        }
        lastNumbers[exercice.id] = n
        return n
    }

    /// Records many entries in one transaction: all of them, or none. An error names the
    /// source line of the entry that failed.
    @discardableResult
    public func postAll(_ entries: [SourcedEntry], file: String?) throws(StoreError) -> [Posted] {
        try postMany(entries.map(\.entry)) { .located(entries[$0].refusal($1, file: file)) }
    }

    /// A text dump of every table, in a stable order: tests compare it before and after a
    /// refused command to prove the ledger did not change.
    public func dump() throws(StoreError) -> String {
        let tables = try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") { $0.text(0) }
        var out = ""
        for t in tables {
            out += "## \(t)\n"
            let n = try db.makeStatement("SELECT * FROM \"\(t)\"").columnCount
            let order = (1...max(1, Int(n))).map(String.init).joined(separator: ", ")
            let s = try db.makeStatement("SELECT * FROM \"\(t)\" ORDER BY \(order)")
            while try s.step() {
                out += (0..<n).map { s.optionalText($0) ?? "∅" }.joined(separator: "|") + "\n"
            }
        }
        return out
    }
}

/// A line as the totals see it: a draft being written, a recorded line being deleted.
protocol TotalsLine {
    var account: AccountNumber { get }
    var debit: Money { get }
    var credit: Money { get }
    var project: String? { get }
}

extension LineDraft: TotalsLine {}
extension Entry.Line: TotalsLine {}

extension SourcedEntry {
    /// `error` at its place in the file: the line of the entry, or of the line an entry error is
    /// about (an unknown account, a zero amount).
    func refusal(_ error: StoreError, file: String?) -> LocatedError {
        guard case .entry(let e) = error else { return LocatedError(file: file, line: line, underlying: error) }
        return LocatedError(file: file, line: line(of: e), underlying: e)
    }
}
