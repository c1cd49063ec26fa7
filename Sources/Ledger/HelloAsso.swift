/// HelloAsso (issue 23): what a platform's export says once read — payments, refunds, payouts —
/// and how a payment is booked. Pure values; the reader is in `Imports`, the store writes.

/// The kind of a HelloAsso campaign (« formulaire »): what its money is, by default.
public enum CampaignKind: String, CaseIterable, Sendable, Comparable {
    case membership = "adhesion"
    case event = "billetterie"
    case donation = "don"
    case shop = "boutique"
    case crowdfunding = "crowdfunding"
    case payment = "paiement"

    public static func < (a: CampaignKind, b: CampaignKind) -> Bool { a.rawValue < b.rawValue }
}

/// The accounts HelloAsso money goes to unless the user says otherwise: the data the README
/// documents and `compta helloasso campagnes ajouter` overrides, campaign by campaign.
public enum PlatformAccounts {
    /// The transit account: what HelloAsso holds for the association between a payment and its
    /// payout (a sub-account of 5115 « Paiements par carte à encaisser »: money collected, not
    /// yet on the bank). Created at the first import; a payout on the bank statement brings it
    /// back to zero.
    public static let transit = AccountNumber.platformTransit
    public static let transitLabel = "HelloAsso (paiements à recevoir)"

    /// Revenue account of each campaign kind, by default.
    public static let revenue: [CampaignKind: AccountNumber] = [
        .membership: AccountNumber(trusted: "756"),
        .event: AccountNumber(trusted: "706"),
        .donation: AccountNumber(trusted: "7541"),
        .shop: AccountNumber(trusted: "707"),
        .crowdfunding: AccountNumber(trusted: "7541"),
        .payment: AccountNumber(trusted: "706"),
    ]
    /// An additional donation (« don supplémentaire ») inside a ticket or a membership: a gift.
    public static let additionalDonation = AccountNumber(trusted: "7541")
}

/// A person or an organisation as an export names them.
public struct PlatformPerson: Sendable, Hashable {
    public let firstName: String
    public let lastName: String
    /// « Raison sociale »: an organisation that paid.
    public let company: String
    public let email: String
    /// The organisation's SIREN, as the export writes it (the payout export's `payerSiren`).
    public let siren: String

    public init(firstName: String, lastName: String, company: String = "", email: String = "", siren: String = "") {
        self.firstName = firstName.trimmingSpaces
        self.lastName = lastName.trimmingSpaces
        self.company = company.trimmingSpaces
        self.email = email.trimmingSpaces
        self.siren = siren.trimmingSpaces
    }

