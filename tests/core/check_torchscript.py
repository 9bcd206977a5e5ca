#!/usr/bin/python3
"""The receiving side of a TorchScript export (issue 23): Python's torch.jit.load, nothing
of Seekbench. Loads MODEL.pt, runs it on the input ids of CASE.json and compares the logits
with the ones Seekbench's C++ module gave, within the case's tolerance. Prints one JSON
line; exit 0 when they agree, 1 when not."""
import json
import sys

import torch

model = torch.jit.load(sys.argv[1])
model.eval()
case = json.load(open(sys.argv[2]))
ids = torch.tensor(case["input_ids"], dtype=torch.long)
with torch.no_grad():
    out = model(ids)
expected = torch.tensor(case["logits"], dtype=torch.float32)
same_shape = list(out.shape) == list(expected.shape)
diff = float((out - expected).abs().max()) if same_shape else float("inf")
ok = same_shape and torch.allclose(out, expected, atol=case["atol"], rtol=case["rtol"])
print(json.dumps({"shape": list(out.shape), "max_abs_diff": diff, "ok": bool(ok)}))
sys.exit(0 if ok else 1)
