import Ledger

/// HTML pages of the same `ReportDocument` as the other renderers: one self-contained page —
/// CSS inline, charts as inline SVG, no script, no resource from elsewhere — in French,
/// accessible (table headers with their scope, captions, charts with their text), printable
/// on A4 (repeated table headers, no row split across pages).
///
/// Two layers, so that a site can reuse them: `writeBody` writes the document alone (its
/// title, then its blocks), `writePage` wraps any body in a page (title, style, navigation).
/// `write` does both. Every text of the document is escaped: a label is never markup.
public enum HTMLRenderer {
    /// A link of the navigation above a page's document.
    public struct Link: Sendable, Equatable {
        public var title: String
        /// Relative address (`balance.html`), written as given (escaped).
        public var href: String
        /// The page the link is on: marked for the reader (`aria-current`), shown in bold.
        public var isCurrent: Bool

        public init(title: String, href: String, isCurrent: Bool = false) {
            self.title = title
            self.href = href
            self.isCurrent = isCurrent
        }
    }

    public struct Options: Sendable {
        /// The address of an account's page (its grand livre, in a site); nil, or nil for an
        /// account, leaves account numbers as text.
        public var accountLink: (@Sendable (AccountNumber) -> String?)?
        /// Links written above the document (the pages of a site).
        public var navigation: [Link]
        /// A line under the subtitle, as given: when the document was made.
        public var byline: String?
        /// Each section of level 1 after the first begins a new printed page (the AG document).
        public var sectionsOnNewPages: Bool

        public init(accountLink: (@Sendable (AccountNumber) -> String?)? = nil, navigation: [Link] = [],
                    byline: String? = nil, sectionsOnNewPages: Bool = false) {
            self.accountLink = accountLink
            self.navigation = navigation
            self.byline = byline
            self.sectionsOnNewPages = sectionsOnNewPages
        }
    }

    /// Writes `doc` as a whole page to `sink`, by pieces of about 64 KB as its rows are made.
    public static func write(_ doc: ReportDocument, options: Options = Options(), to sink: @escaping (String) throws -> Void) throws {
        var out = ReportOutput(sink)
        try write(doc, options: options, to: &out)
        try out.flush()
    }

    /// The whole page of `doc` as one string.
    public static func render(_ doc: ReportDocument, options: Options = Options()) throws -> String {
        try ReportOutput.collect { try write(doc, options: options, to: &$0) }
    }

    /// Writes the document alone, without the page around it: its title, subtitle, byline and blocks.
    public static func writeBody(_ doc: ReportDocument, options: Options = Options(), to sink: @escaping (String) throws -> Void) throws {
        var out = ReportOutput(sink)
        try writeBody(doc, options: options, to: &out)
        try out.flush()
    }

    /// Writes a page titled `title` (the window's title, escaped here) around what `body`
    /// writes (HTML, written as given): the style, then the navigation of `options`.
    public static func writePage(title: String, options: Options = Options(), to sink: @escaping (String) throws -> Void,
                                 body: (_ write: (String) throws -> Void) throws -> Void) throws {
        var out = ReportOutput(sink)
        try writePage(title: title, options: options, to: &out) { out in
            try body { try out.write($0) }
        }
        try out.flush()
    }

    static func write(_ doc: ReportDocument, options: Options = Options(), to out: inout ReportOutput) throws {
        try writePage(title: doc.title, options: options, to: &out) { out in
            try writeBody(doc, options: options, to: &out)
        }
    }

    static func writePage(title: String, options: Options, to out: inout ReportOutput,
                          body: (inout ReportOutput) throws -> Void) throws {
        try out.write("""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title>
            <style>
            \(style)</style>
            </head>
            <body>

            """)
        if !options.navigation.isEmpty {
            try out.write("<nav aria-label=\"Pages\"><ul>\n")
            for link in options.navigation {
                try out.write("<li><a href=\"\(link.href.printable.markupEscaped)\"\(link.isCurrent ? " aria-current=\"page\"" : "")>\(escape(link.title))</a></li>\n")
            }
            try out.write("</ul></nav>\n")
        }
        try out.write(options.sectionsOnNewPages ? "<main class=\"pages\">\n" : "<main>\n")
        try body(&out)
        try out.write("</main>\n</body>\n</html>\n")
    }

