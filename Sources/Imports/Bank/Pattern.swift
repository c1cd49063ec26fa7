/// The regular expression of a rule (`--regex`), case-insensitive, found anywhere in a label.
///
/// Rules run on labels chosen by whoever sends a transfer, so matching must never take long:
/// a backtracking engine (Swift's `Regex`) spends minutes on `(a+)+$` against 22 « a ». This
/// one compiles the pattern to an automaton (Thompson) and runs all its states side by side
/// over the label, once (Pike): the time is at most the label's length times the automaton's
/// size, whatever the pattern and the label. The price is the constructions that need
/// backtracking, refused when the rule is written: back-references (`\1`) and look-arounds
/// (`(?=…)`, `(?<=…)`), atomic groups and possessive quantifiers.
///
/// Syntax: `.`, `[…]` (ranges, `^` to negate, `\d \w \s` inside), `^`, `$`, `|`, `( )`,
/// `(?: )`, `(?<nom> )`, `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` and their lazy forms (`*?`, `+?`),
/// `\d \D \w \W \s \S \b \B`, `\t`, and any punctuation escaped (`\.`, `\(`).
///
/// A named group's text (`capture`) is the one a backtracking engine would give (PCRE, Swift's
/// `Regex`): leftmost match, alternatives and greedy or lazy repetitions in their order of
/// priority. The threads run side by side in that order, each carrying where the group began
/// and ended on its path, so that the answer still costs one pass.
public struct RulePattern: Sendable {
    let program: [Instruction<Character>]
    /// The same program for labels read as bytes (`PatternText`): a character of the pattern
    /// that is not ASCII becomes a class that nothing matches, as no byte of such a label is it.
    let asciiProgram: [Instruction<UInt8>]
    /// The names of the named groups, once each, in the order they first appear: group `k`
    /// saves its start in slot `2k` and its end in slot `2k + 1`.
    public let groupNames: [String]
    /// The named groups that can only match the empty text (`(?<tiers>)`, `(?<tiers>\b)`).
    public let emptyGroups: Set<String>

    /// The most instructions a pattern compiles to, and the most a repetition may count: far
    /// beyond any rule a treasurer writes (`^PRLV SEPA (OVH|KIMSUFI)` is 30, matched on a label
    /// in microseconds), small enough that the largest pattern on a label of 500 characters takes
    /// some 30 ms (measured, release build): a bound, not a speed to expect.
    public static let maxSize = 5_000
    public static let maxRepetition = 1_000

    public init(_ pattern: String) throws(PatternError) {
        var parser = Parser(Array(pattern))
        let node = try parser.parseAll()
        var program: [Instruction<Character>] = []
        try Compiler.emit(node, into: &program)
        program.append(.match)
        if program.count > RulePattern.maxSize { throw .tooLarge }
        self.program = program
        asciiProgram = program.map(\.ascii)
        groupNames = parser.names
        var empty = Set<String>(), nonEmpty = Set<String>()
        node.visitGroups { index, inner in
            if inner.maxLength == 0 { empty.insert(parser.names[index]) } else { nonEmpty.insert(parser.names[index]) }
        }
        emptyGroups = empty.subtracting(nonEmpty)
    }

    /// The text the group `name` takes in the first match of the pattern in `text`, from `text`
    /// as written (not case-folded), trimmed, its inner spaces made one; nil when the pattern
    /// is not found, the group takes no part in the match, or its text is blank.
    public func capture(_ name: String, in text: String) -> String? {
        guard let group = groupNames.firstIndex(of: name) else { return nil }
        return capture(group, in: PatternText(text))
    }

    /// `capture` on a label already read (`PatternText`): what tries several patterns on one
    /// label reads it once.
    func capture(_ group: Int, in text: PatternText) -> String? {
        var scratch = PatternScratch(size: program.count)
        return capture(group, in: text, scratch: &scratch)
    }

