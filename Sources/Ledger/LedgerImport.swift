/// Books brought from another software (a FEC): one exercice's journals, accounts and entries,
/// with the validation each entry had there.
public struct LedgerImport: Sendable {
    /// A line's tiers as the file names it (CompAuxNum, CompAuxLib): the import finds or creates it.
    public struct TiersName: Hashable, Sendable {
        public let code: String
        public let name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// A line's letter as the file writes it (EcritureLet, DateLet): the import groups the
    /// lines of one account and code.
    public struct LetterName: Hashable, Sendable {
        public let code: String
        public let day: Day?

        public init(code: String, day: Day?) {
            self.code = code
            self.day = day
        }
    }

    public struct Item: Sendable {
        public let source: SourcedEntry
        /// Validated there: its number in its journal (when known) and its validation date.
        public let validation: (number: Int?, date: Day)?
        /// The tiers of each line of the entry, in order.
        public let tiers: [TiersName?]
        /// The letter of each line of the entry, in order (empty: none).
        public let letters: [LetterName?]

        public init(source: SourcedEntry, validation: (number: Int?, date: Day)?, tiers: [TiersName?] = [], letters: [LetterName?] = []) {
            self.source = source
            self.validation = validation
            self.tiers = tiers
            self.letters = letters
        }

        public var entry: EntryDraft { source.entry }
        public var sourceLine: Int { source.line }
    }

    public let start: Day
    public let end: Day
    public let journals: [Journal]
    /// Accounts the file uses, with the file's label (created when the ledger lacks them).
    public let accounts: [Account]
    public let items: [Item]
    /// File lines of no amount, left out of the entries.
    public let zeroLines: [Int]
    /// Journals whose validated entries the file did not number 1 to n: numbered again, in file order.
    public let renumbered: [String]

    public init(start: Day, end: Day, journals: [Journal], accounts: [Account], items: [Item], zeroLines: [Int] = [],
                renumbered: [String] = []) {
        self.start = start
        self.end = end
        self.journals = journals
        self.accounts = accounts
        self.items = items
        self.zeroLines = zeroLines
        self.renumbered = renumbered
    }
}

public enum LedgerImportProblem: Error, Equatable, Sendable {
    /// The exercice already has entries: an import goes into a new ledger or an empty exercice.
    case exerciceNotEmpty(Exercice)
    case overlapsExercice(Exercice)
    case exerciceClosed(Exercice)
    /// An entry's date falls outside the exercice the file is for.
    case outsideExercice(line: Int, date: Day, start: Day, end: Day)
    /// An account of the file whose class the ledger has no account for.
    case accountWithoutClass(AccountNumber)
    case duplicateValidationNumber(journal: String, number: Int, line: Int)
    /// An entry whose every line has no amount.
    case noAmount(line: Int, number: String)
}
