import Ledger

/// Why a HelloAsso export (or what looks like one) cannot be read. Each comes inside a
/// `LocatedError` with its file and line.
public enum PlatformError: Error, Sendable, Equatable {
    /// The export of another platform, named: Compta reads HelloAsso's only.
    case otherPlatform(String)
    /// Total ≠ tarif + options + don − promo.
    case amountsDoNotAddUp(total: Money, price: Money, options: Money, donation: Money, promo: Money)
    case unknownCampaignType(String, known: [String])
    case unknownStatus(String, known: [String])
    /// A payout export's `operationType` Compta does not know.
    case unknownOperation(String, known: [String])
    /// A refund or a chargeback cancelled (`RefundCancelled`, `ContestationCancelled`): the
    /// money comes back; Compta does not book it yet.
    case cancelledRefund(String)
    case date(column: String, text: String, DayError)
    case amount(column: String, text: String, MoneyError)
    /// A field every row needs (payment reference, order, date) is empty.
    case emptyField(String)
}

/// A HelloAsso export being read: its payments come by chunks (`nextPayments`), so that an
/// export of any size is never held whole — neither its bytes, read by pieces, nor its
/// payments; its refunds, payouts and the payments left out are known once every payment is read.
public struct HelloAssoExport: PlatformExportSource {
    public let file: String
    public let kind: HelloAssoExportKind
    private var reader: Reader
    private var records: CSVReader.Iterator
    /// The file's pieces being read: asked at the end whether reading failed.
    private let source: ByteChunks
    private var done = false
    /// Payments given so far.
    public private(set) var paymentsRead = 0

    /// How many payments a chunk holds (a payout export is read whole: the rows of one payment
    /// are gathered from anywhere in it).
    static let chunk = 4096

    /// How much of the file's beginning is enough to find its header (one record, of
    /// `CSVReader.maxRecordLength` at most).
    static let head = 1 << 16

    public var refunds: [PlatformRefund] { reader.refunds }
    public var payouts: [PlatformPayout] { reader.payouts.map { PlatformPayout(id: $0.id, date: $0.date, amount: $0.amount) } }
    public var leftOut: [LeftOutPayment] { reader.leftOut }

    /// The export in `bytes` (tests: by pieces of `chunkSize`, to cut it anywhere).
    public static func open(_ bytes: [UInt8], file: String, chunkSize: Int = 1 << 20) throws(LocatedError) -> HelloAssoExport? {
        try open(file: file) { MemoryChunks(bytes, size: chunkSize) }
    }

    /// The export `reading()` gives by pieces, from its first byte each time it is called (it is
    /// called three times, each reading as far as it needs: the header from the beginning, the
    /// encoding from the whole file, then the records); its header read. nil when the file is
    /// no HelloAsso export (a bank statement, for the bank readers). Another platform's export
    /// is refused, named.
    public static func open(file: String, reading: () -> ByteChunks) throws(LocatedError) -> HelloAssoExport? {
        // The header, from the beginning: a bank statement is not read further.
        let first = reading()
        var head: [UInt8] = []
        while head.count < Self.head || !head.contains(UInt8(ascii: "\n")) && head.count < CSVReader.maxRecordLength,
              let more = first.next() { head += more }
        if let failure = first.failure { throw LocatedError(file: file, line: 1, underlying: failure) }
        if head.count >= Self.head, let end = head.lastIndex(of: UInt8(ascii: "\n")) { head.removeSubrange((end + 1)...) }
        guard let decoded = try? TextDecoder.utf8(head) else { return nil }
        let separator = CSVReader.detectSeparator(utf8: decoded.bytes)
        var headRecords = CSVReader(utf8: decoded.bytes, separator: separator).makeIterator()
        guard let headTable = header(&headRecords, file: file), try recognise(headTable) != nil else { return nil }
        // An export HelloAsso's: the whole of it for its encoding, then its records.
        guard let encoding = try? TextDecoder.encoding(of: reading()) else { return nil }
        let source = DecodedChunks(reading(), encoding: encoding)
        var records = CSVReader.iterator(chunks: source, separator: separator)
        guard let table = header(&records, file: file), let kind = try recognise(table) else { return nil }
        return HelloAssoExport(file: file, kind: kind, reader: Reader(table: table, columns: Columns(table), kind: kind, file: file),
                               records: records, source: source)
    }

