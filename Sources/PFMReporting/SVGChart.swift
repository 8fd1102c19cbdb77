import Foundation

/// Self-contained SVG charts (no scripts, no external fonts or styles): line charts, scatter
/// plots and grouped bars, each with a title, labelled axes with units, and a legend.
public struct SVGChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Drawn thicker and larger (the pick).
        public var emphasis = false
        /// Markers drawn as rings (e.g. infeasible options).
        public var hollow = false
        /// A text beside each point (same order as `points`), or nil.
        public var labels: [String]?
        /// Join the points with a line (nil: as the chart's kind says).
        public var line: Bool?
        /// Marker radius (nil: 3 on line charts, 5 on scatter plots).
        public var radius: Double?
        public var color: String?
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
    /// A line under the title (e.g. which options are shown and which were left out).
    public var note: String?
    /// Lines under the legend (e.g. what numbered points are).
    public var legendNotes: [String] = []
    public var width = 760.0
    public var height = 440.0

    public init(title: String, xLabel: String, yLabel: String, series: [Series], kind: Kind = .lines) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.series = series; self.kind = kind
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
                          "#393b79", "#ad494a"]

    static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A coordinate: never "nan" or "inf" in the file (a non-finite one is drawn at 0; the
    /// charts drop non-finite points before they get here).
    static func num(_ x: Double) -> String { x.isFinite ? Fmt.fixed(x, 1) : "0" }

    // Pieces both chart kinds draw the same way.

    /// The opening tag, white background, centred title and the note under it.
    static func frame(width: Double, height: Double, title: String, centerX: Double, note: String? = nil) -> String {
        var s = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
        <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="white"/>
        <text x="\(num(centerX))" y="24" text-anchor="middle" font-size="15" font-weight="bold">\(esc(title))</text>

        """
        if let note { s += "<text x=\"\(num(width / 2))\" y=\"42\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">\(esc(clip(note, 120)))</text>\n" }
        return s
    }

    /// `s` cut to `n` characters with an ellipsis (legends and axis labels stay inside the frame).
    static func clip(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }

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

    /// One legend swatch and its name (a ring for hollow markers), cut to fit the legend column.
    static func legendEntry(_ name: String, color: String, x: Double, y: Double, hollow: Bool = false, bold: Bool = false) -> String {
        let swatch = hollow
            ? "<circle cx=\"\(num(x + 6))\" cy=\"\(num(y - 3))\" r=\"5\" fill=\"white\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            : "<rect x=\"\(num(x))\" y=\"\(num(y - 9))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>\n"
        return swatch + "<text x=\"\(num(x + 17))\" y=\"\(num(y + 1))\" font-size=\"11\"\(bold ? " font-weight=\"bold\"" : "")>\(esc(clip(name, 30)))</text>\n"
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
        let left = 80.0, right = 210.0, top = note == nil ? 50.0 : 60.0, bottom = 60.0
        let pw = width - left - right, ph = height - top - bottom
        // Non-finite points are not drawn (commands refuse such results before plotting).
        let series = self.series.map { s in
            var s = s
            let keep = s.points.indices.filter { s.points[$0].x.isFinite && s.points[$0].y.isFinite }
            s.labels = s.labels.map { l in keep.map { $0 < l.count ? l[$0] : "" } }
            s.points = keep.map { s.points[$0] }
            return s
        }
        let reference = self.reference.flatMap { $0.y.isFinite ? $0 : nil }
        let xs = series.flatMap { $0.points.map(\.x) }, ys = series.flatMap { $0.points.map(\.y) } + (reference.map { [$0.y] } ?? [])
        var x0 = xs.min() ?? 0, x1 = xs.max() ?? 1, y0 = min(0, ys.min() ?? 0), y1 = ys.max() ?? 1
        if x1 <= x0 { x1 = x0 + 1; x0 -= kind == .scatter ? 1 : 0 }
        if y1 <= y0 { y1 = y0 + 1 }
        // A margin inside the frame, so markers at the extremes are whole and not cut by the axes.
        if kind == .scatter { let pad = (x1 - x0) * 0.06; x0 -= pad; x1 += pad }
        y1 += (y1 - y0) * 0.08
        let xt = Self.ticks(x0, x1), yt = Self.ticks(y0, y1)
        if kind != .scatter { x0 = min(x0, xt.first ?? x0); x1 = max(x1, xt.last ?? x1) }
        y1 = max(y1, yt.last ?? y1)
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * pw }
        func py(_ y: Double) -> Double { top + ph - (y - y0) / (y1 - y0) * ph }
        var s = SVGChart.frame(width: width, height: height, title: title, centerX: left + pw / 2, note: note)
        s += SVGChart.yGrid(yt, left: left, plotWidth: pw, py: py)
        for t in xt where t >= x0 && t <= x1 {
            s += "<line x1=\"\(Self.num(px(t)))\" y1=\"\(Self.num(top + ph))\" x2=\"\(Self.num(px(t)))\" y2=\"\(Self.num(top + ph + 5))\" stroke=\"black\"/>\n"
            s += "<text x=\"\(Self.num(px(t)))\" y=\"\(Self.num(top + ph + 20))\" text-anchor=\"middle\">\(Self.label(t))</text>\n"
        }
        s += "<line x1=\"\(Self.num(left))\" y1=\"\(Self.num(top + ph))\" x2=\"\(Self.num(left + pw))\" y2=\"\(Self.num(top + ph))\" stroke=\"black\"/>\n"
        s += "<line x1=\"\(Self.num(left))\" y1=\"\(Self.num(top))\" x2=\"\(Self.num(left))\" y2=\"\(Self.num(top + ph))\" stroke=\"black\"/>\n"
        s += "<text x=\"\(Self.num(left + pw / 2))\" y=\"\(Self.num(height - 15))\" text-anchor=\"middle\">\(Self.esc(xLabel))</text>\n"
        s += SVGChart.yAxisLabel(yLabel, middle: top + ph / 2)
        if let r = reference {
            s += "<line x1=\"\(Self.num(left))\" y1=\"\(Self.num(py(r.y)))\" x2=\"\(Self.num(left + pw))\" y2=\"\(Self.num(py(r.y)))\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n"
        }
        // Point labels are placed where they overlap no earlier label (nor the reference line's):
        // above or below, right or left of the point, then further out; text boxes are estimated
        // at 6 px per character and 11 px high.
        var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        let referenceBox = reference.map { r -> (x0: Double, y0: Double, x1: Double, y1: Double) in
            let w = Double(r.label.count) * 7
            return (left + pw - 4 - w, py(r.y) - 17, left + pw - 4, py(r.y) - 3)
        }
        if let b = referenceBox { placed.append(b) }
        // Emphasised markers (the pick's ring) keep their place too.
        for ser in series where ser.emphasis {
            let r = (ser.radius ?? (kind == .scatter ? 5 : 3)) + 2
            for p in ser.points { placed.append((px(p.x) - r - 1, py(p.y) - r - 1, px(p.x) + r + 1, py(p.y) + r + 1)) }
        }
        func overlaps(_ a: (x0: Double, y0: Double, x1: Double, y1: Double)) -> Bool {
            placed.contains { a.x0 < $0.x1 && $0.x0 < a.x1 && a.y0 < $0.y1 && $0.y0 < a.y1 }
        }
        func labelPosition(_ text: String, at p: (x: Double, y: Double), radius r: Double) -> (x: Double, y: Double, end: Bool) {
            let w = Double(text.count) * 6, h = 11.0
            let preferLeft = p.x > left + pw * 0.66
            var first: (x: Double, y: Double, end: Bool)?
            for step in 0..<12 {
                let d = Double(step) * h
                for (dy, side) in [(-(r + 2) - d, preferLeft), (r + h + d, preferLeft), (-(r + 2) - d, !preferLeft), (r + h + d, !preferLeft)] {
                    let x = side ? p.x - (r + 3) : p.x + r + 3
                    let box = (x0: side ? x - w : x, y0: p.y + dy - h + 2, x1: side ? x : x + w, y1: p.y + dy + 2)
                    let inside = box.x0 >= left && box.x1 <= left + pw && box.y0 >= top && box.y1 <= top + ph
                    if first == nil { first = (x, p.y + dy, side) }
                    if inside && !overlaps(box) {
                        placed.append(box)
                        return (x, p.y + dy, side)
                    }
                }
            }
            return first ?? (p.x + r + 3, p.y - r - 2, false)
        }
        for (i, ser) in series.enumerated() {
            let color = ser.color ?? Self.palette[i % Self.palette.count]
            let order = ser.points.indices.sorted { ser.points[$0].x < ser.points[$1].x }
            if ser.line ?? (kind == .lines), order.count > 1 {
                s += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(ser.emphasis ? 4 : 2)\" points=\""
                s += order.map { "\(Self.num(px(ser.points[$0].x))),\(Self.num(py(ser.points[$0].y)))" }.joined(separator: " ") + "\"/>\n"
            }
            let r = (ser.radius ?? (kind == .scatter ? 5 : 3)) + (ser.emphasis ? 2 : 0)
            for j in order {
                let p = ser.points[j]
                let fill = ser.hollow ? "white\" stroke=\"\(color)\" stroke-width=\"2" : color
                s += "<circle cx=\"\(Self.num(px(p.x)))\" cy=\"\(Self.num(py(p.y)))\" r=\"\(Self.num(r))\" fill=\"\(fill)\"><title>\(Self.esc(ser.name)): \(Self.label(p.x)), \(Self.label(p.y))</title></circle>\n"
                if let labels = ser.labels, j < labels.count, !labels[j].isEmpty {
                    let text = Self.clip(labels[j], 34)
                    let at = labelPosition(text, at: (px(p.x), py(p.y)), radius: r)
                    s += "<text x=\"\(Self.num(at.x))\" y=\"\(Self.num(at.y))\" font-size=\"10\"\(at.end ? " text-anchor=\"end\"" : "")\(ser.emphasis ? " font-weight=\"bold\"" : "")>\(Self.esc(text))</text>\n"
                }
            }
            let ly = top + 10 + Double(i) * 18
            if ly < top + ph { s += SVGChart.legendEntry(ser.name, color: color, x: left + pw + 15, y: ly, hollow: ser.hollow, bold: ser.emphasis) }
        }
        // The reference line's label last, on a white halo, so no marker or line covers it.
        if let r = reference {
            s += "<text x=\"\(Self.num(left + pw - 4))\" y=\"\(Self.num(py(r.y) - 5))\" text-anchor=\"end\" fill=\"#555\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">\(Self.esc(r.label))</text>\n"
        }
        let notesTop = top + 10 + Double(series.count) * 18 + 6
        let fit = max(0, Int((top + ph - notesTop) / 14))
        for (i, line) in legendNotes.prefix(fit).enumerated() {
            let more = i == fit - 1 && legendNotes.count > fit
            s += "<text x=\"\(Self.num(left + pw + 15))\" y=\"\(Self.num(notesTop + Double(i) * 14))\" font-size=\"10\">\(Self.esc(more ? "… \(legendNotes.count - i) more" : Self.clip(line, 34)))</text>\n"
        }
        s += "</svg>\n"
        return s
    }
}

/// Grouped bar chart (e.g. a metric per policy, grouped by option). Group names are written
/// slanted under the bars, so long option names do not overprint each other.
public struct SVGBarChart: Sendable {
    public var title: String
    public var yLabel: String
    public var groups: [String]
    public var bars: [(name: String, values: [Double])]
    /// With one bar series: a colour per group (e.g. feasible or not), and the legend to go with it.
    public var groupColors: [String]?
    public var legend: [(name: String, color: String)]?
    /// Optional horizontal reference line (e.g. the SLO at p95 ÷ SLO = 1), with its label.
    public var reference: (y: Double, label: String)?
    /// A line under the title (e.g. which options are shown).
    public var note: String?
    public var width = 760.0
    public var height = 440.0

    public init(title: String, yLabel: String, groups: [String], bars: [(name: String, values: [Double])]) {
        self.title = title; self.yLabel = yLabel; self.groups = groups; self.bars = bars
    }

    public func render() -> String {
        let left = 80.0, right = 210.0, top = note == nil ? 50.0 : 60.0
        // Room under the axis for the slanted group names (at most 26 characters).
        let longest = Double(min(26, groups.map(\.count).max() ?? 0))
        let bottom = 30 + longest * 4.6
        let pw = width - left - right, ph = height - top - bottom
        let values = bars.flatMap(\.values).filter(\.isFinite) + (reference.map { [$0.y] } ?? [])
        let maxV = max(values.max() ?? 1, 1e-12)
        let yt = SVGChart.ticks(0, maxV * 1.08)
        let y1 = max(maxV * 1.08, yt.last ?? 1)
        func py(_ y: Double) -> Double { top + ph - y / y1 * ph }
        var s = SVGChart.frame(width: width, height: height, title: title, centerX: left + pw / 2, note: note)
        s += SVGChart.yGrid(yt, left: left, plotWidth: pw, py: py)
        let gw = pw / Double(max(1, groups.count))
        let bw = gw * 0.8 / Double(max(1, bars.count))
        for (g, name) in groups.enumerated() {
            let gx = left + Double(g) * gw
            for (b, bar) in bars.enumerated() where g < bar.values.count && bar.values[g].isFinite {
                let v = bar.values[g]
                let x = gx + gw * 0.1 + Double(b) * bw
                let color = bars.count == 1 ? (groupColors.map { $0[g % $0.count] } ?? SVGChart.palette[0]) : SVGChart.palette[b % SVGChart.palette.count]
                s += "<rect x=\"\(SVGChart.num(x))\" y=\"\(SVGChart.num(py(v)))\" width=\"\(SVGChart.num(max(1, bw - 2)))\" height=\"\(SVGChart.num(top + ph - py(v)))\" fill=\"\(color)\"><title>\(SVGChart.esc(name)) \(SVGChart.esc(bar.name)): \(SVGChart.label(v))</title></rect>\n"
            }
            let lx = gx + gw / 2, ly = top + ph + 14
            s += "<text x=\"\(SVGChart.num(lx))\" y=\"\(SVGChart.num(ly))\" text-anchor=\"end\" font-size=\"11\" transform=\"rotate(-35 \(SVGChart.num(lx)) \(SVGChart.num(ly)))\">\(SVGChart.esc(SVGChart.clip(name, 26)))</text>\n"
        }
        s += "<line x1=\"\(SVGChart.num(left))\" y1=\"\(SVGChart.num(top + ph))\" x2=\"\(SVGChart.num(left + pw))\" y2=\"\(SVGChart.num(top + ph))\" stroke=\"black\"/>\n"
        s += SVGChart.yAxisLabel(yLabel, middle: top + ph / 2)
        if let r = reference, r.y.isFinite {
            s += "<line x1=\"\(SVGChart.num(left))\" y1=\"\(SVGChart.num(py(r.y)))\" x2=\"\(SVGChart.num(left + pw))\" y2=\"\(SVGChart.num(py(r.y)))\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n"
            s += "<text x=\"\(SVGChart.num(left + pw - 4))\" y=\"\(SVGChart.num(py(r.y) - 5))\" text-anchor=\"end\" fill=\"#555\">\(SVGChart.esc(r.label))</text>\n"
        }
        let entries = legend ?? bars.enumerated().map { (name: $1.name, color: SVGChart.palette[$0 % SVGChart.palette.count]) }
        for (b, entry) in entries.enumerated() {
            let ly = top + 10 + Double(b) * 18
            s += SVGChart.legendEntry(entry.name, color: entry.color, x: left + pw + 15, y: ly)
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
