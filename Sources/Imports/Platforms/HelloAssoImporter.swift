import Ledger

public enum HelloAssoImporter {
    /// Reads a HelloAsso export and records it; nil when the file is no HelloAsso export (a
    /// bank statement: the bank import reads it). `reading` gives the file by pieces from its
    /// first byte, each time called (`HelloAssoExport.open`): it is never held whole. `listing`:
    /// the result lists each entry written (`PlatformLedger`).
    public static func run(file: String, reading: () -> ByteChunks, ledger: some PlatformLedger, dryRun: Bool,
                           listing: Bool) throws -> HelloAssoImportResult? {
        guard var export = try HelloAssoExport.open(file: file, reading: reading) else { return nil }
        let outcome = try ledger.recordPlatform(&export, dryRun: dryRun, listing: listing)
        return HelloAssoImportResult(file: file, kind: export.kind, paymentsRead: export.paymentsRead + export.leftOut.count,
                                     leftOut: export.leftOut, outcome: outcome, dryRun: dryRun)
    }
}
