/// Tax receipts (reçus fiscaux, issue 24): what a gift is, which receipts a year's gifts call
/// for, and the link of an issued receipt in the receipts' chain. The store finds the gifts and
/// keeps the receipts; the text of a receipt is written by `Reports`, frozen at issue.

/// How the money of a gift came: what its entry's treasury line says (cerfa « mode de versement »).
public enum PaymentMode: String, CaseIterable, Comparable, Sendable {
    /// The entry's counterpart is cash (53).
    case cash = "especes"
    /// A cheque waiting to be cashed (5112).
    case cheque = "cheque"
    /// Anything else: bank transfer, direct debit, card, a payment platform.
    case transfer = "virement"

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// What was given (cerfa « nature du don »).
public enum GiftNature: String, CaseIterable, Comparable, Sendable {
    /// Money (numéraire).
    case money = "numeraire"
    /// A volunteer's expenses given up (abandon de frais, 75412): « autres » on the cerfa.
    case expenseWaiver = "abandon-de-frais"

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// The nature of a gift credited to `account`.
    public init(account: AccountNumber) { self = account.isUnder(AccountGroup.expenseWaivers) ? .expenseWaiver : .money }
}

/// A gift as receipts see it: one line credited to a gift account, with its donor.
public struct Gift: Sendable, Equatable {
    /// The line's id in the ledger: what a receipt covers.
    public let lineID: Int64
    /// `BQ 12`: the entry, to name it in a list.
    public let entry: String
    public let date: Day
    public let account: AccountNumber
    public let amount: Money
    /// The donor as the ledger knows it today (a merged tiers gives the one it was merged into).
    public let donor: Tiers
    public let mode: PaymentMode
    /// Only gifts of validated entries are receipted: a draft may still change.
    public let validated: Bool
    /// The live receipt that covers it already.
    public let coveredBy: String?
    /// A payment platform (HelloAsso) issued its receipt: the association issues none.
    public let receiptedByPlatform: Bool
    /// Given back: its entry was reversed (an extourne of the line, a platform's refund), or
    /// what was given back by hand (`GiftReturn`) is all of it. No receipt.
    public let refunded: Bool
    /// The part given back by hand (`Gift.net`): `amount` is what is left.
    public let givenBack: Money
    /// What the live receipt that covers it says of it (less than `amount`... or more, when a
    /// part was given back after the receipt).
    public let coveredAmount: Money?

    public init(lineID: Int64, entry: String, date: Day, account: AccountNumber, amount: Money, donor: Tiers, mode: PaymentMode,
                validated: Bool, coveredBy: String? = nil, receiptedByPlatform: Bool = false, refunded: Bool = false,
                givenBack: Money = .zero, coveredAmount: Money? = nil) {
        self.receiptedByPlatform = receiptedByPlatform
        self.refunded = refunded
        self.givenBack = givenBack
        self.coveredAmount = coveredAmount
        self.lineID = lineID
        self.entry = entry
        self.date = date
        self.account = account
        self.amount = amount
        self.donor = donor
        self.mode = mode
        self.validated = validated
        self.coveredBy = coveredBy
    }

    public var nature: GiftNature { GiftNature(account: account) }

    /// The gift less `part` given back.
    func lessGivenBack(_ part: Money) -> Gift {
        let left = amount - part
        return Gift(lineID: lineID, entry: entry, date: date, account: account, amount: left, donor: donor, mode: mode, validated: validated,
                    coveredBy: coveredBy, receiptedByPlatform: receiptedByPlatform, refunded: refunded || left.isZero,
                    givenBack: givenBack + part, coveredAmount: coveredAmount)
    }

    /// The gifts net of what was given back by hand: each return reduces its donor's gifts dated
    /// on or before it, the latest first, until it is absorbed; a gift reduced to nothing is
    /// refunded. Gifts a platform receipted or already refunded absorb nothing. Returns the
    /// gifts, and the part of each return no gift of the year absorbed (a gift of an earlier year).
    public static func net(_ gifts: [Gift], returns: [GiftReturn]) -> (gifts: [Gift], unmatched: [GiftReturn]) {
        var gifts = gifts
        var unmatched: [GiftReturn] = []
        for r in returns.sorted(by: { ($0.date, $0.entry) < ($1.date, $1.entry) }) {
            var left = r.amount
            let candidates = gifts.indices.filter {
                gifts[$0].donor.code == r.donor && gifts[$0].date <= r.date && !gifts[$0].refunded && !gifts[$0].receiptedByPlatform
            }.sorted {
                (gifts[$0].account == r.account ? 1 : 0, gifts[$0].date, gifts[$0].lineID) > (gifts[$1].account == r.account ? 1 : 0, gifts[$1].date, gifts[$1].lineID)
            }
            for i in candidates where left.cents > 0 {
                let part = min(left, gifts[i].amount)
                gifts[i] = gifts[i].lessGivenBack(part)
                left = left - part
            }
            if left.cents > 0 {
                unmatched.append(GiftReturn(entry: r.entry, date: r.date, account: r.account, amount: left, donor: r.donor, validated: r.validated))
            }
        }
        return (gifts, unmatched)
    }
}

/// Money given back to a donor by hand: a debit on a gift account with the donor's tiers (a
/// part of a 100 € gift given back, D 754 30 €), outside an extourne or a platform's refund.
public struct GiftReturn: Sendable, Equatable {
    public let entry: String
    public let date: Day
    public let account: AccountNumber
    public let amount: Money
    /// The donor's code, as the ledger knows it today.
    public let donor: String
    /// A return in a draft may still change: its donor's receipt waits for its validation.
    public let validated: Bool

