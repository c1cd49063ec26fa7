import Testing
import Ledger
@testable import Reports

/// Elements opened and closed in order, void ones apart: the page's structure holds whatever
/// the labels hold. Text is escaped, so every `<` starts a tag (the style holds none).
func unbalancedTags(_ html: String) -> [String] {
    let void: Set<String> = ["meta", "br", "link", "img", "hr", "input", "col", "!doctype"]
    var open: [String] = []
    var problems: [String] = []
    for piece in html.split(separator: "<", omittingEmptySubsequences: true).dropFirst() {
        guard let end = piece.firstIndex(of: ">") else { problems.append("unterminated <\(piece.prefix(20))"); continue }
        let tag = piece[..<end]
        if tag.hasSuffix("/") { continue }
        let name = tag.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map { String($0).lowercased() } ?? ""
        if name.hasPrefix("/") {
            let closed = String(name.dropFirst())
            if open.last == closed { open.removeLast() } else { problems.append("</\(closed)> closes <\(open.last ?? "")>") }
        } else if !void.contains(name) {
            open.append(name)
        }
    }
    return problems + open.map { "<\($0)> not closed" }
}

@Suite struct HTMLPages {
    static let hostile = "<script>alert(1)</script> & \"guillemets\" l'apostrophe"

    static func document(rows: [ReportRow] = []) -> ReportDocument {
        var table = ReportTable(title: "Charges \(hostile)", columns: [ReportColumn("Compte", key: "compte"), ReportColumn("Libellé", key: "libelle"),
                                                                       .amount("Montant", key: "montant"), ReportColumn("Part", key: "part", .percent)])
        table.rows = [ReportRow([.text("604 Achats"), .text(""), .empty], style: .heading),
                      ReportRow([.account(AccountNumber(trusted: "604A")), .text(hostile), .amount(Money(cents: -1_234_56)), .percent(-125)]),
                      ReportRow([.empty, .text("Total"), .amount(Money(cents: 2_580_125)), .percent(1000)], style: .total)] + rows
        let untitled = ReportTable(columns: [ReportColumn("Date", key: "date"), ReportColumn("Libellé", key: "libelle")],
                                   rows: [ReportRow([.date(Day(year: 2024, month: 3, day: 5)!), .text("Facture")])])
        let chart = SVGChart.lines(title: "Trésorerie \(hostile)", description: "Solde \(hostile)", xLabels: ["janv.", "févr."],
                                   pointTitles: [["a", "b"]], series: [SVGChart.Series(name: "2024", values: [Money(cents: 100), Money(cents: 200)])])
        return ReportDocument(title: "Bilan \(hostile)", subtitle: ["Association \(hostile)", "Exercice 2024"], blocks: [
            .heading("Synthèse \(hostile)", level: 1),
            .paragraph("Résultat : \(strong: "6\u{202F}711,06 € \(hostile)"), empreinte \(code: "225-\(hostile)")"),
            .bullets(["Un \(hostile)", "Deux"]),
            .table(table),
            .heading("Détail", level: 2),
            .table(untitled),
            .heading("Graphiques", level: 1),
            .figure(Figure(name: "tresorerie.svg", description: "Courbe \(hostile)", svg: chart)),
            .figure(Figure(name: "budget.svg", description: "Barres", svg: SVGChart.bars(title: "Budget", description: "Barres", categories: ["A"],
                                                                                          series: [SVGChart.Series(name: "Prévu", values: [Money(cents: 100)])]))),
        ])
    }

    @Test func aPageStandsAloneInFrench() throws {
        let html = try OutputFormat.html.render(Self.document())
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(html.contains("<title>Bilan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;guillemets&quot; l&apos;apostrophe</title>"))
        #expect(html.hasSuffix("</main>\n</body>\n</html>\n"))
        // Nothing to fetch, nothing to run.
        for resource in ["<script", "<link", "src=", "@import", "url(", "href=\"http"] {
            #expect(!html.contains(resource), "\(resource)")
        }
        #expect(unbalancedTags(html) == [])
        // The print stylesheet: A4, table headers repeated, no row split.
        for rule in ["@page { size: A4;", "thead { display: table-header-group; }", "tr, figure, li { break-inside: avoid; }", "@media print"] {
            #expect(html.contains(rule), "\(rule)")
        }
    }

