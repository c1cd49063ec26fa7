import Foundation
import Ledger
import LedgerStore
import Reports

private let folderOption = Option.value("--sortie", "DOSSIER", "dossier où écrire un fichier Markdown par reçu, nommé par son numéro")

let receiptCommands: [Command] = [
    Command(
        path: ["recus"], usage: "compta recus [--annee ANNEE] [--sortie DOSSIER] [--format texte|md|csv|json|html]",
        summary: "le registre des reçus fiscaux : numéro, date, donateur, montant, état (émis ou annulé)",
        help: """
        Liste les reçus émis (ceux des dons de l'année donnée, ou tous), les annulés marqués avec
        leur motif, et le total des reçus en vigueur. Avec --sortie, écrit aussi le texte de chacun,
        tel qu'il a été émis, dans DOSSIER/NUMERO.md (une copie à renvoyer à un donateur) ; celle
        d'un reçu annulé le dit en tête.
        Exemples : compta recus --annee 2025
                   compta recus --annee 2025 --sortie recus-2025
        """,
        options: [.value("--annee", "ANNEE", "année civile des dons (défaut : toutes)"), folderOption] + formatOptions, arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let year = try receiptYear(ctx, default: nil)
        let receipts = try store.receipts(year: year)
        if let folder = ctx.parsed.value("--sortie") {
            try writeReceipts(receipts.map { ($0.number, ReceiptReports.copy($0)) }, to: folder)
            ctx.output.print("\(french(receipts.count, "reçu écrit", plural: "reçus écrits")) dans \(folder).")
            return
        }
        try ctx.render(ReceiptReports.register(receipts, association: try store.associationName(), year: year))
    },
    Command(
        path: ["recus", "emettre"], usage: "compta recus emettre --annee ANNEE [--par-don] [--essai] [--sortie DOSSIER] [--format F]",
        summary: "émet les reçus fiscaux des dons d'une année : un reçu récapitulatif par donateur, ou un par don",
        help: """
        Un don est une ligne au crédit d'un compte 754 (dons manuels, mécénat, abandons de frais
        75412) portant un tiers, dans une écriture validée. Les cotisations sans contrepartie
        (7561) n'en sont que si l'association le dit (compta association --recus-cotisations oui) :
        une cotisation qui ouvre un droit (voter, un service, une revue) n'est pas un don.
        Une personne reçoit le cerfa 11580*05 (article 200), une organisation le cerfa 16216*02
        (article 238 bis). Le mode de versement vient de la contrepartie : caisse (53) espèces,
        chèques à encaisser (5112) chèque, sinon virement, prélèvement ou carte.
        Chaque reçu prend le numéro suivant de l'année (2025-0001), et son texte est gardé dans
        le livre tel quel : il ne change plus. Les dons déjà couverts par un reçu en vigueur, ceux
        des brouillards, ceux sans tiers et les donateurs sans adresse sont listés, sans reçu.
        --essai montre ce qui serait émis sans rien écrire.
        Pour un PDF : pandoc recus-2025/2025-0001.md -s -o 2025-0001.pdf --pdf-engine=weasyprint
        Exemples : compta recus emettre --annee 2025 --essai
                   compta recus emettre --annee 2025 --sortie recus-2025
        """,
        options: [.value("--annee", "ANNEE", "année civile des dons (obligatoire)"), .flag("--par-don", "un reçu par don, au lieu d'un reçu récapitulatif par donateur"),
                  .flag("--essai", "montre les reçus qui seraient émis, n'écrit rien"),
                  .value("--sortie", "DOSSIER", "dossier des reçus, un fichier NUMERO.md chacun (défaut : recus-ANNEE)")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let year = try saidReceiptYear(ctx)
        let dryRun = ctx.parsed.has("--essai")
        let folder = ctx.parsed.value("--sortie") ?? "recus-\(year)"
        // Where the receipts go is checked before they are issued (its parent folder, when it is new).
        if !dryRun { _ = try writableFolder(of: folder) }
        let plan = try store.issueReceipts(year: year, perGift: ctx.parsed.has("--par-don"), dryRun: dryRun, render: ReceiptText.markdown)
        try ctx.render(ReceiptReports.issue(plan, association: try store.associationName(), dryRun: dryRun))
        guard !dryRun else { return }
        let numbers = Set(plan.receipts.map(\.number))
        try writeReceipts(try store.receipts(year: year).filter { numbers.contains($0.number) }.map { ($0.number, $0.text) }, to: folder)
        ctx.output.print("Reçus écrits dans \(folder) (un fichier NUMERO.md chacun). Pour un PDF : "
                         + "pandoc \(folder)/\(plan.receipts[0].number).md -s -o \(plan.receipts[0].number).pdf --pdf-engine=weasyprint")
    },
    Command(
        path: ["recus", "annuler"], usage: "compta recus annuler NUMERO --motif \"…\"",
        summary: "annule un reçu fiscal émis : il reste au registre, marqué, et ses dons peuvent recevoir un nouveau reçu",
        help: """
        Un reçu émis ne se modifie pas et ne se supprime pas : une erreur (un montant, un nom, une
        adresse) se corrige en l'annulant, avec son motif, puis en émettant à nouveau (compta recus
        emettre), qui lui donne un nouveau numéro. Prévenez le donateur que l'ancien reçu est annulé.
        Exemple : compta recus annuler 2025-0003 --motif "adresse du donateur erronée"
        """,
        options: [.value("--motif", "MOTIF", "pourquoi le reçu est annulé (obligatoire)")], arguments: 1...1
    ) { ctx in
        let store = try ctx.openStore()
        let r = try store.cancelReceipt(ctx.parsed.positionals[0], reason: try ctx.text(option: "--motif") ?? "")
        ctx.output.print("Reçu \(r.number) (\(r.donor.shown), \(r.amount) €) annulé : \(r.cancellation?.reason ?? ""). "
                         + "Ses dons peuvent recevoir un nouveau reçu : compta recus emettre --annee \(r.year). "
                         + "Sa copie déjà écrite ne le dit pas : compta recus --annee \(r.year) --sortie DOSSIER réécrit les copies, l'annulé marqué.")
    },
    Command(
        path: ["recus", "declaration"], usage: "compta recus declaration --annee ANNEE [--format texte|md|csv|json|html]",
        summary: "les deux chiffres de la déclaration annuelle des reçus (article 222 bis du CGI), l'échéance et où la déposer",
        help: """
        Le montant total des dons portés sur les reçus et le nombre de reçus, annulés exclus, pour
        les dons reçus pendant l'année civile ANNEE ; quand les exercices du livre ne coïncident
        pas avec l'année civile, pendant l'exercice clos en ANNEE (article 222 bis : le dernier
        exercice clos). L'échéance (le deuxième jour ouvré après le 1er mai suivant, ou trois mois
        après la clôture d'un exercice qui ne finit pas le 31 décembre) et où déclarer
        (demarches-simplifiees.fr pour la plupart des associations).
        Exemple : compta recus declaration --annee 2025
        """,
        options: [.value("--annee", "ANNEE", "année civile des dons, ou année où finit l'exercice (obligatoire)")] + formatOptions,
        arguments: 0...0
    ) { ctx in
        let store = try ctx.openStore()
        let year = try saidReceiptYear(ctx)
        try ctx.render(ReceiptReports.declaration(try store.receiptDeclaration(year: year), association: try store.associationName(), year: year))
    },
]

/// `--annee`, which `recus emettre` and `recus declaration` need: a receipt and a declaration
/// are fiscal documents, their year is said, never guessed (in January, « this year » has no gift
/// yet; in December, « last year » is already receipted).
private func saidReceiptYear(_ ctx: Context) throws -> Int {
    guard let year = try receiptYear(ctx, default: nil) else {
        throw UsageError(message: "dites l'année des dons : --annee \(ctx.now.today.year - 1) (les dons de l'an dernier, "
            + "l'usage en début d'année) ou --annee \(ctx.now.today.year)", command: ctx.parsed.command)
    }
    return year
}

/// `--annee`, a year of four digits, or `default`.
private func receiptYear(_ ctx: Context, default year: Int?) throws -> Int? {
    guard let raw = ctx.parsed.value("--annee") else { return year }
    guard raw.count == 4, let y = Int(raw), y >= 1900 else {
        throw UsageError(message: "--annee attend une année de quatre chiffres (--annee 2025), pas « \(raw) »", command: ctx.parsed.command)
    }
    return y
}

/// Writes each receipt's text to `folder/NUMBER.md`, all or none; the folder is made if it
/// is not there (its parent must be).
private func writeReceipts(_ receipts: [(number: String, text: String)], to folder: String) throws {
    let url = URL(fileURLWithPath: folder)
    _ = try writableFolder(of: url.path)
    let newFolder = !FileManager.default.fileExists(atPath: url.path)
    do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false) } catch where newFolder {
        throw InputError.cannotWrite(path: url.path, reason: "création du dossier impossible")
    } catch {}
    do {
        try writeTogether(receipts.map { r in (url.appendingPathComponent(r.number + ".md").path, { try $0(Array(r.text.utf8)) }) })
    } catch {
        if newFolder { rmdir(url.path) }
        throw error
    }
}