    /// The first record that is not blank, as a table's header.
    static func header(_ records: inout CSVReader.Iterator, file: String) -> CSVTable? {
        while let r = try? records.nextRecord() {
            if !r.isBlank { return CSVTable(header: r, file: file) }
        }
        return nil
    }

    static func recognise(_ table: CSVTable) throws(LocatedError) -> HelloAssoExportKind? {
        let columns = Columns(table)
        if let kind = HelloAssoVocabulary.kinds.first(where: { $0.fields.allSatisfy { columns.index[$0] != nil } })?.kind { return kind }
        for other in HelloAssoVocabulary.otherPlatforms where other.columns.allSatisfy({ table.column(searchKey($0)) != nil }) {
            throw table.headerError(PlatformError.otherPlatform(other.name))
        }
        return nil
    }

    /// The next payments of the file (up to `chunk`), nil once all are read.
    public mutating func nextPayments() throws(LocatedError) -> [PlatformPayment]? {
        while !done && (reader.payments.count < Self.chunk || kind == .payout) {
            let record: CSVRecord?
            do { record = try records.nextRecord() } catch { throw LocatedError(file: file, line: error.line, underlying: error) }
            guard let record else {
                if let failure = source.failure { throw LocatedError(file: file, line: records.line, underlying: failure) }
                done = true
                break
            }
            if !record.isBlank { try reader.read(reader.table.row(record)) }
        }
        let payments = reader.payments
        reader.payments = []
        reader.positions = [:]
        paymentsRead += payments.count
        return payments.isEmpty && done ? nil : payments
    }

    /// Every payment of the file: for a file known to be small (tests).
    public mutating func readAll() throws(LocatedError) -> [PlatformPayment] {
        var all: [PlatformPayment] = []
        while let chunk = try nextPayments() { all += chunk }
        return all
    }

    /// The column of each field of the vocabulary the file has.
    struct Columns {
        var index: [String: String] = [:]
        /// The place in a record of each field's column: one lookup a field, not two.
        var position: [String: Int] = [:]

        init(_ table: CSVTable) {
            for (field, names) in HelloAssoVocabulary.columns {
                if let name = names.first(where: { table.column($0) != nil }) {
                    index[field] = name
                    position[field] = table.column(name)
                }
            }
        }
    }

    struct Reader {
        let table: CSVTable
        let columns: Columns
        let kind: HelloAssoExportKind
        let file: String
        var payments: [PlatformPayment] = []
        var refunds: [PlatformRefund] = []
        var payouts: [(id: String, date: Day, amount: Money)] = []
        var leftOut: [LeftOutPayment] = []
        /// Payout export: the payment being gathered from its rows, by position in `payments`.
        var positions: [String: Int] = [:]
        /// The search keys of the few values a column of words takes (statuses, types, Oui/Non):
        /// computed once each, not once a row.
        var keys: [String: String] = [:]

        mutating func key(_ text: String) -> String {
            if let k = keys[text] { return k }
            let k = searchKey(text)
            if keys.count < 1024 { keys[text] = k }
            return k
        }

        func field(_ row: CSVTable.Row, _ name: String) -> String {
            guard let i = columns.position[name], i < row.record.fields.count else { return "" }
            return row.record.fields[i].trimmingSpaces
        }

        /// The header's own name of the column of field `name`, for a message.
        func columnName(_ name: String) -> String {
            guard let key = columns.index[name], let i = table.column(key) else { return name }
            return table.header.fields[i].trimmingSpaces
        }

        func required(_ row: CSVTable.Row, _ name: String) throws(LocatedError) -> String {
            let value = field(row, name)
            if value.isEmpty { throw row.error(PlatformError.emptyField(columnName(name))) }
            return value
        }

