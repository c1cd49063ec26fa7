// swift-tools-version:6.0
import Foundation
import PackageDescription

// Compta: double-entry bookkeeping for French associations.
// Dependencies: the Swift toolchain and the system SQLite only (no SwiftPM packages, by design).
let package = Package(
    name: "Compta",
    products: [
        .executable(name: "compta", targets: ["compta"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The data files of Resources/ are built into the program as Swift strings
        // (ChartFiles.swift, written by compta-embed): the installed compta is one file.
        .target(name: "PlanComptable", path: "PlanComptable", exclude: ["Resources"]),
        .target(name: "Ledger", dependencies: ["PlanComptable"]),
        .target(name: "LedgerStore", dependencies: ["Ledger", "CSQLite"]),
        .target(name: "Imports", dependencies: ["Ledger"]),
        .target(name: "Reports", dependencies: ["Ledger"]),
        .executableTarget(
            name: "compta",
            dependencies: ["Ledger", "LedgerStore", "Imports", "Reports", "PlanComptable"]
        ),
        // Benchmark data generator (Benchmarks/run.sh): not part of the compta product.
        .executableTarget(name: "compta-bench", dependencies: ["Ledger"], path: "Benchmarks/compta-bench"),
        // Writes the Swift sources that embed the data files (swift run compta-embed).
        .executableTarget(name: "compta-embed"),
        .testTarget(name: "PlanComptableTests", dependencies: ["PlanComptable"], exclude: ["reference"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger"]),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "Ledger", "CSQLite"]),
        .testTarget(name: "ImportsTests", dependencies: ["Imports", "LedgerStore", "Ledger"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "LedgerStore", "Ledger", "PlanComptable"]),
        .testTarget(name: "CLITests", dependencies: ["compta", "LedgerStore", "Ledger"], exclude: ["reference", "golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer harnesses (Tests/fuzz/run.sh), outside the normal build: only with COMPTA_FUZZ set.
if ProcessInfo.processInfo.environment["COMPTA_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "Tests/fuzz/Driver"))
    for harness in ["csv", "statement", "amount-date", "ofx-qif", "fec", "files"] {
        package.targets.append(.executableTarget(name: "fuzz-\(harness)", dependencies: ["FuzzDriver", "Imports", "Ledger"],
                                                 path: "Tests/fuzz/\(harness)"))
    }
}