    static func writeBody(_ doc: ReportDocument, options: Options = Options(), to out: inout ReportOutput) throws {
        try out.write("<header>\n<h1>\(escape(doc.title))</h1>\n")
        if !doc.subtitle.isEmpty {
            try out.write("<p class=\"sous-titre\">" + doc.subtitle.map(escape).joined(separator: "<br>\n") + "</p>\n")
        }
        if let b = options.byline { try out.write("<p class=\"date\">\(escape(b))</p>\n") }
        try out.write("</header>\n")
        // A section of level 1 is a <section>, closed by the next one or by the end.
        var inSection = false
        // The heading a table without a title of its own is under: its caption, for screen readers.
        var lastHeading = doc.title
        for block in doc.blocks {
            switch block {
            case .heading(let t, let level):
                if level <= 1 {
                    if inSection { try out.write("</section>\n") }
                    try out.write("<section>\n")
                    inSection = true
                }
                let h = "h\(min(6, max(2, level + 1)))"
                try out.write("<\(h)>\(escape(t))</\(h)>\n")
                lastHeading = t
            case .paragraph(let p): try out.write("<p>" + inline(p) + "</p>\n")
            case .bullets(let items): try out.write("<ul>\n" + items.map { "<li>" + inline($0) + "</li>\n" }.joined() + "</ul>\n")
            case .table(let table): try write(table, caption: lastHeading, options: options, to: &out)
            case .figure(let f): try out.write(figure(f))
            }
        }
        if inSection { try out.write("</section>\n") }
    }

    static func inline(_ text: Inline) -> String {
        text.runs.map { run in
            switch run {
            case .text(let s): escape(s)
            case .strong(let s): "<strong>" + escape(s) + "</strong>"
            case .code(let s): "<code>" + escape(s) + "</code>"
            }
        }.joined()
    }

    /// The chart inline, its ids made the page's own (a page may hold several charts), and its
    /// description written under it for everyone.
    static func figure(_ f: Figure) -> String {
        let base = f.name.split(separator: ".").first.map(String.init) ?? f.name
        let id = "graphique-" + String(base.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        return "<figure class=\"graphique\">\n" + SVGChart.inlined(f.svg, id: id)
            + "<figcaption>\(escape(f.description))</figcaption>\n</figure>\n"
    }

    /// One pass over the rows: nothing to size, each row is written as it comes. A heading row
    /// (an account of the grand livre) begins a group of its own (`<tbody>`).
    static func write(_ full: ReportTable, caption fallback: String, options: Options, to out: inout ReportOutput) throws {
        let table = full.forReading
        let numeric = table.columns.map { $0.kind != .text }
        let badSigns = table.columns.map(\.badSign)
        try out.write("<div class=\"tableau\">\n<table>\n")
        if let t = table.title {
            try out.write("<caption>\(escape(t))</caption>\n")
        } else {
            try out.write("<caption class=\"lecteur\">\(escape(fallback))</caption>\n")
        }
        try out.write("<thead><tr>" + table.columns.map { c in
            "<th scope=\"col\"\(c.kind != .text ? " class=\"nombre\"" : "")>\(escape(c.title))</th>"
        }.joined() + "</tr></thead>\n<tbody>\n")
        var rowsInGroup = 0
        try table.forEachRow { row in
            if row.style == .heading {
                if rowsInGroup > 0 { try out.write("</tbody>\n<tbody>\n") }
                let text = row.cells.filter { $0 != .empty && $0 != .text("") }.map { cell(content: $0, options: options) }.joined(separator: " ")
                try out.write("<tr class=\"titre\"><th scope=\"rowgroup\" colspan=\"\(table.columns.count)\">\(text)</th></tr>\n")
            } else {
                var line = row.style == .normal ? "<tr>" : "<tr class=\"\(row.style == .total ? "total" : "sous-total")\">"
                for i in table.columns.indices {
                    let c = i < row.cells.count ? row.cells[i] : .empty
                    line += cell(c, numeric: numeric[i], badSign: badSigns[i], options: options)
                }
                try out.write(line + "</tr>\n")
            }
            rowsInGroup += 1
        }
        try out.write("</tbody>\n</table>\n</div>\n")
        if let n = table.note { try out.write("<p class=\"note\">\(escape(n))</p>\n") }
        // Red on a positive figure surprises (it marks a loss everywhere else): the table says why.
        let positiveBad = table.columns.filter { $0.badSign == .positive }.map { "« \($0.title) »" }
        if !positiveBad.isEmpty {
            try out.write("<p class=\"note\">\(escape("En rouge, les chiffres défavorables : dans la colonne \(positiveBad.joined(separator: ", ")), ceux qui sont positifs ; ailleurs, ceux qui sont négatifs."))</p>\n")
        }
    }

