import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import compta
import Ledger
import LedgerStore
import Reports

/// Parses an SVG: well-formed or nil; the `data-valeur` of elements of a class, in order.
final class SVGValues: NSObject, XMLParserDelegate {
    var values: [String: [Int64]] = [:]
    var series: [String] = []
    var currentSeries = ""

    static func parse(_ data: Data) -> SVGValues? {
        let v = SVGValues()
        let p = XMLParser(data: data)
        p.delegate = v
        return p.parse() ? v : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if attributes["class"] == "serie" { currentSeries = attributes["data-nom"] ?? ""; series.append(currentSeries) }
        if let v = attributes["data-valeur"], let n = Int64(v) {
            let key = attributes["class"] == "barre" ? "barre:" + (attributes["data-serie"] ?? "") : "point:" + currentSeries
            values[key, default: []].append(n)
        }
    }
}

/// Cents of a French amount written in a CSV cell (`17400,00`).
func cents(_ s: String) -> Int64 { Int64(s.replacingOccurrences(of: ",", with: ""))! }

@Suite(.serialized) struct AGReport {
    @Test func theCloudGirofleBilanFinancier() throws {
        let s = Sandbox()
        #expect(s.run("demo").code == 0)
        let out = s.path("bilan-financier-2024.md")
        let r = s.run("rapport-ag", "--exercice", "2024", "--sortie", out)
        #expect(r.code == 0, "\(r.err)")
        let md = try String(contentsOfFile: out, encoding: .utf8)
        #expect(md.hasPrefix("---\ntitle: \"Bilan financier 2024 — Cloud Girofle\"\n"))
        #expect(md.contains("\nlang: fr\n"))
        // The published tables, to the cent.
        for row in ["| 604 | Achats d'études et prestations de services | 4 932,00 |  | 4 932,00 |",
                    "| 7562 | Cotisations avec contrepartie | 14 066,81 | 7 600,00 | 6 466,81 |",
                    "|  | **Total des charges** | **25 801,25** | **4 680,00** | **21 121,25** |",
                    "| BL-Évolution | 10 803,06 | 12 800,00 | 1 996,94 |",
                    "| Camp CHATONS | 5 062,00 | 5 118,00 | 56,00 |",
                    "| 604D | Prestation Gab | 6 720,00 |", "| 6132 | Locations immobilières | 3 598,00 |"] {
            #expect(md.replacingOccurrences(of: "\u{202F}", with: " ").contains(row), "\(row)")
        }
        #expect(md.contains("Résultat de l'exercice : **excédent de 6\u{202F}711,06 €**"))
        #expect(md.contains("Cotisations : 7\u{202F}600 € en 2023, 14\u{202F}067 € en 2024 (+85\u{A0}%)."))
        for section in ["# Synthèse", "# Compte de résultat", "# Comptes par projet", "## BL-Évolution", "## Le reste (sans projet)",
                        "# Bilan au 31/12/2024", "# Trésorerie", "# Budget prévisionnel et réalisé", "# Annexe", "## Comptes utilisés"] {
            #expect(md.contains("\n" + section + "\n"), "\(section)")
        }
        #expect(md.contains("\n- Comptabilité de trésorerie : chaque opération est enregistrée à la date de son passage en banque ou en caisse"),
                "the ledger has no receivable nor debt")
        #expect(md.contains("](bilan-financier-2024-graphiques/tresorerie.svg)"))
        #expect(md.contains("](bilan-financier-2024-graphiques/budget.svg)"))

