import Ledger

public enum HelloAssoImporter {
    /// Reads a HelloAsso export and records it; nil when the file is no HelloAsso export (a
    /// bank statement: the bank import reads it).
    public static func run(_ bytes: [UInt8], file: String, ledger: some PlatformLedger, dryRun: Bool) throws -> HelloAssoImportResult? {
        guard var export = try HelloAssoExport.open(bytes, file: file) else { return nil }
        let outcome = try ledger.recordPlatform(&export, dryRun: dryRun)
        return HelloAssoImportResult(file: file, kind: export.kind, paymentsRead: export.paymentsRead + export.leftOut.count,
                                     leftOut: export.leftOut, outcome: outcome, dryRun: dryRun)
    }
}
