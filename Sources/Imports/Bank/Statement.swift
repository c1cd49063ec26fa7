import Ledger

/// One operation read from a bank statement.
public struct StatementLine: Sendable, Equatable {
    /// Line of the file the operation starts on (1-based), for messages.
    public let line: Int
    public let date: Day
    public let label: String
    /// Positive: money in; negative: money out.
    public let amount: Money
    /// The other party's name when the format states it apart from the label (camt.053's
    /// `<Nm>`, CFONB's 05 NPY/NBE complement, a CSV's « Counterparty name »): the line's tiers
    /// unless a rule says otherwise, rather than a name guessed from the label.
    public let counterparty: String?

    public init(line: Int, date: Day, label: String, amount: Money, counterparty: String? = nil) {
        self.line = line
        self.date = date
        self.label = label.printable
        self.amount = amount
        self.counterparty = counterparty.map { CSVStatementReader.collapse($0.printable) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A bank statement as read from a file, whatever its format.
public struct Statement: Sendable {
    /// Profile id (`bpce`, `ofx`, `qif`, `colonnes`...).
    public let format: String
    /// Name for people (`Caisse d'Épargne, Banque Populaire, Crédit Coopératif`).
    public let formatName: String
    public let encoding: TextEncoding
    /// The bank's identifier of the account, when the file states it.
    public let accountID: String?
    public let lines: [StatementLine]
    /// Balance stated by the file, and its day.
    public let closingBalance: Money?
    public let closingDate: Day?
    /// Balance before the first operation, when the file states it (CFONB, camt.053, LCL), and its day.
    public let openingBalance: Money?
    public let openingDate: Day?
    /// Lines the file holds but that are not operations to import (pending, declined...).
    public let skipped: Int
    /// Operations left out because they are before the day asked for (`--du`).
    public let before: Int
    /// Operations of no amount, left out.
    public let zeroAmounts: Int

    public init(format: String, formatName: String, encoding: TextEncoding, accountID: String?, lines: [StatementLine],
                closingBalance: Money?, closingDate: Day?, skipped: Int = 0, before: Int = 0, zeroAmounts: Int = 0,
                openingBalance: Money? = nil, openingDate: Day? = nil) {
        self.openingBalance = openingBalance
        self.openingDate = openingDate
        self.before = before
        self.zeroAmounts = zeroAmounts
        self.format = format
        self.formatName = formatName
        self.encoding = encoding
        self.accountID = accountID?.printable
        self.lines = lines
        self.closingBalance = closingBalance
        self.closingDate = closingDate
        self.skipped = skipped
    }

    public var firstDate: Day? { lines.map(\.date).min() }
    public var lastDate: Day? { lines.map(\.date).max() }

    /// The statement without the operations that are not to be imported: those of no amount (a
    /// fee waived, a line of information), which move no money, and those before `from`
    /// (`--du`: another statement brought them). Throws when `from` leaves nothing.
    public func importable(from: Day?) throws(StatementError) -> Statement {
        let moving = lines.filter { !$0.amount.isZero }
        let kept = from.map { day in moving.filter { $0.date >= day } } ?? moving
        if let from, kept.isEmpty, !moving.isEmpty, let last = moving.map(\.date).max() { throw .noOperationsFrom(from, lastDate: last) }
        if kept.count == lines.count { return self }
        return Statement(format: format, formatName: formatName, encoding: encoding, accountID: accountID, lines: kept,
                         closingBalance: closingBalance, closingDate: closingDate, skipped: skipped,
                         before: moving.count - kept.count, zeroAmounts: lines.count - moving.count,
                         openingBalance: from == nil ? openingBalance : nil, openingDate: from == nil ? openingDate : nil)
    }
}

/// Why a statement cannot be read. Each case says where (line) and what.
public enum StatementError: Error, Equatable, Sendable {
    case decoding(TextDecodingError)
    case csv(CSVError)
    /// A PDF: the bank's printable statement, not an export.
    case pdf
    /// No known layout: the first rows seen, to show the user.
    case unknownLayout(firstRows: [[String]])
    /// `--banque NOM` with a name no profile has.
    case unknownBank(String, known: [String])
    /// The chosen profile's columns are not in the file; `looksLike`: the id of the format it is
    /// recognised as (in `StatementReaders.all`).
    case layoutNotFound(profile: String, expected: [String], firstRows: [[String]], looksLike: String? = nil)
    /// `--banque` names a format that declares itself (OFX, QIF, CFONB 120, camt.053; its id)
    /// and the file is not in it; `looksLike`: the id of the format it is recognised as, if any.
    case notInFormat(String, looksLike: String?)
    /// A row that should be an operation but cannot be read; `columns`: the `--colonnes` it
    /// was read with, if any (then the mapping is the first suspect).
    case malformedLine(line: Int, raw: String, reason: LineProblem, columns: String? = nil)
    /// One of Compta's own files (entries, budget, rules, FEC), recognised by its header.
    case comptaFile(ComptaFile)
    /// The file has several accounts and none was chosen.
    case severalAccounts([String])
    /// `--numero` names no account of the file.
    case accountNotInFile(String, accounts: [String])
    /// A CFONB 120 record that cannot be read: its number, its line (nil in a file without line breaks).
    case cfonb(record: Int, line: Int?, problem: CFONBProblem)
    case camt(CamtProblem)
    case noOperations
    /// `--du`: every operation of the file is before that day (the last one on `lastDate`).
    case noOperationsFrom(Day, lastDate: Day)
    /// `--colonnes` that does not make sense.
    case badColumns(String)
    /// Some lines are UTF-8 and others Windows-1252.
    case mixedEncodings(utf8Line: Int, otherLine: Int)
    case badProfileFile(line: Int, text: String)
    /// A profile file that does not say where the columns are.
    case profileWithoutColumns
}

public enum LineProblem: Error, Equatable, Sendable {
    case date(String, DayError)
    case amount(String, MoneyError)
    case missingAmount
    case missingColumns(expected: Int, found: Int)
}

/// What is wrong with a CFONB 120 record.
public enum CFONBProblem: Error, Equatable, Sendable {
    /// The line has that many characters: not 120, nor a multiple of it.
    case length(Int)
    /// A line shorter than a record (that many characters) in a file whose other lines kept
    /// their blanks: cut, not trimmed.
    case cut(Int)
    /// Not 01, 04, 05 or 07.
    case recordCode(String)
    /// Positions 91–104 are not 13 digits and a sign character.
    case amount(String)
    case decimals(String)
    case date(String)
    /// An account kept in another currency than the euro (its ISO code, the account); `others`
    /// are the file's other accounts, one of which `--numero` may choose.
    case currency(String, account: String, others: [String])
}

/// What is wrong with a camt.053 file. `line`: where the XML parser was.
public enum CamtProblem: Error, Equatable, Sendable {
    /// A DTD or entity declaration: refused unread (entity expansion is never done).
    case dtd
    /// Not well-formed XML: cut short, or edited.
    case malformed(line: Int)
    /// Another ISO 20022 message or version (`camt.054.001.08`, `camt.053.001.01`), or not one at all.
    case otherMessage(String)
    case amount(String, line: Int)
    case date(String, line: Int)
    /// An element an entry must have (`CdtDbtInd`, `Amt`, `BookgDt`).
    case missing(String, line: Int)
    case currency(String, line: Int)
}

extension Statement {
    /// The account of a file that holds several (CFONB 120, camt.053), as `--numero` names it:
    /// the one of that number, else the one whose number contains it or is contained in it, of
    /// eight characters at least (an IBAN given for an account number, or the reverse: never a
    /// few digits that happen to be in a number). Without `--numero`, the file's only
    /// account; several are refused, listed.
    static func chooseAccount(_ accounts: [String], wanted: String?) throws(StatementError) -> String {
        guard let wanted else {
            guard accounts.count <= 1 else { throw .severalAccounts(accounts) }
            guard let only = accounts.first else { throw .noOperations }
            return only
        }
        let key = BankAccountID.clean(wanted)
        guard let found = accounts.first(where: { BankAccountID.clean($0) == key }) ?? accounts.first(where: { BankAccountID.same($0, wanted) }) else {
            throw .accountNotInFile(wanted, accounts: accounts)
        }
        return found
    }
}