    public var isEmpty: Bool { firstName.isEmpty && lastName.isEmpty && company.isEmpty }
    /// As a tiers would be named.
    public var name: String { company.isEmpty ? [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") : company }
}

/// One payment read in an export: a payment of the « Paiements » or payout export (its
/// reference known), or an order of a campaign export (no payment reference: the order is it).
public struct PlatformPayment: Sendable, Hashable {
    /// Line of the file it was read on.
    public let line: Int
    public let order: String
    public let reference: String?
    public let date: Day
    public let campaign: String
    public let kind: CampaignKind
    /// Tarif + options − promo: what goes to the campaign's account.
    public let price: Money
    /// The additional donation: what goes to the gift account.
    public let donation: Money
    public let payer: PlatformPerson
    /// The member (adhérent) or participant when the export names one other than the payer.
    public let beneficiary: PlatformPerson?
    /// The day HelloAsso paid it out, when the export says so, and the payout's id.
    public let payoutDate: Day?
    public let payoutID: String?
    /// HelloAsso issued the tax receipt of this gift (under the association's mandate).
    public let receiptIssued: Bool

    public init(line: Int, order: String, reference: String?, date: Day, campaign: String, kind: CampaignKind, price: Money,
                donation: Money, payer: PlatformPerson, beneficiary: PlatformPerson? = nil, payoutDate: Day? = nil,
                payoutID: String? = nil, receiptIssued: Bool = false) {
        self.line = line
        self.order = order
        self.reference = reference
        self.date = date
        self.campaign = campaign
        self.kind = kind
        self.price = price
        self.donation = donation
        self.payer = payer
        self.beneficiary = beneficiary
        self.payoutDate = payoutDate
        self.payoutID = payoutID
        self.receiptIssued = receiptIssued
    }

    public var total: Money { price + donation }
    /// The piece of its entry: `HA-5001` for a payment, `HA-C82010` for an order read alone.
    public var piece: String { reference.map { "HA-\($0)" } ?? "HA-C\(order)" }
}

/// A refund (or a chargeback) of a payment, taken out of a payout.
public struct PlatformRefund: Sendable, Hashable {
    public let line: Int
    public let reference: String
    /// The order the payment is of: what the ledger knows of a payment booked from a campaign's
    /// export (which gives orders, not payments).
    public let order: String
    public let amount: Money
    public let date: Day

    public init(line: Int, reference: String, order: String = "", amount: Money, date: Day) {
        self.line = line
        self.reference = reference
        self.order = order
        self.amount = amount
        self.date = date
    }
}

/// A payout (« versement »): the transfer HelloAsso makes to the bank, of its payments less
/// its refunds.
public struct PlatformPayout: Sendable, Hashable {
    public let id: String
    public let date: Day
    public let amount: Money

    public init(id: String, date: Day, amount: Money) {
        self.id = id
        self.date = date
        self.amount = amount
    }
}

/// How a campaign is booked: its account and project (`compta helloasso campagnes`).
public struct CampaignSetting: Sendable, Hashable {
    public let campaign: String
    public let account: AccountNumber
    public let project: String?

    public init(campaign: String, account: AccountNumber, project: String?) {
        self.campaign = campaign
        self.account = account
        self.project = project
    }
}

extension PlatformPayment {
    /// The entry of a payment: the transit account debited of the total (the payer's), the
    /// campaign's account credited of the price (the member's or participant's), the gift account
    /// of the additional donation (the payer's). `setting`: the campaign's own account and project.
    public func entry(journal: String, setting: CampaignSetting?, payer: String, beneficiary: String?) -> EntryDraft {
        let revenue = setting?.account ?? PlatformAccounts.revenue[kind]!
        var lines = [LineDraft(account: PlatformAccounts.transit, debit: total, tiers: payer)]
        if !price.isZero { lines.append(LineDraft(account: revenue, credit: price, project: setting?.project, tiers: beneficiary ?? payer)) }
        if !donation.isZero {
            lines.append(LineDraft(account: PlatformAccounts.additionalDonation, credit: donation, project: setting?.project, tiers: payer))
        }
        return EntryDraft(journal: journal, date: date, label: Self.labelPrefix + campaign, piece: piece, lines: lines)
    }

    /// What the label of a payment's entry starts with, before its campaign's name.
    public static let labelPrefix = "HelloAsso "
}

extension CampaignSetting {
    /// Whether `seen` (the campaigns of the payments imported) holds `campaign`, compared by
    /// `searchKey`. When not, and names of `seen` resemble it as a tiers' name resembles a typo
    /// of it (`Tiers.resemble`), the setting would never match a payment: refused with them.
    public static func checkSeen(_ campaign: String, seen: [String]) throws(PlatformBookingError) -> Bool {
        let key = searchKey(campaign)
        if seen.contains(where: { searchKey($0) == key }) { return true }
        let close = seen.filter { Tiers.resemble(searchKey($0), key, close: true) }.sorted()
        if !close.isEmpty { throw .campaignLike(campaign, close: close) }
        return false
    }
}

/// An export being read, for the ledger to record: its payments by chunks, then its refunds
/// and payouts. The ledger records all of it or nothing.
public protocol PlatformExportSource {
    var file: String { get }
    /// The next payments, nil once all are read.
    mutating func nextPayments() throws(LocatedError) -> [PlatformPayment]?
    /// Known once every payment is read.
    var refunds: [PlatformRefund] { get }
    var payouts: [PlatformPayout] { get }
}

/// Why the ledger refuses an export (inside a `LocatedError`, at the line of the file).
public enum PlatformBookingError: Error, Sendable, Equatable {
    /// A refund of a payment the ledger has not booked (nor the file brings), nor its order.
    case unknownRefundedPayment(String, order: String)
    /// A number of days between a payout and its bank line outside 0…`PlatformState.maximumBankDelay`.
    case badBankDelay(Int)
    /// A campaign setting for a name no import has read, while names it has read look like it
    /// (`close`): a typo, most likely.
    case campaignLike(String, close: [String])
}

/// What recording an export did.
public struct PlatformImportOutcome: Sendable {
    /// Entries written for new payments, and for refunds: their piece and number (the payments'
    /// only when the import was asked to list them: see `PlatformLedger`).
    public let recorded: [(piece: String, number: Int)]
    /// How many entries were written for new payments, listed or not.
    public let recordedCount: Int
    public let refunded: [(piece: String, number: Int)]
    /// Payments the ledger had already, and refunds it had already reversed.
    public let alreadyThere: Int
    public let refundsAlreadyThere: Int
    /// Payouts the ledger did not know.
    public let newPayouts: [PlatformPayout]
    public let tiersCreated: [Tiers]
    /// The transit account, when this import created it.
    public let transitCreated: Bool
    /// The bank rule that files HelloAsso's payouts under the transit account, when this import added it.
    public let ruleAdded: Rule?
    /// Payouts of a statement imported before, waiting on 471, now filed under the transit account (their entries' numbers).
    public let refiled: [Int]

    public init(recorded: [(piece: String, number: Int)], refunded: [(piece: String, number: Int)], alreadyThere: Int,
                refundsAlreadyThere: Int, newPayouts: [PlatformPayout], tiersCreated: [Tiers], transitCreated: Bool, ruleAdded: Rule?,
                refiled: [Int], recordedCount: Int? = nil) {
        self.recordedCount = recordedCount ?? recorded.count
        self.refiled = refiled
        self.recorded = recorded
        self.refunded = refunded
        self.alreadyThere = alreadyThere
        self.refundsAlreadyThere = refundsAlreadyThere
        self.newPayouts = newPayouts
        self.tiersCreated = tiersCreated
        self.transitCreated = transitCreated
        self.ruleAdded = ruleAdded
    }
}

extension PlatformRefund {
    /// The entry of a refund: the payment's entry reversed on the day of the refund when it is
    /// refunded whole; a part of it taken back from its first revenue line otherwise.
    public static func entry(_ refund: PlatformRefund, reversing original: Entry) -> EntryDraft {
        let transit = original.lines.first { $0.account == PlatformAccounts.transit }
        var draft: EntryDraft
        if transit?.debit == refund.amount {
            draft = EntryDraft.reversal(of: original, on: refund.date)
        } else {
            let revenue = original.lines.first { $0.credit.cents > 0 } ?? original.lines[0]
            draft = EntryDraft(journal: original.journal, date: refund.date, label: "", lines: [
                LineDraft(account: revenue.account, debit: refund.amount, project: revenue.project, tiers: revenue.tiers?.code),
                LineDraft(account: PlatformAccounts.transit, credit: refund.amount, tiers: transit?.tiers?.code),
            ])
        }
        draft.label = "Remboursement HelloAsso \(refund.reference)"
        draft.piece = "HA-R\(refund.reference)"
        return draft
    }
}

/// What a HelloAsso import needs of a ledger: to record an export, all or nothing.
public protocol PlatformLedger {
    /// `listing`: the outcome lists the entry of each payment (a summary that shows them: JSON,
    /// a trial); else it counts them, and memory stays flat whatever the export's size.
    func recordPlatform(_ source: inout some PlatformExportSource, dryRun: Bool, listing: Bool) throws -> PlatformImportOutcome
}

/// The kinds of HelloAsso export Compta reads.
public enum HelloAssoExportKind: String, Sendable {
    /// The back-office « Paiements » export: one payment a row.
    case payments = "paiements"
    /// A membership campaign's export: one order a row, the member named.
    case membership = "adhesion"
    /// Another campaign's export (ticketing, shop...): one order a row, the campaign named by the file.
    case campaign = "campagne"
    /// A payout's details (« versement », cash-out export): its payments and refunds.
    case payout = "versement"
}

/// A payment of an export left out, and why.
public struct LeftOutPayment: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
        /// Recorded by hand in HelloAsso (cash, cheque, transfer): the money never goes through
        /// a payout; it is booked where it arrives (the bank statement, the cash book).
        case offline
        /// Refunded: nothing of it reaches the association (a known payment is reversed when
        /// its refund comes in a payout export).
        case refunded
        /// Of no amount (a free ticket).
        case free
    }
    public let line: Int
    public let reference: String
    public let reason: Reason