        func amount(_ row: CSVTable.Row, _ name: String) throws(LocatedError) -> Money {
            let text = field(row, name)
            if text.isEmpty { return .zero }
            do throws(MoneyError) { return try Money(parsing: text) } catch {
                throw row.error(PlatformError.amount(column: columnName(name), text: text, error))
            }
        }

        /// A date, with or without its time (`03/04/2026 18:23:13`, `09/10/2025 21:59`).
        func day(_ row: CSVTable.Row, _ name: String, required: Bool = true) throws(LocatedError) -> Day? {
            let text = field(row, name)
            if text.isEmpty {
                if required { throw row.error(PlatformError.emptyField(columnName(name))) }
                return nil
            }
            let date = String(text.split(separator: " ").first ?? "")
            do throws(DayError) { return try Day(parsing: date) } catch { throw row.error(PlatformError.date(column: columnName(name), text: text, error)) }
        }

        mutating func status(_ row: CSVTable.Row) throws(LocatedError) -> String {
            let text = field(row, "statut")
            guard let s = HelloAssoVocabulary.statuses[key(text)] else {
                throw row.error(PlatformError.unknownStatus(text, known: HelloAssoVocabulary.statusNames))
            }
            return s
        }

        /// What a payout export's row is (`HelloAssoVocabulary.operations`): an unknown type is
        /// refused, not guessed — money in or out, a gift or a price.
        mutating func operation(_ row: CSVTable.Row) throws(LocatedError) -> String {
            let text = field(row, "operation")
            guard let operation = HelloAssoVocabulary.operations[key(text)] else {
                throw row.error(PlatformError.unknownOperation(text, known: HelloAssoVocabulary.operationNames))
            }
            if operation == "annulation" { throw row.error(PlatformError.cancelledRefund(text)) }
            return operation
        }

        mutating func campaignKind(_ row: CSVTable.Row) throws(LocatedError) -> CampaignKind {
            let text = field(row, "type")
            guard let value = HelloAssoVocabulary.campaignTypes[key(text)], let kind = CampaignKind(rawValue: value) else {
                throw row.error(PlatformError.unknownCampaignType(text, known: HelloAssoVocabulary.campaignTypeNames))
            }
            return kind
        }

        func payer(_ row: CSVTable.Row) -> PlatformPerson {
            PlatformPerson(firstName: field(row, "prenom"), lastName: field(row, "nom"), company: field(row, "societe"), email: field(row, "email"),
                       siren: field(row, "siren"))
        }

        mutating func read(_ row: CSVTable.Row) throws(LocatedError) {
            switch kind {
            case .payments: try readPayment(row)
            case .membership, .campaign: try readOrder(row)
            case .payout: try readPayoutRow(row)
            }
        }

        mutating func readPayment(_ row: CSVTable.Row) throws(LocatedError) {
            let reference = try required(row, "paiement")
            let total = try amount(row, "total"), tarif = try amount(row, "tarif"), options = try amount(row, "options")
            let donation = try amount(row, "don"), promo = try amount(row, "promo")
            let price = tarif + options - promo
            if price + donation != total {
                throw row.error(PlatformError.amountsDoNotAddUp(total: total, price: tarif, options: options, donation: donation, promo: promo))
            }
            let kind = try campaignKind(row)
            let date = try day(row, "date")!
            switch try status(row) {
            case "hors-ligne": leftOut.append(LeftOutPayment(line: row.line, reference: reference, reason: .offline)); return
            case "rembourse": leftOut.append(LeftOutPayment(line: row.line, reference: reference, reason: .refunded)); return
            default: break
            }
            if total.isZero { leftOut.append(LeftOutPayment(line: row.line, reference: reference, reason: .free)); return }
            let paidOut = key(field(row, "verse")) == "oui"
            payments.append(PlatformPayment(line: row.line, order: field(row, "commande"), reference: reference, date: date,
                                            campaign: field(row, "campagne"), kind: kind, price: price, donation: donation, payer: payer(row),
                                            payoutDate: paidOut ? try day(row, "date-versement", required: false) : nil,
                                            receiptIssued: key(field(row, "recu")) == "oui"))
        }

