import Foundation
import Testing
import Ledger
import LedgerStore
@testable import Reports

/// Runs hledger on a journal; nil when hledger is not installed (.ci/run installs it).
func hledgerBalances(_ journal: String) throws -> [String: Int64]? {
    let exe = ["/usr/bin/hledger", "/usr/local/bin/hledger"].first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let exe else { return nil }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("compta-\(UUID().uuidString).journal")
    try journal.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: exe)
    p.arguments = ["-f", file.path, "balance", "--flat", "--no-total", "-O", "csv"]
    let pipe = Pipe(), err = Pipe()
    p.standardOutput = pipe
    p.standardError = err
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "hledger: \(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
    var balances: [String: Int64] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
        // "account","balance": "512 Banques","1234.56 EUR"
        // Two quoted fields; labels may hold commas.
        let cells = line.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).components(separatedBy: "\",\"")
        guard cells.count == 2 else { continue }
        let account = String(cells[0].split(separator: " ")[0])
        let amount = cells[1].replacingOccurrences(of: " EUR", with: "").replacingOccurrences(of: "EUR", with: "").trimmingCharacters(in: .whitespaces)
        balances[account] = (try? Money(parsing: amount))?.cents ?? 0
    }
    return balances
}

@Suite struct HledgerAgrees {
    @Test(arguments: seeds)
    func balancesMatchHledger(seed: UInt64) throws {
        let store = try randomLedger(seed: seed)
        try store.addAccount(n("6226A"), label: "Honoraires; \"spéciaux\"  : avocat")
        try post(store, "2024-05-05", "Libellé ; piégé\tavec # et \"guillemets\"", [("6226A", 12345), ("512", -12345)], project: "A")
        let journal = try HledgerExport.journal(store)
        guard let theirs = try hledgerBalances(journal) else {
            print("hledger n'est pas installé : comparaison sautée (la CI l'installe).")
            return
        }
        let ours = try store.totals(TotalsQuery()).filter { !$0.balance.isZero }
        #expect(theirs.count == ours.count)
        for t in ours { #expect(theirs[t.account.text] == t.balance.cents, "\(t.account)") }
    }
}
