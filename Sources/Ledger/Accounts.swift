/// An account number: digits, then an optional upper-case suffix (`512`, `7562`, `604A`).
///
/// The class is the first digit; the hierarchy is by prefix (`604A` is under `604`, `604` under
/// `60`, `60` under class 6). Ordering is that of the number as text, which keeps a parent
/// before its children: 604, 604A, 604B, 6063.
public struct AccountNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let text: String

    public static let maxLength = 12

    /// Reads a number typed by a person: spaces trimmed, letters upper-cased.
    public init(_ raw: String) throws(AccountNumberError) {
        let s = raw.trimmingSpaces.uppercased()
        guard !s.isEmpty else { throw .empty }
        guard s.count <= AccountNumber.maxLength else { throw .tooLong }
        guard let first = s.first, first.isASCII, first.isNumber else { throw .mustStartWithDigit }
        guard first != "0", first != "9" else { throw .unknownClass(first) }
        var seenLetter = false
        for c in s {
            if c.isASCII && c.isNumber {
                if seenLetter { throw .digitAfterSuffix }
            } else if c.isASCII && c.isUppercase {
                seenLetter = true
            } else {
                throw .invalidCharacter(c)
            }
        }
        text = s
    }

    /// For numbers known to be valid (chart data, database rows).
    public init(trusted text: String) { self.text = text }

    public var description: String { text }

    public static func < (a: AccountNumber, b: AccountNumber) -> Bool { a.text < b.text }

    /// 1 to 8.
    public var classDigit: Int { Int(String(text.first!))! }

    public var nature: AccountNature { AccountNature(classDigit: classDigit) }

    /// True when `self` is `prefix` or sits under it (`604A` is under `604` and `60`).
    public func isUnder(_ prefix: String) -> Bool { text.hasPrefix(prefix) }

    /// Accounts with fewer than three characters are groups (`6`, `60`): entries use a real
    /// account (`606`, `604A`), as the FEC requires three digits at least.
    public var isPostable: Bool { text.count >= 3 }
}

// The accounts and groups of the chart that Compta's own rules treat apart, named once: code
// refers to these names, never to the numbers. A new role (the tiers' 401/411, the fonds dédiés'
// 19x/689x/789x, a platform's transit account) goes here.
extension AccountNumber {
    /// 471, the waiting account: bank operations no rule filed wait there for `compta affecter`.
    public static let waiting = AccountNumber(trusted: "471")
    /// 51151, HelloAsso's transit account (under 5115 « Paiements par carte à encaisser »): what
    /// the platform collected for the association and has not paid out yet (`PlatformAccounts`).
    public static let platformTransit = AccountNumber(trusted: "51151")
    /// 4681, frais des bénévoles: what the association owes a volunteer who paid its expenses,
    /// per tiers (credited when the expense is booked, debited when it is reimbursed or given up).
    public static let volunteerExpenses = AccountNumber(trusted: "4681")
    /// 75412, abandons de frais par les bénévoles: the expenses a volunteer gives up, a gift.
    public static let expenseWaiver = AccountNumber(trusted: AccountGroup.expenseWaivers)
    /// 120, the result of the exercice when it is an excédent; the closing's à-nouveaux carry it
    /// there until the general assembly allocates it.
    public static let excedent = AccountNumber(trusted: "120")
    /// 129, the result of the exercice when it is a déficit.
    public static let deficit = AccountNumber(trusted: "129")
    /// 110, report à nouveau (solde créditeur): where an excédent goes by default.
    public static let reportCrediteur = AccountNumber(trusted: "110")
    /// 119, report à nouveau (solde débiteur): where a déficit goes by default.
    public static let reportDebiteur = AccountNumber(trusted: "119")

    /// The result account of an excédent (`isDeficit` false) or a déficit.
    public static func result(isDeficit: Bool) -> AccountNumber { isDeficit ? deficit : excedent }
}

