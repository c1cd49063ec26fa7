import Foundation
import Ledger
import LedgerStore
import Reports

/// What the pieces' commands refuse before the ledger is asked.
enum PieceCommandError: Error {
    case notAFile(String)
    case outputNotAFolder(String)
    /// A file of that name is there with other bytes: extracting would replace it.
    case wouldReplace(String)
}

/// An entry number argument.
private func entryNumber(_ raw: String, command: String) throws -> Int {
    guard let n = Int(raw.trimmingSpaces), n > 0 else {
        throw UsageError(message: "« \(raw) » n'est pas un numéro d'écriture (le n° que donne compta journal)", command: command)
    }
    return n
}

/// The bytes of the file of a piece: an ordinary file, of `Piece.maxSize` at most (its size
/// read before its bytes).
private func pieceBytes(_ path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError.cannotRead(path: path, reason: "fichier introuvable")
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if isDirectory.boolValue || (attributes?[.type] as? FileAttributeType).map({ $0 != .typeRegular }) ?? false {
        throw PieceCommandError.notAFile(path)
    }
    let name = (path as NSString).lastPathComponent
    if let size = attributes?[.size] as? Int, size > Piece.maxSize { throw StoreError.piece(.tooLarge(name: name, size: size)) }
    return try readBytes(path)
}

let pieceCommands: [Command] = [
    Command(
        path: ["pieces"], usage: "compta pieces [NUMERO] [--exercice E] [--format F]",
        summary: "liste les pièces jointes (factures, reçus) de l'exercice, ou celles d'une écriture",
        help: """
        Chaque pièce jointe avec son écriture, le nom du fichier, sa taille et son empreinte
        SHA-256 (le même fichier joint deux fois n'est gardé qu'une fois dans le livre).
        Exemples : compta pieces
                   compta pieces 12 --exercice 2025
        """,
        options: [exerciceOption] + formatOptions,
        arguments: 0...1
    ) { ctx in
        let number = try ctx.parsed.positionals.first.map { try entryNumber($0, command: "pieces") }
        let store = try ctx.openStore()
        let exercice = try ctx.exercice(store)
        try ctx.render(PiecesReport.list(try store.pieces(of: number, in: exercice), association: try store.associationName(),
                                         exercice: exercice.label, entry: number))
    },
    Command(
        path: ["pieces", "joindre"], usage: "compta pieces joindre NUMERO FICHIER [--exercice E]",
        summary: "joint un fichier (la facture, le reçu) à une écriture : il est gardé dans le livre",
        help: """
        Le fichier est copié dans le livre (un seul fichier à sauvegarder) ; \(Piece.maxSize >> 20) Mo au plus.
        Le même fichier joint deux fois, à une écriture ou à deux, n'y est gardé qu'une fois.
        La référence de pièce de l'écriture (--piece de compta saisir, PieceRef du FEC) ne change
        pas. Une écriture validée reçoit aussi ses pièces : elle-même ne change pas.
        Exemple : compta pieces joindre 12 factures/ovh-2025-01.pdf
        """,
        options: [exerciceOption],
        arguments: 2...2
    ) { ctx in
        let number = try entryNumber(ctx.parsed.positionals[0], command: "pieces joindre")
        let path = ctx.parsed.positionals[1]
        let bytes = try pieceBytes(path)
        let name = try ctx.text((path as NSString).lastPathComponent, argument: "FICHIER")
        let store = try ctx.openStore()
        let exercice = try ctx.exercice(store)
        let (p, stored) = try ctx.onEntry(of: exercice, store: store) { try store.attachPiece(to: number, in: exercice, name: name, bytes: bytes) }
        // The entry's date and label let a wrong number (or a forgotten --exercice) show at once.
        ctx.output.print("Pièce « \(p.name) » (\((p.size + 1023) / 1024) Ko) jointe à l'écriture n° \(p.entryNumber) de l'exercice \(p.exercice)"
            + " (\(p.entryDate.french), « \(p.entryLabel) »)"
            + (stored ? " ; le même fichier était déjà dans le livre : gardé une seule fois." : ".")
            + " Pour la retrouver : compta pieces extraire \(p.entryNumber) --exercice \(p.exercice)")
    },
    Command(
        path: ["pieces", "extraire"], usage: "compta pieces extraire NUMERO [--sortie DOSSIER] [--exercice E]",
        summary: "écrit les pièces jointes d'une écriture dans un dossier, sous leur nom",
        help: """
        Chaque pièce de l'écriture est écrite dans le dossier (défaut : le dossier courant) sous
        le nom qu'elle avait ; un fichier de ce nom déjà là avec un autre contenu n'est pas
        remplacé (rien n'est écrit).
        Exemple : compta pieces extraire 12 --sortie pieces-2025
        """,
        options: [exerciceOption, .value("--sortie", "DOSSIER", "le dossier où écrire (défaut : le dossier courant)")],
        arguments: 1...1
    ) { ctx in
        let number = try entryNumber(ctx.parsed.positionals[0], command: "pieces extraire")
        let folder = ctx.parsed.value("--sortie") ?? "."
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PieceCommandError.outputNotAFolder(folder)
        }
        let store = try ctx.openStore()
        let exercice = try ctx.exercice(store)
        let pieces = try ctx.onEntry(of: exercice, store: store) { try store.pieces(of: number, in: exercice) }
        guard !pieces.isEmpty else { throw StoreError.piece(.noPiece(entry: number, exercice: exercice.label)) }
        // Every file checked before any is written: a refusal writes nothing.
        var files: [(path: String, bytes: [UInt8], there: Bool)] = []
        for p in pieces {
            let path = (folder as NSString).appendingPathComponent(Piece.fileName(p.name, hash: p.hash))
            let bytes = try store.pieceContent(p.hash)
            var there = false
            if FileManager.default.fileExists(atPath: path) {
                guard let old = FileManager.default.contents(atPath: path), Array(old) == bytes else { throw PieceCommandError.wouldReplace(path) }
                there = true
            }
            files.append((path, bytes, there))
        }
        for f in files where !f.there { try writeAtomically(f.path) { sink in try sink(f.bytes) } }
        for f in files { ctx.output.print(f.there ? "\(f.path) : déjà là, le même fichier." : "\(f.path) : écrit.") }
    },
]
