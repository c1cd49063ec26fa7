import Foundation
import Testing
@testable import PlanComptable

/// Reads a reference chart (Paheko's CSV layout: code,label,description,position,bookmark).
func referenceChart(_ name: String) throws -> [(number: String, label: String)] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference/\(name)")
    let text = try String(contentsOf: url, encoding: .utf8)
    var rows: [(String, String)] = []
    for line in text.split(separator: "\n").dropFirst() {
        // code,label,... where label may be quoted.
        let comma = line.firstIndex(of: ",")!
        let code = String(line[..<comma])
        var rest = line[line.index(after: comma)...]
        var label = ""
        if rest.first == "\"" {
            rest = rest.dropFirst()
            let end = rest.firstIndex(of: "\"")!
            label = String(rest[..<end])
        } else {
            label = String(rest.prefix { $0 != "," })
        }
        rows.append((code, label))
    }
    return rows
}

let stopWords: Set<String> = ["de", "des", "du", "d", "et", "la", "le", "les", "l", "a", "sur", "en", "au", "aux"]

func words(_ s: String) -> [String] {
    s.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
        .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        .map(String.init)
}

/// `short` is a subsequence of `long` starting with the same letter: "amt" of "amortissements".
func abbreviates(_ short: String, _ long: String) -> Bool {
    guard short.first == long.first else { return false }
    var it = long.makeIterator()
    return short.allSatisfy { c in
        while let l = it.next() { if l == c { return true } }
        return false
    }
}

/// True when `ours` says what `reference` says, in full: every word of the reference is a word
/// of ours, an abbreviation of one ("Amt." for "Amortissements"), or the initials of a run of
/// ours ("RRR" for "Rabais, remises et ristournes", "VMP" for "valeurs mobilières de placement").
func isSameOrFuller(reference: String, ours: String) -> Bool {
    let full = words(ours)
    let content = full.filter { !stopWords.contains($0) }
    return words(reference).allSatisfy { t in
        if full.contains(t) || full.contains(where: { abbreviates(t, $0) }) { return true }
        guard t.count >= 2, t.count <= content.count else { return false }
        return (0...(content.count - t.count)).contains { start in
            String(content[start..<(start + t.count)].map { $0.first! }) == t
        }
    }
}

@Suite struct ChartTests {
    @Test(arguments: [(ChartVersion.pca2018, "fr_pca_2018.csv"), (.pca2025, "fr_pca_2025.csv")])
    func everyReferenceAccountIsInOurChart(version: ChartVersion, file: String) throws {
        let reference = try referenceChart(file)
        let ours = Dictionary(uniqueKeysWithValues: try PlanComptableData.accounts(version).map { ($0.number, $0.label) })
        #expect(reference.count > 500)
        for (number, label) in reference {
            guard let mine = ours[number] else {
                Issue.record("\(version): account \(number) \(label) is missing")
                continue
            }
            #expect(isSameOrFuller(reference: label, ours: mine), "\(version) \(number): « \(label) » vs « \(mine) »")
        }
        #expect(Set(ours.keys) == Set(reference.map(\.number)), "our chart invents no account")
        for digit in 1...8 { #expect(ours[String(digit)] != nil, "class \(digit)") }
    }

    @Test func theWordingCheckCanFail() {
        #expect(isSameOrFuller(reference: "Amt. frais d'établissement", ours: "Amortissements des frais d'établissement"))
        #expect(isSameOrFuller(reference: "RRR sur achats", ours: "Rabais, remises et ristournes sur achats"))
        #expect(!isSameOrFuller(reference: "Gains de change", ours: "Produits des cessions d'immobilisations"))
        #expect(!isSameOrFuller(reference: "Frais postaux", ours: "Frais bancaires"))
    }

    @Test func chartFollowsTheExerciceStart() {
        #expect(ChartVersion.forExercice(startYear: 2024) == .pca2018)
        #expect(ChartVersion.forExercice(startYear: 2025) == .pca2025)
    }
}

@Suite struct ChartChange2025 {
    /// Every account PCA 2018 has and PCA 2025 has not is listed, and its replacement exists in PCA 2025.
    @Test func everyVanishedAccountHasAnEntry() throws {
        let old = Set(try PlanComptableData.accounts(.pca2018).map(\.number).filter { $0.count >= 3 })
        let new = Set(try PlanComptableData.accounts(.pca2025).map(\.number))
        let table = try PlanComptableData.replacements(introducedBy: .pca2025)
        // And the transferts de charges, which the 2018 list leaves to the PCG, abolished in 2025.
        #expect(Set(table.keys) == old.subtracting(new).union(["791", "796", "797"]))
        #expect(["791", "796", "797"].allSatisfy { table[$0]?.new == nil && table[$0]?.remark != nil })
        for r in table.values { if let n = r.new { #expect(new.contains(n), "\(r.old) → \(n)") } }
        #expect(table["6713"]?.new == "6571")
    }
}
