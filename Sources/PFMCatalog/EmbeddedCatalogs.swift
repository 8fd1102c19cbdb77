// Generated from Catalogs/*.yaml by `PFMPLAN_RECORD=1 swift test --filter EmbeddedCatalog`. Do not edit.
enum EmbeddedCatalogs {
    static let files: [(name: String, text: String)] = [
        ("accelerators.yaml", ##"""
# pfmplan accelerator catalog (schema v1).
#
# Conventions used throughout this file:
# - memory_gib is the capacity the driver reports (nvidia-smi memory.total / 1024, ECC on where the
#   part has it), not the marketing GB figure: e.g. an L4's "24 GB" is 23,034 MiB = 22.49 GiB (issue #17).
# - tflops are DENSE peaks (no 2:4 structured sparsity). Where a datasheet prints only the
#   "with sparsity" figure (marked * by NVIDIA), the value here is that figure halved, and
#   the comment says so. int8/int4 values are TOPS.
# - fp16/bf16 are tensor-core rates with FP32 accumulate unless noted (the rate frameworks
#   such as PyTorch use for fp16/bf16 matmuls).
# - load_bandwidth_gbps is effective host-to-device copy bandwidth, taken as ~80% of the
#   theoretical PCIe x16 link (protocol/TLP overhead):
#   PCI Express per-lane throughput 0.985 / 1.969 / 3.938 GB/s for Gen3 / Gen4 / Gen5,
#   i.e. x16 = 15.75 / 31.5 / 63.0 GB/s theoretical (Wikipedia, "PCI Express", https://en.wikipedia.org/wiki/PCI_Express ;
#   same table at https://hpc-notes.pages.dev/reference/pcie ).
#   estimate: effective Gen3 x16 ~ 12, Gen4 x16 ~ 25, Gen5 x16 ~ 50 GB/s.
#   SXM parts use the PCIe generation of their host link.
# - Jetson modules have unified LPDDR5 memory, so "loading" = reading weights from NVMe storage.
#   Gen4 x4 NVMe link is 7.9 GB/s theoretical (4 x 1.969 GB/s, Wikipedia "PCI Express" above) and
#   Gen4 SSDs advertise ~7 GB/s sequential reads ("What is PCIe bandwidth", https://sephorasystems.com/journal/what-is-pcie-bandwidth-lanes-explained );
#   estimate: ~3 GB/s sustained file read of a model checkpoint on Jetson (filesystem + single-stream
#   reads + typical DRAM-less/OEM SSDs on carrier boards), i.e. well under half the link peak.
# - power_idle_w: NVIDIA publishes no idle figures; all idle values are estimates (stated per entry).
# - price_usd: NVIDIA publishes no list price for datacenter parts; street prices are estimates.
# - lifetime_years: assumption, 5 years for edge parts and 4 years for datacenter parts.

schema_version: 1

accelerators:

  # ---------------------------------------------------------------------------------------
  # Jetson AGX Orin 64GB
  # Sources: NVIDIA Jetson AGX Orin Series Data Sheet DS-10662-001, https://developer.nvidia.com/embedded/downloads
  #   (datasheet: "Up to 170 INT8 Sparse TOPS or 85 FP16 TFLOPS (Tensor Cores) | Up to 5.32 FP32 TFLOPS
  #   or 10.649 FP16 TFLOPS (CUDA cores)"; datasheet text seen as quoted in a public notes repo, PDF itself not re-checked)
  #   and NVIDIA "Deep Learning Accelerator" README, https://github.com/NVIDIA/Deep-Learning-Accelerator-SW
  #   (GPU sparse INT8 peak 171 TOPS at MAXN; the 275 TOPS headline adds 105 sparse TOPS from the 2 DLAs).
  - id: jetson-agx-orin-64gb
    name: NVIDIA Jetson AGX Orin 64GB
    tier: edge
    # 64GB 256-bit LPDDR5 @ 204.8 GB/s (NVIDIA Jetson modules comparison page, https://developer.nvidia.com/embedded/jetson-modules ; same figure in Seeed Studio wiki reComputer Robotics J501 spec table)
    memory_gib: 64
    bandwidth_gbps: 204.8       # LPDDR5 256-bit, 204.8 GB/s (same sources as memory_gib)
    load_bandwidth_gbps: 3      # estimate: NVMe Gen4 x4 checkpoint read, see file header
    form_factor: module           # system-on-module: its own host (MODEL.md section 1)
    tflops:
      fp32: 5.32                # CUDA cores, "Up to 5.32 FP32 TFLOPS" (DS-10662 datasheet, above)
      # datasheet "85 FP16 TFLOPS (Tensor Cores)" is the SPARSE figure (paired with 170 sparse INT8 TOPS, INT8:FP16 = 2:1); halved -> 42.5 dense
      fp16: 42.5
      w4a16: 42.5               # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      bf16: 42.5                # assumption: Ampere tensor cores run BF16 at the FP16 rate (same datasheet basis); not separately published
      # GPU only, DLAs excluded: 170 sparse INT8 TOPS (DS-10662) / 2 = 85 dense; NVIDIA DLA README gives GPU 171 sparse at MAXN
      int8: 85
    power_busy_w: 60            # module power 15W-60W, MAXN max (DS-10662 datasheet; https://developer.nvidia.com/embedded/jetson-modules)
    power_idle_w: 9             # estimate: ~15% of 60 W max module power; no published idle figure
    # estimate: NVIDIA 1KU module price ~$1,599 (vendor price list, https://developer.nvidia.com/embedded/jetson-modules ; not re-checked); module only, no carrier board / NVMe
    price_usd: 1599
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # Jetson AGX Orin 32GB
  # Sources: NVIDIA Jetson AGX Orin Series Data Sheet DS-10662-001, https://developer.nvidia.com/embedded/downloads
  #   (32 GB: "Up to 108 INT8 Sparse TOPS or 54 FP16 TFLOPS (Tensor Cores) | Up to 3.365 FP32 TFLOPS";
  #   1792-core Ampere GPU, 56 Tensor Cores @ 930 MHz; 200 TOPS headline includes the DLAs).
  - id: jetson-agx-orin-32gb
    name: NVIDIA Jetson AGX Orin 32GB
    tier: edge
    # 32GB 256-bit LPDDR5 @ 204.8 GB/s (NVIDIA Jetson modules comparison page, https://developer.nvidia.com/embedded/jetson-modules ; same figure in Seeed Studio wiki reComputer Robotics J501 spec table)
    memory_gib: 32
    bandwidth_gbps: 204.8       # LPDDR5 256-bit, 204.8 GB/s (same sources as memory_gib)
    load_bandwidth_gbps: 3      # estimate: NVMe Gen4 x4 checkpoint read, see file header
    form_factor: module           # system-on-module: its own host (MODEL.md section 1)
    tflops:
      fp32: 3.365               # CUDA cores, "Up to 3.365 FP32 TFLOPS" (DS-10662 datasheet, above)
      # datasheet "54 FP16 TFLOPS (Tensor Cores)" is the SPARSE figure (paired with 108 sparse INT8 TOPS); halved -> 27 dense
      fp16: 27
      w4a16: 27                 # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      bf16: 27                  # assumption: BF16 at the FP16 tensor rate on Ampere; not separately published
      int8: 54                  # GPU only: 108 sparse INT8 TOPS (DS-10662) / 2 = 54 dense; DLAs excluded
    power_busy_w: 40            # module power 15W-40W (DS-10662 datasheet; https://developer.nvidia.com/embedded/jetson-modules)
    power_idle_w: 6             # estimate: ~15% of 40 W max module power; no published idle figure
    # estimate: NVIDIA 1KU module price quoted at $899 (launch) to $999 (later) (vendor price list, https://developer.nvidia.com/embedded/jetson-modules ; not re-checked); module only
    price_usd: 999
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # Jetson Orin NX 16GB (original 10-25 W configuration, not the JetPack 6.2 "Super" 40 W mode)
  # Sources: NVIDIA Jetson Orin NX Series Data Sheet DS-10712-001, https://developer.nvidia.com/downloads/jetson-orin-nx-module-series-data-sheet
  #   (mirror: https://files.waveshare.com/wiki/common/Jetson_Orin_NX_DS-10712-001_v1.0.pdf):
  #   "Jetson Orin NX 16GB: Up to 100 (Sparse) INT8 TOPs and 50 (Dense) INT8 TOPs", "16 GB 128-bit LPDDR5",
  #   "theoretical peak memory bandwidth of 102 GB/s"; product brief: "power configurable between 10W and 25W"
  #   (JETSON ORIN NX DATASHEET, https://github.com/icub-tech-iit/cad-libraries/files/13056089/JETSON-ORIN-NX-DATASHEET.pdf).
  #   The 100/50 TOPS module totals include 2 DLAs; GPU split derived below.
  - id: jetson-orin-nx-16gb
    name: NVIDIA Jetson Orin NX 16GB
    tier: edge
    memory_gib: 16              # 16 GB 128-bit LPDDR5 (DS-10712 datasheet, above)
    bandwidth_gbps: 102.4       # 128-bit LPDDR5 @ 3200 MHz = 102.4 GB/s; datasheet rounds to "102 GB/s" (DS-10712, above)
    load_bandwidth_gbps: 3      # estimate: NVMe Gen4 x4 checkpoint read, see file header
    form_factor: module           # system-on-module: its own host (MODEL.md section 1)
    tflops:
      # estimate: derived, 1024 CUDA cores x 2 FLOP x 0.918 GHz GPU max clock = 1.88 (clock from vendor datasheet; not re-checked)
      fp32: 1.88
      # estimate: derived. Module 50 dense INT8 TOPS (DS-10712) minus 2 DLAs at 614 MHz (~20 dense) = ~30 dense GPU INT8; FP16 = INT8/2 = 15 dense
      fp16: 15
      w4a16: 15                 # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      bf16: 15                  # assumption: BF16 at the FP16 tensor rate on Ampere; derived as fp16
      int8: 30                  # estimate: GPU-only dense INT8, derived as above (DS-10712 module total 50 dense incl. DLAs)
    power_busy_w: 25            # 10W-25W configurable (JETSON ORIN NX DATASHEET, above); Super mode (JetPack 6.2) allows 40 W, not modelled here
    power_idle_w: 4             # estimate: ~15% of 25 W max module power; no published idle figure
    # estimate: NVIDIA 1KU module price quoted at $599 (launch) to $699 (later) (vendor price list, https://developer.nvidia.com/embedded/jetson-modules ; not re-checked); module only
    price_usd: 699
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA T4 (Turing; no structured sparsity, so datasheet figures are already dense)
  # Sources: NVIDIA T4 Tensor Core GPU datasheet, https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/tesla-t4/t4-tensor-core-datasheet-951643.pdf
  #   (from vendor datasheet; figures cross-checked in "NVIDIA Tesla T4 16GB GPU - Specs", https://networkoutlet.com/blogs/articles/nvidia-tesla-t4-16gb-gpu-specs-performance-use-cases
  #   and geektopia.es T4 launch article: 8.1 FP32 TFLOPS, 65 FP16 TFLOPS, 130 INT8 TOPS, 260 INT4 TOPS).
  - id: t4
    name: NVIDIA T4
    tier: edge
    memory_gib: 15              # visible capacity: nvidia-smi memory.total 15360 MiB (modal-labs/modal-client PR #2797, https://github.com/modal-labs/modal-client/pull/2797 ); datasheet 16 GB GDDR6, ECC on
    # 320 GB/s: 256-bit GDDR6 @ 10 Gbps (TechPowerUp-derived table, https://sysrqmts.com/it/gpus/compare/nvidia-tesla-t10-processor-vs-nvidia-tesla-t4 ; T4 datasheet "320+ GB/s")
    bandwidth_gbps: 320
    load_bandwidth_gbps: 12     # PCIe Gen3 x16 (T4 datasheet; https://govindhtech.com/nvidia-t4-gpu-price-memory-and-gaming-performance/), effective ~12 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 10, latency_us: 20}   # estimate: Gen3 x16 P2P ~80% of measured H2D 12.2 GB/s (gearshifft PR #82); ~20 us per small all-reduce on P2P PCIe GPUs in a CUDA graph (haohervchb/sglang-V100 PR #2)
    tflops:
      fp32: 8.1                 # T4 datasheet "Single-Precision 8.1 TFLOPS"
      fp16: 65                  # T4 datasheet "Mixed-Precision (FP16/FP32) 65 TFLOPS" (dense; Turing has no sparsity); no BF16 support on Turing
      w4a16: 65                 # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      int8: 130                 # T4 datasheet "INT8 130 TOPS" (dense)
      int4: 260                 # T4 datasheet "INT4 260 TOPS" (dense)
    power_busy_w: 70            # T4 datasheet max power 70 W (networkoutlet spec table, above)
    power_idle_w: 10            # estimate: ~14% of TDP; nvidia-smi on idle T4 instances commonly shows ~9-10 W in P8 (not re-checked)
    price_usd: 2000             # estimate: widely reported ~$2,000-2,500 street at launch (2018-2019); no NVIDIA list price
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA L4 (Ada)
  # Sources: NVIDIA L4 Tensor Core GPU datasheet, https://resources.nvidia.com/en-us-data-center-overview/l4-gpu-datasheet
  #   (sparse figures marked *: FP16/BF16 242*, FP8 485*, INT8 485*, TF32 120*; FP32 30.3). Cross-checked:
  #   "NVIDIA L4 vs L40S", https://grokipedia.com/page/NVIDIA_L4_vs_L40S (242 FP16 / 485 FP8-INT8 "with sparsity", 300 GB/s, 72 W)
  #   and https://store.sourcecode.com/en-us/bg-bucket-compare/125/9820 ("INT8 Tensor Core 485 TOPS | Sparsity").
  - id: l4
    name: NVIDIA L4
    tier: edge
    memory_gib: 22.49           # visible capacity: nvidia-smi memory.total 23034 MiB (modal-labs/modal-client PR #2797, https://github.com/modal-labs/modal-client/pull/2797 ); datasheet 24 GB GDDR6, ECC on
    bandwidth_gbps: 300         # 300 GB/s (L4 datasheet; TechPowerUp-derived 300.1 GB/s at https://fpsbench.com/compare/gpu/nvidia-l4-vs-nvidia-tesla-m40)
    load_bandwidth_gbps: 25     # PCIe Gen4 x16 (L4 datasheet; fpsbench table above), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: Gen4 P2P measured 21.8-26.3 GB/s on RTX A6000 (NVIDIA/nvbandwidth issue #50); ~20 us per small all-reduce (haohervchb/sglang-V100 PR #2)
    tflops:
      fp32: 30.3                # L4 datasheet FP32 30.3 TFLOPS (fpsbench: 30.29)
      bf16: 121                 # datasheet 242* (with sparsity) halved -> 121 dense
      fp16: 121                 # datasheet 242* (with sparsity) halved -> 121 dense
      w4a16: 121                # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      fp8: 242.5                # datasheet 485* (with sparsity) halved -> 242.5 dense
      int8: 242.5               # datasheet 485* TOPS (with sparsity) halved -> 242.5 dense
    power_busy_w: 72            # max 72 W (L4 datasheet; grokipedia/fpsbench above)
    power_idle_w: 14            # estimate: ~20% of 72 W TDP; idle L4 typically reports ~12-16 W in nvidia-smi P8 (not re-checked)
    price_usd: 2500             # estimate: reseller street price ~$2,400-3,000; no NVIDIA list price
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA A10 (Ampere GA102)
  # Sources: NVIDIA A10 Tensor Core GPU datasheet, https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a10/pdf/a10-datasheet.pdf
  #   (from vendor datasheet; tensor figures not re-checked: FP32 31.2, TF32 62.5|125*, BF16/FP16 125|250*, INT8 250|500*, INT4 500|1000*).
  #   Memory cross-checked: "NVIDIA A10 vs A10G for ML model inference", https://www.baseten.co/blog/nvidia-a10-vs-a10g-for-ml-model-inference/
  #   ("24 gigabytes of GDDR6 VRAM with a memory bandwidth of 600 gigabytes per second"); TechPowerUp-derived 600.2 GB/s, 31.24 FP32 TFLOPS,
  #   PCIe 4.0 x16 at https://sysrqmts.com/ru/gpus/compare/nvidia-a10-pcie-vs-nvidia-quadro-rtx-4000
  - id: a10
    name: NVIDIA A10
    tier: edge
    memory_gib: 22.49           # visible capacity: nvidia-smi memory.total 23028 MiB (modal-labs/modal-client PR #2797, https://github.com/modal-labs/modal-client/pull/2797 ); datasheet 24 GB GDDR6, ECC on
    bandwidth_gbps: 600         # 600 GB/s (A10 datasheet; Baseten article above)
    load_bandwidth_gbps: 25     # PCIe Gen4 x16 (sysrqmts/TechPowerUp table above), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: as l4 (Gen4 P2P, NVIDIA/nvbandwidth issue #50)
    tflops:
      fp32: 31.2                # A10 datasheet 31.2 TFLOPS (TechPowerUp-derived 31.24)
      bf16: 125                 # datasheet 125 dense (250* with sparsity) (from vendor datasheet; not re-checked)
      fp16: 125                 # datasheet 125 dense (250* with sparsity) (from vendor datasheet; not re-checked)
      w4a16: 125                # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      int8: 250                 # datasheet 250 dense TOPS (500* with sparsity) (from vendor datasheet; not re-checked)
      int4: 500                 # datasheet 500 dense TOPS (1000* with sparsity) (from vendor datasheet; not re-checked)
    power_busy_w: 150           # max power 150 W (A10 datasheet; from vendor datasheet; not re-checked)
    power_idle_w: 20            # estimate: ~13% of 150 W TDP; no published idle figure
    price_usd: 3200             # estimate: reseller street price ~$3,000-3,500; no NVIDIA list price
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # GeForce RTX 4090 (Ada AD102; GeForce tensor rates with FP32 accumulate are half the FP16-accumulate rate)
  # Sources: NVIDIA Ada GPU Architecture whitepaper, Appendix A, https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf
  #   (from vendor datasheet; not re-checked: FP16 tensor 330.3|660.6* with FP16 accumulate, 165.2|330.4* with FP32 accumulate,
  #   BF16 165.2|330.4*, FP8 330.3|660.6* with FP32 accumulate, INT8 660.6|1321.2*, INT4 1321.2|2642.4*).
  #   Headline specs cross-checked: "Nvidia Reveals Ada Lovelace GPU Secrets", https://www.mobylak.com/nvidia-reveals-ada-lovelace-gpu-secrets-extreme-transistor-counts-at-high-clocks/
  #   (82.6 FP32 TFLOPS, FP16 661 (FP8 1321) sparse, 1008 GB/s, 450 W, $1,599) and PC Perspective review, https://pcper.com/2022/10/nvidia-geforce-rtx-4090-founders-edition-review/
  - id: rtx-4090
    name: NVIDIA GeForce RTX 4090
    tier: edge
    memory_gib: 23.99           # visible capacity: nvidia-smi 24564 MiB (RLinf/RLinf issue #255, https://github.com/RLinf/RLinf/issues/255 ); 24 GB GDDR6X (PC Perspective spec table, above)
    bandwidth_gbps: 1008        # 384-bit @ 21 Gbps = 1008 GB/s (mobylak whitepaper summary, above)
    load_bandwidth_gbps: 25     # PCIe 4.0 x16 bus (TechPowerUp GPU database "NVIDIA GeForce RTX 4090", https://www.techpowerup.com/gpu-specs/geforce-rtx-4090.c3889 ; not re-checked), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 12, latency_us: 40}   # GeForce: no P2P, NCCL goes through host memory; estimate 12 GB/s busBw; 8x RTX 4090 all_reduce 8 B measured 40-42 us (NVIDIA/nccl issue #1530)
    tflops:
      fp32: 82.6                # 82.6 TFLOPS boost (mobylak/whitepaper, above)
      bf16: 165.2               # whitepaper 165.2 dense (330.4* sparse), FP32 accumulate
      # whitepaper 165.2 dense with FP32 accumulate (330.4* sparse); 330.3 dense with FP16 accumulate. FP32-accumulate rate used (framework default)
      fp16: 165.2
      w4a16: 165.2              # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      fp8: 330.3                # whitepaper 330.3 dense with FP32 accumulate (660.6* sparse); 660.6 dense with FP16 accumulate
      int8: 660.6               # whitepaper 660.6 dense TOPS (1321.2* with sparsity) (from vendor datasheet; not re-checked)
      int4: 1321.2              # whitepaper 1321.2 dense TOPS (2642.4* with sparsity) (from vendor datasheet; not re-checked)
    power_busy_w: 450           # TGP 450 W (PC Perspective review; winfuture.de RTX 4090 FE test, https://winfuture.de/videos/Hardware/RTX-4090-Founders-Edition-Nvidias-neue-Top-Grafikkarte-im-Test-24487.html)
    power_idle_w: 22            # estimate: desktop-idle reviews of RTX 4090 FE report ~20-25 W (e.g. TechPowerUp power-consumption page; not re-checked); ~5% of TGP
    price_usd: 1599             # launch MSRP $1,599 (mobylak whitepaper summary; PC Perspective/engadget reviews, above)
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA RTX 6000 Ada Generation (AD102, 142 SMs; pro card: FP32-accumulate tensor rate is NOT halved)
  # Sources: NVIDIA RTX 6000 Ada Generation datasheet / product page, https://www.nvidia.com/en-us/design-visualization/rtx-6000/
  #   (datasheet "Tensor Performance 1,457 TFLOPS" = FP8 with sparsity; 48 GB GDDR6 ECC; 960 GB/s; 300 W; PCIe 4.0 x16).
  #   Dense tensor rates from NVIDIA Ada GPU Architecture whitepaper Appendix, https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf
  #   (from vendor datasheet; not re-checked). Cross-checked: heise.de "Nvidia RTX 6000", https://www.heise.de/news/Nvidia-RTX-6000-Die-schnellere-GeForce-RTX-4090-mit-doppelt-Speicher-7363725.html
  #   (91.1 FP32 TFLOPS, 48 GB, 960 GB/s, 300 W) and https://cputronic.com/de/gpu/nvidia-rtx-6000-ada-generation (GDDR6, PCIe 4.0 x16).
  - id: rtx-6000-ada
    name: NVIDIA RTX 6000 Ada Generation
    tier: edge
    memory_gib: 44.99           # estimate: 48 GB GDDR6 with ECC on, assumed to report as the L40S (same AD102 board memory, 46068 MiB); no nvidia-smi figure found
    bandwidth_gbps: 960         # 384-bit @ 20 Gbps = 960 GB/s (heise.de, above)
    load_bandwidth_gbps: 25     # PCIe 4.0 x16 (cputronic, above), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: as l4 (Gen4 P2P, NVIDIA/nvbandwidth issue #50)
    tflops:
      fp32: 91.1                # 91.1 TFLOPS (heise.de, above)
      bf16: 364.2               # 1,457* FP8 sparse / 2 (sparsity) / 2 (FP8->BF16) = 364.2 dense; whitepaper 364.2|728.5*
      fp16: 364.2               # same derivation as bf16; whitepaper 364.2 dense with FP32 accumulate
      w4a16: 364.2              # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      fp8: 728.5                # datasheet "1,457 TFLOPS" (FP8 with sparsity) halved -> 728.5 dense
      int8: 728.5               # whitepaper 728.5 dense TOPS (1,457* with sparsity) (from vendor datasheet; not re-checked)
      int4: 1457                # whitepaper 1,457 dense TOPS (2,914* with sparsity) (from vendor datasheet; not re-checked)
    power_busy_w: 300           # max power 300 W (heise.de; NVIDIA product page)
    power_idle_w: 20            # estimate: ~7% of 300 W; blower workstation cards of this class idle ~15-25 W; no published figure
    price_usd: 6800             # launch MSRP ~$6,800 ($6,799 on NVIDIA store; vendor price list, https://www.nvidia.com/en-us/design-visualization/rtx-6000/ ; not re-checked)
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA L40S (Ada AD102)
  # Sources: NVIDIA L40S datasheet, https://resources.nvidia.com/en-us-l40s/l40s-datasheet-28413
  #   (table reproduced at https://www.mullet.se/product.html?product_id=355414 : FP32 91.6; TF32 183|366*;
  #   BF16/FP16 362.05|733*; FP8 733|1,466*; 864 GB/s; PCIe Gen4 x16 64 GB/s bidirectional; max power 350 W; * = with sparsity).
  #   Cross-checked: https://omegaco.ae/shop/gpu-cards-edge-ai/nvidia-l40s and https://grokipedia.com/page/NVIDIA_L4_vs_L40S
  - id: l40s
    name: NVIDIA L40S
    tier: edge
    memory_gib: 44.99           # visible capacity: nvidia-smi memory.total 46068 MiB (modal-labs/modal-client PR #2797, https://github.com/modal-labs/modal-client/pull/2797 ); also akash-network/provider-configs PR #99; datasheet 48 GB GDDR6 with ECC
    bandwidth_gbps: 864         # 864 GB/s (L40S datasheet table, above)
    load_bandwidth_gbps: 25     # PCIe Gen4 x16 (L40S datasheet "PCIe Gen4 x16: 64GB/s bidirectional"), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    # allreduce: vLLM's custom all-reduce in a CUDA graph (bf16) as NVIDIA AIConfigurator 0.12.0 measured it
    #   (aiconfigurator-core wheel, systems/data/l40s/comm/vllm/0.22.0/custom_allreduce_perf.parquet),
    #   latency + 2(t-1)/t x bytes / gbps fitted per GPU count over 64 KiB-1 GiB (Tests/validation/allreduce_fit.py);
    #   its L40S server all-reduces 4 and 8 GPUs at 3.8 and 2.0 GB/s (no P2P across its PCIe topology): GPUs behind one PCIe switch may do better
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20,
                   allreduce: {2: {gbps: 19.14, latency_us: 5.42}, 4: {gbps: 3.801, latency_us: 10.1}, 8: {gbps: 2.017, latency_us: 7.52}}}   # estimate: as l4 (Gen4 P2P, NVIDIA/nvbandwidth issue #50)
    tflops:
      fp32: 91.6                # L40S datasheet FP32 91.6 TFLOPS
      bf16: 362                 # datasheet 362.05 dense (733* with sparsity)
      fp16: 362                 # datasheet 362.05 dense (733* with sparsity)
      w4a16: 362                # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      fp8: 733                  # datasheet 733 dense (1,466* with sparsity)
      # datasheet INT8 733 dense (1,466* with sparsity) (from vendor datasheet; not re-checked: reproduced table above lists INT8 only for L40)
      int8: 733
    power_busy_w: 350           # max power 350 W (L40S datasheet table, above)
    power_idle_w: 35            # estimate: ~10% of 350 W TDP; passive GDDR6 datacenter cards of this class idle ~30-40 W; no published figure
    price_usd: 8500             # estimate: midpoint of "On-premise Module ~$7k-$10k" (https://datastorage.com/gpu/nvidia-l40s/); no NVIDIA list price
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA A100 40GB PCIe (Ampere GA100)
  # Sources: NVIDIA A100 Tensor Core GPU datasheet, https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf
  #   (dense|sparse*: TF32 156|312*, BF16/FP16 312|624*, INT8 624|1248*, INT4 1248|2496*; FP32 19.5).
  #   Cross-checked: Glenn Klockwood, "A100", https://glennklockwood.com/garden/processors/A100 (same table, citing the datasheet)
  #   and Thunder Compute, "NVIDIA A100 specs", https://www.thundercompute.com/blog/nvidia-a100-specs-full-guide
  #   (PCIe 40GB: 40 GB HBM2, 1,555 GB/s, 250 W, PCIe 4.0 x16).
  - id: a100-40gb
    name: NVIDIA A100 40GB PCIe
    tier: datacenter
    memory_gib: 40              # visible capacity: nvidia-smi memory.total 40960 MiB (modal-labs/modal-client PR #2797, https://github.com/modal-labs/modal-client/pull/2797 ); datasheet 40 GB HBM2
    bandwidth_gbps: 1555        # 1,555 GB/s (A100 datasheet; Thunder Compute table, above)
    load_bandwidth_gbps: 25     # PCIe 4.0 x16 (Thunder Compute, above), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: as l4 (Gen4 P2P); the optional NVLink bridge is not assumed
    tflops:
      fp32: 19.5                # A100 datasheet FP32 19.5 TFLOPS
      bf16: 312                 # A100 datasheet 312 dense (624* with sparsity)
      fp16: 312                 # A100 datasheet 312 dense (624* with sparsity)
      w4a16: 312                # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      int8: 624                 # A100 datasheet 624 dense TOPS (1,248* with sparsity)
      int4: 1248                # A100 datasheet 1,248 dense TOPS (2,496* with sparsity)
    power_busy_w: 250           # TDP 250 W for A100 PCIe 40GB (Thunder Compute table, above)
    power_idle_w: 35            # estimate: ~14% of 250 W TDP; idle A100 PCIe commonly reports ~30-40 W in nvidia-smi (not re-checked)
    # "a roughly $10,000 chip ... The Nvidia A100" (CNBC, "Nvidia's A100 is the $10,000 chip powering the race for A.I.", Feb 2023,
    # https://www.cnbc.com/2023/02/23/nvidias-a100-is-the-10000-chip-powering-the-race-for-ai-.html ; syndicated at https://newsio.com/?p=57506 ); estimate: street price
    price_usd: 10000
    lifetime_years: 4           # assumption: 4-year datacenter lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA A100 80GB SXM4
  # Sources: NVIDIA A100 datasheet (as above), https://www.nvidia.com/content/dam/en-zz/Solutions/Data-Center/a100/pdf/nvidia-a100-datasheet-us-nvidia-1758950-r4-web.pdf
  #   Cross-checked: Glenn Klockwood "A100" (80 GB HBM2e, 2.039 TB/s, 400 W, "FLOPS were the same"), https://glennklockwood.com/garden/processors/A100
  #   and Thunder Compute A100 table (SXM 80GB: 2,039 GB/s, 400 W), https://www.thundercompute.com/blog/nvidia-a100-specs-full-guide
  - id: a100-80gb
    name: NVIDIA A100 80GB SXM
    tier: datacenter
    memory_gib: 80              # visible capacity: nvidia-smi memory.total 81920 MiB (modal-labs/modal-client PR #2797, https://github.com/modal-labs/modal-client/pull/2797 ); datasheet 80 GB HBM2e
    bandwidth_gbps: 2039        # 2,039 GB/s (A100 datasheet; Thunder Compute table, above)
    load_bandwidth_gbps: 25     # SXM4 host link is PCIe Gen4 x16 ("32+32 GB/s PCIe Gen4 (H2D)", Klockwood, above), effective ~25 GB/s
    form_factor: sxm           # SXM module on an HGX baseboard (datasheet form factor)
    # allreduce: vLLM's custom all-reduce in a CUDA graph (bf16) as NVIDIA AIConfigurator 0.12.0 measured it
    #   (aiconfigurator-core wheel, systems/data/a100_sxm/comm/vllm/0.14.0/custom_allreduce_perf.parquet),
    #   latency + 2(t-1)/t x bytes / gbps fitted per GPU count over 64 KiB-1 GiB (Tests/validation/allreduce_fit.py)
    interconnect: {kind: nvlink, link_gbps: 210, latency_us: 10,
                   allreduce: {2: {gbps: 169.8, latency_us: 4.97}, 4: {gbps: 179.8, latency_us: 7.46}, 8: {gbps: 188.3, latency_us: 10.9}}}  # NVLink 3 line rate 300 GB/s per direction; measured ring all-reduce busBw ~200-208 GB/s on 8x A100 SXM (NVIDIA/nccl-tests issues #149, #178); latency estimate from H100's 8.5-11.8 us
    tflops:
      fp32: 19.5                # A100 datasheet FP32 19.5 TFLOPS
      bf16: 312                 # A100 datasheet 312 dense (624* with sparsity)
      fp16: 312                 # A100 datasheet 312 dense (624* with sparsity)
      w4a16: 312                # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      int8: 624                 # A100 datasheet 624 dense TOPS (1,248* with sparsity)
      int4: 1248                # A100 datasheet 1,248 dense TOPS (2,496* with sparsity)
    power_busy_w: 400           # TDP 400 W (A100 datasheet; Klockwood, above)
    power_idle_w: 60            # estimate: ~15% of 400 W TDP; idle HGX A100 SXM commonly reports ~50-65 W in nvidia-smi (not re-checked)
    # estimate: ~$15,000 street for the 80GB SXM part (above the ~$10,000 cited for the 40GB A100 by CNBC, link above); "$8-15K street" in 2026 per https://www.mercatus-ai.com/blog/a100-vs-h100-vs-h200
    price_usd: 15000
    lifetime_years: 4           # assumption: 4-year datacenter lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA H100 PCIe (Hopper, 114 SMs)
  # Sources: NVIDIA H100 Tensor Core GPU datasheet, https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet
  #   (H100 PCIe column, all tensor figures "* Shown with sparsity. Specifications 1/2 lower without sparsity":
  #   TF32 756*, BF16/FP16 1,513*, FP8 3,026*, INT8 3,026*; FP32 51; 80 GB HBM2e; 2,000 GB/s; TDP 300-350 W),
  #   table reproduced at https://archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html ;
  #   NVIDIA H100 PCIe product brief PB-11133-001 ("PCI Express Gen5 card", "maximum ... TDP ... of 350 W",
  #   ">2,000 GBps"), https://manuals.plus/m/56b0c3ef7d0a1c470c0af8f05a0bd1f29a778007472ba941201fbbb185c9bccd
  - id: h100-pcie
    name: NVIDIA H100 PCIe
    tier: datacenter
    memory_gib: 79.65           # estimate: 80 GB HBM2e; assumed to report 81559 MiB as the H100 SXM (modal-labs/modal-client PR #2797); not re-checked
    bandwidth_gbps: 2000        # 2,000 GB/s (H100 datasheet table; product brief ">2,000 GBps")
    load_bandwidth_gbps: 50     # PCIe Gen5 x16 (product brief, above), effective ~50 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 45, latency_us: 20}   # estimate: Gen5 P2P ~80% of measured 55 GB/s H2D; the optional NVLink bridge (115 GB/s busBw, NVIDIA/nccl issue #1161) is not assumed
    tflops:
      fp32: 51                  # H100 PCIe datasheet FP32 51 TFLOPS
      bf16: 756.5               # datasheet 1,513* (with sparsity) halved -> 756.5 dense
      fp16: 756.5               # datasheet 1,513* (with sparsity) halved -> 756.5 dense
      w4a16: 756.5              # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      fp8: 1513                 # datasheet 3,026* (with sparsity) halved -> 1,513 dense
      int8: 1513                # datasheet 3,026* TOPS (with sparsity) halved -> 1,513 dense
    power_busy_w: 350           # TDP 300-350 W configurable, 350 W max (product brief PB-11133, above)
    power_idle_w: 45            # estimate: ~13% of 350 W TDP; idle H100 PCIe commonly reports ~40-50 W in nvidia-smi (not re-checked)
    # estimate: "sold to end customers for a price ranging from $25,000 to $30,000" (TechSpot citing Barron's/Raymond James, https://www.techspot.com/news/99839-nvidia-garners-reported-1000-profit-each-h100-gpu.html); low end used for PCIe
    price_usd: 25000
    lifetime_years: 4           # assumption: 4-year datacenter lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA H100 SXM5 (Hopper, 132 SMs)
  # Sources: NVIDIA H100 Tensor Core GPU datasheet, https://resources.nvidia.com/en-us-tensor-core/nvidia-tensor-core-gpu-datasheet
  #   (H100 SXM column, sparse*: TF32 989*, BF16/FP16 1,979*, FP8 3,958*, INT8 3,958*; FP32 67; 80 GB HBM3; 3,350 GB/s; TDP up to 700 W;
  #   "PCIe Gen5: 128GB/s"), table reproduced at https://archive-lib.hpctech.co.jp/gpuproduct/nvidia-h100.html ;
  #   Glenn Klockwood "H100" (dense matrix FP16/BF16 989.4, FP8/INT8 3957.8 sparse-column, PCIe Gen5 H2D, 700 W), https://glennklockwood.com/garden/processors/h100
  - id: h100-sxm
    name: NVIDIA H100 SXM
    tier: datacenter
    memory_gib: 79.65           # visible capacity: nvidia-smi memory.total 81559 MiB (modal-labs/modal-client PR #2797, https://github.com/modal-labs/modal-client/pull/2797 ); also NVIDIA/nccl issue #1264; datasheet 80 GB HBM3
    bandwidth_gbps: 3350        # 3,350 GB/s (H100 datasheet table, above)
    load_bandwidth_gbps: 50     # SXM5 host link PCIe Gen5 x16 ("128 GB/s PCIe Gen5 (H2D)" bidirectional, Klockwood), effective ~50 GB/s
    form_factor: sxm           # SXM module on an HGX baseboard (datasheet form factor)
    # allreduce: vLLM's custom all-reduce in a CUDA graph (bf16) as NVIDIA AIConfigurator 0.12.0 measured it
    #   (aiconfigurator-core wheel, systems/data/h100_sxm/comm/vllm/0.24.0/custom_allreduce_perf.parquet),
    #   latency + 2(t-1)/t x bytes / gbps fitted per GPU count over 64 KiB-1 GiB (Tests/validation/allreduce_fit.py)
    interconnect: {kind: nvlink, link_gbps: 370, latency_us: 9,
                   allreduce: {2: {gbps: 262.2, latency_us: 4.32}, 4: {gbps: 301.3, latency_us: 6.07}, 8: {gbps: 384.4, latency_us: 8.28}}}   # NVLink 4 line rate 450 GB/s per direction; NCCL ring busBw 365-370 GB/s (NVIDIA/nccl-tests issue #212, NVIDIA/nccl issue #1455); vLLM custom all-reduce 8.5-11.8 us for 0.5-32 KB at TP 2-8 (sgl-project/sglang PR #2904)
    tflops:
      fp32: 67                  # H100 SXM datasheet FP32 67 TFLOPS
      bf16: 989.5               # datasheet 1,979* (with sparsity) halved -> 989.5 dense (Klockwood: 989.4)
      fp16: 989.5               # datasheet 1,979* (with sparsity) halved -> 989.5 dense (Klockwood: 989.4)
      w4a16: 989.5              # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      fp8: 1979                 # datasheet 3,958* (with sparsity) halved -> 1,979 dense
      int8: 1979                # datasheet 3,958* TOPS (with sparsity) halved -> 1,979 dense
    power_busy_w: 700           # TDP up to 700 W (H100 datasheet table; Klockwood, above)
    power_idle_w: 70            # estimate: ~10% of 700 W TDP; idle HGX H100 SXM commonly reports ~60-75 W in nvidia-smi (not re-checked)
    # estimate: top of the "$25,000 to $30,000" range (TechSpot/Raymond James, https://www.techspot.com/news/99839-nvidia-garners-reported-1000-profit-each-h100-gpu.html); "$25K-$40K" per https://www.stratrix.com/pricing-lens/why-h100-gpus-command-such-pricing
    price_usd: 30000
    lifetime_years: 4           # assumption: 4-year datacenter lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA H200 SXM (Hopper GH100 with HBM3e; compute identical to H100 SXM)
  # Sources: NVIDIA H200 Tensor Core GPU product page / datasheet, https://www.nvidia.com/en-us/data-center/h200/
  #   (141 GB HBM3e, 4.8 TB/s, TDP up to 700 W, FP8 3,958* / BF16-FP16 1,979* with sparsity, FP32 67; PCIe Gen5 128 GB/s).
  #   Cross-checked: "NVIDIA H200 GPU Specifications", https://lzwjava.github.io/nvidia-h200-gpu-specs-en
  #   ("FP8 Tensor Core 3,958 TFLOPS*", "*Performance figures include sparsity", 141 GB, 4.8 TB/s, 700 W)
  #   and https://www.aiminingco.com/gpu/h200/specs (same GH100 die, "TDP remains at 700W").
  - id: h200
    name: NVIDIA H200 SXM
    tier: datacenter
    memory_gib: 140.4           # visible capacity: nvidia-smi 143771 MiB (as recalled from public logs, not re-checked); 141 GB HBM3e (H200 product page; lzwjava table, above)
    bandwidth_gbps: 4800        # 4.8 TB/s (H200 product page; lzwjava table, above)
    load_bandwidth_gbps: 50     # host link PCIe Gen5 x16 (128 GB/s bidirectional, https://www.saulelectric.com/nvidia-h200.html), effective ~50 GB/s
    form_factor: sxm           # SXM module on an HGX baseboard (datasheet form factor)
    # allreduce: vLLM's custom all-reduce in a CUDA graph (bf16) as NVIDIA AIConfigurator 0.12.0 measured it
    #   (aiconfigurator-core wheel, systems/data/h200_sxm/comm/vllm/0.24.0/custom_allreduce_perf.parquet),
    #   latency + 2(t-1)/t x bytes / gbps fitted per GPU count over 64 KiB-1 GiB (Tests/validation/allreduce_fit.py)
    interconnect: {kind: nvlink, link_gbps: 370, latency_us: 9,
                   allreduce: {2: {gbps: 271.2, latency_us: 4.49}, 4: {gbps: 309.8, latency_us: 5.95}, 8: {gbps: 404.2, latency_us: 8.01}}}   # same NVLink 4 / NVSwitch generation as h100-sxm (same sources); no H200-specific figure found
    tflops:
      fp32: 67                  # FP32 67 TFLOPS, identical to H100 SXM (H200 product page; from vendor datasheet; not re-checked)
      bf16: 989.5               # datasheet 1,979* (with sparsity) halved -> 989.5 dense
      fp16: 989.5               # datasheet 1,979* (with sparsity) halved -> 989.5 dense
      w4a16: 989.5              # int4 weight-only (AWQ/GPTQ): dequantised in the kernel, computes at the fp16 tensor rate above
      fp8: 1979                 # datasheet 3,958* (with sparsity, per lzwjava table) halved -> 1,979 dense
      int8: 1979                # datasheet 3,958* TOPS (with sparsity) halved -> 1,979 dense
    power_busy_w: 700           # TDP up to 700 W (H200 product page; aiminingco, above)
    power_idle_w: 75            # estimate: ~11% of 700 W; assumed slightly above H100 SXM idle (~70 W) for the larger HBM3e stacks; no published figure
    # estimate: ~$35,000 per GPU ("H200 ~ $35,000 ... ROUGH public estimates", https://www.aiinframap.com/tools/chips/h100-vs-h200-vs-b200-tco); no NVIDIA list price
    price_usd: 35000
    lifetime_years: 4           # assumption: 4-year datacenter lifetime

  # =======================================================================================
  # 2026 additions (issue #17). memory_gib is the capacity the driver reports (nvidia-smi
  # memory.total, ECC on where the part has it), not the marketing GB figure. Blackwell has no
  # INT4 tensor path: int4 weights run as w4a16 (16-bit tensor rate) or nvfp4 (FP4 tensor rate).
  # ---------------------------------------------------------------------------------------
  # NVIDIA B200 (HGX B200, 1,000 W configuration; dual-die Blackwell on an NVLink 5 HGX baseboard)
  # Sources: Glenn K. Lockwood, "B200", https://glennklockwood.com/garden/processors/B200
  #   (HGX B200 at 1,000 W, dense | sparse TFLOPS: FP32 80; TF32 1,100|2,200; FP16/BF16 2,250|4,500; FP8 4,500|9,000;
  #   FP4 9,000|18,000; INT8 4,500|9,000; 8 TB/s; 2 x 900 GB/s NVLink 5);
  #   Vultr "NVIDIA HGX B200 Hardware Overview" (updated 2026-03-11), https://docs.vultr.com/inference-cookbook/cuda/getting-started/hardware-overview
  #   (nvidia-smi on an HGX B200: "VRAM 179 GB HBM3e", 8.0 TB/s, FP8 ~4.5 PFLOPS, NVFP4 ~9.0 PFLOPS, TDP 1000 W, NV18 links);
  #   cross-checked: hmc-tech.com B200 spec table, https://hmc-tech.com/gpus/nvidia-b200-vs-nvidia-b100 (same dense/sparse rates).
  - id: b200
    name: NVIDIA B200 (HGX, SXM)
    tier: datacenter
    memory_gib: 179             # visible capacity (Vultr nvidia-smi table: 179 GB); NVIDIA's 180 GB per GPU (1.44 TB per HGX board)
    bandwidth_gbps: 8000        # 8 TB/s (Lockwood; Vultr, above)
    load_bandwidth_gbps: 50     # estimate: HGX B200 hosts (Xeon 6 / EPYC 9005) link each GPU at PCIe Gen5 x16, ~50 GB/s effective (file header)
    form_factor: sxm            # SXM module on an HGX baseboard
    # NVLink 5: 900 GB/s per direction (Lockwood "2x 900 GB/s"; Vultr "1.8 TB/s bidirectional"); estimate: NCCL busBw at the
    # H100 ratio (370 of 450 GB/s, h100-sxm above) -> 740 GB/s; latency as h100-sxm (9 us), no B200 figure found
    # allreduce: vLLM's custom all-reduce in a CUDA graph (bf16) as NVIDIA AIConfigurator 0.12.0 measured it
    #   (aiconfigurator-core wheel, systems/data/b200_sxm/comm/vllm/0.24.0/custom_allreduce_perf.parquet),
    #   latency + 2(t-1)/t x bytes / gbps fitted per GPU count over 64 KiB-1 GiB (Tests/validation/allreduce_fit.py); the fit is loosest here (median 9-27% per size)
    interconnect: {kind: nvlink, link_gbps: 740, latency_us: 9,
                   allreduce: {2: {gbps: 423.5, latency_us: 9.4}, 4: {gbps: 524.7, latency_us: 10.9}, 8: {gbps: 626.3, latency_us: 14.5}}}
    tflops:
      fp32: 80                  # Lockwood HGX table
      bf16: 2250                # Lockwood dense (4,500 with sparsity)
      fp16: 2250                # Lockwood dense (4,500 with sparsity)
      w4a16: 2250               # int4 weight-only (AWQ/GPTQ): computes at the fp16 tensor rate above
      fp8: 4500                 # Lockwood dense (9,000 with sparsity); Vultr ~4.5 PFLOPS
      int8: 4500                # Lockwood dense TOPS (9,000 with sparsity)
      nvfp4: 9000               # Lockwood dense FP4 (18,000 with sparsity); Vultr ~9.0 PFLOPS NVFP4
    power_busy_w: 1000          # HGX B200 configuration, 1,000 W (Lockwood; Vultr TDP 1000W)
    power_idle_w: 140           # estimate: ~14% of 1,000 W, scaled from the H100/H200 SXM idle estimates above; no published figure
    # estimate: NVIDIA publishes no price; ~$45,000-50,000 per GPU in 8-GPU HGX systems (aiinframap TCO tool,
    # https://www.aiinframap.com/tools/chips/h100-vs-h200-vs-b200-tco, "rough public estimates"; not re-checked)
    price_usd: 45000
    lifetime_years: 4           # assumption: 4-year datacenter lifetime

  # ---------------------------------------------------------------------------------------
  # NVIDIA RTX PRO 6000 Blackwell Server Edition (GB202, 188 SMs; pro card: FP32-accumulate tensor rate not halved)
  # Sources: NVIDIA GTC 2025 announcement as reported by VideoCardz/gpu.name,
  #   https://gpu.name/posts/nvidia-unveils-rtx-pro-6000-blackwell-gpu-with-24-064-cores-and-96gb-memory
  #   (24,064 CUDA cores, 96 GB GDDR7, 512-bit, 1,792 GB/s, 600 W, PCIe Gen 5) and topcpu.net GTC 2025 summary,
  #   https://www.topcpu.net/es/news/nvidia-launches-96gb-rtx-5090-model-with-a-whopping-price-tag-of-10000
  #   (188 SMs, 752 tensor cores, "up to 125 TFLOPS FP32", "4,000 TOPS" FP4 AI compute with sparsity, 28 Gbps GDDR7).
  - id: rtx-pro-6000-blackwell
    name: NVIDIA RTX PRO 6000 Blackwell Server Edition
    tier: edge
    memory_gib: 95.6            # estimate: 96 GB GDDR7 with ECC; nvidia-smi reports 97,887 MiB = 95.6 GiB (public logs; not re-checked)
    bandwidth_gbps: 1792        # 512-bit x 28 Gbps = 1,792 GB/s (gpu.name; topcpu, above)
    load_bandwidth_gbps: 50     # PCIe Gen5 x16 (gpu.name, above), effective ~50 GB/s per file header
    form_factor: pcie           # dual-slot passive PCIe card (Server Edition)
    # allreduce: vLLM's custom all-reduce in a CUDA graph (bf16) as NVIDIA AIConfigurator 0.12.0 measured it
    #   (aiconfigurator-core wheel, systems/data/rtx_pro_6000_server/comm/vllm/0.24.0/custom_allreduce_perf.parquet),
    #   latency + 2(t-1)/t x bytes / gbps fitted per GPU count over 64 KiB-1 GiB (Tests/validation/allreduce_fit.py); 4 and 8 GPUs over PCIe at 28 and 23 GB/s
    interconnect: {kind: pcie, link_gbps: 40, latency_us: 20,
                   allreduce: {2: {gbps: 38, latency_us: 4.41}, 4: {gbps: 27.67, latency_us: 22.4}, 8: {gbps: 22.74, latency_us: 45.2}}}   # estimate: Gen5 P2P at ~80% of 50 GB/s effective; latency as l4/rtx-6000-ada
    tflops:
      fp32: 125                 # "up to 125 TFLOPS FP32" (topcpu, above)
      # 4,000 sparse FP4 TOPS / 2 (sparsity) = 2,000 dense FP4; FP8 = FP4 / 2 = 1,000; FP16/BF16 = FP8 / 2 = 500 (Blackwell tensor ratios, as b200)
      bf16: 500
      fp16: 500
      w4a16: 500                # int4 weight-only (AWQ/GPTQ): computes at the fp16 tensor rate above
      fp8: 1000                 # derived above (dense)
      int8: 1000                # estimate: INT8 at the FP8 rate, as on b200
      nvfp4: 2000               # "4,000 TOPS" FP4 with sparsity halved (dense)
    power_busy_w: 600           # 600 W (gpu.name, above)
    power_idle_w: 30            # estimate: ~5% of 600 W, as the rtx-6000-ada idle estimate scaled; no published figure
    # estimate: ~$8,500 street price in 2025-2026 (no NVIDIA list price; the topcpu report's headline says ~$10,000)
    price_usd: 8500
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # GeForce RTX 5090 (GB202, 170 SMs; GeForce tensor rates with FP32 accumulate are half the FP16-accumulate rate)
  # Sources: Linux Format / Jarred Walton review spec box, https://pocketmags.com/linux-format-magazine/may-2025/articles/nvidia-geforce-rtx-5090
  #   ("TFLOPS: 104 FP32, 838 FP16, 3,352 FP8/4"; 1,792 GB/s; TBP 575 W; 32 GB 28 Gb/s 512-bit; FP16/FP4 figures are with sparsity);
  #   Spheron "NVIDIA RTX 5090 Specs" (2026-05-20), https://www.spheron.network/blog/nvidia-rtx-5090-specs/
  #   (FP16 tensor 838.4 sparse, FP8 ~1,676.8 sparse, FP4 3,352 sparse, PCIe Gen 5 x16, 575 W).
  - id: rtx-5090
    name: NVIDIA GeForce RTX 5090
    tier: edge
    memory_gib: 31.8            # estimate: 32 GB GDDR7; nvidia-smi reports 32,607 MiB = 31.8 GiB (public logs; not re-checked)
    bandwidth_gbps: 1792        # 1,792 GB/s (Linux Format; Spheron, above)
    load_bandwidth_gbps: 50     # PCIe 5.0 x16 (Spheron, above), effective ~50 GB/s per file header
    form_factor: pcie
    interconnect: {kind: pcie, link_gbps: 12, latency_us: 40}   # estimate: GeForce has no P2P, as rtx-4090 (NVIDIA/nccl issue #1530)
    tflops:
      fp32: 104.8               # 104.8 TFLOPS (Linux Format "104"; Spheron ~105.2)
      # 838.4 sparse FP16 (FP16 accumulate) / 2 (sparsity) / 2 (FP32 accumulate on GeForce, as rtx-4090) = 209.6 dense
      bf16: 209.6
      fp16: 209.6
      w4a16: 209.6              # int4 weight-only (AWQ/GPTQ): computes at the fp16 tensor rate above
      fp8: 419.2                # 1,676.8 sparse / 2 / 2 (FP32 accumulate), as rtx-4090's fp8
      int8: 838.4               # estimate: 1,676.8 sparse INT8 TOPS / 2 (integer accumulate is not halved)
      nvfp4: 838.4              # estimate: 3,352 sparse FP4 / 2 (sparsity) / 2 (FP32 accumulate, assumed halved as FP8)
    power_busy_w: 575           # TBP 575 W (Linux Format; Spheron, above)
    power_idle_w: 30            # estimate: ~5% of TBP, as rtx-4090's ~22 W scaled; no published figure
    price_usd: 1999             # launch MSRP $1,999 (Jan 2025); 2026 street prices run higher
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # Jetson Orin Nano 8GB in the JetPack 6.1+ "Super" mode (25 W) of the Orin Nano Super Developer Kit
  # Sources: Jetson Orin Nano Super Developer Kit datasheet (Dec 2024) as summarised at
  #   https://www.brojogopalsapui.com/ai-foundations/sub_contents/AI_hardware/jetson_orin_nano_light.html
  #   ("$249", "67 TOPS (INT8 sparse)", 1,024 CUDA cores, 32 tensor cores, GPU 1.02 GHz, 8 GB 128-bit LPDDR5, 102 GB/s, 7-25 W;
  #   the Nano has its DLAs fused off, so all TOPS are the GPU's); Orin Nano datasheet text, https://www.scribd.com/document/673174036/Orin-nano-datasheet
  - id: jetson-orin-nano-super
    name: NVIDIA Jetson Orin Nano 8GB (Super mode)
    tier: edge
    memory_gib: 7.4             # estimate: 8 GB unified LPDDR5 less firmware/display carve-outs; Linux reports ~7.4 GiB total
    bandwidth_gbps: 102         # 102 GB/s in Super mode (datasheet summary, above; 68 GB/s before JetPack 6.1)
    load_bandwidth_gbps: 3      # estimate: NVMe checkpoint read, see file header
    form_factor: module         # system-on-module: its own host
    tflops:
      fp32: 2.09                # derived: 1,024 CUDA cores x 2 FLOP x 1.02 GHz
      fp16: 16.75               # derived: 67 sparse INT8 TOPS / 2 (sparsity) / 2 (Ampere FP16 = INT8 / 2)
      w4a16: 16.75              # int4 weight-only (AWQ/GPTQ, as MLC/TensorRT-LLM run 7-8B models on Orin): the fp16 tensor rate
      bf16: 16.75               # assumption: BF16 at the FP16 tensor rate on Ampere
      int8: 33.5                # 67 INT8 TOPS with sparsity halved (GPU only; no DLAs)
    power_busy_w: 25            # Super mode 25 W (datasheet summary, above)
    power_idle_w: 4             # estimate: ~15% of 25 W, as the other Jetson entries
    price_usd: 249              # the Super Developer Kit's price ($249, module included); estimate for the module alone
    lifetime_years: 5           # assumption: 5-year edge lifetime

  # ---------------------------------------------------------------------------------------
  # Jetson AGX Thor T5000 (Blackwell GPU, 2,560 CUDA cores; Developer Kit GA August 2025)
  # Sources: NVIDIA Jetson Thor announcement figures, "up to 2,070 FP4 TFLOPS at 40-130 W"
  #   (learnaivisually.com, https://learnaivisually.com/ai-explained/jetson-thor-edge-blackwell ; Fixstars "Jetson AGX Orin vs
  #   AGX Thor" (2026-05-18), https://blog.us.fixstars.com/?p=1855 , dev kit and T5000 GA August 2025);
  #   128 GB 256-bit LPDDR5X at 273 GB/s and the $3,499 developer kit price from NVIDIA's Jetson Thor product page
  #   (https://developer.nvidia.com/embedded/jetson-thor ; not re-checked).
  - id: jetson-agx-thor
    name: NVIDIA Jetson AGX Thor T5000
    tier: edge
    memory_gib: 122             # estimate: 128 GB unified LPDDR5X less carve-outs, ~122 GiB visible to Linux
    bandwidth_gbps: 273         # 273 GB/s (NVIDIA product page, above; not re-checked)
    load_bandwidth_gbps: 5      # estimate: the devkit's PCIe Gen5 NVMe slot, sustained checkpoint read ~5 GB/s (file header reasoning)
    form_factor: module         # system-on-module: its own host
    tflops:
      fp32: 8                   # estimate: 2,560 CUDA cores x 2 FLOP x ~1.57 GHz
      # 2,070 FP4 TFLOPS is the sparse figure: 1,035 dense FP4; FP8 = FP4 / 2, FP16 = FP8 / 2 (Blackwell ratios, as b200)
      nvfp4: 1035
      fp8: 517.5
      int8: 517.5               # estimate: INT8 at the FP8 rate, as b200
      bf16: 258.75
      fp16: 258.75
      w4a16: 258.75             # int4 weight-only (AWQ/GPTQ): the fp16 tensor rate above
    power_busy_w: 130           # 40-130 W configurable (announcement, above)
    power_idle_w: 15            # estimate: ~12% of 130 W; no published figure
    price_usd: 2999             # estimate: T5000 module at 1KU ~$2,999 (developer kit $3,499 with carrier and NVMe); not re-checked
    lifetime_years: 5           # assumption: 5-year edge lifetime
"""##),
        ("defaults.yaml", ##"""
# pfmplan engine defaults (schema v1): the host server, the cloud, the access network, the site,
# the system-cost weights and the context utility. MODEL.md names these defaults; each figure
# says where it comes from. Every constant the engine uses lives here, not in code.
schema_version: 1

server:
  usable_fraction: 0.90          # MODEL.md section 2 default
  runtime_overhead: 0.10         # estimate: CUDA context, allocator slack and activations as a share of weights
  mfu: 0.5                       # MODEL.md section 3 default (model FLOPs utilisation)
  mbu: 0.7                       # MODEL.md section 3 default (memory bandwidth utilisation)
  multi_gpu_efficiency: 0.9      # MODEL.md section 3 default (per extra GPU, as a product)
  load_overhead_ms: 500          # estimate: runtime set-up per model load (allocations, graph capture), beyond the copy itself
  max_batch: 8                   # assumption: a common serving batch limit
  admission: slo-aware           # MODEL.md section 5 default
  default_precision: fp16        # Table I models are published in 16-bit
  host_power_w: 150              # estimate: 1-socket edge server without GPUs (CPU TDP ~100 W + board, fans, NIC)
  host_price_usd: 3000           # estimate: 1-socket 2U edge server chassis without GPUs
  host_lifetime_years: 5         # assumption: same lifetime as edge accelerators

cloud:
  # Ookla 5G median latency 47 ms, US H1 2024 (https://rcrwireless.com/20240717/5g/t-mobile-us-first-in-5g-mobile-att-in-home-internet-ookla);
  # Corneo et al., "Surrounded by the Clouds", WWW 2021 (https://cloudreachability.github.io/) for cloud reachability; assumption 50 ms
  core_rtt_ms: 50
  backhaul_mbps: 1000            # assumption: 1 Gbit/s edge-to-cloud backhaul (no public reference; set your own)
  serving_ms: 300                # assumption: default cloud serving time where a service gives none
  usd_per_request: 0.0015        # Google Cloud Vision, $1.50 per 1,000 units (https://cloud.google.com/vision/pricing)

network:
  # Opensignal/Ookla 5G medians: upload 14.56 Mbit/s, download ~208-266 Mbit/s (Ookla US H1 2024, link above)
  uplink_mbps: 15
  downlink_mbps: 200

site:
  # EIA Electric Power Monthly Table 5.6.A, commercial sector (https://www.eia.gov/electricity/monthly/epm_table_grapher.php?t=table_5_06_a);
  # 11.07 c/kWh in Sept 2020; estimate 0.13 USD/kWh for recent years
  usd_per_kwh: 0.13
  pue: 1.58                      # Uptime Institute Global Data Center Survey 2023 average PUE (https://intelligence.uptimeinstitute.com/)

objective:
  # Weights of the system cost, 1 each as in the journal extension (Xu et al., arXiv 2403.05826)
  switching: 1
  accuracy: 1
  inference: 1
  offloading: 1
  cloud: 1
  switch_cost: 1                 # assumption: lambda, the cost of one model switch, in system-cost units

context:
  utility: exponential           # MODEL.md section 4: non-increasing age utility
  half_life_s: 300               # assumption: an example's weight halves every 5 minutes

# Active caching and partial residency (pfmplan-model(7), ACTIVE CACHING, PARTIAL RESIDENCY).
# Used only with --caching active or --residency partial, and random_cache_probability by the
# random-cache policy; other runs never read it.
caching:
  demand: ewma                   # ewma: learn demand from arrivals; profile: the workload's own rates, one interval ahead
  half_life_s: 120               # assumption: demand older than a few minutes says little about the next one
  interval_s: 30                 # assumption: re-plan preloads every 30 s (and whenever the engine goes idle)
  post_shift_window_s: 300       # assumption: "the first requests after a shift" are those of its first 5 minutes
  partial_fractions: [0.25, 0.5, 0.75]   # assumption: layer-offloading runtimes split at layer granularity; quarters as in the issue
  random_cache_probability: 0.5  # assumption: a fair coin; the paper never defines its Random baseline (pfmplan-model(7), VICTIM ORDER)
"""##),
        ("devices.yaml", ##"""
# pfmplan device catalog (schema v1): the users' own devices for the mobile tier
# (pfmplan-model(7), MOBILE TIER; pfmplan-catalog(5), devices). A request runs on its user's
# device when its service allows it (on_device: true) and its models fit, else at the edge, else
# in the cloud (the paper's Section III-C device-edge-cloud collaboration).
#
# Conventions:
# - tflops are the vendor's or a secondary source's headline NPU/GPU figure (TOPS for int8); where
#   none is published the entry says "estimate:". Vendors rarely say whether a TOPS figure is dense.
# - memory_gib: the device's RAM in GB, taken as GiB (a 7% simplification, noted once here).
# - usable_fraction: assumption: the OS and other apps keep the rest; an app's models get about half
#   of a phone's or headset's RAM, more on a dedicated vehicle computer.
# - mfu / mbu: estimate: mobile NPUs reach a smaller share of peak than datacenter GPUs under
#   vendor runtimes; 0.3 of compute and 0.6 of bandwidth throughout.
# - power_w: estimate per entry (SoC package power while inferring; no vendor publishes one).
# - usd_per_kwh: estimate: US residential electricity, 16.5 ¢/kWh in 2024 (U.S. EIA, Electric Power
#   Monthly, table 5.3, https://www.eia.gov/electricity/monthly/), over an assumed 85% charger and
#   battery round-trip efficiency: 0.165 / 0.85 = 0.194 USD per kWh drawn from the battery.
# - Models on a device are pre-installed (shipped with the app): no load time, no eviction.
schema_version: 1

devices:
  # Qualcomm Snapdragon 8 Gen 3 phone
  - id: snapdragon-8-gen-3
    name: Snapdragon 8 Gen 3 phone
    kind: phone
    memory_gib: 12             # typical flagship RAM 12-16 GB (secondary: https://runlocalai.co/hardware/snapdragon-8-gen-3); assumption: 12
    usable_fraction: 0.5       # assumption (see above)
    bandwidth_gbps: 76.8       # LPDDR5X-4800, 64-bit: 76.8 GB/s (https://droidholic.com/snapdragon-8-gen-3-launched/; secondary: runlocalai)
    tflops: {int8: 45}         # Hexagon NPU "45 TOPS INT8" (secondary: https://runlocalai.co/hardware/snapdragon-8-gen-3); Qualcomm publishes none
    precision: int8
    mfu: 0.3                   # estimate (see above)
    mbu: 0.6                   # estimate (see above)
    power_w: 8                 # estimate: phone SoC sustained power under NPU load, 5-10 W
    usd_per_kwh: 0.194         # estimate (see above)

  # Apple Vision Pro (M2 + R1)
  - id: vision-pro
    name: Apple Vision Pro (M2)
    kind: headset
    memory_gib: 16             # 16 GB unified memory (https://www.macrumors.com/2024/01/15/vision-pro-m2-chip-10-gpu-8-cpu-cores/)
    usable_fraction: 0.5       # assumption (see above)
    bandwidth_gbps: 100        # M2: 100 GB/s unified memory bandwidth (Apple M2 press release, via https://www.geeky-gadgets.com/apple-m2-10-core-gpu-07-06-2022/)
    tflops: {fp16: 15.8}       # M2 16-core Neural Engine, 15.8 TOPS (same source); estimate: precision unstated, taken as fp16
    precision: fp16
    mfu: 0.3                   # estimate (see above)
    mbu: 0.6                   # estimate (see above)
    power_w: 10                # estimate: M2 package power under Neural Engine and GPU load
    usd_per_kwh: 0.194         # estimate (see above)

  # Meta Quest 3 (Snapdragon XR2 Gen 2)
  - id: quest-3
    name: Meta Quest 3 (XR2 Gen 2)
    kind: headset
    memory_gib: 8              # 8 GB LPDDR5 (https://en.wikipedia.org/wiki/Meta_Quest_3)
    usable_fraction: 0.5       # assumption (see above)
    bandwidth_gbps: 51.2       # estimate: LPDDR5-6400 on a 64-bit bus, 51.2 GB/s; no published figure
    tflops: {int8: 20}         # estimate: no TOPS published ("8x AI vs XR2 Gen 1", https://mixed-news.com/en/?p=18858); taken as about half the Snapdragon 8 Gen 3's 45
    precision: int8
    mfu: 0.3                   # estimate (see above)
    mbu: 0.6                   # estimate (see above)
    power_w: 8                 # estimate: XR2 Gen 2 SoC power under NPU load
    usd_per_kwh: 0.194         # estimate (see above)

  # NVIDIA DRIVE AGX Orin (vehicle on-board unit)
  - id: drive-orin
    name: NVIDIA DRIVE AGX Orin
    kind: vehicle
    memory_gib: 32             # assumption: 32 GB LPDDR5 (unverified)
    usable_fraction: 0.75      # assumption: a dedicated vehicle computer keeps less for its OS
    bandwidth_gbps: 204.8      # assumption: ~205 GB/s LPDDR5 (unverified)
    tflops: {int8: 127}        # 254 TOPS INT8 (secondary: https://hellostartup.la/tusimple-to-tap-nvidia-for-autonomous-trucking-effort/); estimate: taken as sparse, halved for dense
    precision: int8
    mfu: 0.3                   # estimate (see above)
    mbu: 0.6                   # estimate (see above)
    power_w: 60                # estimate: Orin SoC module under load, 15-60 W configurable
    usd_per_kwh: 0.194         # estimate (see above): the vehicle's battery, charged at home
"""##),
        ("hosts.yaml", ##"""
# pfmplan host catalog (schema v1): chassis that hold GPUs (MODEL.md section 1 "Host"). An
# option uses the cheapest host of its accelerator's form factor with room for its GPUs;
# an SXM part needs an HGX-class host; a Jetson module is its own host. Used by the v2 server.
#
# Prices are for the chassis with CPUs, memory, NVMe and NICs but without GPUs; vendors
# publish no such list prices, so every price is an estimate (stated per entry).
# power_w is the host's own draw under load, GPUs excluded.

schema_version: 1

hosts:
  - id: edge-1u-2gpu
    name: Edge 1U, 1-2 PCIe GPUs (e.g. Lenovo ThinkEdge SE450, Supermicro SYS-111E)
    form_factor: pcie
    max_gpus: 2
    price_usd: 9000               # estimate: no public chassis price; 1-socket Xeon (~$2-3.5k) + 256 GB DDR5 (~$1-1.5k) + 2 NVMe (~$1k) + short-depth chassis (~$3k) + margin
    lifetime_years: 5          # assumption: 5-year edge lifetime, as the edge accelerators
    power_w: 350                # estimate: 1 CPU ~185-225 W TDP + DIMMs + fans, NVMe, NIC
    storage_read_gbps: 11       # 2x Gen4 NVMe RAID0 delivered 11.3 GB/s into GPUs (ServerlessLLM benchmarks/results/a5000_2024)
    dram_gib: 256
    dram_read_gbps: 230          # estimate: 8 ch DDR5-4800 = 307 GB/s x ~0.75 achieved in STREAM-class copies
  - id: server-2u-4gpu
    name: 2U server, up to 4 PCIe GPUs (e.g. Dell PowerEdge R760xa)
    form_factor: pcie
    max_gpus: 4
    price_usd: 30000          # estimate: 2-socket server (Dell R760xa class), 1 TB DDR5, NVMe, without GPUs; no public chassis price
    lifetime_years: 4          # assumption: datacenter lifetime, as the datacenter accelerators
    power_w: 900                # estimate: 2 CPUs (~2 x 350 W) + 16-32 DIMMs + fans
    storage_read_gbps: 13      # estimate: 2 Gen4 NVMe RAID0 at ~6.5 GB/s each
    dram_gib: 1024
    dram_read_gbps: 460          # estimate: 2 sockets x 8 ch DDR5-4800 = 614 GB/s x 0.75
  - id: server-4u-8gpu
    name: 4U server, up to 8 PCIe GPUs (e.g. Supermicro SYS-421GE-TNRT)
    form_factor: pcie
    max_gpus: 8
    price_usd: 45000          # estimate: anchored on a published 8-GPU 4U workstation base price of $36,142 (Bizon ZX9000, 2026)
    lifetime_years: 4          # assumption: datacenter lifetime, as the datacenter accelerators
    power_w: 1200               # estimate: 2 CPUs + 32 DIMMs + PCIe switches + 8-GPU fan wall
    storage_read_gbps: 25      # estimate: 4 Gen4 NVMe RAID0
    dram_gib: 2048
    dram_read_gbps: 460          # estimate: as server-2u-4gpu
  - id: hgx-8gpu
    name: HGX 8-GPU SXM server (e.g. Dell PowerEdge XE9680, Supermicro SYS-821GE-TNHR)
    form_factor: sxm
    max_gpus: 8
    # estimate: an 8x H100 SXM system lists at ~$300,000; less 8 GPUs at ~$30,000 leaves ~$60,000
    # for the baseboard with NVSwitches, 2 CPUs, 2 TB DRAM, NICs and NVMe
    price_usd: 70000          # estimate: 8x H100 HGX nodes quoted at $310-317k in Aug 2024 (Thinkmate), ~$285k typical in 2026, less 8 GPUs; SemiAnalysis' non-GPU parts list ($32,010 cost) is the floor
    lifetime_years: 4          # assumption: datacenter lifetime, as the datacenter accelerators
    # estimate: 8x H100 SXM systems are rated ~10.2 kW at most with 8 x 700 W GPUs: ~4.6 kW for the
    # rest at peak; ~2.5 kW under a typical inference load
    power_w: 3000               # estimate: ~10.2 kW for an air-cooled 8x H100 server at most, 8 x 700 W of it GPUs; ~3 kW for the rest under load
    storage_read_gbps: 29      # an 8x H100 SXM host's "NVMe SSD with 29.4 GB/s bandwidth" (ServerlessLLM benchmarks/results/h100_2025)
    dram_gib: 2048
    dram_read_gbps: 460          # estimate: 2x Xeon 8480C, 16 ch DDR5-4800 = 614 GB/s x 0.75
  - id: jetson-devkit
    name: Jetson developer kit / carrier board with NVMe (the module is its own host)
    form_factor: module
    max_gpus: 1
    price_usd: 400             # the AGX Orin devkit's launch price ($1,999) less the module's ($1,599); not re-checked
    lifetime_years: 5
    power_w: 10                # estimate: carrier, SSD and fan
    storage_read_gbps: 3       # estimate: NVMe Gen4 x4 checkpoint read on a carrier board (see accelerators.yaml header)
    dram_gib: 64               # the module's own LPDDR5 (unified memory)
    dram_read_gbps: 200
"""##),
        ("models-2026.yaml", ##"""
# pfmplan model catalog (schema v1): open models a 2026 edge deployment picks (issue #17).
#
# Conventions (MODEL.md section 1):
# - Language architecture: each model's Hugging Face config.json (hidden_size, num_attention_heads,
#   num_key_value_heads, head_dim, intermediate_size, vocab_size, num_hidden_layers, and for MoE
#   num_experts / num_local_experts, num_experts_per_tok, moe_intermediate_size), at
#   https://huggingface.co/<repo>/blob/main/config.json for the repo named in each entry.
#   head_dim, where the config omits it, is hidden_size / num_attention_heads.
# - gflops of a language model: 2 x active parameters per token (a multiply-add is 2 FLOP;
#   attention over the context is added by the engine, MODEL.md section 4).
# - expert_params_m: one expert in one layer, 3 x hidden x moe_intermediate (gate, up, down).
# - max_context_tokens: the serving max_model_len chosen here, NOT the model's advertised window
#   (kept in context_window_tokens). 8192 tokens hold a chat turn with its history or a retrieval
#   prompt of a few passages; reserving 128k tokens per request would leave an 8B model no room
#   on most GPUs (issue #17). Raise it in your own catalog if your prompts are longer.
# - Scores: published model-card or paper figures, one per task (MMLU 5-shot, GSM8K with the
#   protocol named). They were taken from the named cards and papers as recalled; the search
#   corpus used for issue #17 did not show those tables verbatim, so every score is "not
#   re-checked" (an independent check: embedl's Edge-Inference-Benchmarks acc-Llama-3.2.csv gives
#   GSM8K 0.46 / 0.77 for Llama-3.2-1B/3B-Instruct, close to the card's 44.4 / 77.7). No card publishes a zero-/one-/few-shot sweep of one protocol for these
#   models (the Llama 3.1 card's MMLU 0-shot is chain-of-thought, its 5-shot is not), so they
#   carry single scores and the Age-of-Context fit does not apply to them.
# - Other families: true FLOPs (MACs x 2); where a figure is derived from the architecture, the
#   comment says "estimate" and shows the derivation.

schema_version: 1

models:
  # ---------------------------------------------------------------------------------------
  # Llama 3.1 / 3.2 (Meta). Architecture: config.json of meta-llama/Llama-3.2-1B, Llama-3.2-3B,
  # Llama-3.1-8B, Llama-3.1-70B. Scores: the Instruct model cards' "Instruction tuned models" tables
  # (https://huggingface.co/meta-llama/Llama-3.2-1B-Instruct , .../Llama-3.1-8B-Instruct):
  # MMLU 5-shot macro_avg/acc, GSM8K 8-shot CoT em_maj1@1.
  - id: llama-3.2-1b
    name: Llama-3.2-1B-Instruct
    family: language
    parameters_m: 1236             # model card: 1.23B (tied embeddings)
    gflops: 2.47                   # 2 x 1.236 B
    layers: 16
    hidden: 2048
    heads: 32
    kv_heads: 8
    head_dim: 64
    intermediate: 8192
    vocab: 128256
    context_window_tokens: 131072  # config.json max_position_embeddings (128k)
    max_context_tokens: 8192       # serving length (file header)
    tasks:
      - {task: mmlu, score: 49.3}   # Llama-3.2-1B-Instruct card, MMLU 5-shot
      - {task: gsm8k, score: 44.4}  # same card, GSM8K 8-shot CoT

  - id: llama-3.2-3b
    name: Llama-3.2-3B-Instruct
    family: language
    parameters_m: 3213             # model card: 3.21B
    gflops: 6.43                   # 2 x 3.213 B
    layers: 28
    hidden: 3072
    heads: 24
    kv_heads: 8
    head_dim: 128
    intermediate: 8192
    vocab: 128256
    context_window_tokens: 131072
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 63.4}   # Llama-3.2-3B-Instruct card, MMLU 5-shot
      - {task: gsm8k, score: 77.7}  # same card, GSM8K 8-shot CoT

