import Foundation
import Testing
@testable import compta
import Ledger
import LedgerStore
import Reports

/// `--format html` on every report, and the AG document as one page.
@Suite(.serialized) struct HTMLReports {
    /// What the commands that need more than `--format` are given to print something.
    static let arguments: [String: [String]] = [
        "tiers voir": ["T0001"], "recus emettre": ["--essai", "--annee", "2024"], "recus declaration": ["--annee", "2024"],
        "fonds-dedies calculer": ["--exercice", "2024"],
    ]

    /// Every command that takes the reports' `--format` prints a page in HTML.
    @Test func everyReportPrintsAPage() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        #expect(s.run("association", "--recus", "200", "--qualite", "interet-general", "--adresse", "1 rue du Lavoir, 29000 Quimper",
                      "--objet", "Hébergement libre", "--signataire", "Léa Martin", "--role-signataire", "Trésorière").code == 0)
        // A receipt needs validated entries and a donor's address.
        #expect(s.run(["valider", "--jusqu-au", "2024-12-31"], environment: AGGolden.clock).code == 0)
        #expect(s.run("tiers", "modifier", "T0019", "--adresse", "3 rue Haute, 29000 Quimper").code == 0)
        let reports = CLI.commands.filter { $0.options.contains { $0.name == "--format" && $0.help == formatOptions[0].help } }
        #expect(reports.count >= 20, "\(reports.map(\.name))")
        for command in reports {
            let r = s.run(command.path + (Self.arguments[command.name] ?? []) + ["--format", "html"], environment: AGGolden.clock)
            #expect(r.code == 0, "\(command.name): \(r.err)")
            #expect(r.out.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">\n"), "\(command.name): \(r.out.prefix(200))")
            #expect(r.out.hasSuffix("</html>\n"), "\(command.name)")
            #expect(unbalancedTags(r.out) == [], "\(command.name)")
        }
        // The import's summary too (`texte` or `json` in its usage, any format in fact).
        let r = s.run(["importer", "--format", "html", "--essai", s.write("r.csv", "Date;Libellé;Montant\n05/03/2024;OVH;-12,00\n")],
                      environment: AGGolden.clock)
        #expect(r.code == 0 && r.out.hasPrefix("<!DOCTYPE html>"), "\(r.err)")
    }

    @Test func anUnknownFormatNamesThemAll() throws {
        let s = Sandbox.tour()
        let r = s.run("balance", "--format", "pdf")
        #expect(r.code == 2 && r.out.isEmpty)
        #expect(r.err.contains("format inconnu : pdf (formats : texte, md, csv, json, html)"), "\(r.err)")
    }

    /// A label is the association's text, never markup: `<script>` prints as text, in the
    /// journal, the grand livre, the balance; a label of the longest a ledger keeps may break anywhere.
    @Test func labelsWithHTMLStayText() throws {
        let s = Sandbox.tour()
        #expect(s.run("comptes", "ajouter", "6226A", "Honoraires <b>avocat</b> & \"associés\"").code == 0)
        #expect(s.run("saisir", "2024-04-05", "<script>alert(1)</script>", "512=50", "7562").code == 0)
        let long = String(repeating: "x", count: String.maxLedgerText)
        #expect(s.run("saisir", "2024-04-06", long, "6226A=10", "512").code == 0)
        for report in ["journal", "grand-livre", "balance"] {
            let html = s.run(report, "--format", "html").out
            #expect(!html.contains("<script>") && !html.contains("<b>"), "\(report)")
            #expect(unbalancedTags(html) == [], "\(report)")
            if report != "balance" {
                #expect(html.contains("<td class=\"texte\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"), "\(report)")
                #expect(html.contains("<td class=\"texte long\">\(long)</td>"), "\(report)")
            }
        }
        #expect(s.run("balance", "--format", "html").out.contains("<td class=\"texte\">Honoraires &lt;b&gt;avocat&lt;/b&gt; &amp; &quot;associés&quot;</td>"))
    }
}