    public init(entry: String, date: Day, account: AccountNumber, amount: Money, donor: String, validated: Bool) {
        self.entry = entry
        self.date = date
        self.account = account
        self.amount = amount
        self.donor = donor
        self.validated = validated
    }
}

/// What a receipt ticks in the cerfa's boxes « Forme du don » and « Nature du don » for a gift
/// of each nature: data (`PlanComptable/Resources/recus-cases.csv`), not code, because the
/// reference leaves the form of an abandon de frais uncertain.
public struct ReceiptBoxes: Sendable, Equatable {
    public let form: [GiftNature: String]
    public let nature: [GiftNature: String]

    public init(form: [GiftNature: String], nature: [GiftNature: String]) {
        self.form = form
        self.nature = nature
    }

    /// The boxes the program knows; a nature the file leaves out gets none ticked but « Autres ».
    public static let builtIn: ReceiptBoxes = {
        // The file is built into the program and checked by a test: a bad record is a bug, not input.
        var form: [GiftNature: String] = [:], nature: [GiftNature: String] = [:]
        for r in (try? PlanComptableData.records("recus-cases")) ?? [] {
            guard let n = GiftNature(rawValue: r.fields[0]) else { continue }
            form[n] = r.fields[1]
            nature[n] = r.fields[2]
        }
        return ReceiptBoxes(form: form, nature: nature)
    }()
}

/// The cerfa of a donor: individuals get cerfa 11580 (article 200), organisations cerfa 16216
/// (article 238 bis, mécénat d'entreprise).
extension ReceiptArticle {
    public init(donor: Tiers.Kind) { self = donor == .person ? .article200 : .article238bis }
}

/// A receipt about to be issued: its number, its donor, the gifts it covers.
public struct ReceiptDraft: Sendable, Equatable {
    /// `2025-0001`: the year of the gifts and the receipt's rank among that year's receipts.
    public let number: String
    public let year: Int
    public let issuedOn: Day
    public let donor: Tiers
    public let article: ReceiptArticle
    /// In date order.
    public let gifts: [Gift]
    /// One receipt for the year's gifts of a donor (« reçu récapitulatif »), not one per gift.
    public let isSummary: Bool

    public init(number: String, year: Int, issuedOn: Day, donor: Tiers, article: ReceiptArticle, gifts: [Gift], isSummary: Bool) {
        self.number = number
        self.year = year
        self.issuedOn = issuedOn
        self.donor = donor
        self.article = article
        self.gifts = gifts
        self.isSummary = isSummary
    }

    public var amount: Money { Money.sum(gifts.map(\.amount)) }
    public var natures: [GiftNature] { Set(gifts.map(\.nature)).sorted() }
    /// The modes of the gifts in money.
    public var modes: [PaymentMode] { Set(gifts.filter { $0.nature == .money }.map(\.mode)).sorted() }
    public var firstDay: Day { gifts.first!.date }
    public var lastDay: Day { gifts.last!.date }

    /// `2025-0001`.
    public static func number(year: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A number as a person types it, written as the register writes it: « 2025-1 » and
    /// « 2025-0001 » are one receipt. Anything else is kept as typed (and found by nobody).
    public static func number(typed text: String) -> String {
        let t = text.trimmingSpaces
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let sequence = Int(parts[1]), sequence > 0,
              parts[1].allSatisfy(\.isASCII) else { return t }
        return number(year: year, sequence: sequence)
    }
}

/// What `recus emettre` does with a year's gifts: the receipts to issue, and every gift it
/// leaves out, each with its reason, so that nothing is skipped silently.
public struct ReceiptPlan: Sendable, Equatable {
    /// A donor whose gifts get no receipt, and why.
    public struct LeftOut: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// No postal address: the cerfa asks for the donor's complete address.
            case noAddress
            /// The association did not state the article this donor's receipt needs (an
            /// organisation's gift, article 238 bis, when it states 200 only).
            case articleNotStated(ReceiptArticle)
            /// Money given back to the donor in a draft entry: the amount is known once it is validated.
            case returnInDraft([GiftReturn])
        }
        public let donor: Tiers
        public let gifts: [Gift]
        public let reason: Reason
        public var amount: Money { Money.sum(gifts.map(\.amount)) }
    }

