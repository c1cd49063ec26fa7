import Foundation
import Ledger
import LedgerStore
import Reports

/// Splits a script line into words: spaces separate, double quotes group.
func scriptWords(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false, hasWord = false
    for c in line {
        if c == "\"" { quoted.toggle(); hasWord = true; continue }
        if c == " " && !quoted {
            if hasWord { words.append(current) }
            current = ""
            hasWord = false
            continue
        }
        current.append(c)
        hasWord = true
    }
    if hasWord { words.append(current) }
    return words
}

let demoCommand = Command(
    path: ["demo"], usage: "compta demo [--livre FICHIER]",
    summary: "construit le livre d'exemple (Cloud Girofle 2023-2024) et écrit son bilan financier pour l'AG",
    help: """
    La démonstration tape pour vous les commandes d'un·e trésorier·e (elles s'affichent au fur et
    à mesure) sur les données de Fixtures/cloud-girofle-2024/, incluses dans le programme et
    copiées dans son dossier temporaire, avec le livre et le bilan financier.
    Avec --livre FICHIER (ou COMPTA_LIVRE), le livre est gardé : essayez ensuite toutes les
    autres commandes dessus.
    """,
    options: [], arguments: 0...0
) { ctx in
    // One temporary folder (under $TMPDIR) for the demo's files, built into the program, the
    // bilan financier, and the ledger unless one is named.
    let temporary = ctx.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory
    let demoFolder = temporary.appendingPathComponent("compta-demo-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: demoFolder, withIntermediateDirectories: true)
    let folder = demoFolder.path
    for (name, text) in DemoFiles.files { try writeFileAtomically(folder + "/" + name, text) }
    guard let script = DemoFiles.files["demo.txt"] else { throw DemoError.missingFile("demo.txt") }
    let scriptPath = folder + "/demo.txt"
    let explicit = ctx.parsed.value("--livre") ?? ctx.environment["COMPTA_LIVRE"]
    let ledger = explicit.flatMap { $0.isEmpty ? nil : $0 } ?? demoFolder.appendingPathComponent("cloud-girofle.sqlite").path
    var quiet = Output(out: { _ in }, err: { ctx.output.error($0) })
    // The script names its files under $DOSSIER: say once what it is.
    ctx.output.error("$ DOSSIER=\(folder)")
    for (index, raw) in script.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.isEmpty || line.hasPrefix("#") { continue }
        let words = scriptWords(line.replacingOccurrences(of: "$DOSSIER", with: folder))
        guard words.first == "compta" else { continue }
        ctx.output.error("$ " + line)
        let code = CLI.run(arguments: Array(words.dropFirst()) + ["--livre", ledger],
                           environment: ctx.environment, output: quiet, now: ctx.now)
        if code != 0 {
            throw DemoError.stepFailed(script: scriptPath, line: index + 1, command: line)
        }
        quiet = Output(out: { _ in }, err: { ctx.output.error($0) })
    }
    // The main job: the general assembly's bilan financier.
    let document = demoFolder.appendingPathComponent("bilan-financier-2024.md").path
    ctx.output.error("$ compta rapport-ag --exercice 2024 --sortie \(document)")
    guard CLI.run(arguments: ["rapport-ag", "--exercice", "2024", "--sortie", document, "--livre", ledger],
                  environment: ctx.environment, output: quiet, now: ctx.now) == 0 else {
        throw DemoError.stepFailed(script: scriptPath, line: 0, command: "compta rapport-ag --exercice 2024")
    }
    ctx.output.write(try readText(document))
    ctx.output.error("""

        Bilan financier de l'assemblée générale : \(document)
        (graphiques dans \(demoFolder.appendingPathComponent("bilan-financier-2024-graphiques").path))
        Livre de démonstration : \(ledger)
        Ce qu'il a lu (écritures 2023, règles, relevé et budget 2024, script demo.txt) : \(folder)
        Essayez : compta resultat --livre \(ledger) --comparer
                  compta adherents --livre \(ledger) --exercice 2024 --anciens   (qui n'a pas renouvelé ?)
                  compta site --livre \(ledger) --sortie \(demoFolder.appendingPathComponent("bureau").path)   (les pages du bureau, à ouvrir dans un navigateur)
        Pour un PDF : cd \(demoFolder.path) && pandoc bilan-financier-2024.md -s -o bilan-financier-2024.pdf --pdf-engine=weasyprint
                      ou la page HTML, à imprimer depuis un navigateur : compta rapport-ag --livre \(ledger) --exercice 2024 --format html --sortie \(demoFolder.appendingPathComponent("bilan-financier-2024.html").path)
        """)
}

enum DemoError: Error {
    case stepFailed(script: String, line: Int, command: String)
    /// A file of `Fixtures/cloud-girofle-2024/` the program was built without.
    case missingFile(String)
}
