import ArgumentParser
import Foundation
import PFMCatalog

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
private func sysClose(_ fd: Int32) -> Int32 { close(fd) }

/// Writing bytes without traps: every write error is reported (`cannot write FILE: REASON`,
/// exit 1), and a closed stdout pipe (`pfmplan … | head`) ends the process quietly, as Unix
/// tools do.
enum FileOutput {
    /// A write that failed: the file (as the user named it) and errno.
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
    }

    /// Writes every byte to `fd`, retrying short writes and EINTR. Returns 0 or errno.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var done = 0
        while done < bytes.count {
            let n = sysWrite(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            done += n
        }
        return 0
    }

    static func writeAll(_ fd: Int32, _ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    /// Writes to stdout. A closed pipe ends the process as SIGPIPE does (silently); any other
    /// error prints `cannot write stdout: REASON` and exits 1.
    static func stdout(_ s: String) {
        let code = writeAll(STDOUT_FILENO, s)
        if code == 0 { return }
        if code == EPIPE { closedPipe() }
        _ = writeAll(STDERR_FILENO, "pfmplan: error: " + Failure(path: "stdout", code: code).description + "\n")
        exit(1)
    }

    /// The reader of stdout went away: stop at once and quietly, with SIGPIPE's status.
    static func closedPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }

    /// Writes to stderr; errors there cannot be reported anywhere and are ignored.
    static func stderr(_ s: String) { _ = writeAll(STDERR_FILENO, s) }

    /// Writes `text` to `path` atomically: an exclusive, uniquely named temporary file in the same
    /// folder (so two processes never share it), synced, then renamed over `path`. On any failure
    /// the temporary file is removed and `path` is left as it was.
    static func writeAtomically(_ text: String, to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var template = Array((dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw Failure(path: path, code: errno) }
        let tmp = String(cString: template)
        var code = writeAll(fd, text)
        if code == 0 && fsync(fd) != 0 && errno != EINVAL { code = errno }
        if close(fd) != 0 && code == 0 { code = errno }
        if code == 0 {
            // mkstemp creates 0600; a results file is as readable as any other the user writes.
            let mask = umask(0); umask(mask)
            fchmodOrIgnore(tmp, 0o666 & ~mask)
            if rename(tmp, path) != 0 { code = errno }
        }
        if code != 0 {
            unlink(tmp)
            throw Failure(path: path, code: code)
        }
    }

    private static func fchmodOrIgnore(_ path: String, _ mode: mode_t) { _ = chmod(path, mode) }

    /// The device and inode of an existing file (following links), or nil.
    static func identity(_ path: String) -> [UInt64]? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }

    /// Refuses an output path that is the same file (device and inode) as one of the command's
    /// inputs, or as another of its outputs: writing it would destroy the input. `inputs` are
    /// (what, path) pairs, such as ("the sweep spec", "spec.yaml").
    static func refuseOverwritingInputs(_ outputs: [(flag: String, path: String)], inputs: [(what: String, path: String)]) throws {
        var seen: [(String, String, [UInt64])] = []
        for (what, p) in inputs { if let id = identity(p) { seen.append((what, p, id)) } }
        for (flag, out) in outputs {
            guard let id = identity(out) else {
                seen.append(("\(flag)'s file", out, [UInt64.max, UInt64.max]))
                continue
            }
            if let hit = seen.first(where: { $0.2 == id }) {
                throw ValidationError("\(flag) \(Terminal.escape(out)) is \(hit.0) (\(Terminal.escape(hit.1))): writing it would destroy that input; choose another output file")
            }
            seen.append(("\(flag)'s file", out, id))
        }
        // Two outputs naming one new file: the second would overwrite the first.
        let fresh = outputs.filter { identity($0.path) == nil }
        for (i, a) in fresh.enumerated() {
            for b in fresh.dropFirst(i + 1) where URL(fileURLWithPath: a.path).standardizedFileURL == URL(fileURLWithPath: b.path).standardizedFileURL {
                throw ValidationError("\(a.flag) and \(b.flag) name the same file \(Terminal.escape(a.path)); give each its own file")
            }
        }
    }

    /// The catalog files a loaded catalog came from (the embedded catalog has none on disk).
    static func catalogInputs(_ c: Catalog) -> [(what: String, path: String)] {
        c.sources.filter { !$0.hasPrefix("<embedded>") }.map { ("a catalog file", $0) }
    }
}

