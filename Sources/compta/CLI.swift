import Foundation
import Imports
import Ledger
import LedgerStore
import Reports

/// Where a command writes: the terminal, or buffers in tests. Everything goes out
/// `terminalSafe`: a label, a name or a line read from a file may hold an escape sequence or a
/// direction mark (older ledgers, files quoted in messages), and none reaches the terminal.
final class Output {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    init(out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        writeOut = out
        writeErr = err
    }

    static var standard: Output {
        Output(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
               err: { FileHandle.standardError.write(Data($0.utf8)) })
    }

    func print(_ s: String = "") { write(s.hasSuffix("\n") ? s : s + "\n") }
    func write(_ s: String) { writeOut(s.terminalSafe) }
    func error(_ s: String) { writeErr((s.hasSuffix("\n") ? s : s + "\n").terminalSafe) }
}

/// What a running command knows of its environment.
struct Context {
    let environment: [String: String]
    let output: Output
    let parsed: Parsed
    /// The command's one clock: read once, passed to the store and the reports.
    let now: Now

    /// Where the ledger's path comes from, for messages about it.
    enum LedgerSource { case option, environment, currentFolder }

    /// The ledger path: `--livre`, else `$COMPTA_LIVRE`, else `./compta.sqlite`.
    var ledger: (path: String, source: LedgerSource) {
        if let p = parsed.value("--livre"), !p.isEmpty { return (p, .option) }
        if let p = environment["COMPTA_LIVRE"], !p.isEmpty { return (p, .environment) }
        return ("compta.sqlite", .currentFolder)
    }

    var ledgerPath: String { ledger.path }

    /// The ledger, read as one consistent state until the command writes (`Store.beginSnapshot`).
    func openStore() throws -> Store {
        let store: Store
        do { store = try Store.open(path: ledgerPath, now: now) } catch .notFound(let path) {
            throw LedgerNotFound(path: path, source: ledger.source, folder: FileManager.default.currentDirectoryPath)
        }
        try store.beginSnapshot()
        return store
    }

    /// `--format`, default `texte`.
    func format() throws -> OutputFormat {
        guard let raw = parsed.value("--format") else { return .texte }
        guard let f = OutputFormat(rawValue: raw) else {
            throw UsageError(message: "format inconnu : \(raw) (formats : \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")))",
                             command: parsed.command)
        }
        return f
    }

    /// A date option (`--du`, `--au`, `--debut`...), French or ISO writing.
    func day(_ option: String) throws -> Day? {
        guard let raw = parsed.value(option) else { return nil }
        do throws(DayError) { return try Day(parsing: raw) } catch {
            throw InputError.badDate(option: option, text: raw, error)
        }
    }

    /// A text of the command line the ledger will keep (a label, a name, a pattern), through
    /// the ledger's gate; `argument` names it in the message (`LIBELLE`, `--nom`).
    func text(_ raw: String, argument: String) throws -> String {
        do throws(TextTooLong) { return try raw.ledgerText() } catch { throw InputError.textTooLong(argument: argument, error) }
    }

    /// The value of option `name`, as `text` keeps it.
    func text(option name: String) throws -> String? {
        try parsed.value(name).map { try text($0, argument: name) }
    }

    /// The report period from `--exercice`, `--du`, `--au`.
    /// The exercice of `--exercice`; without it, the one of the dates given (`--du`, else
    /// `--au`), else the open one.
    func exercice(_ store: Store) throws -> Exercice {
        let label = parsed.value("--exercice")
        let dated = try label == nil ? (day("--du") ?? day("--au")).flatMap { try store.catalog().exercice(containing: $0) } : nil
        return try dated ?? store.exercice(label)
    }

    /// The exercice of `--exercice`; without it, the latest one ended (`Catalog.presented(on:)`):
    /// the one an AG approves and a FEC is asked for, even once the next has begun.
    func presentedExercice(_ store: Store) throws -> Exercice {
        try parsed.value("--exercice").map { try store.exercice($0) } ?? store.catalog().presented(on: now.today) ?? store.exercice(nil)
    }

    /// The period of `--exercice`, `--du` and `--au`, inside one exercice.
    func period(_ store: Store) throws -> Period {
        try Period(exercice: exercice(store), from: day("--du"), to: day("--au"))
    }

    /// The period of the options; without --au, it ends today while the exercice is in progress.
    func periodSoFar(_ store: Store) throws -> Period {
        let period = try self.period(store)
        return parsed.value("--au") == nil ? period.until(now.today) : period
    }

    /// Prints `report` over `period` through the entry point every report offers (`LedgerReport`).
    func render<R: LedgerReport>(_ report: R.Type, _ store: Store, period: Period) throws {
        if let doc = try R.document(store, ReportRequest(period: period, today: now.today)) { try render(doc) }
    }

    /// Prints a report in the format asked; CSV begins with the byte-order mark a spreadsheet
    /// needs to read UTF-8, unless `--sans-bom`.
    /// Says what a command wrote to `path`: on the standard output, or on the error stream when
    /// `path` is itself a stream (`/dev/stdout`) that the sentence would end up in.
    func confirm(_ sentence: String, writing path: String) {
        if isWrittenInPlace(path) { output.error(sentence) } else { output.print(sentence) }
    }

    func render(_ doc: ReportDocument) throws {
        let format = try format()
        if format == .csv && !parsed.has("--sans-bom") { output.write(byteOrderMark) }
        try format.write(doc) { [output] in output.write($0) }
    }
}

