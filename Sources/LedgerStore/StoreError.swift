import Ledger

/// Why the store refused a command. The CLI turns each case into a French sentence.
public enum StoreError: Error, @unchecked Sendable {
    /// No ledger at this path.
    case notFound(path: String)
    /// The path is a folder.
    case isFolder(path: String)
    /// The file exists but is not a Compta ledger (another SQLite file, a text file...).
    case notALedger(path: String)
    /// Written by a newer Compta: schema version `found`, this program knows up to `supported`.
    case newerSchema(path: String, found: Int, supported: Int)
    /// `init` on a path that already holds a file.
    case alreadyExists(path: String)
    case cannotCreate(path: String, reason: String)
    /// A folder has the name of the temporary file a creation or a backup writes first.
    case folderInTheWay(path: String)
    case readOnly(path: String)
    /// Opened read-only because its folder cannot take SQLite's -wal and -shm files: a write.
    case readOnlyFolder(path: String)
    /// Another process holds the ledger for longer than the busy timeout.
    case busy(path: String)
    /// The disk is full: nothing was written.
    case diskFull(path: String)
    /// The disk refused a write or a read.
    case ioError(path: String)
    /// The file, or the files SQLite keeps next to it, cannot be opened.
    case cannotOpen(path: String)
    case entry(EntryError)
    case accountExists(Account)
    case invalidAccount(AccountNumber, reason: AccountRefusal)
    case projectExists(Project)
    /// A tiers refused, not found, ambiguous, or a merge that cannot be.
    case tiers(TiersError)
    case unknownProject(String, known: [String])
    case unknownExercice(String, known: [String])
    case noExercice
    case overlappingExercice(start: Day, end: Day, existing: Exercice)
    case invalidExerciceRange(start: Day, end: Day)
    /// An exercice before one that already has its à-nouveaux, or is closed: it could never be closed.
    case beforeOpenedExercice(start: Day, end: Day, following: Exercice)
    /// A trigger of the schema refused the change (validated entry, closed exercice...).
    case immutable(message: String)
    case unknownEntry(number: Int, exercice: String)
    /// `affecter` on a validated entry with nothing waiting in 471.
    case notWaiting(number: Int)
    /// `affecter` on a draft that has nothing in 471 and cannot be refiled.
    case notReclassifiable(number: Int, reason: DraftRefusal)
    /// The parts of `affecter` do not file the operation.
    case split(SplitError)
    /// A part of `affecter` on the bank account the operation is already on.
    case partOnTheBank(AccountNumber)
    /// `extourner` on an entry that an extourne (entry `by`) already cancels.
    case alreadyReversed(number: Int, by: Int)
    /// `supprimer` on an entry that must stay.
    case notRemovable(number: Int, reason: DraftRefusal)
    case unknownStatement(Int)
    /// `releves annuler` on a statement some of whose entries are validated.
    case statementValidated(Store.ImportedStatement)
    /// `releves annuler` on a statement one of whose entries another corrects (n° `by`).
    case statementCorrected(Store.ImportedStatement, by: Int)
    /// The number exists in several exercices: `--exercice` is needed.
    case ambiguousEntry(number: Int, exercices: [String])
    case sqlite(SQLiteError)
    /// A sum of the ledger's amounts beyond what an `Int64` holds (SQLite's « integer overflow »):
    /// a file changed outside Compta, since `Money.ledgerLimit` keeps Compta's own below it.
    case amountOverflow
    /// An error in an input file, at a line.
    case located(LocatedError)
    /// Any other error raised inside a transaction.
    case other(any Error)
}

public enum AccountRefusal: Sendable, Equatable {
    /// `6` or `60`: accounts of three characters at least.
    case tooShort
    /// No class account for its first digit.
    case noClass
    case emptyLabel
    /// The chart of the exercice being kept dropped this account (6713 in a 2025 exercice):
    /// `replacement` is what to use.
    case replaced(Account, ChartReplacement, Exercice)
}

/// Why an entry cannot be deleted (`supprimer`) or refiled (`affecter`).
public enum DraftRefusal: Sendable, Equatable {
    case validated
    /// An operation of an imported statement (it cannot be deleted).
    case bankOperation
    /// Another entry (its extourne, an affectation) corrects it.
    case corrected(by: Int)
    /// It corrects another entry (it cannot be refiled).
    case corrects(Int)
    /// Its lines outside the bank and cash accounts, when there is not exactly one to refile.
    case lines([AccountNumber])
}

/// Why `exercices supprimer` keeps an exercice: only one that holds nothing goes.
public enum ExerciceRemoval: Error, Sendable, Equatable {
    case closed(Exercice)
    /// What it holds: entries, budget versions, statements imported over its dates.
    case notEmpty(Exercice, entries: Int, budgets: [String], statements: Int)
}