    /// `capture` with the automaton's working storage given (`scratch`, of at least the
    /// program's size): what tries several patterns on one label allocates it once.
    func capture(_ group: Int, in text: PatternText, scratch: inout PatternScratch) -> String? {
        switch text {
        case .ascii(let original, let folded):
            return Self.captured(original, Self.capture(asciiProgram, group, in: folded, scratch: &scratch))
        case .characters(let original, let folded):
            return Self.captured(original, Self.capture(program, group, in: folded, scratch: &scratch))
        }
    }

    /// The number of instructions: the least size of a `PatternScratch` for this pattern.
    var size: Int { program.count }

    /// The group's text, its words joined by one space; nil when blank.
    private static func captured<U: PatternUnit>(_ original: [U], _ range: (start: Int, end: Int)?) -> String? {
        guard let (start, end) = range, start >= 0, end >= start else { return nil }
        var text: [U] = []
        text.reserveCapacity(end - start)
        var space = false
        for u in original[start..<end] {
            if u.isPatternSpace {
                space = !text.isEmpty
            } else {
                if space { text.append(U.space) }
                space = false
                text.append(u)
            }
        }
        return text.isEmpty ? nil : U.text(text[...])
    }

    /// Where the group `group` begins and ends in the first match of `program` in `chars` (folded).
    private static func capture<U: PatternUnit>(_ program: [Instruction<U>], _ group: Int, in chars: [U],
                                                scratch: inout PatternScratch) -> (start: Int, end: Int)? {
        // `^…`: no match starts after the first character.
        let anchored = if case .assert(.start) = program[0] { true } else { false }
        // A pattern that starts with a character: no match starts where the label has another.
        let first: U? = if case .char(let c) = program[0] { c } else { nil }
        var current = ThreadList(), next = ThreadList(), stack: [PatternScratch.Pending] = []
        swap(&current, &scratch.current)
        swap(&next, &scratch.next)
        swap(&stack, &scratch.stack)
        defer {
            swap(&current, &scratch.current)
            swap(&next, &scratch.next)
            swap(&stack, &scratch.stack)
        }
        current.clear()
        next.clear()
        var found: (start: Int, end: Int)? = nil
        var i = 0
        while i <= chars.count {
            if found == nil, current.isEmpty, let first {
                // Skip to the next place the first character is: a start anywhere else dies at once.
                while i < chars.count && chars[i] != first { i += 1 }
                if i == chars.count { break }
            }
            // A new start, of the lowest priority, until a match is found: the leftmost one wins.
            if found == nil { add(program, 0, at: i, in: chars, start: -1, end: -1, group: group, to: &current, stack: &stack) }
            if current.isEmpty && (found != nil || anchored) { break }
            steps: for k in 0..<current.count {
                let pc = current.threads[k], start = current.starts[k], end = current.ends[k]
                let step: Bool
                switch program[pc] {
                case .match:
                    // The threads after this one have a lower priority: they are dropped.
                    found = (start, end)
                    break steps
                case .char(let x): step = i < chars.count && x == chars[i]
                case .any: step = i < chars.count && !chars[i].isLineFeed
                case .set(let s): step = i < chars.count && s.contains(chars[i])
                default: step = false
                }
                if step { add(program, pc + 1, at: i + 1, in: chars, start: start, end: end, group: group, to: &next, stack: &stack) }
            }
            swap(&current, &next)
            next.clear()
            i += 1
        }
        return found
    }

