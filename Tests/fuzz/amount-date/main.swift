// Amounts and dates as users and banks write them: a value or an error; what is read is read
// back the same from its own writing.
import FuzzDriver
import Ledger

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: input(data, size), as: UTF8.self)
    if let money = try? Money(parsing: text) {
        precondition((try? Money(parsing: money.plain)) == money, "an amount reads back from its writing")
        precondition((try? Money(parsing: money.description)) == money, "an amount reads back from its French writing")
    }
    if let day = try? Day(parsing: text) {
        precondition((try? Day(parsing: day.iso)) == day && (try? Day(parsing: day.french)) == day, "a date reads back")
        precondition(Day(ordinal: day.ordinal) == day, "a date is its ordinal")
    }
    _ = try? AccountNumber(text)
    return 0
}

@_cdecl("fuzz_amount_date_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runFuzzer(argc, argv, fuzzOne) }