  - id: llama-3.1-8b
    name: Llama-3.1-8B-Instruct
    family: language
    parameters_m: 8030             # model card: 8.03B
    gflops: 16.06                  # 2 x 8.03 B
    layers: 32
    hidden: 4096
    heads: 32
    kv_heads: 8
    head_dim: 128                  # 4096 / 32
    intermediate: 14336
    vocab: 128256
    context_window_tokens: 131072
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 69.4}   # Llama-3.1-8B-Instruct card, MMLU 5-shot (its 0-shot CoT is 73.0)
      - {task: gsm8k, score: 84.5}  # same card, GSM8K 8-shot CoT

  - id: llama-3.1-70b
    name: Llama-3.1-70B-Instruct
    family: language
    parameters_m: 70554            # model card: 70.6B
    gflops: 141.1                  # 2 x 70.55 B
    layers: 80
    hidden: 8192
    heads: 64
    kv_heads: 8
    head_dim: 128                  # 8192 / 64
    intermediate: 28672
    vocab: 128256
    context_window_tokens: 131072
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 83.6}   # Llama-3.1-70B-Instruct card (same table as 8B), MMLU 5-shot
      - {task: gsm8k, score: 95.1}  # same card, GSM8K 8-shot CoT

  # ---------------------------------------------------------------------------------------
  # Qwen3 (Alibaba). Architecture: config.json of Qwen/Qwen3-0.6B, Qwen3-8B, Qwen3-32B, Qwen3-30B-A3B;
  # parameter counts from the model cards ("Number of Parameters"). Scores: Qwen3 Technical Report
  # (Yang et al., arXiv 2505.09388), base-model tables: MMLU 5-shot, GSM8K 4-shot CoT
  # (figures as recalled from the report; not re-checked).
  - id: qwen3-0.6b
    name: Qwen3-0.6B
    family: language
    parameters_m: 600              # model card: 0.6B (0.44B non-embedding)
    gflops: 1.2                    # 2 x 0.6 B
    layers: 28
    hidden: 1024
    heads: 16
    kv_heads: 8
    head_dim: 128                  # config.json head_dim (not hidden / heads)
    intermediate: 3072
    vocab: 151936
    context_window_tokens: 32768   # model card: context length 32,768
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 52.8}   # arXiv 2505.09388, Qwen3-0.6B-Base MMLU
      - {task: gsm8k, score: 59.6}  # same table, GSM8K

  - id: qwen3-8b
    name: Qwen3-8B
    family: language
    parameters_m: 8190             # model card: 8.2B (6.95B non-embedding)
    gflops: 16.4                   # 2 x 8.19 B
    layers: 36
    hidden: 4096
    heads: 32
    kv_heads: 8
    head_dim: 128
    intermediate: 12288
    vocab: 151936
    context_window_tokens: 32768   # model card: 32,768 natively (131,072 with YaRN)
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 76.9}   # arXiv 2505.09388, Qwen3-8B-Base MMLU
      - {task: gsm8k, score: 89.8}  # same table, GSM8K

  - id: qwen3-32b
    name: Qwen3-32B
    family: language
    parameters_m: 32800            # model card: 32.8B
    gflops: 65.6                   # 2 x 32.8 B
    layers: 64
    hidden: 5120
    heads: 64
    kv_heads: 8
    head_dim: 128
    intermediate: 25600
    vocab: 151936
    context_window_tokens: 32768
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 83.6}   # arXiv 2505.09388, Qwen3-32B-Base MMLU
      - {task: gsm8k, score: 93.4}  # same table, GSM8K

  - id: qwen3-30b-a3b
    name: Qwen3-30B-A3B (mixture of experts)
    family: language
    parameters_m: 30500            # model card: 30.5B total, 3.3B activated
    gflops: 6.6                    # 2 x 3.3 B activated
    layers: 48
    hidden: 2048
    heads: 32
    kv_heads: 4
    head_dim: 128
    intermediate: 768              # config.json moe_intermediate_size (per expert)
    vocab: 151936
    experts: 128                   # config.json num_experts
    experts_per_token: 8           # config.json num_experts_per_tok
    expert_params_m: 4.719         # 3 x 2048 x 768 = 4.72 M; 48 x 128 x 4.72 M = 29.0 B of the 30.5 B are experts
    context_window_tokens: 32768
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 81.4}   # arXiv 2505.09388, Qwen3-30B-A3B-Base MMLU
      - {task: gsm8k, score: 91.8}  # same table, GSM8K

  # ---------------------------------------------------------------------------------------
  # Mistral (Mistral AI). Architecture: config.json of mistralai/Mistral-7B-Instruct-v0.3 and
  # mistralai/Mixtral-8x7B-Instruct-v0.1. Scores: Mistral 7B paper (Jiang et al., arXiv 2310.06825,
  # Table 2, v0.1 base) and Mixtral of Experts (Jiang et al., arXiv 2401.04088, Table 2):
  # MMLU 5-shot, GSM8K maj@8.
  - id: mistral-7b
    name: Mistral-7B-Instruct-v0.3
    family: language
    parameters_m: 7248             # 7.25B (safetensors parameter count on the model page)
    gflops: 14.5                   # 2 x 7.25 B
    layers: 32
    hidden: 4096
    heads: 32
    kv_heads: 8
    head_dim: 128
    intermediate: 14336
    vocab: 32768                   # v0.3 extended vocabulary
    context_window_tokens: 32768   # v0.3: 32k context
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 60.1}   # arXiv 2310.06825 Table 2 (Mistral 7B base)
      - {task: gsm8k, score: 52.2}  # same table, maj@8

  - id: mixtral-8x7b
    name: Mixtral-8x7B-Instruct-v0.1 (mixture of experts)
    family: language
    parameters_m: 46700            # arXiv 2401.04088: 47B total, 13B active per token
    gflops: 25.8                   # 2 x 12.9 B active
    layers: 32
    hidden: 4096
    heads: 32
    kv_heads: 8
    head_dim: 128
    intermediate: 14336            # per expert
    vocab: 32000
    experts: 8                     # config.json num_local_experts
    experts_per_token: 2           # config.json num_experts_per_tok
    expert_params_m: 176.16        # 3 x 4096 x 14336; 32 x 8 x 176.16 M = 45.1 B of the 46.7 B are experts
    context_window_tokens: 32768
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 70.6}   # arXiv 2401.04088 Table 2
      - {task: gsm8k, score: 74.4}  # same table, maj@8

  # ---------------------------------------------------------------------------------------
  # Gemma 3 4B (Google). Architecture: text_config of google/gemma-3-4b-it config.json. Gemma 3
  # interleaves 5 sliding-window (1,024-token) layers per global layer, so its real KV cache is
  # smaller than the full-attention figure the engine uses (conservative). Scores: the
  # google/gemma-3-4b-pt model card benchmark tables (pre-trained model).
  - id: gemma-3-4b
    name: Gemma-3-4B-it
    family: language
    parameters_m: 4300             # model card: 4B (3.88B language model + 0.42B SigLIP vision encoder, both resident)
    gflops: 7.76                   # 2 x 3.88 B (language model)
    layers: 34
    hidden: 2560
    heads: 8
    kv_heads: 4
    head_dim: 256                  # config head_dim, not hidden / heads
    intermediate: 10240
    vocab: 262208
    context_window_tokens: 131072
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 59.6}   # gemma-3-4b-pt card, MMLU 5-shot
      - {task: gsm8k, score: 38.4}  # same card, GSM8K 8-shot

  # ---------------------------------------------------------------------------------------
  # Phi-4-mini (Microsoft). Architecture: microsoft/Phi-4-mini-instruct config.json.
  # Scores: the Phi-4-mini-instruct model card benchmark table.
  - id: phi-4-mini
    name: Phi-4-mini-instruct
    family: language
    parameters_m: 3836             # model card: 3.8B
    gflops: 7.67                   # 2 x 3.836 B
    layers: 32
    hidden: 3072
    heads: 24
    kv_heads: 8
    head_dim: 128                  # 3072 / 24
    intermediate: 8192
    vocab: 200064
    context_window_tokens: 131072
    max_context_tokens: 8192
    tasks:
      - {task: mmlu, score: 67.3}   # Phi-4-mini-instruct card, MMLU 5-shot
      - {task: gsm8k, score: 88.6}  # same card, GSM8K 8-shot CoT

  # ---------------------------------------------------------------------------------------
  # Qwen3-VL-8B-Instruct (vision-language): a ViT encoder stage and the Qwen3-8B-shaped language
  # model, served as two stages (the encoder's image tokens enter the language model's prompt).
  # Architecture: Qwen/Qwen3-VL-8B-Instruct config.json (text_config as Qwen3-8B; vision_config
  # depth 27, hidden 1152, patch 16, 2 x 2 spatial merge). No score: captioning is not scored.
  - id: qwen3-vl-8b-vision
    name: Qwen3-VL-8B vision encoder
    family: multimodal
    parameters_m: 580              # estimate: 27 x 12 x 1152^2 = 430 M of blocks + patch embedding and the merger MLPs (~0.15 B)
    # estimate: a 448 x 448 image is 28 x 28 = 784 patches: 2 x 0.43 B x 784 = 674 GFLOPs of matmuls
    # + attention 27 x 4 x 784^2 x 1152 = 76 GFLOPs; it yields 196 tokens after the 2 x 2 merge
    gflops: 750
    tasks: []

  - id: qwen3-vl-8b
    name: Qwen3-VL-8B language model
    family: language
    parameters_m: 8190             # text_config as Qwen3-8B (8.77 B checkpoint less the vision encoder)
    gflops: 16.4
    layers: 36
    hidden: 4096
    heads: 32
    kv_heads: 8
    head_dim: 128
    intermediate: 12288
    vocab: 151936
    context_window_tokens: 262144  # model card: 256K native context
    max_context_tokens: 8192
    tasks: []

  # ---------------------------------------------------------------------------------------
  # Whisper large-v3-turbo (OpenAI): speech recognition, one request = one 30-s window.
  # Architecture: openai/whisper-large-v3-turbo config.json (d_model 1280, 32 encoder layers,
  # 4 decoder layers, 128 mel bins, 1,500 encoder positions); 809 M parameters (model card).
  - id: whisper-large-v3-turbo
    name: Whisper large-v3-turbo
    family: speech
    parameters_m: 809              # model card: 809M
    # estimate: encoder 2 x (32 x 12 x 1280^2 = 629 M) x 1,500 frames = 1,887 GFLOPs + attention 32 x 4 x 1500^2 x 1280 = 369
    # + conv stem 16; decoder ~100 tokens x 2 x 171 M (4 layers + output projection) = 34 -> ~2,310 GFLOPs per 30 s
    gflops: 2310
    tasks: []

  # ---------------------------------------------------------------------------------------
  # Stable Diffusion XL base 1.0 (Podell et al., arXiv 2307.01952), 1024 x 1024, as a pipeline of
  # stages like the SD v1 entries: both text encoders, the UNet (repeated per step), the VAE decoder.
  # Parameters: stabilityai/stable-diffusion-xl-base-1.0 (UNet 2,567 M, per arXiv 2307.01952 Table 1;
  # CLIP ViT-L text 123 M + OpenCLIP ViT-bigG text 694.7 M).
  - id: sdxl-text-encoders
    name: SDXL text encoders (CLIP ViT-L + OpenCLIP ViT-bigG)
    family: multimodal
    parameters_m: 817.8            # 123.1 M + 694.7 M
    # CLIP-L 13.6 GFLOPs for 77 tokens (onnx-tool, as sd-text-encoder) + estimate bigG 2 x 694.7 M x 77 = 107 GFLOPs
    gflops: 121
    tasks: []

  - id: sdxl-unet
    name: SDXL base UNet
    family: diffusion
    parameters_m: 2567             # arXiv 2307.01952 Table 1 (2.6 B UNet)
    # estimate, per denoising step with classifier-free guidance (two passes at a 128 x 128 latent): from the UNet's
    # config (channels 320/640/1280, transformer depth 0/2/10): 60 blocks at 32 x 32 x 1280 ~ 1.98 TMACs, 10 blocks
    # at 64 x 64 x 640 ~ 0.52 TMACs, ResNet convs ~ 0.48 TMACs -> ~3.0 TMACs = 6.0 TFLOPs per pass, x 2 passes
    gflops: 12000
    tasks: []

  - id: sdxl-vae-decoder
    name: SDXL VAE decoder
    family: diffusion
    parameters_m: 49.5             # same decoder architecture as SD v1's (onnx-tool 49.49 M)
    # estimate: SD's decoder is 1,272 GMACs at 512 x 512 (onnx-tool); it is convolutional, so x 4 at 1024 x 1024,
    # plus its mid-block attention over 128^2 tokens (+~258 GMACs) -> ~5,350 GMACs = 10,700 GFLOPs
    gflops: 10700
    tasks: []

  # ---------------------------------------------------------------------------------------
  # FLUX.1-schnell (Black Forest Labs), 1024 x 1024 in 4 steps without guidance (timestep-distilled).
  # black-forest-labs/FLUX.1-schnell: 12 B rectified-flow transformer (19 double + 38 single blocks,
  # width 3072), T5-XXL encoder (4.76 B) and CLIP-L text encoders, 16-channel VAE.
  - id: flux-text-encoders
    name: FLUX.1 text encoders (T5-XXL encoder + CLIP-L)
    family: multimodal
    parameters_m: 4885             # T5-XXL encoder 4,762 M + CLIP-L text 123 M
    gflops: 2450                   # estimate: 2 x 4.762 B x 256 tokens (schnell's max_sequence_length) + CLIP-L 13.6
    tasks: []

  - id: flux-schnell-transformer
    name: FLUX.1-schnell transformer
    family: diffusion
    parameters_m: 11900            # model card: 12 B parameters
    # estimate, per step (no classifier-free guidance): 4,096 image tokens (128^2 latent, 2 x 2 patches) + 256 text
    # tokens: 2 x 11.9 B x 4,352 = 103.6 TFLOPs + attention 57 x 4 x 4352^2 x 3072 = 13.3 TFLOPs
    gflops: 117000
    tasks: []

  - id: flux-vae-decoder
    name: FLUX.1 VAE decoder
    family: diffusion
    parameters_m: 49.8             # estimate: the SD-style decoder with a 16-channel latent input
    gflops: 10700                  # estimate: as sdxl-vae-decoder (same widths at 1024 x 1024)
    tasks: []

  # ---------------------------------------------------------------------------------------
  # YOLO11 (Ultralytics), COCO detection at 640 x 640. Figures from the Ultralytics YOLO11 docs table
  # (https://docs.ultralytics.com/models/yolo11/): params, FLOPs (B) at 640, mAPval 50-95. Ultralytics'
  # FLOPs are thop MACs x 2 (ultralytics/utils/torch_utils.py get_flops), i.e. already true FLOPs.
  - id: yolo11s
    name: YOLO11s
    family: vision
    parameters_m: 9.4
    gflops: 21.5
    tasks:
      - {task: detection, score: 47.0}   # COCO val mAP 50-95

  - id: yolo11m
    name: YOLO11m
    family: vision
    parameters_m: 20.1
    gflops: 68.0
    tasks:
      - {task: detection, score: 51.5}   # COCO val mAP 50-95

  # ---------------------------------------------------------------------------------------
  # SAM 2.1 (Meta, Ravi et al., arXiv 2408.00714), image mode at 1024 x 1024, one prompt per frame.
  # Params and SA-V test J&F from the facebookresearch/sam2 README (SAM 2.1 checkpoints table).
  - id: sam2.1-base-plus
    name: SAM 2.1 Hiera-B+
    family: vision
    parameters_m: 80.8             # README: 80.8 M
    # estimate: Hiera-B+ is 12.4 GMACs at 224^2 (Ryali et al., arXiv 2306.00989, fvcore MACs); x (1024/224)^2 = 20.9 tokens
    # -> ~259 GMACs, + prompt encoder and mask decoder ~5 GMACs -> ~264 GMACs = 528 GFLOPs
    gflops: 528
    tasks:
      - {task: segmentation, score: 78.2}   # README: SA-V test J&F

  - id: sam2.1-large
    name: SAM 2.1 Hiera-L
    family: vision
    parameters_m: 224.4            # README: 224.4 M
    # estimate: Hiera-L 40.3 GMACs at 224^2 (arXiv 2306.00989) x 20.9 -> ~842 GMACs + decoder ~5 -> ~847 GMACs = 1,694 GFLOPs
    gflops: 1694
    tasks:
      - {task: segmentation, score: 79.5}   # README: SA-V test J&F