    /// `add` for `capture`: in priority order (the first branch of a split explored first, so
    /// that the first path to reach an instruction is the one that keeps it), each thread with
    /// where the group `group` began and ended on its path.
    private static func add<U: PatternUnit>(_ program: [Instruction<U>], _ pc: Int, at position: Int, in chars: [U],
                                            start: Int, end: Int, group: Int,
                                            to list: inout ThreadList, stack: inout [PatternScratch.Pending]) {
        stack.append(.init(pc: pc, start: start, end: end))
        while let p = stack.popLast() {
            let (pc, start, end) = (p.pc, p.start, p.end)
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .jump(let to): stack.append(.init(pc: to, start: start, end: end))
            case .split(let a, let b):
                stack.append(.init(pc: b, start: start, end: end))
                stack.append(.init(pc: a, start: start, end: end))
            case .assert(let a):
                if a.holds(at: position, in: chars) { stack.append(.init(pc: pc + 1, start: start, end: end)) }
            case .save(let slot):
                stack.append(.init(pc: pc + 1, start: slot == 2 * group ? position : start, end: slot == 2 * group + 1 ? position : end))
            case .char, .any, .set, .match:
                list.append(pc, start: start, end: end)
            }
        }
    }

    /// Whether the pattern is found in `text` (letter case ignored).
    public func matches(_ text: String) -> Bool { matches(PatternText(text)) }

    func matches(_ text: PatternText) -> Bool {
        switch text {
        case .ascii(_, let folded): Self.matches(asciiProgram, folded)
        case .characters(_, let folded): Self.matches(program, folded)
        }
    }

    private static func matches<U: PatternUnit>(_ program: [Instruction<U>], _ chars: [U]) -> Bool {
        let first: U? = if case .char(let c) = program[0] { c } else { nil }
        var current = ThreadList(size: program.count), next = ThreadList(size: program.count)
        var i = 0
        while i <= chars.count {
            if current.isEmpty, let first {
                // Skip to the next place the first character is: a start anywhere else dies at once.
                while i < chars.count && chars[i] != first { i += 1 }
                if i == chars.count { break }
            }
            // A new start at every position: the pattern may be found anywhere.
            if add(program, 0, at: i, in: chars, to: &current) { return true }
            guard i < chars.count else { break }
            let c = chars[i]
            for pc in current.threads[..<current.count] {
                let step: Bool
                switch program[pc] {
                case .char(let x): step = x == c
                case .any: step = !c.isLineFeed
                case .set(let s): step = s.contains(c)
                default: step = false
                }
                if step, add(program, pc + 1, at: i + 1, in: chars, to: &next) { return true }
            }
            swap(&current, &next)
            next.clear()
            i += 1
        }
        return false
    }

    /// Adds the thread at `pc` and every thread it leads to without reading a character (splits,
    /// jumps, assertions true at `position`). Returns true when one of them is the match.
    private static func add<U: PatternUnit>(_ program: [Instruction<U>], _ pc: Int, at position: Int, in chars: [U],
                                            to list: inout ThreadList) -> Bool {
        var stack = [pc]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let to): stack.append(to)
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .assert(let a):
                if a.holds(at: position, in: chars) { stack.append(pc + 1) }
            case .save: stack.append(pc + 1)
            case .char, .any, .set: list.append(pc)
            }
        }
        return false
    }

    /// Letter case ignored: both the pattern's characters and the label's are lower-cased.
    static func fold(_ c: Character) -> Character {
        if let a = c.asciiValue { return a >= 65 && a <= 90 ? Character(Unicode.Scalar(a + 32)) : c }
        let lower = c.lowercased()
        return lower.count == 1 ? lower.first! : c
    }
}

/// A label as the automaton reads it, as written and case-folded: its bytes when every one is
/// printable ASCII or a tab (then each byte is one character, and case, digits, words and
/// spaces are known without Unicode's tables: most bank labels), else its characters.
enum PatternText {
    case ascii(original: [UInt8], folded: [UInt8])
    case characters(original: [Character], folded: [Character])

    init(_ text: String) {
        let bytes = Array(text.utf8)
        if bytes.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }) {
            self = .ascii(original: bytes, folded: bytes.map { $0.folded })
        } else {
            self = .characters(text)
        }
    }

    /// The label read as characters, whatever it holds (what the tests compare both readings with).
    static func characters(_ text: String) -> PatternText {
        let original = Array(text)
        return .characters(original: original, folded: original.map(RulePattern.fold))
    }

    func contains(_ c: Character) -> Bool {
        switch self {
        case .ascii(let original, _): c.asciiValue.map(original.contains) ?? false
        case .characters(let original, _): original.contains(c)
        }
    }
}

