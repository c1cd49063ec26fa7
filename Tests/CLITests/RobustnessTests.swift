import Foundation
import Testing
@testable import compta
@testable import LedgerStore

/// Hostile and broken inputs (docs/ROBUSTESSE.md): each refused with its French message and no
/// change to the ledger, or, for strange but legitimate text, kept and rendered harmless.
@Suite struct HostileInputs {
    func write(_ s: Sandbox, _ name: String, _ bytes: [UInt8]) -> String { s.write(name, bytes: bytes) }

    @Test func brokenAndHugeStatements() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-01-02", "Ouverture", "512=100", "1021").code == 0)
        let header = Array("Date;Libellé;Montant\n".utf8)
        let ok = Array("05/03/2024;OVH;-1,00\n".utf8)
        // A line of 10 MB.
        let long = write(s, "long.csv", header + Array("05/03/2024;".utf8) + [UInt8](repeating: 0x41, count: 10_000_000) + Array(";-1,00\n".utf8))
        try s.refuses(["importer", long], says: ["relevé « \(long) »", "ligne 2 démesurée"])
        // A file of 1 GB (sparse: it takes no room on the disk).
        let huge = s.path("enorme.csv")
        #expect(FileManager.default.createFile(atPath: huge, contents: Data(header)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: huge))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        try s.refuses(["importer", huge], says: ["fait 1,0 Go", "512 Mo au plus"])
        try s.refuses(["importer", write(s, "nul.csv", header + Array("05/03/2024;O".utf8) + [0] + Array("VH;-1,00\n".utf8))],
                      says: ["octets nuls", "fichier binaire"])
        try s.refuses(["importer", s.write("tronque.csv", "Date;Libellé;Montant\n05/03/2024;OVH;-1,00\n06/03/2024;\"SNCF;-2")],
                      says: ["guillemet ouvert ligne 3 et jamais refermé"])
        try s.refuses(["importer", s.write("coupe.csv", "Date;Libellé;Montant\n05/03/2024;OVH;-1,00\n06/03/2024;SNCF")],
                      says: ["ligne 3 illisible : 2 colonnes au lieu de 3"])
        try s.refuses(["importer", s.write("entete.csv", "Date;Libellé;Montant\n")], says: ["aucune opération"])
        try s.refuses(["importer", write(s, "latin1.csv", header + ok + Array("06/03/2024;D".utf8) + [0xE9] + Array("bit;-1,00\n".utf8)),
                       "--encodage", "utf-8"], says: ["n'est pas en UTF-8 (premier caractère invalide ligne 3)", "--encodage windows-1252"])
        try s.refuses(["importer", s.write("tirets.csv", "Date;Libellé;Montant\n05/03/2024;OVH;--5\n")], says: ["montant illisible « --5 »"])
        try s.refuses(["importer", s.write("ofx.ofx", "OFXHEADER:100\n<OFX><BANKTRANLIST><STMTTRN><TRNAMT>-1,00<NAME>OVH")],
                      says: ["relevé « "])
        try s.refuses(["importer", s.write("qif.qif", "!Type:Bank\nT-1,00\nPOVH\n^\n")], says: ["relevé « "])
        try s.refuses(["importer", s.path("absent.csv")], says: ["impossible de lire", "fichier introuvable"])
        try s.refuses(["importer", s.folder.path], says: ["c'est un dossier"])
    }

    /// Labels with separators, quotes, line breaks, direction marks, escape sequences, emoji,
    /// spreadsheet formulas, SQL and HTML: kept as text (minus the invisible controls), and
    /// harmless in every output.
    @Test func hostileLabelsAreKeptAsTextAndRenderedHarmless() throws {
        let s = Sandbox.tour()
        let labels = [
            "FACTURE A|B", "\"COTISATION; 2024\"", "\"DEUX\nLIGNES\"", "\u{202E}EXE.TXT", "\u{1B}[31mROUGE\u{1B}[0m",
            "🎉 FÊTE", "=HYPERLINK(\"http://x\")", "+33 6 12", "-2+3", "@SUM(A1)",
            "\"'); DROP TABLE entry; --\"", "<script>alert(1)</script>", "**GRAS** [LIEN](javascript:alert(1))",
        ]
        let csv = "Date;Libellé;Montant\n" + labels.enumerated().map { String(format: "%02d/03/2024;", $0.offset + 1) + "\($0.element);-1,00\n" }.joined()
        let r = s.run("importer", s.write("hostile.csv", csv))
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Lignes lues : 13"))
        let json = s.run("journal", "--format", "json").out
        for expected in ["FACTURE A|B", "COTISATION; 2024", "DEUX LIGNES", "EXE.TXT", "[31mROUGE[0m", "🎉 FÊTE", "'); DROP TABLE entry; --",
                         "<script>alert(1)</script>"] {
            #expect(json.contains(expected.replacingOccurrences(of: "\"", with: "\\\"")), "\(expected)")
        }
        #expect(!json.contains("\u{202E}") && !json.contains("\u{1B}"), "no direction mark, no escape sequence is kept")
        #expect(s.run("balance").out.contains("Total"), "the tables are still there")
        let csvOut = s.run("journal", "--format", "csv").out
        for formula in ["'=HYPERLINK", "'+33 6 12", "'-2+3", "'@SUM(A1)"] { #expect(csvOut.contains(formula), "\(formula)") }
        let md = s.run("journal", "--format", "md").out
        #expect(md.contains("FACTURE A\\|B"))
        #expect(md.contains("\\<script\\>alert(1)\\</script\\>"))
        #expect(md.contains("\\*\\*GRAS\\*\\* \\[LIEN\\](javascript:alert(1))"))
        #expect(try Store.open(path: s.ledger, now: .machine).verify().problems.isEmpty)
    }

    @Test func ledgersThatCannotBeUsed() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        let folder = s.runRaw(["balance", "--livre", s.folder.path])
        #expect(folder.code == 1)
        #expect(folder.err.contains("est un dossier, pas un livre"))
        // A ledger written by a newer Compta: the schema version is the big-endian integer at
        // offset 60 of an SQLite file's header (PRAGMA user_version).
        let newer = s.path("recent.sqlite")
        try FileManager.default.copyItem(atPath: s.ledger, toPath: newer)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: newer))
        try handle.seek(toOffset: 60)
        handle.write(Data([0, 0, 0, 99]))
        try handle.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: newer))
        let r = s.runRaw(["saisir", "2024-03-06", "X", "627=1", "512", "--livre", newer])
        #expect(r.code == 1)
        #expect(r.err.contains("version plus récente de Compta (schéma 99"), "\(r.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: newer)) == before)
        // Output folders that do not exist.
        try s.refuses(["rapport-ag", "--exercice", "2024", "--sortie", s.path("absent/bilan.md")], says: ["le dossier", "n'existe pas"])
        #expect(s.run("valider").code == 0)
        try s.refuses(["fec", "--exercice", "2024", "--siren", "123456782", "--sortie", s.path("absent")], says: ["n'existe pas"])
    }

    /// A ledger file nobody may write (read-only for its owner, or immutable for root): reports
    /// work, writes are refused with the reason, and the file does not change.
    @Test(.enabled(if: canProtectFiles, "root on a file system without chattr +i: nothing can make a file read-only"))
    func aReadOnlyLedger() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: s.ledger))
        let root = getuid() == 0
        if root {
            // chmod does not stop root: the immutable attribute does.
            #expect(shell("chattr", "+i", s.ledger) == 0)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: s.ledger)
        }
        defer {
            if root { _ = shell("chattr", "-i", s.ledger) }
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: s.ledger)
        }
        #expect(s.run("balance").out.contains("604A"))
        let write = s.run("saisir", "2024-03-06", "X", "627=1", "512")
        #expect(write.code == 1)
        #expect(write.err.contains("est en lecture seule"), "\(write.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: s.ledger)) == before)
    }
}

