import Foundation
import Testing
@testable import compta
import Ledger
import LedgerStore
@testable import Reports

/// `compta site`: the board's static site, its pages opened by a real browser.
@Suite(.serialized) struct BoardSite {
    /// The HTML files of the site in `folder`, relative to it.
    static func pages(in folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".html") }.sorted()
    }

    /// Every address a page links to, as written.
    static func hrefs(_ html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// The demo's charges, produits and result of 2024, from the ledger's totals.
    static func demoFigures(_ s: Sandbox) throws -> [Money] {
        let store = try Store.open(path: s.ledger, now: try Now(environment: AGGolden.clock))
        let e = try store.exercice("2024")
        func total(_ prefix: String) throws -> Money {
            Money.sum(try store.totals(TotalsQuery(from: e.start, to: e.end, accountPrefixes: [prefix])).map { $0.debit - $0.credit })
        }
        let charges = try total("6"), produits = Money(cents: 0) - (try total("7"))
        return [charges, produits, produits - charges]
    }

    /// The demo's site: every page there, every link leads to a page of the site, the key figures
    /// on the home and the compte de résultat, a strict parser and a browser read every page;
    /// one screenshot of each kind of page goes to a folder the test prints.
    @Test func theDemoSiteInABrowser() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        let site = s.path("bureau")
        let r = s.run(["site", "--sortie", site], environment: AGGolden.clock)
        #expect(r.code == 0, "\(r.err)")
        let pages = Self.pages(in: site)
        #expect(r.out.contains("Site de l'exercice 2024 écrit dans \(site) : \(pages.count) pages. Ouvrez \(site)/index.html dans un navigateur."), "\(r.out)")
        for page in ["index.html", "2024/resultat.html", "2024/budget.html", "2024/projets.html", "2024/projet-BL-EVOLUTION.html",
                     "2024/tresorerie.html", "2024/bilan.html", "2024/balance.html", "2024/adherents.html", "2024/rapport-ag.html",
                     "2024/comptes/512.html", "2024/comptes/604A.html", "2023/index.html", "2023/resultat.html"] {
            #expect(pages.contains(page), "\(page)")
        }
        #expect(!pages.contains("2024/index.html"), "the current exercice's home is the site's")
        #expect(FileManager.default.fileExists(atPath: site + "/.compta-site"))

        var html: [String: String] = [:]
        for page in pages {
            let text = try String(contentsOfFile: site + "/" + page, encoding: .utf8)
            html[page] = text
            #expect(unbalancedTags(text) == [], "\(page)")
            // Relative links only, each to a file of the site; nothing fetched from elsewhere.
            for href in Self.hrefs(text) {
                #expect(!href.hasPrefix("/") && !href.contains(":"), "\(page): \(href)")
                let target = URL(fileURLWithPath: site + "/" + page).deletingLastPathComponent().appendingPathComponent(href).standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: target), "\(page) → \(href)")
            }
            for resource in ["<script", "<link", "src=", "@import", "url("] { #expect(!text.contains(resource), "\(page): \(resource)") }
        }
        let figures = try Self.demoFigures(s)
        #expect(figures.map { $0.formatted() } == ["25\u{202F}801,25", "32\u{202F}512,31", "6\u{202F}711,06"])
        for page in ["index.html", "2024/resultat.html"] {
            for figure in figures { #expect(html[page]?.contains(">\(figure.formatted())</td>") == true, "\(page): \(figure)") }
        }
        #expect(html["index.html"]?.contains("Résultat de l&apos;exercice\u{00A0}: <strong>excédent de \(figures[2].formatted())\u{00A0}€</strong>") == true)
        #expect(html["index.html"]?.contains("<p class=\"date\">Site établi le 15/03/2025 à 10:00</p>") == true)
        #expect(html["index.html"]?.contains("Dernier relevé importé\u{00A0}: releve-2024.csv") == true)
        // Account numbers lead to their grand livre, from any page.
        #expect(html["2024/balance.html"]?.contains("<a href=\"comptes/512.html\">512</a>") == true)
        #expect(html["2024/balance.html"]?.contains("<li><a href=\"balance.html\" aria-current=\"page\">Balance</a></li>") == true)
        #expect(html["2024/rapport-ag.html"]?.contains("<a href=\"comptes/604A.html\">604A</a>") == true)
        // Counts only: no member's name.
        let member = s.run(["adherents", "--exercice", "2024", "--format", "csv"], environment: AGGolden.clock).out
            .split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ";").dropFirst().first ?? ""
        #expect(member == "Recyclerie")
        for (page, text) in html { #expect(!text.contains(String(member)), "\(page)") }

        strictlyParsed(pages.map { site + "/" + $0 }, in: s.folder)
        try Self.openedInABrowser(site, pages: pages, in: s)
    }

    /// Headless chromium (when installed: the CI installs it) loads every page without a console
    /// error or a resource that fails to load, and takes a screenshot of one page of each kind
    /// into the folder printed.
    static func openedInABrowser(_ site: String, pages: [String], in s: Sandbox) throws {
        guard let opened = browserCheck(pages.map { site + "/" + $0 }, in: s) else { return }
        #expect(opened.code == 0 && opened.out == "\(pages.count) pages ouvertes\n", "\(opened.out)\(opened.err)")
        let browser = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + s.path("profil")]
        let captures = ProcessInfo.processInfo.environment["COMPTA_CAPTURES"] ?? packageURL(".build/captures-site").path
        try FileManager.default.createDirectory(atPath: captures, withIntermediateDirectories: true)
        for page in ["index.html", "2024/resultat.html", "2024/budget.html", "2024/projets.html", "2024/projet-BL-EVOLUTION.html",
                     "2024/tresorerie.html", "2024/bilan.html", "2024/balance.html", "2024/adherents.html", "2024/rapport-ag.html",
                     "2024/comptes/512.html"] {
            let png = captures + "/" + page.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".html", with: ".png")
            try? FileManager.default.removeItem(atPath: png)
            _ = runProgram(URL(fileURLWithPath: BoardSite.chromium), browser + ["--screenshot=" + png, "--window-size=1280,1600", "file://" + site + "/" + page], in: s.folder)
            #expect(FileManager.default.fileExists(atPath: png), "\(page)")
        }
        print("Captures d'écran du site de la démo : \(captures)")
    }

    static let chromium = "/usr/bin/chromium"

    /// `Tests/browser/pages.py` opens `pages` (paths, or names in the sandbox's folder) in one
    /// headless chromium and says, page by page, what went wrong: a console error, a resource
    /// that did not load. nil, with a word, when chromium is not installed (the CI installs it).
    static func browserCheck(_ pages: [String], in s: Sandbox) -> Run? {
        guard FileManager.default.isExecutableFile(atPath: chromium) else {
            print("chromium n'est pas installé : pages non ouvertes dans un navigateur (la CI l'installe).")
            return nil
        }
        try? FileManager.default.createDirectory(atPath: s.path("tmp"), withIntermediateDirectories: true)
        return runProgram(URL(fileURLWithPath: "/usr/bin/env"),
                          ["python3", packageURL("Tests/browser/pages.py").path, chromium, s.path("profil-verif")] + pages, in: s.folder)
    }

    /// The browser check fails on what a page logs or misses: an image that is not there, a
    /// style sheet that is not there, an error logged, an exception, a page that is not there.
    @Test func theBrowserCheckSeesWhatGoesWrong() throws {
        let s = Sandbox()
        func page(_ name: String, head: String = "", _ body: String) {
            _ = s.write(name, "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>t</title>\(head)</head><body><main>\(body)</main></body></html>\n")
        }
        page("bonne.html", "<p>rien à redire</p>")
        page("image.html", "<img src=\"absente.png\" alt=\"absente\">")
        page("style.html", head: "<link rel=\"stylesheet\" href=\"absent.css\">", "<p>x</p>")
        page("erreur.html", "<script>console.error(\"le total ne tombe pas\")</script>")
        page("exception.html", "<script>totalInconnu()</script>")
        guard let r = Self.browserCheck(["bonne.html", "image.html", "style.html", "erreur.html", "exception.html", "absente.html"], in: s) else { return }
        #expect(r.code == 1, "\(r.out)\(r.err)")
        let lines = r.out.split(separator: "\n").map(String.init)
        #expect(lines.contains("image.html: ressource: Failed to load resource: net::ERR_FILE_NOT_FOUND file://\(s.path("absente.png"))"), "\(r.out)")
        #expect(lines.contains("style.html: ressource: Failed to load resource: net::ERR_FILE_NOT_FOUND file://\(s.path("absent.css"))"), "\(r.out)")
        #expect(lines.contains("erreur.html: console: le total ne tombe pas"), "\(r.out)")
        #expect(lines.contains("exception.html: console: ReferenceError: totalInconnu is not defined"), "\(r.out)")
        #expect(lines.contains("absente.html: ressource: net::ERR_FILE_NOT_FOUND"), "\(r.out)")
        #expect(!lines.contains { $0.hasPrefix("bonne.html") }, "\(r.out)")
        #expect(lines.last == "6 pages ouvertes")
    }

    /// The budget's écart is réalisé minus prévu on both sides; only bad news is red: a dépense
    /// over its budget, a recette under it. A dépense under budget is not, and a sentence says so.
    @Test func theBudgetMarksBadNewsOnly() throws {
        let s = Sandbox.tour()
        for entry in [["2024-03-05", "Loyer", "6132=1500", "512"], ["2024-03-06", "Serveur", "604=400", "512"],
                      ["2024-03-07", "Cotisation", "512=200", "756"], ["2024-03-08", "Don", "512=300", "754"]] {
            #expect(s.run(["saisir"] + entry).code == 0, "\(entry)")
        }
        let budget = s.write("budget.csv", "poste;sens;montant;comptes\nLocation;dépense;1200;6132\nServeurs;dépense;1000;604\n"
                             + "Cotisations;recette;1200;756\nDons;recette;100;754\n")
        #expect(s.run("budget", "importer", budget, "--exercice", "2024").code == 0)
        let site = s.path("bureau")
        #expect(s.run(["site", "--sortie", site], environment: AGGolden.clock).code == 0)
        let page = try String(contentsOfFile: site + "/2024/budget.html", encoding: .utf8)
        let command = s.run(["budget", "--exercice", "2024", "--format", "html"], environment: AGGolden.clock).out
        for html in [page, command] {
            #expect(html.contains("<td class=\"texte\">Location</td><td class=\"nombre\">1\u{202F}200,00</td><td class=\"nombre\">1\u{202F}500,00</td><td class=\"nombre depassement\">300,00</td>"))
            #expect(html.contains("<td class=\"texte\">Serveurs</td><td class=\"nombre\">1\u{202F}000,00</td><td class=\"nombre\">400,00</td><td class=\"nombre\">-600,00</td>"))
            #expect(html.contains("<td class=\"texte\">Cotisations</td><td class=\"nombre\">1\u{202F}200,00</td><td class=\"nombre\">200,00</td><td class=\"nombre negatif\">-1\u{202F}000,00</td>"))
            #expect(html.contains("<td class=\"texte\">Dons</td><td class=\"nombre\">100,00</td><td class=\"nombre\">300,00</td><td class=\"nombre\">200,00</td>"))
            #expect(html.contains("Pour une dépense, un écart positif est un dépassement, un écart négatif une économie\u{00A0}; pour une recette, un écart négatif est un manque."))
            // The legend under the dépenses, not under the recettes (red is negative there, as everywhere).
            #expect(html.components(separatedBy: "<p class=\"note\">En rouge, les chiffres défavorables\u{00A0}: dans la colonne «\u{00A0}Écart\u{00A0}», ceux qui sont positifs\u{00A0}; ailleurs, ceux qui sont négatifs.</p>\n<div class=\"tableau\">\n<table>\n<caption>Recettes</caption>").count == 2)
        }
        #expect(page.contains(".negatif, .depassement { color: #9b0000; }"))
        let text = s.run(["budget", "--exercice", "2024"], environment: AGGolden.clock).out
        #expect(text.contains("Écart : réalisé moins prévu. Pour une dépense, un écart positif est un dépassement"), "\(text)")
    }

    /// Made again, the site replaces the old one whole: a page gone from the books goes from
    /// the folder, and nothing is left beside it.
    @Test func theSiteIsReplacedWhole() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        let site = s.path("bureau")
        #expect(s.run("site", "--sortie", site).code == 0)
        #expect(FileManager.default.fileExists(atPath: site + "/2024/comptes/604A.html"))
        _ = s.write("bureau/vieille-page.html", "<p>vieille</p>")
        #expect(s.run("site", "--sortie", site + "/").code == 0)
        #expect(!FileManager.default.fileExists(atPath: site + "/vieille-page.html"))
        #expect(FileManager.default.fileExists(atPath: site + "/index.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder.path).filter { $0.hasPrefix(".bureau") } == [])
    }

    /// A folder that is not a site Compta made is never replaced; a read-only folder, a ledger
    /// without an exercice: refused, nothing written.
    @Test func badOutputsWriteNothing() throws {
        let s = Sandbox.tour()
        #expect(s.run("saisir", "2024-03-05", "OVH", "604A=120", "512").code == 0)
        let mine = s.path("mes-documents")
        _ = s.write("notes.txt", "x")
        try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
        _ = s.write("mes-documents/lettre.odt", "précieux")
        try s.refuses(["site", "--sortie", mine], says: ["« \(mine) » existe et n'est pas un site fait par compta site", "rien n'a été écrit ni supprimé"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine) == ["lettre.odt"])
        try s.refuses(["site", "--sortie", s.path("notes.txt")], says: ["n'est pas un site fait par compta site"])
        #expect(try String(contentsOfFile: s.path("notes.txt"), encoding: .utf8) == "x")
        try s.refuses(["site", "--sortie", s.path("absent/bureau")], says: ["n'existe pas"])
        let locked = s.path("lecture-seule")
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
        if getuid() != 0 {
            try s.refuses(["site", "--sortie", locked + "/bureau"], says: ["lecture seule"])
        }
        let r = s.run("site")
        #expect(r.code == 2 && r.err.contains("indiquez le dossier du site : --sortie DOSSIER"), "\(r.err)")
        for name in ["absent", "bureau"] { #expect(!FileManager.default.fileExists(atPath: s.path(name)), "\(name)") }

        let empty = Sandbox.tour()
        #expect(empty.run("exercices", "supprimer", "2024").code == 0)
        try empty.refuses(["site", "--sortie", empty.path("bureau")], says: ["le livre n'a aucun exercice"])
        #expect(!FileManager.default.fileExists(atPath: empty.path("bureau")))
    }

    /// An exercice without entries: its pages say so, with no empty table.
    @Test func anExerciceWithoutEntriesSaysSo() throws {
        let s = Sandbox.tour()
        let site = s.path("bureau")
        let r = s.run("site", "--sortie", site)
        #expect(r.code == 0, "\(r.err)")
        for page in Self.pages(in: site) {
            let html = try String(contentsOfFile: site + "/" + page, encoding: .utf8)
            #expect(html.contains("Aucune écriture dans l&apos;exercice 2024 (du 01/01/2024 au 31/12/2024)\u{00A0}: rien à montrer pour l&apos;instant."), "\(page)")
            #expect(!html.contains("<table"), "\(page)")
        }
        #expect(!FileManager.default.fileExists(atPath: site + "/2024/comptes"))
    }

    /// During the exercice, the home gives the figures of today, and says so.
    @Test func anExerciceInProgressIsShownToToday() throws {
        let (s, _) = Sandbox.inProgress()
        let r = s.run("site", "--sortie", s.path("bureau"))
        #expect(r.code == 0, "\(r.err)")
        let html = try String(contentsOfFile: s.path("bureau/index.html"), encoding: .utf8)
        #expect(html.contains("Résultat au \(today().french)\u{00A0}: <strong>déficit de 600,00\u{00A0}€</strong>"))
        #expect(html.contains("Aucun budget prévisionnel n&apos;est chargé"))
        #expect(!Self.pages(in: s.path("bureau")).contains { $0.hasSuffix("rapport-ag.html") }, "no AG document before the exercice ends")
    }

    /// Labels are text, however long or however much they look like markup.
    @Test func labelsWithHTMLStayText() throws {
        let s = Sandbox.tour()
        #expect(s.run("comptes", "ajouter", "6226A", "Honoraires <b>avocat</b> & \"associés\"").code == 0)
        #expect(s.run("projets", "ajouter", "XSS", "<img src=x onerror=alert(1)>").code == 0)
        #expect(s.run("saisir", "2024-04-05", "<script>alert(1)</script>", "512=50", "7562@XSS").code == 0)
        let long = String(repeating: "x", count: String.maxLedgerText)
        #expect(s.run("saisir", "2024-04-06", long, "6226A=10", "512").code == 0)
        let site = s.path("bureau")
        #expect(s.run("site", "--sortie", site).code == 0)
        for page in Self.pages(in: site) {
            let html = try String(contentsOfFile: site + "/" + page, encoding: .utf8)
            #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("<img"), "\(page)")
            #expect(unbalancedTags(html) == [], "\(page)")
        }
        let bank = try String(contentsOfFile: site + "/2024/comptes/512.html", encoding: .utf8)
        #expect(bank.contains("<td class=\"texte\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(bank.contains("<td class=\"texte long\">\(long)</td>"))
        #expect(try String(contentsOfFile: site + "/2024/projets.html", encoding: .utf8).contains(">&lt;img src=x onerror=alert(1)&gt;</a>"))
        #expect(try String(contentsOfFile: site + "/2024/comptes/6226A.html", encoding: .utf8)
            .contains("<h1>Grand livre du compte 6226A Honoraires &lt;b&gt;avocat&lt;/b&gt; &amp; &quot;associés&quot;</h1>"))
    }

    /// Names of members only when asked.
    @Test func membersByNameOnlyWhenAsked() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        let r = s.run(["site", "--sortie", s.path("bureau"), "--avec-noms"], environment: AGGolden.clock)
        #expect(r.code == 0 && r.out.contains("Il contient les noms des adhérents : ne le partagez qu'avec le bureau."), "\(r.err)")
        #expect(try String(contentsOfFile: s.path("bureau/2024/adherents.html"), encoding: .utf8).contains("Recyclerie"))
        #expect(try String(contentsOfFile: s.path("bureau/2024/comptes/7562.html"), encoding: .utf8).contains("<td class=\"texte\">T0001 Recyclerie</td>"))
    }

    /// A long grand livre is cut into pages, each linked to the next and the previous.
    @Test func aLongGrandLivreHasPages() throws {
        let s = Sandbox()
        #expect(s.run(["demo"], environment: AGGolden.clock).code == 0)
        let store = try Store.open(path: s.ledger, now: try Now(environment: AGGolden.clock))
        let pages = try Site.pages(store, current: try store.exercice("2024"),
                                   options: Site.Options(today: Day(year: 2025, month: 3, day: 15)!, madeAt: "le 15/03/2025", linesPerPage: 40))
        let bank = pages.filter { $0.path.hasPrefix("2024/comptes/512") }.map(\.path)
        let lines = try store.entries(EntryQuery(from: Day(year: 2024, month: 1, day: 1)!, to: Day(year: 2024, month: 12, day: 31)!, accountPrefix: "512"))
            .flatMap(\.lines).filter { $0.account.text == "512" }.count
        // The heading, the lines and the total, 40 rows a page.
        let count = (lines + 2 + 39) / 40
        #expect(count > 2)
        #expect(bank == ["2024/comptes/512.html"] + (2...count).map { "2024/comptes/512-\($0).html" })
        let second = pages.first { $0.path == "2024/comptes/512-2.html" }!.html
        #expect(second.contains("Page 2 sur \(count)"))
        #expect(second.contains("<li><a href=\"512.html\">← Page précédente</a></li>") && second.contains("<li><a href=\"512-3.html\">Page suivante →</a></li>"))
        #expect(second.components(separatedBy: "<tr").count - 2 == 40, "the header row and 40 rows")
    }
}
