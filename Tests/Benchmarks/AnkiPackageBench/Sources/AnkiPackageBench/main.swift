import Foundation
import HoneAnki

// Reads the package named on the command line with AnkiPackage.read and prints what it holds and
// how long the read took (the process's peak memory is measured by the caller).
guard CommandLine.arguments.count == 2 else {
    print("usage: AnkiPackageBench PACKAGE")
    exit(2)
}
let started = ContinuousClock.now
do {
    let collection = try AnkiPackage.read(CommandLine.arguments[1])
    let elapsed = ContinuousClock.now - started
    print(
        "read: \(collection.notes.count) notes, \(collection.cards.count) cards, \(collection.reviews.count) reviews, "
            + "\(collection.decks.count) decks in \(elapsed)")
} catch {
    print(error.message)
    exit(1)
}