extension HostileInputs {
    /// A ledger in a folder where SQLite cannot create its -wal and -shm files (read-only
    /// media: a USB stick, an archive): it is read, verified and copied; a write is refused
    /// with the reason; the file is unchanged.
    @Test(.enabled(if: canProtectFiles, "root on a file system without chattr +i: nothing can make a folder read-only"))
    func aLedgerInAFolderThatCannotBeWritten() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        let folder = s.path("ferme")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let ledger = folder + "/livre.sqlite"
        try FileManager.default.copyItem(atPath: s.ledger, toPath: ledger)
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        let root = getuid() == 0
        if root {
            #expect(shell("chattr", "+i", folder) == 0)
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: folder)
        }
        defer {
            if root { _ = shell("chattr", "-i", folder) }
            try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        }
        let balance = s.runRaw(["balance", "--livre", ledger, "--format", "csv"])
        #expect(balance.code == 0, "\(balance.err)")
        #expect(balance.out == s.run("balance", "--format", "csv").out)
        let verified = s.runRaw(["verifier", "--livre", ledger])
        #expect(verified.code == 0 && verified.out.contains("Livre intègre"), "\(verified.err)")
        let copy = s.path("copie.sqlite")
        #expect(s.runRaw(["sauvegarder", copy, "--livre", ledger]).code == 0)
        #expect(try Store.open(path: copy, now: .machine).dump() == s.dump())
        let r = s.runRaw(["saisir", "2024-03-06", "X", "627=1", "512", "--livre", ledger])
        #expect(r.code == 1)
        #expect(r.err.contains("se lit mais ne s'écrit pas : SQLite doit pouvoir créer ses fichiers « -wal » et « -shm » dans le dossier \(folder)"), "\(r.err)")
        #expect(r.out.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger)) == before)
    }

    /// A ledger changed behind Compta's back: `verifier` names each entry found wrong in the
    /// user's words (the store gives the entry's parts, the CLI writes the sentence).
    @Test func aTamperedLedgerNamesItsEntries() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        #expect(s.run("valider").code == 0)
        #expect(s.run("saisir", "2024-03-07", "Frais", "627=3", "512").code == 0)
        try tamper(s, "DROP TRIGGER entry_validated_update")
        try tamper(s, "UPDATE entry SET label = 'OVH (modifié)' WHERE number = 1")
        try tamper(s, try #require(Schema.triggers["entry_validated_update"]))
        try tamper(s, "UPDATE line SET debit = debit + 1 WHERE entry_id = (SELECT id FROM entry WHERE number = 2) AND debit > 0")
        try s.refuses(["verifier"], says: [
            "le livre n'est pas intègre (3 problèmes) :\n",
            "\n  écriture validée BQ-1 (exercice 2024, n° 1, du 05/03/2024) : son empreinte ne correspond plus à son contenu. "
                + "Elle a été modifiée hors de Compta, ou une écriture validée avant elle a été changée ou supprimée.\n",
            "\n  écriture n° 2 de l'exercice 2024, du 07/03/2024 déséquilibrée : débits 3,01 €, crédits 3,00 €.\n",
        ])
    }
}

/// Whether a test can make a file read-only: always for a user (chmod), for root only where the
/// file system has the immutable attribute (chmod does not stop root).
let canProtectFiles: Bool = {
    guard getuid() == 0 else { return true }
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("compta-chattr-\(UUID().uuidString)").path
    guard FileManager.default.createFile(atPath: probe, contents: nil) else { return false }
    defer { _ = shell("chattr", "-i", probe); try? FileManager.default.removeItem(atPath: probe) }
    return shell("chattr", "+i", probe) == 0
}()

/// Runs a program, returns its exit code (-1 when it cannot start).
func shell(_ program: String, _ args: String...) -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [program] + args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    do { try p.run() } catch { return -1 }
    p.waitUntilExit()
    return p.terminationStatus
}
