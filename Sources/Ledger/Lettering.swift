/// Lettrage (issue 25): a letter groups lines of one third-party account and one tiers whose
/// debits equal credits — an invoice and its payment, several invoices and one payment. The
/// letter is attached to the lines (by their ids), never written into them: a validated entry
/// does not change when it is lettered. Pure rules here; the store keeps the letters.

/// A line of a third-party account that a letter may group: what the lettrage, the tiers'
/// balances and the balance âgée read.
public struct LetterItem: Hashable, Sendable {
    /// The line's id (`Entry.Line.id`): how the treasurer names it (`compta lettrer 41 57`).
    public let line: Int64
    public let account: AccountNumber
    public let tiers: LineTiers?
    public let date: Day
    public let journal: String
    /// The entry's number in its exercice.
    public let entryNumber: Int
    public let exercice: String
    public let piece: String?
    public let label: String
    /// Debit less credit: positive, what the tiers owes (an invoice to a member); negative, what
    /// the association owes (a supplier's invoice) or a payment received.
    public let amount: Money
    /// Its letter, when it has one.
    public let letter: LineLetter?

    public init(line: Int64, account: AccountNumber, tiers: LineTiers?, date: Day, journal: String, entryNumber: Int, exercice: String,
                piece: String?, label: String, amount: Money, letter: LineLetter?) {
        self.line = line
        self.account = account
        self.tiers = tiers
        self.date = date
        self.journal = journal
        self.entryNumber = entryNumber
        self.exercice = exercice
        self.piece = piece
        self.label = label
        self.amount = amount
        self.letter = letter
    }

    public var debit: Money { amount.isNegative ? .zero : amount }
    public var credit: Money { amount.isNegative ? -amount : .zero }
}

/// The letter of a line: its code on the account (`A`, `AB`) and the day it was lettered.
public struct LineLetter: Hashable, Sendable {
    public let code: String
    public let day: Day

    public init(code: String, day: Day) {
        self.code = code
        self.day = day
    }
}

/// Why lines cannot be lettered (or a letter removed) as asked. The CLI says the sentence.
public enum LetteringError: Error, Equatable, Sendable {
    /// No line of the ledger has this id.
    case unknownLine(Int64)
    /// The same line named twice.
    case repeatedLine(Int64)
    /// A letter groups two lines at least.
    case tooFewLines
    /// A line of an account that is not a third party's (40 to 46).
    case notThirdParty(line: Int64, account: AccountNumber)
    /// `--compte` of an account that is not a third party's.
    case notThirdPartyAccount(AccountNumber)
    case severalAccounts([AccountNumber])
    /// A line without a tiers: whose invoice or payment it is is not known.
    case noTiers(line: Int64, account: AccountNumber)
    case severalTiers([LineTiers])
    case unbalanced(debit: Money, credit: Money)
    case alreadyLettered(line: Int64, letter: String, account: AccountNumber)
    /// No letter `code` on `account`; `known` holds the account's letters, the latest first
    /// (at most `Lettering.lettersShown` + 1, so that « more » can be said).
    case unknownLetter(String, account: AccountNumber, known: [String])
    /// A letter made before the closing of the exercice of one of its lines: it is in that
    /// exercice's FEC, which does not change.
    case inClosedFEC(String, account: AccountNumber, exercice: String)
    /// A letter code that is not letters A to Z (`delettrer 12`).
    case badLetter(String)
    /// Letters run out (more than the codes of `Letter.maxLength` letters): never in practice.
    case lettersExhausted(AccountNumber)
}

/// Letter codes: A … Z, AA … AZ, BA … ZZ, AAA …, per account.
public enum Letter {
    public static let maxLength = 10

    /// The code of rank `index` (0: `A`, 25: `Z`, 26: `AA`).
    public static func code(_ index: Int) -> String {
        var n = index + 1, letters: [Character] = []
        while n > 0 {
            n -= 1
            letters.append(Character(Unicode.Scalar(UInt8(65 + n % 26))))
            n /= 26
        }
        return String(letters.reversed())
    }

