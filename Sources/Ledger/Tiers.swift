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

    /// How it is named in lists and reports: first and last name, or the raison sociale; once
    /// anonymised, `anonymousName(code:)`.
    public var name: String {
        if anonymisedOn != nil { return Tiers.anonymousName(code: code) }
        switch kind {
        case .person: return [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        case .organisation: return organisation ?? ""
        }
    }

    /// The normalised name resolution and search compare (`searchKey`); empty once anonymised,
    /// so that no name (the old one, or the neutral one) finds the tiers any more: only its code.
    public var key: String { anonymisedOn == nil ? searchKey(name) : "" }

    /// The name an anonymised tiers is shown by, stored as its name like an account's label:
    /// neutral, and telling one anonymised tiers from another.
    public static func anonymousName(code: String) -> String { "Anonyme \(code)" }

    /// The tiers without its personal data (names, SIREN, email, address, aliases), anonymised
    /// on `day`; its code, kind and merge stay, and so do its lines, which hold none of it.
    public func anonymised(on day: Day) -> Tiers {
        Tiers(code: code, kind: kind, mergedInto: mergedInto, anonymisedOn: day)
    }

    /// The words of a normalised name in alphabetical order: « Petit Éloïse » and « Éloïse Petit »
    /// have the same.
    public static func words(of key: String) -> [Substring] { key.split(separator: " ").sorted() }

    /// Whether two normalised names (`searchKey`) look like one name: the same words in any
    /// order, or, with `close`, an edit distance of 1 (2 from 8 letters on) — a typo — or the
    /// same words but for initials (« m lefebvre », « lefebvre marc », as banks write them).
    public static func resemble(_ a: String, _ b: String, close: Bool) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        if a == b || words(of: a) == words(of: b) { return true }
        guard close else { return false }
        return editDistance(Array(a.utf8), Array(b.utf8), atMost: min(a.utf8.count, b.utf8.count) >= 8 ? 2 : 1)
            || sameButInitials(words(of: a), words(of: b))
    }

    /// As many words on each side; the words of two letters or more are the same on both, at
    /// least one of them; each remaining word is an initial of a remaining word of the other side.
    static func sameButInitials(_ a: [Substring], _ b: [Substring]) -> Bool {
        guard a.count == b.count, a.count > 1 else { return false }
        var left = a, right = b
        for w in a where w.count > 1 {
            guard let i = right.firstIndex(of: w) else { continue }
            right.remove(at: i)
            left.remove(at: left.firstIndex(of: w)!)
        }
        guard left.count < a.count, !left.isEmpty else { return false }
        // What is left pairs an initial with a word that starts with it, in some order.
        for w in left {
            guard let i = right.firstIndex(where: { ($0.count == 1 || w.count == 1) && $0.first == w.first }) else { return false }
            right.remove(at: i)
        }
        return true
    }

    /// Whether the Levenshtein distance of `a` and `b` is at most `limit` (cheap: one row, and
    /// nothing computed when the lengths alone differ by more).
    static func editDistance(_ a: [UInt8], _ b: [UInt8], atMost limit: Int) -> Bool {
        guard abs(a.count - b.count) <= limit else { return false }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit }
        var previous = Array(0...b.count), current = previous
        for i in 1...a.count {
            current[0] = i
            var best = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                best = min(best, current[j])
            }
            if best > limit { return false }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit
    }

    /// Legal forms (and words) that make a name an organisation's: « OVH SAS », « Association
    /// des Amis », « SCOP Le Relais », « MAIRIE DE LYON » read in a bank label. Compared as words
    /// of the normalised name. A guess the treasurer corrects with `tiers modifier`: it only
    /// decides which fields hold the name.
    public static let organisationWords: Set<Substring> = Set<Substring>([
        "sa", "sas", "sasu", "sarl", "eurl", "eirl", "sci", "scop", "scic", "snc", "sca", "selarl", "gie", "ei", "ste", "societe", "ets",
        "association", "asso", "assoc", "federation", "fondation", "collectif", "cooperative", "syndicat", "mutuelle", "mutuelles",
        "assurance", "assurances", "compagnie", "cie", "groupe", "institut", "agence", "office", "ecole", "lycee", "college", "universite",
        "hopital", "clinique", "prefecture", "tresor", "cpam", "caf", "sacem",
        "mairie", "commune", "ville", "departement", "region", "comite", "club", "banque", "caisse", "urssaf",
    ]).union(paymentServiceWords)

    /// Banks and payment services by their brand: a fee line names its bank alone (« QONTO »,
    /// « FRAIS TENUE DE COMPTE »), with no legal form. Only names no person bears as a whole word.
    static let paymentServiceWords: Set<Substring> = [
        "qonto", "shine", "boursorama", "hellobank", "lcl", "bnp", "paribas", "hsbc", "cic", "bred", "revolut", "n26",
        "paypal", "stripe", "sumup", "zettle", "helloasso", "payplug", "mollie",
    ]

    /// Whether `name` says it is an organisation's (a legal form among its words; letters
    /// written apart, « S.A.S. », read as one word).
    public static func isOrganisationName(_ name: String) -> Bool {
        var words: [Substring] = [], letters = ""
        for word in searchKey(name).split(separator: " ") {
            if word.count == 1 { letters += word; continue }
            if !letters.isEmpty { words.append(Substring(letters)); letters = "" }
            words.append(word)
        }
        if !letters.isEmpty { words.append(Substring(letters)) }
        return words.contains { organisationWords.contains($0) }
    }

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
    /// organisation when its name has a legal form in it (« OVH SAS »: `isOrganisationName`),
    /// else a person whose whole name is kept as its last name, as it was written (« Léa Martin »
    /// is not split on a guess). Every place that makes a tiers from a name alone goes through here.
    public static func named(_ name: String) -> TiersFields {
        Tiers.isOrganisationName(name) ? TiersFields(kind: .organisation, organisation: name) : TiersFields(kind: .person, lastName: name)
    }

    /// The tiers `base` becomes with these fields (`base` nil: a new tiers, of code `code`).
    /// Texts are kept `printable` and trimmed; an empty one clears the field.
    public func applied(to base: Tiers?, code: String) throws(TiersError) -> Tiers {
        func text(_ given: String?, _ old: String?) -> String? {
            guard let given else { return old }
            let t = given.printable.trimmingSpaces
            return t.isEmpty ? nil : t
        }
        func names(_ given: String?) -> Bool { given.map { !$0.printable.trimmingSpaces.isEmpty } ?? false }
        let kind: Tiers.Kind
        if let base {
            // A name of the other kind changes the kind (a person recorded for an association):
            // its names of the old kind go.
            let person = names(firstName) || names(lastName), organisation = names(self.organisation) || names(siren)
            if person && organisation { throw .mixedKinds }
            if base.anonymisedOn != nil { throw .anonymisedUnchangeable(base) }
            kind = self.kind ?? (base.kind == .person && names(self.organisation) ? .organisation
                                 : base.kind == .organisation && person ? .person : base.kind)
        } else {
            kind = self.kind ?? (organisation != nil ? .organisation : .person)
        }
        if kind == .person, names(siren) { throw .sirenForPerson }
        if base == nil && (firstName != nil || lastName != nil) && (organisation != nil || siren != nil) { throw .mixedKinds }
        // The fields of the kind the tiers had, kept only while it keeps it.
        let same = base?.kind == kind ? base : nil
        // Not given: kept; given empty: cleared.
        var siren = same?.siren, email = base?.email
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
        let person = kind == .person
        let tiers = Tiers(code: code, kind: kind, firstName: person ? text(firstName, same?.firstName) : nil,
                          lastName: person ? text(lastName, same?.lastName) : nil,
                          organisation: person ? nil : text(organisation, same?.organisation), siren: person ? nil : siren, email: email,
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
    /// A new tiers given a person's names and an organisation's.
    case mixedKinds
    /// `--sans-alias` of a spelling the tiers does not have.
    case noSuchAlias(code: String, alias: String)
    /// No tiers has this code.
    case unknownCode(String)
    /// No tiers has this name or alias (where none is created: `tiers voir`); `close`, those
    /// of a name a typo or an initial away.
    case unknownName(String, close: [Tiers])
    /// The name (or alias) of several tiers: the code says which.
    case ambiguous(String, [Tiers])
    /// `tiers fusionner A A`.
    case mergeIntoItself(Tiers)
    /// One of the two was merged already (into `mergedInto`): `keep` and `absorb` are the
    /// merge to ask instead.
    case mergedAlready(Tiers, keep: String, absorb: String)
    /// `absorbed` is merged into `kept` already (asked again, or asked the other way round).
    case alreadyMergedInto(absorbed: Tiers, kept: Tiers)
    /// A person and an organisation: merged only when forced (two records of one tiers are of one kind).
    case kindsDiffer(kept: Tiers, absorbed: Tiers)
    /// The same SIREN as another organisation's.
    case sirenTaken(SIREN, by: Tiers)
    /// Anonymised (on `anonymisedOn`) already: its personal data is gone, nothing to erase.
    case anonymisedAlready(Tiers)
    /// `tiers modifier` on an anonymised tiers: its personal data is not given back.
    case anonymisedUnchangeable(Tiers)
    /// A merge of an anonymised tiers with one that is not, either way: it would give the
    /// anonymised record a person's data (their names designating it, their lines), or give a
    /// named person the anonymised one's lines.
    case mergeWithAnonymised(anonymised: Tiers, live: Tiers)
    /// An organisation is not personal data: only a person is anonymised.
    case notAPerson(Tiers)
    /// Merged into another: that one is anonymised, with the records merged into it.
    case anonymiseTheKeeper(Tiers)
    /// The data must still be kept, for these reasons.
    case mustBeKept(Tiers, [RetentionReason])
}

/// Why a person's data must still be kept when they ask it removed, and until when: a tax
/// receipt issued to them, kept as long as the tax office may ask for it.
public struct RetentionReason: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A tax receipt (reçu fiscal), `reference` its number.
        case taxReceipt
    }

    public let kind: Kind
    public let reference: String
    /// The last day the data must be kept: anonymising becomes possible the day after.
    public let keptUntil: Day

    public init(kind: Kind, reference: String, keptUntil: Day) {
        self.kind = kind
        self.reference = reference
        self.keptUntil = keptUntil
    }

    /// A receipt issued on `issued` is kept to the end of the sixth year after its issue: the
    /// association keeps the documents the tax office may check for six years from the day they
    /// were made (livre des procédures fiscales, art. L102 B), the cautious reading — the
    /// reference leaves the period open. A receipt of 2024's gifts issued in 2026 is kept to
    /// the end of 2032.
    public static func taxReceiptKeptUntil(issued: Day) -> Day { Day(year: issued.year + 6, month: 12, day: 31)! }
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
