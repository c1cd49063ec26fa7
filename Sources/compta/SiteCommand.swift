import Foundation
import Ledger
import LedgerStore
import Reports

let siteCommand = Command(
    path: ["site"], usage: "compta site --sortie DOSSIER [--exercice E] [--avec-noms]",
    summary: "écrit le site du bureau : des pages HTML (résultat, budget, trésorerie, projets, grand livre...) à ouvrir dans un navigateur",
    help: """
    Le dossier se lit sans serveur ni connexion : ouvrez DOSSIER/index.html, ou partagez le
    dossier (un dossier Nextcloud, un espace web). L'accueil donne le résultat à date face à la
    même période de l'exercice précédent, la trésorerie et sa courbe, les mois qu'elle couvre,
    le budget poste par poste, les opérations en attente et la date du dernier relevé importé.
    Chaque numéro de compte mène à son grand livre. Les exercices précédents ont leurs pages.
    Les adhérents n'y sont que comptés ; --avec-noms publie leur liste (des données
    personnelles : ne partagez alors le dossier qu'avec le bureau).
    Le site est refait en entier à chaque fois et remplace l'ancien d'un coup. Un dossier qui
    existe déjà et n'a pas été fait par compta site n'est jamais remplacé.
    Exemple : compta site --sortie bureau
    """,
    options: [.value("--sortie", "DOSSIER", "dossier du site (créé, ou remplacé s'il a été fait par compta site)"),
              .value("--exercice", "EXERCICE", "exercice de l'accueil (défaut : l'exercice en cours)"),
              .flag("--avec-noms", "publie la liste nominative des adhérents (données personnelles)")],
    arguments: 0...0
) { ctx in
    guard let given = ctx.parsed.value("--sortie"), !given.isEmpty else {
        throw UsageError(message: "indiquez le dossier du site : --sortie DOSSIER", command: "site")
    }
    let target = URL(fileURLWithPath: given).standardizedFileURL.path
    // Checked before anything is read or written: the folder it goes in, and what it replaces.
    try writableFolder(of: target)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory),
       !isDirectory.boolValue || !FileManager.default.fileExists(atPath: target + "/" + Site.marker) {
        throw InputError.notASite(path: target)
    }
    let store = try ctx.openStore()
    let exercice = try store.exercice(ctx.parsed.value("--exercice"))
    let time = ctx.now.local(ctx.now.instant)?.time
    let options = Site.Options(today: ctx.now.today, madeAt: "le \(ctx.now.today.french)" + (time.map { " à \($0)" } ?? ""),
                               withNames: ctx.parsed.has("--avec-noms"))
    let pages = try Site.pages(store, current: exercice, options: options)
    try writeFolder(target, files: pages.map { ($0.path, $0.html) } + [(Site.marker, "Site fait par compta site : ce dossier est remplacé en entier à chaque fois.\n")])
    ctx.output.print("Site de l'exercice \(exercice.label) écrit dans \(target) : \(pages.count) pages. Ouvrez \(target)/index.html dans un navigateur.")
    if ctx.parsed.has("--avec-noms") {
        ctx.output.print("Il contient les noms des adhérents : ne le partagez qu'avec le bureau.")
    }
}

/// Writes `files` (paths relative to `target`) as one folder that replaces `target` at once: they
/// are written into a new folder beside it, which is renamed over it only when complete. The
/// old folder is moved aside first and removed only once the new one is in place; if that rename
/// fails, the old one comes back. A synced folder (Nextcloud) never shows half a site.
func writeFolder(_ target: String, files: [(path: String, text: String)]) throws {
    let fm = FileManager.default
    let url = URL(fileURLWithPath: target)
    let parent = url.deletingLastPathComponent().path
    let name = url.lastPathComponent
    let building = parent + "/.\(name).compta-site-\(getpid())-nouveau"
    let aside = parent + "/.\(name).compta-site-\(getpid())-ancien"
    do {
        try? fm.removeItem(atPath: building)
        try fm.createDirectory(atPath: building, withIntermediateDirectories: false)
        for f in files {
            let path = building + "/" + f.path
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !fm.fileExists(atPath: folder) { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            guard fm.createFile(atPath: path, contents: Data(f.text.utf8)) else {
                throw InputError.cannotWrite(path: target, reason: writeFailure(errno))
            }
        }
    } catch {
        try? fm.removeItem(atPath: building)
        if let e = error as? InputError { throw e }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        throw InputError.cannotWrite(path: target, reason: writeFailure(underlying?.domain == NSPOSIXErrorDomain ? Int32(underlying!.code) : EACCES))
    }
    let replacing = fm.fileExists(atPath: target)
    if replacing, rename(target, aside) != 0 {
        let code = errno
        try? fm.removeItem(atPath: building)
        throw InputError.cannotWrite(path: target, reason: writeFailure(code))
    }
    if rename(building, target) != 0 {
        let code = errno
        if replacing { rename(aside, target) }
        try? fm.removeItem(atPath: building)
        throw InputError.cannotWrite(path: target, reason: writeFailure(code))
    }
    if replacing { try? fm.removeItem(atPath: aside) }
}
