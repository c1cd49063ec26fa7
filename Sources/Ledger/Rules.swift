/// A categorisation rule: a bank line whose label matches `pattern` (and, optionally, whose
/// direction and amount fit) is filed under `account`, with `project` and a cleaner `label`.
/// Rules are tried in `position` order; the first that matches wins.
public struct Rule: Hashable, Sendable {
    public enum Direction: Int, Sendable, CaseIterable {
        /// Money in or out.
        case any = 0
        /// Money in (credit on the statement).
        case income = 1
        /// Money out.
        case expense = -1
    }

    public var position: Int
    /// A text to find in the label (case and accents ignored), or a regular expression.
    public var pattern: String
    public var isRegex: Bool
    public var direction: Direction
    /// Bounds on the amount's magnitude, both included.
    public var minimum: Money?
    public var maximum: Money?
    public var account: AccountNumber
    public var project: String?
    /// Label to write instead of the bank's.
    public var label: String?

    public init(position: Int = 0, pattern: String, isRegex: Bool = false, direction: Direction = .any,
                minimum: Money? = nil, maximum: Money? = nil, account: AccountNumber, project: String? = nil,
                label: String? = nil) {
        self.position = position
        // Labels are `printable`: a control character in a pattern could never match.
        self.pattern = pattern.printable
        self.isRegex = isRegex
        self.direction = direction
        self.minimum = minimum
        self.maximum = maximum
        self.account = account
        self.project = project
        self.label = label?.printable
    }
}
