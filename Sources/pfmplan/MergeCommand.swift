import ArgumentParser
import Foundation
import PFMPlanning

extension PFMPlan {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join the part files of a sharded sweep into one results file, checking that nothing is missing.",
            discussion: """
                Reads the parts written by 'pfmplan sweep --shard I/N' (or --shard-from-env) and \
                writes their result lines in canonical (index) order: the output is byte-identical to \
                what a one-process 'pfmplan sweep --out' of the same spec writes, so 'pfmplan report' \
                and 'pfmplan size --from' read it as usual. With --out the file is written to a \
                temporary name and renamed into place.

                Nothing is written unless every check passes; each problem is printed on its own \
                line, starting with its kind:
                  missing     a shard has no part, or a unit is in no part
                  duplicated  a shard or a unit is in two parts
                  truncated   a half-written part: a .partial file (a killed or still-running \
                shard), a torn last line, or fewer result lines than its header lists
                  mismatched  parts of different sweeps: another pfmplan version, spec digest, \
                sweep digest (the spec after command-line overrides), catalog digest, shard count \
                or unit count
                  invalid     a file that is not a part (for example a plain 'sweep --out' file)

                Exit status 0 when merged, 1 otherwise.
                """)

        @Argument(help: ArgumentHelp("Part files (for example DIR/part-*.jsonl): every shard of one sweep, once.", valueName: "part"))
        var parts: [String]
        @Option(help: "Write the merged results to this file (atomically) instead of stdout.") var out: String?

        func validate() throws {
            try FlagRules.path("--out", out)
            for p in parts { try FlagRules.path("a part file", p) }
            if parts.isEmpty { throw ValidationError("give the part files to merge, for example DIR/part-*.jsonl") }
        }

        func run() throws {
            if let out { try FileOutput.refuseOverwritingInputs([("--out", out)], inputs: parts.map { ("a part file", $0) }) }
            var problems: [ShardMerge.Problem] = []
            let merged = ShardMerge.merge(paths: parts, problems: &problems)
            guard let merged, problems.isEmpty else {
                for p in problems { Output.error(p.description) }
                Output.note("nothing merged: \(problems.count) problem(s) in \(parts.count) part file(s)")
                throw ExitCode(1)
            }
            if let out {
                try Output.writeAtomically(merged.text, to: out)
                Output.note("merged \(merged.units) results from \(merged.parts) part(s) to \(out)")
            } else {
                Output.print(merged.text)
            }
        }
    }
}
