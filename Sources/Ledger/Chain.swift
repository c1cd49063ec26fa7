/// The chain of validated entries: each validated entry's hash covers its content and the hash
/// of the entry validated before it, so any later change to a validated entry, or the removal or
/// insertion of one, breaks every link after it. The end of the chain is not protected by the
/// chain itself (the last links can be removed, or all recomputed, by whoever can write the
/// file): an `Anchor` written down outside the ledger is.
public enum Chain {
    /// The hash before the first validated entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// The version of the canonical text new links are written in. A ledger keeps the version
    /// each link was written in (links before migration 7 are version 1), so that a change of
    /// the text never breaks the chain of an existing ledger. Version 3 writes a link without
    /// any tiers as version 2 did: links validated before tiers existed read the same in both.
    public static let currentVersion = 3

    /// One validated entry as the chain sees it.
    public struct Link: Sendable, Equatable {
        public let version: Int
        public let exercice: String
        /// The exercice's dates and the journal's kind (version 2): they change how the entry
        /// counts (its year, à-nouveaux or not), so the chain covers them.
        public let exerciceStart: Day
        public let exerciceEnd: Day
        public let journal: String
        public let journalKind: String
        public let validationNumber: Int
        public let number: Int
        public let date: Day
        public let label: String
        public let piece: String?
        public let validatedOn: Day
        public let lines: [Line]

        public init(version: Int = Chain.currentVersion, exercice: String, exerciceStart: Day, exerciceEnd: Day, journal: String,
                    journalKind: String, validationNumber: Int, number: Int, date: Day, label: String, piece: String?,
                    validatedOn: Day, lines: [Line]) {
            self.version = version
            self.exercice = exercice
            self.exerciceStart = exerciceStart
            self.exerciceEnd = exerciceEnd
            self.journal = journal
            self.journalKind = journalKind
            self.validationNumber = validationNumber
            self.number = number
            self.date = date
            self.label = label
            self.piece = piece
            self.validatedOn = validatedOn
            self.lines = lines
        }

        public static func == (a: Link, b: Link) -> Bool { a.canonical == b.canonical }

        /// A stable text of every field, each escaped so no two entries write the same text.
        /// Version 1 wrote an absent field and the text « ∅ » alike; version 2 escapes a text
        /// that begins with « ∅ », and covers the exercice's dates and the journal's kind;
        /// version 3 covers each line's tiers, by the code recorded on the line, in an entry
        /// that has one (its text then begins « v3 », every line ending with its tiers; an entry
        /// without tiers is written as in version 2, the line's field count telling them apart).
        public var canonical: String {
            func f(_ s: String?) -> String {
                guard let s else { return "∅" }
                var out = s
                // Nearly every field has nothing to escape: checked on the bytes first.
                if s.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) {
                    out = s.replacingEvery("\\", with: "\\\\").replacingEvery("|", with: "\\|").replacingEvery("\n", with: "\\n")
                }
                // A lone backslash appears nowhere else: « \∅ » is the text, « ∅ » no text.
                return version >= 2 && out.hasPrefix("∅") ? "\\" + out : out
            }
            var head = [f(exercice), f(journal), String(validationNumber), String(number), date.iso, f(label), f(piece), validatedOn.iso]
            let withTiers = version >= 3 && lines.contains { $0.tiers != nil }
            if version >= 2 { head = [withTiers ? "v3" : "v2", f(exercice), exerciceStart.iso, exerciceEnd.iso, f(journal), f(journalKind)] + head.dropFirst(2) }
            var out = head.joined(separator: "|")
            for l in lines {
                var fields = [f(l.account), String(l.debit), String(l.credit), f(l.label), f(l.project)]
                if withTiers { fields.append(f(l.tiers)) }
                out += "\n" + fields.joined(separator: "|")
            }
            return out
        }
    }

    /// One line of a validated entry as the chain sees it: the stored texts and cents, the
    /// project and the tiers by their codes (the tiers' code recorded on the line: a merge, a
    /// new name or an anonymisation leaves the chain as it was).
    public struct Line: Sendable, Equatable {
        public let account: String
        public let debit: Int64
        public let credit: Int64
        public let label: String?
        public let project: String?
        public let tiers: String?

        public init(account: String, debit: Int64, credit: Int64, label: String?, project: String?, tiers: String? = nil) {
            self.account = account
            self.debit = debit
            self.credit = credit
            self.label = label
            self.project = project
            self.tiers = tiers
        }

        public init(_ line: Entry.Line) {
            self.init(account: line.account.text, debit: line.debit.cents, credit: line.credit.cents, label: line.label, project: line.project,
                      tiers: line.tiers?.recorded)
        }
    }

    /// The hash of `link` chained to `previous`.
    public static func hash(previous: String, _ link: Link) -> String {
        var h = SHA256()
        h.update(previous)
        h.update("\n")
        h.update(link.canonical)
        return h.finalize().hexString
    }

    /// The end of the chain at one moment, in a form a person can copy into the general
    /// assembly's minutes: `225-20251203-9f3c1a2b7d4e6f80` (links in the chain, validation date
    /// of the last one, the first 16 hexadecimal digits of its hash). Today's chain extends it
    /// when its link `count` has that date and hash: every link up to it is then as it was.
    public struct Anchor: Sendable, Equatable {
        public let count: Int
        public let date: Day
        /// The hash's first 16 hexadecimal digits (64 bits: finding another chain that ends
        /// on them is out of reach).
        public let head: String

        public static let headLength = 16

        public init(count: Int, date: Day, hash: String) {
            self.count = count
            self.date = date
            self.head = String(hash.lowercased().prefix(Anchor.headLength))
        }

        /// Reads the copied form, forgiving spaces and capitals; nil when it is not one.
        public init?(_ text: String) {
            let parts = text.lowercased().filter { $0 != " " }.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, let count = Int(parts[0]), count > 0, parts[1].count == 8,
                  let date = try? Day(parsing: String(parts[1])),
                  parts[2].count == Anchor.headLength, parts[2].allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
            self.init(count: count, date: date, hash: String(parts[2]))
        }

        public var text: String { "\(count)-\(date.compact)-\(head)" }
    }
}

extension String {
    func replacingEvery(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
