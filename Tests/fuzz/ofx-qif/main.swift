// The OFX and QIF readers: the input goes behind a header that makes the detector choose them,
// so that every run reaches their parsers.
import Imports
import FuzzDriver

private func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = input(data, size)
    _ = try? StatementFile.read(Array("OFXHEADER:100\n<OFX>\n".utf8) + bytes)
    _ = try? StatementFile.read(Array("!Type:Bank\n".utf8) + bytes)
    return 0
}

@_cdecl("fuzz_ofx_qif_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt { runFuzzer(argc, argv, fuzzOne) }