/// Exclusive ownership of a sweep's `FILE.partial`: an advisory lock (flock) on the open file,
/// so a second sweep writing the same `--out` is detected instead of sharing the file.
final class PartialFile {
    let path: String
    let fd: Int32
    /// The file did not exist before this sweep created it.
    let created: Bool
    private var isOpen = true

    enum OpenError: Error { case busy, failed(Int32) }

    private init(path: String, fd: Int32, created: Bool) { self.path = path; self.fd = fd; self.created = created }

    /// Opens (creating if needed) and locks `path`. Throws `.busy` when another process holds it.
    static func acquire(_ path: String) throws(OpenError) -> PartialFile {
        for _ in 0..<8 {
            var created = false
            var fd = open(path, O_RDWR | O_CLOEXEC)
            if fd < 0 && errno == ENOENT {
                fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
                if fd < 0 && errno == EEXIST { continue }
                created = fd >= 0
            }
            if fd < 0 { throw .failed(errno) }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let e = errno
                _ = sysClose(fd)
                if e == EWOULDBLOCK { throw .busy }
                throw .failed(e)
            }
            // The holder may have renamed the file into place and let go between our open and
            // our lock: then this descriptor is the finished file, not FILE.partial. Start over.
            var a = stat(), b = stat()
            if fstat(fd, &a) == 0, stat(path, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino {
                return PartialFile(path: path, fd: fd, created: created)
            }
            _ = sysClose(fd)
        }
        throw .failed(EAGAIN)
    }

    /// Whether some process holds the lock on `path` now (a running sweep).
    static func isLocked(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { _ = sysClose(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) != 0 { return errno == EWOULDBLOCK }
        flock(fd, LOCK_UN)
        return false
    }

    /// Keeps the first `length` bytes (the kept lines of a resumed run) and writes after them.
    func truncate(to length: Int) throws(FileOutput.Failure) {
        if ftruncate(fd, off_t(length)) != 0 || lseek(fd, off_t(length), SEEK_SET) < 0 {
            throw FileOutput.Failure(path: path, code: errno)
        }
    }

    func write(_ s: String) throws(FileOutput.Failure) {
        let code = FileOutput.writeAll(fd, s)
        if code != 0 { throw FileOutput.Failure(path: path, code: code) }
    }

    func write(_ d: Data) throws(FileOutput.Failure) {
        let code = d.withUnsafeBytes { FileOutput.writeAll(fd, $0) }
        if code != 0 { throw FileOutput.Failure(path: path, code: code) }
    }

    func sync() throws(FileOutput.Failure) {
        if fsync(fd) != 0 && errno != EINVAL { throw FileOutput.Failure(path: path, code: errno) }
    }

    /// Removes the file (a sweep that failed on its input) while still holding the lock; after
    /// `close` (the file renamed into place, or let go), it does nothing.
    func remove() { if isOpen { unlink(path) } }

    /// Releases the lock (closing the file); a second call does nothing.
    func close() {
        if isOpen { _ = sysClose(fd) }
        isOpen = false
    }
}

/// Control characters in user-supplied text (catalog names, trace fields, flag values) are
/// shown escaped in messages and on terminals, so a file cannot send escape sequences to the
/// user's terminal.
enum Terminal {
    /// `\e`, `\t` and the like for C0 controls, DEL and C1 controls; newlines kept when `keepNewlines`.
    static func escape(_ s: String, keepNewlines: Bool = false) -> String {
        guard s.unicodeScalars.contains(where: needsEscape) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if keepNewlines && (u == "\n" || u == "\t") { out.unicodeScalars.append(u); continue }
            if !needsEscape(u) { out.unicodeScalars.append(u); continue }
            switch u {
            case "\u{1B}": out += "\\e"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            default: out += String(format: "\\x%02X", u.value)
            }
        }
        return out
    }

    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0)
    }

    /// Text for stdout: escaped (newlines and tabs kept) when stdout is a terminal.
    static func forStdout(_ s: String) -> String {
        isatty(STDOUT_FILENO) == 1 ? escape(s, keepNewlines: true) : s
    }
}