/// Groups of accounts by prefix (an account is in a group when its number starts with the
/// prefix, `AccountNumber.isUnder`); queries take them as they are. Whole classes are
/// `AccountNature`'s.
public enum AccountGroup {
    /// 47, comptes transitoires ou d'attente: a closing wants them settled.
    public static let transitory = "47"
    /// 5, the comptes financiers.
    public static let financial = "5"
    /// 51, banks.
    public static let bank = "51"
    /// 53, cash.
    public static let cash = "53"
    /// The treasury: banks and cash.
    public static let treasury = [bank, cash]
    /// 58, virements internes: the way money takes between two of the association's accounts.
    public static let internalTransfers = "58"
    /// 11, report à nouveau, and 106, réserves: where a result may be allocated.
    public static let allocationDestinations = ["11", "106"]
    /// 756, cotisations: a tiers with a line on them in a period is a member (adhérent).
    public static let cotisations = "756"
    /// 754, dons: the donors' lines.
    public static let gifts = "754"
    /// 75412, abandons de frais par les bénévoles: a gift whose nature is « autres » on a receipt.
    public static let expenseWaivers = "75412"
    /// 7561, cotisations sans contrepartie: a gift for tax purposes when the association says so.
    public static let cotisationsWithoutReturn = "7561"
    /// 5112, chèques à encaisser: a gift received on it was paid by cheque.
    public static let chequesToCash = "5112"
    /// 86, emplois des contributions volontaires en nature (the charges' side of class 8).
    public static let cvnEmplois = "86"
    /// 87, contributions volontaires en nature (the produits' side of class 8).
    public static let cvnContributions = "87"
    /// Third-party and regularisation accounts of class 4, the transitory ones (47) aside: lines
    /// on them mean receivables and debts are recorded (commitment accounting).
    public static let receivablesAndDebts = ["40", "41", "42", "43", "44", "45", "46", "48"]
    /// Third-party accounts whose balance is money to collect or to pay within the year, each
    /// account on the side its balance falls (the bilan's « autres créances » and dettes
    /// fournisseurs, fiscales et sociales, autres): a debit balance is a receivable (a subsidy
    /// granted not yet paid on 441, a member's invoice on 411, 409 advances to suppliers, VAT to
    /// recover on 4456), a credit balance a debt (401 suppliers, 43x social charges, 4457, a
    /// user's credit on 4191). 47 (transitory, waiting) and 48 (accruals without money to come:
    /// charges and produits constatés d'avance) are not; loans (16x) are long-term debts.
    public static let shortTermThirdParties = ["40", "41", "42", "43", "44", "45", "46"]
    /// 49, dépréciations des comptes de tiers: what the receivables will probably not bring in;
    /// their (credit) balance comes off the receivables.
    public static let thirdPartyImpairments = "49"

    /// Charges and produits that move no money: dotations (68) and reprises (78), the book value
    /// of assets sold and the price of their sale (an investment's life, not the activity), the
    /// share of investment subsidies carried to the result. What the activity consumes is the
    /// classes 6 and 7 without these. The 2025 chart renumbered the sale of assets (675 → 652,
    /// 775 → 757; 652 and 757 were other accounts before), and 777 became 747.
    public static func nonCashResult(in chart: ChartVersion) -> [String] {
        switch chart {
        case .pca2018: ["68", "78", "675", "775", "777", "747"]
        case .pca2025: ["68", "78", "652", "757", "747"]
        }
    }
    /// The accounts of third parties the FEC gives an auxiliary account (CompAuxNum): suppliers
    /// (40), clients and members (41), other debtors and creditors (467).
    public static let auxiliary = ["40", "41", "467"]
}

/// The three families of restricted resources of ANC 2018-06 (art. 132-1) a project may be
/// funded by, each with its fonds dédiés (19x), its « report » charge (689x) and its
/// « utilisation » produit (789x), and the resources (class 7) the family is made of.
/// Numbers as both charts (pca-2018, pca-2025) have them.
public enum FundFamily: String, CaseIterable, Sendable {
    /// A subvention (74) given for the project: 194 / 6894 / 7894.
    case subvention
    /// A financial contribution of another organisation (755, 7551): 195 / 6895 / 7895.
    case contribution
    /// Gifts given for the project, resources of the public's generosity (754, and 7552 the
    /// shares of generosity received): 196 / 6896 / 7896.
    case dons

