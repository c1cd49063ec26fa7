import Ledger

/// Why the store refused a command. The CLI turns each case into a French sentence.
/// Every public method of the store throws it (a domain refusal in its own case: `.closing`,
/// `.budget`...), so a caller knows all the ways a call can fail.
public enum StoreError: Error, Sendable {
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
    case cannotCreate(path: String, reason: CreationFailure)
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
    /// An entry breaks a rule of the books.
    case entry(EntryError)
    /// An entry of a file (a statement, a FEC, a CSV of entries) breaks one: `underlying` is
    /// its `EntryError`, the place its line.
    case located(LocatedError)
    case accountExists(Account)
    case invalidAccount(AccountNumber, reason: AccountRefusal)
    case projectExists(Project)
    /// A tiers refused, not found, ambiguous, or a merge that cannot be.
    case tiers(TiersError)
    /// A rule gives the tiers of this code, which the ledger has not: at `regles ajouter` /
    /// `importer`, or at a bank import (`atImport`) for a rule recorded before codes were checked.
    case unknownRuleTiers(code: String, rule: Int, pattern: String, atImport: Bool)
    case unknownProject(String, known: [String])
    case unknownExercice(String, known: [String])
    /// A field of the association that cannot be kept: typed in the command, or already in the
    /// ledger (`inLedger`: a SIREN recorded before its key was checked).
    case association(AssociationError, inLedger: Bool)
    case noExercice
    case overlappingExercice(start: Day, end: Day, existing: Exercice)
    case invalidExerciceRange(start: Day, end: Day)
    /// An exercice before one that already has its à-nouveaux, or is closed: it could never be closed.
    case beforeOpenedExercice(start: Day, end: Day, following: Exercice)
    /// A trigger of the schema refused the change (validated entry, closed exercice...).
    case refusedBySchema(SchemaRefusal)
    /// A FEC's entries give one journal the same validation number twice (SQLite's words).
    case duplicateValidationNumbers(detail: String)
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
    /// A rule that files like this one of the ledger (`Rule.filesLike`).
    case ruleExists(Rule)
    /// `releves annuler` on a statement some of whose entries are validated.
    case statementValidated(ImportedStatement)
    /// `releves annuler` on a statement one of whose entries another corrects (n° `by`).
    case statementCorrected(ImportedStatement, by: Int)
    /// The number exists in several exercices: `--exercice` is needed.
    case ambiguousEntry(number: Int, exercices: [String])
    case sqlite(SQLiteError)
    /// A sum of the ledger's amounts beyond what an `Int64` holds (SQLite's « integer overflow »):
    /// a file changed outside Compta, since `Money.ledgerLimit` keeps Compta's own below it.
    case amountOverflow
    /// A date of a row that is not a day: a file changed outside Compta.
    case unreadableDate(DayError)
    /// A data file built into the program is missing or unreadable.
    case chartData(PlanComptableError)
    case closing(ClosingProblem)
    case allocation(AllocationProblem)
    case budget(BudgetProblem)
    case exerciceRemoval(ExerciceRemoval)
    case ledgerImport(LedgerImportProblem)
    case bankAccount(BankAccountError)
    case restore(RestoreProblem)
    case receipts(ReceiptProblem)
    /// A volunteer's expense or its abandon refused (`Store.recordVolunteerExpense`, `recordExpenseWaiver`).
    case volunteerExpense(VolunteerExpenseError)
    /// Fonds dédiés that cannot be computed or booked as asked.
    case funds(FundError)
    /// `compta pointer`, `compta pointage fenetre`.
    case pointage(PointageError)
    /// `compta lettrer`, `compta delettrer`.
    case lettering(LetteringError)
    /// `compta pieces joindre`, `compta pieces extraire`.
    case piece(PieceError)
    /// A HelloAsso setting refused.
    case platform(PlatformBookingError)
}

extension StoreError {
    /// The refusal of another kind this error carries (a closing's, a budget's, an entry's at
    /// its file line...), or itself: what a caller that wants the bare refusal matches.
    public var refusal: any Error {
        switch self {
        case .located(let e): e
        case .closing(let p): p
        case .allocation(let p): p
        case .budget(let p): p
        case .exerciceRemoval(let r): r
        case .ledgerImport(let p): p
        case .bankAccount(let e): e
        case .restore(let p): p
        case .receipts(let p): p
        case .volunteerExpense(let e): e
        case .funds(let e): e
        case .pointage(let e): e
        case .lettering(let e): e
        case .piece(let e): e
        case .platform(let e): e
        default: self
        }
    }

    /// The same failure, about the file at `path`: what writing a copy of the ledger met is
    /// about the copy (its folder is not the ledger's, so a read-only one is just read-only).
    func about(_ path: String) -> StoreError {
        switch self {
        case .notALedger: return .notALedger(path: path)
        case .readOnly, .readOnlyFolder: return .readOnly(path: path)
        case .busy: return .busy(path: path)
        case .diskFull: return .diskFull(path: path)
        case .ioError: return .ioError(path: path)
        case .cannotOpen: return .cannotOpen(path: path)
        default: return self
        }
    }
}

/// Why a new file (a ledger, a backup) could not be made.
public enum CreationFailure: Sendable, Equatable {
    /// Its WAL could not be folded back into it.
    case walNotCheckpointed
    /// The temporary file could not be made in an existing folder.
    case notWritable
    case noFolder
    /// The system's reason (`strerror`).
    case system(String)
}

/// What a trigger of the schema refused (its text: `Schema.refusals`).
public enum SchemaRefusal: Sendable, Equatable, CaseIterable {
    case validatedEntryChanged, validatedEntryDeleted, entryIdentityChanged, dateOutsideExercice
    case closedExercice, closedExerciceChanged, closedExerciceDeleted, closedExerciceBudget, closedExerciceValidation
    case unbalancedValidation, incompleteValidation, overlappingExercices
    case malformedEntryDate, malformedValidationDate, fractionalAmount, malformedExercice
    case exerciceIdentityChanged, closingWithoutHash, closingWithDrafts, journalIdentityChanged
    case bankLineChanged, validatedBankOperationDeleted, chainVersionChanged, tiersCodeChanged
    case issuedReceiptChanged, issuedReceiptDeleted, giftAlreadyReceipted, receiptOfDraftGift
    case validatedPieceDeleted, pieceChanged
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
