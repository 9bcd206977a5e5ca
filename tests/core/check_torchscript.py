#!/usr/bin/python3
"""The receiving side of a TorchScript export (issue 23): Python's torch.jit.load, nothing
of Seekbench. Loads MODEL.pt, runs it on the input of CASE.json (its "input_ids", token ids
for the transformer, its "image", float [batch, 1, 28, 28] for the cross-modal model, or
its "inputs", each {"dtype", "values"} in the forward's order, for the AML graph model) and
compares the logits with the ones Seekbench's C++ module gave (or, given "scores", the
sigmoid of the logits with the engine's probabilities), within the case's tolerance. Prints one JSON line; exit 0 when they agree, 1 when not."""
import json
import sys

import torch

model = torch.jit.load(sys.argv[1])
model.eval()
case = json.load(open(sys.argv[2]))
if "inputs" in case:
    inputs = [torch.tensor(i["values"], dtype=torch.float32 if i["dtype"] == "float32" else torch.long)
              for i in case["inputs"]]
elif "image" in case:
    inputs = [torch.tensor(case["image"], dtype=torch.float32)]
else:
    inputs = [torch.tensor(case["input_ids"], dtype=torch.long)]
with torch.no_grad():
    out = model(*inputs)
if "scores" in case:
    out = torch.sigmoid(out)
expected = torch.tensor(case["scores"] if "scores" in case else case["logits"], dtype=torch.float32)
same_shape = list(out.shape) == list(expected.shape)
diff = float((out - expected).abs().max()) if same_shape else float("inf")
ok = same_shape and torch.allclose(out, expected, atol=case["atol"], rtol=case["rtol"])
print(json.dumps({"shape": list(out.shape), "max_abs_diff": diff, "ok": bool(ok)}))
sys.exit(0 if ok else 1)
