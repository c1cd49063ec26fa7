import Foundation
import Ledger
import LedgerStore
import Imports
import Reports

let fecCommands: [Command] = [
    Command(
        path: ["fec"], usage: "compta fec [--exercice E] [--siren NUMERO] [--sortie DOSSIER] [--encodage utf-8|iso-8859-15]",
        summary: "écrit le fichier des écritures comptables (FEC) d'un exercice, et sa notice",
        help: """
        Le fichier suit l'article A47 A-1 du livre des procédures fiscales : 18 colonnes,
        tabulations, dates AAAAMMJJ, virgule décimale, à-nouveaux en premier, écritures validées
        seulement (les brouillards sont listés et l'export refusé). Il s'appelle
        SIRENFECAAAAMMJJ.txt (date de clôture de l'exercice) ; une notice décrivant les champs et
        les journaux est écrite à côté. Le SIREN est celui de l'association (compta association
        --siren NUMERO, une fois pour toutes) ; --siren en donne un autre pour cet export. Sans
        --exercice : le dernier exercice terminé (celui qu'on arrête), même une fois le suivant commencé.
        Exemple : compta fec --exercice 2024 --sortie exports/
        """,
        options: [.value("--exercice", "EXERCICE", "exercice (défaut : le dernier exercice terminé)"),
                  .value("--siren", "NUMERO", "SIREN pour cet export (défaut : celui de compta association)"),
                  .value("--sortie", "DOSSIER", "dossier où écrire (défaut : le dossier courant)"),
                  .value("--encodage", "NOM", "utf-8 (défaut) ou iso-8859-15")],
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let exercice = try ctx.presentedExercice(store)
        guard let siren = try ctx.parsed.value("--siren").map(sirenOption) ?? store.association().siren else { throw FECCommandError.noSIREN }
        let encoding: FEC.Encoding
        switch ctx.parsed.value("--encodage")?.lowercased() ?? "utf-8" {
        case "utf-8", "utf8": encoding = .utf8
        case "iso-8859-15", "latin9": encoding = .latin9
        case let other: throw UsageError(message: "encodage inconnu : \(other) (utf-8 ou iso-8859-15)", command: "fec")
        }
        let folder = ctx.parsed.value("--sortie") ?? "."
        let name = FEC.fileName(siren: siren, exercice: exercice)
        // --sortie names a folder: the file's name is the one the law gives it.
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw FECCommandError.outputNotAFolder(folder, fileName: name, exists: FileManager.default.fileExists(atPath: folder))
        }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        // The file and its notice are put in place together, or neither.
        let (file, records): (StagedFile, Int)
        do {
            (file, records) = try stage(path) { sink in try FEC.write(store, exercice: exercice, encoding: encoding, to: sink) }
        } catch let p as FEC.Problem {
            throw FECCommandError.refused(p, exercice: exercice)
        }
        do {
            let notice = FEC.notice(association: try store.associationName(), siren: siren, exercice: exercice, fileName: name,
                                    encoding: encoding.name, journals: Array(try store.catalog().journals.values), records: records,
                                    fingerprint: try store.chainHead())
            let (noticeFile, _) = try stage(path.replacingOccurrences(of: ".txt", with: "-notice.txt")) { try $0(Array(notice.utf8)) }
            try commit([file, noticeFile])
        } catch {
            discard([file])
            throw error
        }
        ctx.output.print("FEC de l'exercice \(exercice.label) écrit : \(path) (\(records) lignes) et sa notice.")
    },
    Command(
        path: ["importer-fec"], usage: "compta importer-fec FICHIER [--nom NOM]",
        summary: "charge un FEC d'un autre logiciel (Paheko, Odoo, Dolibarr...) dans un livre neuf ou un exercice vide",
        help: """
        Journaux, comptes (ceux que le livre n'a pas sont créés avec le libellé du fichier),
        écritures équilibrées par numéro, et leur validation (numéro et date) sont repris ; un
        journal que le fichier ne numérote pas de 1 à n (une suite commune à tous les journaux)
        est renuméroté dans l'ordre du fichier, le numéro d'origine gardé en pièce. Le
        fichier peut être séparé par des tabulations ou des |, en UTF-8 ou ISO-8859-15, avec les
        colonnes Debit/Credit ou Montant/Sens. Les lignes sans montant (débit et crédit nuls) ne
        sont pas reprises. Sans livre existant, il est créé (--nom : le nom de l'association).
        Tout le fichier est chargé, ou rien.
        Exemple : compta importer-fec 123456782FEC20241231.txt --livre nouveau.sqlite --nom "Cloud Girofle"
        """,
        options: [.value("--nom", "NOM", "nom de l'association, pour un livre neuf")],
        arguments: 1...1
    ) { ctx in
        let path = ctx.parsed.positionals[0]
        let file = try FECReader.read(readBytes(path), fileName: path)
        let books = try file.ledgerImport()
        let store: Store
        if FileManager.default.fileExists(atPath: ctx.ledgerPath) {
            store = try ctx.openStore()
        } else {
            let name = ctx.parsed.value("--nom") ?? "Association (import FEC)"
            store = try Store.create(path: ctx.ledgerPath, name: name, start: books.start, end: books.end, now: ctx.now)
        }
        let r: (exercice: Exercice, entries: Int, validated: Int, newAccounts: [Account], newTiers: [Tiers])
        do { r = try store.importLedger(books, file: path) } catch {
            if store.isEmptyNew { store.discard() }
            throw error
        }
        var lines = ["FEC chargé dans l'exercice \(r.exercice.label) : \(french(r.entries, "écriture")), dont \(french(r.validated, "validée"))."]
        if !r.newAccounts.isEmpty {
            lines.append("Comptes créés : " + r.newAccounts.map { "\($0.number) \($0.label)" }.joined(separator: ", ") + ".")
        }
        if !r.newTiers.isEmpty {
            lines.append("Tiers créés (comptes auxiliaires du fichier) : \(r.newTiers.count) ("
                         + r.newTiers.prefix(10).map { "\($0.code) \($0.name)" }.joined(separator: ", ") + (r.newTiers.count > 10 ? "…" : "") + ").")
        }
        if let first = books.zeroLines.first {
            let n = books.zeroLines.count
            lines.append(n == 1 ? "La ligne \(first) du fichier, sans montant, n'est pas reprise."
                         : "\(n) lignes du fichier sans montant ne sont pas reprises (lignes \(books.zeroLines.prefix(10).map(String.init).joined(separator: ", "))\(n > 10 ? "…" : "")).")
        }
        if !books.renumbered.isEmpty {
            let codes = books.renumbered.joined(separator: ", ")
            lines.append("Le fichier ne numérote pas les écritures validées de chaque journal de 1 à n (une suite commune à plusieurs "
                         + "journaux, ou des trous) : celles de \(books.renumbered.count > 1 ? "ses journaux" : "son journal") \(codes) sont "
                         + "renumérotées dans leur journal, dans l'ordre du fichier (\(books.renumbered[0])-1, \(books.renumbered[0])-2...) ; "
                         + "le numéro d'origine devient la référence de pièce de celles qui n'en avaient pas.")
        }
        ctx.output.print(lines.joined(separator: "\n"))
    },
]

/// A SIREN typed for one command (`init`, `fec`), checked as the association's would be.
func sirenOption(_ raw: String) throws(AssociationError) -> SIREN {
    do { return try SIREN(parsing: raw) } catch { throw AssociationError(field: .siren, text: raw, reason: .identifier(error)) }
}

enum FECCommandError: Error {
    case noSIREN
    /// The export of this exercice is refused: the message names it.
    case refused(FEC.Problem, exercice: Exercice)
    /// `--sortie` names a file, or a folder that does not exist.
    case outputNotAFolder(String, fileName: String, exists: Bool)
}
