import Ledger

/// Charts as SVG text, written by hand: a line chart (month-end cash) and a horizontal bar chart
/// (budget per poste). Readable in black and white (solid and dashed lines, plain and hatched
/// bars), French numbers on the axes, a title and a text description for each, and a `<title>`
/// on every point and bar giving its exact value.
public enum SVGChart {
    public struct Series: Sendable {
        public let name: String
        public let values: [Money?]
        public init(name: String, values: [Money?]) {
            self.name = name
            self.values = values
        }
    }

    /// Text for XML: markup characters as entities, and no control character (XML 1.0 has no
    /// place for them: one in a budget poste's label made the whole chart unreadable).
    static func escape(_ s: String) -> String { s.printable.markupEscaped }

    /// Axis ticks: round steps (1, 2, 5 × 10^k euros) covering `low...high` (cents).
    static func ticks(low: Int64, high: Int64) -> [Int64] {
        let lo = min(0, low), hi = max(high, lo + 100)
        let span = Double(hi - lo) / 100   // euros, for choosing a step only
        var step: Int64 = 1
        while Double(step) * 5 < span {
            if Double(step * 2) * 5 >= span { step *= 2; break }
            if Double(step * 5) * 5 >= span { step *= 5; break }
            step *= 10
        }
        let stepCents = step * 100
        var t = (lo / stepCents) * stepCents
        if t > lo { t -= stepCents }
        var result: [Int64] = []
        while t < hi + stepCents {
            result.append(t)
            if t >= hi { break }
            t += stepCents
        }
        return result
    }

    /// `15 000 €`
    static func axisLabel(_ cents: Int64) -> String { Money(cents: cents).roundedEuros + "\u{A0}€" }

    /// `svg`, made by `header`, ready to sit inline in an HTML page beside other charts: the
    /// ids its title and description are known by, made unique with `id` (`graphique-budget`).
    /// Labels are escaped, so these attributes appear only where `header` wrote them.
    static func inlined(_ svg: String, id: String) -> String {
        svg.replacingAll("aria-labelledby=\"titre description\"", with: "aria-labelledby=\"\(id)-titre \(id)-description\"")
            .replacingAll("<title id=\"titre\">", with: "<title id=\"\(id)-titre\">")
            .replacingAll("<desc id=\"description\">", with: "<desc id=\"\(id)-description\">")
    }

