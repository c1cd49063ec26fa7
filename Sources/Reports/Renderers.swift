import Ledger

/// The output formats every report accepts (`--format`).
public enum OutputFormat: String, CaseIterable, Sendable {
    case texte, md, csv, json, html

    /// Writes `doc` to `sink` by pieces of about 64 KB, as its rows are made: a long report
    /// (the grand livre of a large ledger) is never held whole in memory.
    public func write(_ doc: ReportDocument, to sink: @escaping (String) throws -> Void) throws {
        var out = ReportOutput(sink)
        try write(doc, to: &out)
        try out.flush()
    }

    /// The whole of `doc` as one string.
    public func render(_ doc: ReportDocument) throws -> String {
        try ReportOutput.collect { try write(doc, to: &$0) }
    }

    func write(_ doc: ReportDocument, to out: inout ReportOutput) throws {
        switch self {
        case .texte: try TextRenderer.write(doc, to: &out)
        case .md: try MarkdownRenderer.write(doc, to: &out)
        case .csv: try CSVRenderer.write(doc, to: &out)
        case .json: try JSONRenderer.write(doc, to: &out)
        case .html: try HTMLRenderer.write(doc, to: &out)
        }
    }
}

/// Text on its way to a sink (the terminal, a file, a string), handed over by pieces.
struct ReportOutput {
    private var buffer = ""
    private let sink: (String) throws -> Void

    init(_ sink: @escaping (String) throws -> Void) { self.sink = sink }

    mutating func write(_ s: String) throws {
        buffer += s
        if buffer.utf8.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws {
        if !buffer.isEmpty { try sink(buffer) }
        buffer = ""
    }

    /// What `body` writes, as one string.
    static func collect(_ body: (inout ReportOutput) throws -> Void) throws -> String {
        var text = ""
        var out = ReportOutput { text += $0 }
        try body(&out)
        try out.flush()
        return text
    }
}

/// Aligned tables for the terminal: amounts right-aligned, French formatting.
public enum TextRenderer {
    /// The widest a column grows: a label of the ledger is 500 characters at most, a terminal 80
    /// to 200 columns wide.
    static let maxColumn = 60

    static func write(_ doc: ReportDocument, to out: inout ReportOutput) throws {
        try out.write(doc.title + "\n")
        for s in doc.subtitle { try out.write(s + "\n") }
        var afterParagraph = false
        for block in doc.blocks {
            // A blank line before each block, but paragraphs in a row stay together.
            if !afterParagraph || !block.isParagraph { try out.write("\n") }
            afterParagraph = block.isParagraph
            switch block {
            case .heading(let t, _): try out.write(t.printable + "\n")
            case .paragraph(let p): try out.write(p.plain + "\n")
            case .bullets(let items): for i in items { try out.write("- " + i.plain.printable + "\n") }
            case .table(let table):
                if let t = table.title { try out.write(t + "\n") }
                try write(table, to: &out)
                if let n = table.note { try out.write(n.printable + "\n") }
            case .figure(let f): try out.write(f.description.printable + "\n")
            }
        }
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        // A line break would split the row (the terminal keeps those of messages and tables).
        case .text(let s): return s.printable
        case .amount(let m): return m.formatted()
        case .percent(let p): return formatPercent(p)
        case .number(let n): return String(n)
        case .date(let d): return d.french
        case .flag(let b): return b ? "oui" : "non"
        case .account(let a): return a.text
        case .empty: return ""
        }
    }