    public init(line: Int, reference: String, reason: Reason) {
        self.line = line
        self.reference = reference
        self.reason = reason
    }
}

/// What importing a HelloAsso export did: what the file was, what it held, what was written.
public struct HelloAssoImportResult: Sendable {
    public let file: String
    public let kind: HelloAssoExportKind
    /// Payments (or orders) of the file, those left out included.
    public let paymentsRead: Int
    public let leftOut: [LeftOutPayment]
    public let outcome: PlatformImportOutcome
    public let dryRun: Bool

    public init(file: String, kind: HelloAssoExportKind, paymentsRead: Int, leftOut: [LeftOutPayment], outcome: PlatformImportOutcome,
                dryRun: Bool) {
        self.file = file
        self.kind = kind
        self.paymentsRead = paymentsRead
        self.leftOut = leftOut
        self.outcome = outcome
        self.dryRun = dryRun
    }
}

/// The transit account's state (`compta helloasso`): each payout HelloAsso made matched with the
/// bank line that brought it, what is not matched on either side, the payments not paid out yet.
public struct PlatformState: Sendable {
    /// A credit of the transit account by a bank statement's line: a payout as the bank saw it.
    public struct BankPayout: Sendable, Hashable {
        public let entry: Int
        public let date: Day
        public let amount: Money
        public let label: String

