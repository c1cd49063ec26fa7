import Foundation
import Testing
@testable import compta
import LedgerStore
import Ledger

/// A file or folder of the package (`Fixtures/...`, `README.md`).
func packageURL(_ relative: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relative)
}

extension Now {
    /// The machine's time, as a command run now sees it (no `COMPTA_MAINTENANT`).
    static var machine: Now { try! Now(environment: [:]) }
}

/// Today, as a command run now sees it.
func today() -> Day { Now.machine.today }

/// The result of one command line run in-process.
struct Run {
    let code: Int32
    let out: String
    let err: String
}

/// A temporary folder holding a ledger, removed at the end of the test.
final class Sandbox {
    let folder: URL
    var ledger: String { folder.appendingPathComponent("compta.sqlite").path }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("compta-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    func write(_ name: String, bytes: [UInt8]) -> String {
        let p = path(name)
        #expect(FileManager.default.createFile(atPath: p, contents: Data(bytes)), "cannot write \(p)")
        return p
    }

    /// Runs `compta ARGS --livre <this ledger>`.
    @discardableResult
    func run(_ args: String...) -> Run { run(args) }

    func run(_ args: [String], environment: [String: String] = [:]) -> Run {
        runRaw(args + ["--livre", ledger], environment: environment)
    }

    /// Runs `compta ARGS` as given, without naming this sandbox's ledger. Temporary files
    /// (`$TMPDIR`) go into the sandbox, removed with it.
    func runRaw(_ args: [String], environment: [String: String] = [:]) -> Run {
        var out = "", err = ""
        let output = Output(out: { out += $0 }, err: { err += $0 })
        let code = CLI.run(arguments: args, environment: environment.merging(["TMPDIR": folder.path]) { given, _ in given }, output: output)
        return Run(code: code, out: out, err: err)
    }

    /// Every table of the ledger as text.
    func dump() throws -> String { try Store.open(path: ledger, now: .machine).dump() }

    /// Checks that `compta ARGS` is refused (exit code 1, nothing on standard output) with a
    /// message holding each of `fragments`, and leaves every table as it was. Returns the message.
    @discardableResult
    func refuses(_ args: [String], says fragments: [String], environment: [String: String] = [:],
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let before = try dump()
        let r = run(args, environment: environment)
        #expect(r.code == 1, "\(args): \(r.err)", sourceLocation: sourceLocation)
        for f in fragments { #expect(r.err.contains(f), "\(args): \(r.err)", sourceLocation: sourceLocation) }
        #expect(r.out.isEmpty, "\(args): \(r.out)", sourceLocation: sourceLocation)
        #expect(try dump() == before, "\(args) changed the ledger", sourceLocation: sourceLocation)
        return r.err
    }

    /// A ledger whose exercice is in progress today: it began on the first day of the month two
    /// months ago, and holds one rent of 600 € paid on its tenth day.
    static func inProgress() -> (sandbox: Sandbox, start: Day) {
        let s = Sandbox()
        let start = today().firstOfMonth.adding(months: -2)
        #expect(s.run("init", "--nom", "Club", "--debut", start.iso).code == 0)
        #expect(s.run("saisir", start.adding(days: 9).iso, "Location", "6132=600", "512").code == 0)
        return (s, start)
    }

    /// A ledger with the README tour's set-up: 2024, account 604A, project BL-EVOLUTION.
    static func tour() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Cloud Girofle", "--debut", "2024-01-01").code == 0)
        #expect(s.run("comptes", "ajouter", "604A", "OVH").code == 0)
        #expect(s.run("projets", "ajouter", "BL-EVOLUTION", "BL-Évolution").code == 0)
        return s
    }
}

/// The `compta` this build made: beside the test program.
func comptaProgram() -> URL? {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    for candidate in [here.appendingPathComponent("compta"), here.deletingLastPathComponent().appendingPathComponent("compta"),
                      packageURL(".build/debug/compta")]
    where FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
    }
    return nil
}

func runProgram(_ program: URL, _ args: [String], in folder: URL) -> Run {
    let p = Process()
    p.executableURL = program
    p.arguments = args
    p.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    env["COMPTA_LIVRE"] = nil
    env["TMPDIR"] = folder.appendingPathComponent("tmp").path
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    do { try p.run() } catch { return Run(code: -1, out: "", err: "\(error)") }
    // Read before waiting: a long output would fill the pipe and block the program.
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Run(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
}
