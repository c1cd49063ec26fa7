import Foundation
import Ledger
import LedgerStore
import Reports

let agCommand = Command(
    path: ["rapport-ag"], usage: "compta rapport-ag [--exercice E] [--au DATE] [--sortie FICHIER.md] [--graphiques DOSSIER] [--modele anc]",
    summary: "écrit le bilan financier de l'assemblée générale (Markdown prêt pour pandoc, avec graphiques SVG)",
    help: """
    Le document contient la synthèse, le compte de résultat avec l'exercice précédent, les
    comptes par projet, le bilan, la trésorerie (tableau et graphique), le budget et son
    réalisé (avec graphique), le budget de l'exercice suivant s'il est chargé, et une annexe.
    Avec --au, le document s'arrête à cette date (un conseil d'administration en cours
    d'année) : sans --exercice, l'exercice de cette date.
    Les graphiques sont écrits à côté du document, dans DOSSIER (défaut : NOM-graphiques).
    Pour en faire un PDF (paquets Debian pandoc et weasyprint) :
      compta rapport-ag --exercice 2024 --sortie bilan-financier-2024.md
      pandoc bilan-financier-2024.md -s -o bilan-financier-2024.pdf --pdf-engine=weasyprint
    """,
    options: [.value("--exercice", "EXERCICE", "exercice présenté (défaut : le dernier exercice terminé)"),
              .value("--au", "DATE", "le document à cette date de l'exercice (défaut : sa fin, ou aujourd'hui s'il est en cours)"),
              .value("--sortie", "FICHIER", "document à écrire (défaut : bilan-financier-EXERCICE.md)"),
              .value("--graphiques", "DOSSIER", "dossier des graphiques, à côté du document"),
              .value("--modele", "MODELE", "anc : ajoute la présentation réglementaire du compte de résultat")],
    arguments: 0...0
) { ctx in
    let store = try ctx.openStore()
    let at = try ctx.day("--au")
    let exercice = try at == nil ? ctx.presentedExercice(store) : ctx.exercice(store)
    let model: CompteDeResultat.Model
    switch ctx.parsed.value("--modele") {
    case nil, "compte"?: model = .parCompte
    case "anc"?: model = .anc
    case let other?: throw UsageError(message: "modèle inconnu : \(other) (anc)", command: "rapport-ag")
    }
    let output = URL(fileURLWithPath: ctx.parsed.value("--sortie") ?? "bilan-financier-\(exercice.label)\(at.map { "-au-\($0.iso)" } ?? "").md")
    // The charts go beside the document; beside the reader (the current folder) when the
    // document goes to a stream (`--sortie /dev/stdout > ag.md`), not into /dev.
    let toStream = isWrittenInPlace(output.path)
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