"""##),
        ("models-paper.yaml", ##"""
# pfmplan model catalog (schema v1): the six pretrained foundation models of Table I of
# "Sparks of GPTs in Edge Intelligence for Metaverse" (Xu et al.; ../shared/paper), every task
# and score exactly as printed there, plus the Stable Diffusion components the paper names for
# AIGC services (Section V-A).
#
# Table I columns: Model Size (M) -> parameters_m; GFLOPs -> gflops (per token for GPT-3, per
# inference otherwise); K -> few_shot_k; Zero-/One-/Few-shot -> zero_shot/one_shot/few_shot.
# Models without in-context learning have a single `score` (Table I's zero-shot column).
# Where Table I gives task-specific sizes and GFLOPs (UniFormer heads), the task carries them.
# FLOP convention (MODEL.md 3): gflops counts a multiply-add as 2 FLOP. Table I's UniFormer
# "GFLOPs" are multiply-accumulates (the UniFormer README counts with fvcore, whose "flop" is one
# MAC), so they are doubled here; the comment on each line gives the printed figure. GPT-3
# (2 x params per token) and CLIP (OpenCLIP's profile, 2 x its MACs) are already true FLOPs.

schema_version: 1

models:
  - id: gpt3-13b
    name: GPT3-13B
    family: language
    parameters_m: 12850            # Table I
    gflops: 26.54                  # Table I (per token, about 2 x params)
    # Architecture: Brown et al. 2020, arXiv 2005.14165, Table 2.1 (n_layers, d_model, n_heads, d_head),
    # with the caption's d_ff = 4 x d_model; GPT-3 uses multi-head attention (kv_heads = n_heads) and
    # GPT-2's 50,257-token BPE vocabulary (Radford et al. 2019, "Language Models are Unsupervised Multitask Learners", Section 2.2).
    layers: 40                     # Table 2.1 (n_layers)
    # Table 2.1 prints d_model 5140, but n_heads x d_head = 40 x 128 = 5120; the KV width is kv_heads x head_dim = 5120
    hidden: 5140                   # Table 2.1 (d_model, as printed)
    heads: 40                      # Table 2.1 (n_heads)
    kv_heads: 40                   # multi-head attention: one KV head per query head
    head_dim: 128                  # Table 2.1 (d_head)
    intermediate: 20560            # Table 2.1 caption: d_ff = 4 x d_model
    vocab: 50257                   # GPT-2 BPE vocabulary (Radford et al. 2019, Section 2.2)
    context_window_tokens: 2048    # arXiv 2005.14165, Section 2.1 (n_ctx = 2048 for all GPT-3 models)
    tokens_per_example: 32         # assumption: 2048 tokens / 64 examples, Table I's largest K fills the window
    tasks:
      - {task: translation, zero_shot: 15.45, one_shot: 26.12, few_shot: 30.83, few_shot_k: 64}   # Table I
      - {task: arithmetic, zero_shot: 3.79, one_shot: 15.98, few_shot: 14.34, few_shot_k: 50}     # Table I ("Basic arithmetic")
      - {task: superglue, zero_shot: 54.4, one_shot: 64.3, few_shot: 66.9, few_shot_k: 32}        # Table I

  - id: gpt3-175b
    name: GPT-3-175B
    family: language
    parameters_m: 174600           # Table I
    gflops: 354.03                 # Table I
    # Architecture: arXiv 2005.14165, Table 2.1 and caption, as for gpt3-13b (KV width 96 x 128 = 12288 = d_model)
    layers: 96                     # Table 2.1 (n_layers)
    hidden: 12288                  # Table 2.1 (d_model)
    heads: 96                      # Table 2.1 (n_heads)
    kv_heads: 96                   # multi-head attention
    head_dim: 128                  # Table 2.1 (d_head)
    intermediate: 49152            # Table 2.1 caption: d_ff = 4 x d_model
    vocab: 50257                   # GPT-2 BPE vocabulary (Radford et al. 2019, Section 2.2)
    context_window_tokens: 2048    # arXiv 2005.14165, Section 2.1
    tokens_per_example: 32         # assumption, as for gpt3-13b
    tasks:
      - {task: translation, zero_shot: 22.03, one_shot: 29.63, few_shot: 33.77, few_shot_k: 64}  # Table I
      - {task: arithmetic, zero_shot: 25.99, one_shot: 40.71, few_shot: 49.55, few_shot_k: 50}   # Table I
      - {task: superglue, zero_shot: 58.2, one_shot: 68.9, few_shot: 73.2, few_shot_k: 32}       # Table I

  - id: uniformer-s
    name: UniFormer-S
    family: vision
    parameters_m: 22               # Table I (image classification); cross-checked: Sense-X/UniFormer README, 22M
    gflops: 7.2                    # Table I 3.6 (image classification, 224px), MACs x 2
    tasks:
      - {task: image-classification, score: 82.9}                                   # Table I
      - {task: video-classification, score: 82.8, parameters_m: 22, gflops: 334}   # Table I 167 MACs x 2
      - {task: detection-segmentation, score: 45.6, parameters_m: 41, gflops: 538} # Table I 269 MACs x 2 ("Object detection and instance segmentation")
      - {task: semantic-segmentation, score: 46.6, parameters_m: 25, gflops: 494}  # Table I 247 MACs x 2
      - {task: pose-estimation, score: 74.0, parameters_m: 25, gflops: 9.4}        # Table I 4.7 MACs x 2

  - id: uniformer-b
    name: UniFormer-B
    family: vision
    parameters_m: 50               # Table I (image classification); Sense-X/UniFormer README, 50M
    gflops: 16.6                   # Table I 8.3 MACs x 2
    tasks:
      - {task: image-classification, score: 83.9}                                   # Table I
      # Table I prints 22 M for UniFormer-B video classification (as for UniFormer-S); kept as printed
      - {task: video-classification, score: 84.0, parameters_m: 22, gflops: 778}   # Table I 389 MACs x 2
      - {task: detection-segmentation, score: 47.4, parameters_m: 69, gflops: 798} # Table I 399 MACs x 2
      - {task: semantic-segmentation, score: 48.0, parameters_m: 54, gflops: 942}  # Table I 471 MACs x 2
      - {task: pose-estimation, score: 75.0, parameters_m: 54, gflops: 18.4}       # Table I 9.2 MACs x 2

  - id: clip-vit-l-14
    name: CLIP-ViT-L/14
    family: multimodal
    parameters_m: 428              # Table I; OpenCLIP docs/model_profile.csv: ViT-L-14 427.62M
    gflops: 175.5                  # Table I; OpenCLIP model_profile.csv: 175.33 GFLOPs
    tasks:
      - {task: classification, score: 75.20}      # Table I
      - {task: image-retrieval, score: 71.08}     # Table I
      - {task: text-retrieval, score: 84.00}      # Table I

  - id: clip-vit-h-14
    name: CLIP-ViT-H/14
    family: multimodal
    parameters_m: 986              # Table I; OpenCLIP model_profile.csv: ViT-H-14 986.11M
    gflops: 381.9                  # Table I; OpenCLIP model_profile.csv: 381.68 GFLOPs
    tasks:
      - {task: classification, score: 77.97}      # Table I
      - {task: image-retrieval, score: 73.43}     # Table I
      - {task: text-retrieval, score: 86.04}      # Table I

  # Stable Diffusion v1 components (Rombach et al. 2022, arXiv 2112.10752), the paper's AIGC example.
  # They have no Table I score: services built on them are not scored for accuracy.
  - id: sd-text-encoder
    name: Stable Diffusion CLIP ViT-L/14 text encoder
    family: multimodal
    parameters_m: 123.1            # CompVis/stable-diffusion README ("123M text encoder"); HF text_encoder config
    gflops: 13.6                   # onnx-tool model zoo (github.com/ThanatosShinji/onnx-tool): 6.78 GMACs x 2 for 77 tokens
    tasks: []

  - id: sd-unet
    name: Stable Diffusion UNet
    family: diffusion              # served with the runtime's diffusion profile (was vision before issue #16)
    parameters_m: 859.52           # onnx-tool model zoo, UNet2DCondition SD v1.4: 859.52M (CompVis README: 860M)
    # per denoising step with classifier-free guidance (two passes of ~677 GFLOPs at a 64x64 latent):
    # Clockwork Diffusion, arXiv 2312.08128, appendix (338.61 GMACs per pass) x 2 FLOPs/MAC x 2 passes
    gflops: 1354
    tasks: []

  - id: sd-vae-decoder
    name: Stable Diffusion VAE decoder
    family: diffusion              # part of the diffusion pipeline, as sdxl-vae-decoder
    parameters_m: 49.49            # onnx-tool model zoo: VAE decoder 49.49M (encoder 34.16M)
    gflops: 2544                   # onnx-tool model zoo: 1,272 GMACs x 2 at 512x512
    tasks: []
