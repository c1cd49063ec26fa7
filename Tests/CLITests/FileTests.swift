import Foundation
import Testing
@testable import compta
import LedgerStore

/// The files commands write (`--sortie`, the AG report, the FEC) and the temporary files a
/// creation or a backup goes through.
@Suite struct OutputFiles {
    /// The tour's ledger with one validated entry, and the hledger journal it exports.
    func ledger() -> (Sandbox, String) {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "Facture OVH", "604A=120", "512").code == 0)
        #expect(s.run("valider").code == 0)
        let journal = s.run("exporter", "--format", "hledger").out
        #expect(journal.contains("Facture OVH"))
        return (s, journal)
    }

    func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    /// A FIFO, a device, a file a shell opened (`/dev/stdout` is `/proc/self/fd/1`): written
    /// into, never replaced by a regular file.
    @Test func aFIFOOrADeviceIsWrittenIntoNotReplaced() throws {
        let (s, journal) = ledger()
        let fifo = s.path("tube")
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opened for reading first: the export's writes wait in the pipe until they are read.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let r = s.run("exporter", "--format", "hledger", "--sortie", fifo)
        #expect(r.code == 0, "\(r.err)")
        var received = [UInt8](repeating: 0, count: 1 << 20)
        let n = read(reader, &received, received.count)
        #expect(n > 0 && String(decoding: received.prefix(max(n, 0)), as: UTF8.self) == journal)
        #expect(kind(fifo) == S_IFIFO, "the FIFO is still a FIFO")

        // What `--sortie /dev/stdout >> sortie.txt` reaches: the file the shell opened, added to.
        let file = s.path("sortie.txt")
        let fd = open(file, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        #expect(write(fd, "avant\n", 6) == 6)
        let proc = s.run("exporter", "--format", "hledger", "--sortie", "/proc/self/fd/\(fd)")
        close(fd)
        #expect(proc.code == 0, "\(proc.err)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "avant\n" + journal)

        // A device of its own (the null device, 1:3), where the test may make one.
        let device = s.path("nul")
        if mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {
            #expect(s.run("exporter", "--format", "hledger", "--sortie", device).code == 0)
            #expect(kind(device) == S_IFCHR, "the device is still a device")
        }
    }

    /// Writing again keeps the file's mode and its symbolic link.
    /// `--sortie /dev/stdout` gives the file alone on the standard output: what the command
    /// says it wrote goes to the error stream, and the AG report's charts go to the current
    /// folder, not into /dev.
    @Test func theStandardOutputGetsTheFileAlone() throws {
        let s = Sandbox()
        #expect(s.run("demo").code == 0)
        let program = try #require(comptaProgram())
        let ag = runProgram(program, ["rapport-ag", "--exercice", "2024", "--sortie", "/dev/stdout", "--livre", s.ledger], in: s.folder)
        #expect(ag.code == 0, "\(ag.err)")
        #expect(ag.out.hasPrefix("---\ntitle: \"Bilan financier 2024"), "\(ag.out.prefix(200))")
        #expect(!ag.out.contains("écrit dans"))
        #expect(ag.err.contains("Bilan financier 2024 écrit dans /dev/stdout (graphiques dans \(s.folder.path)/stdout-graphiques)"))
        #expect(FileManager.default.fileExists(atPath: s.path("stdout-graphiques")))
        #expect(!FileManager.default.fileExists(atPath: "/dev/stdout-graphiques"))
        let journal = runProgram(program, ["exporter", "--format", "hledger", "--sortie", "/dev/stdout", "--livre", s.ledger], in: s.folder)
        #expect(journal.code == 0 && !journal.out.contains("Journal hledger :") && journal.err.contains("Journal hledger : /dev/stdout écrit."))
        let file = s.run("exporter", "--format", "hledger", "--sortie", s.path("j.journal"))
        #expect(file.out == "Journal hledger : \(s.path("j.journal")) écrit.\n", "a regular file: said on the standard output")
    }

    @Test func writingAgainKeepsTheModeAndTheLink() throws {
        let (s, _) = ledger()
        let out = s.path("compta.journal")
        #expect(s.run("exporter", "--format", "hledger", "--sortie", out).code == 0)
        #expect(chmod(out, 0o600) == 0)
        #expect(s.run("exporter", "--format", "hledger", "--sortie", out).code == 0)
        #expect(mode(out) == 0o600)
        let link = s.path("lien.journal")
        #expect(symlink(out, link) == 0)
        #expect(s.run("saisir", "2024-03-06", "Frais bancaires", "627=2", "512").code == 0)
        #expect(s.run("exporter", "--format", "hledger", "--sortie", link).code == 0)
        #expect(kind(link) == S_IFLNK, "the link is still a link")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("Frais bancaires"))
        #expect(mode(out) == 0o600)
    }

    /// A file being written is readable by its owner only until it is complete; one a killed
    /// command left is removed by the next write in its folder, one a running command is
    /// writing is not.
    @Test func temporaryFilesAreTheOwnersAndAKilledOneIsCleaned() throws {
        let (s, _) = ledger()
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let killed = s.write(".compta-\(dead.processIdentifier)-a1b2c3", "partie d'un export")
        let running = s.write(".compta-\(getpid())-d4e5f6", "export en cours")
        var during: [String: mode_t] = [:]
        try writeAtomically(s.path("rapport.txt")) { sink in
            for name in try FileManager.default.contentsOfDirectory(atPath: s.folder.path) where name.hasPrefix(".compta-") {
                during[name] = mode(s.path(name))
            }
            try sink(Array("fini".utf8))
        }
        #expect(!FileManager.default.fileExists(atPath: killed), "the file of a killed command is removed")
        #expect(FileManager.default.fileExists(atPath: running), "the file of a running command is left")
        let own = during.keys.filter { $0 != (running as NSString).lastPathComponent && $0 != (killed as NSString).lastPathComponent }
        #expect(own.count == 1 && own.allSatisfy { $0.hasPrefix(".compta-\(getpid())-") && during[$0] == 0o600 }, "\(during)")
        #expect(try String(contentsOfFile: s.path("rapport.txt"), encoding: .utf8) == "fini")
    }

    /// The AG report is its document and its charts: when the document cannot be written, no
    /// chart is either.
    @Test func theAGReportIsWrittenWholeOrNotAtAll() throws {
        let (s, _) = ledger()
        let document = s.path("bilan.md")
        try FileManager.default.createDirectory(atPath: document, withIntermediateDirectories: true)
        try s.refuses(["rapport-ag", "--exercice", "2024", "--sortie", document], says: ["« \(document) » : c'est un dossier"])
        #expect(!FileManager.default.fileExists(atPath: s.path("bilan-graphiques")), "no chart without its document")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder.path).allSatisfy { !$0.hasPrefix(".compta-") })
    }

    /// `fec --sortie` is a folder: a file's name gets a message that says so, and the name the
    /// FEC takes.
    @Test func theFECGoesIntoAFolder() throws {
        let (s, _) = ledger()
        let file = s.path("fec.txt")
        try s.refuses(["fec", "--siren", "123456782", "--sortie", file], says: [
            "le dossier « \(file) » (--sortie) n'existe pas : le FEC s'écrit dans un dossier, avec sa notice, sous le nom que lui donne "
                + "l'article A47 A-1 (123456782FEC20241231.txt)", "mkdir -p"])
        _ = s.write("fec.txt", "")
        try s.refuses(["fec", "--siren", "123456782", "--sortie", file], says: ["--sortie « \(file) » est un fichier", "--sortie exports"])
        #expect(s.run("fec", "--siren", "123456782", "--sortie", s.folder.path).code == 0)
        #expect(FileManager.default.fileExists(atPath: s.path("123456782FEC20241231-notice.txt")))
    }

    /// A folder with the name of the temporary file of a creation or a backup is not deleted
    /// (with everything in it): the command is refused.
    @Test func aFolderNamedLikeATemporaryFileIsLeftAlone() throws {
        let (s, _) = ledger()
        for (name, command) in [("copie.sqlite", ["sauvegarder", s.path("copie.sqlite")]),
                                ("neuf.sqlite", ["init", "--nom", "X", "--debut", "2024-01-01", "--livre", s.path("neuf.sqlite")])] {
            let folder = s.path(name + (command[0] == "init" ? ".creation" : ".copie"))
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let kept = folder + "/precieux.txt"
            #expect(FileManager.default.createFile(atPath: kept, contents: Data("à garder".utf8)))
            let r = command[0] == "init" ? s.runRaw(command) : s.run(command)
            #expect(r.code == 1, "\(r.out)")
            #expect(r.err.contains("« \(folder) » est un dossier"), "\(r.err)")
            #expect(FileManager.default.fileExists(atPath: kept), "\(name): the folder and its file are kept")
            #expect(!FileManager.default.fileExists(atPath: s.path(name)))
        }
    }
}