        /// A campaign's export: one order a row; the campaign is named by the file.
        mutating func readOrder(_ row: CSVTable.Row) throws(LocatedError) {
            let order = try required(row, "commande")
            let price = try amount(row, "tarif") - amount(row, "promo")
            let date = try day(row, "date")!
            if try status(row) == "hors-ligne" || HelloAssoVocabulary.offlineMeans.contains(key(field(row, "moyen"))) {
                leftOut.append(LeftOutPayment(line: row.line, reference: order, reason: .offline))
                return
            }
            if price.isZero { leftOut.append(LeftOutPayment(line: row.line, reference: order, reason: .free)); return }
            let payer = payer(row)
            // The member of a membership, the participant of a ticket.
            let adherent = PlatformPerson(firstName: field(row, "prenom-adherent"), lastName: field(row, "nom-adherent"))
            let member = adherent.isEmpty ? PlatformPerson(firstName: field(row, "prenom-participant"), lastName: field(row, "nom-participant")) : adherent
            let kind = HelloAssoVocabulary.campaignKindByColumn.first { table.column($0.column) != nil }?.kind ?? .event
            payments.append(PlatformPayment(line: row.line, order: order, reference: nil, date: date, campaign: campaignName, kind: kind,
                                            price: price, donation: .zero, payer: payer,
                                            beneficiary: member.isEmpty || searchKey(member.name) == searchKey(payer.name) ? nil : member,
                                            receiptIssued: key(field(row, "recu")) == "oui"))
        }

        /// The campaign a campaign export is of: its file's name, as HelloAsso names the file
        /// after the form (`camp-chatons-2025.csv`: « camp chatons 2025 »).
        var campaignName: String {
            let base = file.split(separator: "/").last.map(String.init) ?? file
            let name = base.hasSuffix(".csv") ? String(base.dropLast(4)) : base
            return String(name.map { $0 == "-" || $0 == "_" ? " " : $0 })
        }

        /// A payout export's row: part of a payment (its price, its additional donation), or a
        /// refund taken out of the payout.
        mutating func readPayoutRow(_ row: CSVTable.Row) throws(LocatedError) {
            let payout = try required(row, "versement")
            let payoutDate = try day(row, "date-versement")!
            let reference = try required(row, "paiement")
            let credit = try amount(row, "credit"), debit = try amount(row, "debit")
            if let i = payouts.firstIndex(where: { $0.id == payout }) {
                payouts[i].amount = payouts[i].amount + credit - debit
            } else {
                payouts.append((payout, payoutDate, credit - debit))
            }
            let operation = try self.operation(row)
            if operation == "ignore" { return }
            if operation == "sortie" || debit > credit {
                refunds.append(PlatformRefund(line: row.line, reference: reference, order: field(row, "commande"), amount: debit - credit, date: payoutDate))
                return
            }
            let kind = try campaignKind(row)
            let date = try day(row, "date")!
            let isGift = operation == "don"
            if let i = positions[reference] {
                let p = payments[i]
                payments[i] = PlatformPayment(line: p.line, order: p.order, reference: reference, date: p.date, campaign: p.campaign, kind: p.kind,
                                              price: isGift ? p.price : p.price + credit, donation: isGift ? p.donation + credit : p.donation,
                                              payer: p.payer, payoutDate: p.payoutDate, payoutID: p.payoutID)
                return
            }
            positions[reference] = payments.count
            payments.append(PlatformPayment(line: row.line, order: field(row, "commande"), reference: reference, date: date,
                                            campaign: field(row, "campagne"), kind: kind, price: isGift ? .zero : credit,
                                            donation: isGift ? credit : .zero, payer: payer(row), payoutDate: payoutDate, payoutID: payout))
        }
    }
}