        public init(entry: Int, date: Day, amount: Money, label: String) {
            self.entry = entry
            self.date = date
            self.amount = amount
            self.label = label
        }
    }

    /// A payment booked and neither paid out nor refunded yet.
    public struct Pending: Sendable, Hashable {
        public let piece: String
        public let date: Day
        public let amount: Money

        public init(piece: String, date: Day, amount: Money) {
            self.piece = piece
            self.date = date
            self.amount = amount
        }
    }

    public let matched: [(payout: PlatformPayout, bank: BankPayout)]
    /// Payouts HelloAsso made that no bank line brought yet (a statement not imported).
    public let notOnTheBank: [PlatformPayout]
    /// Bank lines on the transit account that no payout explains (its export is missing).
    public let withoutPayout: [BankPayout]
    public let pending: [Pending]
    public let transitBalance: Money

    /// How many days after HelloAsso's payout date its transfer may reach the bank: a setting
    /// of the ledger (`compta helloasso fenetre`), `defaultBankDelay` until changed.
    public let bankDelay: Int
    public static let defaultBankDelay = 10
    public static let maximumBankDelay = 60

    /// Matches payouts and bank lines: the payout's id in the bank's label first, then the same
    /// amount within `bankDelay` days, then the nearest line of those days (the difference shown).
    public init(payouts: [PlatformPayout], bank: [BankPayout], pending: [Pending], transitBalance: Money,
                bankDelay: Int = PlatformState.defaultBankDelay) {
        self.bankDelay = bankDelay
        var free = bank.sorted { ($0.date, $0.entry) < ($1.date, $1.entry) }
        var matched: [(payout: PlatformPayout, bank: BankPayout)] = [], alone: [PlatformPayout] = []
        let ordered = payouts.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        func inWindow(_ b: BankPayout, _ p: PlatformPayout) -> Bool { b.date >= p.date && b.date <= p.date.adding(days: bankDelay) }
        var waiting: [PlatformPayout] = []
        for p in ordered {
            if let i = free.firstIndex(where: { $0.label.contains(p.id) }) { matched.append((p, free.remove(at: i))) } else { waiting.append(p) }
        }
        var rest: [PlatformPayout] = []
        for p in waiting {
            if let i = free.firstIndex(where: { $0.amount == p.amount && inWindow($0, p) }) { matched.append((p, free.remove(at: i))) } else { rest.append(p) }
        }
        for p in rest {
            if let i = free.firstIndex(where: { inWindow($0, p) }) { matched.append((p, free.remove(at: i))) } else { alone.append(p) }
        }
        self.matched = matched.sorted { ($0.payout.date, $0.payout.id) < ($1.payout.date, $1.payout.id) }
        notOnTheBank = alone
        withoutPayout = free
        self.pending = pending
        self.transitBalance = transitBalance
    }
}
