// The other files a treasurer gives: rules, budget, entries (CSV); and a rule's regular
// expression (the first line) against a label (the rest), which must never crash nor take long.
import Imports
import FuzzDriver

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: input(data, size), as: UTF8.self)
    _ = try? RuleFile.read(text, file: "regles.csv")
    _ = try? BudgetFile.read(text, file: "budget.csv")
    _ = try? EntryFile.read(text, file: "ecritures.csv")
    let pattern = text.prefix { $0 != "\n" }
    if let p = try? RulePattern(String(pattern)) { _ = p.matches(String(text.dropFirst(pattern.count))) }
    return 0
}

@_cdecl("fuzz_files_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runFuzzer(argc, argv, fuzzOne) }
