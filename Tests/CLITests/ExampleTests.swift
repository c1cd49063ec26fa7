import Foundation
import Testing
@testable import compta

/// The command lines the user is shown — the README's and every command's `--help` — name a
/// command that exists and options it knows. Those given to be typed (the README's `sh` blocks,
/// the helps' examples) also give each option its value and the command a number of arguments
/// it takes. (What they do is tested by the tour and the routines.)
@Suite struct Examples {
    struct Shown {
        let source: String
        let line: Substring
        /// To be typed as it is (an example), not a command named in a sentence.
        let typed: Bool
    }

    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// The words of a shell command line: quotes group, `#` starts a comment, and the line ends
    /// at a pipe, a redirection, `;` or `&&`.
    static func words(_ line: Substring) -> [String] {
        var words: [String] = [], word = "", quote: Character? = nil, inWord = false
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { word.append(ch) }
                continue
            }
            if ch == "\"" || ch == "'" { quote = ch; inWord = true; continue }
            if ch == " " || ch == "\t" {
                if inWord { words.append(word); word = ""; inWord = false }
                continue
            }
            if !inWord && (ch == "#" || ch == "|" || ch == ">" || ch == ";" || ch == "&") { break }
            word.append(ch)
            inWord = true
        }
        if inWord { words.append(word) }
        return words
    }

    /// A command named in a sentence ends with its clause.
    static func mention(_ text: Substring) -> Substring {
        var text = text
        for stop in [")", ",", ". ", " (", " : "] {
            if let s = text.range(of: stop) { text = text[..<s.lowerBound] }
        }
        while text.last == "." || text.last == ":" { text = text.dropLast() }
        return text
    }

    /// `compta …` lines of the README: in its `sh` blocks, and between backquotes in its text.
    static func readmeLines() -> [Shown] {
        var found: [Shown] = []
        var inBlock = false
        for (i, line) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") { inBlock = line.hasPrefix("```sh"); continue }
            let place = "README.md, ligne \(i + 1)"
            if inBlock {
                let text = line.hasPrefix("swift run ") ? line.dropFirst("swift run ".count) : line
                if text.hasPrefix("compta ") { found.append(Shown(source: place, line: text, typed: true)) }
                continue
            }
            for (k, piece) in line.split(separator: "`", omittingEmptySubsequences: false).enumerated() where k % 2 == 1 {
                if piece.hasPrefix("compta ") { found.append(Shown(source: place, line: piece, typed: false)) }
            }
        }
        return found
    }

    /// `compta …` in a command's help: its examples (after « Exemple : » or « Exemples : »,
    /// up to a blank line; a comment in parentheses or « , puis … » ends one), and the commands
    /// its sentences name.
    static func helpLines(_ c: Command) -> [Shown] {
        var found: [Shown] = []
        var inExamples = false
        for line in c.help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { inExamples = false }
            if line.contains("Exemple : ") || line.contains("Exemples :") { inExamples = true }
            var rest = line[...]
            while let r = rest.range(of: "compta ") {
                var text = rest[r.lowerBound...]
                if inExamples {
                    for stop in ["  (", ", puis ", " puis "] {
                        if let s = text.range(of: stop) { text = text[..<s.lowerBound] }
                    }
                } else {
                    text = mention(text)
                }
                found.append(Shown(source: "compta \(c.name) --help", line: text, typed: inExamples))
                rest = rest[r.upperBound...]
            }
        }
        return found
    }

    @Test func everyCommandLineShownToTheUserParses() throws {
        let shown = Self.readmeLines() + CLI.commands.flatMap(Self.helpLines)
        #expect(shown.filter(\.typed).count > 80, "the README and the helps give many examples")
        for s in shown {
            guard let words = try? CommandLineWords(Array(Self.words(s.line).dropFirst())) else {
                Issue.record("\(s.source) : option avant la commande dans « \(s.line) »")
                continue
            }
            let args = words.rest
            // `compta --help`, `compta COMMANDE --help`: the overview.
            if args.isEmpty || args[0] == "COMMANDE" { continue }
            guard let command = CLI.command(named: args) else {
                Issue.record("\(s.source) : commande inconnue dans « \(s.line) »")
                continue
            }
            let rest = words.global + args.dropFirst(command.path.count)
            guard s.typed else {
                let known = Set((command.options + globalOptions).map(\.name))
                for w in rest where w.hasPrefix("--") {
                    let name = String(w.prefix { $0 != "=" }).trimmingCharacters(in: .punctuationCharacters.subtracting(["-"]))
                    #expect(known.contains(name), "\(s.source) : option \(name) inconnue de compta \(command.name) dans « \(s.line) »")
                }
                continue
            }
            // Usage lines (« [--option] », « ... ») describe, they are not typed.
            if s.line.contains("[") || s.line.contains("...") || s.line.contains("…") { continue }
            do {
                let parsed = try parse(rest, options: command.options, command: command.name)
                #expect(command.arguments.contains(parsed.positionals.count),
                        "\(s.source) : \(parsed.positionals.count) argument(s) pour compta \(command.name) dans « \(s.line) »")
            } catch let e as UsageError {
                Issue.record("\(s.source) : \(e.message) dans « \(s.line) »")
            }
        }
    }

    @Test func wordsAreSplitAsTheShellWould() {
        #expect(Self.words(#"compta saisir 2024-03-05 "Facture OVH" 604A=1 512  # commentaire"#)
                == ["compta", "saisir", "2024-03-05", "Facture OVH", "604A=1", "512"])
        #expect(Self.words("compta journal --format csv > journal.csv") == ["compta", "journal", "--format", "csv"])
        #expect(Self.words(#"compta regles ajouter '\bDONS?\b' 754"#) == ["compta", "regles", "ajouter", #"\bDONS?\b"#, "754"])
    }
}
