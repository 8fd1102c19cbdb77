import Foundation
import Testing
@testable import PFMReporting

/// Issue 18: on a crowded cost/p95 plane the Pareto front's numbers printed on top of each
/// other and under the pick's ring, and markers covered the SLO line's label.
@Suite("SVG labels do not overprint")
struct SVGLabelTests {
    /// Label boxes (6 px per character, 11 px high) from the chart's `<text font-size="10">` elements.
    static func labelBoxes(_ svg: String) -> [(x0: Double, y0: Double, x1: Double, y1: Double, text: String)] {
        var out: [(Double, Double, Double, Double, String)] = []
        for line in svg.split(separator: "\n") where line.hasPrefix("<text") && line.contains("font-size=\"10\"") && !line.contains("font-weight") {
            func attr(_ name: String) -> Double? {
                guard let r = line.range(of: name + "=\"") else { return nil }
                return Double(line[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let x = attr("x"), let y = attr("y"), let open = line.firstIndex(of: ">"), let close = line.range(of: "</text>") else { continue }
            let text = String(line[line.index(after: open)..<close.lowerBound])
            let w = Double(text.count) * 6
            let end = line.contains("text-anchor=\"end\"")
            out.append((end ? x - w : x, y - 9, end ? x : x + w, y + 2, text))
        }
        return out
    }

    @Test func paretoNumbersDoNotOverlapEachOtherThePickOrTheSLOLabel() {
        // Twelve front points packed into a small corner of the plane, the pick among them.
        var pts: [(x: Double, y: Double)] = []
        for i in 0..<12 {
            let d = Double(i)
            pts.append((x: 1000 + d * 4, y: 2.0 - d * 0.01))
        }
        var front = SVGChart.Series(name: "front", points: pts)
        front.labels = pts.indices.map { "\($0 + 1)" }
        front.line = true; front.radius = 2
        var pick = SVGChart.Series(name: "PICK", points: [pts[5]])
        pick.emphasis = true; pick.hollow = true; pick.radius = 7
        let far = SVGChart.Series(name: "others", points: [(x: 5000, y: 0.2), (x: 4000, y: 6)])
        var chart = SVGChart(title: "t", xLabel: "x", yLabel: "y", series: [far, front, pick], kind: .scatter)
        chart.reference = (y: 1.98, label: "SLO")
        let svg = chart.render()
        let boxes = Self.labelBoxes(svg).filter { Int($0.text) != nil }
        #expect(boxes.count == 12, "every front point keeps its number")
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                let a = boxes[i], b = boxes[j]
                let apartX: Bool = a.x1 <= b.x0 || b.x1 <= a.x0
                let apartY: Bool = a.y1 <= b.y0 || b.y1 <= a.y0
                #expect(apartX || apartY, "labels \(a.text) and \(b.text) overlap")
            }
        }
        // The SLO label is drawn after every marker, on a halo.
        let slo = svg.range(of: ">SLO</text>")
        let lastCircle = svg.range(of: "<circle", options: String.CompareOptions.backwards)
        #expect(slo != nil && lastCircle != nil && lastCircle!.lowerBound < slo!.lowerBound)
        #expect(svg.contains("paint-order=\"stroke\">SLO</text>"))
    }
}