extension Now {
    /// The time of a command run with `environment`: the instant `COMPTA_MAINTENANT` gives (ISO
    /// 8601 with its offset: tests), else the system's, seen in the time zone `TZ` names (read
    /// here, not from the process, so that a test can give it), else the system's time zone.
    init(environment: [String: String]) throws {
        let zone = environment["TZ"].flatMap { TimeZone(identifier: $0.hasPrefix(":") ? String($0.dropFirst()) : $0) } ?? .current
        guard let given = environment["COMPTA_MAINTENANT"] else {
            self = Now(at: Date(), in: zone)!
            return
        }
        guard let date = ISO8601DateFormatter().date(from: given), let now = Now(at: date, in: zone) else {
            throw InputError.badNow(given)
        }
        self = now
    }
}

/// U+FEFF at the start of a UTF-8 file: how Excel knows the file is UTF-8.
let byteOrderMark = "\u{FEFF}"

/// No ledger where the command looked: the message says where the path came from.
struct LedgerNotFound: Error {
    let path: String
    let source: Context.LedgerSource
    let folder: String
}

/// A mistake in what the user typed that is not a misuse of the command line (a malformed
/// date or amount): exit code 1, like any other user error.
enum InputError: Error {
    case badDate(option: String, text: String, DayError)
    /// A month argument (`benevolat MOIS`) that is not `AAAA-MM` or has no such month.
    case badMonth(text: String, MonthError)
    case badAmount(argument: String, text: String, MoneyError)
    case badAccount(text: String, AccountNumberError)
    case badProjectCode(text: String, CodeError)
    case badLineArgument(String)
    /// `6068@COMPOST=20,60`: the project before the amount.
    case projectBeforeAmount(argument: String, corrected: String)
    /// `754@Éloïse Petit`: not a project code after `@`, maybe a tiers meant after `#`.
    case tiersAfterAt(argument: String, text: String, CodeError, corrected: String)
    /// `754=-25#T0001@FETE`: the tiers before the project.
    case tiersBeforeProject(argument: String, corrected: String)
    case severalBalancingLines
    /// `saisir DATE 626=12 512`: the label left out, the first line taken for it.
    case lineForLabel(String)
    /// No line has an amount: the one without receives nothing.
    case noAmount(balancing: String)
    case cannotRead(path: String, reason: String)
    /// Larger than `maxInputSize`.
    case tooLarge(path: String, size: Int)
    /// A statement that cannot be read, with its file's name.
    case inStatement(path: String, StatementError)
    case cannotWrite(path: String, reason: String)
    /// `site --sortie` on something that exists and is not a site `compta site` made.
    case notASite(path: String)
    /// `verifier --empreinte` given something that is not a fingerprint.
    case badFingerprint(String)
    /// A text argument longer than the ledger keeps.
    case textTooLong(argument: String, TextTooLong)
    /// `COMPTA_MAINTENANT` that is no instant.
    case badNow(String)
}