/// What the automaton reads: a character, or a byte of a label that is printable ASCII.
protocol PatternUnit: Equatable, Sendable {
    /// The code point, for the ranges of a class (`[a-z]`).
    var scalarValue: UInt32 { get }
    var isLineFeed: Bool { get }
    var isPatternDigit: Bool { get }
    var isPatternWord: Bool { get }
    var isPatternSpace: Bool { get }
    static var space: Self { get }
    static func text(_ units: ArraySlice<Self>) -> String
}

extension Character: PatternUnit {
    var scalarValue: UInt32 { unicodeScalars.first!.value }
    var isLineFeed: Bool { self == "\n" }
    // ASCII first: Unicode's properties cost a table lookup per character, and `\b` asks at every position.
    var isPatternDigit: Bool {
        if let a = asciiValue { return a.isPatternDigit }
        return unicodeScalars.first!.properties.numericType == .decimal
    }
    var isPatternWord: Bool {
        if let a = asciiValue { return a.isPatternWord }
        return isLetter || isPatternDigit
    }
    var isPatternSpace: Bool { isWhitespace }
    static var space: Character { " " }
    static func text(_ units: ArraySlice<Character>) -> String { String(units) }
}

extension UInt8: PatternUnit {
    var scalarValue: UInt32 { UInt32(self) }
    var isLineFeed: Bool { self == 10 }
    var isPatternDigit: Bool { self >= 48 && self <= 57 }
    var isPatternWord: Bool { isPatternDigit || (self | 32 >= 97 && self | 32 <= 122) || self == 95 }
    /// Unicode's white space among ASCII: tab to carriage return, and space.
    var isPatternSpace: Bool { (self >= 9 && self <= 13) || self == 32 }
    static var space: UInt8 { 32 }
    /// `RulePattern.fold` of an ASCII character.
    var folded: UInt8 { self >= 65 && self <= 90 ? self + 32 : self }
    static func text(_ units: ArraySlice<UInt8>) -> String { String(decoding: units, as: UTF8.self) }
}

/// Why a rule's regular expression cannot be used.
public enum PatternError: Error, Equatable, Sendable {
    /// Not a regular expression: what is wrong, in words the CLI turns into French.
    case malformed(Malformation)
    /// A construction that needs backtracking, as written in the pattern (`(?=`, `\1`).
    case unsupported(String)
    /// More than `RulePattern.maxSize` instructions (nested repetitions), or a repetition count
    /// beyond `RulePattern.maxRepetition`.
    case tooLarge

    public enum Malformation: Equatable, Sendable {
        case unclosedGroup, unopenedGroup, unclosedClass, nothingToRepeat, trailingBackslash
        case badRange(String)
        case badRepetition(String)
    }
}

enum Instruction<Unit: PatternUnit>: Sendable {
    case char(Unit)
    case any
    case set(CharClass)
    case split(Int, Int)
    case jump(Int)
    case assert(Assertion)
    /// Where the thread is, kept in a slot: a named group's start or end.
    case save(Int)
    case match
}

extension Instruction<Character> {
    /// The instruction for labels read as bytes.
    var ascii: Instruction<UInt8> {
        switch self {
        case .char(let c):
            // "\r\n" is one character whose `asciiValue` is the line feed's: it is no byte.
            if c.unicodeScalars.count == 1, let a = c.asciiValue { return .char(a) }
            return .set(CharClass())
        case .any: return .any
        case .set(let s): return .set(s)
        case .split(let a, let b): return .split(a, b)
        case .jump(let to): return .jump(to)
        case .assert(let a): return .assert(a)
        case .save(let slot): return .save(slot)
        case .match: return .match
        }
    }
}

enum Assertion: Sendable {
    case start, end, wordBoundary, notWordBoundary

    func holds<U: PatternUnit>(at i: Int, in chars: [U]) -> Bool {
        switch self {
        case .start: return i == 0
        case .end: return i == chars.count
        case .wordBoundary, .notWordBoundary:
            let before = i > 0 && chars[i - 1].isPatternWord
            let after = i < chars.count && chars[i].isPatternWord
            return (before != after) == (self == .wordBoundary)
        }
    }
}