    /// Two readings of the rows: one to size the columns, one to write them.
    static func write(_ full: ReportTable, to out: inout ReportOutput) throws {
        let table = full.forReading
        let headers = table.columns.map(\.title)
        var widths = headers.map(\.count)
        // Heading rows span the table: they do not widen the columns. Nor does a cell beyond
        // `maxColumn`: it is written whole and pushes the rest of its own row, instead of
        // padding every other row to its length (one label of 900 000 characters made the
        // journal of a few thousand entries gigabytes long).
        try table.forEachRow { row in
            guard row.style != .heading else { return }
            for (i, c) in row.cells.enumerated() where i < widths.count {
                widths[i] = max(widths[i], min(maxColumn, text(c).count))
            }
        }
        func line(_ values: [String], style: ReportRow.Style) -> String {
            if style == .heading {
                return values.filter { !$0.isEmpty }.joined(separator: " ")
            }
            // One string appended to (a members' listing writes tens of thousands of rows).
            var s = ""
            for (i, w) in widths.enumerated() {
                if i > 0 { s += "  " }
                let v = i < values.count ? values[i] : ""
                let pad = String(repeating: " ", count: max(0, w - v.count))
                if table.columns[i].kind != .text { s += pad; s += v } else { s += v; s += pad }
            }
            // Without its trailing spaces (each one character: nothing follows the last).
            var trailing = 0
            for byte in s.utf8.reversed() {
                guard byte == 0x20 else { break }
                trailing += 1
            }
            s.removeLast(trailing)
            return s
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        try out.write(line(headers, style: .normal) + "\n" + rule + "\n")
        try table.forEachRow { row in
            if row.style == .total { try out.write(rule + "\n") }
            try out.write(line(row.cells.map(text), style: row.style) + "\n")
        }
    }
}

/// Pandoc's Markdown: pipe tables, amounts right-aligned; labels escaped so they cannot break
/// a table or become HTML.
public enum MarkdownRenderer {
    public struct Options: Sendable {
        /// Pandoc's YAML block: the title and subtitle go there instead of the first heading.
        public var metadata: PandocMetadata?
        /// The folder of the figures, relative to the document (`bilan-financier-2024-graphiques`).
        public var figuresFolder: String?

        public init(metadata: PandocMetadata? = nil, figuresFolder: String? = nil) {
            self.metadata = metadata
            self.figuresFolder = figuresFolder
        }
    }

    public static func render(_ doc: ReportDocument, options: Options) throws -> String {
        try ReportOutput.collect { try write(doc, options: options, to: &$0) }
    }

    static func write(_ doc: ReportDocument, options: Options = Options(), to out: inout ReportOutput) throws {
        if let metadata = options.metadata {
            try out.write(metadata.yaml(title: doc.title, subtitle: doc.subtitle))
        } else {
            try out.write("# \(escape(doc.title))\n\n")
            if !doc.subtitle.isEmpty {
                try out.write(doc.subtitle.map(escape).joined(separator: "  \n") + "\n\n")
            }
        }
        var section = 1
        for block in doc.blocks {
            switch block {
            case .heading(let t, let level):
                section = level
                try out.write(String(repeating: "#", count: level) + " \(escape(t))\n\n")
            case .paragraph(let p): try out.write(inline(p) + "\n\n")
            case .bullets(let items): try out.write(items.map { "- " + inline($0) + "\n" }.joined() + "\n")
            case .table(let table):
                if let t = table.title { try out.write(String(repeating: "#", count: section + 1) + " \(escape(t))\n\n") }
                try write(table, to: &out)
                try out.write("\n")
                if let n = table.note { try out.write(escape(n) + "\n\n") }
            case .figure(let f):
                try out.write("![\(escape(f.description))](\(options.figuresFolder.map { $0 + "/" } ?? "")\(f.name))\n\n")
            }
        }
    }

    static func inline(_ text: Inline) -> String {
        text.runs.map { run in
            switch run {
            case .text(let s): escape(s)
            case .strong(let s): "**" + escape(s) + "**"
            // Nothing is escaped in a code span: only a backtick would end it.
            case .code(let s): "`" + s.printable.filter { $0 != "`" } + "`"
            }
        }.joined()
    }

