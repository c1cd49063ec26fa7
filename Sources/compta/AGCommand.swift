import Foundation
import Ledger
import LedgerStore
import Reports

let agCommand = Command(
    path: ["rapport-ag"], usage: "compta rapport-ag [--exercice E] [--au DATE] [--format md|html] [--sortie FICHIER] [--graphiques DOSSIER] [--modele anc]",
    summary: "écrit le bilan financier de l'assemblée générale (Markdown prêt pour pandoc, ou page HTML à imprimer)",
    help: """
    Le document contient la synthèse, le compte de résultat avec l'exercice précédent, les
    comptes par projet, le bilan, la trésorerie (tableau et graphique), le budget et son
    réalisé (avec graphique), le budget de l'exercice suivant s'il est chargé, et une annexe.
    Avec --au, le document s'arrête à cette date (un conseil d'administration en cours
    d'année) : sans --exercice, l'exercice de cette date.
    En Markdown (défaut), les graphiques SVG sont écrits à côté du document, dans DOSSIER
    (défaut : NOM-graphiques). En HTML (--format html, ou --sortie FICHIER.html), tout tient
    dans une seule page : ouverte dans un navigateur, Imprimer puis « Enregistrer au format
    PDF » en fait un PDF A4, chaque partie sur une nouvelle page.
    Pour un PDF avec pandoc (paquets Debian pandoc et weasyprint) :
      compta rapport-ag --exercice 2024 --sortie bilan-financier-2024.md
      pandoc bilan-financier-2024.md -s -o bilan-financier-2024.pdf --pdf-engine=weasyprint
    """,
    options: [.value("--exercice", "EXERCICE", "exercice présenté (défaut : le dernier exercice terminé)"),
              .value("--au", "DATE", "le document à cette date de l'exercice (défaut : sa fin, ou aujourd'hui s'il est en cours)"),
              .value("--format", "FORMAT", "md (défaut) ou html (une page, graphiques compris)"),
              .value("--sortie", "FICHIER", "document à écrire (défaut : bilan-financier-EXERCICE.md, ou .html)"),
              .value("--graphiques", "DOSSIER", "dossier des graphiques, à côté du document (md seulement)"),
              .value("--modele", "MODELE", "anc : ajoute la présentation réglementaire du compte de résultat")],
    arguments: 0...0
) { ctx in
    let html = try agFormatIsHTML(ctx.parsed)
    let store = try ctx.openStore()
    let at = try ctx.day("--au")
    let exercice = try at == nil ? ctx.presentedExercice(store) : ctx.exercice(store)
    let model: CompteDeResultat.Model
    switch ctx.parsed.value("--modele") {
    case nil, "compte"?: model = .parCompte
    case "anc"?: model = .anc
    case let other?: throw UsageError(message: "modèle inconnu : \(other) (anc)", command: "rapport-ag")
    }
    let output = URL(fileURLWithPath: ctx.parsed.value("--sortie") ?? "bilan-financier-\(exercice.label)\(at.map { "-au-\($0.iso)" } ?? "").\(html ? "html" : "md")")
    // The charts go beside the document; beside the reader (the current folder) when the
    // document goes to a stream (`--sortie /dev/stdout > ag.md`), not into /dev.
    let toStream = isWrittenInPlace(output.path)
    if html {
        if !toStream { try writableFolder(of: output.path) }
        let report = try BilanFinancier(store, exercice: exercice, generatedOn: ctx.now.today, at: at, model: model, fingerprint: try store.chainHead())
        try writeAtomically(output.path) { sink in
            try withoutActuallyEscaping(sink) { sink in
                try HTMLRenderer.write(report.document, options: report.htmlOptions) { try sink(Array($0.utf8)) }
            }
        }
        ctx.confirm("Bilan financier \(exercice.label) écrit dans \(output.path) (une page HTML, graphiques compris).", writing: output.path)
        if !toStream {
            ctx.output.print("Pour un PDF : ouvrez \(output.lastPathComponent) dans un navigateur, Imprimer, puis « Enregistrer au format PDF ».")
        }
        return
    }
    let folder = toStream ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath) : output.deletingLastPathComponent()
    let chartsName = ctx.parsed.value("--graphiques") ?? output.deletingPathExtension().lastPathComponent + "-graphiques"
    // Checked before anything is written, the charts' folder included.
    if !toStream { try writableFolder(of: output.path) }
    try writableFolder(of: folder.appendingPathComponent(chartsName).path)
    let report = try BilanFinancier(store, exercice: exercice, generatedOn: ctx.now.today, at: at, model: model, fingerprint: try store.chainHead())
    let markdown = try report.markdown(chartsFolder: chartsName)
    let charts = folder.appendingPathComponent(chartsName)
    // All or nothing: the charts' folder goes again if the document cannot be written.
    let newFolder = !FileManager.default.fileExists(atPath: charts.path)
    do { try FileManager.default.createDirectory(at: charts, withIntermediateDirectories: true) } catch {
        throw InputError.cannotWrite(path: charts.path, reason: "création du dossier impossible")
    }
    do {
        try writeTogether(report.document.figures.map { f in (charts.appendingPathComponent(f.name).path, { try $0(Array(f.svg.utf8)) }) }
                          + [(output.path, { try $0(Array(markdown.utf8)) })])
    } catch {
        if newFolder { rmdir(charts.path) }
        throw error
    }
    ctx.confirm("Bilan financier \(exercice.label) écrit dans \(output.path) (graphiques dans \(charts.path)).", writing: output.path)
    if !toStream {
        ctx.output.print("Pour un PDF : pandoc \(output.lastPathComponent) -s -o \(output.deletingPathExtension().lastPathComponent).pdf --pdf-engine=weasyprint")
    }
}

/// Whether the AG document is asked in HTML: `--format html`, or without `--format` a
/// `--sortie` ending in `.html`. Only Markdown and HTML make this document.
private func agFormatIsHTML(_ parsed: Parsed) throws -> Bool {
    let out = parsed.value("--sortie")?.lowercased() ?? ""
    let htmlFile = out.hasSuffix(".html") || out.hasSuffix(".htm"), markdownFile = out.hasSuffix(".md")
    switch parsed.value("--format") {
    case nil:
        return htmlFile
    case "md"?:
        if htmlFile {
            throw UsageError(message: "--format md mais --sortie \(parsed.value("--sortie")!) : un navigateur lirait du Markdown comme une page. "
                             + "Nommez le fichier .md, ou retirez --format md pour écrire la page HTML", command: "rapport-ag")
        }
        return false
    case "html"?:
        if markdownFile {
            throw UsageError(message: "--format html mais --sortie \(parsed.value("--sortie")!) : la page HTML irait dans un fichier .md. "
                             + "Nommez-le .html, ou retirez --format html pour écrire le Markdown", command: "rapport-ag")
        }
        if parsed.value("--graphiques") != nil {
            throw UsageError(message: "--graphiques sert au format md : en html, les graphiques sont dans la page ; retirez --graphiques",
                             command: "rapport-ag")
        }
        return true
    case let other?:
        throw UsageError(message: "le bilan financier s'écrit en md ou en html, pas en « \(other) » : --format md ou --format html",
                         command: "rapport-ag")
    }
}