    public let year: Int
    public let receipts: [ReceiptDraft]
    public let leftOut: [LeftOut]
    /// Gifts of entries not validated yet: receipted once validated.
    public let inDrafts: [Gift]
    /// Gifts a live receipt covers already.
    public let covered: [Gift]
    /// Gifts whose receipt HelloAsso issued: none issued here.
    public let receiptedByPlatform: [Gift]
    /// Gifts given back (reversed, refunded): no receipt.
    public let refunded: [Gift]
    /// Lines credited to a gift account without a tiers: no donor, no receipt.
    public let withoutDonor: [AccountLine]
    /// Gifts reduced by money given back by hand (`GiftReturn`): their receipt carries what is left.
    public let partlyGivenBack: [Gift]
    /// Gifts a live receipt covers for more than is left of them: a part was given back after it.
    public let givenBackAfterReceipt: [Gift]
    /// Money given back by hand that no gift of the year absorbs (a gift of an earlier year?).
    public let unmatchedReturns: [GiftReturn]

    /// The receipts `gifts` (the year's gift lines with a donor) call for, numbered from
    /// `nextSequence`, issued `issuedOn`: one per donor (`perGift` false) or one per gift, by
    /// donor code then date.
    /// `returns`: money given back by hand, netted from the gifts (`Gift.net`).
    public init(year: Int, gifts: [Gift], returns: [GiftReturn] = [], withoutDonor: [AccountLine], association: Association, perGift: Bool,
                issuedOn: Day, nextSequence: Int) {
        self.year = year
        self.withoutDonor = withoutDonor
        let (netted, unmatched) = Gift.net(gifts, returns: returns.filter(\.validated))
        unmatchedReturns = unmatched
        partlyGivenBack = netted.filter { !$0.givenBack.isZero && !$0.refunded && $0.coveredBy == nil }
        givenBackAfterReceipt = netted.filter { g in g.coveredAmount.map { $0 > g.amount } ?? false }
        let draftReturns = Dictionary(grouping: returns.filter { !$0.validated }, by: \.donor)
        refunded = netted.filter(\.refunded)
        receiptedByPlatform = netted.filter { $0.receiptedByPlatform && !$0.refunded }
        let gifts = netted.filter { !$0.receiptedByPlatform && !$0.refunded }
        inDrafts = gifts.filter { !$0.validated }
        covered = gifts.filter { $0.validated && $0.coveredBy != nil }
        let open = gifts.filter { $0.validated && $0.coveredBy == nil }
        var byDonor: [(donor: Tiers, gifts: [Gift])] = []
        for g in open.sorted(by: { ($0.donor.code.count, $0.donor.code, $0.date, $0.lineID) < ($1.donor.code.count, $1.donor.code, $1.date, $1.lineID) }) {
            if byDonor.last?.donor.code == g.donor.code { byDonor[byDonor.count - 1].gifts.append(g) } else { byDonor.append((g.donor, [g])) }
        }
        var receipts: [ReceiptDraft] = [], leftOut: [LeftOut] = []
        var sequence = nextSequence
        for (donor, gifts) in byDonor {
            if let pending = draftReturns[donor.code] {
                leftOut.append(LeftOut(donor: donor, gifts: gifts, reason: .returnInDraft(pending)))
                continue
            }
            let article = ReceiptArticle(donor: donor.kind)
            guard association.receiptArticles.contains(article) else {
                leftOut.append(LeftOut(donor: donor, gifts: gifts, reason: .articleNotStated(article)))
                continue
            }
            guard donor.address != nil else {
                leftOut.append(LeftOut(donor: donor, gifts: gifts, reason: .noAddress))
                continue
            }
            for group in perGift ? gifts.map({ [$0] }) : [gifts] {
                receipts.append(ReceiptDraft(number: ReceiptDraft.number(year: year, sequence: sequence), year: year, issuedOn: issuedOn,
                                             donor: donor, article: article, gifts: group, isSummary: !perGift))
                sequence += 1
            }
        }
        self.receipts = receipts
        self.leftOut = leftOut
    }
}

