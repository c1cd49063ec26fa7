/// A misuse of the command line: unknown command or option, missing argument. Exit code 2.
struct UsageError: Error {
    let message: String
    /// The command whose `--help` explains the right use.
    let command: String?
}

/// One option a command accepts.
struct Option: Sendable {
    let name: String
    /// Placeholder of the value (`FICHIER`), or nil for a flag.
    let value: String?
    let help: String

    static func flag(_ name: String, _ help: String) -> Option { Option(name: name, value: nil, help: help) }
    static func value(_ name: String, _ placeholder: String, _ help: String) -> Option {
        Option(name: name, value: placeholder, help: help)
    }
}

/// The arguments of one command, once parsed against its options.
struct Parsed {
    var positionals: [String] = []
    var values: [String: String] = [:]
    /// Every value of each option, in order: an option given several times (`--alias`).
    var allValues: [String: [String]] = [:]
    var flags: Set<String> = []
    let command: String

    /// The option's value; given several times, the last one.
    func value(_ name: String) -> String? { values[name] }
    func values(_ name: String) -> [String] { allValues[name] ?? [] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func required(_ name: String) throws -> String {
        guard let v = values[name], !v.isEmpty else {
            throw UsageError(message: "l'option \(name) est obligatoire", command: command)
        }
        return v
    }
}

/// Options every command accepts.
let globalOptions: [Option] = [
    .value("--livre", "FICHIER", "le livre à utiliser (défaut : $COMPTA_LIVRE, sinon ./compta.sqlite)"),
    .flag("--help", "affiche cette aide"),
]

/// A command line split where the command begins: the global options typed before it
/// (`compta --livre X balance`, as git and hledger accept them), then the rest.
struct CommandLineWords {
    /// Options of `globalOptions` (with their values) typed before the command.
    var global: [String] = []
    /// The command's words, then its arguments.
    var rest: [String] = []

    /// The first option before the command that is not a global one.
    struct Misplaced: Error {
        let option: String
        /// The command line from that option on.
        let rest: [String]
    }

    init(_ args: [String]) throws(Misplaced) {
        var i = 0
        while i < args.count, args[i].hasPrefix("-") {
            let word = args[i] == "-h" ? "--help" : args[i]
            let name = String(word.prefix { $0 != "=" })
            guard let option = globalOptions.first(where: { $0.name == name }) else {
                throw Misplaced(option: name, rest: Array(args[i...]))
            }
            global.append(word)
            i += 1
            if option.value != nil && !word.contains("=") && i < args.count {
                global.append(args[i])
                i += 1
            }
        }
        rest = Array(args[i...])
    }
}

/// Hand-written parsing: `--nom valeur`, `--nom=valeur`, flags, `--` to end options. Only words
/// starting with `--` (and `-h`) are options, so `512=-120,00` is a positional argument.
func parse(_ args: [String], options: [Option], command: String) throws -> Parsed {
    var parsed = Parsed(command: command)
    let all = options + globalOptions
    var i = 0
    var onlyPositionals = false
    while i < args.count {
        let arg = args[i]
        i += 1
        if onlyPositionals || !(arg.hasPrefix("--") || arg == "-h") {
            parsed.positionals.append(arg)
            continue
        }
        if arg == "--" { onlyPositionals = true; continue }
        if arg == "-h" { parsed.flags.insert("--help"); continue }
        var name = arg
        var inline: String? = nil
        if let eq = arg.firstIndex(of: "=") {
            name = String(arg[..<eq])
            inline = String(arg[arg.index(after: eq)...])
        }
        guard let option = all.first(where: { $0.name == name }) else {
            let known = all.map(\.name).sorted()
            let close = known.filter { $0.hasPrefix(String(name.prefix(4))) }
            var message = "option inconnue : \(name)"
            if !close.isEmpty { message += " (vouliez-vous dire \(close.joined(separator: " ou ")) ?)" }
            throw UsageError(message: message, command: command)
        }
        if option.value == nil {
            if inline != nil { throw UsageError(message: "l'option \(name) ne prend pas de valeur", command: command) }
            parsed.flags.insert(name)
        } else {
            guard let value = inline ?? (i < args.count ? args[i] : nil) else {
                throw UsageError(message: "l'option \(name) attend une valeur (\(option.value!))", command: command)
            }
            if inline == nil { i += 1 }
            parsed.values[name] = value
            parsed.allValues[name, default: []].append(value)
        }
    }
    return parsed
}