"""##),
        ("models-reference.yaml", ##"""
# pfmplan model catalog (schema v1): reference models that published benchmarks measure (issue #16).
#
# They are here so that `pfmplan validate --reference Tests/validation/published.csv` compares like
# with like: the TensorRT-LLM v0.6.1 performance tables, gpt-fast's and MLC's decode tables measure
# Llama 2, whose 7B and 13B keep a full-width KV cache (32 / 40 KV heads) where Llama 3.1 8B keeps 8,
# and whose 7B has 6.74 B parameters against Llama 3.1 8B's 8.03 B. Standing in Llama 3.1 for them
# reads a quarter of the KV cache and a fifth more weights than were measured.
#
# ResNet-50 v1.5 is here for the MLPerf Inference ResNet-50 rows (vision).
#
# Conventions: as models-2026.yaml. Architecture from each model's Hugging Face config.json
# (https://huggingface.co/meta-llama/Llama-2-7b-hf, -13b-hf, -70b-hf: hidden_size, intermediate_size,
# num_hidden_layers, num_attention_heads, num_key_value_heads, vocab_size 32000, max_position_embeddings
# 4096); parameter counts as the safetensors index reports them. Scores: Llama 2 paper (Touvron et al.,
# arXiv 2307.09288, Table 3: MMLU 5-shot, GSM8K 8-shot), as recalled; not re-checked.

