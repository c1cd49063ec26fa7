import Foundation
import Testing

/// The README, run. Its `sh` blocks are typed in order, in an empty folder, with the `compta`
/// program this build made (a process of its own, in that folder: relative paths and the
/// default `compta.sqlite` mean what they mean for a reader). Every `compta` line must succeed;
/// a plain block right after an `sh` block is output one of its commands must print, line for
/// line. A comment just above a block says what else to do with it:
/// `<!-- doc: fichier NOM -->` writes the block to NOM; `<!-- doc: pas exécuté -->` leaves it
/// (a path on a USB key, a command run elsewhere). `<!-- doc: fichier NOM = Fixtures/… -->` on
/// its own copies a file of the repository, for a command that names a file the reader has.
@Suite struct Readme {
    @Test func everyBlockRunsAndPrintsWhatItShows() throws {
        let text = try String(contentsOf: packageURL("README.md"), encoding: .utf8)
        let blocks = ReadmeBlock.parse(text)
        #expect(blocks.filter { $0.kind == .commands }.count > 10, "the README's blocks are found")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compta-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("tmp"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = try #require(comptaProgram(), "the compta program is built beside the tests")

        var previous: [(line: String, out: String)] = []
        for block in blocks {
            switch block.kind {
            case .file(let name, let source):
                let target = folder.appendingPathComponent(name)
                if let source {
                    try Data(contentsOf: packageURL(source)).write(to: target)
                } else {
                    try Data(block.text.utf8).write(to: target)
                }
                previous = []
            case .skipped:
                previous = []
            case .commands:
                previous = []
                for line in block.lines {
                    guard let words = shellWords(line) else {
                        Issue.record("README line \(block.line): cannot read « \(line) »")
                        continue
                    }
                    if words.first == "mkdir" {
                        for d in words.dropFirst() where d != "-p" {
                            try FileManager.default.createDirectory(at: folder.appendingPathComponent(d), withIntermediateDirectories: true)
                        }
                        continue
                    }
                    let args: [String]
                    if words.starts(with: ["compta"]) { args = Array(words.dropFirst()) }
                    else if words.starts(with: ["swift", "run", "compta"]) { args = Array(words.dropFirst(3)) }
                    else { continue }  // swift build, swift test, install, pandoc: the reader's machine
                    let r = runProgram(program, args, in: folder)
                    #expect(r.code == 0, "README line \(block.line): \(line)\n\(r.err)")
                    previous.append((line, r.out))
                }
            case .output:
                let shown = normalized(block.text)
                let printed = previous.map { "— \($0.line):\n\($0.out)" }.joined(separator: "\n")
                #expect(previous.contains { normalized($0.out).contains(shown) },
                        "README line \(block.line): no command of the block above prints this.\n\(block.text)\n\(printed)")
            case .other:
                previous = []
            }
        }
    }

    @Test func commandLinesAreReadAsTheShellReadsThem() {
        #expect(shellWords(#"compta saisir 05/02/2024 "Cotisation Éloïse" 512=20 7562   # un commentaire"#)
                == ["compta", "saisir", "05/02/2024", "Cotisation Éloïse", "512=20", "7562"])
        #expect(shellWords(#"compta regles ajouter "\bDONS?\b" 754 --regex"#) == ["compta", "regles", "ajouter", #"\bDONS?\b"#, "754", "--regex"])
        #expect(shellWords(#"compta saisir X 'l''eau' a\ b"#) == ["compta", "saisir", "X", "leau", "a b"])
        #expect(shellWords("compta fec --sortie $HOME") == nil, "what the shell would expand is not guessed")
        #expect(shellWords(#"compta "non fermé"#) == nil)
    }

    /// Spaces as a reader sees them: the thin spaces of amounts are spaces, trailing ones go.
    func normalized(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
            .joined(separator: "\n")
    }
}

/// A fenced block of the README, with what the comment above it says to do.
struct ReadmeBlock {
    enum Kind: Equatable {
        case commands
        case output
        case file(String, source: String?)
        case skipped
        case other
    }
    let kind: Kind
    /// The line of the README where the block opens.
    let line: Int
    let text: String
    /// The command lines, comments and blank lines left out.
    var lines: [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    static func parse(_ readme: String) -> [ReadmeBlock] {
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [ReadmeBlock] = []
        var i = 0
        var directive: String? = nil
        // Whether only blank lines separate this block from the end of the previous one.
        var lastEnd = -10
        while i < lines.count {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("<!-- doc:") && trimmed.hasSuffix("-->") {
                let d = trimmed.dropFirst("<!-- doc:".count).dropLast(3).trimmingCharacters(in: .whitespaces)
                if d.hasPrefix("fichier "), d.contains(" = ") {
                    let parts = d.dropFirst("fichier ".count).components(separatedBy: " = ")
                    blocks.append(ReadmeBlock(kind: .file(parts[0], source: parts[1]), line: i + 1, text: ""))
                } else {
                    directive = d
                }
                i += 1
                continue
            }
            guard trimmed.hasPrefix("```") else {
                if !trimmed.isEmpty && !trimmed.hasPrefix("<!--") { directive = nil }
                i += 1
                continue
            }
            let indent = lines[i].prefix { $0 == " " }.count
            let info = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
            let start = i
            var body: [String] = []
            i += 1
            while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                body.append(String(lines[i].dropFirst(min(indent, lines[i].prefix { $0 == " " }.count))))
                i += 1
            }
            let text = body.joined(separator: "\n")
            let afterCommands = blocks.last?.kind == .commands && lines[(lastEnd + 1)..<start].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty }
            let kind: Kind
            if directive == "pas exécuté" { kind = .skipped }
            else if let d = directive, d.hasPrefix("fichier ") { kind = .file(String(d.dropFirst("fichier ".count)), source: nil) }
            else if info == "sh" { kind = .commands }
            else if info.isEmpty && afterCommands { kind = .output }
            else { kind = .other }
            blocks.append(ReadmeBlock(kind: kind, line: start + 1, text: text))
            directive = nil
            lastEnd = i
            i += 1
        }
        return blocks
    }
}

/// The words of a shell command line as `sh` reads them: quotes, `\` outside quotes, a `#`
/// comment after a space. Nil for what this reading does not know (`$`, `|`, `;`, `>`...).
func shellWords(_ line: String) -> [String]? {
    var words: [String] = [], word = "", inWord = false
    var quote: Character? = nil
    var chars = Array(line)[...]
    while let c = chars.popFirst() {
        if let q = quote {
            if c == q { quote = nil }
            else if q == "\"", c == "\\", let n = chars.first, "\"\\$`".contains(n) { word.append(chars.removeFirst()) }
            else if q == "\"", "$`".contains(c) { return nil }
            else { word.append(c) }
            continue
        }
        switch c {
        case " ", "\t":
            if inWord { words.append(word); word = ""; inWord = false }
        case "#" where !inWord:
            chars = []
        case "\"", "'":
            quote = c; inWord = true
        case "\\":
            guard let n = chars.popFirst() else { return nil }
            word.append(n); inWord = true
        case "$", "|", ";", "&", ">", "<", "`", "(", ")", "*", "?":
            return nil
        default:
            word.append(c); inWord = true
        }
    }
    if quote != nil { return nil }
    if inWord { words.append(word) }
    return words
}