    /// The fonds dédiés of the family (liability): 194, 195, 196.
    public var fund: AccountNumber {
        switch self {
        case .subvention: AccountNumber(trusted: "194")
        case .contribution: AccountNumber(trusted: "195")
        case .dons: AccountNumber(trusted: "196")
        }
    }

    /// « Reports en fonds dédiés » of the family (charge): 6894, 6895, 6896.
    public var report: AccountNumber { AccountNumber(trusted: "689" + fund.text.suffix(1)) }

    /// « Utilisations des fonds dédiés » of the family (produit): 7894, 7895, 7896.
    public var utilisation: AccountNumber { AccountNumber(trusted: "789" + fund.text.suffix(1)) }

    /// The resources of the family: an account goes to the family of its longest prefix.
    public var resources: [String] {
        switch self {
        case .subvention: ["74"]
        case .contribution: ["755"]
        case .dons: ["754", "7552"]
        }
    }

    /// The family whose resources `account` is one of, if any.
    public static func ofResource(_ account: AccountNumber) -> FundFamily? {
        var best: (family: FundFamily, length: Int)? = nil
        for f in allCases {
            for p in f.resources where account.isUnder(p) && p.count > (best?.length ?? 0) { best = (f, p.count) }
        }
        return best?.family
    }

    /// The family whose fonds dédiés `account` is (194 and its sub-accounts...), if any.
    public static func ofFund(_ account: AccountNumber) -> FundFamily? {
        allCases.first { account.isUnder($0.fund.text) }
    }
}

extension AccountGroup {
    /// 689, reports en fonds dédiés (and fonds reportés, 6891): charges that are not the
    /// spending of a project.
    public static let fundReports = "689"
    /// 789, utilisations des fonds dédiés (and fonds reportés, 7891).
    public static let fundUtilisations = "789"
    /// The fonds dédiés of the three families (194, 195, 196), for a query.
    public static var dedicatedFunds: [String] { FundFamily.allCases.map(\.fund.text) }
}

public enum AccountNumberError: Error, Equatable, Sendable {
    case empty
    case tooLong
    case mustStartWithDigit
    case unknownClass(Character)
    case digitAfterSuffix
    case invalidCharacter(Character)
}

/// What an account's class makes it: balance sheet, charge, produit or contribution en nature.
public enum AccountNature: Sendable {
    /// Classes 1–5: balance sheet.
    case bilan
    /// Class 6.
    case charge
    /// Class 7.
    case produit
    /// Class 8: contributions volontaires en nature, outside the result.
    case contributionEnNature

    public init(classDigit: Int) {
        switch classDigit {
        case 6: self = .charge
        case 7: self = .produit
        case 8: self = .contributionEnNature
        default: self = .bilan
        }
    }

    /// A charge or a produit: an account the result is made of.
    public var isResult: Bool { self == .charge || self == .produit }

    /// The classes of this nature, as account prefixes.
    public var prefixes: [String] {
        switch self {
        case .bilan: ["1", "2", "3", "4", "5"]
        case .charge: ["6"]
        case .produit: ["7"]
        case .contributionEnNature: ["8"]
        }
    }

    /// The classes of `natures`, as account prefixes for a query.
    public static func prefixes(_ natures: AccountNature...) -> [String] { natures.flatMap(\.prefixes) }
}

/// An account of the ledger: from the chart of accounts, or added by the association. Like every
/// text of the domain, its label is kept `printable` (no control or direction character).
public struct Account: Hashable, Sendable {
    public let number: AccountNumber
    public let label: String
    /// Added by the association (`604A OVH`), not from the official chart.
    public let isCustom: Bool

    public init(number: AccountNumber, label: String, isCustom: Bool) {
        self.number = number
        self.label = label.printable
        self.isCustom = isCustom
    }
}