    /// A YAML value pandoc reads as Markdown: Markdown-escaped first (an association named
    /// « **A** <b> » stays that text), then quoted for YAML, whose escapes are backslashes too.
    static func yaml(_ s: String) -> String {
        "\"" + escape(s).replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\""
    }

    /// Backslash-escapes what Markdown would interpret: `|` would split a cell, `<` start HTML;
    /// control and direction characters go (`printable`), line breaks become spaces.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s.printable {
            switch c {
            case "\\", "|", "<", ">", "*", "_", "`", "[", "]", "#", "$", "~", "^", "@":
                out.append("\\"); out.append(c)
            default: out.append(c)
            }
        }
        return out
    }

    static func cellText(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return escape(s)
        default: return TextRenderer.text(cell)
        }
    }

    /// Two readings of the rows: one to size the columns, one to write them.
    static func write(_ full: ReportTable, to out: inout ReportOutput) throws {
        let table = full.forReading
        let columns = table.columns.indices
        func values(_ row: ReportRow) -> [String] {
            let values = columns.map { i in i < row.cells.count ? cellText(row.cells[i]) : "" }
            return row.style == .normal ? values : values.map { $0.isEmpty ? $0 : "**\($0)**" }
        }
        // Pandoc sizes the columns of a wide pipe table by the dashes of this line: as many
        // dashes as the column's longest cell (up to 60), so labels get the room they need.
        var widths = columns.map { _ in 3 }
        try table.forEachRow { row in
            for (i, v) in values(row).enumerated() { widths[i] = min(60, max(widths[i], v.count)) }
        }
        try out.write("| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n")
        try out.write("|" + columns.map { i -> String in
            let dashes = String(repeating: "-", count: widths[i])
            return table.columns[i].kind == .text ? ":" + dashes : dashes + ":"
        }.joined(separator: "|") + "|\n")
        try table.forEachRow { row in try out.write("| " + values(row).joined(separator: " | ") + " |\n") }
    }
}

/// CSV as French spreadsheets expect: `;`, decimal comma, no thousands separator; a text cell
/// starting with `=`, `+`, `-` or `@` is prefixed with `'` so no formula runs.
public enum CSVRenderer {
    static func write(_ doc: ReportDocument, to out: inout ReportOutput) throws {
        for (i, table) in doc.tables.enumerated() {
            if i > 0 { try out.write("\r\n") }
            if doc.tables.count > 1, let t = table.title { try out.write(field(t) + "\r\n") }
            try out.write(table.columns.map { field($0.title) }.joined(separator: ";") + "\r\n")
            try table.forEachRow { row in
                try out.write(table.columns.indices.map { i in
                    i < row.cells.count ? cellText(row.cells[i]) : ""
                }.joined(separator: ";") + "\r\n")
            }
        }
    }

    static func cellText(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return field(s)
        case .amount(let m): return m.plain
        case .percent(let p): return (p < 0 ? "-" : "") + String(p.magnitude / 10) + "," + String(p.magnitude % 10)
        case .number(let n): return String(n)
        case .date(let d): return d.french
        case .flag(let b): return b ? "oui" : "non"
        case .account(let a): return a.text
        case .empty: return ""
        }
    }

    /// One text field: neutralised against formulas, quoted when needed.
    public static func field(_ s: String) -> String {
        var v = s
        if let c = v.first, "=+-@\t\r".contains(c) { v = "'" + v }
        return v.csvQuoted
    }
}