    /// A cell: figures right-aligned in tabular digits, those of the column's bad sign marked
    /// (`negatif` for a negative one, `depassement` for a positive one where more is worse);
    /// text that may wrap anywhere.
    static func cell(_ c: Cell, numeric: Bool, badSign: ReportColumn.BadSign = .negative, options: Options) -> String {
        func marked(_ sign: Int64) -> [String] {
            switch badSign {
            case .negative: sign < 0 ? ["negatif"] : []
            case .positive: sign > 0 ? ["depassement"] : []
            }
        }
        var classes: [String] = []
        switch c {
        case .amount(let m): classes = ["nombre"] + marked(m.cents)
        case .percent(let p): classes = ["nombre"] + marked(Int64(p))
        case .number(let n): classes = ["nombre"] + marked(Int64(n))
        // An empty text cell claims no room (a grand livre's lines without tiers).
        case .text(let t): classes = numeric ? ["nombre"] : t.isEmpty ? [] : hasLongWord(t) ? ["texte", "long"] : ["texte"]
        case .date: classes = [numeric ? "nombre" : "date"]
        case .account: classes = ["compte"]
        case .flag, .empty: classes = numeric ? ["nombre"] : []
        }
        let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        return "<td\(attribute)>" + cell(content: c, options: options) + "</td>"
    }

    /// Whether `s` holds a word too long for a column (an URL, a reference, a label without
    /// spaces): its cell may break it anywhere, so the table keeps within the page. Other
    /// labels wrap between words only: letting every cell break anywhere made the table
    /// shrink a short label's column to a few letters (« Communication/impre-ssions »).
    static func hasLongWord(_ s: String) -> Bool {
        var run = 0
        for c in s.utf8 {
            run = c == 0x20 ? 0 : run + 1
            if run > longWord { return true }
        }
        return false
    }

    /// Bytes without a space beyond which a word is long (25 to 30 letters, accents counting twice).
    static let longWord = 30

    /// What a cell shows, the same text as in `texte`: a date with its ISO writing for
    /// programs, an account as a link when the options give one.
    static func cell(content c: Cell, options: Options) -> String {
        switch c {
        case .date(let d): return "<time datetime=\"\(d.iso)\">\(d.french)</time>"
        case .account(let a):
            if let href = options.accountLink?(a) { return "<a href=\"\(href.printable.markupEscaped)\">\(escape(a.text))</a>" }
            return escape(a.text)
        default: return escape(TextRenderer.text(c))
        }
    }

    /// Text and attribute values: markup characters as entities; control characters dropped
    /// and line breaks made spaces (`printable`).
    public static func escape(_ s: String) -> String { frenchSpaced(s.printable).markupEscaped }