    /// The rank of a code of letters A to Z; nil for anything else.
    public static func index(_ code: String) -> Int? {
        guard !code.isEmpty, code.count <= maxLength, code.unicodeScalars.allSatisfy({ $0.value >= 65 && $0.value <= 90 }) else { return nil }
        var n = 0
        for u in code.unicodeScalars { n = n * 26 + Int(u.value - 64) }
        return n - 1
    }

    /// The code after every code of `used` (those of other shapes, read from a FEC, aside).
    public static func next(after used: [String]) -> String {
        code((used.compactMap(index).max() ?? -1) + 1)
    }

    /// A code typed by a person (`a`, ` AB `): upper-cased; nil when it is not letters A to Z.
    public static func parse(_ text: String) -> String? {
        let t = text.trimmingSpaces.uppercased()
        return index(t) == nil ? nil : t
    }
}

/// A group of lines the lettrage proposes: complete (debits equal credits: lettered by
/// `--confirmer`) or partial (an invoice paid in part: shown, not lettered).
public struct LetterProposal: Hashable, Sendable {
    public enum Reason: String, Sendable {
        /// The same piece reference on every line.
        case piece
        /// An amount and its opposite.
        case amount
        /// Several lines of one side paid by one of the other.
        case sum
        /// Everything left of the tiers on the account.
        case all
    }

    public let account: AccountNumber
    public let tiers: LineTiers
    public let items: [LetterItem]
    public let reason: Reason

    public init(account: AccountNumber, tiers: LineTiers, items: [LetterItem], reason: Reason) {
        self.account = account
        self.tiers = tiers
        self.items = items
        self.reason = reason
    }

    /// Debit less credit: zero for a complete proposal; else what is left to pay (positive:
    /// owed by the tiers).
    public var remaining: Money { Money.sum(items.map(\.amount)) }
    public var isComplete: Bool { remaining.isZero }
}

public enum Lettering {
    /// The accounts whose lines are lettered: third parties (40 to 46).
    public static let accounts = AccountGroup.shortTermThirdParties

    public static func isLetterable(_ account: AccountNumber) -> Bool { accounts.contains(where: account.isUnder) }

    /// How many of an account's letters a refusal names (the latest ones).
    public static let lettersShown = 10

    /// Checks that `items` (the lines named, as the ledger holds them) make one letter: two
    /// lines at least, of one third-party account and one tiers, none lettered, debits equal
    /// to credits. A letter may join lines of two exercices (an invoice of December paid in
    /// January) and lines of closed exercices: the letter changes no entry — it says which
    /// payment settled which invoice, whenever the treasurer sees it —, and a year's open items
    /// that could not be lettered once it is closed would stay in the balance âgée for ever.
    /// (The FEC of a closed exercice keeps the letters made before the day of its closing: `letters(from:to:)`.)
    public static func check(_ items: [LetterItem]) throws(LetteringError) {
        guard items.count >= 2 else { throw .tooFewLines }
        for i in items where !isLetterable(i.account) { throw .notThirdParty(line: i.line, account: i.account) }
        let accounts = Set(items.map(\.account))
        if accounts.count > 1 { throw .severalAccounts(accounts.sorted()) }
        for i in items where i.tiers == nil { throw .noTiers(line: i.line, account: i.account) }
        var tiers: [LineTiers] = []
        for i in items where !tiers.contains(where: { $0.code == i.tiers!.code }) { tiers.append(i.tiers!) }
        if tiers.count > 1 { throw .severalTiers(tiers) }
        for i in items { if let l = i.letter { throw .alreadyLettered(line: i.line, letter: l.code, account: i.account) } }
        let debit = Money.sum(items.map(\.debit)), credit = Money.sum(items.map(\.credit))
        if debit != credit { throw .unbalanced(debit: debit, credit: credit) }
    }

    /// The most lines of one side a sum is searched among (2^n subsets): beyond, the oldest.
    static let sumSearch = 12

