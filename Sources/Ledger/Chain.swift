/// The chain of validated entries: each validated entry's hash covers its content and the hash
/// of the entry validated before it, so any later change to a validated entry, or the removal or
/// insertion of one, breaks every link after it.
public enum Chain {
    /// The hash before the first validated entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// One validated entry as the chain sees it.
    public struct Link: Sendable, Equatable {
        public let exercice: String
        public let journal: String
        public let validationNumber: Int
        public let number: Int
        public let date: Day
        public let label: String
        public let piece: String?
        public let validatedOn: Day
        public let lines: [(account: String, debit: Int64, credit: Int64, label: String?, project: String?)]

        public init(exercice: String, journal: String, validationNumber: Int, number: Int, date: Day, label: String, piece: String?,
                    validatedOn: Day, lines: [(account: String, debit: Int64, credit: Int64, label: String?, project: String?)]) {
            self.exercice = exercice
            self.journal = journal
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
        public var canonical: String {
            func f(_ s: String?) -> String {
                guard let s else { return "∅" }
                // Nearly every field has nothing to escape: checked on the bytes first.
                if !s.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) { return s }
                return s.replacingEvery("\\", with: "\\\\").replacingEvery("|", with: "\\|").replacingEvery("\n", with: "\\n")
            }
            var out = [f(exercice), f(journal), String(validationNumber), String(number), date.iso, f(label), f(piece), validatedOn.iso]
                .joined(separator: "|")
            for l in lines {
                out += "\n" + [f(l.account), String(l.debit), String(l.credit), f(l.label), f(l.project)].joined(separator: "|")
            }
            return out
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
}

extension String {
    func replacingEvery(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