/// A command of the CLI.
struct Command: Sendable {
    /// Words that name it: `["comptes", "ajouter"]`.
    let path: [String]
    /// `compta comptes ajouter NUMERO LIBELLE`
    let usage: String
    let summary: String
    /// Paragraphs of help after the summary: examples, details.
    let help: String
    let options: [Option]
    /// How many positional arguments it takes.
    let arguments: ClosedRange<Int>
    /// Hidden from `compta --help` (benchmark helpers).
    var hidden: Bool = false
    let run: @Sendable (Context) throws -> Void

    var name: String { path.joined(separator: " ") }

    /// The positional arguments the usage names, in order: `NUMERO`, `LIBELLE` (the words after
    /// the command up to the first option or optional part).
    var argumentNames: [String] {
        let words = usage.prefix { $0 != "\n" }.split(separator: " ").dropFirst(1 + path.count)
        return words.prefix { !$0.hasPrefix("[") && !$0.hasPrefix("-") }.map { $0.replacingOccurrences(of: "...", with: "") }
    }

    var helpText: String {
        var s = "Usage : \(usage)\n\n\(summary)\n"
        if !help.isEmpty { s += "\n\(help)\n" }
        let all = options + globalOptions
        s += "\nOptions :\n"
        let width = all.map { $0.name.count + ($0.value.map { $0.count + 1 } ?? 0) }.max() ?? 0
        for o in all {
            let left = o.name + (o.value.map { " " + $0 } ?? "")
            s += "  " + left + String(repeating: " ", count: width - left.count + 2) + o.help + "\n"
        }
        return s
    }
}

enum CLI {
    /// The commands, in the order `compta --help` lists them.
    static let commands: [Command] = [
        [demoCommand], setupCommands, [associationCommand], entryCommands, tiersCommands, letteringCommands, pieceCommands, [membersCommand], receiptCommands,
        bankCommands, helloAssoCommands, bookCommands, reportCommands, budgetCommands, [agCommand, siteCommand, volunteeringCommand], volunteerExpenseCommands, fundsCommands,
        lifecycleCommands, fecCommands,
    ].flatMap { $0 }

    static let version = "0.1.0"

    /// The shape of every command line: global options, the command, its options.
    static let usage = "compta [--livre FICHIER] COMMANDE [OPTIONS]"

    static var overview: String {
        var s = """
        compta — comptabilité en partie double pour les associations (plan comptable associatif).

        Usage : \(usage)
                compta COMMANDE --help    (aide d'une commande)

        Commandes :

        """
        let visible = commands.filter { !$0.hidden }
        let width = visible.map(\.name.count).max() ?? 0
        for c in visible {
            s += "  " + c.name + String(repeating: " ", count: width - c.name.count + 2) + c.summary + "\n"
        }
        s += """

        Le livre est un fichier SQLite : --livre FICHIER (avant ou après la commande), ou la
        variable COMPTA_LIVRE, sinon ./compta.sqlite. Pour essayer sans rien préparer : compta demo
        """
        return s
    }

    /// The command of the longest path that the leading words of `arguments` name.
    static func command(named arguments: [String]) -> Command? {
        let words = arguments.prefix { !$0.hasPrefix("-") }
        return commands.filter { $0.path.count <= words.count && Array(words.prefix($0.path.count)) == $0.path }
            .max { $0.path.count < $1.path.count }
    }

    /// An option typed before the command that only commands take: where it goes, and the line
    /// corrected when the command is found further on and knows the option.
    static func misplaced(_ e: CommandLineWords.Misplaced, in arguments: [String], output: Output) -> Int32 {
        let global = arguments.dropLast(e.rest.count)
        let rule = "l'option \(e.option) se place après le nom de la commande (avant lui, seules "
            + globalOptions.map(\.name).joined(separator: " et ") + ")"
        for start in e.rest.indices.dropFirst() where !e.rest[start].hasPrefix("-") {
            guard let c = command(named: Array(e.rest[start...])) else { continue }
            let after = start + c.path.count
            var message = "compta \(c.name) : \(rule)"
            if c.options.contains(where: { $0.name == e.option }) {
                let corrected = ["compta"] + global + c.path + e.rest[..<start] + e.rest[after...]
                message += ".\nÉcrivez : \(corrected.map(shellWord).joined(separator: " "))"
            } else {
                message += ", et compta \(c.name) ne la connaît pas."
            }
            output.error(message + "\nUsage : \(c.usage)\nAide : compta \(c.name) --help")
            return 2
        }
        output.error("compta : \(rule).\nUsage : \(usage)\nLa liste des commandes : compta --help")
        return 2
    }

