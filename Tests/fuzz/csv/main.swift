// The CSV reader on any bytes: records or a CSVError, never a crash or a hang.
import Imports
import FuzzDriver

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = input(data, size)
    let separator = CSVReader.detectSeparator(utf8: bytes)
    var reader = CSVReader(utf8: bytes, separator: separator).makeIterator()
    var line = 0
    while let record = try? reader.nextRecord() {
        precondition(record.line > line, "record lines go forward")
        line = record.line
    }
    return 0
}

@_cdecl("fuzz_csv_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runFuzzer(argc, argv, fuzzOne) }
