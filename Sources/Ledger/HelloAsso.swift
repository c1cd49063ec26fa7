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
    public static let transit = AccountNumber(trusted: "51151")
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

    public init(firstName: String, lastName: String, company: String = "", email: String = "") {
        self.firstName = firstName.trimmingSpaces
        self.lastName = lastName.trimmingSpaces
        self.company = company.trimmingSpaces
        self.email = email.trimmingSpaces
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
    public let amount: Money
    public let date: Day

    public init(line: Int, reference: String, amount: Money, date: Day) {
        self.line = line
        self.reference = reference
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
        return EntryDraft(journal: journal, date: date, label: "HelloAsso \(campaign)", piece: piece, lines: lines)
    }
}