    /// Runs one command line; returns the exit code (0 success, 1 user error, 2 misuse). The
    /// command's time is `now`, else read from `environment` (`Now(environment:)`).
    static func run(arguments: [String], environment: [String: String], output: Output, now: Now? = nil) -> Int32 {
        if arguments == ["--version"] {
            output.print("compta \(version)")
            return 0
        }
        let words: CommandLineWords
        do { words = try CommandLineWords(arguments) } catch {
            return misplaced(error, in: arguments, output: output)
        }
        if arguments.isEmpty || words.rest.first == "aide" || (words.rest.isEmpty && words.global.contains("--help")) {
            output.print(overview)
            return arguments.isEmpty ? 2 : 0
        }
        if words.rest.isEmpty {
            output.error("compta : aucune commande après « \(words.global.map(shellWord).joined(separator: " ")) ».\n"
                         + "Usage : \(usage)\nLa liste des commandes : compta --help")
            return 2
        }
        guard let command = command(named: words.rest) else {
            let first = words.rest[0]
            let names = Set(commands.filter { !$0.hidden }.map { $0.path[0] })
            let close = names.filter { editDistance(Array($0), Array(first)) <= 2 || $0.hasPrefix(first) }.sorted()
            var message = "compta : commande inconnue « \(first) »."
            if !close.isEmpty { message += " Vouliez-vous dire : \(close.joined(separator: ", ")) ?" }
            output.error(message + "\nLa liste des commandes : compta --help")
            return 2
        }
        do {
            // The global options typed before the command come first: typed again after it, the later wins.
            let parsed = try parse(words.global + words.rest.dropFirst(command.path.count), options: command.options,
                                   command: command.name)
            if parsed.has("--help") {
                output.print(command.helpText)
                return 0
            }
            guard command.arguments.contains(parsed.positionals.count) else {
                let n = parsed.positionals.count
                let message: String
                if n < command.arguments.lowerBound {
                    let missing = command.argumentNames.dropFirst(n).prefix(command.arguments.lowerBound - n)
                    message = (missing.count > 1 ? "arguments manquants : " : "argument manquant : ") + missing.joined(separator: ", ")
                } else {
                    message = "trop d'arguments (\(parsed.positionals.joined(separator: " ")))"
                }
                throw UsageError(message: message, command: command.name)
            }
            try command.run(Context(environment: environment, output: output, parsed: parsed,
                                    now: try now ?? Now(environment: environment)))
            return 0
        } catch let e as UsageError {
            output.error("compta \(command.name) : \(e.message).\nUsage : \(command.usage)\nAide : compta \(command.name) --help")
            return 2
        } catch {
            output.error("compta \(command.name) : " + Messages.describe(error))
            return 1
        }
    }
}

/// A store refusal about an entry of `exercice`: its message names the exercice in what it
/// suggests. `otherExercices` are the ledger's other exercices when the command took the
/// current one by default.
struct EntryInExercice: Error {
    let error: StoreError
    let exercice: String
    let otherExercices: [String]
}

extension Context {
    /// Runs `body` on an entry of `exercice`; its refusals name that exercice.
    func onEntry<T>(of exercice: Exercice, store: Store, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError {
            switch e {
            case .notRemovable, .notReclassifiable, .alreadyReversed, .unknownEntry:
                let others = parsed.value("--exercice") == nil
                    ? ((try? store.catalog().exercices) ?? []).map(\.label).filter { $0 != exercice.label } : []
                throw EntryInExercice(error: e, exercice: exercice.label, otherExercices: others)
            default: throw e
            }
        }
    }
}