        // The cash chart: 12 points a year, the month-end balances of the table.
        let charts = s.path("bilan-financier-2024-graphiques")
        let cash = try #require(SVGValues.parse(try Data(contentsOf: URL(fileURLWithPath: charts + "/tresorerie.svg"))), "well-formed SVG")
        #expect(cash.series == ["2024", "2023"])
        let table = s.run("tresorerie", "--exercice", "2024", "--format", "csv").out
        let monthEnds = table.split(separator: "\r\n").filter { $0.hasSuffix("") && $0.contains(" 2024;") }.map { cents(String($0.split(separator: ";")[3])) }
        #expect(cash.values["point:2024"] == monthEnds)
        #expect(cash.values["point:2024"]?.last == 1_740_000)
        #expect(cash.values["point:2023"]?.count == 12)
        // The budget chart: a bar per poste and series, the table's figures.
        let budget = try #require(SVGValues.parse(try Data(contentsOf: URL(fileURLWithPath: charts + "/budget.svg"))))
        #expect(budget.values["barre:Prévu"] == [250_000, 200_000, 30_000, 500_000, 400_000, 10_000, 300_000, 700_000, 750_000, 40_000, 200_000])
        #expect(budget.values["barre:Réalisé"]?.count == 13 - 1, "every poste but (trésorerie), and the two hors-budget lines")
        #expect(budget.values["barre:Réalisé"]?.first == 691_063)
    }

    @Test func pandocTurnsItIntoHTML() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/pandoc") else {
            print("pandoc n'est pas installé : conversion sautée (la CI l'installe).")
            return
        }
        let s = Sandbox()
        #expect(s.run("demo").code == 0)
        #expect(s.run("rapport-ag", "--exercice", "2024", "--sortie", s.path("bf.md")).code == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pandoc")
        p.currentDirectoryURL = s.folder
        p.arguments = ["bf.md", "-s", "-o", "bf.html"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(warnings.isEmpty, "\(warnings)")
        let html = try String(contentsOfFile: s.path("bf.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<table").count > 10)
        #expect(html.contains("src=\"bf-graphiques/tresorerie.svg\""))
        #expect(html.contains("<title>Bilan financier 2024 — Cloud Girofle</title>"))
    }

    @Test func sectionsWithoutContentAreLeftOut() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "Facture OVH", "604A=120", "512").code == 0)
        #expect(s.run("saisir", "2024-04-05", "Cotisation | \"<script>alert(1)</script>\"", "512=50", "7562").code == 0)
        #expect(s.run("comptes", "ajouter", "6226A", "Honoraires | avocat").code == 0)
        #expect(s.run("saisir", "2024-04-06", "Avocat", "6226A=10", "512").code == 0)
        let r = s.run("rapport-ag", "--sortie", s.path("ag.md"))
        #expect(r.code == 0, "\(r.err)")
        let md = try String(contentsOfFile: s.path("ag.md"), encoding: .utf8)
        #expect(!md.contains("# Comptes par projet"), "no project has a line")
        #expect(!md.contains("# Budget"), "no budget")
        #expect(!md.contains("Principales évolutions"), "no N-1")
        #expect(!md.contains("| 2023 |"))
        #expect(!md.contains("# Adhérents"), "no cotisation carries a tiers")
        #expect(!md.contains("<script>"))
        // Every table row has as many cells as its header: no raw | from a label.
        var width: Int? = nil
        for line in md.split(separator: "\n") {
            guard line.hasPrefix("|") else { width = nil; continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if width == nil { width = cells } else { #expect(cells == width, "\(line)") }
        }
    }

    /// Cotisations with their tiers give the AG its members' figures, counted from the ledger,
    /// beside the previous exercice's; no member's name is printed.
    @Test func cotisationsWithTheirTiersGiveAnAdherentsSection() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2023-01-01").code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", "2024-01-01").code == 0)
        for (day, cents, who) in [("2023-03-01", "30", "Léa Martin"), ("2023-04-01", "20", "Paul Durand"),
                                  ("2024-02-01", "40", "Léa Martin"), ("2024-05-01", "10", "Zoé Petit"), ("2024-06-01", "25", "Zoé Petit")] {
            #expect(s.run("saisir", day, "Cotisation", "512=\(cents)", "7562", "--tiers", who).code == 0)
        }
        #expect(s.run("saisir", "2024-07-01", "Don", "512=100", "754", "--tiers", "Paul Durand").code == 0)
        let r = s.run("rapport-ag", "--exercice", "2024", "--sortie", s.path("ag.md"))
        #expect(r.code == 0, "\(r.err)")
        let md = try String(contentsOfFile: s.path("ag.md"), encoding: .utf8)
        let section = md.components(separatedBy: "# Adhérents\n").dropFirst().first?.components(separatedBy: "\n# ").first ?? ""
        #expect(section.contains("| Adhérents | 2 | 2 |"), "\(section)")
        #expect(section.contains("| dont nouveaux | 1 | 2 |"), "\(section)")
        #expect(section.contains("| Non renouvelés | 1 | 0 |"), "\(section)")
        #expect(section.contains("| Cotisations des adhérents (€) | 75,00 | 50,00 |"), "\(section)")
        #expect(section.contains("| Cotisation médiane (€) | 37,50 | 25,00 |"), "\(section)")
        #expect(!md.contains("Léa") && !md.contains("Zoé"), "names stay with compta adherents")
    }

    /// Once the next exercice has begun, the AG still presents the one that ended.
    @Test func theDocumentPresentsTheLatestExerciceEnded() throws {
        let s = Sandbox()
        let current = today().firstOfMonth.adding(months: -2)
        let previous = current.adding(months: -12)
        #expect(s.run("init", "--nom", "Club", "--debut", previous.iso).code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", current.iso).code == 0)
        #expect(s.run("saisir", previous.adding(days: 9).iso, "Cotisations", "512=300", "7562").code == 0)
        #expect(s.run("saisir", current.adding(days: 9).iso, "Location", "6132=100", "512").code == 0)
        let label = previous.year == current.adding(days: -1).year ? String(previous.year) : "\(previous.year)-\(previous.year + 1)"
        let r = s.runRaw(["rapport-ag", "--livre", s.ledger, "--sortie", s.path("ag.md")])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Bilan financier \(label) écrit"), "\(r.out)")
        #expect(try String(contentsOfFile: s.path("ag.md"), encoding: .utf8).contains("Total des produits : **300,00 €**"))
    }

    @Test func badRequestsWriteNothing() throws {
        let s = Sandbox.tour()
        var r = s.run("rapport-ag", "--exercice", "2030", "--sortie", s.path("x.md"))
        #expect(r.code == 1 && r.err.contains("aucun exercice « 2030 »"))
        r = s.run("rapport-ag", "--sortie", s.path("x.md"))
        #expect(r.code == 1 && r.err.contains("l'exercice 2024 ne contient aucune écriture"))
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        r = s.run("rapport-ag", "--sortie", s.path("absent/x.md"))
        #expect(r.code == 1 && r.err.contains("n'existe pas"))
        let locked = s.path("lecture-seule")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
        r = s.run("rapport-ag", "--sortie", locked + "/x.md")
        if getuid() != 0 {
            #expect(r.code == 1 && r.err.contains("lecture seule"))
        }
        #expect(!FileManager.default.fileExists(atPath: s.path("x.md")))
        #expect(!FileManager.default.fileExists(atPath: s.path("absent")))
    }
}

