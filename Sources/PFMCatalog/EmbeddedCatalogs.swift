// Generated from Catalogs/*.yaml by `PFMPLAN_RECORD=1 swift test --filter EmbeddedCatalog`. Do not edit.
enum EmbeddedCatalogs {
    static let files: [(name: String, text: String)] = [
        ("accelerators.yaml", ##"""
# pfmplan accelerator catalog (schema v1).
#
# Conventions used throughout this file:
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
    memory_gib: 16              # 16 GB GDDR6 (T4 datasheet, above)
    # 320 GB/s: 256-bit GDDR6 @ 10 Gbps (TechPowerUp-derived table, https://sysrqmts.com/it/gpus/compare/nvidia-tesla-t10-processor-vs-nvidia-tesla-t4 ; T4 datasheet "320+ GB/s")
    bandwidth_gbps: 320
    load_bandwidth_gbps: 12     # PCIe Gen3 x16 (T4 datasheet; https://govindhtech.com/nvidia-t4-gpu-price-memory-and-gaming-performance/), effective ~12 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 10, latency_us: 20}   # estimate: Gen3 x16 P2P ~80% of measured H2D 12.2 GB/s (gearshifft PR #82); ~20 us per small all-reduce on P2P PCIe GPUs in a CUDA graph (haohervchb/sglang-V100 PR #2)
    tflops:
      fp32: 8.1                 # T4 datasheet "Single-Precision 8.1 TFLOPS"
      fp16: 65                  # T4 datasheet "Mixed-Precision (FP16/FP32) 65 TFLOPS" (dense; Turing has no sparsity); no BF16 support on Turing
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
    memory_gib: 24              # 24 GB GDDR6 (L4 datasheet, above)
    bandwidth_gbps: 300         # 300 GB/s (L4 datasheet; TechPowerUp-derived 300.1 GB/s at https://fpsbench.com/compare/gpu/nvidia-l4-vs-nvidia-tesla-m40)
    load_bandwidth_gbps: 25     # PCIe Gen4 x16 (L4 datasheet; fpsbench table above), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: Gen4 P2P measured 21.8-26.3 GB/s on RTX A6000 (NVIDIA/nvbandwidth issue #50); ~20 us per small all-reduce (haohervchb/sglang-V100 PR #2)
    tflops:
      fp32: 30.3                # L4 datasheet FP32 30.3 TFLOPS (fpsbench: 30.29)
      bf16: 121                 # datasheet 242* (with sparsity) halved -> 121 dense
      fp16: 121                 # datasheet 242* (with sparsity) halved -> 121 dense
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
    memory_gib: 24              # 24 GB GDDR6 (A10 datasheet; Baseten article above)
    bandwidth_gbps: 600         # 600 GB/s (A10 datasheet; Baseten article above)
    load_bandwidth_gbps: 25     # PCIe Gen4 x16 (sysrqmts/TechPowerUp table above), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: as l4 (Gen4 P2P, NVIDIA/nvbandwidth issue #50)
    tflops:
      fp32: 31.2                # A10 datasheet 31.2 TFLOPS (TechPowerUp-derived 31.24)
      bf16: 125                 # datasheet 125 dense (250* with sparsity) (from vendor datasheet; not re-checked)
      fp16: 125                 # datasheet 125 dense (250* with sparsity) (from vendor datasheet; not re-checked)
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
    memory_gib: 24              # 24 GB GDDR6X (PC Perspective spec table, above)
    bandwidth_gbps: 1008        # 384-bit @ 21 Gbps = 1008 GB/s (mobylak whitepaper summary, above)
    load_bandwidth_gbps: 25     # PCIe 4.0 x16 bus (TechPowerUp GPU database "NVIDIA GeForce RTX 4090", https://www.techpowerup.com/gpu-specs/geforce-rtx-4090.c3889 ; not re-checked), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 12, latency_us: 40}   # GeForce: no P2P, NCCL goes through host memory; estimate 12 GB/s busBw; 8x RTX 4090 all_reduce 8 B measured 40-42 us (NVIDIA/nccl issue #1530)
    tflops:
      fp32: 82.6                # 82.6 TFLOPS boost (mobylak/whitepaper, above)
      bf16: 165.2               # whitepaper 165.2 dense (330.4* sparse), FP32 accumulate
      # whitepaper 165.2 dense with FP32 accumulate (330.4* sparse); 330.3 dense with FP16 accumulate. FP32-accumulate rate used (framework default)
      fp16: 165.2
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
    memory_gib: 48              # 48 GB GDDR6 with ECC (NVIDIA product page; cputronic, above)
    bandwidth_gbps: 960         # 384-bit @ 20 Gbps = 960 GB/s (heise.de, above)
    load_bandwidth_gbps: 25     # PCIe 4.0 x16 (cputronic, above), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: as l4 (Gen4 P2P, NVIDIA/nvbandwidth issue #50)
    tflops:
      fp32: 91.1                # 91.1 TFLOPS (heise.de, above)
      bf16: 364.2               # 1,457* FP8 sparse / 2 (sparsity) / 2 (FP8->BF16) = 364.2 dense; whitepaper 364.2|728.5*
      fp16: 364.2               # same derivation as bf16; whitepaper 364.2 dense with FP32 accumulate
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
    memory_gib: 48              # 48 GB GDDR6 with ECC (L40S datasheet table, above)
    bandwidth_gbps: 864         # 864 GB/s (L40S datasheet table, above)
    load_bandwidth_gbps: 25     # PCIe Gen4 x16 (L40S datasheet "PCIe Gen4 x16: 64GB/s bidirectional"), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: as l4 (Gen4 P2P, NVIDIA/nvbandwidth issue #50)
    tflops:
      fp32: 91.6                # L40S datasheet FP32 91.6 TFLOPS
      bf16: 362                 # datasheet 362.05 dense (733* with sparsity)
      fp16: 362                 # datasheet 362.05 dense (733* with sparsity)
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
    memory_gib: 40              # 40 GB HBM2 (A100 datasheet; Thunder Compute table, above)
    bandwidth_gbps: 1555        # 1,555 GB/s (A100 datasheet; Thunder Compute table, above)
    load_bandwidth_gbps: 25     # PCIe 4.0 x16 (Thunder Compute, above), effective ~25 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 22, latency_us: 20}   # estimate: as l4 (Gen4 P2P); the optional NVLink bridge is not assumed
    tflops:
      fp32: 19.5                # A100 datasheet FP32 19.5 TFLOPS
      bf16: 312                 # A100 datasheet 312 dense (624* with sparsity)
      fp16: 312                 # A100 datasheet 312 dense (624* with sparsity)
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
    memory_gib: 80              # 80 GB HBM2e (A100 datasheet; Klockwood, above)
    bandwidth_gbps: 2039        # 2,039 GB/s (A100 datasheet; Thunder Compute table, above)
    load_bandwidth_gbps: 25     # SXM4 host link is PCIe Gen4 x16 ("32+32 GB/s PCIe Gen4 (H2D)", Klockwood, above), effective ~25 GB/s
    form_factor: sxm           # SXM module on an HGX baseboard (datasheet form factor)
    interconnect: {kind: nvlink, link_gbps: 210, latency_us: 10}  # NVLink 3 line rate 300 GB/s per direction; measured ring all-reduce busBw ~200-208 GB/s on 8x A100 SXM (NVIDIA/nccl-tests issues #149, #178); latency estimate from H100's 8.5-11.8 us
    tflops:
      fp32: 19.5                # A100 datasheet FP32 19.5 TFLOPS
      bf16: 312                 # A100 datasheet 312 dense (624* with sparsity)
      fp16: 312                 # A100 datasheet 312 dense (624* with sparsity)
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
    memory_gib: 80              # 80 GB HBM2e (H100 datasheet table, above)
    bandwidth_gbps: 2000        # 2,000 GB/s (H100 datasheet table; product brief ">2,000 GBps")
    load_bandwidth_gbps: 50     # PCIe Gen5 x16 (product brief, above), effective ~50 GB/s per file header
    form_factor: pcie           # PCIe card (datasheet form factor)
    interconnect: {kind: pcie, link_gbps: 45, latency_us: 20}   # estimate: Gen5 P2P ~80% of measured 55 GB/s H2D; the optional NVLink bridge (115 GB/s busBw, NVIDIA/nccl issue #1161) is not assumed
    tflops:
      fp32: 51                  # H100 PCIe datasheet FP32 51 TFLOPS
      bf16: 756.5               # datasheet 1,513* (with sparsity) halved -> 756.5 dense
      fp16: 756.5               # datasheet 1,513* (with sparsity) halved -> 756.5 dense
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
    memory_gib: 80              # 80 GB HBM3 (H100 datasheet table, above)
    bandwidth_gbps: 3350        # 3,350 GB/s (H100 datasheet table, above)
    load_bandwidth_gbps: 50     # SXM5 host link PCIe Gen5 x16 ("128 GB/s PCIe Gen5 (H2D)" bidirectional, Klockwood), effective ~50 GB/s
    form_factor: sxm           # SXM module on an HGX baseboard (datasheet form factor)
    interconnect: {kind: nvlink, link_gbps: 370, latency_us: 9}   # NVLink 4 line rate 450 GB/s per direction; NCCL ring busBw 365-370 GB/s (NVIDIA/nccl-tests issue #212, NVIDIA/nccl issue #1455); vLLM custom all-reduce 8.5-11.8 us for 0.5-32 KB at TP 2-8 (sgl-project/sglang PR #2904)
    tflops:
      fp32: 67                  # H100 SXM datasheet FP32 67 TFLOPS
      bf16: 989.5               # datasheet 1,979* (with sparsity) halved -> 989.5 dense (Klockwood: 989.4)
      fp16: 989.5               # datasheet 1,979* (with sparsity) halved -> 989.5 dense (Klockwood: 989.4)
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
    memory_gib: 141             # 141 GB HBM3e (H200 product page; lzwjava table, above)
    bandwidth_gbps: 4800        # 4.8 TB/s (H200 product page; lzwjava table, above)
    load_bandwidth_gbps: 50     # host link PCIe Gen5 x16 (128 GB/s bidirectional, https://www.saulelectric.com/nvidia-h200.html), effective ~50 GB/s
    form_factor: sxm           # SXM module on an HGX baseboard (datasheet form factor)
    interconnect: {kind: nvlink, link_gbps: 370, latency_us: 9}   # same NVLink 4 / NVSwitch generation as h100-sxm (same sources); no H200-specific figure found
    tflops:
      fp32: 67                  # FP32 67 TFLOPS, identical to H100 SXM (H200 product page; from vendor datasheet; not re-checked)
      bf16: 989.5               # datasheet 1,979* (with sparsity) halved -> 989.5 dense
      fp16: 989.5               # datasheet 1,979* (with sparsity) halved -> 989.5 dense
      fp8: 1979                 # datasheet 3,958* (with sparsity, per lzwjava table) halved -> 1,979 dense
      int8: 1979                # datasheet 3,958* TOPS (with sparsity) halved -> 1,979 dense
    power_busy_w: 700           # TDP up to 700 W (H200 product page; aiminingco, above)
    power_idle_w: 75            # estimate: ~11% of 700 W; assumed slightly above H100 SXM idle (~70 W) for the larger HBM3e stacks; no published figure
    # estimate: ~$35,000 per GPU ("H200 ~ $35,000 ... ROUGH public estimates", https://www.aiinframap.com/tools/chips/h100-vs-h200-vs-b200-tco); no NVIDIA list price
    price_usd: 35000
    lifetime_years: 4           # assumption: 4-year datacenter lifetime
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
# Used only with --caching active or --residency partial; passive/binary runs never read it.
caching:
  demand: ewma                   # ewma: learn demand from arrivals; profile: the workload's own rates, one interval ahead
  half_life_s: 120               # assumption: demand older than a few minutes says little about the next one
  interval_s: 30                 # assumption: re-plan preloads every 30 s (and whenever the engine goes idle)
  post_shift_window_s: 300       # assumption: "the first requests after a shift" are those of its first 5 minutes
  partial_fractions: [0.25, 0.5, 0.75]   # assumption: layer-offloading runtimes split at layer granularity; quarters as in the issue
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
    gflops: 3.6                    # Table I (image classification, 224px)
    tasks:
      - {task: image-classification, score: 82.9}                                   # Table I
      - {task: video-classification, score: 82.8, parameters_m: 22, gflops: 167}   # Table I
      - {task: detection-segmentation, score: 45.6, parameters_m: 41, gflops: 269} # Table I ("Object detection and instance segmentation")
      - {task: semantic-segmentation, score: 46.6, parameters_m: 25, gflops: 247}  # Table I
      - {task: pose-estimation, score: 74.0, parameters_m: 25, gflops: 4.7}        # Table I

  - id: uniformer-b
    name: UniFormer-B
    family: vision
    parameters_m: 50               # Table I (image classification); Sense-X/UniFormer README, 50M
    gflops: 8.3                    # Table I
    tasks:
      - {task: image-classification, score: 83.9}                                   # Table I
      # Table I prints 22 M for UniFormer-B video classification (as for UniFormer-S); kept as printed
      - {task: video-classification, score: 84.0, parameters_m: 22, gflops: 389}
      - {task: detection-segmentation, score: 47.4, parameters_m: 69, gflops: 399} # Table I
      - {task: semantic-segmentation, score: 48.0, parameters_m: 54, gflops: 471}  # Table I
      - {task: pose-estimation, score: 75.0, parameters_m: 54, gflops: 9.2}        # Table I

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
    family: vision
    parameters_m: 859.52           # onnx-tool model zoo, UNet2DCondition SD v1.4: 859.52M (CompVis README: 860M)
    # per denoising step with classifier-free guidance (two passes of ~677 GFLOPs at a 64x64 latent):
    # Clockwork Diffusion, arXiv 2312.08128, appendix (338.61 GMACs per pass) x 2 FLOPs/MAC x 2 passes
    gflops: 1354
    tasks: []

  - id: sd-vae-decoder
    name: Stable Diffusion VAE decoder
    family: vision
    parameters_m: 49.49            # onnx-tool model zoo: VAE decoder 49.49M (encoder 34.16M)
    gflops: 2544                   # onnx-tool model zoo: 1,272 GMACs x 2 at 512x512
    tasks: []
"""##),
        ("precisions.yaml", ##"""
# pfmplan numeric precisions (schema v1): storage per weight and per KV-cache value, and the
# accuracy penalty (points subtracted from the Table I curve) per model family.
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
    # arXiv 2209.05433 reports FP8 post-training results within ~0.5 points of 16-bit on GPT-3-class models; estimate
    accuracy_penalty: {language: 0.5, vision: 0.3, multimodal: 0.3}
  - id: int8
    bytes_per_weight: 1            # LLM.int8() (Dettmers et al., arXiv 2208.07339)
    bytes_per_kv: 2                # KV cache kept in 16 bits, as LLM.int8() does
    # arXiv 2208.07339: no zero-shot degradation up to 175B for language models;
    # vision 8-bit PTQ loses ~0.3-0.5 top-1 points (PTQ4ViT, arXiv 2111.12293); estimate
    accuracy_penalty: {language: 0, vision: 0.5, multimodal: 0.5}
  - id: int4
    bytes_per_weight: 0.5          # GPTQ 4-bit (Frantar et al., arXiv 2210.17323)
    bytes_per_kv: 2
    # estimate: GPTQ 4-bit raises OPT-175B perplexity by ~0.3-0.4 and costs ~1 point on zero-shot tasks (arXiv 2210.17323, Tables 3-5);
    # 4-bit vision PTQ loses several points (arXiv 2111.12293)
    accuracy_penalty: {language: 1.0, vision: 3.0, multimodal: 3.0}
"""##),
        ("runtimes.yaml", ##"""
# pfmplan runtime profiles (schema v1): the constants of a serving stack (MODEL.md section 1
# "Runtime", sections 4 and 6), used by the v2 server (pfmplan-model(7), THE V2 SERVER).
#
# Conventions:
# - mfu_max, mfu_half_tokens: compute efficiency C(n) = peak x mfu_max x n / (n + mfu_half_tokens),
#   n = tokens (language) or items (other families) in one pass (MODEL.md section 4).
# - start_s: seconds before the weights' copy begins, per loading source (MODEL.md section 6):
#   dram = weights kept in host memory with the engine warm (swap-in), nvme = engine warm,
#   weights read from local SSD, cold = a fresh engine process.
# - First estimates from published measurements, each named; the calibration issue fits mfu_max,
#   mfu_half_tokens, mbu and pass_overhead_ms per accelerator to measured data.

schema_version: 1

runtimes:
  - id: vllm
    name: vLLM V1 (language) with Triton/diffusers-style dynamic-batching executors for the other families
    # MODEL.md's default is continuous; the v2 server runs v1's static language batches until
    # continuous batching is built ("Serving model v2, part 2").
    llm_batching: static
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
      language:   {mfu_max: 0.6, mfu_half_tokens: 128, mbu: 0.7, pass_overhead_ms: 2,
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
      # SD 1.5 512x512, 50 steps on A100: 0.14 (diffusers eager), 0.21 (compiled), 0.28 (TensorRT) of peak with the
      # catalog's FLOPs (fal-ai/stable-diffusion-benchmarks README) -> plateau 0.25, nearly reached at one image;
      # diffusers from_pretrained from a local cache ~3 s (huggingface/diffusers issue #2852) -> nvme 2.5 s
      diffusion:  {mfu_max: 0.25, mfu_half_tokens: 0.2, mbu: 0.7, pass_overhead_ms: 1,
                   start_s: {dram: 0.1, nvme: 2.5, cold: 20}}
      # estimate: Whisper large-v3 on TensorRT-LLM reaches ~0.25 of A100 FP16 peak, derived from its RTFx
      # (huggingface/open_asr_leaderboard PR #42) -> plateau 0.3
      speech:     {mfu_max: 0.3, mfu_half_tokens: 64, mbu: 0.6, pass_overhead_ms: 1,
                   start_s: {dram: 0.1, nvme: 0.5, cold: 20}}
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
    cloud_usd_per_1k_tokens: 0.02       # OpenAI davinci price after Sept 2022 (https://openai.com/api/pricing/, archived)

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
    cloud_usd_per_1k_tokens: 0.02       # as above

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
    cloud_usd_per_1k_tokens: 0.02       # as above

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
    cloud_usd_per_request: 0.0015       # Google Cloud Vision, $1.50 per 1,000 units (https://cloud.google.com/vision/pricing)

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
