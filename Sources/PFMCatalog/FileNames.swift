#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names as the file system holds them: bytes, not always UTF-8. A Swift `String` made
/// from a name that is not UTF-8 has U+FFFD where the bad bytes were, so it names no file; these
/// helpers find such names and print them with `\xHH` escapes, so that a message can say which
/// file it is and why it was not read (instead of calling it missing).
public enum FileNames {
    /// `bytes` as text: valid UTF-8 kept (control characters escaped), every other byte `\xHH`.
    public static func escaped(_ bytes: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 ? 2 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xF0 && b < 0xF5 ? 4 : 0
            if length > 0, i + length <= bytes.count, let s = String(validating: bytes[i..<(i + length)], as: UTF8.self) {
                for u in s.unicodeScalars {
                    if u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0) { out += hex(UInt8(truncatingIfNeeded: u.value)) } else { out.unicodeScalars.append(u) }
                }
                i += length
            } else {
                out += hex(b)
                i += 1
            }
        }
        return out
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "\\x" + String(digits[Int(b >> 4)]) + String(digits[Int(b & 15)])
    }

    /// True when `bytes` is not valid UTF-8.
    public static func isNotUTF8(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) == nil }

    /// A directory's entries as bytes (readdir), without "." and "..", or nil when it cannot be read.
    public static func entries(of directory: String) -> [[UInt8]]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var out: [[UInt8]] = []
        while let entry = readdir(dir) {
            var name = entry.pointee.d_name
            let bytes: [UInt8] = withUnsafeBytes(of: &name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == [46] || bytes == [46, 46] { continue }
            out.append(bytes)
        }
        return out
    }

    /// The command-line argument `path` was decoded from, escaped, when that argument is not
    /// UTF-8 (the String then holds U+FFFD): for `--catalog PATH` and `--catalog=PATH`.
    public static func escapedArgument(_ path: String) -> String? {
        guard path.unicodeScalars.contains("\u{FFFD}") else { return nil }
        for i in 0..<Int(CommandLine.argc) {
            guard let p = CommandLine.unsafeArgv[i] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
            guard isNotUTF8(bytes) else { continue }
            if String(decoding: bytes, as: UTF8.self) == path { return escaped(bytes) }
            if let eq = bytes.firstIndex(of: 61), String(decoding: bytes[(eq + 1)...], as: UTF8.self) == path {
                return escaped(Array(bytes[(eq + 1)...]))
            }
        }
        return nil
    }
}
