// The FEC reader and the books it makes: a LedgerImport whose entries balance, or an error.
import Imports
import FuzzDriver
import Ledger

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let file = try? FECReader.read(input(data, size), fileName: "fec.txt"), let books = try? file.ledgerImport() else { return 0 }
    for e in books.items {
        precondition(Money.sum(e.entry.lines.map(\.amount)).isZero, "an imported entry balances")
    }
    return 0
}

@_cdecl("fuzz_fec_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runFuzzer(argc, argv, fuzzOne) }