    /// French typography on a page: the space before « € », « : », « ; », « ? », « ! » and « » »,
    /// and after « « », is one a line never breaks at (a browser would leave « € par mois » or
    /// « : » alone at the start of a line). Texts already so spaced are left as they are.
    static func frenchSpaced(_ s: String) -> String {
        guard s.contains(" ") else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var previous: Character? = nil
        var pendingSpace = false
        for c in s {
            if pendingSpace {
                out.append(c == "€" || c == ":" || c == ";" || c == "?" || c == "!" || c == "»" || previous == "«" ? "\u{00A0}" : " ")
                pendingSpace = false
            }
            if c == " " { pendingSpace = true } else { out.append(c); previous = c }
        }
        if pendingSpace { out.append(" ") }
        return out
    }

    /// The page's style: a readable measure on screen, A4 when printed.
    public static let style = """
        html { background: #ffffff; color: #111111; }
        body { margin: 0; font-family: "DejaVu Sans", "Segoe UI", Roboto, Helvetica, Arial, sans-serif; line-height: 1.45; }
        main { max-width: 72em; margin: 0 auto; padding: 2em 2em 4em; }
        nav { max-width: 72em; margin: 0 auto; padding: .8em 2em 0; }
        nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .3em 1.2em; }
        h1 { font-size: 1.7em; margin: 0 0 .3em; line-height: 1.2; }
        h2 { font-size: 1.35em; margin: 1.8em 0 .6em; padding-bottom: .15em; border-bottom: 1px solid #888888; }
        h3 { font-size: 1.15em; margin: 1.5em 0 .5em; }
        h4, h5, h6 { font-size: 1em; margin: 1.2em 0 .4em; }
        h1, h2, h3, h4, h5, h6, p, li, figcaption, caption { overflow-wrap: anywhere; }
        p, ul, figcaption { max-width: 45em; }
        header { margin-bottom: 1.5em; }
        .sous-titre, .date { margin: 0; color: #444444; }
        .tableau { overflow-x: auto; margin: .6em 0 1.4em; }
        table { border-collapse: collapse; font-size: .92em; }
        caption { caption-side: top; text-align: left; font-weight: bold; padding: .2em 0 .4em; }
        th, td { padding: .25em .6em; text-align: left; vertical-align: top; border-bottom: 1px solid #d0d0d0; }
        thead th { vertical-align: bottom; border-bottom: 2px solid #333333; }
        .nombre { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .date, .compte { white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.texte { overflow-wrap: break-word; }
        td.long { overflow-wrap: anywhere; }
        .negatif, .depassement { color: #9b0000; }
        tr.titre th { padding-top: .9em; border-bottom: 1px solid #888888; overflow-wrap: anywhere; }
        tr.sous-total td { font-weight: bold; border-top: 1px solid #888888; }
        tr.total td { font-weight: bold; border-top: 2px solid #333333; }
        .note { font-size: .92em; color: #444444; }
        .lecteur { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
        figure.graphique { margin: 1em 0 1.6em; }
        figure.graphique svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: .92em; color: #444444; margin-top: .4em; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
        a { color: #0645ad; }
        nav a[aria-current] { color: #111111; font-weight: bold; text-decoration: none; }
        @media screen and (max-width: 40em) { main, nav { padding-left: 1em; padding-right: 1em; } }
        @page { size: A4; margin: 16mm 15mm 18mm; }
        @media print {
          html, body { background: #ffffff; color: #000000; }
          body { font-size: 10pt; }
          main { max-width: none; margin: 0; padding: 0; }
          nav { display: none; }
          .tableau { overflow: visible; }
          table { font-size: 9pt; }
          thead { display: table-header-group; }
          tr, figure, li { break-inside: avoid; }
          figure.graphique svg { width: 65%; }
          h1, h2, h3, h4, h5, h6, caption, tr.titre { break-after: avoid; }
          main.pages > section + section { break-before: page; }
          a { color: inherit; text-decoration: none; }
        }

        """
}

extension String {
    /// The text inside HTML or XML: the five markup characters as entities.
    var markupEscaped: String {
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return self }
        var out = ""
        for c in self {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