schema_version: 1

models:
  - id: llama-2-7b
    name: Llama-2-7B
    family: language
    parameters_m: 6738             # 6,738,415,616 (meta-llama/Llama-2-7b-hf)
    gflops: 13.48                  # 2 x 6.738 B
    layers: 32
    hidden: 4096
    heads: 32
    kv_heads: 32                   # multi-head attention: no grouped KV
    head_dim: 128                  # 4096 / 32
    intermediate: 11008
    vocab: 32000
    context_window_tokens: 4096
    max_context_tokens: 4096
    tasks:
      - {task: mmlu, score: 45.3}   # arXiv 2307.09288 Table 3
      - {task: gsm8k, score: 14.6}  # same table, 8-shot

  - id: llama-2-13b
    name: Llama-2-13B
    family: language
    parameters_m: 13016            # 13,015,864,320 (meta-llama/Llama-2-13b-hf)
    gflops: 26.03                  # 2 x 13.016 B
    layers: 40
    hidden: 5120
    heads: 40
    kv_heads: 40
    head_dim: 128                  # 5120 / 40
    intermediate: 13824
    vocab: 32000
    context_window_tokens: 4096
    max_context_tokens: 4096
    tasks:
      - {task: mmlu, score: 54.8}   # arXiv 2307.09288 Table 3
      - {task: gsm8k, score: 28.7}

  - id: llama-2-70b
    name: Llama-2-70B
    family: language
    parameters_m: 68977            # 68,976,648,192 (meta-llama/Llama-2-70b-hf)
    gflops: 137.95                 # 2 x 68.977 B
    layers: 80
    hidden: 8192
    heads: 64
    kv_heads: 8                    # grouped-query attention (8 KV heads), as Llama 3.1 70B
    head_dim: 128                  # 8192 / 64
    intermediate: 28672
    vocab: 32000
    context_window_tokens: 4096
    max_context_tokens: 4096
    tasks:
      - {task: mmlu, score: 68.9}   # arXiv 2307.09288 Table 3
      - {task: gsm8k, score: 56.8}

  - id: resnet-50
    name: ResNet-50 v1.5 (224 x 224)
    family: vision
    parameters_m: 25.557           # torchvision ResNet50_Weights.IMAGENET1K_V1: 25,557,032 parameters
    # torchvision's table gives 4.09 "GFLOPS" counted as multiply-adds (fvcore convention) -> x 2 FLOP per MAC
    gflops: 8.18
    tasks: []
