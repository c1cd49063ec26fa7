import Foundation
import Testing
@testable import compta
@testable import LedgerStore

/// `compta restaurer`: a backup put back in the place of the ledger, safely.
@Suite struct Restoring {
    /// The tour's ledger with a validated entry, and its backup.
    func ledgerAndBackup() throws -> (Sandbox, String, String) {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "Facture OVH", "604A=120", "512").code == 0)
        #expect(s.run("valider").code == 0)
        let backup = s.path("sauvegarde.sqlite")
        #expect(s.run("sauvegarder", backup).code == 0)
        return (s, backup, try Store.open(path: backup, now: .machine).dump())
    }

    func copy(_ from: String, _ to: String) throws {
        for end in ["", "-wal"] where FileManager.default.fileExists(atPath: from + end) {
            try? FileManager.default.removeItem(atPath: to + end)
            try FileManager.default.copyItem(atPath: from + end, toPath: to + end)
        }
    }

    /// A command after the backup whose writes are still in the -wal when the machine stops
    /// (what copying the backup over the ledger silently undid): the restore gives the backup,
    /// and the ledger it replaces, the -wal's writes included, is kept beside it.
    @Test func aBackupIsRestoredOverALeftoverJournalAndNothingIsLost() throws {
        let (s, backup, restored) = try ledgerAndBackup()
        let state = s.path("etat.sqlite"), reference = s.path("reference.sqlite")
        do {
            // An open connection keeps the next command's writes in the -wal.
            let holder = try Store.open(path: s.ledger, now: .machine)
            #expect(s.run("saisir", "2024-03-06", "Après la sauvegarde", "627=2", "512").code == 0)
            try copy(s.ledger, state)
            try copy(s.ledger, reference)
            _ = holder
        }
        // The files as a stop of the machine leaves them: the ledger, and its -wal beside it.
        try copy(state, s.ledger)
        try? FileManager.default.removeItem(atPath: s.ledger + "-shm")
        #expect(FileManager.default.fileExists(atPath: s.ledger + "-wal"))
        let before = try Store.open(path: reference, now: .machine).dump()
        #expect(before.contains("Après la sauvegarde"))

        let r = s.run("restaurer", backup)
        #expect(r.code == 0, "\(r.err)")
        let aside = s.path("compta-avant-restauration-\(today().iso).sqlite")
        #expect(r.out.contains("Livre restauré depuis \(backup) : 1 écritures dont 1 validées"), "\(r.out)")
        #expect(r.out.contains("Le livre remplacé est gardé dans \(aside)"))
        #expect(try s.dump() == restored, "the ledger is the backup")
        #expect(try Store.open(path: aside, now: .machine).dump() == before, "the ledger replaced is kept whole, its -wal's writes with it")
        #expect(s.run("verifier").code == 0)
        #expect(!FileManager.default.fileExists(atPath: backup + "-wal") && !FileManager.default.fileExists(atPath: backup + "-shm"),
                "nothing is left beside the backup")
        // A second restore the same day keeps the first ledger set aside too.
        #expect(s.run("restaurer", backup).out.contains("compta-avant-restauration-\(today().iso)-2.sqlite"))
    }

    /// Where the ledger is missing, the restore puts the backup there.
    @Test func aMissingLedgerIsRestored() throws {
        let (s, backup, restored) = try ledgerAndBackup()
        let other = s.path("neuf.sqlite")
        let r = s.runRaw(["restaurer", backup, "--livre", other])
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.out.contains("gardé"))
        #expect(try Store.open(path: other, now: .machine).dump() == restored)
    }

    /// What is not a backup of a ledger is refused, and nothing is written: no ledger changed,
    /// no ledger set aside.
    @Test func whatIsNotABackupIsRefused() throws {
        let (s, _, _) = try ledgerAndBackup()
        try s.refuses(["restaurer", s.write("notes.txt", "bonjour\n")], says: ["n'est pas un livre Compta"])
        try s.refuses(["restaurer", s.path("absente.sqlite")], says: ["impossible de lire", "fichier introuvable"])
        try s.refuses(["restaurer", s.ledger], says: ["est le livre lui-même"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder.path).allSatisfy { !$0.contains("avant-restauration") && !$0.hasSuffix(".restauration") })
    }

    /// A backup whose triggers were dropped (the protections outside the chain: closed years,
    /// frozen budgets, bank fingerprints) passed `verifier` and was restored; a ledger with a
    /// trigger Compta does not write as well.
    @Test func aLedgerWithoutItsProtectionsIsNotIntact() throws {
        let (s, backup, _) = try ledgerAndBackup()
        let db = try Database(path: backup)
        try db.execute("DROP TRIGGER bank_line_fixed")
        try s.refuses(["restaurer", backup], says: ["protection retirée ou changée hors de Compta (déclencheurs bank_line_fixed)"])
        try tamper(s, "CREATE TRIGGER espion AFTER INSERT ON entry BEGIN SELECT 1; END")
        let r = s.run("verifier")
        #expect(r.code == 1 && r.err.contains("1 déclencheur étranger à Compta (espion)"), "\(r.err)")
        try tamper(s, "DROP TRIGGER espion")
        #expect(s.run("verifier").code == 0)
    }
}
