import Testing

@testable import HoneReport

@Suite("fitting lines to the terminal")
struct LineFitTests {
    @Test func aLineIsBrokenAtSpacesByDisplayWidth() {
        let fitted = LineFit.fit("  Why: 人脈は 信頼の 積み重ね で できている ものです", width: 16)
        #expect(fitted.allSatisfy { LineFit.columns($0) <= 16 }, "\(fitted)")
        #expect(fitted.first == "  Why: 人脈は")
        #expect(fitted.dropFirst().allSatisfy { $0.hasPrefix("    ") }, "continued lines indented two more")
        #expect(
            fitted.joined(separator: " ").split(separator: " ").joined(separator: " ")
                == "Why: 人脈は 信頼の 積み重ね で できている ものです")
    }

    @Test func colourTakesNoColumnsAndALongWordStaysWhole() {
        let painted = "\u{1B}[1mgood 3 · 3d\u{1B}[0m   \u{1B}[1measy 4 · 4d\u{1B}[0m"
        #expect(LineFit.columns(painted) == 25)
        #expect(LineFit.fit(painted, width: 25) == [painted], "fits exactly: left alone")
        #expect(
            LineFit.fit("a https://example.com/a-very-long-address b", width: 12)
                == ["a", "  https://example.com/a-very-long-address", "  b"])
    }
}