/// A receipt as the ledger keeps it: what the register lists.
public struct IssuedReceipt: Sendable, Equatable {
    public let number: String
    public let year: Int
    public let issuedOn: Day
    /// The donor as the ledger knows it today: the receipt's text keeps the name it was issued to.
    public let donor: LineTiers
    public let amount: Money
    public let article: ReceiptArticle
    public let cancellation: Cancellation?
    /// The text issued, frozen.
    public let text: String

    public struct Cancellation: Sendable, Equatable {
        public let on: Day
        public let reason: String
        public init(on: Day, reason: String) { self.on = on; self.reason = reason }
    }

    public init(number: String, year: Int, issuedOn: Day, donor: LineTiers, amount: Money, article: ReceiptArticle,
                cancellation: Cancellation?, text: String) {
        self.number = number
        self.year = year
        self.issuedOn = issuedOn
        self.donor = donor
        self.amount = amount
        self.article = article
        self.cancellation = cancellation
        self.text = text
    }

    public var isLive: Bool { cancellation == nil }
}

extension Chain {
    /// An issued receipt as the receipts' chain sees it: each receipt's hash covers its number,
    /// donor (by the code recorded), amount, the lines it covers, the SHA-256 of its frozen text
    /// and the hash of the receipt issued before it. A cancellation (the one change a receipt
    /// allows, which the schema checks) is not covered.
    public struct ReceiptLink: Sendable, Equatable {
        public let number: String
        public let year: Int
        public let issuedOn: Day
        public let donor: String
        public let amount: Int64
        public let article: ReceiptArticle
        /// The lines covered, by id, with their amounts.
        public let lines: [(id: Int64, amount: Int64)]
        public let text: String

        public init(number: String, year: Int, issuedOn: Day, donor: String, amount: Int64, article: ReceiptArticle,
                    lines: [(id: Int64, amount: Int64)], text: String) {
            self.number = number
            self.year = year
            self.issuedOn = issuedOn
            self.donor = donor
            self.amount = amount
            self.article = article
            self.lines = lines.sorted { $0.id < $1.id }
            self.text = text
        }

        public static func == (a: Self, b: Self) -> Bool { a.canonical == b.canonical }

        /// Fields without a separator or a line break in them (a number, a code, digits).
        public var canonical: String {
            (["r1", number, String(year), issuedOn.iso, donor, String(amount), article.rawValue, SHA256.hex(text)]
                + lines.map { "\($0.id):\($0.amount)" }).joined(separator: "|")
        }

        /// The hash of this link chained to `previous` (the genesis before the first receipt).
        public func hash(previous: String) -> String { SHA256.hex(previous + "\n" + canonical) }
    }
}

/// The two figures of the annual declaration of receipts (article 222 bis CGI) and the period
/// they cover: the gifts received (perçus) during the calendar year, or during the last
/// exercice closed when the exercices do not coincide with the calendar year.
public struct ReceiptDeclaration: Sendable, Equatable {
    /// The period: calendar year `year`, or the exercice that closes in `year`.
    public let start: Day
    public let end: Day
    /// The exercice the period is, when it is not a calendar year.
    public let exercice: String?
    /// The gifts of the period on the receipts in force (a receipt's gifts outside the period not counted).
    public let total: Money
    /// The receipts in force that cover a gift of the period.
    public let count: Int
    /// Cancelled receipts of the period's gifts: not counted.
    public let cancelled: Int
    /// Receipts in force that also cover gifts outside the period (a calendar year's summary
    /// receipt across two exercices): counted, only their gifts of the period summed.
    public let straddling: [String]

    public init(start: Day, end: Day, exercice: String?, total: Money, count: Int, cancelled: Int, straddling: [String]) {
        self.start = start
        self.end = end
        self.exercice = exercice
        self.total = total
        self.count = count
        self.cancelled = cancelled
        self.straddling = straddling
    }

    /// The period the declaration of `year` covers: the exercice that closes in `year` when it
    /// is not a calendar year, else the calendar year.
    public static func period(year: Int, exercices: [Exercice]) -> (start: Day, end: Day, exercice: Exercice?) {
        if let e = exercices.first(where: { $0.end.year == year }),
           !(e.start.month == 1 && e.start.day == 1 && e.end.month == 12 && e.end.day == 31) {
            return (e.start, e.end, e)
        }
        return (Day(year: year, month: 1, day: 1)!, Day(year: year, month: 12, day: 31)!, nil)
    }

    /// Whether the period ends on 31 December: the deadline is then the second working day
    /// after 1 May; otherwise three months after the closing (article 223, where 222 bis sends).
    public var endsOnDecember31: Bool { end.month == 12 && end.day == 31 }
}