"""##),
        ("precisions.yaml", ##"""
# pfmplan numeric precisions (schema v1): storage per weight and per KV-cache value, and the
# accuracy penalty (points subtracted from the Table I curve) per model family.
#
# mfu_scale (default 1): the share of a runtime's mfu_max the kernels reach at this precision, against bf16, from
# NVIDIA AIConfigurator 0.12.0's measured GEMMs (its wheel's systems/data/*/gemm/{vllm,trtllm}/*/gemm_perf.parquet;
# m 2048-8192 tokens, n and k 4096-16384; `Tests/validation/precision_gemm_fit.py` prints every ratio). Per system
# and backend, bf16 reaches 0.60-0.88 of its peak; fp8 0.45-0.72 of its doubled peak.
schema_version: 1

precisions:
  - id: fp32
    bytes_per_weight: 4            # IEEE 754 binary32
    bytes_per_kv: 4
    accuracy_penalty: {language: 0, vision: 0, multimodal: 0}
  - id: bf16
    bytes_per_weight: 2            # bfloat16
    bytes_per_kv: 2
    accuracy_penalty: {language: 0, vision: 0, multimodal: 0}   # the Table I models were evaluated at 16 bits
  - id: fp16
    bytes_per_weight: 2            # IEEE 754 binary16
    bytes_per_kv: 2
    accuracy_penalty: {language: 0, vision: 0, multimodal: 0}
  - id: fp8
    bytes_per_weight: 1            # E4M3 (Micikevicius et al., "FP8 Formats for Deep Learning", arXiv 2209.05433)
    bytes_per_kv: 1
    # fp8 over bf16 share of peak: median of 10 system/backend ratios (H100, H200, B200, L40S, RTX PRO 6000; vLLM
    # 0.24.0 and TensorRT-LLM 1.3.0rc20), 0.65-0.91 (precision_gemm_fit.py)
    mfu_scale: 0.77
    # arXiv 2209.05433 reports FP8 post-training results within ~0.5 points of 16-bit on GPT-3-class models; estimate;
    # consistent with Llama-3.1 8B-405B, where W8A8-FP8 is "effectively lossless" (arXiv 2411.02355, https://arxiv.org/abs/2411.02355).
    # estimate: diffusion and speech as vision (FP8 UNet/encoder checkpoints are served without visible loss; no published points)
    accuracy_penalty: {language: 0.5, vision: 0.3, multimodal: 0.3, diffusion: 0.3, speech: 0.3}
  - id: int8
    bytes_per_weight: 1            # LLM.int8() (Dettmers et al., arXiv 2208.07339)
    bytes_per_kv: 2                # KV cache kept in 16 bits, as LLM.int8() does
    # mfu_scale 1: A100 SmoothQuant W8A8 GEMMs (TensorRT-LLM 1.0.0) reach 1.03 of bf16's share of peak (one ratio)
    # arXiv 2208.07339: no zero-shot degradation up to 175B for language models;
    # vision 8-bit PTQ loses ~0.3-0.5 top-1 points (PTQ4ViT, arXiv 2111.12293); estimate
    accuracy_penalty: {language: 0, vision: 0.5, multimodal: 0.5}
  - id: int4
    bytes_per_weight: 0.5          # GPTQ 4-bit (Frantar et al., arXiv 2210.17323)
    bytes_per_kv: 2
    # estimate: GPTQ 4-bit raises OPT-175B perplexity by ~0.3-0.4 and costs ~1 point on zero-shot tasks (arXiv 2210.17323, Tables 3-5);
    # 4-bit vision PTQ loses several points (arXiv 2111.12293)
    accuracy_penalty: {language: 1.0, vision: 3.0, multimodal: 3.0}
  # 2026 serving formats (issue #17). The accelerator's tflops entry for each is the rate its
  # kernels compute at: the 16-bit tensor rate for weight-only int4, the FP4 tensor rate for nvfp4.
  - id: w4a16
    # int4 weights with 16-bit activations (AWQ, Lin et al. arXiv 2306.00978; GPTQ, arXiv 2210.17323; vLLM's Marlin kernels):
    # 4-bit weights + one fp16 scale per 128-weight group = 0.5 + 2/128 bytes per weight
    bytes_per_weight: 0.516
    bytes_per_kv: 2                # KV cache stays 16-bit
    # mfu_scale 1: A100 int4 weight-only GEMMs (TensorRT-LLM 1.0.0) reach 0.97 of bf16's share of the same 16-bit peak at
    # 2048-8192 tokens; at 1-16 tokens they take 0.43 of bf16's time (memory bound, a quarter of the bytes plus the
    # dequantisation: the knee of pfmplan-model(7) TIME PER PASS)
    # Llama-3.1 8B/70B/405B: W4A16-INT "competitive with W8A8-INT", which loses 1-3% relative (Kurtic et al., "Give Me BF16
    #   or Give Me Death", arXiv 2411.02355 / ACL 2025, https://arxiv.org/abs/2411.02355) -> ~1.5 points on 60-80-point scores;
    # estimate: vision/multimodal/diffusion/speech lose more at 4 bits (PTQ4ViT, arXiv 2111.12293: several points), 3.0
    accuracy_penalty: {language: 1.5, vision: 3.0, multimodal: 3.0, diffusion: 3.0, speech: 2.0}
  - id: nvfp4
    # NVIDIA NVFP4: E2M1 4-bit values with one FP8 (E4M3) scale per 16 values = 0.5 + 1/16 bytes per weight
    # (NVIDIA Technical Blog "Introducing NVFP4 for Efficient and Accurate Low-Precision Inference", June 2025,
    #  https://developer.nvidia.com/blog/introducing-nvfp4-for-efficient-and-accurate-low-precision-inference/)
    bytes_per_weight: 0.5625
    bytes_per_kv: 1                # FP8 KV cache, as TensorRT-LLM/vLLM run NVFP4 checkpoints
    # nvfp4 over bf16 share of peak: median of 4 ratios (B200, RTX PRO 6000; vLLM and TensorRT-LLM), 0.57-0.78
    mfu_scale: 0.68
    # same blog: DeepSeek-R1-0528 NVFP4 within 1% of FP8 on its key benchmarks (AIME 2024 2% better) -> language 1.0;
    # estimate: other families as w4a16 less a third (finer 16-value blocks than int4's 128)
    accuracy_penalty: {language: 1.0, vision: 2.0, multimodal: 2.0, diffusion: 2.0, speech: 1.5}
