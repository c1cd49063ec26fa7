import Foundation

let code = CLI.run(arguments: Array(CommandLine.arguments.dropFirst()),
                   environment: ProcessInfo.processInfo.environment,
                   output: .standard)
exit(code)
