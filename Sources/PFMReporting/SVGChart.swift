import Foundation

/// Self-contained SVG charts (no scripts, no external fonts or styles): line charts, scatter
/// plots and grouped bars, each with a title, labelled axes with units, and a legend.
public struct SVGChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        public init(name: String, points: [(x: Double, y: Double)]) { self.name = name; self.points = points }
    }

    public enum Kind: Sendable { case lines, scatter }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var kind: Kind = .lines
    /// Optional horizontal reference line (e.g. an SLO), with its label.
    public var reference: (y: Double, label: String)?
    public var width = 760.0
    public var height = 440.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series], kind: Kind = .lines) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series; self.kind = kind
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func num(_ x: Double) -> String { Fmt.fixed(x, 1) }

    // Pieces both chart kinds draw the same way.

    /// The opening tag, white background and centred title.
    static func frame(width: Double, height: Double, title: String, centerX: Double) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
        <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="white"/>
        <text x="\(num(centerX))" y="28" text-anchor="middle" font-size="16" font-weight="bold">\(esc(title))</text>

        """
    }

    /// Horizontal grid lines with their value labels.
    static func yGrid(_ ticks: [Double], left: Double, plotWidth: Double, py: (Double) -> Double) -> String {
        var s = ""
        for t in ticks {
            s += "<line x1=\"\(num(left))\" y1=\"\(num(py(t)))\" x2=\"\(num(left + plotWidth))\" y2=\"\(num(py(t)))\" stroke=\"#e0e0e0\"/>\n"
            s += "<text x=\"\(num(left - 8))\" y=\"\(num(py(t) + 4))\" text-anchor=\"end\">\(label(t))</text>\n"
        }
        return s
    }

    /// The rotated y-axis title.
    static func yAxisLabel(_ text: String, middle: Double) -> String {
        "<text x=\"18\" y=\"\(num(middle))\" text-anchor=\"middle\" transform=\"rotate(-90 18 \(num(middle)))\">\(esc(text))</text>\n"
    }

    /// One legend swatch and its name.
    static func legendEntry(_ name: String, color: String, x: Double, y: Double) -> String {
        "<rect x=\"\(num(x))\" y=\"\(num(y - 9))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>\n"
            + "<text x=\"\(num(x + 17))\" y=\"\(num(y + 1))\">\(esc(name))</text>\n"
    }


    /// "Nice" tick values covering [lo, hi].
    static func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        guard hi > lo else { return [lo] }
        let raw = (hi - lo) / Double(count)
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
        var t = (lo / step).rounded(.down) * step
        var out: [Double] = []
        while t <= hi + step * 1e-9 { if t >= lo - step * 1e-9 { out.append(t) }; t += step }
        return out
    }

    static func label(_ v: Double) -> String {
        let a = abs(v)
        if a >= 1e6 { return Fmt.fixed(v / 1e6, 1) + "M" }
        if a >= 1e4 { return Fmt.fixed(v / 1e3, 0) + "k" }
        return Fmt.number(v)
    }

    public func render() -> String {
        let left = 80.0, right = 190.0, top = 50.0, bottom = 60.0
        let pw = width - left - right, ph = height - top - bottom
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) } + (reference.map { [$0.y] } ?? [])
        var x0 = xs.min() ?? 0, x1 = xs.max() ?? 1, y0 = min(0, ys.min() ?? 0), y1 = ys.max() ?? 1
        if x1 <= x0 { x1 = x0 + 1; x0 -= kind == .scatter ? 1 : 0 }
        if y1 <= y0 { y1 = y0 + 1 }
        y1 += (y1 - y0) * 0.05
        let xt = Self.ticks(x0, x1), yt = Self.ticks(y0, y1)
        x0 = min(x0, xt.first ?? x0); x1 = max(x1, xt.last ?? x1); y1 = max(y1, yt.last ?? y1)
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * pw }
        func py(_ y: Double) -> Double { top + ph - (y - y0) / (y1 - y0) * ph }
        var s = SVGChart.frame(width: width, height: height, title: title, centerX: left + pw / 2)
        s += SVGChart.yGrid(yt, left: left, plotWidth: pw, py: py)
        for t in xt {
            s += "<line x1=\"\(Self.num(px(t)))\" y1=\"\(Self.num(top + ph))\" x2=\"\(Self.num(px(t)))\" y2=\"\(Self.num(top + ph + 5))\" stroke=\"black\"/>\n"
            s += "<text x=\"\(Self.num(px(t)))\" y=\"\(Self.num(top + ph + 20))\" text-anchor=\"middle\">\(Self.label(t))</text>\n"
        }
        s += "<line x1=\"\(Self.num(left))\" y1=\"\(Self.num(top + ph))\" x2=\"\(Self.num(left + pw))\" y2=\"\(Self.num(top + ph))\" stroke=\"black\"/>\n"
        s += "<line x1=\"\(Self.num(left))\" y1=\"\(Self.num(top))\" x2=\"\(Self.num(left))\" y2=\"\(Self.num(top + ph))\" stroke=\"black\"/>\n"
        s += "<text x=\"\(Self.num(left + pw / 2))\" y=\"\(Self.num(height - 15))\" text-anchor=\"middle\">\(Self.esc(xLabel))</text>\n"
        s += SVGChart.yAxisLabel(yLabel, middle: top + ph / 2)
        if let r = reference {
            s += "<line x1=\"\(Self.num(left))\" y1=\"\(Self.num(py(r.y)))\" x2=\"\(Self.num(left + pw))\" y2=\"\(Self.num(py(r.y)))\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n"
            s += "<text x=\"\(Self.num(left + pw - 4))\" y=\"\(Self.num(py(r.y) - 5))\" text-anchor=\"end\" fill=\"#555\">\(Self.esc(r.label))</text>\n"
        }
        for (i, ser) in series.enumerated() {
            let color = Self.palette[i % Self.palette.count]
            let pts = ser.points.sorted { $0.x < $1.x }
            if kind == .lines && pts.count > 1 {
                s += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\""
                s += pts.map { "\(Self.num(px($0.x))),\(Self.num(py($0.y)))" }.joined(separator: " ") + "\"/>\n"
            }
            for p in pts {
                s += "<circle cx=\"\(Self.num(px(p.x)))\" cy=\"\(Self.num(py(p.y)))\" r=\"\(kind == .scatter ? 5 : 3)\" fill=\"\(color)\"><title>\(Self.esc(ser.name)): \(Self.label(p.x)), \(Self.label(p.y))</title></circle>\n"
            }
            let ly = top + 10 + Double(i) * 18
            s += SVGChart.legendEntry(ser.name, color: color, x: left + pw + 15, y: ly)
        }
        s += "</svg>\n"
        return s
    }
}

/// Grouped bar chart (e.g. a metric per policy, grouped by option).
public struct SVGBarChart: Sendable {
    public var title: String
    public var yLabel: String
    public var groups: [String]
    public var bars: [(name: String, values: [Double])]
    public var width = 760.0
    public var height = 440.0

    public init(title: String, yLabel: String, groups: [String], bars: [(name: String, values: [Double])]) {
        self.title = title; self.yLabel = yLabel; self.groups = groups; self.bars = bars
    }

    public func render() -> String {
        let left = 80.0, right = 190.0, top = 50.0, bottom = 70.0
        let pw = width - left - right, ph = height - top - bottom
        let maxV = max(bars.flatMap(\.values).max() ?? 1, 1e-12)
        let yt = SVGChart.ticks(0, maxV * 1.05)
        let y1 = max(maxV * 1.05, yt.last ?? 1)
        func py(_ y: Double) -> Double { top + ph - y / y1 * ph }
        var s = SVGChart.frame(width: width, height: height, title: title, centerX: left + pw / 2)
        s += SVGChart.yGrid(yt, left: left, plotWidth: pw, py: py)
        let gw = pw / Double(max(1, groups.count))
        let bw = gw * 0.8 / Double(max(1, bars.count))
        for (g, name) in groups.enumerated() {
            let gx = left + Double(g) * gw
            for (b, bar) in bars.enumerated() where g < bar.values.count {
                let v = bar.values[g]
                let x = gx + gw * 0.1 + Double(b) * bw
                s += "<rect x=\"\(SVGChart.num(x))\" y=\"\(SVGChart.num(py(v)))\" width=\"\(SVGChart.num(bw - 2))\" height=\"\(SVGChart.num(top + ph - py(v)))\" fill=\"\(SVGChart.palette[b % SVGChart.palette.count])\"><title>\(SVGChart.esc(name)) \(SVGChart.esc(bar.name)): \(SVGChart.label(v))</title></rect>\n"
            }
            s += "<text x=\"\(SVGChart.num(gx + gw / 2))\" y=\"\(SVGChart.num(top + ph + 18))\" text-anchor=\"middle\">\(SVGChart.esc(name))</text>\n"
        }
        s += "<line x1=\"\(SVGChart.num(left))\" y1=\"\(SVGChart.num(top + ph))\" x2=\"\(SVGChart.num(left + pw))\" y2=\"\(SVGChart.num(top + ph))\" stroke=\"black\"/>\n"
        s += SVGChart.yAxisLabel(yLabel, middle: top + ph / 2)
        for (b, bar) in bars.enumerated() {
            let ly = top + 10 + Double(b) * 18
            s += SVGChart.legendEntry(bar.name, color: SVGChart.palette[b % SVGChart.palette.count], x: left + pw + 15, y: ly)
        }
        s += "</svg>\n"
        return s
    }
}

/// Several charts stacked into one SVG file.
public enum SVGDocument {
    public static func stack(_ charts: [String], width: Double = 760, height: Double = 440) -> String {
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height * Double(charts.count)))\" viewBox=\"0 0 \(Int(width)) \(Int(height * Double(charts.count)))\">\n"
        for (i, c) in charts.enumerated() {
            // Nest each chart as an inner <svg> placed at its offset.
            s += c.replacingOccurrences(of: "<svg xmlns=\"http://www.w3.org/2000/svg\" ", with: "<svg y=\"\(Int(height * Double(i)))\" ", options: .anchored)
        }
        return s + "</svg>\n"
    }
}