/// JSON: amounts as integer cents, percentages as numbers of percent (`87.5`), cells keyed
/// by their column's key.
public enum JSONRenderer {
    static func write(_ doc: ReportDocument, to out: inout ReportOutput) throws {
        try out.write("{\n  \"titre\": \(string(doc.title)),\n")
        try out.write("  \"sous_titre\": [" + doc.subtitle.map(string).joined(separator: ", ") + "],\n")
        try out.write("  \"tableaux\": [")
        for (n, table) in doc.tables.enumerated() {
            try out.write((n == 0 ? "\n" : ",\n") + "    {\n      \"titre\": \(table.title.map(string) ?? "null"),\n")
            try out.write("      \"colonnes\": [" + table.columns.map {
                "{\"cle\": \(string($0.key)), \"titre\": \(string($0.title)), \"type\": \(string($0.kind.rawValue))}"
            }.joined(separator: ", ") + "],\n")
            try out.write("      \"lignes\": [")
            var first = true
            try table.forEachRow { row in
                var fields = ["\"style\": \(string(row.style.rawValue))"]
                for (i, c) in row.cells.enumerated() where i < table.columns.count {
                    fields.append("\(string(table.columns[i].key)): \(value(c))")
                }
                try out.write((first ? "\n" : ",\n") + "        {" + fields.joined(separator: ", ") + "}")
                first = false
            }
            try out.write((first ? "" : "\n") + "      ],\n      \"note\": \(table.note.map(string) ?? "null")\n    }")
        }
        try out.write((doc.tables.isEmpty ? "" : "\n") + "  ],\n")
        try out.write("  \"notes\": [" + doc.notes.map(string).joined(separator: ", ") + "]\n}\n")
    }

    static func value(_ c: Cell) -> String {
        switch c {
        case .text(let s): return string(s)
        case .amount(let m): return String(m.cents)
        case .percent(let p): return (p < 0 ? "-" : "") + String(p.magnitude / 10) + "." + String(p.magnitude % 10)
        case .number(let n): return String(n)
        case .date(let d): return string(d.iso)
        case .flag(let b): return b ? "true" : "false"
        case .account(let a): return string(a.text)
        case .empty: return "null"
        }
    }

    public static func string(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// Pandoc's YAML metadata block: the document's title and subtitle, a date, and how to make
/// paper of it.
public struct PandocMetadata: Sendable, Equatable {
    public var date: String?
    /// Written as they are, after the date (`lang: fr`).
    public var settings: [String]
    /// CSS for pandoc's HTML output (`pandoc -s`), in `header-includes`.
    public var htmlStyle: [String]

    public init(date: String? = nil, settings: [String] = [], htmlStyle: [String] = []) {
        self.date = date
        self.settings = settings
        self.htmlStyle = htmlStyle
    }

    /// A4 pages in French. papersize, geometry and fontsize serve the LaTeX engines; the style
    /// the HTML route (pandoc -s, then weasyprint): the page's full width, A4 margins, compact tables.
    public static func printedA4(date: String) -> PandocMetadata {
        PandocMetadata(date: date, settings: ["lang: fr", "papersize: a4", "geometry: margin=2cm", "fontsize: 10pt", "colorlinks: true"],
                       htmlStyle: ["@page { size: A4; margin: 1.8cm 1.6cm; }",
                                   "body { max-width: none; padding: 0; font-size: 10pt; background: white; }",
                                   "table { font-size: 9pt; width: 100%; } td, th { padding: 0.15em 0.4em; }",
                                   "img { max-width: 100%; } h1 { font-size: 1.6em; } h1, h2 { break-after: avoid; }"])
    }

    func yaml(title: String, subtitle: [String]) -> String {
        var lines = ["---", "title: " + MarkdownRenderer.yaml(title)]
        if !subtitle.isEmpty { lines.append("subtitle: " + MarkdownRenderer.yaml(subtitle.joined(separator: " — "))) }
        if let date { lines.append("date: " + MarkdownRenderer.yaml(date)) }
        lines += settings
        if !htmlStyle.isEmpty {
            lines += ["header-includes: |", "  ```{=html}", "  <style>"] + htmlStyle.map { "  " + $0 } + ["  </style>", "  ```"]
        }
        return (lines + ["---", "", ""]).joined(separator: "\n")
    }
}

extension Block {
    var isParagraph: Bool { if case .paragraph = self { true } else { false } }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
