"""Builds Tests/validation/published.csv from the rows_*.py files next to it.

Each rows_*.py file calls add(category, model, accelerator, count, precision, runtime, batch, tokens_in,
tokens_out, metric, value, unit, source, notes, catalog_model, catalog_accelerator) once per published number,
with the number copied from the named source. A catalog_model ending in "~" is a stand-in (a different model of
the same family: nearest_model); a catalog_accelerator ending in "?" is a stand-in (nearest_accelerator).

    python3 Tests/validation/published_src/build.py [OUT.csv]
"""
import csv, os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
R = []
def add(*a): R.append(a)
for f in sorted(x for x in os.listdir(HERE) if x.startswith("rows_") and x.endswith(".py")):
    src = open(os.path.join(HERE, f)).read()
    src = src.replace("R = []\ndef add(*a): R.append(a)\n", "")
    exec(src, {"add": add, "R": R, "__builtins__": __builtins__})
def fnv1a64(text):
    h = 0xCBF29CE484222325
    for b in text.encode("utf-8"):
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h

def split_of(r):
    # fit when FNV-1a-64 of "category|model|accelerator|count|precision|runtime|batch|tokens_in|tokens_out|metric" is even
    key = "|".join(str(r[i]) for i in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
    return "fit" if fnv1a64(key) % 2 == 0 else "heldout"

cols = ["category","model","accelerator","count","precision","runtime","batch","tokens_in","tokens_out","metric","value","unit","source","notes","catalog_model","catalog_accelerator","catalog_match","split"]
dest = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "published.csv")
out = csv.writer(open(dest,"w",newline=""), lineterminator="\n")
out.writerow(cols)
for r in R:
    assert len(r) == 16, r
    r = list(r)
    cm, caa = r[14], r[15]
    nm = cm.endswith("~"); na = caa.endswith("?")
    r[14] = cm.rstrip("~"); r[15] = caa.rstrip("?")
    if not r[14] and r[0] not in ("vision",):
        match = "no_catalog_model"
    elif not r[15]:
        match = "no_catalog_accelerator"
    else:
        match = {(False,False):"exact",(True,False):"nearest_model",(False,True):"nearest_accelerator",(True,True):"nearest_model_and_accelerator"}[(nm,na)]
    if r[0] == "vision" and not r[14]:
        match = "no_catalog_model"
    if r[0] == "diffusion" and r[14] in ("sd-unet","sdxl-unet"):
        match = ("nearest_accelerator" if na else "exact") + "_pipeline"  # whole pipeline measured; catalog id names its UNet
    out.writerow(r+[match, split_of(r)])
print(len(R), "rows")