/// The AG document of the demo, byte for byte, as `golden/` keeps it: the whole, the ANC
/// model, a board meeting during the exercice, and a ledger partly validated (the integrity
/// section). A change of the document's code that changes a byte shows here; a wanted change
/// of the document replaces these files.
@Suite(.serialized) struct AGGolden {
    static let clock = ["TZ": "Europe/Paris", "COMPTA_MAINTENANT": "2025-03-15T10:00:00+01:00"]

    func expectGolden(_ s: Sandbox, _ produced: String, _ golden: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let got = try Data(contentsOf: URL(fileURLWithPath: s.path(produced)))
        let want = try Data(contentsOf: packageURL("Tests/CLITests/golden/" + golden))
        #expect(got == want, "\(produced) differs from golden/\(golden)", sourceLocation: sourceLocation)
    }

    @Test func theDemoDocumentIsUnchanged() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: Self.clock).code == 0)
        var r = s.run(["rapport-ag", "--exercice", "2024", "--sortie", s.path("bilan-financier-2024.md")], environment: Self.clock)
        #expect(r.code == 0, "\(r.err)")
        try expectGolden(s, "bilan-financier-2024.md", "bilan-financier-2024.md")
        try expectGolden(s, "bilan-financier-2024-graphiques/tresorerie.svg", "tresorerie.svg")
        try expectGolden(s, "bilan-financier-2024-graphiques/budget.svg", "budget.svg")
        r = s.run(["rapport-ag", "--exercice", "2024", "--modele", "anc", "--sortie", s.path("bilan-financier-2024-anc.md")], environment: Self.clock)
        #expect(r.code == 0, "\(r.err)")
        try expectGolden(s, "bilan-financier-2024-anc.md", "bilan-financier-2024-anc.md")
        let board = ["TZ": "Europe/Paris", "COMPTA_MAINTENANT": "2024-09-15T10:00:00+02:00"]
        r = s.run(["rapport-ag", "--exercice", "2024", "--sortie", s.path("bilan-financier-2024-au-15-09.md")], environment: board)
        #expect(r.code == 0, "\(r.err)")
        try expectGolden(s, "bilan-financier-2024-au-15-09.md", "bilan-financier-2024-au-15-09.md")
        #expect(s.run(["valider", "--jusqu-au", "2024-06-30"], environment: Self.clock).code == 0)
        r = s.run(["rapport-ag", "--exercice", "2024", "--sortie", s.path("bilan-financier-2024-valide.md")], environment: Self.clock)
        #expect(r.code == 0, "\(r.err)")
        try expectGolden(s, "bilan-financier-2024-valide.md", "bilan-financier-2024-valide.md")
    }
}

