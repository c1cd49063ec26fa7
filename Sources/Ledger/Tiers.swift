/// A third party of the association: a person (a member, a donor) or an organisation (a
/// supplier, a funder). Lines carry a tiers by its code; members, donors and what a tiers owes
/// are queries over those lines, never a register of their own. Personal data lives here only,
/// so that it can change (or go) without touching the books.
public struct Tiers: Hashable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case person = "personne"
        case organisation
    }

    /// Given by the ledger from the tiers' number, never reused: `T0001` (`Tiers.code(number:)`).
    public let code: String
    public let kind: Kind
    /// A person's names: one of them at least.
    public let firstName: String?
    public let lastName: String?
    /// An organisation's raison sociale.
    public let organisation: String?
    /// An organisation's SIREN.
    public let siren: SIREN?
    public let email: EmailAddress?
    /// Postal address, lines joined as typed.
    public let address: String?
    /// Other spellings of the name (those banks use: « MARTIN LEA »), as typed.
    public let aliases: [String]
    /// The code of the tiers this one was merged into: its lines count as that one's.
    public let mergedInto: String?
    /// The day its personal data was removed.
    public let anonymisedOn: Day?

    public init(code: String, kind: Kind, firstName: String? = nil, lastName: String? = nil, organisation: String? = nil,
                siren: SIREN? = nil, email: EmailAddress? = nil, address: String? = nil, aliases: [String] = [],
                mergedInto: String? = nil, anonymisedOn: Day? = nil) {
        self.code = code
        self.kind = kind
        self.firstName = firstName
        self.lastName = lastName
        self.organisation = organisation
        self.siren = siren
        self.email = email
        self.address = address
        self.aliases = aliases
        self.mergedInto = mergedInto
        self.anonymisedOn = anonymisedOn
    }

    /// How it is named in lists and reports: first and last name, or the raison sociale.
    public var name: String {
        switch kind {
        case .person: return [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        case .organisation: return organisation ?? ""
        }
    }

    /// The normalised name resolution and search compare (`searchKey`).
    public var key: String { searchKey(name) }

    /// The code of the tiers numbered `number` (its row id): `T` and 4 digits at least.
    public static func code(number: Int64) -> String {
        let digits = String(number)
        return "T" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `text` as a tiers code (`T0003`, `t0003`, and `T003` or `T3` with their zeros left
    /// out), or nil when it has not the shape of one: then it is a name. A code mistyped with
    /// a zero too few designates its tiers instead of creating a person named « T003 ».
    public static func code(in text: String) -> String? {
        let t = text.trimmingSpaces
        guard t.first == "T" || t.first == "t", t.count >= 2, t.count <= 19, t.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
              let number = Int64(t.dropFirst()) else { return nil }
        return code(number: number)
    }
}

/// What a person types to describe a tiers, before it is checked: every field optional, as
/// `tiers ajouter` and `tiers modifier` take them (an empty text clears a field on a change).
public struct TiersFields: Hashable, Sendable {
    public var kind: Tiers.Kind?
    public var firstName: String?
    public var lastName: String?
    public var organisation: String?
    public var siren: String?
    public var email: String?
    public var address: String?
    public var addedAliases: [String]
    public var removedAliases: [String]

    public init(kind: Tiers.Kind? = nil, firstName: String? = nil, lastName: String? = nil, organisation: String? = nil,
                siren: String? = nil, email: String? = nil, address: String? = nil, addedAliases: [String] = [],
                removedAliases: [String] = []) {
        self.kind = kind
        self.firstName = firstName
        self.lastName = lastName
        self.organisation = organisation
        self.siren = siren
        self.email = email
        self.address = address
        self.addedAliases = addedAliases
        self.removedAliases = removedAliases
    }

    /// The fields of a new tiers named `name` (a name typed on a line, read in a file): an
    /// organisation when told so, else a person whose whole name is kept as its last name, as
    /// it was written (« Léa Martin » is not split on a guess).
    public static func named(_ name: String) -> TiersFields { TiersFields(kind: .person, lastName: name) }

    /// A name read in a bank label (« OVH SAS », « M LEFEBVRE »): an organisation when one of
    /// its words says so (a legal form, « ASSOCIATION », « MAIRIE »…), else a person of that
    /// last name. A guess the treasurer corrects with `tiers modifier`; it only decides which
    /// fields hold the name.
    public static func read(_ name: String) -> TiersFields {
        let words = searchKey(name).split(separator: " ")
        if words.contains(where: { organisationWords.contains(String($0)) }) { return TiersFields(kind: .organisation, organisation: name) }
        return named(name)
    }

    /// Words that make a name read in a label an organisation's.
    public static let organisationWords: Set<String> = [
        "sa", "sas", "sasu", "sarl", "eurl", "eirl", "sci", "scop", "scic", "snc", "gie", "ste", "societe", "ets", "association", "asso",
        "assoc", "federation", "fondation", "collectif", "cooperative", "syndicat", "mutuelle", "mairie", "commune", "ville",
        "departement", "region", "comite", "club", "banque", "caisse", "urssaf",
    ]

    /// The tiers `base` becomes with these fields (`base` nil: a new tiers, of code `code`).
    /// Texts are kept `printable` and trimmed; an empty one clears the field.
    public func applied(to base: Tiers?, code: String) throws(TiersError) -> Tiers {
        func text(_ given: String?, _ old: String?) -> String? {
            guard let given else { return old }
            let t = given.printable.trimmingSpaces
            return t.isEmpty ? nil : t
        }
        let kind = base?.kind ?? self.kind ?? (organisation != nil ? .organisation : .person)
        if kind == .person, let siren, !siren.trimmingSpaces.isEmpty { throw .sirenForPerson }
        let personFields = firstName != nil || lastName != nil, organisationFields = organisation != nil || siren != nil
        if let base {
            if self.kind.map({ $0 != base.kind }) == true || (kind == .person ? organisationFields : personFields) { throw .otherKind(base) }
        } else if personFields && organisationFields {
            throw .mixedKinds
        }
        // Not given: kept; given empty: cleared.
        var siren = base?.siren, email = base?.email
        do throws(IdentifierError) {
            if let given = self.siren { siren = nil; if let t = text(given, nil) { siren = try SIREN(parsing: t) } }
            if let given = self.email { email = nil; if let t = text(given, nil) { email = try EmailAddress(parsing: t) } }
        } catch { throw .identifier(error) }
        var aliases = base?.aliases ?? []
        for removed in removedAliases {
            let key = searchKey(removed)
            guard let i = aliases.firstIndex(where: { searchKey($0) == key }) else { throw .noSuchAlias(code: code, alias: removed) }
            aliases.remove(at: i)
        }
        for added in addedAliases {
            let a = added.printable.trimmingSpaces
            if !searchKey(a).isEmpty && !aliases.contains(where: { searchKey($0) == searchKey(a) }) { aliases.append(a) }
        }
        let tiers = Tiers(code: code, kind: kind, firstName: text(firstName, base?.firstName), lastName: text(lastName, base?.lastName),
                          organisation: text(organisation, base?.organisation), siren: siren, email: email,
                          address: text(address, base?.address), aliases: aliases, mergedInto: base?.mergedInto,
                          anonymisedOn: base?.anonymisedOn)
        if searchKey(tiers.name).isEmpty { throw .noName(kind) }
        return tiers
    }
}

/// Why a tiers cannot be recorded, found or merged as asked. The CLI says the sentence.
public enum TiersError: Error, Equatable, Sendable {
    /// A person without first or last name, an organisation without raison sociale.
    case noName(Tiers.Kind)
    /// A malformed SIREN or email address.
    case identifier(IdentifierError)
    /// A SIREN (or a raison sociale) given for a person: only an organisation has one.
    case sirenForPerson
    /// Fields of the other kind (a first name for an organisation) given to an existing tiers.
    case otherKind(Tiers)
    /// A new tiers given a person's names and an organisation's.
    case mixedKinds
    /// `--sans-alias` of a spelling the tiers does not have.
    case noSuchAlias(code: String, alias: String)
    /// No tiers has this code.
    case unknownCode(String)
    /// No tiers has this name or alias (where none is created: `tiers voir`).
    case unknownName(String)
    /// The name (or alias) of several tiers: the code says which.
    case ambiguous(String, [Tiers])
    /// `tiers fusionner A A`.
    case mergeIntoItself(Tiers)
    /// One of the two was merged already (into `mergedInto`): merge into that one.
    case mergedAlready(Tiers)
}

/// A line's tiers as read back: the code recorded on the line (what the chain covers, never
/// changed once validated) and the tiers the line counts for today — the same one, or the one
/// it was merged into — by code and name.
public struct LineTiers: Hashable, Sendable {
    public let recorded: String
    public let code: String
    public let name: String

    public init(recorded: String, code: String, name: String) {
        self.recorded = recorded
        self.code = code
        self.name = name
    }

    /// As reports show it: `T0003 Léa Martin`.
    public var shown: String { name.isEmpty ? code : "\(code) \(name)" }
}

/// What the ledger holds about one tiers: its lines (with those of the tiers merged into it) and
/// what they add up to, per account.
public struct TiersDetail: Sendable {
    public let tiers: Tiers
    /// The tiers merged into this one: their lines are among `lines`.
    public let merged: [Tiers]
    /// In date order.
    public let lines: [AccountLine]
    /// The lines' debits and credits per account.
    public let totals: [AccountTotal]

    public init(tiers: Tiers, merged: [Tiers], lines: [AccountLine], totals: [AccountTotal]) {
        self.tiers = tiers
        self.merged = merged
        self.lines = lines
        self.totals = totals
    }

    /// Cotisations (756) and dons (754) received from the tiers: credits less debits (a refund).
    public static let cotisationAccounts = AccountGroup.cotisations, giftAccounts = AccountGroup.gifts
    /// The third-party accounts a balance is owed on: suppliers (40), clients and members (41), others (46).
    public static let thirdPartyAccounts = ["40", "41", "46"]

    public var cotisations: Money { received(under: TiersDetail.cotisationAccounts) }
    public var dons: Money { received(under: TiersDetail.giftAccounts) }

    /// Per third-party account with a balance: debit less credit (positive: the tiers owes the
    /// association; negative: the association owes the tiers).
    public var balances: [(account: AccountNumber, balance: Money)] {
        totals.filter { t in TiersDetail.thirdPartyAccounts.contains { t.account.isUnder($0) } }
            .map { ($0.account, $0.debit - $0.credit) }.filter { !$0.balance.isZero }
    }

    private func received(under prefix: String) -> Money {
        Money.sum(totals.filter { $0.account.isUnder(prefix) }.map { $0.credit - $0.debit })
    }
}

extension EntryDraft {
    /// Gives `tiers` (a code) to every line that has none outside the treasury accounts (bank
    /// 51, cash 53): the tiers of an entry typed as a whole is the member, the donor or the
    /// supplier, not the bank.
    public mutating func give(tiers: String) {
        for i in lines.indices where lines[i].tiers == nil && !lines[i].account.isUnder("51") && !lines[i].account.isUnder("53") {
            lines[i].tiers = tiers
        }
    }
}