/// A bracketed class (`[a-z0-9_]`, `[^\d]`) or a class escape (`\d`, `\W`).
struct CharClass: Sendable {
    enum Item: Sendable {
        case range(UInt32, UInt32)
        case digit(Bool), word(Bool), space(Bool)
    }
    var items: [Item] = []
    var negated = false

    func contains<U: PatternUnit>(_ c: U) -> Bool {
        let v = c.scalarValue
        let found = items.contains { item in
            switch item {
            case .range(let lo, let hi): return lo <= v && v <= hi
            case .digit(let yes): return c.isPatternDigit == yes
            case .word(let yes): return c.isPatternWord == yes
            case .space(let yes): return c.isPatternSpace == yes
            }
        }
        return found != negated
    }
}

/// The pattern as a tree.
indirect enum Node {
    case empty
    case char(Character)
    case any
    case set(CharClass)
    case assert(Assertion)
    case concat([Node])
    case alternate([Node])
    /// `lazy`: as few as possible first (`*?`), which only changes what a group captures.
    case repetition(Node, min: Int, max: Int?, lazy: Bool)
    /// A named group, by its index in `Parser.names`.
    case group(Node, Int)

    /// The most characters the node can match; nil when unbounded.
    var maxLength: Int? {
        switch self {
        case .empty, .assert: return 0
        case .char, .any, .set: return 1
        case .concat(let nodes):
            var total = 0
            for n in nodes { guard let m = n.maxLength else { return nil }; total += m }
            return total
        case .alternate(let nodes):
            var most = 0
            for n in nodes { guard let m = n.maxLength else { return nil }; most = Swift.max(most, m) }
            return most
        case .repetition(let n, _, let max, _):
            guard let m = n.maxLength else { return nil }
            if m == 0 { return 0 }
            return max.map { $0 * m }
        case .group(let n, _): return n.maxLength
        }
    }

    /// Calls `body` with each named group (its index and what it holds), outer ones first.
    func visitGroups(_ body: (Int, Node) -> Void) {
        switch self {
        case .concat(let nodes), .alternate(let nodes): for n in nodes { n.visitGroups(body) }
        case .repetition(let n, _, _, _): n.visitGroups(body)
        case .group(let n, let index): body(index, n); n.visitGroups(body)
        default: break
        }
    }
}

struct Parser {
    let p: [Character]
    var i = 0
    /// The names of the named groups met so far, once each.
    var names: [String] = []

    init(_ pattern: [Character]) { p = pattern }

    mutating func parseAll() throws(PatternError) -> Node {
        let node = try alternation()
        if i < p.count { throw .malformed(.unopenedGroup) }  // a ')' with no '('
        return node
    }

