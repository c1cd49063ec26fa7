// The other files a treasurer gives: rules, budget, entries (CSV).
import BankImport
import FuzzDriver

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: input(data, size), as: UTF8.self)
    _ = try? RuleFile.read(text, file: "regles.csv")
    _ = try? BudgetFile.read(text, file: "budget.csv")
    _ = try? EntryFile.read(text, file: "ecritures.csv")
    return 0
}

@_cdecl("fuzz_files_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runFuzzer(argc, argv, fuzzOne) }
