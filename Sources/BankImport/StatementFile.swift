import Ledger

/// How to read a statement file: the options of `compta importer`.
public struct ReadOptions: Sendable {
    /// `--banque NOM` (nil: recognise it).
    public var bank: String?
    public var encoding: TextEncoding?
    public var columns: CustomColumns?
    public var profileFile: ProfileFile?
    /// `--numero`: which account of a file that holds several.
    public var accountNumber: String?

    public init(bank: String? = nil, encoding: TextEncoding? = nil, columns: CustomColumns? = nil,
                profileFile: ProfileFile? = nil, accountNumber: String? = nil) {
        self.bank = bank
        self.encoding = encoding
        self.columns = columns
        self.profileFile = profileFile
        self.accountNumber = accountNumber
    }
}

/// Reads a statement file of any supported kind: CSV (any bank's), OFX, QIF.
public enum StatementFile {
    public static func read(_ bytes: [UInt8], options: ReadOptions = ReadOptions()) throws(StatementError) -> Statement {
        if bytes.starts(with: Array("%PDF".utf8)) { throw .pdf }
        let forced = options.encoding ?? options.profileFile?.encoding ?? OFXReader.declaredEncoding(bytes)
        let decoded: (bytes: [UInt8], encoding: TextEncoding)
        do { decoded = try TextDecoder.utf8(bytes, forced: forced) } catch { throw .decoding(error) }
        if forced == nil, decoded.encoding != .utf8, let mixed = mixedEncodings(bytes) {
            throw .mixedEncodings(utf8Line: mixed.utf8Line, otherLine: mixed.otherLine)
        }
        let utf8 = decoded.bytes
        let head = String(decoding: utf8.prefix(4096), as: UTF8.self).drop { $0.isWhitespace }
        if OFXReader.looksLikeOFX(head) { return try OFXReader.read(String(decoding: utf8, as: UTF8.self), encoding: decoded.encoding) }
        if QIFReader.looksLikeQIF(head) { return try QIFReader.read(String(decoding: utf8, as: UTF8.self), encoding: decoded.encoding) }
        if let p = options.profileFile {
            return try CSVStatementReader.read(utf8: utf8, encoding: decoded.encoding, layout: .custom(p.columns, name: p.name),
                                               separator: p.separator, accountNumber: options.accountNumber)
        }
        if let c = options.columns {
            return try CSVStatementReader.read(utf8: utf8, encoding: decoded.encoding, layout: .custom(c, name: "colonnes \(c.text)"),
                                               separator: nil, accountNumber: options.accountNumber)
        }
        var layout = CSVStatementReader.Layout.auto
        if let name = options.bank, searchKey(name) != "auto" {
            guard let p = BankProfile.named(name) else {
                throw .unknownBank(name, known: BankProfile.all.map(\.id) + ["ofx", "qif"])
            }
            layout = .profile(p)
        }
        return try CSVStatementReader.read(utf8: utf8, encoding: decoded.encoding, layout: layout, separator: nil,
                                           accountNumber: options.accountNumber)
    }

    /// A file that is not valid UTF-8 but has lines that are (multi-byte UTF-8 sequences) and
    /// lines with single high bytes: two encodings mixed, which no single decoding reads right.
    static func mixedEncodings(_ bytes: [UInt8]) -> (utf8Line: Int, otherLine: Int)? {
        var utf8Line: Int? = nil, otherLine: Int? = nil
        var line = 1
        var start = 0
        func check(_ slice: ArraySlice<UInt8>) {
            guard slice.contains(where: { $0 >= 0x80 }) else { return }
            if String(validating: slice, as: UTF8.self) != nil { utf8Line = utf8Line ?? line } else { otherLine = otherLine ?? line }
        }
        for i in bytes.indices where bytes[i] == 0x0A {
            check(bytes[start..<i])
            line += 1
            start = i + 1
        }
        check(bytes[start...])
        if let u = utf8Line, let o = otherLine { return (u, o) }
        return nil
    }
}
