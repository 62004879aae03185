import ArgumentParser

/// Global options written before the subcommand, as git, cargo and kubectl users write them
/// (`hone --data D log import F`), moved to just after it (`hone log import --data D F`), where
/// the argument parser reads a subcommand's options. Without this the parser gave the words to
/// the default command, `practice`, which took `log` for a deck's name.
enum ArgumentOrder {
    /// The options of `GlobalOptions`, each followed by a value (or joined to it by `=`).
    static let globalOptions: Set<String> = ["--decks", "--data", "--config", "--now"]

    /// `arguments` (without the program's name) with the global options before the subcommand
    /// moved after it. A subcommand is a word naming one of `command`'s subcommands (and so on
    /// down the tree); when the first other word names none, nothing moves (it is the default
    /// command's, which reads the options wherever they are).
    static func subcommandFirst(_ arguments: [String], command: any ParsableCommand.Type) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard globalOptions.contains(name) else { break }
            leading.append(argument)
            if !argument.contains("="), index + 1 < arguments.count {
                leading.append(arguments[index + 1])
                index += 1
            }
            index += 1
        }
        guard !leading.isEmpty else { return arguments }
        // `hone --data D help status`: help needs no folder, and takes no options.
        if index < arguments.count, arguments[index] == "help" { return Array(arguments[index...]) }
        var path: [String] = []
        var current = command
        while index < arguments.count,
            let next = current.configuration.subcommands.first(where: { $0._commandName == arguments[index] })
        {
            path.append(arguments[index])
            current = next
            index += 1
        }
        guard !path.isEmpty else { return arguments }
        return path + leading + arguments[index...]
    }
}