    static func header(width: Int, height: Int, title: String, description: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="titre description" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">
        <title id="titre">\(escape(title))</title>
        <desc id="description">\(escape(description))</desc>
        <rect x="0" y="0" width="\(width)" height="\(height)" fill="white"/>
        <text x="\(width / 2)" y="20" text-anchor="middle" font-size="15" font-weight="bold">\(escape(title))</text>

        """
    }

    /// Lines over labelled x positions (months); the first series solid, the second dashed.
    public static func lines(title: String, description: String, xLabels: [String], pointTitles: [[String]], series: [Series]) -> String {
        let width = 680, height = 340, left = 90, right = 20, top = 40, bottom = 60
        let plotW = width - left - right, plotH = height - top - bottom
        let values = series.flatMap { $0.values.compactMap { $0?.cents } }
        let ticks = SVGChart.ticks(low: values.min() ?? 0, high: values.max() ?? 0)
        let yMin = ticks.first!, yMax = ticks.last!
        func y(_ v: Int64) -> Double { Double(top) + Double(plotH) * (1 - Double(v - yMin) / Double(max(1, yMax - yMin))) }
        func x(_ i: Int) -> Double { Double(left) + Double(plotW) * (xLabels.count > 1 ? Double(i) / Double(xLabels.count - 1) : 0.5) }
        var svg = header(width: width, height: height, title: title, description: description)
        for t in ticks {
            svg += "<line x1=\"\(left)\" y1=\"\(fmt(y(t)))\" x2=\"\(width - right)\" y2=\"\(fmt(y(t)))\" stroke=\"#cccccc\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(left - 6)\" y=\"\(fmt(y(t) + 4))\" text-anchor=\"end\">\(escape(axisLabel(t)))</text>\n"
        }
        for (i, l) in xLabels.enumerated() {
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">\(escape(l))</text>\n"
        }
        let styles = [("#000000", "", "circle"), ("#666666", " stroke-dasharray=\"6 4\"", "square")]
        for (s, serie) in series.enumerated() {
            let (color, dash, marker) = styles[s % styles.count]
            let points = serie.values.enumerated().compactMap { i, v in v.map { (i, $0) } }
            let path = points.map { "\(fmt(x($0.0))),\(fmt(y($0.1.cents)))" }.joined(separator: " ")
            svg += "<g class=\"serie\" data-nom=\"\(escape(serie.name))\">\n"
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            for (i, v) in points {
                let tip = "<title>\(escape(pointTitles[s][i]))</title>"
                if marker == "circle" {
                    svg += "<circle class=\"point\" data-valeur=\"\(v.cents)\" cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(v.cents)))\" r=\"4\" fill=\"\(color)\">\(tip)</circle>\n"
                } else {
                    svg += "<rect class=\"point\" data-valeur=\"\(v.cents)\" x=\"\(fmt(x(i) - 3.5))\" y=\"\(fmt(y(v.cents) - 3.5))\" width=\"7\" height=\"7\" fill=\"white\" stroke=\"\(color)\" stroke-width=\"1.5\">\(tip)</rect>\n"
                }
            }
            svg += "</g>\n"
            // Legend.
            let lx = left + 10 + s * 200, ly = height - 18
            svg += "<line x1=\"\(lx)\" y1=\"\(ly)\" x2=\"\(lx + 30)\" y2=\"\(ly)\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>\n"
            svg += "<text x=\"\(lx + 36)\" y=\"\(ly + 4)\">\(escape(serie.name))</text>\n"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\" stroke=\"black\"/>\n"
        return svg + "</svg>\n"
    }

    /// Horizontal bars: for each category, one bar per series (dark, then light with a black
    /// outline). `sections` puts a heading before the category at each index.
    public static func bars(title: String, description: String, categories: [String], series: [Series],
                            sections: [(title: String, start: Int)] = []) -> String {
        let left = 270, right = 90, barH = 12, gap = 12
        let top = 40 + (sections.isEmpty ? 0 : 18)
        let groupH = series.count * barH + gap
        // A section after the first leaves room for its heading.
        func groupY(_ c: Int) -> Int { top + c * groupH + 20 * sections.filter { $0.start > 0 && $0.start <= c }.count }
        let width = 720, height = groupY(categories.count) + 50
        let plotW = width - left - right
        let values = series.flatMap { $0.values.compactMap { $0?.cents } }
        let ticks = SVGChart.ticks(low: values.min() ?? 0, high: values.max() ?? 0)
        let xMin = ticks.first!, xMax = ticks.last!
        func x(_ v: Int64) -> Double { Double(left) + Double(plotW) * Double(v - xMin) / Double(max(1, xMax - xMin)) }
        var svg = header(width: width, height: height, title: title, description: description)
        let plotBottom = groupY(categories.count)
        for t in ticks {
            svg += "<line x1=\"\(fmt(x(t)))\" y1=\"\(top)\" x2=\"\(fmt(x(t)))\" y2=\"\(plotBottom)\" stroke=\"#dddddd\"/>\n"
            svg += "<text x=\"\(fmt(x(t)))\" y=\"\(plotBottom + 14)\" text-anchor=\"middle\" font-size=\"10\">\(escape(axisLabel(t)))</text>\n"
        }
        let fills = ["#333333", "#c8c8c8"]
        for s in sections {
            let sy = groupY(s.start) - 6
            svg += "<text x=\"10\" y=\"\(sy)\" font-weight=\"bold\">\(escape(s.title))</text>\n"
            if s.start > 0 { svg += "<line x1=\"10\" y1=\"\(sy - 14)\" x2=\"\(width - right)\" y2=\"\(sy - 14)\" stroke=\"#999999\"/>\n" }
        }
        for (c, name) in categories.enumerated() {
            let gy = groupY(c)
            let label = name.count > 38 ? String(name.prefix(37)) + "…" : name
            svg += "<text x=\"\(left - 6)\" y=\"\(gy + series.count * barH / 2 + 4)\" text-anchor=\"end\">\(escape(label))</text>\n"
            for (s, serie) in series.enumerated() {
                guard let v = serie.values[c] else { continue }
                let x0 = x(min(0, v.cents)), x1 = x(max(0, v.cents))
                svg += "<rect class=\"barre\" data-serie=\"\(escape(serie.name))\" data-valeur=\"\(v.cents)\" x=\"\(fmt(x0))\" y=\"\(gy + s * barH)\" width=\"\(fmt(max(0.5, x1 - x0)))\" height=\"\(barH - 1)\" fill=\"\(fills[s % 2])\" stroke=\"black\" stroke-width=\"0.5\">"
                    + "<title>\(escape("\(name) — \(serie.name) : \(v) €"))</title></rect>\n"
                svg += "<text x=\"\(fmt(x1 + 4))\" y=\"\(gy + s * barH + barH - 2)\" font-size=\"10\">\(escape(v.roundedEuros + "\u{A0}€"))</text>\n"
            }
        }
        for (s, serie) in series.enumerated() {
            let lx = left + s * 180, ly = height - 20
            svg += "<rect x=\"\(lx)\" y=\"\(ly - 9)\" width=\"20\" height=\"10\" fill=\"\(fills[s % 2])\" stroke=\"black\" stroke-width=\"0.5\"/>\n"
            svg += "<text x=\"\(lx + 26)\" y=\"\(ly)\">\(escape(serie.name))</text>\n"
        }
        return svg + "</svg>\n"
    }

    static func fmt(_ d: Double) -> String {
        let r = (d * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
