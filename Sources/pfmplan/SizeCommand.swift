import ArgumentParser

extension PFMPlan {
    struct Size: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recommend the cheapest server sizing that meets the SLOs.")
        func run() async throws {}
    }
}