/// The entry point a site will loop over gives, for each report, what its command prints
/// without options, and for the AG document the golden file.
@Suite struct EveryReport {
    @Test func theEntryPointIsTheCommandsReport() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        let store = try Store.open(path: s.ledger, now: try Now(environment: AGGolden.clock))
        let today = try Now(environment: AGGolden.clock).today
        let request = try ReportRequest.presenting(store.exercice("2024"), today: today, chainHead: store.chainHead())
        #expect(ledgerReports.count == 9)
        for report in ledgerReports {
            let doc = try #require(try report.document(store, request), "\(report.name)")
            if report is BilanFinancier.Type {
                let md = try MarkdownRenderer.render(doc, options: .init(metadata: .printedA4(date: today.longFrench),
                                                                         figuresFolder: "bilan-financier-2024-graphiques"))
                #expect(Data(md.utf8) == (try Data(contentsOf: packageURL("Tests/CLITests/golden/bilan-financier-2024.md"))))
                continue
            }
            for format in OutputFormat.allCases {
                let printed = s.run([report.name, "--exercice", "2024", "--format", format.rawValue, "--sans-bom"], environment: AGGolden.clock)
                #expect(printed.code == 0, "\(report.name): \(printed.err)")
                #expect(printed.out == (try format.render(doc)), "\(report.name) \(format)")
            }
        }
    }
}

extension EveryReport {
    /// The bank's documents, whatever the period: each is what its command prints without options.
    @Test func theBankReportsAreTheirCommands() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        let now = try Now(environment: AGGolden.clock)
        let store = try Store.open(path: s.ledger, now: now)
        let request = try ReportRequest.presenting(store.exercice("2024"), today: now.today)
        #expect(bankReports.map { $0.name } == ["attente", "releves", "regles", "pointage"])
        for report in bankReports {
            let doc = try #require(try report.document(store, request), "\(report.name)")
            for format in OutputFormat.allCases {
                let printed = s.run([report.name, "--format", format.rawValue, "--sans-bom"], environment: AGGolden.clock)
                #expect(printed.code == 0, "\(report.name): \(printed.err)")
                #expect(printed.out == (try format.render(doc)), "\(report.name) \(format)")
            }
        }
    }
}

extension AGReport {
    /// The sentences on changes against N-1 name an account by its label, which the association
    /// chose: it is Markdown-escaped there as in the tables, so it cannot become HTML.
    @Test func aLabelInTheChangesAgainstLastYearStaysText() throws {
        let s = Sandbox()
        #expect(s.run("init", "--nom", "Club", "--debut", "2023-01-01").code == 0)
        #expect(s.run("exercices", "ajouter", "--debut", "2024-01-01").code == 0)
        #expect(s.run("comptes", "ajouter", "6131", "Location <b>salle</b> *A*").code == 0)
        #expect(s.run("saisir", "2023-03-05", "Salle", "6131=100", "512").code == 0)
        #expect(s.run("saisir", "2024-03-05", "Salle", "6131=900", "512").code == 0)
        let r = s.run(["rapport-ag", "--exercice", "2024", "--sortie", s.path("ag.md")], environment: AGGolden.clock)
        #expect(r.code == 0, "\(r.err)")
        let md = try String(contentsOfFile: s.path("ag.md"), encoding: .utf8)
        #expect(md.contains("- Location \\<b\\>salle\\</b\\> \\*A\\* : 100 € en 2023, 900 € en 2024 (+800\u{A0}%)."), "\(md)")
        #expect(!md.contains("<b>"))
    }
}