/// A journal (`BQ` banque, `AN` à-nouveaux, ...).
public struct Journal: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case banque, caisse, operationsDiverses = "od", aNouveaux = "an"
    }
    public let code: String
    public let label: String
    public let kind: Kind

    public init(code: String, label: String, kind: Kind) {
        self.code = code
        self.label = label.printable
        self.kind = kind
    }

    /// Checks a journal code from a file (a FEC's JournalCode): letters, digits, `-` and `_`, at
    /// most 20 characters. A code is part of every entry's number and of the FEC's records: a
    /// line break or a separator in it would split them. Returns the code upper-cased.
    public static func validCode(_ raw: String) throws(CodeError) -> String {
        try Project.validCode(raw, maxLength: 20)
    }

    /// The journals every new ledger gets.
    public static let defaults: [Journal] = [
        Journal(code: "AN", label: "À-nouveaux", kind: .aNouveaux),
        Journal(code: "BQ", label: "Banque", kind: .banque),
        Journal(code: "CA", label: "Caisse", kind: .caisse),
        Journal(code: "OD", label: "Opérations diverses", kind: .operationsDiverses),
    ]
}

/// An analytic project (`BL-EVOLUTION` "BL-Évolution").
public struct Project: Hashable, Sendable {
    public let code: String
    public let name: String
    /// Set when the project is funded by restricted resources of this family: its unused
    /// resources at closing become fonds dédiés (`DedicatedFunds`).
    public let fundFamily: FundFamily?

    public init(code: String, name: String, fundFamily: FundFamily? = nil) {
        self.code = code
        self.name = name.printable
        self.fundFamily = fundFamily
    }

    /// Checks a project code: letters, digits, `-` and `_`, no spaces, at most 32 characters.
    /// Returns the code upper-cased.
    public static func validCode(_ raw: String, maxLength: Int = 32) throws(CodeError) -> String {
        let typed = raw.trimmingSpaces
        guard !typed.isEmpty else { throw .empty }
        guard typed.count <= maxLength else { throw .tooLong(maxLength) }
        // The character as typed (ê, not the Ê it becomes in upper case).
        for c in typed where !(c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_")) {
            throw .invalidCharacter(c)
        }
        return typed.uppercased()
    }
}

/// Why a project or journal code is refused.
public enum CodeError: Error, Equatable, Sendable {
    case empty
    /// Longer than the limit it carries.
    case tooLong(Int)
    case invalidCharacter(Character)
}

/// A fiscal year: any start and end dates, open or closed.
public struct Exercice: Hashable, Sendable {
    public let id: Int64
    /// `2024` for a calendar year, `2023-2024` otherwise.
    public let label: String
    public let start: Day
    public let end: Day
    public let chart: ChartVersion
    public let isClosed: Bool

    public init(id: Int64, label: String, start: Day, end: Day, chart: ChartVersion, isClosed: Bool) {
        self.id = id
        self.label = label
        self.start = start
        self.end = end
        self.chart = chart
        self.isClosed = isClosed
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }
    /// Begun but not ended on `day`: a report made that day covers it up to that day.
    public func isInProgress(on day: Day) -> Bool { start <= day && day < end }

    /// The usual label: the year for a calendar year, `2023-2024` otherwise.
    public static func defaultLabel(start: Day, end: Day) -> String {
        if start.month == 1 && start.day == 1 && end.month == 12 && end.day == 31 && start.year == end.year {
            return String(start.year)
        }
        return start.year == end.year ? "\(start.iso)_\(end.iso)" : "\(start.year)-\(end.year)"
    }

    /// Default end: twelve months (`end(start:months:)`).
    public static func defaultEnd(start: Day) -> Day { end(start: start, months: 12) }

    /// The last day of an exercice of `months` months: the day before the same day `months`
    /// later, where a day the month lacks is its last day's morrow. From 29 February 2024, twelve
    /// months end on 28 February 2025 and the next exercice begins on 1 March; from 1 March 2023,
    /// on 29 February 2024. (Clamping to the month's end first would stop a day short.)
    public static func end(start: Day, months: Int) -> Day {
        let later = start.firstOfMonth.adding(months: months)
        let days = Day.daysIn(month: later.month, year: later.year)
        return start.day <= days ? Day(year: later.year, month: later.month, day: start.day)!.adding(days: -1) : later.lastOfMonth
    }
}
