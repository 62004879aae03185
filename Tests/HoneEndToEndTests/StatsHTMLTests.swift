import Foundation
import XCTest

/// `hone stats --html FILE`, end to end: the page is self-contained and escapes deck text, and a
/// real browser draws its charts (when one is installed; otherwise the page is checked as text).
final class StatsHTMLTests: XCTestCase {
    private let now = "2026-03-03T09:00:00Z"

    func testTheReportIsSelfContainedEscapedAndDrawnByABrowser() throws {
        let hone = try HoneProcess()
        defer { try? FileManager.default.removeItem(at: hone.home) }
        try writeDecksAndHistory(hone)

        let result = try hone.run([
            "stats", "--html", "report.html", "--decks", "decks", "--data", "data", "--now", now,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Wrote report.html"), result.stdout)
        let html = String(decoding: try hone.read("report.html"), as: UTF8.self)
        try checkText(html)

        guard let browser = Self.findBrowser() else {
            throw XCTSkip(
                "no headless browser installed (apt-get install chromium); the HTML report was checked as text only")
        }
        try checkRendering(
            html, report: hone.home.appendingPathComponent("report.html"), browser: browser, home: hone.home)
    }

    // MARK: - The workspace

    /// Two decks, one with a hostile skill name and card id; three weeks of answers, so that
    /// every chart has something to draw: reviews (retention by week), cards coming due
    /// (the forecast), answers on several days (the heatmap), a card failed twice.
    private func writeDecksAndHistory(_ hone: HoneProcess) throws {
        let cards = (1...6).map { "[[card]]\nid = \"c\($0)\"\nq = \"Q\($0)\"\na = \"A\($0)\"\n" }.joined()
        try hone.write("decks/net.toml", "[deck]\nname = \"Networking\"\nskill = \"Networking\"\n" + cards)
        // A TOML escape puts a real ESC (0x1B) into the skill name.
        try hone.write(
            "decks/evil.toml",
            "[deck]\nname = \"Evil\"\nskill = \"Evil <b>bold</b> \\u001B[31m red\"\n"
                + "[[card]]\nid = \"e<i>1\"\nq = \"Q\"\na = \"A\"\n")
        var rows = ["card,reviewed_at,rating,duration_ms"]
        for card in 1...6 {
            // Learnt on 10 February (two answers, 10 minutes apart), then reviewed as it falls due.
            let day = 10 + card % 3
            rows.append("net/c\(card),2026-02-\(day)T09:00:00Z,good,8000")
            rows.append("net/c\(card),2026-02-\(day)T09:10:00Z,good,6000")
            rows.append("net/c\(card),2026-02-\(day + 1)T09:00:00Z,\(card == 3 ? "again" : "good"),5000")
            rows.append("net/c\(card),2026-02-\(day + 5)T09:00:00Z,good,4000")
            rows.append("net/c\(card),2026-02-\(day + 12)T09:00:00Z,\(card == 5 ? "hard" : "good"),4000")
        }
        for (minute, rating) in ["again", "again", "good"].enumerated() {
            rows.append("evil/e<i>1,2026-02-20T10:0\(minute):00Z,\(rating),3000")
        }
        try hone.write("log.csv", rows.joined(separator: "\n") + "\n")
        let imported = try hone.run(["log", "import", "log.csv", "--decks", "decks", "--data", "data"])
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    // MARK: - The page as text

    private func checkText(_ html: String) throws {
        XCTAssertTrue(html.hasPrefix("<!doctype html>"))
        XCTAssertGreaterThanOrEqual(
            html.components(separatedBy: "<svg").count - 1, 4, "expected the four charts at least")
        let lower = html.lowercased()
        for forbidden in ["<script", "<link", "<img", "<iframe", "@import", "url("] {
            XCTAssertFalse(lower.contains(forbidden), "the page must not load anything: found \(forbidden)")
        }
        // The SVG namespace is the one URL a page with SVG may name; nothing else, fetched or not.
        let withoutNamespace = lower.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        XCTAssertFalse(withoutNamespace.contains("http://"), "no URL may appear")
        XCTAssertFalse(withoutNamespace.contains("https://"), "no URL may appear")

        // Deck text is escaped, and its control characters shown as visible stand-ins.
        XCTAssertFalse(html.contains("<b>bold</b>"), "the skill name's markup must not reach the page")
        XCTAssertFalse(html.contains("e<i>1"), "the card id's markup must not reach the page")
        XCTAssertFalse(html.contains("\u{1B}"), "a raw ESC must not reach the page")
        XCTAssertTrue(html.contains("Evil &lt;b&gt;bold&lt;/b&gt; \u{241B}[31m red"), "the skill name, escaped")
        XCTAssertTrue(html.contains("evil/e&lt;i&gt;1"), "the most-failed card, escaped")
        XCTAssertTrue(html.contains("decks/evil.toml:"), "the most-failed card's path:line")
    }

    // MARK: - The page in a browser

    /// Chromium takes a screenshot of the page; the PNG must show a drawn page, not a blank one:
    /// several colours, a share of pixels off the background, and the charts' own fill colours
    /// (a forecast bar, the busiest heatmap day), which only painted SVG can produce.
    private func checkRendering(_ html: String, report: URL, browser: String, home: URL) throws {
        let screenshot = home.appendingPathComponent("report.png")
        let run = try Self.runTool(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(home.appendingPathComponent("browser-profile").path)",
                "--window-size=1200,2200", "--screenshot=\(screenshot.path)", report.absoluteString,
            ],
            home: home, timeout: 60)
        XCTAssertEqual(run.status, 0, "\(browser) failed:\n\(run.output.suffix(2000))")
        guard FileManager.default.fileExists(atPath: screenshot.path) else {
            return XCTFail("\(browser) wrote no screenshot:\n\(run.output.suffix(2000))")
        }

        // The light theme's colours, read from the page so a new palette does not break the test.
        let barColour = try XCTUnwrap(Self.cssColour("--due", in: html), "no --due colour in the style")
        let busiestColour = try XCTUnwrap(Self.cssColour("--h4", in: html), "no --h4 colour in the style")
        let script = home.appendingPathComponent("png-colours.py")
        try Data(Self.pngScript.utf8).write(to: script)
        let decoded = try Self.runTool(
            "/usr/bin/env", ["python3", script.path, screenshot.path, barColour, busiestColour], home: home, timeout: 60
        )
        XCTAssertEqual(decoded.status, 0, decoded.output)
        let lines = decoded.output.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let summary = try XCTUnwrap(lines.first { $0.first == "image" }, decoded.output)
        let numbers = summary.dropFirst().compactMap { Int($0) }
        XCTAssertEqual(numbers.count, 4, decoded.output)
        guard numbers.count == 4 else { return }
        let (width, height, colours, offBackground) = (numbers[0], numbers[1], numbers[2], numbers[3])
        XCTAssertEqual(width, 1200)
        XCTAssertGreaterThanOrEqual(colours, 3, "a blank screenshot: \(decoded.output)")
        XCTAssertGreaterThanOrEqual(
            Double(offBackground), 0.01 * Double(width * height), "a blank screenshot: \(decoded.output)")
        for colour in [barColour, busiestColour] {
            let count = lines.first { $0.first == colour }.flatMap { $0.last }.flatMap { Int($0) } ?? 0
            XCTAssertGreaterThanOrEqual(count, 50, "#\(colour) is painted in \(count) pixels: a chart was not drawn")
        }
    }

    /// The first `NAME: #rrggbb` in the page's style (the light theme comes first), as "rrggbb".
    private static func cssColour(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "\(name): #") else { return nil }
        let hex = String(html[range.upperBound...].prefix(6)).lowercased()
        return hex.count == 6 && hex.allSatisfy(\.isHexDigit) ? hex : nil
    }

    private static func findBrowser() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/bin", "/snap/bin"]
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    /// Runs a tool with HOME in the scratch folder, its output (both streams) collected in a
    /// file rather than a pipe, since a chatty browser could fill a pipe and stall; killed after
    /// `timeout` seconds.
    private static func runTool(
        _ executable: String, _ arguments: [String], home: URL, timeout: TimeInterval
    ) throws -> (status: Int32, output: String) {
        let log = home.appendingPathComponent("tool-\(UUID().uuidString).log")
        try Data().write(to: log)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = home
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home.path
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
        environment["XDG_CACHE_HOME"] = home.appendingPathComponent(".cache").path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("\(executable) took more than \(Int(timeout)) s")
        }
        let output = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, output)
    }

    /// Decodes an 8-bit RGB or RGBA PNG with the standard library only (zlib, struct) and
    /// prints `image WIDTH HEIGHT COLOURS OFF_BACKGROUND`, the background being the most common
    /// colour, then `RRGGBB COUNT` for each colour asked about.
    private static let pngScript = #"""
        import struct, sys, zlib
        from collections import Counter

        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
        pos, idat, header = 8, [], None
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b'IHDR':
                header = struct.unpack('>IIBBBBB', body)
            elif kind == b'IDAT':
                idat.append(body)
            elif kind == b'IEND':
                break
            pos += 12 + length
        width, height, depth, colour_type, _, _, interlace = header
        assert depth == 8 and interlace == 0 and colour_type in (2, 6), header
        bpp = 3 if colour_type == 2 else 4
        raw = zlib.decompress(b''.join(idat))
        stride = width * bpp
        prev = bytearray(stride)
        colours = Counter()
        for y in range(height):
            start = y * (stride + 1)
            kind = raw[start]
            line = bytearray(raw[start + 1:start + 1 + stride])
            if kind == 1:
                for i in range(bpp, stride):
                    line[i] = (line[i] + line[i - bpp]) & 255
            elif kind == 2:
                line = bytearray((a + b) & 255 for a, b in zip(line, prev))
            elif kind == 3:
                for i in range(stride):
                    left = line[i - bpp] if i >= bpp else 0
                    line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
            elif kind == 4:
                for i in range(stride):
                    a = line[i - bpp] if i >= bpp else 0
                    b = prev[i]
                    c = prev[i - bpp] if i >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            row = bytes(line)
            colours.update(row[i:i + 3] for i in range(0, stride, bpp))
            prev = line
        background, count = colours.most_common(1)[0]
        print('image', width, height, len(colours), width * height - count)
        for wanted in sys.argv[2:]:
            print(wanted, colours[bytes.fromhex(wanted)])
        """#
}