    mutating func alternation() throws(PatternError) -> Node {
        var branches = [try sequence()]
        while i < p.count, p[i] == "|" {
            i += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    mutating func sequence() throws(PatternError) -> Node {
        var items: [Node] = []
        while i < p.count, p[i] != "|", p[i] != ")" {
            var atom = try self.atom()
            while let (min, max, lazy) = try quantifier() {
                if case .assert = atom { throw .malformed(.nothingToRepeat) }
                atom = .repetition(atom, min: min, max: max, lazy: lazy)
            }
            items.append(atom)
        }
        return items.count == 1 ? items[0] : items.isEmpty ? .empty : .concat(items)
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, with an optional lazy `?`; nil when none follows.
    mutating func quantifier() throws(PatternError) -> (Int, Int?, lazy: Bool)? {
        guard i < p.count else { return nil }
        let bounds: (Int, Int?)
        switch p[i] {
        case "*": bounds = (0, nil); i += 1
        case "+": bounds = (1, nil); i += 1
        case "?": bounds = (0, 1); i += 1
        case "{":
            // `{` that does not start a count is a plain character, as in most engines.
            guard let close = p[i...].firstIndex(of: "}"), let b = Parser.counts(String(p[(i + 1)..<close])) else { return nil }
            let text = String(p[i...close])
            if let max = b.1, max < b.0 { throw .malformed(.badRepetition(text)) }
            if b.0 > RulePattern.maxRepetition || (b.1 ?? 0) > RulePattern.maxRepetition { throw .tooLarge }
            bounds = b
            i = close + 1
        default: return nil
        }
        var lazy = false
        if i < p.count, p[i] == "?" { i += 1; lazy = true }
        if i < p.count, p[i] == "+" { throw .unsupported(String(p[i - 1]) + "+") }
        return (bounds.0, bounds.1, lazy)
    }

    static func counts(_ s: String) -> (Int, Int?)? {
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let min = Int(parts[0]) else { return nil }
        if parts.count == 1 { return (min, min) }
        if parts[1].isEmpty { return (min, nil) }
        guard let max = Int(parts[1]) else { return nil }
        return (min, max)
    }

    mutating func atom() throws(PatternError) -> Node {
        let c = p[i]
        i += 1
        switch c {
        case ".": return .any
        case "^": return .assert(.start)
        case "$": return .assert(.end)
        case "*", "+", "?": throw .malformed(.nothingToRepeat)
        case "[": return .set(try characterClass())
        case "\\": return try escape(inClass: false)
        case "(":
            var name: String? = nil
            if i < p.count, p[i] == "?" {
                let rest = String(p[i...].prefix(3))
                if rest.hasPrefix("?:") {
                    i += 2
                } else if rest.hasPrefix("?<"), !rest.hasPrefix("?<="), !rest.hasPrefix("?<!") {
                    guard let close = p[i...].firstIndex(of: ">") else { throw .malformed(.unclosedGroup) }
                    name = String(p[(i + 2)..<close])
                    i = close + 1
                } else if rest.hasPrefix("?i)") {
                    // Letter case is ignored anyway.
                    i += 2
                    return .empty
                } else {
                    throw .unsupported("(" + String(p[i...].prefix(p[i...].starts(with: ["?", "<"]) ? 3 : 2)))
                }
            }
            let inner = try alternation()
            guard i < p.count, p[i] == ")" else { throw .malformed(.unclosedGroup) }
            i += 1
            guard let name else { return inner }
            if !names.contains(name) { names.append(name) }
            return .group(inner, names.firstIndex(of: name)!)
        default: return .char(RulePattern.fold(c))
        }
    }

    /// After a backslash.
    mutating func escape(inClass: Bool) throws(PatternError) -> Node {
        guard i < p.count else { throw .malformed(.trailingBackslash) }
        let c = p[i]
        i += 1
        switch c {
        case "d", "D": return .set(CharClass(items: [.digit(c == "d")]))
        case "w", "W": return .set(CharClass(items: [.word(c == "w")]))
        case "s", "S": return .set(CharClass(items: [.space(c == "s")]))
        case "b" where !inClass: return .assert(.wordBoundary)
        case "B" where !inClass: return .assert(.notWordBoundary)
        case "t": return .char("\t")
        case "n": return .char("\n")
        case "r": return .char("\r")
        default:
            // Punctuation stands for itself; a letter or a digit would be a construction of
            // another engine (a back-reference \1, a property \p{…}, an anchor \A).
            if c.isLetter || c.isNumber { throw .unsupported("\\" + String(c)) }
            return .char(c)
        }
    }

    mutating func characterClass() throws(PatternError) -> CharClass {
        var set = CharClass()
        if i < p.count, p[i] == "^" { set.negated = true; i += 1 }
        var first = true
        while true {
            guard i < p.count else { throw .malformed(.unclosedClass) }
            if p[i] == "]" && !first { i += 1; return set }
            first = false
            if p[i] == "[", i + 1 < p.count, p[i + 1] == ":" { throw .unsupported("[:") }
            let low: Character
            if p[i] == "\\" {
                i += 1
                switch try escape(inClass: true) {
                case .char(let c): low = c
                case .set(let s): set.items += s.items; continue
                default: throw .malformed(.unclosedClass)
                }
            } else {
                low = p[i]
                i += 1
            }
            // `a-z`; a `-` first or last is itself.
            if i + 1 < p.count, p[i] == "-", p[i + 1] != "]" {
                i += 1
                var high = p[i]
                i += 1
                if high == "\\" {
                    guard case .char(let c) = try escape(inClass: true) else { throw .malformed(.badRange("\(low)-\\")) }
                    high = c
                }
                let (a, b) = (RulePattern.fold(low).unicodeScalars.first!.value, RulePattern.fold(high).unicodeScalars.first!.value)
                guard a <= b else { throw .malformed(.badRange("\(low)-\(high)")) }
                set.items.append(.range(a, b))
            } else {
                let v = RulePattern.fold(low).unicodeScalars.first!.value
                set.items.append(.range(v, v))
            }
        }
    }
}

enum Compiler {
    static func emit(_ node: Node, into program: inout [Instruction<Character>]) throws(PatternError) {
        // Nested repetitions grow the program multiplicatively: stop as soon as it is too large.
        if program.count > RulePattern.maxSize { throw .tooLarge }
        switch node {
        case .empty: break
        case .char(let c): program.append(.char(c))
        case .any: program.append(.any)
        case .set(let s): program.append(.set(s))
        case .assert(let a): program.append(.assert(a))
        case .concat(let nodes): for n in nodes { try emit(n, into: &program) }
        case .alternate(let branches):
            // split L1, next; L1: a; jump end; next: split L2, …
            var jumps: [Int] = []
            for (k, b) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, 0))
                    try emit(b, into: &program)
                    jumps.append(program.count)
                    program.append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    try emit(b, into: &program)
                }
            }
            for j in jumps { program[j] = .jump(program.count) }
        case .group(let n, let index):
            program.append(.save(2 * index))
            try emit(n, into: &program)
            program.append(.save(2 * index + 1))
        case .repetition(let n, let min, let max, let lazy):
            // A split's first branch is the one preferred: into the body (greedy) or past it (lazy).
            func split(_ body: Int, _ past: Int) -> Instruction<Character> { lazy ? .split(past, body) : .split(body, past) }
            for _ in 0..<min { try emit(n, into: &program) }
            if let max {
                // Each optional copy: split into it, or past all of them.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, 0))
                    try emit(n, into: &program)
                }
                for s in splits { program[s] = split(s + 1, program.count) }
            } else {
                // L: split body, end; body; jump L
                let loop = program.count
                program.append(.split(loop + 1, 0))
                try emit(n, into: &program)
                program.append(.jump(loop))
                program[loop] = split(loop + 1, program.count)
            }
        }
    }
}

