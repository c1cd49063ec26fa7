// A statement file of any kind, as compta importer reads it: decoding, format detection (PDF,
// binary, OFX, QIF, every bank's CSV), then the statement, or a StatementError.
import Imports
import FuzzDriver
import Ledger

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let read = try? StatementFile.read(input(data, size)), let statement = try? read.importable(from: nil) else { return 0 }
    precondition(statement.lines.allSatisfy { !$0.amount.isZero }, "no operation of no amount is imported")
    precondition(statement.lines.count + statement.zeroAmounts == read.lines.count, "every operation left out is counted")
    for line in statement.lines {
        precondition(line.line >= 1, "an operation has a line")
        _ = line.amount.cents.magnitude
    }
    if let batch = try? BankImporter.plan(statement, bankAccount: AccountNumber(trusted: "512"), rules: [], fileName: "f", fileHash: "h") {
        precondition(Set(batch.entries.map(\.fingerprint)).count == batch.count, "fingerprints are unique within a statement")
    }
    return 0
}

@_cdecl("fuzz_statement_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runFuzzer(argc, argv, fuzzOne) }