    /// What the lettrage proposes for the unlettered `items` (lines of a tiers on third-party
    /// accounts): per account and tiers, in this order, the lines of one piece reference that
    /// balance, an amount and its opposite (the oldest first), one line against several of the
    /// other side, everything left when it balances; what is left with both sides is a partial
    /// proposal (an invoice paid in instalments).
    public static func proposals(_ items: [LetterItem]) -> [LetterProposal] {
        var groups: [String: [LetterItem]] = [:]
        for i in items where i.letter == nil && isLetterable(i.account) {
            guard let t = i.tiers else { continue }
            groups[i.account.text + " " + t.code, default: []].append(i)
        }
        var out: [LetterProposal] = []
        for key in groups.keys.sorted() {
            var open = groups[key]!.sorted { ($0.date, $0.line) < ($1.date, $1.line) }
            let account = open[0].account, tiers = open[0].tiers!
            func propose(_ chosen: [LetterItem], _ reason: LetterProposal.Reason) {
                let ids = Set(chosen.map(\.line))
                open.removeAll { ids.contains($0.line) }
                out.append(LetterProposal(account: account, tiers: tiers, items: chosen.sorted { ($0.date, $0.line) < ($1.date, $1.line) },
                                          reason: reason))
            }
            // Piece references, in the order they first appear.
            var pieces: [String] = []
            for i in open { if let p = i.piece, !p.isEmpty, !pieces.contains(p) { pieces.append(p) } }
            for p in pieces {
                let chosen = open.filter { $0.piece == p }
                if chosen.count >= 2, Money.sum(chosen.map(\.amount)).isZero { propose(chosen, .piece) }
            }
            // An amount and its opposite: each line, in date order, with the oldest line before it
            // of the opposite amount still unmatched.
            var waiting: [Int64: [LetterItem]] = [:], pairs: [[LetterItem]] = []
            for a in open {
                if let b = waiting[-a.amount.cents]?.first {
                    waiting[-a.amount.cents]!.removeFirst()
                    pairs.append([b, a])
                } else {
                    waiting[a.amount.cents, default: []].append(a)
                }
            }
            for pair in pairs { propose(pair, .amount) }
            // One line against several of the other side: the sums of the oldest lines of each
            // side, made once per side and looked up by every line of the other.
            var found = true
            while found {
                found = false
                for negative in [false, true] {
                    let sums = subsetSums(Array(open.filter { $0.amount.isNegative == negative }.prefix(sumSearch)))
                    if let a = open.first(where: { $0.amount.isNegative != negative && sums[-$0.amount.cents] != nil }) {
                        propose([a] + sums[-a.amount.cents]!, .sum)
                        found = true
                        break
                    }
                }
            }
            guard open.contains(where: { $0.amount.isNegative }), open.contains(where: { !$0.amount.isNegative }) else { continue }
            propose(open, .all)
        }
        return out
    }

    /// For each sum of two lines or more of `items`, the subset making it with the fewest lines
    /// (the first found among equals).
    static func subsetSums(_ items: [LetterItem]) -> [Int64: [LetterItem]] {
        let n = items.count
        guard n >= 2 else { return [:] }
        var best: [Int64: Int] = [:]
        for mask in 1..<(1 << n) where mask.nonzeroBitCount >= 2 {
            var sum: Int64 = 0
            for k in 0..<n where mask & (1 << k) != 0 { sum &+= items[k].amount.cents }
            if best[sum].map({ mask.nonzeroBitCount < $0.nonzeroBitCount }) ?? true { best[sum] = mask }
        }
        return best.mapValues { mask in (0..<n).filter { mask & (1 << $0) != 0 }.map { items[$0] } }
    }
}

/// Which lines of third-party accounts a lettrage or a balance reads.
public struct LetterQuery: Hashable, Sendable {
    /// An account or a prefix (`411`); nil: every third-party account (`Lettering.accounts`).
    public var account: String?
    /// The code of a tiers (as counted today: a merged tiers' lines are its keeper's).
    public var tiers: String?
    /// Lines dated up to this day; nil: all.
    public var to: Day?
    /// Only the lines not lettered at `to` (no letter, or one joining a line dated later).
    public var openOnly: Bool
    /// Only lines with a tiers.
    public var withTiers: Bool

    public init(account: String? = nil, tiers: String? = nil, to: Day? = nil, openOnly: Bool = false, withTiers: Bool = true) {
        self.account = account
        self.tiers = tiers
        self.to = to
        self.openOnly = openOnly
        self.withTiers = withTiers
    }
}
