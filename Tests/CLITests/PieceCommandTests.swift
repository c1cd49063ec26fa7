import Foundation
import Testing
@testable import compta
import LedgerStore
import Ledger

/// Issue 25, point 1: an invoice attached to its entry, kept in the ledger file itself.
@Suite struct PieceCommands {
    static func books() -> Sandbox {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-01-05", "Facture OVH", "604A=10", "512", "--piece", "OVH-2024-01").code == 0)
        #expect(s.run("saisir", "2024-01-06", "Timbres", "626=12", "512").code == 0)
        return s
    }

    /// The rows of one table of the ledger's dump.
    func rows(_ s: Sandbox, _ table: String) throws -> [Substring] {
        let dump = try s.dump()
        guard let start = dump.range(of: "## \(table)\n") else { return [] }
        return dump[start.upperBound...].split(separator: "\n").prefix { !$0.hasPrefix("## ") }
    }

    @Test func theSameFileIsStoredOnceAndComesBackAsItWas() throws {
        let s = PieceCommands.books()
        let bytes: [UInt8] = Array("%PDF-1.4 facture OVH".utf8) + (0..<300).map { UInt8($0 % 256) }
        let invoice = s.write("facture-ovh.pdf", bytes: bytes)
        let copy = s.write("copie.pdf", bytes: bytes)
        let first = s.run("pieces", "joindre", "1", invoice)
        #expect(first.out.hasPrefix("Pièce « facture-ovh.pdf » (1 Ko) jointe à l'écriture n° 1 de l'exercice 2024 (05/01/2024, « Facture OVH »)."), "\(first.err)")
        #expect(first.out.contains("Pour la retrouver : compta pieces extraire 1 --exercice 2024"), "the exercice is named even when defaulted: \(first.out)")
        let second = s.run("pieces", "joindre", "2", copy)
        #expect(second.out.contains("le même fichier était déjà dans le livre : gardé une seule fois"), "\(second.out)")
        #expect(try rows(s, "piece_file").count == 1 && rows(s, "piece").count == 2)
        #expect(try rows(s, "piece_file")[0].contains(Piece.hash(bytes)))
        try s.refuses(["pieces", "joindre", "1", copy], says: ["« copie.pdf » est déjà jointe à l'écriture n° 1 de l'exercice 2024 (sous le nom « facture-ovh.pdf »)",
                                                                 "La liste : compta pieces 1 --exercice 2024"])

        let list = s.run("pieces", "--format", "csv", "--sans-bom").out
        #expect(list.contains("1;05/01/2024;Facture OVH;OVH-2024-01;facture-ovh.pdf;1;"), "\(list)")
        #expect(s.run("pieces", "2", "--format", "csv").out.contains("copie.pdf") && !s.run("pieces", "2", "--format", "csv").out.contains("facture-ovh"))

        let out = s.path("sortie")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        #expect(s.run("pieces", "extraire", "1", "--sortie", out).code == 0)
        #expect(FileManager.default.contents(atPath: out + "/facture-ovh.pdf").map(Array.init) == bytes)
        #expect(s.run("pieces", "extraire", "1", "--sortie", out).out.contains("déjà là, le même fichier"))
        _ = s.write("sortie/facture-ovh.pdf", "autre chose")
        try s.refuses(["pieces", "extraire", "1", "--sortie", out], says: ["existe déjà, avec un autre contenu : rien n'a été écrit"])
        try s.refuses(["pieces", "extraire", "1", "--sortie", s.path("absent")], says: ["n'est pas un dossier existant"])

        // The piece reference stays the entry's (the FEC's PieceRef); a validated entry keeps its pieces.
        #expect(s.run("valider").code == 0)
        #expect(s.run("association", "--siren", "443061841").code == 0)
        #expect(s.run("fec", "--exercice", "2024", "--sortie", out).code == 0)
        let fec = try String(contentsOfFile: out + "/443061841FEC20241231.txt", encoding: .utf8)
        #expect(fec.contains("\tOVH-2024-01\t20240105\tFacture OVH\t"), "\(fec)")
        #expect(s.run("verifier").code == 0)
        try s.refuses(["supprimer", "2"], says: ["validée"])
    }

    @Test func aDraftRemovedTakesItsPieces() throws {
        let s = PieceCommands.books()
        #expect(s.run("pieces", "joindre", "2", s.write("t.pdf", "%PDF timbres")).code == 0)
        #expect(s.run("supprimer", "2").code == 0)
        #expect(try rows(s, "piece").isEmpty && rows(s, "piece_file").isEmpty, "a file no piece names goes")
    }

    @Test func whatIsNotAPieceIsRefused() throws {
        let s = PieceCommands.books()
        try s.refuses(["pieces", "joindre", "1", s.folder.path], says: ["n'est pas un fichier ordinaire"])
        try s.refuses(["pieces", "joindre", "1", "/dev/null"], says: ["« /dev/null » n'est pas un fichier ordinaire"])
        try s.refuses(["pieces", "joindre", "1", s.path("absente.pdf")], says: ["impossible de lire", "fichier introuvable"])
        try s.refuses(["pieces", "joindre", "1", s.write("vide.pdf", "")], says: ["« vide.pdf » est vide"])
        let big = s.write("gros.pdf", bytes: [UInt8](repeating: 0x25, count: Piece.maxSize + 1))
        try s.refuses(["pieces", "joindre", "1", big], says: ["« gros.pdf » fait 10,0 Mo : une pièce jointe fait 10 Mo au plus"])
        try s.refuses(["pieces", "joindre", "9", s.write("f.pdf", "%PDF")], says: ["aucune écriture n° 9"])
        try s.refuses(["pieces", "extraire", "2", "--sortie", s.folder.path], says: ["l'écriture n° 2 de l'exercice 2024 n'a pas de pièce jointe",
                                                                                      "compta pieces joindre 2 FICHIER --exercice 2024"])
        if getuid() != 0 {
            let locked = s.write("verrou.pdf", "%PDF")
            #expect(chmod(locked, 0) == 0)
            try s.refuses(["pieces", "joindre", "1", locked], says: ["impossible de lire", "lecture refusée"])
        }
        let notNumber = s.run("pieces", "joindre", "un", s.write("g.pdf", "%PDF"))
        #expect(notNumber.code == 2 && notNumber.err.contains("« un » n'est pas un numéro d'écriture"), "\(notNumber.err)")
    }
}