/// `rapport-ag --format html`: the AG document as one self-contained page.
@Suite(.serialized) struct AGReportHTML {
    /// The demo's page holds its key figures, computed here from the ledger's totals; its
    /// charts inline; nothing from elsewhere.
    @Test func theDemoPageStandsAlone() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        let r = s.run(["rapport-ag", "--exercice", "2024", "--format", "html", "--sortie", s.path("ag.html")], environment: AGGolden.clock)
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("Bilan financier 2024 écrit dans \(s.path("ag.html")) (une page HTML, graphiques compris)."))
        #expect(r.out.contains("Imprimer, puis « Enregistrer au format PDF »"))
        #expect(!FileManager.default.fileExists(atPath: s.path("ag-graphiques")), "no folder of charts")
        let html = try String(contentsOfFile: s.path("ag.html"), encoding: .utf8)

        let store = try Store.open(path: s.ledger, now: try Now(environment: AGGolden.clock))
        let e = try store.exercice("2024")
        func total(_ prefix: String) throws -> Money {
            Money.sum(try store.totals(TotalsQuery(from: e.start, to: e.end, accountPrefixes: [prefix])).map { $0.debit - $0.credit })
        }
        let charges = try total("6"), produits = Money(cents: 0) - (try total("7"))
        for figure in [charges, produits, produits - charges] {
            #expect(html.contains("<strong>\(figure.formatted())\u{00A0}€</strong>") || html.contains("excédent de \(figure.formatted())\u{00A0}€"),
                    "\(figure)")
            #expect(html.contains(">\(figure.formatted())</td>"), "\(figure) in a table")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<title>Bilan financier 2024 — Cloud Girofle</title>"))
        #expect(html.contains("<p class=\"date\">Établi le 15 mars 2025</p>"))
        #expect(html.components(separatedBy: "<svg ").count == 3, "the two charts, inline")
        #expect(html.contains("<figcaption>Solde des comptes de banque et de caisse"))
        // Nothing fetched: the only address is the SVG namespace, a name, not a resource.
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "http") == nil)
        for resource in ["<script", "<link", "src=", "@import", "url("] { #expect(!html.contains(resource), "\(resource)") }
        #expect(unbalancedTags(html) == [])
        // Each main section on a page of its own once printed.
        #expect(html.contains("<main class=\"pages\">"))
        for section in ["Synthèse", "Compte de résultat", "Comptes par projet", "Bilan au 31/12/2024", "Trésorerie", "Budget prévisionnel et réalisé",
                        "Adhérents", "Annexe"] {
            #expect(html.contains("<section>\n<h2>\(section)</h2>"), "\(section)")
        }
        #expect(html.components(separatedBy: "<section>").count == 9)
    }

    /// Printed by a browser (Debian's chromium, when installed: the CI installs it), the page of
    /// `rapport-ag` and the AG page of the site give each an A4 PDF whose text holds the figures,
    /// each main section beginning a page of its own.
    @Test func aBrowserPrintsItToPDF() throws {
        let chromium = "/usr/bin/chromium", pdftotext = "/usr/bin/pdftotext"
        guard FileManager.default.isExecutableFile(atPath: chromium), FileManager.default.isExecutableFile(atPath: pdftotext) else {
            print("chromium ou pdftotext n'est pas installé : impression sautée (la CI les installe).")
            return
        }
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        #expect(s.run(["rapport-ag", "--exercice", "2024", "--sortie", s.path("ag.html")], environment: AGGolden.clock).code == 0)
        #expect(s.run(["site", "--sortie", s.path("bureau")], environment: AGGolden.clock).code == 0)
        try FileManager.default.createDirectory(atPath: s.path("tmp"), withIntermediateDirectories: true)
        func run(_ tool: String, _ arguments: [String]) -> String { runProgram(URL(fileURLWithPath: tool), arguments, in: s.folder).out }
        for page in ["ag.html", "bureau/2024/rapport-ag.html"] {
            let pdf = s.path(page.replacingOccurrences(of: "/", with: "-") + ".pdf")
            _ = run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=" + s.path("profil"),
                               "--print-to-pdf=" + pdf, "file://" + s.path(page)])
            let info = run("/usr/bin/pdfinfo", [pdf])
            #expect(info.contains("(A4)"), "\(page): \(info)")
            let count = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
            #expect(count >= 8, "\(page): \(info)")
            let text = run(pdftotext, [pdf, "-"]).replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
            let html = try String(contentsOfFile: s.path(page), encoding: .utf8)
            // The figures of the synthesis, read from the page, each in the printed text.
            let figures = html.components(separatedBy: "<strong>").dropFirst().prefix(3).map { $0.components(separatedBy: "\u{00A0}€").first ?? "" }
            #expect(figures.count == 3)
            for figure in figures { #expect(text.contains(figure.replacingOccurrences(of: "\u{202F}", with: " ")), "\(page): \(figure)") }
            #expect(text.contains("25 801,25") && text.contains("32 512,31") && text.contains("6 711,06"), "\(page)")
            #expect(text.contains("Bilan financier 2024 — Cloud Girofle") && text.contains("Trésorerie en fin de mois"), "\(page)")
            // pdftotext ends each page with a form feed: every main section heads a page.
            let firstLines = text.split(separator: "\u{0C}").map { $0.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? "" }
            #expect(firstLines.count == count, "\(page)")
            for section in ["Bilan financier 2024 — Cloud Girofle", "Compte de résultat", "Comptes par projet", "Bilan au 31/12/2024", "Trésorerie",
                            "Budget prévisionnel et réalisé", "Adhérents", "Annexe"] {
                #expect(firstLines.contains(section), "\(page): \(section) begins no page: \(firstLines)")
            }
        }
    }

    /// A strict HTML5 parser (html5lib, when installed: the CI installs it) reads the AG page
    /// and the reports' pages without an error.
    @Test func aStrictParserReadsThePages() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        #expect(s.run(["rapport-ag", "--exercice", "2024", "--sortie", s.path("rapport-ag.html")], environment: AGGolden.clock).code == 0)
        var pages = ["rapport-ag.html"]
        for report in ["balance", "grand-livre", "resultat", "bilan", "tresorerie", "budget", "adherents", "attente"] {
            _ = s.write(report + ".html", s.run([report, "--exercice", "2024", "--format", "html"], environment: AGGolden.clock).out)
            pages.append(report + ".html")
        }
        strictlyParsed(pages, in: s.folder)
    }

    /// `--sortie` ending in `.html` is enough; a `--format` that the file's name contradicts is
    /// refused (a browser would show Markdown as text, an editor HTML as tags).
    @Test func theFormatFollowsTheFileName() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        let r = s.run("rapport-ag", "--sortie", s.path("ag.HTML"))
        #expect(r.code == 0, "\(r.err)")
        #expect(try String(contentsOfFile: s.path("ag.HTML"), encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        let contradicted = s.run("rapport-ag", "--sortie", s.path("ag.html"), "--format", "md")
        #expect(contradicted.code == 2 && contradicted.err.contains("--format md mais --sortie"), "\(contradicted.err)")
        #expect(!FileManager.default.fileExists(atPath: s.path("ag.html")))
    }

    @Test func badRequestsWriteNothing() throws {
        let s = Sandbox.tour()
        // An exercice without entries, an exercice the ledger lacks.
        try s.refuses(["rapport-ag", "--format", "html", "--sortie", s.path("ag.html")], says: ["l'exercice 2024 ne contient aucune écriture"])
        try s.refuses(["rapport-ag", "--format", "html", "--exercice", "2030", "--sortie", s.path("ag.html")], says: ["aucun exercice « 2030 »"])
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        let locked = s.path("lecture-seule")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
        if getuid() != 0 {
            try s.refuses(["rapport-ag", "--format", "html", "--sortie", locked + "/ag.html"], says: ["lecture seule"])
        }
        for (args, message) in [(["--format", "pdf", "--sortie", s.path("ag.pdf")], "le bilan financier s'écrit en md ou en html, pas en « pdf » : --format md"),
                                (["--format", "html", "--graphiques", "g", "--sortie", s.path("ag.html")],
                                 "--graphiques sert au format md : en html, les graphiques sont dans la page ; retirez --graphiques"),
                                (["--format", "html", "--sortie", s.path("ag.md")], "la page HTML irait dans un fichier .md. Nommez-le .html"),
                                (["--format", "md", "--sortie", s.path("ag.html")], "Nommez le fichier .md, ou retirez --format md")] {
            let r = s.run(["rapport-ag"] + args)
            #expect(r.code == 2 && r.out.isEmpty, "\(args)")
            #expect(r.err.contains(message), "\(r.err)")
        }
        try s.refuses(["rapport-ag", "--format", "html", "--sortie", s.path("absent/ag.html")], says: ["n'existe pas"])
        for name in ["ag.pdf", "ag.html", "ag.md", "g", "absent"] { #expect(!FileManager.default.fileExists(atPath: s.path(name)), "\(name)") }
    }
}

/// html5lib (when installed: the CI installs it) parses each of `pages` (paths, or names in
/// `folder`) strictly, without an error; skipped with a word when it is missing.
func strictlyParsed(_ pages: [String], in folder: URL, sourceLocation: SourceLocation = #_sourceLocation) {
    let check = """
        import sys
        try:
            import html5lib
        except ImportError:
            print("absent"); sys.exit(0)
        for page in sys.argv[1:]:
            try:
                html5lib.HTMLParser(strict=True).parse(open(page, "rb"))
            except Exception as e:
                print(page, e); sys.exit(1)
        print("ok")
        """
    let r = runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", check] + pages, in: folder)
    if r.out == "absent\n" {
        print("html5lib n'est pas installé : relecture stricte sautée (la CI l'installe).")
        return
    }
    #expect(r.code == 0 && r.out == "ok\n", "\(r.out) \(r.err)", sourceLocation: sourceLocation)
}