    /// Every text of the document is escaped: a label `<script>` prints as text.
    /// French typography: no line starts with « € », « : » or « ; ».
    @Test func frenchSpacesDoNotBreak() {
        #expect(HTMLRenderer.escape("559,26 € par mois : « oui » ; non ? non !")
                == "559,26\u{00A0}€ par mois\u{00A0}: «\u{00A0}oui\u{00A0}»\u{00A0}; non\u{00A0}? non\u{00A0}!")
        #expect(HTMLRenderer.escape("a  b <c>") == "a  b &lt;c&gt;")
    }

    @Test func everyTextIsEscaped() throws {
        let html = try OutputFormat.html.render(Self.document())
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;guillemets&quot; l&apos;apostrophe"
        #expect(!html.contains(Self.hostile))
        #expect(!html.contains("<script>"))
        for place in ["<h1>Bilan \(escaped)</h1>", "<p class=\"sous-titre\">Association \(escaped)<br>", "<h2>Synthèse \(escaped)</h2>",
                      "<strong>6\u{202F}711,06\u{00A0}€ \(escaped)</strong>", "<code>225-\(escaped)</code>", "<li>Un \(escaped)</li>",
                      "<caption>Charges \(escaped)</caption>", "<td class=\"texte\">\(escaped)</td>",
                      "<figcaption>Courbe \(escaped)</figcaption>"] {
            #expect(html.contains(place), "\(place)")
        }
        #expect(HTMLRenderer.escape("a\u{1B}[2J\nb\u{0}") == "a[2J b")
    }

    @Test func tablesHaveHeadersCaptionsAndAlignedFigures() throws {
        let html = try OutputFormat.html.render(Self.document())
        #expect(html.contains("<thead><tr><th scope=\"col\">Compte</th><th scope=\"col\">Libellé</th><th scope=\"col\" class=\"nombre\">Montant</th>"
            + "<th scope=\"col\" class=\"nombre\">Part</th></tr></thead>"))
        // A heading row heads its group of rows, its cells in one; a long account label may break anywhere.
        #expect(html.contains("<tbody>\n<tr class=\"titre\"><th scope=\"rowgroup\" colspan=\"4\">604 Achats</th></tr>\n"))
        // Figures as the text renderer writes them, right-aligned; negative ones marked.
        let negative = TextRenderer.text(.amount(Money(cents: -1_234_56)))
        #expect(html.contains("<td class=\"nombre negatif\">\(negative)</td><td class=\"nombre negatif\">\(formatPercent(-125))</td>"))
        #expect(html.contains("<tr class=\"total\"><td></td><td class=\"texte\">Total</td><td class=\"nombre\">25\u{202F}801,25</td>"))
        #expect(html.contains(".nombre { text-align: right; font-variant-numeric: tabular-nums;"))
        #expect(html.contains("tr.titre th { padding-top: .9em; border-bottom: 1px solid #888888; overflow-wrap: anywhere; }"))
        // A table without a title takes its section's for readers of the screen, out of sight.
        #expect(html.contains("<caption class=\"lecteur\">Détail</caption>"))
        #expect(html.contains("<td class=\"date\"><time datetime=\"2024-03-05\">05/03/2024</time></td>"))
        #expect(html.contains("<td class=\"compte\">604A</td>"))
    }

    /// Charts inline, each with its own ids: two on a page do not name the same title.
    @Test func chartsAreInlineWithTheirText() throws {
        let html = try OutputFormat.html.render(Self.document())
        #expect(html.components(separatedBy: "<svg ").count == 3)
        #expect(html.contains("role=\"img\" aria-labelledby=\"graphique-tresorerie-titre graphique-tresorerie-description\""))
        #expect(html.contains("<title id=\"graphique-tresorerie-titre\">Trésorerie &lt;script&gt;"))
        #expect(html.contains("<desc id=\"graphique-budget-description\">Barres</desc>"))
        #expect(!html.contains("id=\"titre\"") && !html.contains("id=\"description\""))
    }

    /// A label of 500 letters without a space may break anywhere, so the table keeps within
    /// the page; ordinary labels wrap between words.
    @Test func aVeryLongLabelMayBreakAnywhere() throws {
        let long = String(repeating: "Hébergement", count: 45)
        let html = try OutputFormat.html.render(Self.document(rows: [ReportRow([.empty, .text(long), .empty, .empty])]))
        #expect(html.contains("<td class=\"texte long\">\(long)</td>"))
        #expect(html.contains("td.long { overflow-wrap: anywhere; }"))
        #expect(html.contains("<td class=\"texte\">Total</td>"))
        #expect(!HTMLRenderer.hasLongWord("Communication/impressions et affiches du camp"))
    }

    /// A long table is written by pieces as its rows come, never held whole.
    @Test func aLongTableIsStreamed() throws {
        var table = ReportTable(columns: [ReportColumn("Libellé", key: "libelle"), .amount("Montant", key: "montant")])
        let count = 40_000
        table.stream = RowStream { body in
            for i in 0..<count { try body(ReportRow([.text("Ligne \(i)"), .amount(Money(cents: Int64(i)))])) }
        }
        var pieces: [Int] = []
        var rows = 0
        try OutputFormat.html.write(ReportDocument(title: "Grand livre", blocks: [.table(table)])) { piece in
            pieces.append(piece.utf8.count)
            rows += piece.components(separatedBy: "<td class=\"texte\">Ligne ").count - 1
        }
        #expect(rows == count)
        #expect(pieces.count > 20)
        #expect(pieces.max()! < 70_000)
    }

    /// What a site needs: account numbers as links, a navigation, the body alone.
    @Test func aSiteCanLinkAccountsAndWrapBodies() throws {
        let options = HTMLRenderer.Options(accountLink: { "grand-livre/\($0.text).html" },
                                           navigation: [HTMLRenderer.Link(title: "Bilan & résultat", href: "bilan.html?a=1&b=2")])
        let page = try HTMLRenderer.render(Self.document(), options: options)
        #expect(page.contains("<td class=\"compte\"><a href=\"grand-livre/604A.html\">604A</a></td>"))
        #expect(page.contains("<nav aria-label=\"Pages\"><ul>\n<li><a href=\"bilan.html?a=1&amp;b=2\">Bilan &amp; résultat</a></li>\n</ul></nav>"))
        var body = ""
        try HTMLRenderer.writeBody(Self.document(), options: options) { body += $0 }
        #expect(body.hasPrefix("<header>\n<h1>Bilan "))
        #expect(!body.contains("<html") && !body.contains("<style>"))
        #expect(page.contains(body))
        var wrapped = ""
        try HTMLRenderer.writePage(title: "Accueil", to: { wrapped += $0 }) { write in try write("<p>Bonjour</p>\n") }
        #expect(wrapped.contains("<title>Accueil</title>") && wrapped.contains("<main>\n<p>Bonjour</p>\n</main>"))
        #expect(unbalancedTags(wrapped) == [])
    }

    /// Sections of level 1 are <section>s; the AG document puts each after the first on a new page.
    @Test func sectionsBeginPagesWhenAsked() throws {
        let plain = try HTMLRenderer.render(Self.document())
        #expect(plain.contains("<main>\n") && plain.components(separatedBy: "<section>").count == 3)
        let ag = try HTMLRenderer.render(Self.document(), options: HTMLRenderer.Options(byline: "Établi le 15 mars 2025", sectionsOnNewPages: true))
        #expect(ag.contains("<main class=\"pages\">\n"))
        #expect(ag.contains("<p class=\"date\">Établi le 15 mars 2025</p>"))
        #expect(ag.contains("main.pages > section + section { break-before: page; }"))
    }
}