"""##),
        ("runtimes.yaml", ##"""
# pfmplan runtime profiles (schema v1): the constants of a serving stack (MODEL.md section 1
# "Runtime", sections 4 and 6), used by the server (pfmplan-model(7), THE SERVER).
#
# Conventions:
# - mfu_max, mfu_half_tokens: compute efficiency C(n) = peak x mfu_max x n / (n + mfu_half_tokens),
#   n = tokens (language) or items (other families) in one pass (MODEL.md section 4).
# - start_s: seconds before the weights' copy begins, per loading source (MODEL.md section 6):
#   dram = weights kept in host memory with the engine warm (swap-in), nvme = engine warm,
#   weights read from local SSD, cold = a fresh engine process.
# - First estimates from published measurements, each named; the language family's mfu_max,
#   mfu_half_tokens, mbu and pass_overhead_ms are fitted per accelerator where reference data exist
#   (the runtime's accelerators: entries).

schema_version: 1

runtimes:
  - id: vllm
    name: vLLM V1 (language) with Triton/diffusers-style dynamic-batching executors for the other families
    # MODEL.md section 3.2's default, as vLLM V1 runs (iteration-level scheduling, paged KV); static is v1's batches
    llm_batching: continuous
    # The language scheduler (MODEL.md section 3.2), vLLM V1's defaults for an OpenAI-compatible server:
    # max_num_seqs 256 and max_num_batched_tokens 2048 on GPUs under 70 GiB and on A100
    # (EngineArgs.get_batch_defaults in vllm-project/vllm vllm/engine/arg_utils.py; H100-class GPUs get 1024 and
    # 8192 there); kv_block_tokens 16: CacheConfig.block_size has no static default and the CUDA and ROCm platforms
    # set 16 when unset (vllm/config/cache.py, vllm/platforms/*.py check_and_update_config); "V1 always uses
    # chunked prefills" and "V1 enables prefix caching by default" (EngineArgs._set_default_args_v1)
    max_num_seqs: 256
    max_num_batched_tokens: 2048
    kv_block_tokens: 16
    chunked_prefill: true
    prefix_caching: true
    # vLLM's profiler logs 1.79 GiB non-torch memory (CUDA context, cuBLAS/NCCL workspaces) for Llama-3-8B on
    # one 80 GB GPU (vllm-project/vllm PR #10511) plus a 0.32-0.48 GiB CUDA graph pool (PR #11005, issue #20264)
    fixed_overhead_gib: 2.0
    # Llama-3-8B: 1.26 GiB activation peak over 14.96 GiB of weights (vllm-project/vllm PR #10511) -> ~0.08;
    # estimate: 0.05 as one share for every family (larger models have a smaller share)
    activation_fraction: 0.05
    # vLLM's default loader reads safetensors files: 3.2 and 3.4 GB/s per GPU for Qwen3-32B and DeepSeek-R1-Distill-Qwen-32B
    # (65.6 GB, cold page cache) on an 8x H100 host whose NVMe RAID reads 29.4 GB/s, where ServerlessLLM's store loader
    # reaches 20 GB/s (ServerlessLLM/ServerlessLLM benchmarks/results/h100_2025/README.md @ 3e76baecfdb; the fit half of
    # Tests/validation/published.csv) -> 3.3, their geometric mean. Caps nvme and cold loads, not a swap-in from host memory.
    checkpoint_read_gbps: 3.3
    families:
      # mfu_max: TensorRT-LLM v0.9 batch-1 TTFT for LLaMA-7B at 2048 tokens reaches 0.70 of peak on A100 FP16 and
      #   0.47-0.49 on H100/H200/L40S FP8 (NVIDIA/TensorRT-LLM docs/source/performance.md) -> 0.6;
      # mfu_half_tokens: 0.34 of peak at a 128-token prefill vs 0.70 at 2048 (same table) -> ~128;
      # mbu: batch-1 decode at 0.69 of A100 bandwidth in bf16 (pytorch-labs/gpt-fast README), 0.66 on RTX 3090 -> 0.7;
      # pass_overhead_ms: 4-13 ms GPU bubble per step in vLLM V0 (vllm-project/vllm issue #6854), mostly removed by V1's
      #   async scheduling and CUDA graphs: estimate 2 ms;
      # start_s: vLLM sleep-mode wake (weights from host DRAM) leaves 0.2-0.5 s beyond bytes / 25 GB/s on A100; a level-2
      #   wake from SSD ~0.5 s beyond the read; a fresh process 35-60 s for small models (vLLM blog "Zero-Reload Model
      #   Switching with vLLM Sleep Mode", 2025-10-26) -> 0.4 / 0.5 / 35 s
      # mfu_half_width: a weight matrix split t ways runs its products at w / (w + 256) of C(n), w = hidden / t (an
      #   expert's intermediate / t): chosen on the fit half of Tests/validation/aiconfigurator.csv, where 128, 192,
      #   256, 320 and 384 gave TTFT / TPOT / latency 90th-percentile |error| sums of 0.52, 0.51, 0.48, 0.48, 0.49
      #   (AIConfigurator's per-GPU GEMM efficiency falls from ~0.79 of peak at TP 1 to ~0.58 at TP 8 for Llama-3.1-8B)
      language:   {mfu_max: 0.6, mfu_half_tokens: 128, mbu: 0.7, pass_overhead_ms: 2, mfu_half_width: 256,
                   start_s: {dram: 0.4, nvme: 0.5, cold: 35}}
      # MLPerf Inference v4.1 H200 ResNet-50 Offline, 94,620 images/s per GPU = 0.39 of INT8 dense peak
      # (mlcommons/inference_results_v4.1, closed/NVIDIA/results/H200-SXM-141GBx8_TRT/resnet50) -> 0.4; estimate:
      # half of it at ~8 images; 0.5 ms of Triton batcher overhead per pass; a TensorRT engine deserialises in
      # 0.2-0.3 s from disk (wang-xinyu/tensorrtx issue #360), estimate 0.05 s from host memory, a fresh server ~15 s
      vision:     {mfu_max: 0.4, mfu_half_tokens: 8, mbu: 0.7, pass_overhead_ms: 0.5,
                   start_s: {dram: 0.05, nvme: 0.3, cold: 15}}
      # estimate: CLIP-style encoders are ViTs, served as vision
      multimodal: {mfu_max: 0.4, mfu_half_tokens: 8, mbu: 0.7, pass_overhead_ms: 0.5,
                   start_s: {dram: 0.05, nvme: 0.3, cold: 15}}
      # Fitted by least squares on the log error to the fit half of the diffusion rows of Tests/validation/published.csv
      # (SD 1.5 and SDXL, 50 steps, batch 1 on A100: diffusers compiled, channels-last, OneFlow, SDPA, xformers, TensorRT;
      # MLPerf v4.1 SDXL Offline on 8x H200; fal-ai/stable-diffusion-benchmarks, mlcommons/inference_results_v4.1): a
      # step's time is ~10 ms of launch overhead plus its FLOPs at 0.41 of peak (SD 1.5's 32 ms diffusers step is a third
      # overhead, SDXL's 119 ms mostly compute), flat in images per pass; fit half 11%, held-out 17% median |error|
      # (the stacks measured on one GPU span 2.1x, and one profile sits in their middle); diffusers from_pretrained from a
      # local cache ~3 s (huggingface/diffusers issue #2852) -> nvme 2.5 s
      diffusion:  {mfu_max: 0.41, mfu_half_tokens: 0.02, mbu: 0.7, pass_overhead_ms: 10,
                   start_s: {dram: 0.1, nvme: 2.5, cold: 20}}
      # estimate: Whisper large-v3 on TensorRT-LLM reaches ~0.25 of A100 FP16 peak, derived from its RTFx
      # (huggingface/open_asr_leaderboard PR #42) -> plateau 0.3
      speech:     {mfu_max: 0.3, mfu_half_tokens: 64, mbu: 0.6, pass_overhead_ms: 1,
                   start_s: {dram: 0.1, nvme: 0.5, cold: 20}}
    # The language constants per accelerator, fitted from the family defaults above (a copy of Catalogs/ without
    # these entries) by `pfmplan calibrate --catalog COPY --measurements Tests/validation/aiconfigurator.csv
    # --half fit` (NVIDIA AIConfigurator 0.12.0 static-mode estimates, vLLM
    # backend, bf16, its measured per-operation database; least squares on the log error of TTFT and TPOT over the
    # fit half; Tests/validation/README.md), with the accelerators' measured all-reduce (accelerators.yaml) and
    # mfu_half_width above. After each: fit-half configurations, median |error| of TTFT and TPOT together.
    # Accelerators the database does not cover keep the defaults, except where the nearest architecture was fitted.
    accelerators:
      a100-80gb: {language: {mfu_max: 0.8954, mfu_half_tokens: 123.6, mbu: 0.7055, pass_overhead_ms: 1.462}}   # 338 configurations, 7.9%
      a100-40gb: {language: {mfu_max: 0.8954, mfu_half_tokens: 123.6, mbu: 0.7055, pass_overhead_ms: 1.462}}   # inherited from a100-80gb (the same GA100)
      h100-sxm: {language: {mfu_max: 0.8216, mfu_half_tokens: 226.5, mbu: 0.8131, pass_overhead_ms: 1.093}}   # 354 configurations, 6.3%
      h100-pcie: {language: {mfu_max: 0.8216, mfu_half_tokens: 226.5, mbu: 0.8131, pass_overhead_ms: 1.093}}  # inherited from h100-sxm (the same GH100)
      h200: {language: {mfu_max: 0.8193, mfu_half_tokens: 172.2, mbu: 0.7932, pass_overhead_ms: 1.233}}       # 438 configurations, 6.7%
      b200: {language: {mfu_max: 0.6482, mfu_half_tokens: 229.5, mbu: 0.7394, pass_overhead_ms: 0.8679}}      # 468 configurations, 9.9%
      l40s: {language: {mfu_max: 0.6238, mfu_half_tokens: 2.654e-07, mbu: 0.8495, pass_overhead_ms: 1.27}}         # 296 configurations, 4.9% (mfu_half_tokens fits to ~0: flat)
      rtx-pro-6000-blackwell: {language: {mfu_max: 0.7472, mfu_half_tokens: 139.8, mbu: 0.7771, pass_overhead_ms: 0.316}}  # 393 configurations, 8.6%
      rtx-5090: {language: {mfu_max: 0.7472, mfu_half_tokens: 139.8, mbu: 0.7771, pass_overhead_ms: 0.316}}   # inherited from rtx-pro-6000-blackwell (the same GB202)

  - id: trtllm
    name: TensorRT-LLM (PyTorch backend, in-flight batching) with TensorRT engines for the other families
    llm_batching: continuous
    # TensorRT-LLM's LLM API / trtllm-serve defaults, as recalled from NVIDIA/TensorRT-LLM (tensorrt_llm/builder.py
    # BuildConfig: max_batch_size 2048, max_num_tokens 8192; tensorrt_llm/llmapi/llm_args.py: KvCacheConfig
    # tokens_per_block 32 and enable_block_reuse true, enable_chunked_prefill false); not re-checked
    max_num_seqs: 2048
    max_num_batched_tokens: 8192
    kv_block_tokens: 32
    chunked_prefill: false
    prefix_caching: true
    # estimate: as vllm's (CUDA context, workspaces and CUDA graphs; no TensorRT-LLM measurement read)
    fixed_overhead_gib: 2.0
    activation_fraction: 0.05
    # No checkpoint_read_gbps: no measured TensorRT-LLM load was read, so loads copy at the hardware's rates.
    families:
      # The language constants are fitted per accelerator (below); these defaults are vllm's family defaults,
      # mfu_half_width included (chosen on vllm's fit half).
      language:   {mfu_max: 0.6, mfu_half_tokens: 128, mbu: 0.7, pass_overhead_ms: 2, mfu_half_width: 256,
                   start_s: {dram: 0.4, nvme: 0.5, cold: 35}}
      # estimate: the other families as vllm's profiles (its vision, multimodal and speech constants are TensorRT
      # figures already; its diffusion fit spans diffusers to TensorRT)
      vision:     {mfu_max: 0.4, mfu_half_tokens: 8, mbu: 0.7, pass_overhead_ms: 0.5,
                   start_s: {dram: 0.05, nvme: 0.3, cold: 15}}
      multimodal: {mfu_max: 0.4, mfu_half_tokens: 8, mbu: 0.7, pass_overhead_ms: 0.5,
                   start_s: {dram: 0.05, nvme: 0.3, cold: 15}}
      diffusion:  {mfu_max: 0.41, mfu_half_tokens: 0.02, mbu: 0.7, pass_overhead_ms: 10,
                   start_s: {dram: 0.1, nvme: 2.5, cold: 20}}
      speech:     {mfu_max: 0.3, mfu_half_tokens: 64, mbu: 0.6, pass_overhead_ms: 1,
                   start_s: {dram: 0.1, nvme: 0.5, cold: 20}}
    # The language constants per accelerator, fitted from the family defaults above (a copy of Catalogs/ without
    # these entries) by `pfmplan calibrate --catalog COPY --runtime trtllm --measurements
    # Tests/validation/aiconfigurator_trtllm.csv --half fit` (NVIDIA AIConfigurator 0.12.0 static-mode estimates,
    # TensorRT-LLM backend: 1.0.0 on A100 SXM, 1.3.0rc20 on the others; bf16; Tests/validation/README.md). After each:
    # fit-half configurations, median |error| of TTFT and TPOT together.
    accelerators:
      a100-80gb: {language: {mfu_max: 0.8881, mfu_half_tokens: 152.6, mbu: 0.7527, pass_overhead_ms: 1.244}}   # 294 configurations, 8.0%
      a100-40gb: {language: {mfu_max: 0.8881, mfu_half_tokens: 152.6, mbu: 0.7527, pass_overhead_ms: 1.244}}   # inherited from a100-80gb (the same GA100)
      h100-sxm: {language: {mfu_max: 0.802, mfu_half_tokens: 233.6, mbu: 0.7851, pass_overhead_ms: 1.046}}     # 354 configurations, 7.4%
      h100-pcie: {language: {mfu_max: 0.802, mfu_half_tokens: 233.6, mbu: 0.7851, pass_overhead_ms: 1.046}}    # inherited from h100-sxm (the same GH100)
      h200: {language: {mfu_max: 0.8311, mfu_half_tokens: 185.8, mbu: 0.7749, pass_overhead_ms: 1.235}}         # 438 configurations, 7.1%
      b200: {language: {mfu_max: 0.6905, mfu_half_tokens: 246.6, mbu: 0.7795, pass_overhead_ms: 0.8881}}       # 468 configurations, 7.6%
      l40s: {language: {mfu_max: 0.7008, mfu_half_tokens: 167.5, mbu: 0.8929, pass_overhead_ms: 1.679}}         # 296 configurations, 10.7%
      rtx-pro-6000-blackwell: {language: {mfu_max: 0.7528, mfu_half_tokens: 138, mbu: 0.7912, pass_overhead_ms: 0.0574}}  # 393 configurations, 7.1%
      rtx-5090: {language: {mfu_max: 0.7528, mfu_half_tokens: 138, mbu: 0.7912, pass_overhead_ms: 0.0574}}     # inherited from rtx-pro-6000-blackwell (the same GB202)
