import Ledger

/// The output formats every report accepts (`--format`).
public enum OutputFormat: String, CaseIterable, Sendable {
    case texte, md, csv, json

    public func render(_ doc: ReportDocument) -> String {
        switch self {
        case .texte: return TextRenderer.render(doc)
        case .md: return MarkdownRenderer.render(doc)
        case .csv: return CSVRenderer.render(doc)
        case .json: return JSONRenderer.render(doc)
        }
    }
}

/// Aligned tables for the terminal: amounts right-aligned, French formatting.
public enum TextRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var out = doc.title + "\n"
        for s in doc.subtitle { out += s + "\n" }
        for table in doc.tables {
            out += "\n"
            if let t = table.title { out += t + "\n" }
            out += renderTable(table)
        }
        if !doc.notes.isEmpty {
            out += "\n"
            for n in doc.notes { out += n + "\n" }
        }
        return out
    }

    static func text(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return s
        case .amount(let m): return m.formatted()
        case .percent(let p): return formatPercent(p)
        case .number(let n): return String(n)
        case .date(let d): return d.french
        case .flag(let b): return b ? "oui" : ""
        case .empty: return ""
        }
    }

    static func renderTable(_ full: ReportTable) -> String {
        let table = full.forReading
        let headers = table.columns.map(\.title)
        let cells = table.rows.map { row in row.cells.map(text) }
        var widths = headers.map(\.count)
        // Heading rows span the table: they do not widen the columns.
        for (row, values) in zip(table.rows, cells) where row.style != .heading {
            for (i, c) in values.enumerated() where i < widths.count {
                widths[i] = max(widths[i], c.count)
            }
        }
        func line(_ values: [String], style: ReportRow.Style) -> String {
            if style == .heading {
                return values.filter { !$0.isEmpty }.joined(separator: " ")
            }
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                let v = i < values.count ? values[i] : ""
                let pad = String(repeating: " ", count: max(0, w - v.count))
                let right = table.columns[i].kind != .text
                parts.append(right ? pad + v : v + pad)
            }
            var s = parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var out = line(headers, style: .normal) + "\n" + rule + "\n"
        for (row, values) in zip(table.rows, cells) {
            if row.style == .total { out += rule + "\n" }
            out += line(values, style: row.style) + "\n"
        }
        return out
    }
}

/// Pandoc pipe tables; amounts right-aligned; labels escaped so they cannot break a table or
/// become HTML.
public enum MarkdownRenderer {
    public static func render(_ doc: ReportDocument, headingLevel: Int = 1) -> String {
        let h = String(repeating: "#", count: headingLevel)
        var out = "\(h) \(escape(doc.title))\n\n"
        if !doc.subtitle.isEmpty {
            out += doc.subtitle.map(escape).joined(separator: "  \n") + "\n\n"
        }
        for table in doc.tables {
            if let t = table.title { out += "\(h)# \(escape(t))\n\n" }
            out += renderTable(table) + "\n"
        }
        for n in doc.notes { out += escape(n) + "\n\n" }
        return out
    }

    /// Backslash-escapes what Markdown would interpret: `|` would split a cell, `<` start HTML.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\", "|", "<", ">", "*", "_", "`", "[", "]", "#", "$", "~", "^", "@":
                out.append("\\"); out.append(c)
            case "\n", "\r": out.append(" ")
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

    public static func renderTable(_ full: ReportTable) -> String {
        let table = full.forReading
        var out = "| " + table.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        var rows: [[String]] = []
        for row in table.rows {
            var values = table.columns.indices.map { i in i < row.cells.count ? cellText(row.cells[i]) : "" }
            if row.style != .normal {
                values = values.map { $0.isEmpty ? $0 : "**\($0)**" }
            }
            rows.append(values)
        }
        // Pandoc sizes the columns of a wide pipe table by the dashes of this line: as many
        // dashes as the column's longest cell, so labels get the room they need.
        out += "|" + table.columns.indices.map { i -> String in
            let width = max(3, min(60, rows.map { $0[i].count }.max() ?? 3, 60))
            let dashes = String(repeating: "-", count: width)
            return table.columns[i].kind == .text ? ":" + dashes : dashes + ":"
        }.joined(separator: "|") + "|\n"
        for values in rows { out += "| " + values.joined(separator: " | ") + " |\n" }
        return out
    }
}

/// CSV as French spreadsheets expect: `;`, decimal comma, no thousands separator; a text cell
/// starting with `=`, `+`, `-` or `@` is prefixed with `'` so no formula runs.
public enum CSVRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var out = ""
        for (i, table) in doc.tables.enumerated() {
            if i > 0 { out += "\r\n" }
            if doc.tables.count > 1, let t = table.title { out += field(t) + "\r\n" }
            out += table.columns.map { field($0.title) }.joined(separator: ";") + "\r\n"
            for row in table.rows {
                out += table.columns.indices.map { i in
                    i < row.cells.count ? cellText(row.cells[i]) : ""
                }.joined(separator: ";") + "\r\n"
            }
        }
        return out
    }

    static func cellText(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): return field(s)
        case .amount(let m): return m.plain
        case .percent(let p): return (p < 0 ? "-" : "") + String(p.magnitude / 10) + "," + String(p.magnitude % 10)
        case .number(let n): return String(n)
        case .date(let d): return d.french
        case .flag(let b): return b ? "oui" : "non"
        case .empty: return ""
        }
    }

    /// One text field: neutralised against formulas, quoted when needed.
    public static func field(_ s: String) -> String {
        var v = s
        if let c = v.first, "=+-@\t\r".contains(c) { v = "'" + v }
        if v.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            v = "\"" + v.replacingAll("\"", with: "\"\"") + "\""
        }
        return v
    }
}

/// JSON: amounts as integer cents, cells keyed by their column's key.
public enum JSONRenderer {
    public static func render(_ doc: ReportDocument) -> String {
        var out = "{\n  \"titre\": \(string(doc.title)),\n"
        out += "  \"sous_titre\": [" + doc.subtitle.map(string).joined(separator: ", ") + "],\n"
        out += "  \"tableaux\": [\n"
        out += doc.tables.map { table in
            var t = "    {\n      \"titre\": \(table.title.map(string) ?? "null"),\n"
            t += "      \"colonnes\": [" + table.columns.map {
                "{\"cle\": \(string($0.key)), \"titre\": \(string($0.title)), \"type\": \(string($0.kind.rawValue))}"
            }.joined(separator: ", ") + "],\n"
            t += "      \"lignes\": [\n"
            t += table.rows.map { row in
                var fields = ["\"style\": \(string(row.style.rawValue))"]
                for (i, c) in row.cells.enumerated() where i < table.columns.count {
                    fields.append("\(string(table.columns[i].key)): \(value(c))")
                }
                return "        {" + fields.joined(separator: ", ") + "}"
            }.joined(separator: ",\n")
            t += (table.rows.isEmpty ? "" : "\n") + "      ]\n    }"
            return t
        }.joined(separator: ",\n")
        out += (doc.tables.isEmpty ? "" : "\n") + "  ],\n"
        out += "  \"notes\": [" + doc.notes.map(string).joined(separator: ", ") + "]\n}\n"
        return out
    }

    static func value(_ c: Cell) -> String {
        switch c {
        case .text(let s): return string(s)
        case .amount(let m): return String(m.cents)
        case .percent(let p): return String(p)
        case .number(let n): return String(n)
        case .date(let d): return string(d.iso)
        case .flag(let b): return b ? "true" : "false"
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

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