/// The threads of one step: each instruction once (a sparse set cleared in constant time), in
/// storage sized once for the whole program (an instruction is at most once in a step).
struct ThreadList {
    private(set) var threads: [Int]
    /// For `capture`: each thread's group start and end (-1: not yet).
    private(set) var starts: [Int]
    private(set) var ends: [Int]
    private(set) var count = 0
    private var seen: [Int]
    private var generation = 1

    init(size: Int = 0) {
        seen = Array(repeating: 0, count: size)
        threads = Array(repeating: 0, count: size)
        starts = threads
        ends = threads
    }

    var isEmpty: Bool { count == 0 }

    /// False when `pc` is in the list already.
    mutating func insert(_ pc: Int) -> Bool {
        if seen[pc] == generation { return false }
        seen[pc] = generation
        return true
    }

    mutating func append(_ pc: Int, start: Int = -1, end: Int = -1) {
        threads[count] = pc
        starts[count] = start
        ends[count] = end
        count += 1
    }

    mutating func clear() {
        count = 0
        generation += 1
    }
}

/// The working storage of `capture`, kept from one pattern to the next on a label.
struct PatternScratch {
    struct Pending { var pc: Int, start: Int, end: Int }
    var current: ThreadList
    var next: ThreadList
    var stack: [Pending] = []

    /// For patterns of at most `size` instructions.
    init(size: Int) {
        current = ThreadList(size: size)
        next = ThreadList(size: size)
    }
}
