import Foundation
import Testing
import LedgerStore
import Ledger

/// The tiers of third-party lines go out in the FEC (CompAuxNum, CompAuxLib) and come back in.
@Suite(.serialized) struct FECTiers {
    /// Léa, OVH and a typo merged into Léa; validated lines on 401, 411, 4671 and 7561.
    func club() -> Sandbox {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01", "--siren", "123456782").code == 0)
        #expect(s.run("tiers", "ajouter", "--prenom", "Léa", "--nom", "Martin").code == 0)
        #expect(s.run("tiers", "ajouter", "--organisation", "OVH SAS").code == 0)
        #expect(s.run("saisir", "2024-02-01", "Facture OVH", "6132=12", "401#OVH SAS").code == 0)
        #expect(s.run("saisir", "2024-02-02", "Cotisation", "411=30", "7561", "--tiers", "Léa Martin").code == 0)
        #expect(s.run("saisir", "2024-02-03", "Avance", "4671=20", "512", "--tiers", "L Martin").code == 0)
        #expect(s.run("tiers", "fusionner", "T0001", "T0003").code == 0)
        #expect(s.run("saisir", "2024-02-04", "Règlement", "512=30", "411#Léa Martin").code == 0)
        #expect(s.run("valider").code == 0)
        return s
    }

    func tiers(_ path: String) throws -> [String] {
        try Store.open(path: path, now: .machine).entries(EntryQuery()).flatMap { e in
            e.lines.map { "\($0.account.text) \($0.tiers?.name ?? "-")" }
        }
    }

    @Test func aRoundTripKeepsTheTiersOfThirdPartyLines() throws {
        let s = club()
        #expect(s.run("fec", "--exercice", "2024", "--sortie", s.folder.path).code == 0)
        let fec = s.path("123456782FEC20241231.txt")
        let other = s.path("autre.sqlite")
        let r = s.runRaw(["importer-fec", fec, "--livre", other, "--nom", "Club"])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Tiers créés (comptes auxiliaires du fichier) : 2 (T0001 OVH SAS, T0002 Léa Martin)."), "\(r.out)")
        // Every line of 40, 41 and 467 has its tiers; the others had theirs outside the FEC.
        let auxiliary = try tiers(s.ledger).map { line in
            ["40", "41", "467"].contains { line.hasPrefix($0) } ? line : String(line.prefix { $0 != " " }) + " -"
        }
        #expect(try tiers(other) == auxiliary)
        #expect(auxiliary.filter { !$0.hasSuffix(" -") }.count == 4)
        #expect(s.runRaw(["verifier", "--livre", other]).code == 0)
    }

    /// A code matches when this ledger has it with the same name; else the name or an alias
    /// does; else the tiers is created.
    @Test func importedTiersAreFoundByCodeThenNameThenCreated() throws {
        let s = club()
        #expect(s.run("fec", "--exercice", "2024", "--sortie", s.folder.path).code == 0)
        let other = s.path("autre.sqlite")
        #expect(s.runRaw(["init", "--nom", "Club", "--debut", "2024-01-01", "--livre", other]).code == 0)
        // T0001 here is OVH (T0002 in the file); Léa, T0001 in the file, is known by an alias.
        #expect(s.runRaw(["tiers", "ajouter", "--organisation", "OVH SAS", "--livre", other]).code == 0)
        #expect(s.runRaw(["tiers", "ajouter", "--prenom", "Léa", "--nom", "Dupont", "--alias", "LEA MARTIN", "--livre", other]).code == 0)
        let r = s.runRaw(["importer-fec", s.path("123456782FEC20241231.txt"), "--livre", other])
        #expect(r.code == 0, "\(r.err)")
        #expect(!r.out.contains("Tiers créés"), "\(r.out)")
        let lines = try Store.open(path: other, now: .machine).entries(EntryQuery()).flatMap(\.lines).compactMap(\.tiers).map(\.code)
        #expect(lines == ["T0001", "T0002", "T0002", "T0002"], "\(lines)")
    }

    @Test func anAuxiliaryAccountWithoutItsLabelIsRefused() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2024-01-01").code == 0)
        let header = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise"
        func file(_ num: String, _ lib: String) -> String {
            s.write("123456782FEC20241231.txt", [header,
                "OD\tOpérations diverses\tOD-1\t20240305\t6226\tHonoraires\t\t\tF1\t20240305\tAvocat\t100,00\t0,00\t\t\t\t\t",
                "OD\tOpérations diverses\tOD-1\t20240305\t401\tFournisseurs\t\(num)\t\(lib)\tF1\t20240305\tAvocat\t0,00\t100,00\t\t\t\t\t"]
                .joined(separator: "\r\n"))
        }
        try s.refuses(["importer-fec", file("DUPONT", "")], says: [
            "123456782FEC20241231.txt, ligne 3", "CompAuxNum « DUPONT » sans CompAuxLib", "Donnez le nom du tiers dans CompAuxLib, ou videz CompAuxNum"])
        try s.refuses(["importer-fec", file("", "Dupont")], says: ["ligne 3", "CompAuxLib « Dupont » sans CompAuxNum"])
        // A name two tiers have: the file line, both, and the code to give.
        #expect(s.run("tiers", "ajouter", "--organisation", "Cabinet Dupont").code == 0)
        #expect(s.run("tiers", "ajouter", "--organisation", "CABINET DUPONT").code == 0)
        try s.refuses(["importer-fec", file("401DUP", "Cabinet Dupont")], says: [
            "123456782FEC20241231.txt, ligne 3", "« Cabinet Dupont » est le nom de plusieurs tiers : T0001 (Cabinet Dupont), T0002 (CABINET DUPONT)"])
        // The code with its name settles it; another software's code is matched by the name.
        let r = s.run("importer-fec", file("T0002", "Cabinet Dupont"))
        #expect(r.code == 0 && !r.out.contains("Tiers créés"), "\(r.out) \(r.err)")
        #expect(try tiers(s.ledger) == ["6226 -", "401 CABINET DUPONT"])
    }

    @Test func anotherSoftwaresAuxiliaryAccountIsATiersByName() throws {
        let s = Sandbox()
        let header = "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise"
        let file = s.write("123456782FEC20241231.txt", [header,
            "OD\tOpérations diverses\tOD-1\t20240305\t6226\tHonoraires\t\t\tF1\t20240305\tAvocat\t100,00\t0,00\t\t\t\t\t",
            "OD\tOpérations diverses\tOD-1\t20240305\t401\tFournisseurs\t401DUP\tCabinet Dupont\tF1\t20240305\tAvocat\t0,00\t100,00\t\t\t\t\t"]
            .joined(separator: "\r\n"))
        let r = s.run("importer-fec", file, "--nom", "Club")
        #expect(r.code == 0 && r.out.contains("Tiers créés (comptes auxiliaires du fichier) : 1 (T0001 Cabinet Dupont)."), "\(r.out) \(r.err)")
    }
}
