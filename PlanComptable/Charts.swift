/// Which chart of accounts an exercice follows.
public enum ChartVersion: String, CaseIterable, Sendable {
    /// Règlement ANC 2018-06: exercices opened before 1 January 2025.
    case pca2018 = "PCA2018"
    /// Règlement ANC 2018-06 as amended by ANC 2023-03: exercices opened from 1 January 2025.
    case pca2025 = "PCA2025"

    /// The chart an exercice opened on that date must follow.
    public static func forExercice(startYear: Int) -> ChartVersion {
        startYear < 2025 ? .pca2018 : .pca2025
    }

    /// French name, for reports and messages.
    public var title: String {
        switch self {
        case .pca2018: return "plan comptable des associations (règlement ANC n° 2018-06)"
        case .pca2025: return "plan comptable des associations (règlement ANC n° 2018-06 modifié par le règlement ANC n° 2023-03)"
        }
    }

    /// Short French name, for a table's cell: « ANC 2018-06 », « plan 2025 ».
    public var shortTitle: String {
        switch self {
        case .pca2018: return "ANC 2018-06"
        case .pca2025: return "plan 2025 (ANC 2023-03)"
        }
    }

    var resourceName: String {
        switch self {
        case .pca2018: return "pca-2018"
        case .pca2025: return "pca-2025"
        }
    }
}

/// One account of an official chart.
public struct ChartAccount: Hashable, Sendable {
    public let number: String
    public let label: String
}

/// A data file the program was built without, or cannot read: a fault of the build, not of the
/// user's books (`compta/Messages/Ledger.swift` says so).
public enum PlanComptableError: Error, Equatable, Sendable {
    case missingResource(String)
    case malformed(file: String, line: Int, text: String)
}

/// The data files of `PlanComptable/Resources`, built into the program (`ChartFiles`).
public enum PlanComptableData {
    /// Every account of a chart, in file order (classes 1 to 8).
    public static func accounts(_ version: ChartVersion) throws(PlanComptableError) -> [ChartAccount] {
        try records(version.resourceName).map { ChartAccount(number: $0.fields[0], label: $0.fields[1]) }
    }

    /// A data file's records: `;`-separated fields, comment lines (`#`) and the header skipped.
    public static func records(_ name: String) throws(PlanComptableError) -> [(line: Int, fields: [String])] {
        guard let text = ChartFiles.files[name + ".csv"] else { throw PlanComptableError.missingResource(name + ".csv") }
        var result: [(Int, [String])] = []
        var header: [String]? = nil
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if header == nil { header = fields; continue }
            guard fields.count == header!.count else {
                throw PlanComptableError.malformed(file: name + ".csv", line: index + 1, text: String(line))
            }
            result.append((index + 1, fields))
        }
        return result
    }
}

/// One line of a report layout: a heading, a sum of accounts, or a sum of other lines.
public struct LayoutLine: Hashable, Sendable {
    public enum Kind: String, Sendable {
        case section, ligne, dont, total, resultat, actif, passif
    }
    public let code: String
    public let kind: Kind
    public let label: String
    /// Account prefixes (for `ligne`, `dont`, `actif`, `passif`) or line codes, `-CODE` to subtract
    /// (for `total`, `resultat`).
    public let terms: [String]
}

extension PlanComptableData {
    /// A report layout file (`resultat-anc-2018`, `resultat-anc-2025`, `bilan`).
    public static func layout(_ name: String) throws -> [LayoutLine] {
        try records(name).map { r in
            guard let kind = LayoutLine.Kind(rawValue: r.fields[1]) else {
                throw PlanComptableError.malformed(file: name + ".csv", line: r.line, text: r.fields.joined(separator: ";"))
            }
            return LayoutLine(code: r.fields[0], kind: kind, label: r.fields[2],
                              terms: r.fields[3].split(separator: " ").map(String.init))
        }
    }

    /// The compte de résultat layout of an exercice's chart.
    public static func resultLayout(_ version: ChartVersion) throws -> [LayoutLine] {
        try layout(version == .pca2018 ? "resultat-anc-2018" : "resultat-anc-2025")
    }
}

/// An account of an older chart that a newer one no longer has, and what to use instead.
public struct ChartReplacement: Hashable, Sendable {
    public let old: String
    /// nil when no single account replaces it.
    public let new: String?
    public let remark: String?
}

extension PlanComptableData {
    /// Accounts of the previous chart that `chart` no longer has, with their replacement
    /// (PCA 2018 → PCA 2025); none for the first chart.
    public static func replacements(introducedBy chart: ChartVersion) throws(PlanComptableError) -> [String: ChartReplacement] {
        guard chart == .pca2025 else { return [:] }
        return Dictionary(uniqueKeysWithValues: try records("correspondances-2025").map {
            ($0.fields[0], ChartReplacement(old: $0.fields[0], new: $0.fields[1].isEmpty ? nil : $0.fields[1],
                                            remark: $0.fields[2].isEmpty ? nil : $0.fields[2]))
        })
    }
}