"""##),
        ("services-2026.yaml", ##"""
# pfmplan services and workloads of 2026 (schema v1, issue #17): an edge assistant (chat with a
# premium tier, retrieval QA, captioning, image generation, speech-to-text, detection) and an
# edge vision box (detector, segmenter and a VLM at camera rates), on the models of
# models-2026.yaml.
#
# Cloud prices: each with the month it was read (cloud_price_date) and its page. The cloud model
# for a language service is today's API of the same class (a small model for 8B-class chat, a
# mid-size one for the 70B tier), per million input and output tokens.
# The cloud's TTFT and TPOT of a language service (cloud_ttft_ms, cloud_tpot_ms; serving time =
# TTFT + tokens_out x TPOT) come from Artificial Analysis' API benchmarks, as given per service.
# SLOs, token counts, payloads and rates are planning assumptions (change them to yours).
# TTFT/TPOT SLOs (ttft_p95_ms, tpot_p95_ms) are enforced by the planner and by SLO-aware admission
# beside p95_ms, which here is ttft + (tokens_out - 1) x tpot.

schema_version: 1

services:
  - id: chat
    name: Chat assistant (8B class)
    task: mmlu                          # MMLU as the quality proxy of a general assistant
    stages:
      - models: [llama-3.1-8b, qwen3-8b]
    tokens_in: 1024                     # assumption: system prompt + a few turns of history
    tokens_out: 256                     # assumption: a paragraph-length answer
    request_kb: 4
    response_kb: 2
    # assumption: first token within 1 s, 20 tokens/s (50 ms/token) to stay ahead of reading; p95 = 1000 + 255 x 50
    slo: {p95_ms: 13750, ttft_p95_ms: 1000, tpot_p95_ms: 50, min_accuracy: 65}
    # GPT-4.1 nano, $0.10 in / $0.40 out per 1M tokens (OpenAI pricing as checked 2026-06-21, tokenmath.io,
    # https://tokenmath.io/openai-api-pricing-explained ; same in https://aumiqx.com/ai-tools/openai-api-pricing-gpt4-costs-guide-2026 , April 2026)
    cloud_usd_per_mtok_in: 0.10
    cloud_usd_per_mtok_out: 0.40
    cloud_price_date: 2026-06
    # GPT-4.1 nano: TTFT 0.63 s, 181 tokens/s = 5.52 ms per token (Artificial Analysis via https://benchlm.ai/llm-speed , 2026-04-07)
    cloud_ttft_ms: 630
    cloud_tpot_ms: 5.52

  - id: chat-premium
    name: Chat assistant, premium tier (70B class)
    task: mmlu
    stages:
      - models: [llama-3.1-70b]
    tokens_in: 1024
    tokens_out: 256
    request_kb: 4
    response_kb: 2
    slo: {p95_ms: 13750, ttft_p95_ms: 1000, tpot_p95_ms: 50, min_accuracy: 80}
    # GPT-4.1 mini, $0.40 in / $1.60 out per 1M tokens (OpenAI pricing as checked 2026-06-21, tokenmath.io, above)
    cloud_usd_per_mtok_in: 0.40
    cloud_usd_per_mtok_out: 1.60
    cloud_price_date: 2026-06
    # GPT-4.1 mini on OpenAI: TTFT 0.93 s, 77.2 tokens/s = 12.95 ms per token (https://artificialanalysis.ai/models/gpt-4-1-mini/providers)
    cloud_ttft_ms: 930
    cloud_tpot_ms: 12.95

  - id: rag-qa
    name: Retrieval-augmented question answering (8B class)
    task: mmlu
    stages:
      - models: [llama-3.1-8b, qwen3-8b, mistral-7b]
    tokens_in: 3072                     # assumption: 4 retrieved passages of ~700 tokens + the question
    tokens_out: 128
    request_kb: 2
    response_kb: 1
    slo: {p95_ms: 8350, ttft_p95_ms: 2000, tpot_p95_ms: 50, min_accuracy: 60}   # assumption: 2000 + 127 x 50
    cloud_usd_per_mtok_in: 0.10         # GPT-4.1 nano, as chat
    cloud_usd_per_mtok_out: 0.40
    cloud_price_date: 2026-06
    cloud_ttft_ms: 630                  # GPT-4.1 nano, as chat
    cloud_tpot_ms: 5.52

  - id: captioning
    name: Image captioning (Qwen3-VL-8B)
    task: captioning                    # not scored (no published captioning score in the catalog)
    stages:
      - model: qwen3-vl-8b-vision       # 448 x 448 image -> 196 visual tokens
      - model: qwen3-vl-8b
    tokens_in: 228                      # 196 visual tokens + a 32-token instruction
    tokens_out: 48                      # assumption: a one-sentence caption
    request_kb: 150                     # assumption: one JPEG
    response_kb: 1
    slo: {p95_ms: 3000, ttft_p95_ms: 800}
    # GPT-4.1 nano with image input, as chat; assumption: the image costs about as many tokens as here
    cloud_usd_per_mtok_in: 0.10
    cloud_usd_per_mtok_out: 0.40
    cloud_price_date: 2026-06
    cloud_ttft_ms: 630                  # GPT-4.1 nano, as chat
    cloud_tpot_ms: 5.52

  - id: image-gen
    name: Image generation (SDXL, 1024 x 1024)
    task: text-to-image
    stages:
      - model: sdxl-text-encoders
      - model: sdxl-unet
        repeat: 30                      # assumption: 30 sampling steps (diffusers' SDXL default is 50; 25-40 are usual)
      - model: sdxl-vae-decoder
    tokens_in: 77
    request_kb: 1
    response_kb: 1500                   # one 1024 x 1024 PNG
    slo: {p95_ms: 15000}
    # DALL-E 3 standard 1024 x 1024, $0.040 per image (OpenAI pricing, https://goitreels-com.pages.dev/blog/openai-api-pricing-guide , 2026-04-06)
    cloud_usd_per_request: 0.040
    cloud_price_date: 2026-04
    cloud_serving_ms: 8000              # assumption: hosted 1024 x 1024 generation

  - id: speech-to-text
    name: Speech-to-text (Whisper large-v3-turbo, 30-s clips)
    task: asr                           # not scored
    stages:
      - model: whisper-large-v3-turbo
    request_kb: 120                     # assumption: 30 s of Opus-compressed speech
    response_kb: 1
    slo: {p95_ms: 2000}
    # Whisper API $0.006 per minute (same guide, 2026-04-06) x 0.5 min
    cloud_usd_per_request: 0.003
    cloud_price_date: 2026-04
    cloud_serving_ms: 1500              # assumption

  - id: detection
    name: Object detection (YOLO11)
    task: detection
    stages:
      - models: [yolo11s, yolo11m]
    request_kb: 150                     # assumption: one 640 x 640 JPEG
    response_kb: 2
    slo: {p95_ms: 200, min_accuracy: 47}
    # Google Cloud Vision object localization, $2.25 per 1,000 units (1,001-5,000,000 units/month;
    # https://cloud.google.com/vision/pricing ; as recalled, undated, not re-checked in 2026)
    cloud_usd_per_request: 0.00225
    cloud_serving_ms: 150               # assumption

  # --- edge vision: camera-rate services -----------------------------------------------------
  - id: camera-detection
    name: Camera object detection (YOLO11, per frame)
    task: detection
    stages:
      - models: [yolo11s, yolo11m]
    request_kb: 100                     # assumption: one compressed 720p frame
    response_kb: 2
    slo: {p95_ms: 100, min_accuracy: 47}   # assumption: a frame's result before the next-but-one frame at 15 fps
    cloud_usd_per_request: 0.00225      # Cloud Vision object localization, as detection
    cloud_serving_ms: 150

  - id: camera-segmentation
    name: Camera segmentation (SAM 2.1, prompted by detections)
    task: segmentation
    stages:
      - models: [sam2.1-base-plus, sam2.1-large]
    request_kb: 100
    response_kb: 20
    slo: {p95_ms: 300, min_accuracy: 78}
    # estimate: no per-request segmentation API is priced publicly; Cloud Vision object localization as a stand-in
    cloud_usd_per_request: 0.00225
    cloud_serving_ms: 200

  - id: scene-captioning
    name: Scene description (Qwen3-VL-8B, a few frames per second across cameras)
    task: captioning
    stages:
      - model: qwen3-vl-8b-vision
      - model: qwen3-vl-8b
    tokens_in: 228
    tokens_out: 48
    request_kb: 150
    response_kb: 1
    slo: {p95_ms: 3000, ttft_p95_ms: 800}
    cloud_usd_per_mtok_in: 0.10         # GPT-4.1 nano, as captioning
    cloud_usd_per_mtok_out: 0.40
    cloud_price_date: 2026-06
    cloud_ttft_ms: 630                  # GPT-4.1 nano, as chat
    cloud_tpot_ms: 5.52

workloads:
  - id: edge-assistant
    description: A 2026 edge assistant - 8B chat with a 70B premium tier, retrieval QA, captioning, SDXL, speech-to-text and detection
    total_rate_per_s: 2                 # assumption
    mix:
      - {service: chat, share: 0.35}
      - {service: chat-premium, share: 0.05}
      - {service: rag-qa, share: 0.20}
      - {service: captioning, share: 0.10}
      - {service: image-gen, share: 0.05}
      - {service: speech-to-text, share: 0.10}
      - {service: detection, share: 0.15}
    duration_s: 3600
    warmup_s: 300
    seed: 1

  - id: edge-vision
    description: An edge vision box - 4 cameras at 15 fps for detection, SAM 2 on 1 frame/s per camera, a VLM description every 2 s
    mix:
      - {service: camera-detection, rate_per_s: 60}      # 4 cameras x 15 fps
      - {service: camera-segmentation, rate_per_s: 4}    # 4 cameras x 1 frame/s
      - {service: scene-captioning, rate_per_s: 0.5}
    duration_s: 900
    warmup_s: 60
    seed: 1
"""##),
        ("services.yaml", ##"""
# pfmplan services and workloads (schema v1): the paper's Metaverse applications (Section IV-A and
# V-A: AIGC for XR, autonomous driving, digital twins, and chat/translation on GPT-3), each a
# pipeline of models with an SLO, and the request mixes that drive the simulator.
#
# SLOs and payload sizes are planning assumptions (the paper gives none); change them to yours.
schema_version: 1

services:
  - id: translation
    name: Translation chat (GPT-3)
    task: translation
    stages:
      - models: [gpt3-13b, gpt3-175b]   # equivalent models: either one serves the request
    tokens_in: 64                       # assumption: a short sentence pair prompt
    tokens_out: 64
    request_kb: 1
    response_kb: 1
    on_device: true                     # assumption: the app may run it locally (mobile tier) when the device can hold the model
    slo: {p95_ms: 8000, min_accuracy: 20}
    cloud_serving_ms: 2500              # assumption: hosted GPT-3-class latency for 64 output tokens
    # Today's price of a GPT-3-175B-class API (issue #17; was davinci's $0.02 per 1k tokens of Sept 2022): GPT-4o mini,
    # $0.15 in / $0.60 out per 1M tokens (OpenAI pricing as listed April 2026, https://aumiqx.com/ai-tools/openai-api-pricing-gpt4-costs-guide-2026 ;
    # same in https://goitreels-com.pages.dev/blog/openai-api-pricing-guide , 2026-04-06)
    cloud_usd_per_mtok_in: 0.15
    cloud_usd_per_mtok_out: 0.60
    cloud_price_date: 2026-04

  - id: qa
    name: Question answering (SuperGLUE-style, GPT-3)
    task: superglue
    stages:
      - models: [gpt3-13b, gpt3-175b]
    tokens_in: 128
    tokens_out: 8
    request_kb: 1
    response_kb: 0.5
    on_device: true                     # as above
    slo: {p95_ms: 4000, min_accuracy: 55}
    cloud_serving_ms: 800
    cloud_usd_per_mtok_in: 0.15         # GPT-4o mini, as above
    cloud_usd_per_mtok_out: 0.60
    cloud_price_date: 2026-04

  - id: arithmetic
    name: Arithmetic assistant (GPT-3)
    task: arithmetic
    stages:
      - models: [gpt3-13b, gpt3-175b]
    tokens_in: 32
    tokens_out: 8
    request_kb: 0.5
    response_kb: 0.5
    on_device: true                     # as above
    slo: {p95_ms: 4000, min_accuracy: 0}
    cloud_serving_ms: 600
    cloud_usd_per_mtok_in: 0.15         # GPT-4o mini, as above
    cloud_usd_per_mtok_out: 0.60
    cloud_price_date: 2026-04

  - id: driving-perception
    name: Autonomous driving perception (UniFormer detection)
    task: detection-segmentation
    stages:
      - models: [uniformer-s, uniformer-b]
    request_kb: 250                     # assumption: one compressed 1080p camera frame
    response_kb: 4
    on_device: true                     # as above
    slo: {p95_ms: 400, min_accuracy: 45}
    cloud_serving_ms: 60
    cloud_usd_per_request: 0.0015       # Google Cloud Vision, $1.50 per 1,000 units (https://cloud.google.com/vision/pricing ; undated, not re-checked in 2026)

  - id: digital-twin
    name: Digital twin scene segmentation (UniFormer)
    task: semantic-segmentation
    stages:
      - models: [uniformer-s, uniformer-b]
    request_kb: 250
    response_kb: 50
    on_device: true                     # as above
    slo: {p95_ms: 1000, min_accuracy: 46}
    cloud_serving_ms: 80
    cloud_usd_per_request: 0.0015       # as above

  - id: xr-understanding
    name: XR scene understanding (CLIP zero-shot classification)
    task: classification
    stages:
      - models: [clip-vit-l-14, clip-vit-h-14]
    request_kb: 120
    response_kb: 1
    on_device: true                     # as above
    slo: {p95_ms: 600, min_accuracy: 75}
    cloud_serving_ms: 80
    cloud_usd_per_request: 0.0015       # as above

  - id: aigc-xr
    name: AIGC for XR (Stable Diffusion text-to-image)
    task: text-to-image
    stages:
      - model: sd-text-encoder
      - model: sd-unet
        repeat: 25                      # assumption: 25 sampling steps (BK-SDM evaluation, arXiv 2305.15798; the SD repo default is 50 PLMS)
      - model: sd-vae-decoder
    tokens_in: 77                       # CLIP text context
    request_kb: 1
    response_kb: 400                    # one 512x512 PNG
    slo: {p95_ms: 6000}
    cloud_serving_ms: 3000              # assumption
    # Stability AI legacy SD 1.6 API, about $0.002/image at 30 steps (secondary: apidog.com/blog/stable-diffusion-api); estimate 0.003
    # (not updated for issue #17: no current per-image price of a 512 x 512 SD-1-class API was sourced; undated)
    cloud_usd_per_request: 0.003

workloads:
  - id: metaverse
    description: The paper's Metaverse mix on one edge server (Section V-A), steady Poisson arrivals
    total_rate_per_s: 3
    mix:
      - {service: translation, share: 0.20}
      - {service: qa, share: 0.10}
      - {service: arithmetic, share: 0.05}
      - {service: driving-perception, share: 0.30}
      - {service: digital-twin, share: 0.10}
      - {service: xr-understanding, share: 0.15}
      - {service: aigc-xr, share: 0.10}
    duration_s: 3600
    warmup_s: 300
    seed: 1

  - id: metaverse-diurnal
    description: The Metaverse mix with a daily cycle (peak at 20:00, ±60%)
    total_rate_per_s: 3
    mix:
      - {service: translation, share: 0.20}
      - {service: qa, share: 0.10}
      - {service: arithmetic, share: 0.05}
      - {service: driving-perception, share: 0.30}
      - {service: digital-twin, share: 0.10}
      - {service: xr-understanding, share: 0.15}
      - {service: aigc-xr, share: 0.10}
    arrival: diurnal
    period_s: 86400
    amplitude: 0.6
    peak_s: 72000
    duration_s: 86400
    warmup_s: 600
    seed: 1

  - id: metaverse-shift
    description: The Metaverse mix whose popularity shifts from language to vision after 30 minutes
    total_rate_per_s: 3
    mix:
      - {service: translation, share: 0.35}
      - {service: qa, share: 0.20}
      - {service: arithmetic, share: 0.05}
      - {service: driving-perception, share: 0.15}
      - {service: digital-twin, share: 0.05}
      - {service: xr-understanding, share: 0.10}
      - {service: aigc-xr, share: 0.10}
    popularity_shifts:
      - at_s: 1800
        mix:
          - {service: translation, share: 0.05}
          - {service: qa, share: 0.05}
          - {service: driving-perception, share: 0.40}
          - {service: digital-twin, share: 0.20}
          - {service: xr-understanding, share: 0.20}
          - {service: aigc-xr, share: 0.10}
    duration_s: 3600
    warmup_s: 300
    seed: 1
"""##),
    ]
}
